/**
 * An iCalendar (RFC 5545) feed: all-day events for open deadlines, key dates and annual duties,
 * for subscription in Outlook, WPS or phone calendars. CRLF line endings, content lines folded at
 * 75 octets without splitting a UTF-8 character, text values escaped.
 */
import type { Deadline } from '../contract.ts';
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
  /** Reminders (VALARMs), each a DURATION relative to the start of the day `date`. */
  alarms?: readonly IcsAlarm[];
};

export type IcsAlarm = { trigger: string; description: string };

/** Every Chinese word of the feed. */
const ICS_MSG = {
  calendarName: '法治民政工作台',
  basis: (b: string) => `依据：${b}`,
  // The status is true only on the day it was computed; a client may show the event for weeks.
  status: (status: string, remaining: number | null, on: string) =>
    `状态（${on} 计算，以系统为准）：${status}${remaining === null ? '' : remaining >= 0 ? `，剩余 ${remaining} 个工作日` : `，已超过 ${-remaining} 个工作日`}`,
  dueIn: (days: number, what: string) => `${days}天后届满：${what}`,
  dueToday: (what: string) => `今日届满：${what}`,
  expiresIn: (days: number, what: string) => `${days}天后到期：${what}`,
  expiresToday: (what: string) => `今日到期：${what}`,
  // A minimum period's day is the earliest day the step may close, not a day by which to act.
  notBefore: (what: string) => `${what}（不早于此日）`,
  notBeforeToday: (what: string) => `今日起期间已满：${what}`,
  deadlineCategory: '法定期限',
  keyDateCategory: '普法与民政重要日期',
  dutyCategory: '年度法定工作',
};

/**
 * How often a subscribing client should fetch the feed again (RFC 7986 REFRESH-INTERVAL and the
 * older X-PUBLISHED-TTL that Outlook reads): deadlines change as records are entered.
 */
const REFRESH = 'PT1H';

/**
 * Triggers relative to the start (00:00) of an all-day event: 09:00 three days before, and 09:00 on
 * the day itself.
 */
const ALARM_3_DAYS_BEFORE = '-P2DT15H';
const ALARM_ON_THE_DAY = 'PT9H';
const dueAlarms = (what: string): IcsAlarm[] => [
  { trigger: ALARM_3_DAYS_BEFORE, description: ICS_MSG.dueIn(3, what) },
  { trigger: ALARM_ON_THE_DAY, description: ICS_MSG.dueToday(what) },
];
/** 09:00 on the day `days` before the event's day: -P(days-1)DT15H from its 00:00. */
const expiryAlarms = (what: string, warnDays: readonly number[]): IcsAlarm[] => [
  ...warnDays.map((n) => ({ trigger: `-P${n - 1}DT15H`, description: ICS_MSG.expiresIn(n, what) })),
  { trigger: ALARM_ON_THE_DAY, description: ICS_MSG.expiresToday(what) },
];

/** The event of one open deadline: its summary and reminders depend on the rule's kind, not on its status. */
function deadlineEvent(d: Deadline, today: string): IcsEvent | null {
  // Waiting for a 补正 the clock stands still: there is no day to put in a calendar.
  if (d.status === '等待补正') return null;
  const what = `${d.label}：${d.title}`;
  const summary = d.kind === 'minimum' ? ICS_MSG.notBefore(what) : what;
  const alarms =
    d.kind === 'minimum'
      ? [{ trigger: ALARM_ON_THE_DAY, description: ICS_MSG.notBeforeToday(what) }]
      : d.kind === 'expiry'
        ? expiryAlarms(what, d.warnDays)
        : dueAlarms(what);
  return {
    uid: `deadline-${safeUid(d.ruleKey)}-${safeUid(d.recordId)}@fazhi`,
    date: d.due,
    summary,
    description: [ICS_MSG.status(d.status, d.remainingWorkdays, today), ICS_MSG.basis(d.basis), ...d.explanation].join('\n'),
    categories: [ICS_MSG.deadlineCategory],
    alarms,
  };
}

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
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
    `X-PUBLISHED-TTL:${REFRESH}`,
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
    for (const a of e.alarms ?? []) {
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(a.description)}`, `TRIGGER:${a.trigger}`, 'END:VALARM');
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

const safeUid = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * The caller's feed: open deadlines (SUMMARY without their status, which would be stale the next
 * day; DESCRIPTION gives it with the day it was computed) of the bureaus they may read (when they may read ledgers), and
 * the key dates and annual duties of this year and next.
 */
export async function calendarFeed(db: Db, scope: Scope, opts: { clock?: Clock } = {}): Promise<string> {
  const today = todayOf(opts.clock);
  const year = Number(today.slice(0, 4));
  const cal = await loadWorkCalendar(db);
  const events: IcsEvent[] = [];
  if (can(scope, 'ledger.read')) {
    for (const d of await listDeadlines(db, scope, { status: 'open' }, { today })) {
      const e = deadlineEvent(d, today);
      if (e) events.push(e);
    }
  }
  for (const y of [year, year + 1]) {
    for (const k of keyDates(y)) {
      events.push({
        uid: `keydate-${k.key}-${y}@fazhi`,
        date: k.date,
        end: k.end,
        summary: k.name,
        description: [ICS_MSG.basis(k.basis), ...(k.note ? [k.note] : [])].join('\n'),
        categories: [ICS_MSG.keyDateCategory],
      });
    }
    for (const a of annualDuties(y, cal)) {
      events.push({
        uid: `duty-${safeUid(a.key)}-${y}@fazhi`,
        date: a.due,
        summary: a.label,
        description: [a.rule, ICS_MSG.basis(a.basis), ...(a.note ? [a.note] : [])].join('\n'),
        categories: [ICS_MSG.dutyCategory],
        alarms: dueAlarms(a.label),
      });
    }
  }
  return buildIcs(events, { name: ICS_MSG.calendarName, stamp: nowIso(opts.clock) });
}
