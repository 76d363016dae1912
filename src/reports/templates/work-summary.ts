/**
 * 依法治市（县）工作总结 (seed 000): 主要工作; 存在问题; 下一步工作. Every sentence is a figure, a record
 * quoted, wording chosen by the records, or the officer's own words (own, marked until she confirms);
 * a negative prints only once a person confirmed it. The text speaks as `we(ctx)` (全市民政系统 in a roll-up).
 */
import { yearPeriod } from '../../figures/evaluate.ts';
import { TASK_KINDS, inspectionTask } from '../../modules/enforcement/enforcement.ledger.ts';
import { planTask, problem } from '../../modules/plan/plan.ledger.ts';
import { cnNumber, lead, n, numberLeads, own, p, section, type Template, type TemplateCtx, when, whenNone, scopeNote } from '../builder.ts';
import type { Block, ReportContent, Run } from '../../contract.ts';
import { defaultDate, levelChar, PUBLICITY_FIGURES, publicityRuns, sentence, STUDY_FIGURES, studyRuns, we } from './common.ts';
import { adviserFirms, bare, byNo, firstOfEach, joinRuns, leadingGroupRuns, nu, onceInRollup, planNames } from './prose.ts';

const FIGURES = [
  ...STUDY_FIGURES,
  ...PUBLICITY_FIGURES,
  'org.leading_group_members',
  'plan.tasks',
  'plan.tasks_done',
  'plan.tasks_done_rate',
  'decision.collective',
  'decision.major',
  'disclosure.proactive',
  'disclosure.requests',
  'adviser.advisers',
  'adviser.lectures',
  'adviser.opinions',
  'enforcement.random_tasks',
  'enforcement.random_single',
  'enforcement.random_joint_initiated',
  'enforcement.random_joint_received',
  'enforcement.inspected_objects',
  'enforcement.random_completed',
  'enforcement.results_published_rate',
] as const;

/** The figure and the words of each kind of 双随机 task (TASK_KINDS). */
const TASK_KIND_RUNS: Record<(typeof TASK_KINDS)[number], [string, string]> = {
  单部门: ['enforcement.random_single', '单部门抽查'],
  跨部门发起: ['enforcement.random_joint_initiated', '发起跨部门联合抽查'],
  跨部门接收: ['enforcement.random_joint_received', '参与其他部门发起的跨部门联合抽查'],
};

/** 双随机、一公开: all tasks, split by the kinds the year's tasks had. */
async function randomInspectionRuns(ctx: TemplateCtx): Promise<Run[]> {
  const recs = await ctx.records(inspectionTask);
  const kinds = TASK_KINDS.filter((k) => recs.some((r) => r.data.kind === k));
  const split = kinds.map((k) => {
    const [key, words] = TASK_KIND_RUNS[k];
    return [words, ...nu(key)];
  });
  return [
    when(
      'enforcement.random_tasks',
      [
        '推进“双随机、一公开”监管，全年开展抽查任务',
        ...nu('enforcement.random_tasks'),
        ...(split.length ? ['（其中', ...joinRuns(split), '）'] : []),
        when('enforcement.inspected_objects', ['，检查对象', ...nu('enforcement.inspected_objects')], []),
        when('enforcement.random_completed', ['，已完成抽查任务的检查结果公示率', n('enforcement.results_published_rate')], []),
        '。',
      ],
      [],
    ),
  ];
}

async function mainWork(ctx: TemplateCtx): Promise<Block[]> {
  const plans = ctx.rollup ? '' : planNames(await ctx.records(planTask));
  const firms = await adviserFirms(ctx);
  return numberLeads([
    lead(
      2,
      '认真落实普法责任制。',
      '一是加强组织领导。',
      ...(await leadingGroupRuns(ctx, 'ws-group')),
      own(
        'ws-group-work',
        '领导小组怎样运作：工作机制、会议研究部署情况（台账没有记录的部分）',
        '形成一把手负总责、分管领导亲自抓、科室负责人具体抓的工作机制。',
      ),
      '二是',
      when(
        'plan.tasks',
        [
          plans ? `按照${plans}，` : '',
          '分解年度法治建设工作任务',
          ...nu('plan.tasks'),
          whenNone('plan.tasks_done', ['，已完成', ...nu('plan.tasks_done'), '，完成率', n('plan.tasks_done_rate')], '，尚无已完成的任务'),
          '。',
        ],
        [
          own(
            'ws-plan',
            '年度普法依法治理工作要点的制定和任务分解情况（工作任务台账中没有本年度任务）',
            '制定年度普法依法治理工作要点，明确责任科室和时间节点。',
          ),
        ],
      ),
      '三是',
      own(
        'ws-agenda',
        '依法治理工作纳入议事日程、岗位目标责任考核的情况',
        `将依法治${levelChar(ctx.org.level)}工作纳入重要议事日程和岗位目标责任制考核，与民政中心工作同研究、同部署。`,
      ),
    ),
    lead(
      2,
      '抓好领导干部学法用法。',
      own(
        'ws-study',
        '领导干部学法制度的建立和执行情况',
        '进一步完善领导干部学法、考法和法治讲座等制度，以领导干部学法用法带动全体干部职工学法用法。',
      ),
      ...(await studyRuns(ctx)),
    ),
    lead(
      2,
      '开展普法宣传教育活动。',
      own(
        'ws-publicity',
        '普法阵地和日常普法方式（宣传栏、服务窗口、公开栏等），普法宣传活动台账没有记录的部分',
        '在机关办公楼设置法治宣传栏，利用社会救助专员、婚姻登记窗口、村（居）委会公开栏开展普法宣传。',
      ),
      ...(await publicityRuns(ctx)),
    ),
    lead(
      2,
      '严格依法行政。',
      '一是',
      own('ws-decision', '民主决策机制的建立和执行情况', '建立健全科学民主决策机制，凡涉及群众切身利益的重要事项均经班子集体研究决定'),
      when('decision.collective', ['，全年集体研究决定“三重一大”事项', ...nu('decision.collective')], []),
      when('decision.major', ['，作出重大行政决策', ...nu('decision.major')], []),
      '。二是',
      when(
        'disclosure.proactive',
        [
          '推进政务公开，全年主动公开政府信息',
          ...nu('disclosure.proactive'),
          when('disclosure.requests', ['，收到政府信息公开申请', ...nu('disclosure.requests')], []),
          '。',
        ],
        [own('ws-disclosure', '政务公开工作情况（主动公开信息台账中没有本年度公开的信息）', '推进政务公开。')],
      ),
      '三是',
      when(
        'adviser.advisers',
        [
          firms.length ? `聘请${firms.join('、')}律师担任常年法律顾问` : '实行法律顾问制度',
          '，现有法律顾问和公职律师',
          ...nu('adviser.advisers'),
          when('adviser.lectures', ['，法律顾问开展讲座', ...nu('adviser.lectures')], []),
          whenNone('adviser.opinions', ['，出具法律意见书', ...nu('adviser.opinions')], '，法律顾问本年度未出具书面法律意见'),
          '。',
        ],
        [own('ws-adviser', '法律顾问制度的落实情况（法律顾问名册中没有本年度在聘的法律顾问）', '落实法律顾问制度。')],
      ),
    ),
    lead(
      2,
      '巩固深化民政领域“放管服”改革。',
      own(
        'ws-reform',
        '权责清单调整、政务服务标准化、“跨省通办”“一网通办”等工作情况（台账没有记录）',
        '动态调整权责事项清单，常态化做好政务服务事项标准化建设，持续推进婚姻登记等政务服务事项“跨省通办”。',
      ),
      ...(await randomInspectionRuns(ctx)),
    ),
  ]);
}

/** Problems found this year (to be rectified next year: problem.year = year + 1), as found. */
async function problems(ctx: TemplateCtx): Promise<Block[]> {
  const L = levelChar(ctx.org.level);
  const found = onceInRollup(
    ctx,
    (await ctx.records(problem, yearPeriod(ctx.year + 1))).filter((r) => !r.data.foundYear || r.data.foundYear === ctx.year),
  );
  if (!found.length) {
    return [
      p(
        own(
          'ws-problems',
          `问题整改台账中没有${ctx.year}年发现的问题。请写明本年度工作存在的不足及原因，并在问题整改台账中登记，以便下一年度报告整改情况`,
          `${ctx.year}年，${we(ctx)}依法治${L}工作还存在一些不足：一是普法宣传教育的方法还有待进一步丰富，对重点普法对象的法治宣传教育还有待加强；二是部分干部职工学法的积极性和自觉性还不够强，学法、用法、遵法的成效需要继续巩固。`,
        ),
      ),
    ];
  }
  return [
    p(`${ctx.year}年，${we(ctx)}依法治${L}工作还存在以下不足：`),
    ...found.map((r, i) =>
      p(
        `${cnNumber(i + 1)}是${bare(r.title)}。`,
        r.data.cause ? `主要原因：${sentence(r.data.cause)}` : '',
        r.data.measures ? `整改措施：${sentence(r.data.measures)}` : '',
        r.data.effect ? `整改成效：${sentence(r.data.effect)}` : '',
      ),
    ),
  ];
}

/** Next year's tasks from the 工作任务台账, all of them, by 序号. */
async function nextSteps(ctx: TemplateCtx): Promise<Block[]> {
  const tasks = byNo((await ctx.records(planTask, yearPeriod(ctx.year + 1))).filter((r) => r.status !== '已取消'));
  const listed = ctx.rollup ? firstOfEach(tasks, (r) => bare(r.title)) : tasks;
  if (listed.length)
    return numberLeads(listed.map((r) => lead(2, sentence(r.title), r.data.target ? sentence(`量化指标：${r.data.target}`) : '')));
  return [
    p(
      own(
        'ws-next',
        `工作任务台账中还没有${ctx.year + 1}年的任务。请写明下一步工作安排，或先在工作任务台账中登记${ctx.year + 1}年任务后重新生成`,
        '（一）以党的二十大精神为统领，进一步强化政治理论学习，着力提高依法行政执行力。（二）以贯彻落实民政法律法规为主线，进一步加强“八五”普法工作，面向社会采取多种形式宣传民政法律法规。（三）加强监督检查，推进依法行政，继续做好规范性文件合法性审核和备案工作，落实规范性文件定期清理制度。（四）加强执法信息公开，将执法检查结果如实录入“双随机、一公开”监管平台，自觉接受社会监督。',
      ),
    ),
  ];
}

export const workSummary: Template = {
  kind: 'work-summary',
  label: '依法治市（县）工作总结',
  yearHint: '总结年度',
  figures: FIGURES,
  required: ['study.central_group', 'org.leading_group_members', 'publicity.activities'],
  published: false,
  build: async (ctx): Promise<ReportContent> => {
    const note = await scopeNote(ctx);
    const L = levelChar(ctx.org.level);
    const date = defaultDate(ctx);
    return {
      title: `${ctx.org.name}${ctx.year}年依法治${L}工作总结`,
      addressee: `${L}委全面依法治${L}委员会办公室`,
      preamble: [
        p(
          own(
            'ws-preamble',
            '开篇：本年度依法治理工作的指导思想、工作重点和总体评价',
            `${ctx.year}年以来，${we(ctx)}在${L}委、${L}政府的正确领导下，坚持以习近平新时代中国特色社会主义思想为指导，认真学习贯彻习近平法治思想，以落实“谁执法谁普法”责任制为重点，扎实推进依法治${L}各项工作，取得了一定成效。`,
          ),
          `现将${ctx.year}年依法治${L}工作总结如下：`,
        ),
      ],
      sections: [
        section('main', '一、主要工作', await mainWork(ctx)),
        section('problems', '二、存在问题', await problems(ctx)),
        section('next', '三、下一步工作', await nextSteps(ctx)),
      ],
      attachments: [],
      signature: ctx.org.name,
      date,
      ...(note ? { note } : {}),
      copyTo: [],
      printer: null,
      secrecyReviewed: false,
    };
  },
};
