/**
 * Section 一 of the 法治政府建设年度报告: 主要举措和成效, one lead paragraph per field of work. Every
 * number is a figure, every name is quoted from a record, every negative ("未…", "尚无…") is a `none`
 * a person confirms, and what no record can show (commitments, ways of working) is the officer's own
 * words (`own`), marked until she confirms them.
 */
import { adviser, collectiveDecision, majorDecision } from '../../modules/decision/decision.ledger.ts';
import { disclosureItem, type PROACTIVE_CATEGORIES } from '../../modules/disclosure/disclosure.ledger.ts';
import type { CASE_RESULTS } from '../../modules/oversight/oversight.ledger.ts';
import { lead, n, none, numberLeads, own, quoteTitles, type TemplateCtx, when } from '../builder.ts';
import type { Block, Run } from '../../contract.ts';
import {
  byFrequency,
  distinct,
  type Item,
  listed,
  nu,
  PUBLICITY_FIGURES,
  publicityRuns,
  RESULT_FIGURES,
  resultRuns,
  STUDY_FIGURES,
  series,
  studyRuns,
  we,
} from './common.ts';

type CaseResult = (typeof CASE_RESULTS)[number];

/** Lawsuit outcomes as a report words them, in the order a report lists them. */
const LAWSUIT_OUTCOMES: ReadonlyArray<[CaseResult, string]> = [
  ['调解撤诉', '经调解原告撤诉'],
  ['驳回', '判决驳回原告诉讼请求'],
  ['维持', '判决维持'],
  ['撤销', '被判决撤销'],
  ['确认违法', '被判决确认违法'],
  ['败诉', '败诉'],
  ['其他', '以其他方式结案'],
  ['尚未审结', '尚未审结'],
];

/** Reconsideration outcomes as a report words them. */
const RECONSIDERATION_OUTCOMES: ReadonlyArray<[CaseResult, string]> = [
  ['维持', '维持原行政行为'],
  ['驳回', '驳回复议申请'],
  ['调解撤诉', '经调解或撤回申请终止'],
  ['撤销', '被撤销'],
  ['确认违法', '被确认违法'],
  ['败诉', '被纠错'],
  ['其他', '以其他方式结案'],
  ['尚未审结', '尚未审结'],
];

/** The statutory steps of a 重大行政决策 and the figure counting the decisions that went through each. */
const DECISION_STEPS: ReadonlyArray<[string, string]> = [
  ['decision.major_participation', '公众参与'],
  ['decision.major_hearing', '听证'],
  ['decision.major_expert', '专家论证'],
  ['decision.major_risk', '风险评估'],
  ['decision.major_reviewed', '合法性审查'],
  ['decision.major_collective', '集体讨论决定'],
];

/** Shorter names of the 主动公开 categories for running text (the ledger's names carry their own 、). */
/** Shorter words for the categories of 第二十条 in running text (keyed by the ledger's own options). */
const CATEGORY_WORDS: Partial<Record<(typeof PROACTIVE_CATEGORIES)[number], string>> = {
  '机关职能、机构设置、负责人等': '机关职能和机构设置',
  规划及相关政策: '规划和政策',
  行政许可和对外管理服务事项: '行政许可和对外服务事项',
  '行政处罚、行政强制': '行政处罚和行政强制',
  '财政预算、决算': '财政预决算',
  社会保障等政策措施及实施情况: '社会保障政策措施',
  '环境保护、公共卫生、安全生产、食品药品、产品质量监督检查': '监督检查',
  '工作动态、信息公告': '工作动态和信息公告',
  '公共服务、公益事业': '公共服务和公益事业',
};

export const MEASURES_FIGURES = [
  ...STUDY_FIGURES,
  ...PUBLICITY_FIGURES,
  'adviser.advisers',
  'adviser.opinions',
  'adviser.lectures',
  'adviser.normdoc_reviews',
  'adviser.contract_reviews',
  'adviser.litigation',
  'adviser.work_by_kind',
  'decision.collective',
  'decision.collective_by_kind',
  'decision.major',
  'decision.major_steps_incomplete',
  ...DECISION_STEPS.map(([key]) => key),
  'normdoc.issued',
  'normdoc.reviewed',
  'normdoc.filed',
  'normdoc.filed_on_time',
  'normdoc.repealed',
  'normdoc.in_force',
  'normdoc.cleanups',
  'disclosure.proactive',
  'disclosure.requests',
  'disclosure.requests_answered',
  'disclosure.requests_late',
  'disclosure.requests_overdue',
  'disclosure.requests_pending',
  'oversight.npc',
  'oversight.cppcc',
  'oversight.suggestions',
  'oversight.suggestions_answered',
  'oversight.suggestions_answer_rate',
  'oversight.suggestions_pending',
  'oversight.lawsuits',
  'oversight.lawsuits_by_result',
  'oversight.reconsiderations',
  'oversight.reconsiderations_by_result',
  'oversight.dispute_cases',
  'oversight.cases_lost',
  'oversight.head_appearances',
  'oversight.petitions',
  'org.officers_certified',
  'enforcement.cases',
  'enforcement.major_cases',
  'enforcement.legal_reviews',
  'enforcement.random_tasks',
  'enforcement.random_single',
  'enforcement.random_joint_initiated',
  'enforcement.random_joint_received',
  'enforcement.inspected_objects',
  'enforcement.random_completed',
  'enforcement.results_published_rate',
  'enforcement.leads_transferred',
  ...RESULT_FIGURES,
  'plan.tasks',
  'plan.tasks_done',
  'plan.tasks_done_rate',
] as const;

/** As of the end of the year reported on, or today while it has not ended. */
const asOfWords = (ctx: TemplateCtx): string => (ctx.today > `${ctx.year}-12-31` ? `截至${ctx.year}年底` : '截至目前');

async function study(ctx: TemplateCtx): Promise<Block> {
  const party = ctx.rollup ? '各级民政部门党组' : '局党组';
  return lead(
    2,
    '加强学法用法，提升依法行政能力。',
    own(
      'measures.study.intro',
      '写明本年度学习贯彻习近平法治思想的安排（如纳入干部教育培训计划、中心组学习重点内容），有计划文件的写明名称',
      `将学习宣传贯彻习近平法治思想纳入年度干部教育培训计划，把习近平法治思想作为${party}理论学习中心组学习重点内容，领导班子带头学，“一把手”亲自抓。`,
    ),
    ...(await studyRuns(ctx)),
  );
}

async function publicity(ctx: TemplateCtx): Promise<Block> {
  return lead(
    2,
    '落实“谁执法谁普法”责任制，深化法治宣传教育。',
    own(
      'measures.publicity.intro',
      '写明本单位把普法融入执法办案和窗口服务的做法',
      '将普法宣传教育渗透到执法办案和窗口服务全过程，利用以案说法、以案普法、以案学法等方式把民政法律法规深入普及下去。',
    ),
    ...(await publicityRuns(ctx)),
  );
}

async function advisers(ctx: TemplateCtx): Promise<Block> {
  const us = we(ctx);
  // Serving at some time in the year: the same test as the figure adviser.advisers.
  const serving = (await ctx.records(adviser, { from: '1900-01-01', to: ctx.period.to })).filter(
    (r) => !r.data.contractTo || r.data.contractTo >= ctx.period.from,
  );
  // One firm named once: 恒太律师事务所孙某、李某.
  const byFirm = new Map<string, string[]>();
  for (const r of serving.filter((x) => x.data.kind === '法律顾问')) {
    const firm = r.data.firm?.trim() ?? '';
    byFirm.set(firm, [...(byFirm.get(firm) ?? []), r.data.name]);
  }
  const lawyers = [...byFirm.entries()].map(([firm, names]) => `${firm}${names.join('、')}`);
  const officials = serving.filter((r) => r.data.kind === '公职律师').map((r) => r.data.name);
  const named = !ctx.rollup && serving.length > 0 && serving.length <= 3;
  const who: Run[] = named
    ? [
        { t: lawyers.length ? `聘请${lawyers.join('、')}担任${us}常年法律顾问` : '' },
        { t: officials.length ? `${lawyers.length ? '，' : ''}${officials.join('、')}担任公职律师` : '' },
      ]
    : [{ t: `${us}共有法律顾问和公职律师` }, ...nu('adviser.advisers')];
  const work: Item[] = [
    { key: 'adviser.opinions', runs: ['出具法律意见书', ...nu('adviser.opinions')] },
    {
      key: 'adviser.work_by_kind',
      part: '重大决策合法性审查',
      runs: ['参与重大行政决策合法性审查', ...nu('adviser.work_by_kind', '重大决策合法性审查')],
    },
    { key: 'adviser.normdoc_reviews', runs: ['审查行政规范性文件', ...nu('adviser.normdoc_reviews')] },
    { key: 'adviser.contract_reviews', runs: ['审查合同', ...nu('adviser.contract_reviews')] },
    { key: 'adviser.litigation', runs: ['参与办理诉讼案件', ...nu('adviser.litigation')] },
    { key: 'adviser.work_by_kind', part: '信访处置', runs: ['参与信访事项处置', ...nu('adviser.work_by_kind', '信访处置')] },
    { key: 'adviser.lectures', runs: ['开展法治讲座', ...nu('adviser.lectures')] },
    { key: 'adviser.work_by_kind', part: '法律咨询', runs: ['提供法律咨询', n('adviser.work_by_kind', '法律咨询'), '次'] },
    { key: 'adviser.work_by_kind', part: '其他', runs: ['提供其他法律服务', n('adviser.work_by_kind', '其他'), '次'] },
  ];
  return lead(
    2,
    '发挥法律顾问作用，夯实依法决策基础。',
    when(
      'adviser.advisers',
      [...who, '。'],
      // "未聘请" only while no adviser work is on record either; otherwise the register is missing someone.
      [
        when(
          'adviser.work_by_kind',
          [
            own(
              'measures.adviser.who',
              '法律顾问名册中没有本年度在聘的法律顾问，但有法律顾问工作记录：请写明由谁提供法律服务，或补录法律顾问名册',
            ),
          ],
          [none('adviser.advisers', '本年度未聘请法律顾问和公职律师'), '。'],
        ),
      ],
    ),
    when(
      'adviser.work_by_kind',
      ['全年法律顾问', ...series(work, '', '，'), '。'],
      [none('adviser.work_by_kind', '本年度法律顾问未出具书面法律意见，未参与文件和合同审查'), '。'],
    ),
  );
}

async function decisions(ctx: TemplateCtx): Promise<Block> {
  const meetings = distinct((await ctx.records(collectiveDecision)).map((r) => r.data.meeting)).filter((m) => m !== '其他会议');
  const majors = await ctx.records(majorDecision);
  const decided = distinct(majors.map((r) => r.title));
  const titles =
    decided.length > 1
      ? `，包括${quoteTitles(majors, 3)}${decided.length > 3 ? '等' : ''}`
      : decided.length
        ? `，为${quoteTitles(majors)}`
        : '';
  const steps: Item[] = DECISION_STEPS.map(([key, label]) => ({ key, runs: [label, ...nu(key)] }));
  const kinds: Item[] = ['重大决策', '重要人事任免', '重大项目安排', '大额资金使用'].map((k) => ({
    key: 'decision.collective_by_kind',
    part: k,
    runs: [k, ...nu('decision.collective_by_kind', k)],
  }));
  const party = ctx.rollup ? '各级民政部门' : '局';
  return lead(
    2,
    '严格依法决策，规范决策程序。',
    own(
      'measures.decision.intro',
      '写明本单位执行“三重一大”集体决策制度的做法，有制度文件的写明名称',
      `严格执行“三重一大”集体决策制度，大额财务支出、基建项目、人事安排等事项须经${party}党组会研究决定，坚决防止“一言堂”。`,
    ),
    when(
      'decision.collective',
      [
        `全年${meetings.length ? `通过${listed(meetings)}` : ''}集体研究决定“三重一大”事项`,
        ...nu('decision.collective'),
        ...series(kinds, '，其中', '、'),
        '。',
      ],
      [],
    ),
    when(
      'decision.major',
      [
        '全年办理重大行政决策事项',
        ...nu('decision.major'),
        titles,
        when('decision.major_steps_incomplete', series(steps, '，其中经', '、'), [
          '，均履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序',
          when('decision.major_hearing', ['，其中举行听证', ...nu('decision.major_hearing')], []),
        ]),
        '。',
      ],
      [none('decision.major', '本年度未作出重大行政决策事项'), '。'],
    ),
    when(
      'normdoc.issued',
      [
        '全年制发行政规范性文件',
        ...nu('normdoc.issued'),
        '，经合法性审核',
        ...nu('normdoc.reviewed'),
        '，报送备案',
        ...nu('normdoc.filed'),
        when('normdoc.filed', ['，其中按时备案', ...nu('normdoc.filed_on_time')], []),
      ],
      [none('normdoc.issued', '本年度未制发行政规范性文件')],
    ),
    when(
      'normdoc.cleanups',
      ['；开展规范性文件清理', ...nu('normdoc.cleanups'), when('normdoc.repealed', ['，废止文件', ...nu('normdoc.repealed')], [])],
      [],
    ),
    when('normdoc.in_force', [`；${asOfWords(ctx)}现行有效的规范性文件`, ...nu('normdoc.in_force')], []),
    '。',
  );
}

async function disclosure(ctx: TemplateCtx): Promise<Block> {
  const items = (await ctx.records(disclosureItem)).filter((r) => r.data.publishedOn);
  const channels = byFrequency(items.map((r) => r.data.channel)).filter((c) => c !== '其他');
  const categories = byFrequency(items.map((r) => r.data.category))
    .filter((c) => c !== '其他')
    .map((c) => CATEGORY_WORDS[c as (typeof PROACTIVE_CATEGORIES)[number]] ?? c);
  return lead(
    2,
    '深化政务公开，保障群众知情权。',
    own(
      'measures.disclosure.intro',
      '写明本单位政务公开的工作机制（如专人负责、公开目录更新）',
      '坚持“公开为常态、不公开为例外”，落实专人负责政府信息公开工作，及时更新政府信息公开目录。',
    ),
    when(
      'disclosure.proactive',
      [
        `全年${channels.length ? `通过${listed(channels.slice(0, 3))}渠道` : ''}主动公开政府信息`,
        ...nu('disclosure.proactive'),
        categories.length ? `，涵盖${listed(categories.slice(0, 6))}方面` : '',
      ],
      [none('disclosure.proactive', '本年度未主动公开政府信息')],
    ),
    '；',
    when(
      'disclosure.requests',
      [
        '受理政府信息公开申请',
        ...nu('disclosure.requests'),
        when(
          'disclosure.requests_late',
          [
            '，其中逾期答复',
            ...nu('disclosure.requests_late'),
            when('disclosure.requests_overdue', ['、超过答复期限仍未答复', ...nu('disclosure.requests_overdue')], []),
          ],
          [
            when(
              'disclosure.requests_overdue',
              ['，其中超过答复期限仍未答复', ...nu('disclosure.requests_overdue')],
              [
                when(
                  'disclosure.requests_pending',
                  [
                    when('disclosure.requests_answered', ['，已答复', ...nu('disclosure.requests_answered'), '，均在法定期限内'], []),
                    '，尚有',
                    ...nu('disclosure.requests_pending'),
                    '在答复期限内办理',
                  ],
                  ['，均在法定期限内依法答复'],
                ),
              ],
            ),
          ],
        ),
      ],
      [none('disclosure.requests', '全年未收到政府信息公开申请')],
    ),
    '。',
  );
}

function oversight(ctx: TemplateCtx): Block {
  const outcomes = (key: string, words: ReadonlyArray<[CaseResult, string]>): Item[] =>
    words.map(([part, word]) => ({ key, part, runs: [word, ...nu(key, part)] }));
  return lead(
    2,
    '自觉接受监督，依法化解行政争议。',
    when(
      'oversight.suggestions',
      [
        `${ctx.year}年${we(ctx)}共承办`,
        ...series(
          [
            { key: 'oversight.npc', runs: ['人大代表建议', ...nu('oversight.npc')] },
            { key: 'oversight.cppcc', runs: ['政协提案', ...nu('oversight.cppcc')] },
          ],
          '',
          '、',
        ),
        when(
          'oversight.suggestions_pending',
          [
            when(
              'oversight.suggestions_answered',
              ['，已办结答复', ...nu('oversight.suggestions_answered'), '，办复率', n('oversight.suggestions_answer_rate')],
              [],
            ),
            '，尚在办理',
            ...nu('oversight.suggestions_pending'),
          ],
          ['，均已办结答复'],
        ),
        '。',
      ],
      [none('oversight.suggestions', `${ctx.year}年${we(ctx)}未承办人大代表建议和政协提案`), '。'],
    ),
    when(
      'oversight.lawsuits',
      [
        '全年发生行政诉讼案件',
        ...nu('oversight.lawsuits'),
        ...series(outcomes('oversight.lawsuits_by_result', LAWSUIT_OUTCOMES), '，其中', '、'),
        when('oversight.head_appearances', ['，行政机关负责人出庭应诉', ...nu('oversight.head_appearances')], []),
      ],
      [none('oversight.lawsuits', '全年未发生行政诉讼案件')],
    ),
    '；',
    when(
      'oversight.reconsiderations',
      [
        '收到行政复议申请',
        ...nu('oversight.reconsiderations'),
        ...series(outcomes('oversight.reconsiderations_by_result', RECONSIDERATION_OUTCOMES), '，其中', '、'),
      ],
      [none('oversight.reconsiderations', '未收到行政复议申请')],
    ),
    // The number lost is in the outcomes above; that none was lost is a negative to confirm.
    when(
      'oversight.dispute_cases',
      [when('oversight.cases_lost', [], ['；', none('oversight.cases_lost', '没有发生败诉或被纠错案件')])],
      [],
    ),
    '。',
    when('oversight.petitions', ['依法办理信访事项', ...nu('oversight.petitions'), '，逐件明确首问责任人。'], []),
  );
}

function enforcement(ctx: TemplateCtx): Block {
  const subject = ctx.rollup ? we(ctx) : '全局';
  return lead(
    2,
    '严格规范公正文明执法。',
    own(
      'measures.enforcement.intro',
      '写明本单位落实行政执法“三项制度”的做法',
      '落实行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”。',
    ),
    when(
      'org.officers_certified',
      [`${asOfWords(ctx)}，${subject}持有效行政执法证件人员`, ...nu('org.officers_certified')],
      [none('org.officers_certified', `${asOfWords(ctx)}尚无持有效行政执法证件人员`)],
    ),
    when(
      'enforcement.cases',
      [
        '，全年办理行政执法案件',
        ...nu('enforcement.cases'),
        when(
          'enforcement.major_cases',
          ['，其中重大执法决定', ...nu('enforcement.major_cases'), '，经法制审核', ...nu('enforcement.legal_reviews')],
          ['，', none('enforcement.major_cases', '未发生重大执法决定法制审核情况')],
        ),
      ],
      ['，', none('enforcement.cases', '全年未办理行政执法案件，未发生重大执法决定法制审核情况')],
    ),
    '。',
    when(
      'enforcement.random_tasks',
      [
        '推进“双随机、一公开”监管',
        ...series(
          [
            { key: 'enforcement.random_single', runs: ['设置单部门抽查任务', ...nu('enforcement.random_single')] },
            { key: 'enforcement.random_joint_initiated', runs: ['发起跨部门联合抽查任务', ...nu('enforcement.random_joint_initiated')] },
            { key: 'enforcement.random_joint_received', runs: ['接收跨部门联合抽查任务', ...nu('enforcement.random_joint_received')] },
          ],
          '，',
          '，',
        ),
        when('enforcement.inspected_objects', ['，共检查机构', ...nu('enforcement.inspected_objects')], []),
        when('enforcement.random_completed', ['，检查结果公示率', n('enforcement.results_published_rate')], []),
        '。',
      ],
      [none('enforcement.random_tasks', '本年度未开展“双随机、一公开”抽查'), '。'],
    ),
    when('enforcement.leads_transferred', ['向综合行政执法部门移交案件线索', ...nu('enforcement.leads_transferred'), '。'], []),
  );
}

/** 成效 from the results ledger, each with its quantity and counting word. No results, no paragraph. */
async function results(ctx: TemplateCtx): Promise<Block | null> {
  const runs = await resultRuns(ctx);
  return runs.length ? lead(2, '依法履职尽责，推动民政工作取得实效。', ...runs) : null;
}

function plan(): Block {
  return lead(
    2,
    '压实年度任务，推动工作落实。',
    own(
      'measures.plan.intro',
      '写明本单位分解落实法治建设任务的做法（如纳入年度工作要点、编制任务台账）',
      '将法治政府建设任务分解纳入年度工作要点，编制工作任务台账，明确责任科室和完成时限。',
    ),
    when(
      'plan.tasks',
      ['全年安排法治建设工作任务', ...nu('plan.tasks'), '，已完成', ...nu('plan.tasks_done'), '，完成率', n('plan.tasks_done_rate'), '。'],
      [],
    ),
  );
}

export async function measures(ctx: TemplateCtx): Promise<Block[]> {
  const achieved = await results(ctx);
  return numberLeads([
    await study(ctx),
    await publicity(ctx),
    await advisers(ctx),
    await decisions(ctx),
    await disclosure(ctx),
    oversight(ctx),
    enforcement(ctx),
    ...(achieved ? [achieved] : []),
    plan(),
  ]);
}
