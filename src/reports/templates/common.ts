/** Wording shared by several templates: addressees, signatures, the study and publicity paragraphs. */
import { since2021 } from '../../figures/define.ts';
import type { RecordView } from '../../ledger/record.repo.ts';
import { lawNames, n, quoteTitles, type TemplateCtx, when } from '../builder.ts';
import type { Run } from '../model.ts';
import { publicityActivity } from '../../modules/publicity/publicity.ledger.ts';
import { studySession } from '../../modules/study/study.ledger.ts';

/** 县 / 市 / 省 from the org level ('' when unknown). */
export function levelChar(level: string): string {
  if (level === 'county' || level === 'district') return level === 'district' ? '区' : '县';
  if (level === 'city') return '市';
  if (level === 'province') return '省';
  return '县';
}

/** 我局, or 全市民政系统 for a roll-up. */
export function we(ctx: TemplateCtx): string {
  return ctx.rollup ? `全${levelChar(ctx.org.level)}民政系统` : '我局';
}

/** 成文日期 default: today, but not before the year being reported on has ended. */
export function defaultDate(ctx: TemplateCtx): string {
  return ctx.today > `${ctx.year}-12-31` ? ctx.today : `${ctx.year}-12-31`;
}

export function rollupNote(ctx: TemplateCtx): Run[] {
  return ctx.rollup ? [{ t: '（本报告数据汇总本局及所属下级单位）' }] : [];
}

/** The law-study sentence: 中心组学法, 讲座, 培训, 学法考试. */
export async function studyRuns(ctx: TemplateCtx, opts: { since2021?: boolean } = {}): Promise<Run[]> {
  const recs = await ctx.records(studySession);
  const laws = lawNames(recs);
  const k = (key: string) => (opts.since2021 ? since2021(key) : key);
  const prefix = opts.since2021 ? '“八五”普法以来，共开展' : '全年开展';
  return [
    when(
      k('study.central_group'),
      [`${prefix}党组理论学习中心组学法`, n(k('study.central_group')), '次'],
      [opts.since2021 ? '“八五”普法以来党组理论学习中心组尚未开展专题学法' : '本年度党组理论学习中心组尚未开展专题学法'],
    ),
    { t: laws.length ? `，重点学习${laws.join('')}等法律法规` : '' },
    when('study.lectures', ['，举办领导干部法治讲座', n('study.lectures'), '次'], []),
    when('study.trainings', ['，组织执法人员培训', n('study.trainings'), '次'], []),
    when(
      'study.sessions',
      ['，全年各类学法活动共', n('study.sessions'), '次', when('study.attendance', ['、参学', n('study.attendance'), '人次'], [])],
      [],
    ),
    { t: '。' },
    when(
      'study.exam_participants',
      [
        '组织干部职工参加年度学法考试，参考率',
        n('study.exam_participation_rate'),
        '，合格率',
        n('study.exam_pass_rate'),
        when('study.exam_excellent', ['，优秀率', n('study.exam_excellent_rate')], []),
        '。',
      ],
      ['本年度尚未组织干部职工参加学法考试。'],
    ),
  ];
}

/** Materials handed out, each with its own verb (the seeds' style). */
export function materialRuns(k: (key: string) => string = (x) => x): Run[] {
  const items: Array<[string, string, string]> = [
    ['publicity.mat_gifts', '发放宣传品', '件'],
    ['publicity.mat_banners', '悬挂标语条幅', '条'],
    ['publicity.mat_posters', '张贴海报', '张'],
    ['publicity.mat_leaflets', '发放宣传单及宣传册', '份'],
    ['publicity.mat_handbooks', '发放普法宣传手册', '本'],
    ['publicity.mat_boards', '摆放宣传展板', '个'],
    ['publicity.mat_videos', '制作电子宣传片', '个'],
  ];
  return items.map(([key, verb, unit]) => when(k(key), [`，${verb}`, n(k(key)), unit], []));
}

/** The 谁执法谁普法 publicity sentence. */
export async function publicityRuns(ctx: TemplateCtx): Promise<Run[]> {
  const acts = await ctx.records(publicityActivity);
  const named = quoteTitles(acts);
  return [
    when('publicity.duty_items', ['制定普法责任清单，明确普法责任事项', n('publicity.duty_items'), '项，'], ['']),
    { t: '结合国家宪法日、宪法宣传周、民法典宣传月、全民国家安全教育日等重要时间节点，' },
    when(
      'publicity.activities',
      [
        '全年开展法治宣传活动',
        n('publicity.activities'),
        '场',
        named ? `，包括${named}等主题活动` : '',
        when('publicity.audience', ['，覆盖群众', n('publicity.audience'), '人次'], []),
        when('publicity.consultations', ['，现场解答政策咨询', n('publicity.consultations'), '人次'], []),
        when('publicity.campus_community', ['，开展法治进校园、进社区活动', n('publicity.campus_community'), '场'], []),
        ...materialRuns(),
      ],
      ['本年度尚未组织专项法治宣传活动，主要通过窗口服务、政策解读等日常方式开展普法'],
    ),
    { t: '。' },
    when('publicity.case_teachings', ['坚持以案释法，结合执法办案和窗口服务开展以案释法', n('publicity.case_teachings'), '次。'], []),
  ];
}

export function titlesOf(recs: RecordView[], max = 8): string[] {
  return [...new Set(recs.map((r) => r.title.trim()).filter(Boolean))].slice(0, max);
}

/** Ensures a sentence ends with a full stop. */
export function sentence(s: string): string {
  const t = s.trim();
  return /[。！？；]$/.test(t) ? t : `${t}。`;
}

/** Figures the study paragraph (studyRuns) prints; templates that use it evaluate these. */
export const STUDY_FIGURES: readonly string[] = [
  'study.attendance',
  'study.central_group',
  'study.exam_excellent',
  'study.exam_excellent_rate',
  'study.exam_participants',
  'study.exam_participation_rate',
  'study.exam_pass_rate',
  'study.lectures',
  'study.sessions',
  'study.trainings',
];

/** Figures the publicity paragraph (publicityRuns, materialRuns) prints. */
export const PUBLICITY_FIGURES: readonly string[] = [
  'publicity.activities',
  'publicity.audience',
  'publicity.campus_community',
  'publicity.case_teachings',
  'publicity.consultations',
  'publicity.duty_items',
  'publicity.mat_banners',
  'publicity.mat_boards',
  'publicity.mat_gifts',
  'publicity.mat_handbooks',
  'publicity.mat_leaflets',
  'publicity.mat_posters',
  'publicity.mat_videos',
];
