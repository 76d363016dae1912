/**
 * 法治政府建设年度报告 (seeds 004 and 001). The five sections are fixed by 《法治政府建设与责任落实督察
 * 工作规定》 (厅字〔2019〕28号) and must stay in this order; 报送 before 03-01, 公开 before 04-01.
 */
import { yearPeriod } from '../../figures/evaluate.ts';
import { lead, n, quote, numberLeads, p, section, type Template, type TemplateCtx, when } from '../builder.ts';
import type { Block, ReportContent } from '../model.ts';
import { defaultDate, levelChar, rollupNote, sentence, we } from './common.ts';
import { MEASURES_FIGURES, measures } from './annual-measures.ts';
import { planTask, problem } from '../../modules/plan/plan.ledger.ts';

export const ANNUAL_SECTION_HEADINGS = (year: number): string[] => [
  `一、${year}年度推进法治政府建设的主要举措和成效`,
  `二、${year}年度推进法治政府建设存在的不足和原因`,
  `三、${year}年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况`,
  `四、${year + 1}年度推进法治政府建设的主要安排`,
  '五、其他需要报告的情况',
];

const FIGURES = [
  ...MEASURES_FIGURES,
  'org.leading_group_members',
  'study.central_group',
  'decision.collective',
  'plan.problems',
  'plan.problems_rectified',
  'plan.rectify_rate',
] as const;

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
