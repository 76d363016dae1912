/**
 * An iCalendar (RFC 5545) feed: all-day events for open deadlines, key dates and annual duties,
 * for subscription in Outlook, WPS or phone calendars. CRLF line endings, content lines folded at
 * 75 octets without splitting a UTF-8 character, text values escaped.
 */
import type { Db } from '../db/types.ts';
import { can, type Scope } from '../org/scope.ts';
import { addDays, type Clock, nowIso, today as todayOf } from '../util/time.ts';
import { annualDuties, listDeadlines } from './deadlines.ts';
import { keyDates } from './keydates.ts';
import { loadWorkCalendar } from './workdays.ts';

export type IcsEvent = {
  uid: string;
  /** First day, YYYY-MM-DD. */
  date: string;
  /** Last day inclusive; defaults to `date`. */
  end?: string;
  summary: string;
  description?: string;
  categories?: string[];
  /** Days before `date` to remind (a VALARM). */
  remindDaysBefore?: number;
};

const CRLF = '\r\n';

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line so no physical line exceeds 75 octets (§3.1); never splits a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > 75) {
      out.push(cur);
      cur = ' ';
      octets = 1;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join(CRLF);
}

const compactDate = (d: string): string => d.replaceAll('-', '');
const compactInstant = (iso: string): string => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;

export function buildIcs(events: readonly IcsEvent[], opts: { name: string; stamp: string }): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Fazhi//法治民政工作台//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
  ];
  const stamp = compactInstant(opts.stamp);
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDate(e.date)}`,
      `DTEND;VALUE=DATE:${compactDate(addDays(e.end ?? e.date, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      'TRANSP:TRANSPARENT',
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    if (e.remindDaysBefore !== undefined) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(e.summary)}`,
        `TRIGGER:-P${e.remindDaysBefore}D`,
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

const safeUid = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * The caller's feed: open deadlines of the bureaus they may read (when they may read ledgers), and
 * the key dates and annual duties of this year and next.
 */
export async function calendarFeed(db: Db, scope: Scope, opts: { clock?: Clock } = {}): Promise<string> {
  const today = todayOf(opts.clock);
  const year = Number(today.slice(0, 4));
  const cal = await loadWorkCalendar(db);
  const events: IcsEvent[] = [];
  if (can(scope, 'ledger.read')) {
    for (const d of await listDeadlines(db, scope, { status: 'open' }, { today })) {
      events.push({
        uid: `deadline-${safeUid(d.ruleKey)}-${safeUid(d.recordId)}@fazhi`,
        date: d.due,
        summary: `【${d.status}】${d.label}：${d.title}`,
        description: [`依据：${d.basis}`, ...d.explanation].join('\n'),
        categories: ['法定期限'],
        remindDaysBefore: 3,
      });
    }
  }
  for (const y of [year, year + 1]) {
    for (const k of keyDates(y)) {
      events.push({
        uid: `keydate-${k.key}-${y}@fazhi`,
        date: k.date,
        end: k.end,
        summary: k.name,
        description: [`依据：${k.basis}`, ...(k.note ? [k.note] : [])].join('\n'),
        categories: ['普法与民政重要日期'],
      });
    }
    for (const a of annualDuties(y, cal)) {
      events.push({
        uid: `duty-${safeUid(a.key)}-${y}@fazhi`,
        date: a.due,
        summary: a.label,
        description: [a.rule, `依据：${a.basis}`, ...(a.note ? [a.note] : [])].join('\n'),
        categories: ['年度法定工作'],
        remindDaysBefore: 7,
      });
    }
  }
  return buildIcs(events, { name: '法治民政工作台', stamp: nowIso(opts.clock) });
}
