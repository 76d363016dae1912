/**
 * 法治政府建设年度报告 (seeds 004 and 001). The five sections are fixed by 《法治政府建设与责任落实督察
 * 工作规定》 (厅字〔2019〕28号) and must stay in this order; 报送 before 03-01, 公开 before 04-01.
 */
import { yearPeriod } from '../../figures/evaluate.ts';
import { lead, n, quote, numberLeads, p, section, type Template, type TemplateCtx, when } from '../builder.ts';
import type { Block, ReportContent } from '../model.ts';
import { defaultDate, levelChar, PUBLICITY_FIGURES, publicityRuns, rollupNote, sentence, STUDY_FIGURES, studyRuns, we } from './common.ts';
import { planTask, problem } from '../../modules/plan/plan.ledger.ts';

export const ANNUAL_SECTION_HEADINGS = (year: number): string[] => [
  `一、${year}年度推进法治政府建设的主要举措和成效`,
  `二、${year}年度推进法治政府建设存在的不足和原因`,
  `三、${year}年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况`,
  `四、${year + 1}年度推进法治政府建设的主要安排`,
  '五、其他需要报告的情况',
];

const FIGURES = [
  ...STUDY_FIGURES,
  ...PUBLICITY_FIGURES,
  'adviser.opinions',
  'adviser.lectures',
  'adviser.normdoc_reviews',
  'adviser.contract_reviews',
  'adviser.litigation',
  'decision.major',
  'decision.major_reviewed',
  'decision.collective',
  'normdoc.issued',
  'normdoc.reviewed',
  'normdoc.filed',
  'normdoc.filed_on_time',
  'normdoc.repealed',
  'normdoc.in_force',
  'normdoc.cleanups',
  'disclosure.proactive',
  'disclosure.requests',
  'disclosure.requests_on_time_rate',
  'oversight.npc',
  'oversight.cppcc',
  'oversight.suggestions_answered',
  'oversight.suggestions_answer_rate',
  'oversight.lawsuits',
  'oversight.reconsiderations',
  'oversight.cases_lost',
  'oversight.head_appearances',
  'oversight.petitions',
  'org.officers_certified',
  'org.leading_group_members',
  'enforcement.cases',
  'enforcement.legal_reviews',
  'enforcement.random_single',
  'enforcement.random_joint_initiated',
  'enforcement.random_joint_received',
  'enforcement.inspected_objects',
  'enforcement.results_published_rate',
  'enforcement.leads_transferred',
  'plan.tasks',
  'plan.tasks_done',
  'plan.tasks_done_rate',
  'plan.problems',
  'plan.problems_rectified',
  'plan.rectify_rate',
] as const;

async function measures(ctx: TemplateCtx): Promise<Block[]> {
  const us = we(ctx);
  return numberLeads([
    lead(
      2,
      '加强学法用法，提升依法行政能力。',
      '将学习宣传贯彻习近平法治思想纳入年度干部教育培训计划，把习近平法治思想作为局党组理论学习中心组学习重点内容，领导班子带头学，“一把手”亲自抓。',
      ...(await studyRuns(ctx)),
    ),
    lead(
      2,
      '落实“谁执法谁普法”责任制，深化法治宣传教育。',
      '将普法宣传教育渗透到执法办案和窗口服务全过程，利用以案说法、以案普法、以案学法等方式把民政法律法规深入普及下去。',
      ...(await publicityRuns(ctx)),
    ),
    lead(
      2,
      '发挥法律顾问作用，夯实依法决策基础。',
      '坚持常年法律顾问制度，法律顾问参与重大决策、规范性文件审查、合同审查和涉法涉诉事项处置。',
      when('adviser.opinions', ['全年法律顾问出具法律意见书', n('adviser.opinions'), '份'], ['本年度法律顾问未出具书面法律意见']),
      when('adviser.normdoc_reviews', ['，审查行政规范性文件', n('adviser.normdoc_reviews'), '件'], []),
      when('adviser.contract_reviews', ['，审查合同', n('adviser.contract_reviews'), '件'], []),
      when('adviser.lectures', ['，开展法治讲座', n('adviser.lectures'), '次'], []),
      when('adviser.litigation', ['，参与办理涉法涉诉案件', n('adviser.litigation'), '件'], []),
      '。',
    ),
    lead(
      2,
      '严格依法决策，规范决策程序。',
      '严格执行“三重一大”集体决策制度，大额财务支出、基建项目、人事安排等事项均经局党组会研究决定，坚决防止“一言堂”。',
      when('decision.collective', ['全年集体研究决定“三重一大”事项', n('decision.collective'), '项。'], []),
      when(
        'decision.major',
        [
          '全年作出重大行政决策',
          n('decision.major'),
          '项，经合法性审查',
          n('decision.major_reviewed'),
          '项，均履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序。',
        ],
        ['本年度未作出重大行政决策事项。'],
      ),
      when(
        'normdoc.issued',
        [
          '全年制发行政规范性文件',
          n('normdoc.issued'),
          '件，经合法性审核',
          n('normdoc.reviewed'),
          '件，报送备案',
          n('normdoc.filed'),
          '件，其中按时备案',
          n('normdoc.filed_on_time'),
          '件',
        ],
        ['本年度未制发行政规范性文件'],
      ),
      when(
        'normdoc.cleanups',
        ['；开展规范性文件清理', n('normdoc.cleanups'), '次', when('normdoc.repealed', ['，废止文件', n('normdoc.repealed'), '件'], [])],
        [],
      ),
      when('normdoc.in_force', ['；目前现行有效的规范性文件', n('normdoc.in_force'), '件'], []),
      '。',
    ),
    lead(
      2,
      '深化政务公开，保障群众知情权。',
      '坚持“公开为常态、不公开为例外”，',
      when(
        'disclosure.proactive',
        ['全年主动公开政府信息', n('disclosure.proactive'), '条，涵盖政策文件、工作动态、办事指南等方面'],
        ['依法做好政府信息主动公开工作'],
      ),
      when(
        'disclosure.requests',
        ['；受理政府信息公开申请', n('disclosure.requests'), '件，按时答复率', n('disclosure.requests_on_time_rate')],
        ['；全年未收到政府信息公开申请'],
      ),
      '。',
    ),
    lead(
      2,
      '自觉接受监督，依法化解行政争议。',
      when('oversight.npc', [`${ctx.year}年${us}共承办人大代表建议`, n('oversight.npc'), '件'], [`${ctx.year}年${us}未承办人大代表建议`]),
      when('oversight.cppcc', ['、政协提案', n('oversight.cppcc'), '件'], ['，未承办政协提案']),
      when(
        'oversight.suggestions_answered',
        ['，已办结答复', n('oversight.suggestions_answered'), '件，办复率', n('oversight.suggestions_answer_rate')],
        [],
      ),
      '。',
      when(
        'oversight.lawsuits',
        [
          '全年发生行政诉讼案件',
          n('oversight.lawsuits'),
          '起',
          when('oversight.head_appearances', ['，行政机关负责人出庭应诉', n('oversight.head_appearances'), '次'], []),
        ],
        ['全年未发生行政诉讼案件'],
      ),
      when('oversight.reconsiderations', ['，收到行政复议申请', n('oversight.reconsiderations'), '件'], ['，未收到行政复议申请']),
      when('oversight.cases_lost', ['，败诉（被纠错）', n('oversight.cases_lost'), '起'], ['，没有发生败诉现象']),
      when('oversight.petitions', ['。依法办理信访事项', n('oversight.petitions'), '件，落实首问负责制'], []),
      '。',
    ),
    lead(
      2,
      '严格规范公正文明执法。',
      '落实行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”，',
      when('org.officers_certified', ['全局持有效行政执法证件人员', n('org.officers_certified'), '名'], ['目前尚无持有效行政执法证件人员']),
      when(
        'enforcement.cases',
        [
          '，全年办理行政执法案件',
          n('enforcement.cases'),
          '件',
          when(
            'enforcement.legal_reviews',
            ['，其中经重大执法决定法制审核', n('enforcement.legal_reviews'), '件'],
            ['，未发生重大执法决定法制审核情况'],
          ),
        ],
        ['，全年未办理行政处罚案件，未发生重大执法决定法制审核情况'],
      ),
      '。推进“双随机、一公开”监管，',
      when('enforcement.random_single', ['设置单部门抽查任务', n('enforcement.random_single'), '个'], ['未设置单部门抽查任务']),
      when('enforcement.random_joint_initiated', ['，发起跨部门联合抽查任务', n('enforcement.random_joint_initiated'), '个'], []),
      when('enforcement.random_joint_received', ['，接收跨部门联合抽查任务', n('enforcement.random_joint_received'), '个'], []),
      when(
        'enforcement.inspected_objects',
        ['，共检查机构', n('enforcement.inspected_objects'), '家，检查结果公示率', n('enforcement.results_published_rate')],
        [],
      ),
      when('enforcement.leads_transferred', ['；向综合行政执法部门移交案件线索', n('enforcement.leads_transferred'), '条'], []),
      '。',
    ),
    lead(
      2,
      '压实年度任务，推动工作落实。',
      '将法治政府建设任务分解纳入年度工作要点，编制工作任务台账，明确责任科室和完成时限。',
      when(
        'plan.tasks',
        ['全年安排法治建设工作任务', n('plan.tasks'), '项，已完成', n('plan.tasks_done'), '项，完成率', n('plan.tasks_done_rate'), '。'],
        ['将法治政府建设任务纳入年度工作统筹推进。'],
      ),
    ),
  ]);
}

async function shortcomings(ctx: TemplateCtx): Promise<Block[]> {
  // Problems found this year are rectified (and reported) next year: problem.year = year + 1.
  const open = (await ctx.records(problem, yearPeriod(ctx.year + 1))).filter(
    (r) => (r.data.foundYear ?? '') === String(ctx.year) || !(r.data.foundYear ?? ''),
  );
  if (open.length) {
    return numberLeads(open.slice(0, 8).map((r) => lead(2, sentence(r.title), (r.data.cause ?? '') ? sentence(r.data.cause ?? '') : '')));
  }
  return numberLeads([
    lead(2, '普法宣传教育形式不够丰富。', '对重点普法对象的法治宣传教育还有待加强，受客观因素制约，法治宣传有时流于形式，效果不够理想。'),
    lead(
      2,
      '干部职工的法治意识有待提高。',
      '部分干部职工学法的积极性和自觉性还不够高，没有摆正民政业务工作和法治建设工作的关系，依法行政能力需要继续提升。',
    ),
    lead(
      2,
      '法治工作力量相对薄弱。',
      '具体负责法治工作的人员少且兼顾其他工作，持证执法人员数量不足，日常法制工作与民政业务工作衔接有待加强。',
    ),
  ]);
}

function firstResponsible(): Block[] {
  return numberLeads([
    lead(
      2,
      '深入学习贯彻习近平法治思想，加强对法治建设的领导。',
      '局主要负责人切实履行推进法治建设第一责任人职责，对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。根据人员变动情况及时调整法治建设工作领导小组，',
      when('org.leading_group_members', ['领导小组现有成员', n('org.leading_group_members'), '名'], ['明确领导小组成员分工']),
      '，形成主要领导负总责、分管领导具体抓、各科室协同落实的工作格局。',
    ),
    lead(
      2,
      '带头尊法学法守法用法。',
      '主要负责人带头参加党组理论学习中心组学法，',
      when('study.central_group', ['全年主持中心组专题学法', n('study.central_group'), '次'], ['本年度中心组专题学法有待加强']),
      '，把提高干部依法行政能力列入年度工作计划和普法计划重点内容。',
    ),
    lead(
      2,
      '严格执行重大行政决策法定程序。',
      '坚持民主集中制，',
      when(
        'decision.collective',
        ['全年提交集体讨论决定的“三重一大”事项', n('decision.collective'), '项'],
        ['“三重一大”事项一律提交集体讨论决定'],
      ),
      '，重大决策事前听取法律顾问意见，未经合法性审查的不提交讨论。',
    ),
  ]);
}

async function nextYear(ctx: TemplateCtx): Promise<Block[]> {
  const tasks = (await ctx.records(planTask, yearPeriod(ctx.year + 1)))
    .filter((r) => r.status !== '已取消')
    .sort((a, b) => Number(a.data.no ?? 9999) - Number(b.data.no ?? 9999));
  if (tasks.length) {
    return tasks.slice(0, 20).map((r, i) => {
      const target = r.data.target ?? '';
      return p(`${i + 1}.`, sentence(r.title), target ? sentence(`量化指标：${target}`) : '');
    });
  }
  return numberLeads([
    lead(
      2,
      '深入学习贯彻习近平法治思想，持续推进依法行政。',
      '把习近平法治思想作为党组理论学习中心组和干部职工学法的重点内容，推动民政依法行政工作向纵深发展。',
    ),
    lead(
      2,
      '加强普法宣传，创新宣传形式。',
      '落实“谁执法谁普法”普法责任制，结合重要时间节点和民政服务窗口开展法治宣传，充分利用新媒体扩大覆盖面。',
    ),
    lead(2, '加强行政规范性文件管理。', '严格履行合法性审核和备案程序，按照定期清理制度对不符合上位法规定的文件及时废止或修改。'),
    lead(
      2,
      '严格规范公正文明执法。',
      '健全完善“双随机、一公开”、信用监管等监管机制，严格落实执法人员持证上岗和资格管理制度，规范执法案卷。',
    ),
  ]);
}

async function other(ctx: TemplateCtx): Promise<Block[]> {
  const probs = await ctx.records(problem);
  const list = probs
    .slice(0, 8)
    .map((r) => `${quote(r.title.replace(/[。；]$/, ''))}（${r.status ?? '未整改'}）`)
    .join('、');
  return numberLeads([
    lead(
      2,
      '上年度报告所提问题整改情况。',
      when(
        'plan.problems',
        [
          '对上年度报告和督察检查中发现的问题逐项建立整改台账，明确责任科室和整改时限，共梳理问题',
          n('plan.problems'),
          '个，已完成整改',
          n('plan.problems_rectified'),
          '个，整改完成率',
          n('plan.rectify_rate'),
          list ? `。问题包括${list}` : '',
          '。',
        ],
        ['上年度报告未提出需要整改的问题。'],
      ),
    ),
    lead(
      2,
      '报告报送和公开安排。',
      `本报告按规定于${ctx.year + 1}年3月1日前报送${levelChar(ctx.org.level)}委、${levelChar(ctx.org.level)}政府和上一级民政部门，经保密审查后于${ctx.year + 1}年4月1日前通过门户网站向社会公开。`,
    ),
  ]);
}

export const annualReport: Template = {
  kind: 'annual-report',
  label: '法治政府建设年度报告',
  yearHint: '报告年度（上一年度）',
  figures: FIGURES,
  required: [
    'study.central_group',
    'org.leading_group_members',
    'publicity.activities',
    'disclosure.proactive',
    'plan.tasks',
    'plan.problems',
  ],
  published: true,
  build: async (ctx): Promise<ReportContent> => {
    const L = levelChar(ctx.org.level);
    const headings = ANNUAL_SECTION_HEADINGS(ctx.year);
    const date = defaultDate(ctx);
    return {
      title: `${ctx.org.name}${ctx.year}年度法治政府建设情况报告`,
      addressee: `${L}委、${L}政府`,
      preamble: [
        p(
          `${ctx.year}年，${we(ctx)}在${L}委、${L}政府的正确领导下，以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，坚持“民政为民、民政爱民”工作理念，全面推进法治民政建设。按照《法治政府建设与责任落实督察工作规定》要求，现将${ctx.year}年度法治政府建设情况报告如下：`,
          ...rollupNote(ctx),
        ),
      ],
      sections: [
        section('measures', headings[0], await measures(ctx)),
        section('shortcomings', headings[1], await shortcomings(ctx)),
        section('first-responsible', headings[2], firstResponsible()),
        section('next-year', headings[3], await nextYear(ctx)),
        section('other', headings[4], await other(ctx)),
      ],
      attachments: [],
      signature: ctx.org.name,
      date,
      copyTo: [ctx.org.parentName, `${L}委全面依法治${L}委员会办公室`].filter((x): x is string => Boolean(x)),
      printer: { org: `${ctx.org.name}办公室`, date },
      secrecyReviewed: false,
    };
  },
};
