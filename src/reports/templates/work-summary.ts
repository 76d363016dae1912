/** 依法治市（县）工作总结 (seed 000): 主要工作; 存在问题; 下一步工作. */
import { yearPeriod } from '../../figures/evaluate.ts';
import { lead, n, numberLeads, p, section, type Template, type TemplateCtx, when } from '../builder.ts';
import type { Block, ReportContent } from '../model.ts';
import { defaultDate, levelChar, PUBLICITY_FIGURES, publicityRuns, rollupNote, sentence, STUDY_FIGURES, studyRuns, we } from './common.ts';
import { planTask, problem } from '../../modules/plan/plan.ledger.ts';

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
  'adviser.lectures',
  'adviser.opinions',
  'enforcement.random_single',
  'enforcement.inspected_objects',
  'enforcement.results_published_rate',
] as const;

async function mainWork(ctx: TemplateCtx): Promise<Block[]> {
  const L = levelChar(ctx.org.level);
  return numberLeads([
    lead(
      2,
      '认真落实普法责任制。',
      `一是加强组织领导。成立由局党组书记、局长任组长，班子成员任副组长，各科室和下属事业单位主要负责人为成员的全面依法治${L}工作领导小组`,
      when('org.leading_group_members', ['（现有成员', n('org.leading_group_members'), '名）'], []),
      '，形成一把手负总责、分管领导亲自抓、科室负责人具体抓的工作机制。',
      when(
        'plan.tasks',
        [
          `二是制定年度普法依法治理工作要点，分解工作任务`,
          n('plan.tasks'),
          '项，已完成',
          n('plan.tasks_done'),
          '项，完成率',
          n('plan.tasks_done_rate'),
          '。',
        ],
        ['二是制定年度普法依法治理工作要点，明确责任科室和时间节点。'],
      ),
      when(
        'publicity.duty_items',
        ['三是制定普法责任清单，明确普法责任事项', n('publicity.duty_items'), '项，确保普法工作的针对性和实效性。'],
        ['三是着手制定普法责任清单，确保普法工作的针对性和实效性。'],
      ),
    ),
    lead(
      2,
      '抓好领导干部学法用法。',
      '进一步完善领导干部学法、考法和法治讲座等制度，以领导干部学法用法带动全体干部职工学法用法。',
      ...(await studyRuns(ctx)),
    ),
    lead(
      2,
      '开展普法宣传教育活动。',
      '在机关办公楼设置法治宣传栏，利用社会救助专员、婚姻登记窗口、村（居）委会公开栏开展普法宣传。',
      ...(await publicityRuns(ctx)),
    ),
    lead(
      2,
      '严格依法行政。',
      '一是建立健全科学民主决策机制，凡涉及群众切身利益的重要事项，均经班子集体研究决定',
      when('decision.collective', ['，全年集体决策', n('decision.collective'), '项'], []),
      when('decision.major', ['，作出重大行政决策', n('decision.major'), '项'], []),
      '。二是全面推进政务公开',
      when('disclosure.proactive', ['，全年主动公开政府信息', n('disclosure.proactive'), '条'], []),
      '。三是实行法律顾问制度',
      when('adviser.lectures', ['，法律顾问开展讲座', n('adviser.lectures'), '次'], []),
      when('adviser.opinions', ['，出具法律意见书', n('adviser.opinions'), '份'], ['，法律顾问本年度未出具书面法律意见']),
      '。',
    ),
    lead(
      2,
      '巩固深化民政领域“放管服”改革。',
      '动态调整权责事项清单，常态化做好政务服务事项标准化建设，持续推进婚姻登记等政务服务事项“跨省通办”。',
      when(
        'enforcement.random_single',
        [
          '推进“双随机、一公开”监管，设置抽查任务',
          n('enforcement.random_single'),
          '个',
          when(
            'enforcement.inspected_objects',
            ['，检查机构', n('enforcement.inspected_objects'), '家，检查结果公示率', n('enforcement.results_published_rate')],
            [],
          ),
          '。',
        ],
        [],
      ),
    ),
  ]);
}

async function problems(ctx: TemplateCtx): Promise<Block[]> {
  const recs = (await ctx.records(problem, yearPeriod(ctx.year + 1))).slice(0, 5);
  const ord = ['一', '二', '三', '四', '五'];
  if (recs.length) {
    return [
      p(
        `${ctx.year}年，${we(ctx)}认真履行各项工作职能，但还存在一些不足：`,
        recs.map((r, i) => `${ord[i]}是${r.title.replace(/[。；]$/, '')}`).join('；'),
        '。',
      ),
    ];
  }
  return [
    p(
      `${ctx.year}年，${we(ctx)}认真履行各项工作职能，取得了一定成绩，但还存在一些不足：一是普法宣传教育的方法还有待进一步丰富，对重点普法对象的法治宣传教育还有待加强；二是部分干部职工学法的积极性和自觉性还不够强，学法、用法、遵法的成效需要继续巩固。`,
    ),
  ];
}

async function nextSteps(ctx: TemplateCtx): Promise<Block[]> {
  const tasks = (await ctx.records(planTask, yearPeriod(ctx.year + 1))).filter((r) => r.status !== '已取消').slice(0, 8);
  if (tasks.length)
    return numberLeads(
      tasks.map((r) => lead(2, sentence(r.title), (r.data.target ?? '') ? sentence(`量化指标：${r.data.target ?? ''}`) : '')),
    );
  return numberLeads([
    lead(2, '以党的二十大精神为统领，进一步强化政治理论学习。', '着力提高依法行政执行力，全力以赴推动民政依法行政工作向纵深发展。'),
    lead(
      2,
      '以贯彻落实民政法律法规为主线，进一步加强“八五”普法工作。',
      '面向社会采取多种形式大力宣传民政法律法规，形成知法、守法、依法履职的良好氛围。',
    ),
    lead(2, '加强监督检查，推进依法行政。', '继续加强规范性文件合法性审核和备案工作，落实规范性文件定期清理制度。'),
    lead(2, '加强执法信息公开。', '坚持“公开为常态、不公开为例外”，将执法检查结果如实录入“双随机、一公开”监管平台，自觉接受社会监督。'),
  ]);
}

export const workSummary: Template = {
  kind: 'work-summary',
  label: '依法治市（县）工作总结',
  yearHint: '总结年度',
  figures: FIGURES,
  required: ['study.central_group', 'org.leading_group_members', 'publicity.activities'],
  published: false,
  build: async (ctx): Promise<ReportContent> => {
    const L = levelChar(ctx.org.level);
    const date = defaultDate(ctx);
    return {
      title: `${ctx.org.name}${ctx.year}年依法治${L}工作总结`,
      addressee: `${L}委全面依法治${L}委员会办公室`,
      preamble: [
        p(
          `${ctx.year}年以来，${we(ctx)}在${L}委、${L}政府的正确领导下，坚持以习近平新时代中国特色社会主义思想为指导，认真学习贯彻习近平法治思想，以落实“谁执法谁普法”责任制为重点，扎实推进依法治${L}各项工作，取得了一定成效。现将${ctx.year}年依法治${L}工作总结如下：`,
          ...rollupNote(ctx),
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
      copyTo: [],
      printer: null,
      secrecyReviewed: false,
    };
  },
};
