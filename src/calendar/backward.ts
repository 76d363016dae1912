/**
 * Periods counted back from an event ("在举行听证的七日前"): the last day on which something must be
 * done before the event. Counting back never rolls forward: a rest day moves the last day earlier,
 * because moving it later would shorten the notice the law guarantees.
 */
import { addDays, weekday } from '../util/time.ts';
import { type DueComputation, spanText, uncoveredWarning, type WorkCalendar } from './workdays.ts';

const WEEKDAY_CN = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
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
  const lines = [`事件日 ${event}（当日不计入），向前按工作日计算 ${n} 个工作日`];
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
    if (info.kind === 'holiday') seen.unshift({ day: d, holiday: info.name ?? '休息日' });
    else if (info.kind === 'makeup') seen.unshift({ day: d, holiday: null });
  }
  for (let i = 0; i < seen.length; i++) {
    const { day, holiday } = seen[i];
    if (holiday === null) {
      lines.push(`${day} 为调休上班日，计入`);
      continue;
    }
    let j = i;
    while (j + 1 < seen.length && seen[j + 1].holiday === holiday && addDays(seen[j].day, 1) === seen[j + 1].day) j++;
    lines.push(`跳过 ${holiday} ${spanText(day, seen[j].day)}`);
    i = j;
  }
  lines.push(`向前第${n}个工作日为 ${d}（${WEEKDAY_CN[weekday(d)]}），最迟应于该日完成`);
  return result(event, d, lines, years);
}

/** n natural days before `event`; a last day on a rest day moves back to the working day before it. */
export function daysBefore(cal: WorkCalendar, event: string, n: number): DueComputation {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`daysBefore: bad n ${n}`);
  const last = addDays(event, -n);
  const lines = [`事件日 ${event}（当日不计入），向前按自然日计算 ${n} 日为 ${last}`];
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
    d === last
      ? `${d}（${WEEKDAY_CN[weekday(d)]}）为工作日，最迟应于该日完成`
      : `${last} 为休息日（${first.name ?? '休息日'}），提前至 ${d}（${WEEKDAY_CN[weekday(d)]}）`,
  );
  return result(event, d, lines, years);
}
