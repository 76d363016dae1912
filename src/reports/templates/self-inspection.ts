/**
 * "谁执法谁普法"自查报告 (seed 002): 工作开展情况; 存在的主要问题及改进措施. "八五"普法以来 = since 2021.
 * Every sentence is a figure, a record quoted, wording chosen by the records, or the officer's own
 * words (own, marked until she confirms); a negative prints only once a person confirmed it.
 */
import { since2021 } from '../../figures/define.ts';
import type { DataOf } from '../../ledger/define.ts';
import type { RecordView } from '../../ledger/record.repo.ts';
import { yearPeriod } from '../../figures/evaluate.ts';
import { dutyItem, planTask, problem } from '../../modules/plan/plan.ledger.ts';
import { lead, n, numberLeads, own, p, quote, section, type Template, type TemplateCtx, when, whenNone, scopeNote } from '../builder.ts';
import type { Block, ReportContent, Run } from '../../contract.ts';
import {
  defaultDate,
  levelChar,
  materialRuns,
  PUBLICITY_FIGURES,
  publicityRuns,
  RESULT_FIGURES,
  resultRuns,
  STUDY_FIGURES,
  sentence,
  studyRuns,
  we,
} from './common.ts';
import { adviserFirms, bare, leadingGroupRuns, nu, onceInRollup, planNames, toDate } from './prose.ts';

const FIGURES = [
  ...STUDY_FIGURES,
  ...PUBLICITY_FIGURES,
  'org.leading_group_members',
  'decision.collective',
  'adviser.advisers',
  'enforcement.cases',
  'plan.tasks',
  'plan.tasks_done_rate',
  'plan.tasks_done',
  'plan.problems',
  'plan.problems_rectified',
  'plan.rectify_rate',
  since2021('adviser.normdoc_reviews'),
  since2021('adviser.contract_reviews'),
  since2021('study.central_group'),
  since2021('publicity.mat_gifts'),
  since2021('publicity.mat_banners'),
  since2021('publicity.mat_posters'),
  since2021('publicity.mat_leaflets'),
  since2021('publicity.mat_handbooks'),
  since2021('publicity.mat_boards'),
  since2021('publicity.mat_videos'),
  since2021('publicity.activities'),
  since2021('publicity.consultations'),
  ...RESULT_FIGURES,
] as const;

const MAX_LAWS = 6;

/** The laws of the 普法责任清单 in force at the end of the year, as written there. */
async function dutyLaws(ctx: TemplateCtx): Promise<string> {
  const recs = (await ctx.records(dutyItem, toDate(ctx))).filter((r) => !r.data.removedOn);
  const laws = [...new Set(recs.map((r) => r.data.law.trim()).filter(Boolean))].map((l) => (l.includes('《') ? l : `《${l}》`));
  return laws.slice(0, MAX_LAWS).join('');
}

/** 工作成效 by business area, each result with its quantity as a figure (common resultRuns); her words when none is on record. */
async function results(ctx: TemplateCtx): Promise<Run[]> {
  const runs = await resultRuns(ctx);
  if (runs.length) return runs;
  return [
    own(
      'si-duties',
      '本年度依法履职的主要成效（工作成效台账中没有本年度记录）',
      '严格依照民政法律法规履行社会救助、社会组织登记管理、婚姻登记、殡葬管理、养老服务监管等职责。',
    ),
  ];
}

async function work(ctx: TemplateCtx): Promise<Block[]> {
  const k = since2021;
  const plans = ctx.rollup ? '' : planNames(await ctx.records(planTask));
  const firms = await adviserFirms(ctx);
  const laws = await dutyLaws(ctx);
  const head = ctx.rollup ? '各级民政部门主要负责人' : '局主要负责人';
  return numberLeads([
    lead(
      2,
      '加强组织领导，夯实工作责任。',
      '一是',
      ...(await leadingGroupRuns(ctx, 'si-group')),
      '二是',
      when(
        'plan.tasks',
        [
          plans ? `按照${plans}编制工作任务台账，` : '编制工作任务台账，',
          '全年分解普法依法治理任务',
          ...nu('plan.tasks'),
          whenNone('plan.tasks_done', ['，已完成', ...nu('plan.tasks_done'), '，完成率', n('plan.tasks_done_rate')], '，尚无已完成的任务'),
          '。',
        ],
        [
          own(
            'si-plan',
            '年度普法依法治理工作计划的制定和任务分解情况（工作任务台账中没有本年度任务）',
            '制定印发年度普法依法治理工作计划，对普法任务进行细化分解。',
          ),
        ],
      ),
      '三是',
      own(
        'si-first-responsible',
        '主要负责人履行法治建设第一责任人职责的具体做法（召开的会议、部署的事项）',
        `${head}切实履行法治建设第一责任人职责，对普法工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。`,
      ),
      '四是',
      own('si-collective', '“三重一大”集体决策制度的执行情况', '严格执行“三重一大”事项集体决策制度'),
      when('decision.collective', ['，全年集体研究决定“三重一大”事项', ...nu('decision.collective')], []),
      '。五是',
      when(
        'adviser.advisers',
        [
          firms.length ? `聘请${firms.join('、')}律师担任常年法律顾问` : '落实法律顾问制度',
          '，现有法律顾问和公职律师',
          ...nu('adviser.advisers'),
        ],
        [own('si-adviser', '法律顾问制度的落实情况（法律顾问名册中没有本年度在聘的法律顾问）', '落实法律顾问制度')],
      ),
      // The reviews are work on record whether or not this year's register lists the adviser.
      when(k('adviser.normdoc_reviews'), ['，“八五”普法以来法律顾问参与行政规范性文件合法性审查', ...nu(k('adviser.normdoc_reviews'))], []),
      when(k('adviser.contract_reviews'), ['，审查合同', ...nu(k('adviser.contract_reviews'))], []),
      '。',
    ),
    lead(
      2,
      '狠抓学法用法，提升法治能力。',
      own('si-study', '领导干部学法制度的建立和执行情况', '聚焦领导干部这个“关键少数”，推动党组理论学习中心组学法制度化、规范化。'),
      ...(await studyRuns(ctx, { since2021: true })),
    ),
    lead(
      2,
      '加大宣传力度，织密普法网络。',
      laws
        ? `普法责任清单列明${laws}等法律法规的普法责任。`
        : own(
            'si-publicity',
            '本年度重点宣传的法律法规（普法责任清单台账中没有记录）',
            '大力宣传社会救助、未成年人保护、婚姻登记、殡葬服务、养老服务、社会组织管理、地名管理等方面法律法规。',
          ),
      ...(await publicityRuns(ctx)),
      when(
        k('publicity.activities'),
        [
          '“八五”普法以来，',
          we(ctx),
          '共开展法治宣传活动',
          ...nu(k('publicity.activities')),
          when(k('publicity.consultations'), ['，接受政策咨询', ...nu(k('publicity.consultations'))], []),
          ...materialRuns(k),
          '。',
        ],
        [],
      ),
    ),
    lead(
      2,
      '依法履职尽责，做好本职工作。',
      ...(await results(ctx)),
      whenNone('enforcement.cases', ['全年依法办理行政执法案件', ...nu('enforcement.cases'), '。'], '本年度未办理行政执法案件。'),
    ),
  ]);
}

type ProblemRecord = RecordView<DataOf<typeof problem>>;

/** One problem: what it is and why, then the measures (or her words where none are recorded) and the effect. */
function problemBlocks(r: ProblemRecord): Block[] {
  const out: Block[] = [lead(2, `${bare(r.title)}。`, r.data.cause ? sentence(r.data.cause) : '')];
  out.push(
    p(
      '改进措施：',
      r.data.measures
        ? sentence(r.data.measures)
        : own(
            `si-measures-${r.id}`,
            `问题整改台账中没有填写该问题的整改措施：${bare(r.title)}`,
            '针对上述问题，制定整改方案，明确责任科室和整改时限。',
          ),
      r.status && r.status !== '未整改' ? `目前${r.status}。` : '',
      r.data.effect ? `整改成效：${sentence(r.data.effect)}` : '',
    ),
  );
  return out;
}

/**
 * The problems standing at the end of the year: found this year (problem.year = year + 1) and those
 * due this year that are not rectified; then how this year's rectification went.
 */
async function problems(ctx: TemplateCtx): Promise<Block[]> {
  const thisYear = await ctx.records(problem);
  const open = onceInRollup(ctx, [
    ...thisYear.filter((r) => r.status !== '已整改'),
    ...(await ctx.records(problem, yearPeriod(ctx.year + 1))).filter((r) => !r.data.foundYear || r.data.foundYear === ctx.year),
  ]);
  const rectified = onceInRollup(
    ctx,
    thisYear.filter((r) => r.status === '已整改'),
  );
  const blocks: Block[] = open.length
    ? numberLeads(open.flatMap(problemBlocks))
    : [
        p(
          own(
            'si-problems',
            `问题整改台账中没有${ctx.year}年存在的问题。请写明自查发现的主要问题、原因和改进措施，并在问题整改台账中登记`,
            `（一）队伍建设相对薄弱。具体负责法治工作的同志还要兼顾其他工作，日常法制工作与民政业务工作衔接有待提高。改进措施：加强法治工作力量，健全行政执法人员培训、考核和持证上岗制度。（二）执法意识有待加强。日常监管与其他执法部门联合执法多、独立执法少。改进措施：围绕民政执法事项定期举办法律讲座和执法实务培训，注重以案释法。`,
          ),
        ),
      ];
  if (!thisYear.length) return blocks;
  blocks.push(
    p(
      when(
        'plan.problems',
        [
          `${ctx.year}年需整改的问题`,
          ...nu('plan.problems'),
          whenNone(
            'plan.problems_rectified',
            ['，已整改', ...nu('plan.problems_rectified'), '，整改完成率', n('plan.rectify_rate')],
            '，尚无已完成整改的问题',
          ),
          rectified.length
            ? `。已整改的问题及成效：${rectified.map((r) => `${quote(bare(r.title))}${r.data.effect ? `，${bare(r.data.effect)}` : ''}`).join('；')}。`
            : '。',
        ],
        [],
      ),
    ),
  );
  return blocks;
}

export const selfInspection: Template = {
  kind: 'self-inspection',
  label: '“谁执法谁普法”自查报告',
  yearHint: '自查年度',
  figures: FIGURES,
  required: ['org.leading_group_members', 'publicity.activities', since2021('study.central_group')],
  published: false,
  build: async (ctx): Promise<ReportContent> => {
    const note = await scopeNote(ctx);
    const L = levelChar(ctx.org.level);
    const date = defaultDate(ctx);
    return {
      title: `${ctx.org.name}${ctx.year}年关于“谁执法谁普法”自查工作情况的报告`,
      addressee: `${L}普法依法治理领导小组办公室`,
      preamble: [
        p(
          own(
            'si-preamble',
            '开篇：“谁执法谁普法”工作的总体情况和评价',
            `自“谁执法谁普法”工作开展以来，在${L}委、${L}政府的正确领导和${L}普治办的指导下，${we(ctx)}以习近平新时代中国特色社会主义思想为指导，广泛开展民政系统法治宣传教育，促进干部职工法治意识稳步提升，为基本民生保障和基本社会服务营造了良好法治环境。`,
          ),
          '现将“谁执法谁普法”工作自查情况报告如下：',
        ),
      ],
      sections: [
        section('work', '一、工作开展情况', await work(ctx)),
        section('problems', '二、存在的主要问题及改进措施', await problems(ctx)),
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
