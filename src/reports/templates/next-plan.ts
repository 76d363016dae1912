/**
 * 下一年度法治建设工作要点 (seed 003): numbered tasks under headings, with their quantitative targets.
 * Built from next year's 工作任务台账 (plan_task) when it exists, else a skeleton from this year's
 * tasks, else the usual headings. `year` is the year just ended; the plan is for year + 1.
 */
import { yearPeriod } from '../../figures/evaluate.ts';
import type { RecordView } from '../../ledger/record.repo.ts';
import { h, n, num, p, section, type Template, type TemplateCtx, when } from '../builder.ts';
import type { Block, ReportContent, Section } from '../model.ts';
import { sentence } from './common.ts';
import { chineseDate } from '../../util/time.ts';
import type { DataOf } from '../../ledger/define.ts';
import { planTask } from '../../modules/plan/plan.ledger.ts';

const FIGURES = [
  'plan.tasks',
  'plan.tasks_done',
  'plan.tasks_done_rate',
  'enforcement.results_published_rate',
  'enforcement.inspected_objects',
] as const;

/** Splits 「一、依法行政工作（一）强化统筹协调」 into its two heading levels. */
export function splitHeading(s: string): { l1: string; l2: string } {
  const t = s.trim();
  const m = /^(.*?)(（[一二三四五六七八九十]+）.*)$/.exec(t);
  if (m) return { l1: m[1].trim(), l2: m[2].trim() };
  return { l1: t, l2: '' };
}

const stripNumber = (s: string) =>
  s
    .replace(/^[一二三四五六七八九十]+、/, '')
    .replace(/^（[一二三四五六七八九十]+）/, '')
    .trim();

type TaskRecord = RecordView<DataOf<typeof planTask>>;

async function fromTasks(ctx: TemplateCtx, tasks: TaskRecord[], skeleton: boolean): Promise<Section[]> {
  const unitIds = [...new Set(tasks.map((t) => t.unitId).filter((x): x is string => Boolean(x)))];
  const unitName = await ctx.unitNames(unitIds);
  const sorted = [...tasks].sort((a, b) => Number(a.data.no ?? 9999) - Number(b.data.no ?? 9999));
  const groups = new Map<string, Map<string, TaskRecord[]>>();
  for (const t of sorted) {
    const { l1, l2 } = splitHeading((t.data.heading ?? '') || '重点工作任务');
    const g = groups.get(stripNumber(l1) || '重点工作任务') ?? new Map<string, TaskRecord[]>();
    g.set(stripNumber(l2), [...(g.get(stripNumber(l2)) ?? []), t]);
    groups.set(stripNumber(l1) || '重点工作任务', g);
  }
  let taskNo = 0;
  let i = 0;
  const out: Section[] = [];
  for (const [l1, subs] of groups) {
    const blocks: Block[] = [];
    let j = 0;
    for (const [l2, ts] of subs) {
      if (l2) blocks.push(h(2, `${num.l2(++j)}${l2}`));
      for (const t of ts) {
        const target = t.data.target ?? '';
        const unit = t.unitId ? unitName.get(t.unitId) : undefined;
        const deadline = t.data.deadline ?? '';
        const tail = skeleton
          ? []
          : [unit ? `牵头科室：${unit}` : '', deadline ? `完成时限：${chineseDate(deadline)}` : ''].filter(Boolean);
        blocks.push(
          p(
            `${num.l3(++taskNo)}`,
            sentence(t.title),
            target ? sentence(`量化指标：${target}`) : '',
            tail.length ? `（${tail.join('；')}）` : '',
          ),
        );
      }
    }
    out.push(section(`part-${i + 1}`, `${num.l1(++i)}${l1}`, blocks));
  }
  return out;
}

function defaultSections(): Section[] {
  let k = 0;
  const t = (s: string) => p(num.l3(++k), s);
  return [
    section('admin', '一、依法行政工作', [
      h(2, '（一）强化统筹协调，确保重点工作任务全面落实'),
      t('深入学习贯彻习近平法治思想，将法治民政建设纳入总体规划和年度工作计划，与党建工作和业务工作同部署、同推进、同督促、同考核。'),
      t('继续深化“放管服”改革，完善权力清单、公共服务事项目录、责任清单动态管理，推进“一网通办”“跨省通办”。'),
      h(2, '（二）规范行政规范性文件和重大行政决策'),
      t('认真做好重大行政决策和行政规范性文件合法性审查、备案工作，开展规范性文件定期清理，督促做好文件实施后的效果评估。'),
      h(2, '（三）加强“双随机、一公开”和行政执法监督'),
      t('完善执法人员库和检查对象库，合理确定随机抽查比例和频次，确保到期抽查任务全部完成、检查结果全部公示、发现问题全部后续处置。'),
      t('落实行政执法“三项制度”，规范行政执法案卷归档，严格进行案卷质量评查。'),
      h(2, '（四）加强行政案件和信访事项办理'),
      t('完善重大、疑难行政复议和行政诉讼案件审议制度，发挥法律顾问和公职律师作用，严格落实行政机关负责人出庭应诉制度。'),
      t('认真执行首问负责制，引导信访人依法逐级走访，依法分类处理信访投诉请求。'),
    ]),
    section('publicity', '二、法治宣传教育', [
      p(
        '（一）深入学习宣传习近平法治思想和以宪法为核心的中国特色社会主义法律体系，利用党组理论学习中心组学法、法治讲座、旁听庭审等形式促进领导干部法治思维养成。',
      ),
      p(
        '（二）认真落实“八五”普法规划和“谁执法谁普法”普法责任制，利用慈善日、清明节、老年节、国家宪法日等重要时间节点开展形式多样的法治宣传。',
      ),
      p('（三）在行政审批、日常监管、执法办案、信访接待过程中加强对行政相对人和服务对象的普法宣传，深化以案释法。'),
    ]),
  ];
}

export const nextPlan: Template = {
  kind: 'next-plan',
  label: '下一年度法治建设工作要点',
  yearHint: '刚结束的年度（工作要点为其下一年度）',
  figures: FIGURES,
  published: false,
  build: async (ctx): Promise<ReportContent> => {
    const next = ctx.year + 1;
    const nextTasks = (await ctx.records(planTask, yearPeriod(next))).filter((r) => r.status !== '已取消');
    const thisTasks = nextTasks.length ? [] : (await ctx.records(planTask)).filter((r) => r.status !== '已取消');
    const sections = nextTasks.length
      ? await fromTasks(ctx, nextTasks, false)
      : thisTasks.length
        ? await fromTasks(ctx, thisTasks, true)
        : defaultSections();
    const date = ctx.today > `${ctx.year}-12-31` ? ctx.today : `${ctx.year}-12-31`;
    return {
      title: `${ctx.org.name}${next}年法治建设工作要点`,
      addressee: '',
      preamble: [
        p(
          `${next}年做好民政系统依法行政和法治宣传教育工作，要坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面落实法治政府建设实施纲要，认真落实“八五”普法责任，进一步加强法治监管，夯实法治基层基础。`,
          when(
            'plan.tasks',
            [
              `${ctx.year}年安排法治建设工作任务`,
              n('plan.tasks'),
              '项，已完成',
              n('plan.tasks_done'),
              '项，完成率',
              n('plan.tasks_done_rate'),
              '，',
            ],
            [],
          ),
          when('enforcement.inspected_objects', ['“双随机”检查结果公示率', n('enforcement.results_published_rate'), '，'], []),
          `在此基础上，${next}年重点抓好以下工作：`,
        ),
        ...(nextTasks.length || !thisTasks.length
          ? []
          : [p(`（本要点依据${ctx.year}年工作任务生成框架，请结合${next}年实际修改任务内容、牵头科室和完成时限。）`)]),
      ],
      sections,
      attachments: [],
      signature: ctx.org.name,
      date,
      copyTo: [],
      printer: null,
      secrecyReviewed: false,
    };
  },
};
