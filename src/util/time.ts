/** Dates: a calendar date is 'YYYY-MM-DD' in Asia/Shanghai; an instant is an ISO UTC string. */
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

/** A clock standing at noon (Asia/Shanghai) of one calendar day: the demo and tests write "as of" that day. */
export function dayClock(day: string): Clock {
  const at = new Date(`${day}T12:00:00+08:00`);
  return { now: () => new Date(at) };
}

export function nowIso(clock: Clock = systemClock): string {
  return clock.now().toISOString();
}

/** Today's calendar date in Asia/Shanghai. */
export function today(clock: Clock = systemClock): string {
  return fmt.format(clock.now());
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Calendar arithmetic on 'YYYY-MM-DD' strings (UTC-based, no time zone drift). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d + n));
  return dt.toISOString().slice(0, 10);
}

/** Adds calendar months; day clamps to the month's end (3-31 + 1 month = 4-30). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** 2026-01-05 → 2026年1月5日 (GB/T 9704: Arabic numerals, no leading zeros). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
