/**
 * 法治政府建设年度报告 (seeds 004 and 001). The five sections follow 《法治政府建设与责任落实督察工作规定》
 * (厅字〔2019〕28号) in their order unless the bureau chose the local layout (layouts.ts); 报送 by the day
 * before 03-01, 公开 before 04-01. Sections 二 to 五 print what the problem and task ledgers hold, and
 * the officer's own words where no record can speak.
 */
import { yearPeriod } from '../../figures/evaluate.ts';
import { annualDutyDates } from '../../calendar/deadlines.ts';
import { chineseDate } from '../../util/time.ts';
import {
  cnNumber,
  lead,
  n,
  numberLeads,
  own,
  p,
  quote,
  scopeNote,
  section,
  type Template,
  type TemplateCtx,
  when,
  whenNone,
} from '../builder.ts';
import { ANNUAL_LAYOUTS } from '../layouts.ts';
import type { Block, ReportContent } from '../../contract.ts';
import { defaultDate, levelChar, sentence, we } from './common.ts';
import { byNo, onceInRollup } from './prose.ts';
import { MEASURES_FIGURES, measures } from './annual-measures.ts';
import { planTask, problem } from '../../modules/plan/plan.ledger.ts';

const FIGURES = [
  ...MEASURES_FIGURES,
  'org.leading_group_members',
  'study.central_group',
  'study.lectures',
  'org.leading_group_changes',
  'decision.collective',
  'decision.major',
  'decision.major_reviewed',
  'plan.problems',
  'plan.problems_rectified',
  'plan.rectify_rate',
] as const;

/** Problems found in the report year, in the order they were found (rectified next year: problem.year = year + 1). */
async function problemsFound(ctx: TemplateCtx) {
  const recs = await ctx.records(problem, yearPeriod(ctx.year + 1));
  return onceInRollup(
    ctx,
    recs.filter((r) => r.data.foundYear === ctx.year || r.data.foundYear === undefined || r.data.foundYear === null),
  );
}

async function shortcomings(ctx: TemplateCtx): Promise<Block[]> {
  const found = await problemsFound(ctx);
  if (found.length) {
    // Each shortcoming is a problem on record; its cause is printed as recorded (原因分析).
    return numberLeads(found.map((r) => lead(2, sentence(r.title), r.data.cause ? sentence(r.data.cause) : '')));
  }
  return [
    p(
      own(
        'shortcomings.text',
        '“问题整改”台账中没有本年度发现的问题。请写明本年度推进法治政府建设存在的不足和原因，或先在台账中登记问题后重新生成',
        '对重点普法对象的法治宣传教育还有待加强；部分干部职工学法的积极性和自觉性还不够高，依法行政能力需要继续提升；具体负责法治工作的人员少且兼顾其他工作。',
      ),
    ),
  ];
}

/** 主要负责人 or, in a roll-up, those of every bureau it covers. */
const heads = (ctx: TemplateCtx) => (ctx.rollup ? `全${levelChar(ctx.org.level)}各级民政部门主要负责人` : '局主要负责人');

function firstResponsible(ctx: TemplateCtx): Block[] {
  return numberLeads([
    lead(
      2,
      '深入学习贯彻习近平法治思想，加强对法治建设的领导。',
      own(
        'first.lead',
        '主要负责人如何部署、过问、协调、督办法治建设（写明会议、批示等具体事项）',
        `${heads(ctx)}切实履行推进法治建设第一责任人职责，对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。`,
      ),
      when(
        'org.leading_group_members',
        [
          '法治建设工作领导小组现有成员',
          n('org.leading_group_members'),
          '名',
          when('org.leading_group_changes', ['，本年度成员变动涉及', n('org.leading_group_changes'), '人'], []),
          '。',
        ],
        [],
      ),
    ),
    lead(
      2,
      '带头尊法学法守法用法。',
      whenNone(
        'study.central_group',
        [
          '党组理论学习中心组全年开展专题学法',
          n('study.central_group'),
          '次',
          when('study.lectures', ['，举办领导干部法治讲座', n('study.lectures'), '次'], []),
          '。',
        ],
        '本年度党组理论学习中心组未开展专题学法。',
      ),
      own('first.study', '主要负责人带头学法、讲法的具体情况', '把提高干部依法行政能力列入年度工作计划和普法计划重点内容。'),
    ),
    lead(
      2,
      '严格执行重大行政决策法定程序。',
      when('decision.collective', ['全年提交集体讨论决定的“三重一大”事项', n('decision.collective'), '项'], []),
      when(
        'decision.major',
        [
          when('decision.collective', ['，'], []),
          '作出重大行政决策',
          n('decision.major'),
          '项，经合法性审查',
          n('decision.major_reviewed'),
          '项',
        ],
        [],
      ),
      when('decision.collective', ['。'], [when('decision.major', ['。'], [])]),
      own('first.decision', '主要负责人在依法决策方面的做法', '坚持民主集中制，重大决策事前听取法律顾问意见。'),
    ),
  ]);
}

async function nextYear(ctx: TemplateCtx): Promise<Block[]> {
  // Next year's tasks, every one, in the plan's own order (序号).
  const tasks = byNo((await ctx.records(planTask, yearPeriod(ctx.year + 1))).filter((r) => r.status !== '已取消'));
  if (tasks.length) {
    return tasks.map((r, i) => {
      const target = r.data.target ?? '';
      return p(`${i + 1}.`, sentence(r.title), target ? sentence(`量化指标：${target}`) : '');
    });
  }
  return [
    p(
      own(
        'next-year.text',
        `“年度工作任务”台账中还没有${ctx.year + 1}年度的任务。请写明下一年度的主要安排，或先登记下一年度任务后重新生成`,
        '深入学习贯彻习近平法治思想，落实“谁执法谁普法”普法责任制，加强行政规范性文件管理，严格规范公正文明执法。',
      ),
    ),
  ];
}

/** 上年度报告所提问题整改情况: each problem with its measures and effect as recorded. */
async function rectification(ctx: TemplateCtx): Promise<Block[]> {
  const probs = onceInRollup(ctx, await ctx.records(problem));
  const items = probs.map((r) => {
    const parts = [
      `${quote(r.title.replace(/[。；]$/, ''))}：`,
      r.data.measures ? `整改措施：${r.data.measures.replace(/[。；]$/, '')}；` : '',
      r.status === '已整改'
        ? `已于${r.data.rectifiedOn ? chineseDate(r.data.rectifiedOn) : '本年度'}完成整改${r.data.effect ? `，${r.data.effect.replace(/[。；]$/, '')}` : ''}。`
        : `${r.status ?? '未整改'}${r.data.dueDate ? `，整改时限${chineseDate(r.data.dueDate)}` : ''}。`,
    ];
    return p(...parts);
  });
  return [
    p(
      whenNone(
        'plan.problems',
        [
          '对上年度报告和督察检查中发现的问题逐项建立整改台账，共梳理问题',
          n('plan.problems'),
          '个，已完成整改',
          n('plan.problems_rectified'),
          '个，整改完成率',
          n('plan.rectify_rate'),
          '。',
        ],
        '上年度报告未提出需要整改的问题。',
      ),
    ),
    ...items,
  ];
}

async function other(ctx: TemplateCtx): Promise<Block[]> {
  // The last days as the calendar gives them ("每年3月1日前" read strictly: by the day before).
  const duties = annualDutyDates(ctx.year + 1);
  const dueOf = (key: string) => duties.find((d) => d.key === key)?.due ?? '';
  const L = levelChar(ctx.org.level);
  return numberLeads([
    lead(2, '上年度报告所提问题整改情况。', ...(await rectification(ctx)).flatMap((b) => (b.type === 'paragraph' ? b.runs : []))),
    lead(
      2,
      '报告报送和公开安排。',
      `按照《法治政府建设与责任落实督察工作规定》，本报告最迟于${chineseDate(dueOf('rule_of_law.annual_report.submit'))}报送${L}委、${L}政府和上一级民政部门，经保密审查后最迟于${chineseDate(dueOf('rule_of_law.annual_report.publish'))}向社会公开。`,
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
    const date = defaultDate(ctx);
    const layout = ANNUAL_LAYOUTS[ctx.settings.annualLayout];
    const y = ctx.year;
    const made: Record<(typeof layout.keys)[number], { heading: string; blocks: () => Promise<Block[]> }> = {
      measures: { heading: `${y}年度推进法治政府建设的主要举措和成效`, blocks: () => measures(ctx) },
      shortcomings: { heading: `${y}年度推进法治政府建设存在的不足和原因`, blocks: () => shortcomings(ctx) },
      'first-responsible': {
        heading: `${y}年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况`,
        blocks: async () => firstResponsible(ctx),
      },
      'next-year': { heading: `${y + 1}年度推进法治政府建设的主要安排`, blocks: () => nextYear(ctx) },
      other: { heading: '其他需要报告的情况', blocks: () => other(ctx) },
      rectification: { heading: '上年度报告中存在问题的整改情况', blocks: () => rectification(ctx) },
    };
    const sections = [];
    for (const [i, key] of layout.keys.entries()) {
      sections.push(section(key, `${cnNumber(i + 1)}、${made[key].heading}`, await made[key].blocks()));
    }
    const note = await scopeNote(ctx);
    return {
      title: `${ctx.org.name}${y}年度法治政府建设情况报告`,
      addressee: `${L}委、${L}政府`,
      preamble: [
        p(
          `${y}年，${we(ctx)}在${L}委、${L}政府的领导下，`,
          own(
            'preamble.guidance',
            '本年度的指导思想和工作理念',
            '深入学习贯彻习近平法治思想，坚持“民政为民、民政爱民”工作理念，全面推进法治民政建设。',
          ),
          `按照《法治政府建设与责任落实督察工作规定》要求，现将${ctx.rollup ? we(ctx) : ''}${y}年度法治政府建设情况报告如下：`,
        ),
      ],
      sections,
      attachments: [],
      signature: ctx.org.name,
      date,
      ...(note ? { note } : {}),
      copyTo: [ctx.org.parentName, `${L}委全面依法治${L}委员会办公室`].filter((x): x is string => Boolean(x)),
      printer: { org: `${ctx.org.name}办公室`, date },
      secrecyReviewed: false,
    };
  },
};
