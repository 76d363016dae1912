/** "谁执法谁普法"自查报告 (seed 002): 工作开展情况; 存在的主要问题及改进措施. "八五"普法以来 = since 2021. */
import { lead, n, numberLeads, p, section, type Template, type TemplateCtx, when } from '../builder.ts';
import type { Block, ReportContent } from '../model.ts';
import { since2021 } from '../../figures/define.ts';
import {
  defaultDate,
  levelChar,
  materialRuns,
  PUBLICITY_FIGURES,
  publicityRuns,
  rollupNote,
  STUDY_FIGURES,
  studyRuns,
  we,
} from './common.ts';
import { problem } from '../../modules/plan/plan.ledger.ts';
import { result } from '../../modules/results/results.ledger.ts';

const FIGURES = [
  ...STUDY_FIGURES,
  ...PUBLICITY_FIGURES,
  'org.leading_group_members',
  'decision.collective',
  'org.officers_certified',
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
  'results.items',
  'enforcement.cases',
  'plan.tasks',
  'plan.tasks_done_rate',
  'plan.tasks_done',
] as const;

async function work(ctx: TemplateCtx): Promise<Block[]> {
  const results = await ctx.records(result);
  const domains = new Map<string, string[]>();
  for (const r of results) {
    const d = typeof r.data.domain === 'string' ? r.data.domain : '其他';
    domains.set(d, [...(domains.get(d) ?? []), r.title]);
  }
  const resultText = [...domains.entries()]
    .slice(0, 6)
    .map(([d, ts]) => `在${d}方面，${ts.slice(0, 3).join('，')}`)
    .join('；');
  const k = since2021;
  return numberLeads([
    lead(
      2,
      '加强组织领导，夯实工作责任。',
      `一是成立${ctx.org.name}“八五”普法工作领导小组`,
      when('org.leading_group_members', ['（现有成员', n('org.leading_group_members'), '名）'], []),
      '，制定印发年度普法依法治理工作计划，编制工作任务台账',
      when('plan.tasks', ['，全年分解普法依法治理任务', n('plan.tasks'), '项，完成率', n('plan.tasks_done_rate')], []),
      '。二是局主要负责人切实履行法治建设第一责任人职责，对普法工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。三是严格执行“三重一大”事项集体决策制度',
      when('decision.collective', ['，全年集体研究决定“三重一大”事项', n('decision.collective'), '项'], []),
      '。四是落实常年法律顾问制度，发挥法律顾问协助审查作用',
      when(
        k('adviser.normdoc_reviews'),
        ['，“八五”普法以来，法律顾问参与行政规范性文件合法性审查', n(k('adviser.normdoc_reviews')), '件'],
        [],
      ),
      when(k('adviser.contract_reviews'), ['，审查合同', n(k('adviser.contract_reviews')), '件'], []),
      '。',
    ),
    lead(
      2,
      '狠抓学法用法，提升法治能力。',
      '聚焦领导干部这个“关键少数”，推动党组理论学习中心组学法制度化、规范化。',
      ...(await studyRuns(ctx, { since2021: true })),
    ),
    lead(
      2,
      '加大宣传力度，织密普法网络。',
      '大力宣传社会救助、未成年人保护、婚姻登记、殡葬服务、养老服务、社会组织管理、地名管理等方面法律法规。',
      ...(await publicityRuns(ctx)),
      when(
        k('publicity.activities'),
        ['“八五”普法以来，全系统共开展法治宣传活动', n(k('publicity.activities')), '场', ...materialRuns(k), '。'],
        [],
      ),
    ),
    lead(
      2,
      '依法履职尽责，做好本职工作。',
      resultText ? `${resultText}。` : '严格依照民政法律法规履行社会救助、社会组织登记管理、婚姻登记、殡葬管理、养老服务监管等职责，',
      when(
        'enforcement.cases',
        ['全年依法办理行政执法案件', n('enforcement.cases'), '件。'],
        ['本年度未办理行政处罚案件，以日常监管和指导服务为主。'],
      ),
    ),
  ]);
}

async function problems(ctx: TemplateCtx): Promise<Block[]> {
  const recs = (await ctx.records(problem)).filter((r) => r.status !== '已整改');
  if (recs.length) {
    const out: Block[] = [];
    recs.slice(0, 6).forEach((r, i) => {
      out.push(
        lead(
          2,
          `（${['一', '二', '三', '四', '五', '六'][i]}）${r.title.replace(/[。]$/, '')}。`,
          typeof r.data.cause === 'string' ? r.data.cause : '',
        ),
      );
      const m = typeof r.data.measures === 'string' ? r.data.measures : '';
      if (m) out.push(p(`改进措施：${m}`));
    });
    return out;
  }
  return [
    lead(
      2,
      '（一）队伍建设相对薄弱。',
      '受人员编制等限制，具体负责法治工作的同志还要兼顾其他工作，工作头绪多、任务压茬时落实不够及时；',
      when(
        'org.officers_certified',
        ['我局持有效执法证件人员', n('org.officers_certified'), '名，数量偏少'],
        ['我局目前尚无持有效执法证件人员'],
      ),
      '，日常法制工作与民政业务工作衔接有待提高。',
    ),
    p('改进措施：加强法治工作力量，健全行政执法人员培训、考核和持证上岗制度，切实提高行政执法人员的政治素质和执法水平。'),
    lead(2, '（二）执法意识有待加强。', '日常监管与其他执法部门联合执法多、独立执法少，对民政服务对象口头劝导多、运用行政手段少。'),
    p('改进措施：围绕民政执法事项定期举办法律讲座和执法实务培训，注重以案释法，规范各业务领域执法工作。'),
    lead(2, '（三）计划落实不够全面。', '虽然制定了普法工作计划和普法责任清单，但有的普法宣传还不到位、不够全面细致。'),
    p(
      '改进措施：严格落实“八五”普法规划和“谁执法谁普法”普法责任制，围绕国际社工日、儿童节、中华慈善日、国家宪法日等节点加强新颁布、新修订法律法规的宣传。',
    ),
  ];
}

export const selfInspection: Template = {
  kind: 'self-inspection',
  label: '“谁执法谁普法”自查报告',
  yearHint: '自查年度',
  figures: FIGURES,
  required: ['org.leading_group_members', 'publicity.activities', since2021('study.central_group')],
  published: false,
  build: async (ctx): Promise<ReportContent> => {
    const L = levelChar(ctx.org.level);
    const date = defaultDate(ctx);
    return {
      title: `${ctx.org.name}${ctx.year}年关于“谁执法谁普法”自查工作情况的报告`,
      addressee: `${L}普法依法治理领导小组办公室`,
      preamble: [
        p(
          `自“谁执法谁普法”工作开展以来，在${L}委、${L}政府的正确领导和${L}普治办的指导下，${we(ctx)}以习近平新时代中国特色社会主义思想为指导，广泛开展民政系统法治宣传教育，促进干部职工法治意识稳步提升，为基本民生保障和基本社会服务营造了良好法治环境。现将“谁执法谁普法”工作自查情况报告如下：`,
          ...rollupNote(ctx),
        ),
      ],
      sections: [
        section('work', '一、工作开展情况', await work(ctx)),
        section('problems', '二、存在的主要问题及改进措施', await problems(ctx)),
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
