/**
 * The working-day calendar: the State Council's holiday and 调休 arrangement (npm `chinese-days`,
 * data for 2004–2026) plus the administrator's overrides (table `calendar_override`; an override
 * wins). A year counts as covered only when the library has it or an administrator marked its
 * arrangement complete (table `calendar_year`); overrides alone do not make a year covered. In a
 * year that is not covered (from 2025, when the current 放假办法 took effect) the fixed statutory
 * holidays of 放假办法第二条 are applied, with the lunar and solar-term dates `chinese-days`
 * computes, weekends otherwise and no 调休 or 补假 guessed. The real notice usually lengthens the
 * breaks and makes a few weekends working days, so an estimate can be off by days either way:
 * every computation returns its reasoning in Chinese and flags days that fall in a year that is
 * not covered, and the pages show that flag beside the deadline.
 *
 * Built fresh from the database for each request (`loadWorkCalendar`), so an override takes effect
 * on the next read; nothing here is cached across requests.
 */
import type { CalendarOverride, DayInfo, DaySource, OverrideKind } from '../contract.ts';
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import type { Db } from '../db/types.ts';
import { findCompleteYears, findOverrides } from './calendar.repo.ts';
import { addDays, addMonths as addCalendarMonths, weekday } from '../util/time.ts';
import { YEARS_MSG } from './years.messages.ts';

export type { CalendarOverride, OverrideKind };

/** Why a day is or is not a working day. */

export type { DayInfo, DaySource };

export type DueComputation = {
  start: string;
  due: string;
  /** Chinese lines explaining how `due` was reached. */
  explanation: string[];
  /** True when a day whose status mattered lies in a year with no holiday data. */
  uncovered: boolean;
  uncoveredYears: number[];
};

type OfficialData = { holidays: Map<string, string>; workdays: Map<string, string>; years: Set<number> };

const WEEKDAY_CN = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
/** Upper bound on the days a single computation may walk (guards against absurd inputs). */
const MAX_WALK_DAYS = 20_000;

/** `chinese-days` entries look like "National Day,国庆节,3": English, Chinese, length. */
function chineseName(entry: string): string {
  const parts = entry.split(',');
  return parts[1] ?? parts[0] ?? '';
}

function loadOfficial(): OfficialData {
  const require = createRequire(import.meta.url);
  const raw: unknown = require('chinese-days/dist/chinese-days.json');
  const table = (k: string): Map<string, string> => {
    const m = new Map<string, string>();
    const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[k] : undefined;
    if (typeof obj !== 'object' || obj === null) throw new Error(`chinese-days data lacks ${k}`);
    for (const [day, v] of Object.entries(obj)) if (typeof v === 'string') m.set(day, chineseName(v));
    return m;
  };
  const holidays = table('holidays');
  const workdays = table('workdays');
  const years = new Set<number>();
  for (const d of [...holidays.keys(), ...workdays.keys()]) years.add(Number(d.slice(0, 4)));
  return { holidays, workdays, years };
}

let official: OfficialData | null = null;
/** The package's data is immutable for the life of the process; only it is memoised. */
function officialData(): OfficialData {
  official ??= loadOfficial();
  return official;
}

/** Years for which `chinese-days` has the official arrangement. */
export function officialYears(): number[] {
  return [...officialData().years].sort((a, b) => a - b);
}

/**
 * The current text of 全国年节及纪念日放假办法 (amended 2024-11-10) applies from this year; an
 * uncovered year before it falls back to Monday–Friday (the older texts had other holidays).
 */
export const STATUTE_FROM_YEAR = 2025;

const statuteMemo = new Map<number, Map<string, string>>();

/**
 * The holidays of 放假办法第二条 in `year`, day → name: 元旦 1-1; 春节 除夕 and 正月初一至初三;
 * 清明节 the solar term; 劳动节 5-1, 5-2; 端午节 and 中秋节 by the lunar calendar; 国庆节 10-1..3.
 * Pure (the lunar conversion is deterministic), so memoised for the process.
 */
export function statutoryHolidays(year: number): Map<string, string> {
  let m = statuteMemo.get(year);
  if (m) return m;
  m = new Map<string, string>();
  const pad = (n: number) => String(n).padStart(2, '0');
  const solar = (month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
  const lunar = (month: number, day: number) => chineseDays.getSolarDateFromLunar(solar(month, day)).date;
  const springFestival = lunar(1, 1);
  const days: Array<[string, string]> = [
    [solar(1, 1), '元旦'],
    [addDays(springFestival, -1), '春节'],
    [springFestival, '春节'],
    [addDays(springFestival, 1), '春节'],
    [addDays(springFestival, 2), '春节'],
    [chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), '清明节'],
    [solar(5, 1), '劳动节'],
    [solar(5, 2), '劳动节'],
    [lunar(5, 5), '端午节'],
    [lunar(8, 15), '中秋节'],
    [solar(10, 1), '国庆节'],
    [solar(10, 2), '国庆节'],
    [solar(10, 3), '国庆节'],
  ];
  // 中秋 and 国庆 can meet (2020, 2025): the day keeps the first name, the count stays the law's.
  for (const [d, name] of days) if (!m.has(d)) m.set(d, name);
  statuteMemo.set(year, m);
  return m;
}

/** The explanation line for a computation that touched `year` while it is not covered. */
export const uncoveredWarning = (year: number): string =>
  year >= STATUTE_FROM_YEAR ? YEARS_MSG.statuteWarning(year) : YEARS_MSG.weekdayWarning(year);

/** The one line a page shows beside a deadline computed over years that are not covered, or null. */
export function uncoveredNote(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  const text = years.join('、');
  return years.every((y) => y >= STATUTE_FROM_YEAR) ? YEARS_MSG.statuteNote(text) : YEARS_MSG.weekdayNote(text);
}

function md(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** "10月1日—7日", "1月31日—2月6日", "2026年12月31日—2027年1月1日", "4月5日". */
export function spanText(from: string, to: string): string {
  if (from === to) return md(from);
  if (from.slice(0, 4) !== to.slice(0, 4)) {
    return `${Number(from.slice(0, 4))}年${md(from)}—${Number(to.slice(0, 4))}年${md(to)}`;
  }
  if (from.slice(0, 7) === to.slice(0, 7)) return `${md(from)}—${Number(to.slice(8, 10))}日`;
  return `${md(from)}—${md(to)}`;
}

function weekdayText(date: string): string {
  return WEEKDAY_CN[weekday(date)];
}

/** 0 for 1 January. */
function dayOfYear(date: string): number {
  const y = Number(date.slice(0, 4));
  return (Date.UTC(y, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - Date.UTC(y, 0, 1)) / 86_400_000;
}

export class WorkCalendar {
  private readonly overrides: Map<string, CalendarOverride>;
  private readonly completeYears: Set<number>;
  /** Per-instance memo; an instance lives for one request, so it never outlives an override edit. */
  private readonly memo = new Map<string, DayInfo>();
  /**
   * Due dates and working-day counts already computed by this instance: a year of records shares a
   * few hundred start dates, so each walk over the calendar is done once. Results are never mutated.
   */
  private readonly walked = new Map<string, DueComputation | number>();

  private once<T extends DueComputation | number>(key: string, make: () => T): T {
    let v = this.walked.get(key) as T | undefined;
    if (v === undefined) {
      v = make();
      this.walked.set(key, v);
    }
    return v;
  }

  /** `completeYears`: the years an administrator marked complete (their overrides are the whole arrangement). */
  constructor(overrides: readonly CalendarOverride[] = [], completeYears: readonly number[] = []) {
    this.overrides = new Map(overrides.map((o) => [o.day, o]));
    this.completeYears = new Set(completeYears);
  }

  /** True if the year's arrangement is known: the library has it, or an administrator marked it complete. */
  covered(year: number): boolean {
    return officialData().years.has(year) || this.completeYears.has(year);
  }

  dayInfo(date: string): DayInfo {
    let info = this.memo.get(date);
    if (!info) {
      info = this.lookup(date);
      this.memo.set(date, info);
    }
    return { ...info };
  }

  private lookup(date: string): DayInfo {
    const year = Number(date.slice(0, 4));
    const covered = this.covered(year);
    const o = this.overrides.get(date);
    if (o) {
      return o.kind === 'holiday'
        ? { date, workday: false, name: o.name, kind: 'holiday', source: 'override', covered }
        : { date, workday: true, name: o.name, kind: 'makeup', source: 'override', covered };
    }
    const data = officialData();
    const hol = data.holidays.get(date);
    if (hol !== undefined) return { date, workday: false, name: hol, kind: 'holiday', source: 'official', covered };
    const makeup = data.workdays.get(date);
    if (makeup !== undefined) return { date, workday: true, name: `${makeup}调休上班`, kind: 'makeup', source: 'official', covered };
    if (!covered && year >= STATUTE_FROM_YEAR) {
      const statutory = statutoryHolidays(year).get(date);
      if (statutory !== undefined) return { date, workday: false, name: statutory, kind: 'holiday', source: 'statute', covered };
    }
    const wd = weekday(date);
    if (wd === 0 || wd === 6)
      return { date, workday: false, name: wd === 0 ? '周日' : '周六', kind: 'weekend', source: 'weekday', covered };
    return { date, workday: true, name: null, kind: 'workday', source: 'weekday', covered };
  }

  isWorkday(date: string): boolean {
    return this.dayInfo(date).workday;
  }

  /** The days from..to inclusive (at most 366). */
  days(from: string, to: string): DayInfo[] {
    const out: DayInfo[] = [];
    for (let d = from; d <= to && out.length < 366; d = addDays(d, 1)) out.push(this.dayInfo(d));
    return out;
  }

  /**
   * The n-th working day after `start` (the day of the event is not counted), with the skipped
   * holidays and counted make-up workdays explained.
   */
  addWorkdays(start: string, n: number): DueComputation {
    return this.once(`w|${start}|${n}`, () => this.walkWorkdays(start, n));
  }

  private walkWorkdays(start: string, n: number): DueComputation {
    if (!Number.isInteger(n) || n < 0) throw new Error(`addWorkdays: bad n ${n}`);
    const head = [`起算日 ${start}（当日不计入）`, `按工作日计算 ${n} 个工作日`];
    const walk = new Walk(this);
    let d = start;
    let counted = 0;
    let steps = 0;
    while (counted < n) {
      d = addDays(d, 1);
      if (++steps > MAX_WALK_DAYS) throw new Error('addWorkdays: walked too far');
      if (walk.visit(d).workday) counted++;
    }
    const tail = n > 0 ? `第${n}个工作日为 ${d}（${weekdayText(d)}），即届满日` : `当日办结，届满日为 ${d}`;
    return walk.result(start, d, head, [tail]);
  }

  /** Natural days; a last day that is not a working day moves to the next working day (民事诉讼法第八十五条). */
  addCalendarDays(start: string, n: number): DueComputation {
    return this.once(`d|${start}|${n}`, () => this.walkCalendarDays(start, n));
  }

  private walkCalendarDays(start: string, n: number): DueComputation {
    if (!Number.isInteger(n) || n < 0) throw new Error(`addCalendarDays: bad n ${n}`);
    const last = addDays(start, n);
    const lines = [`起算日 ${start}（当日不计入）`, `按自然日计算 ${n} 日，期间最后一日为 ${last}`];
    return this.rollForward(start, last, lines);
  }

  /** Calendar months: the corresponding day of the final month, or its last day (民法典第二百零二条); then rolls forward. */
  addMonths(start: string, n: number): DueComputation {
    return this.once(`m|${start}|${n}`, () => this.walkMonths(start, n));
  }

  private walkMonths(start: string, n: number): DueComputation {
    if (!Number.isInteger(n) || n < 0) throw new Error(`addMonths: bad n ${n}`);
    const last = addCalendarMonths(start, n);
    const lines = [`起算日 ${start}（当日不计入）`];
    if (last.slice(8) === start.slice(8)) lines.push(`按月计算 ${n} 个月，到期月的对应日 ${last} 为期间最后一日`);
    else lines.push(`按月计算 ${n} 个月，到期月没有对应日，以月末日 ${last} 为期间最后一日`);
    return this.rollForward(start, last, lines);
  }

  /** A date the bureau fixed itself (a period of 0): nothing is counted or rolled; a rest day is pointed out. */
  fixedDate(date: string): DueComputation {
    const info = this.dayInfo(date);
    const explanation = [`指定完成日期 ${date}（${weekdayText(date)}）`];
    if (!info.workday) explanation.push(`该日为休息日（${info.name ?? '休息日'}），请在此前的工作日完成`);
    // Whether the day is a rest day is itself a guess in a year that is not covered.
    const years = info.covered ? [] : [Number(date.slice(0, 4))];
    return {
      start: date,
      due: date,
      explanation: [...explanation, ...years.map(uncoveredWarning)],
      uncovered: !info.covered,
      uncoveredYears: years,
    };
  }

  /** Working days d with from < d ≤ to (0 when to ≤ from). */
  workdaysBetween(from: string, to: string): number {
    if (to <= from) return 0;
    const [fy, ty] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    let n = this.yearCounts(ty)[dayOfYear(to)] - this.yearCounts(fy)[dayOfYear(from)];
    for (let y = fy; y < ty; y++) n += this.yearTotal(y);
    return n;
  }

  /**
   * Per year: the working days from 1 January through each day (index: day of the year), so a
   * count between two days is a difference, not a walk over the days between.
   */
  private readonly cumulative = new Map<number, number[]>();

  private yearCounts(year: number): number[] {
    let counts = this.cumulative.get(year);
    if (!counts) {
      counts = [];
      let n = 0;
      for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
        if (this.isWorkday(d)) n++;
        counts.push(n);
      }
      this.cumulative.set(year, counts);
    }
    return counts;
  }

  private yearTotal(year: number): number {
    const counts = this.yearCounts(year);
    return counts[counts.length - 1];
  }

  private rollForward(start: string, last: string, head: string[]): DueComputation {
    const walk = new Walk(this);
    const first = walk.visit(last);
    let d = last;
    if (first.workday) return walk.result(start, d, head, [`届满日 ${d}（${weekdayText(d)}）为工作日`]);
    let steps = 0;
    do {
      d = addDays(d, 1);
      if (++steps > MAX_WALK_DAYS) throw new Error('rollForward: walked too far');
    } while (!walk.visit(d).workday);
    return walk.result(start, d, head, [`届满日 ${last} 为休息日（${first.name ?? '休息日'}），顺延至 ${d}（${weekdayText(d)}）`]);
  }
}

/** Walks days in order, grouping named holidays into spans and noting make-up workdays and uncovered years. */
class Walk {
  private readonly lines: string[] = [];
  private readonly uncovered = new Set<number>();
  private span: { name: string; from: string; to: string; source: DaySource } | null = null;

  constructor(private readonly cal: WorkCalendar) {}

  visit(date: string): DayInfo {
    const info = this.cal.dayInfo(date);
    if (!info.covered) this.uncovered.add(Number(date.slice(0, 4)));
    if (info.kind === 'holiday' && info.name) {
      const source = info.source;
      if (this.span && this.span.name === info.name && this.span.source === source && addDays(this.span.to, 1) === date) {
        this.span.to = date;
      } else {
        this.flush();
        this.span = { name: info.name, from: date, to: date, source };
      }
      return info;
    }
    // A weekend inside a holiday break extends nothing; only adjacent named days join a span.
    if (info.kind !== 'weekend') this.flush();
    if (info.kind === 'makeup') {
      this.lines.push(
        info.source === 'override' ? `${date} 经管理员调整为工作日（${info.name ?? ''}），计入` : `${date} 为调休上班日，计入`,
      );
    }
    return info;
  }

  flush(): void {
    if (!this.span) return;
    const s = this.span;
    const tag = s.source === 'override' ? YEARS_MSG.overrideTag : s.source === 'statute' ? YEARS_MSG.statuteTag : '';
    this.lines.push(`跳过 ${s.name} ${spanText(s.from, s.to)}${tag}`);
    this.span = null;
  }

  /** Explanation = head, then what the walk saw, then tail, then one warning per uncovered year. */
  result(start: string, due: string, head: readonly string[], tail: readonly string[]): DueComputation {
    this.flush();
    const years = [...this.uncovered].sort((a, b) => a - b);
    const explanation = [...head, ...this.lines, ...tail, ...years.map(uncoveredWarning)];
    return { start, due, explanation, uncovered: years.length > 0, uncoveredYears: years };
  }
}

function isOverrideKind(s: string): s is OverrideKind {
  return s === 'holiday' || s === 'workday';
}

/** All overrides, oldest day first. Global (not per bureau): the State Council's arrangement is national. */
export async function listOverrides(db: Db): Promise<Array<CalendarOverride & { updatedBy: string; updatedAt: string }>> {
  const rows = await findOverrides(db);
  return rows.flatMap((r) =>
    isOverrideKind(r.kind) ? [{ day: r.day, kind: r.kind, name: r.name, updatedBy: r.updated_by, updatedAt: r.updated_at }] : [],
  );
}

/** A calendar with the current overrides and complete years, read now (never cached, so an edit takes effect at once). */
export async function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  const [overrides, years] = await Promise.all([listOverrides(db), findCompleteYears(db)]);
  return new WorkCalendar(
    overrides,
    years.map((y) => y.year),
  );
}
