/**
 * Wording shared by several templates: addressees, signatures, the study and publicity paragraphs,
 * and the helpers that join conditional items as prose. Every sentence here is computed from figures
 * or quoted from records; a negative ("尚未…") is a `none` that a person must confirm.
 */
import { getFigureDecl, since2021 } from '../../figures/define.ts';
import type { DataOf } from '../../ledger/define.ts';
import type { RecordView } from '../../ledger/record.repo.ts';
import {
  caseTeaching,
  MATERIAL_FIELDS,
  MATERIAL_KINDS,
  type MaterialField,
  publicityActivity,
} from '../../modules/publicity/publicity.ledger.ts';
import type { PUBLICITY_KEY_DATES } from '../../modules/publicity/key-dates.ts';
import { materialByActivityKey } from '../../modules/publicity/publicity.figures.ts';
import { result } from '../../modules/results/results.ledger.ts';
import { studySession } from '../../modules/study/study.ledger.ts';
import { cnNumber, lawNames, n, none, quote, type TemplateCtx, when, whenPart } from '../builder.ts';
import type { Run, WhenRun } from '../../contract.ts';

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

/** The counting word of a figure as declared (件、起、条、名…), printed after its number; '' for a percentage. */
export function unitOf(key: string): string {
  const u = getFigureDecl(key)?.unit ?? '';
  if (u === '%') return '';
  const i = u.indexOf('（');
  return i >= 0 ? u.slice(0, i) : u;
}

/** A figure reference followed by its declared counting word: 5起, 142条. */
export const nu = (key: string, part?: string): Run[] => [n(key, part), { t: unitOf(key) }];

/** One item of a prose list: printed only when its figure (or the named group of it) is not 0. */
export type Item = { key: string; part?: string; runs: ReadonlyArray<Run | string> };

const toRuns = (xs: ReadonlyArray<Run | string>): Run[] => xs.map((x) => (typeof x === 'string' ? { t: x } : x));
const onItem = (it: Item, some: Run[], zero: Run[]): WhenRun =>
  it.part === undefined ? when(it.key, some, zero) : whenPart(it.key, it.part, some, zero);

/** What goes before item i: `first` when no earlier item prints, else `sep` (known only from the figures). */
function before(items: readonly Item[], i: number, first: string, sep: string): Run[] {
  if (i === 0) return first ? [{ t: first }] : [];
  return [onItem(items[i - 1], [{ t: sep }], before(items, i - 1, first, sep))];
}

/**
 * Items joined as prose: "其中经公众参与3件、专家论证2件". Items at 0 drop out; `first` opens the list
 * at whichever item prints first and `sep` goes between the printed ones.
 */
export function series(items: readonly Item[], first: string, sep: string): Run[] {
  return items.map((it, i) => onItem(it, [...before(items, i, first, sep), ...toRuns(it.runs)], []));
}

/** `some` when any of the items is not 0, else `zero` (e.g. the full stop after a list). */
export function anyOf(items: readonly Item[], some: ReadonlyArray<Run | string>, zero: ReadonlyArray<Run | string> = []): Run[] {
  if (!items.length) return toRuns(zero);
  const [head, ...rest] = items;
  return [onItem(head, toRuns(some), anyOf(rest, some, zero))];
}

/** The law-study sentence: 中心组学法, 讲座, 培训, 学法考试. */
export async function studyRuns(ctx: TemplateCtx, opts: { since2021?: boolean } = {}): Promise<Run[]> {
  const recs = await ctx.records(studySession, opts.since2021 ? { from: '2021-01-01', to: ctx.period.to } : ctx.period);
  const laws = lawNames(recs);
  const k = (key: string) => (opts.since2021 ? since2021(key) : key);
  const central = k('study.central_group');
  return [
    when(
      central,
      [opts.since2021 ? '“八五”普法以来，共开展党组理论学习中心组学法' : '全年开展党组理论学习中心组学法', ...nu(central)],
      [none(central, opts.since2021 ? '“八五”普法以来党组理论学习中心组尚未开展专题学法' : '本年度党组理论学习中心组尚未开展专题学法')],
    ),
    when(k('study.lectures'), ['，举办领导干部法治讲座', ...nu(k('study.lectures'))], []),
    when(k('study.trainings'), ['，组织执法人员培训', ...nu(k('study.trainings'))], []),
    when(
      k('study.sessions'),
      ['，各类学法活动共计', ...nu(k('study.sessions')), when(k('study.attendance'), ['、参学', ...nu(k('study.attendance'))], [])],
      [],
    ),
    { t: laws.length ? `，重点学习${laws.join('')}等法律法规` : '' },
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
      [none('study.exam_participants', '本年度尚未组织干部职工参加学法考试'), '。'],
    ),
  ];
}

/** How each kind of material is handed out, in the seeds' words; the counting word is the ledger's. */
const MATERIAL_VERBS: Record<MaterialField, string> = {
  matGifts: '发放宣传品',
  matBanners: '悬挂标语条幅',
  matPosters: '张贴海报',
  matLeaflets: '发放宣传单及宣传册',
  matHandbooks: '发放普法宣传手册',
  matBoards: '摆放宣传展板',
  matVideos: '制作电子宣传片',
};

/** Materials handed out, each with its own verb (the seeds' style): "，发放宣传品300件次，悬挂标语条幅10条". */
export function materialRuns(k: (key: string) => string = (x) => x): Run[] {
  return MATERIAL_FIELDS.map((field) => {
    const key = k(MATERIAL_KINDS[field].figure);
    return when(key, [`，${MATERIAL_VERBS[field]}`, n(key), MATERIAL_KINDS[field].unit], []);
  });
}

/** Key dates as a sentence names them; activities tied to no date are left out. */
type KeyDate = (typeof PUBLICITY_KEY_DATES)[number];
/** How a key date reads in running text, where its option name is not the name people say. */
const KEY_DATE_WORDS: Partial<Record<KeyDate, string>> = { '520婚姻登记': '“520”婚姻登记日', 法律施行日: '重要法律法规施行日' };
/** Options that name no date at all. */
const NO_KEY_DATE = new Set<string>(['日常宣传', '其他节点'] satisfies KeyDate[]);
const keyDateWord = (kd: string): string => KEY_DATE_WORDS[kd as KeyDate] ?? kd;

type Activity = RecordView<DataOf<typeof publicityActivity>>;

/** The key dates the activities were tied to, in the order of the year. */
function keyDatesOf(acts: readonly Activity[], max = 6): string[] {
  const seen = new Set<string>();
  for (const a of acts) {
    const kd = a.data.keyDate;
    if (kd && !NO_KEY_DATE.has(kd)) seen.add(kd);
  }
  return [...seen].slice(0, max).map(keyDateWord);
}

/** Values by how often they occur, most frequent first (ties in order of first occurrence). */
export function byFrequency(xs: ReadonlyArray<string | null | undefined>): string[] {
  const count = new Map<string, number>();
  for (const x of xs) if (typeof x === 'string' && x.trim()) count.set(x.trim(), (count.get(x.trim()) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([x]) => x);
}

/** "A、B等" for a list of two or more, "A" for one. */
export const listed = (xs: readonly string[]): string => (xs.length > 1 ? `${xs.join('、')}等` : (xs[0] ?? ''));

export const distinct = (xs: ReadonlyArray<string | null | undefined>): string[] => [
  ...new Set(xs.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim())),
];

/**
 * The activities that handed out 宣传手册 (or else 宣传单及宣传册), one clause each with what that activity handed out (seed
 * 004: "宪法宣传周期间，组织开展“宪法进社区”活动……发放《中华人民共和国宪法》宣传手册100本，在社区摆放宣传
 * 展板2个"). Activities are told apart by their theme; the numbers are the per-theme figures.
 */
function activityClauses(acts: readonly Activity[], rollup: boolean, max = 4): Run[] {
  const byTheme = new Map<string, Activity[]>();
  for (const a of acts) {
    const theme = a.data.theme?.trim() ?? '';
    // A group name with '|' cannot be named as one figure part (parts are split on it).
    if (!theme || theme.includes('|')) continue;
    byTheme.set(theme, [...(byTheme.get(theme) ?? []), a]);
  }
  const clauses: Item[] = [];
  for (const [theme, recs] of byTheme) {
    // The clause leads with the printed matter the activity handed out: 宣传手册, else 宣传单及宣传册.
    const lead: MaterialField | undefined = recs.some((r) => (r.data.matHandbooks ?? 0) > 0)
      ? 'matHandbooks'
      : recs.some((r) => (r.data.matLeaflets ?? 0) > 0)
        ? 'matLeaflets'
        : undefined;
    if (!lead) continue;
    if (clauses.length >= max) break;
    const kds = distinct(recs.map((r) => r.data.keyDate));
    const when_ = kds.length === 1 && !NO_KEY_DATE.has(kds[0]) ? `${keyDateWord(kds[0])}期间，` : '';
    const places = distinct(recs.map((r) => r.data.place));
    const where = !rollup && places.length === 1 ? `在${places[0]}` : '';
    const laws = lawNames(recs).join('');
    const leadKey = materialByActivityKey(lead);
    const mats: Item[] = MATERIAL_FIELDS.map((field) => {
      const key = materialByActivityKey(field);
      const verb = field === 'matHandbooks' ? `发放${laws}${laws ? '' : '普法'}宣传手册` : MATERIAL_VERBS[field];
      return { key, part: theme, runs: [verb, n(key, theme), MATERIAL_KINDS[field].unit] };
    });
    // The leading matter first: the clause is about it.
    const ordered = [mats[MATERIAL_FIELDS.indexOf(lead)], ...mats.filter((_, i) => MATERIAL_FIELDS[i] !== lead)];
    clauses.push({ key: leadKey, part: theme, runs: [`${when_}${where}开展${theme}，`, ...series(ordered, '', '，')] });
  }
  return [...series(clauses, '其中，', '；'), ...anyOf(clauses, ['。'])];
}

/**
 * Distinct activity themes, those tied to a key date first; a numbered series ("……活动（第3场）") is
 * named once, without its number.
 */
function themesOf(acts: readonly Activity[]): string[] {
  const tied = acts.filter((a) => !NO_KEY_DATE.has(a.data.keyDate));
  const daily = acts.filter((a) => NO_KEY_DATE.has(a.data.keyDate));
  return distinct([...tied, ...daily].map((a) => a.data.theme.replace(/（第[0-9一二三四五六七八九十百]+[场期次]）$/, '')));
}

/** Themes in running text: each in quotes unless it carries its own (“宪法进社区”宣传活动). */
function themeList(themes: readonly string[]): string {
  const own = (t: string) => /[“《]/.test(t);
  const words = themes.map((t) => (own(t) ? t : quote(t)));
  // Quoted items follow each other without 、; once an item is not wholly quoted, 、 separates them.
  return words.join(themes.some(own) ? '、' : '');
}

/** The 谁执法谁普法 publicity sentence: key dates, activities, materials, and per activity what it handed out. */
export async function publicityRuns(ctx: TemplateCtx): Promise<Run[]> {
  const acts = await ctx.records(publicityActivity);
  const themes = themesOf(acts);
  const named = themeList(themes.slice(0, 4));
  const dates = keyDatesOf(acts);
  const forms = byFrequency((await ctx.records(caseTeaching)).map((r) => r.data.form))
    .filter((f) => f !== '其他')
    .slice(0, 4);
  return [
    when('publicity.duty_items', ['制定普法责任清单，明确普法责任事项', ...nu('publicity.duty_items'), '。'], []),
    when(
      'publicity.activities',
      [
        dates.length > 1 ? `结合${dates.join('、')}等重要时间节点，` : dates.length ? `结合${dates[0]}，` : '',
        '全年开展法治宣传活动',
        ...nu('publicity.activities'),
        themes.length > 1 ? `，包括${named}等主题活动` : themes.length ? `，主题为${named}` : '',
        when('publicity.audience', ['，覆盖群众', ...nu('publicity.audience')], []),
        when('publicity.consultations', ['，现场解答政策咨询', ...nu('publicity.consultations')], []),
        when('publicity.campus_community', ['，开展法治进校园、进社区活动', ...nu('publicity.campus_community')], []),
        ...materialRuns(),
        '。',
        ...activityClauses(acts, ctx.rollup),
      ],
      [none('publicity.activities', '本年度尚未组织专项法治宣传活动'), '。'],
    ),
    when(
      'publicity.case_teachings',
      ['全年开展以案释法', ...nu('publicity.case_teachings'), forms.length ? `，形式包括${listed(forms)}` : '', '。'],
      [],
    ),
  ];
}

/** Law or document names in 《》: "社会团体登记管理条例" → 《社会团体登记管理条例》. */
const bookTitles = (s: string): string =>
  s
    .split(/[、，,;；]+/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => (x.includes('《') ? x : `《${x}》`))
    .join('');

/**
 * 成效 from the results ledger, by business area ("一是在…方面，…"), each result with its quantity and
 * the record's counting word (seed 002: 对11家名存实亡的“僵尸型”社会组织进行注销登记, 完成38名儿童落户登记).
 * Empty when the year has no results.
 */
export async function resultRuns(ctx: TemplateCtx, opts: { maxDomains?: number; maxItems?: number } = {}): Promise<Run[]> {
  const recs = await ctx.records(result);
  const byDomain = new Map<string, typeof recs>();
  for (const r of recs) byDomain.set(r.data.domain, [...(byDomain.get(r.data.domain) ?? []), r]);
  const key = 'results.quantity_by_item';
  const parts: Run[] = [];
  let i = 0;
  for (const [domain, rs] of [...byDomain.entries()].slice(0, opts.maxDomains ?? 8)) {
    const byItem = new Map<string, typeof recs>();
    for (const r of rs) byItem.set(r.data.description, [...(byItem.get(r.data.description) ?? []), r]);
    parts.push({ t: `${cnNumber(++i)}是在${domain}方面，` });
    [...byItem.entries()].slice(0, opts.maxItems ?? 4).forEach(([desc, items], j) => {
      const bases = distinct(items.map((r) => r.data.basis));
      const basis = `${j ? '，' : ''}${bases.length === 1 ? `依据${bookTitles(bases[0])}，` : ''}`;
      const units = distinct(items.map((r) => r.data.countUnit));
      const counted = items.some((r) => typeof r.data.quantity === 'number');
      // One number per description, only when its records share one counting word (and the name can be a figure part).
      if (!counted || units.length > 1 || desc.includes('|')) parts.push({ t: `${basis}${desc}` });
      else parts.push({ t: basis }, whenPart(key, desc, [desc, n(key, desc), units[0] ?? ''], [desc]));
    });
    parts.push({ t: '。' });
  }
  return parts;
}

/** Figures the results sentence (resultRuns) prints. */
export const RESULT_FIGURES: readonly string[] = ['results.quantity_by_item'];

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
  ...MATERIAL_FIELDS.flatMap((field) => [MATERIAL_KINDS[field].figure, materialByActivityKey(field)]),
];
