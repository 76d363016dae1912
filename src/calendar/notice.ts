/**
 * Reads the dates out of a 国务院办公厅 holiday notice ("一、元旦：1月1日（周四）至3日（周六）放假调休，
 * 共3天。1月4日（周日）上班。"), as pasted by an administrator. Pure: it only parses, and says what it
 * could not read; the caller previews the result and saves it (years.service.ts). Checks the
 * notice's own redundancy so a typo or a notice of another year is caught before it is saved: each
 * date's stated weekday, and each holiday's stated 共N天.
 */
import type { ArrangementEntry } from '../contract.ts';
import { addDays, daysBetween, isValidDate, weekday } from '../util/time.ts';
import { YEARS_MSG } from './years.messages.ts';

export type NoticeParse = {
  entries: ArrangementEntry[];
  /** What contradicts itself (a weekday or day count that does not match): must be fixed before saving. */
  problems: string[];
  /** Sentences with dates that were neither 放假 nor 上班, left out. */
  skipped: string[];
};

const WEEKDAY_CHAR = ['日', '一', '二', '三', '四', '五', '六'];
const NUMERAL = '一二三四五六七八九十';
/** A date, with an optional year and month (taken from the range's first date or the notice's year) and an optional remark in brackets. */
const DATE = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*\(([^)]*)\))?/g;
/** The same pattern without the global flag, for a yes/no test (a /g regex keeps state in test()). */
const DATE_TEST = new RegExp(DATE.source);
const RANGE_SEP = /^\s*(?:至|到|—|-|~)\s*$/;
/** "一、元旦：" or "元旦：" opening a line; the name is Chinese, may join two holidays with 、 (国庆节、中秋节). */
const HEADING = new RegExp(`^\\s*(?:[${NUMERAL}]{1,2}\\s*、)?\\s*([\\u4e00-\\u9fa5]{2,8}(?:[、和][\\u4e00-\\u9fa5]{2,8})?)\\s*:`);

type DateToken = { date: string | null; raw: string; index: number; end: number; remark: string };

const pad = (n: number) => String(n).padStart(2, '0');

function tokens(sentence: string, year: number): DateToken[] {
  const out: DateToken[] = [];
  let lastYear = year;
  let lastMonth: number | null = null;
  for (const m of sentence.matchAll(DATE)) {
    const y = m[1] ? Number(m[1]) : lastYear;
    const mo: number | null = m[2] ? Number(m[2]) : lastMonth;
    const d = Number(m[3]);
    const date = mo === null ? null : `${y}-${pad(mo)}-${pad(d)}`;
    out.push({ date: date && isValidDate(date) ? date : null, raw: m[0], index: m.index, end: m.index + m[0].length, remark: m[4] ?? '' });
    lastYear = y;
    if (mo !== null) lastMonth = mo;
  }
  return out;
}

/** The weekday a remark states ("周四", "农历腊月二十八、周日", "星期六"), or null. */
function statedWeekday(remark: string): number | null {
  const m = /(?:周|星期)([日天一二三四五六])/.exec(remark);
  if (!m) return null;
  return m[1] === '天' ? 0 : WEEKDAY_CHAR.indexOf(m[1]);
}

/** The ranges of a sentence: "A至B" is one range, a date alone is a range of one day. */
function ranges(sentence: string, year: number, problems: string[]): Array<{ from: string; to: string }> {
  const list = tokens(sentence, year);
  const out: Array<{ from: string; to: string }> = [];
  for (const t of list) {
    if (!t.date) problems.push(YEARS_MSG.parseBadDate(t.raw));
    else {
      const said = statedWeekday(t.remark);
      if (said !== null && said !== weekday(t.date))
        problems.push(YEARS_MSG.parseWeekday(t.date, `周${WEEKDAY_CHAR[said]}`, `周${WEEKDAY_CHAR[weekday(t.date)]}`));
    }
  }
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    const b = list[i + 1];
    if (b && RANGE_SEP.test(sentence.slice(a.end, b.index))) {
      if (a.date && b.date) out.push({ from: a.date, to: b.date });
      i++;
    } else if (a.date) out.push({ from: a.date, to: a.date });
  }
  return out;
}

/** Commas inside a bracketed remark ("农历正月初七、周一") must not look like an item's "七、". */
function calmRemarks(text: string): string {
  return text.replace(/\(([^)]*)\)/g, (_m, inner: string) => `(${inner.replace(/、/g, '/')})`);
}

/** The items of a notice: each starts at "一、", "二、" … at the start of a line or after a full stop. */
function items(text: string): string[] {
  return text.split(new RegExp(`(?<=^|[。\\n])\\s*(?=[${NUMERAL}]{1,2}\\s*、)`, 'g')).flatMap((chunk) => chunk.split('\n'));
}

/**
 * The holidays and 调休 workdays a notice for `year` names. Dates without a year are in `year`; a
 * range that runs past 12月31日 ("12月31日至1月2日") ends in the next year.
 */
export function parseNotice(text: string, year: number): NoticeParse {
  const entries: ArrangementEntry[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];
  const normal = calmRemarks(text.normalize('NFKC').replace(/\r\n?/g, '\n'));
  let current: string | null = null;
  for (const chunk of items(normal)) {
    const line = chunk.trim();
    if (!line) continue;
    const h = HEADING.exec(line);
    // A line without a heading continues the item above if it has dates; otherwise it ends the item.
    let body = line;
    if (h) {
      current = h[1];
      body = line.slice(h[0].length);
    } else if (!DATE_TEST.test(line)) {
      current = null;
      continue;
    }
    for (const raw of body.split(/[。;]/)) {
      const sentence = raw.trim();
      if (!DATE_TEST.test(sentence)) continue;
      const isHoliday = sentence.includes('放假');
      const isWorkday = !isHoliday && sentence.includes('上班');
      if (current === null || (!isHoliday && !isWorkday)) {
        // The notice's own date line ("2025年11月4日") and prose without 放假/上班 are not arrangements.
        if (current !== null || /放假|上班|休息|调休/.test(sentence)) skipped.push(YEARS_MSG.parseNoKind(sentence));
        continue;
      }
      const found = ranges(sentence, year, problems).map((r) => (r.to < r.from ? { from: r.from, to: `${year + 1}${r.to.slice(4)}` } : r));
      const kind = isHoliday ? 'holiday' : 'workday';
      for (const r of found) entries.push({ name: current, kind, from: r.from, to: r.to });
      const count = /(?:共|放假)\s*(\d{1,2})\s*天/.exec(sentence);
      if (isHoliday && count) {
        const got = found.reduce((n, r) => n + daysBetween(r.from, r.to) + 1, 0);
        if (got !== Number(count[1])) problems.push(YEARS_MSG.parseCount(current, Number(count[1]), got));
      }
    }
  }
  return { entries, problems, skipped };
}

/** Every day the entries name, in date order: holidays under their name, workdays as "<name>调休上班". */
export function entryDays(entries: readonly ArrangementEntry[]): Array<{ day: string; kind: ArrangementEntry['kind']; name: string }> {
  const out: Array<{ day: string; kind: ArrangementEntry['kind']; name: string }> = [];
  for (const e of entries) {
    for (let d = e.from; d <= e.to; d = addDays(d, 1)) {
      out.push({ day: d, kind: e.kind, name: e.kind === 'holiday' ? e.name : YEARS_MSG.workdayName(e.name) });
    }
  }
  return out.sort((a, b) => a.day.localeCompare(b.day));
}
