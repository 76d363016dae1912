/**
 * Periods counted back from an event ("在举行听证的七日前"): the last day on which something must be
 * done before the event. Counting back never rolls forward: a rest day moves the last day earlier,
 * because moving it later would shorten the notice the law guarantees.
 */
import { addDays, weekday } from '../util/time.ts';
import { DEADLINE_MSG as MSG } from './deadlines.messages.ts';
import { type DueComputation, spanText, uncoveredWarning, type WorkCalendar } from './workdays.ts';

/** Guards against absurd inputs, as the forward walks do. */
const MAX_WALK_DAYS = 20_000;

function result(event: string, due: string, lines: string[], years: Set<number>): DueComputation {
  const sorted = [...years].sort((a, b) => a - b);
  return {
    start: event,
    due,
    explanation: [...lines, ...sorted.map(uncoveredWarning)],
    uncovered: sorted.length > 0,
    uncoveredYears: sorted,
  };
}

/**
 * The n-th working day before `event` (the event's day is not counted): the day from which n
 * working days remain up to and including the event day.
 */
export function workdaysBefore(cal: WorkCalendar, event: string, n: number): DueComputation {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`workdaysBefore: bad n ${n}`);
  const lines: string[] = [MSG.backHead(event, n)];
  const years = new Set<number>();
  // What the walk saw, in calendar order (it walks backwards): named holidays as spans, 调休 days.
  const seen: Array<{ day: string; holiday: string | null }> = [];
  let d = event;
  let counted = 0;
  for (let steps = 0; counted < n; steps++) {
    if (steps > MAX_WALK_DAYS) throw new Error('workdaysBefore: walked too far');
    d = addDays(d, -1);
    const info = cal.dayInfo(d);
    if (!info.covered) years.add(Number(d.slice(0, 4)));
    if (info.workday) counted++;
    if (info.kind === 'holiday') seen.unshift({ day: d, holiday: info.name ?? MSG.restDay });
    else if (info.kind === 'makeup') seen.unshift({ day: d, holiday: null });
  }
  for (let i = 0; i < seen.length; i++) {
    const { day, holiday } = seen[i];
    if (holiday === null) {
      lines.push(MSG.backMakeup(day));
      continue;
    }
    let j = i;
    while (j + 1 < seen.length && seen[j + 1].holiday === holiday && addDays(seen[j].day, 1) === seen[j + 1].day) j++;
    lines.push(MSG.backSkipped(holiday, spanText(day, seen[j].day)));
    i = j;
  }
  lines.push(MSG.backLast(n, d, MSG.weekdays[weekday(d)]));
  return result(event, d, lines, years);
}

/** n natural days before `event`; a last day on a rest day moves back to the working day before it. */
export function daysBefore(cal: WorkCalendar, event: string, n: number): DueComputation {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`daysBefore: bad n ${n}`);
  const last = addDays(event, -n);
  const lines: string[] = [MSG.backHeadDays(event, n, last)];
  const years = new Set<number>();
  let d = last;
  let info = cal.dayInfo(d);
  if (!info.covered) years.add(Number(d.slice(0, 4)));
  const first = info;
  for (let steps = 0; !info.workday; steps++) {
    if (steps > MAX_WALK_DAYS) throw new Error('daysBefore: walked too far');
    d = addDays(d, -1);
    info = cal.dayInfo(d);
    if (!info.covered) years.add(Number(d.slice(0, 4)));
  }
  lines.push(
    d === last ? MSG.backWorkday(d, MSG.weekdays[weekday(d)]) : MSG.backMoved(last, first.name ?? MSG.restDay, d, MSG.weekdays[weekday(d)]),
  );
  return result(event, d, lines, years);
}
