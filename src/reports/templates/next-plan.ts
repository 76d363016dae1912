/**
 * 下一年度法治建设工作要点 (seed 003): numbered tasks under headings, with their quantitative targets.
 * The tasks are next year's 工作任务台账 (plan_task), all of them by 序号; without them the plan is
 * the officer's own words (own slots offering this year's tasks or the usual items as suggestions).
 * `year` is the year just ended; the plan is for year + 1.
 */
import { yearPeriod } from '../../figures/evaluate.ts';
import type { RecordView } from '../../ledger/record.repo.ts';
import { h, n, num, own, p, scopeNote, section, type Template, type TemplateCtx, when, whenNone } from '../builder.ts';
import type { Block, ReportContent, Section } from '../../contract.ts';
import { defaultDate, sentence } from './common.ts';
import { byNo, nu } from './prose.ts';
import { chineseDate } from '../../util/time.ts';
import type { DataOf } from '../../ledger/define.ts';
import { planTask } from '../../modules/plan/plan.ledger.ts';

const FIGURES = [
  'plan.tasks',
  'plan.tasks_done',
  'plan.tasks_done_rate',
  'enforcement.results_published_rate',
  'enforcement.random_completed',
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

/** Next year's tasks, as the 工作任务台账 holds them: by 序号, under their 所属部分 headings. */
async function fromTasks(ctx: TemplateCtx, tasks: TaskRecord[]): Promise<Section[]> {
  const unitIds = [...new Set(tasks.map((t) => t.unitId).filter((x): x is string => Boolean(x)))];
  const unitName = await ctx.unitNames(unitIds);
  const groups = new Map<string, Map<string, TaskRecord[]>>();
  for (const t of byNo(tasks)) {
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
        const tail = [unit ? `牵头科室：${unit}` : '', deadline ? `完成时限：${chineseDate(deadline)}` : ''].filter(Boolean);
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

/**
 * No task of next year is recorded: the officer writes the plan. Her slots are offered this year's
 * tasks (by 序号), or the usual items when there are none, as suggestions to rewrite.
 */
function officerSections(ctx: TemplateCtx, thisYear: TaskRecord[]): Section[] {
  const next = ctx.year + 1;
  const hint = (what: string) =>
    `工作任务台账中还没有${next}年的任务。${what}请改写为${next}年的工作任务，或先在工作任务台账中登记${next}年任务后重新生成`;
  if (thisYear.length) {
    return [
      section(
        'tasks',
        '一、重点工作任务',
        byNo(thisYear).map((t, i) =>
          p(num.l3(i + 1), own(`np-task-${i + 1}`, hint(`这里列出的是${ctx.year}年的第${i + 1}项任务，仅供参考。`), sentence(t.title))),
        ),
      ),
    ];
  }
  let k = 0;
  const item = (text: string) => {
    k += 1;
    return p(num.l3(k), own(`np-default-${k}`, hint('这里是常见的工作要点，仅供参考。'), text));
  };
  return [
    section('admin', '一、依法行政工作', [
      item('深入学习贯彻习近平法治思想，将法治民政建设纳入总体规划和年度工作计划，与党建工作和业务工作同部署、同推进、同督促、同考核。'),
      item('继续深化“放管服”改革，完善权力清单、公共服务事项目录、责任清单动态管理，推进“一网通办”“跨省通办”。'),
      item('认真做好重大行政决策和行政规范性文件合法性审查、备案工作，开展规范性文件定期清理，督促做好文件实施后的效果评估。'),
      item('完善执法人员库和检查对象库，合理确定随机抽查比例和频次，确保到期抽查任务全部完成、检查结果全部公示、发现问题全部后续处置。'),
      item('落实行政执法“三项制度”，规范行政执法案卷归档，严格进行案卷质量评查。'),
      item('完善重大、疑难行政复议和行政诉讼案件审议制度，发挥法律顾问和公职律师作用，严格落实行政机关负责人出庭应诉制度。'),
    ]),
    section('publicity', '二、法治宣传教育', [
      item(
        '深入学习宣传习近平法治思想和以宪法为核心的中国特色社会主义法律体系，利用党组理论学习中心组学法、法治讲座、旁听庭审等形式促进领导干部法治思维养成。',
      ),
      item(
        '认真落实“八五”普法规划和“谁执法谁普法”普法责任制，利用慈善日、清明节、老年节、国家宪法日等重要时间节点开展形式多样的法治宣传。',
      ),
      item('在行政审批、日常监管、执法办案、信访接待过程中加强对行政相对人和服务对象的普法宣传，深化以案释法。'),
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
    const note = await scopeNote(ctx);
    const next = ctx.year + 1;
    const nextTasks = (await ctx.records(planTask, yearPeriod(next))).filter((r) => r.status !== '已取消');
    const thisTasks = nextTasks.length ? [] : (await ctx.records(planTask)).filter((r) => r.status !== '已取消');
    const sections = nextTasks.length ? await fromTasks(ctx, nextTasks) : officerSections(ctx, thisTasks);
    const date = defaultDate(ctx);
    return {
      title: `${ctx.org.name}${next}年法治建设工作要点`,
      addressee: '',
      preamble: [
        p(
          own(
            'np-preamble',
            `开篇：${next}年法治建设工作的指导思想和总体要求`,
            `${next}年做好民政系统依法行政和法治宣传教育工作，要坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面落实法治政府建设实施纲要，认真落实“八五”普法责任，进一步加强法治监管，夯实法治基层基础。`,
          ),
          when(
            'plan.tasks',
            [
              `${ctx.year}年安排法治建设工作任务`,
              ...nu('plan.tasks'),
              whenNone(
                'plan.tasks_done',
                ['，已完成', ...nu('plan.tasks_done'), '，完成率', n('plan.tasks_done_rate')],
                '，尚无已完成的任务',
              ),
              '，',
            ],
            [],
          ),
          when('enforcement.random_completed', ['“双随机”检查结果公示率', n('enforcement.results_published_rate'), '，'], []),
          `${next}年重点抓好以下工作：`,
        ),
      ],
      sections,
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
