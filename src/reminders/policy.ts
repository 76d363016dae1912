/**
 * Reminder policy as data: each deadline rule has steps (working days from the due day, and to
 * whom), declared on the rule or taken from the default here; a bureau's 法治专干 may replace a
 * rule's steps with its own (setting `reminder.<rule>.steps`). Pure functions only: which step is
 * due on a day, and the date of a step on the working-day calendar.
 */
import type { ReminderAudience, ReminderStep } from '../contract.ts';
import type { DeadlineRule } from '../calendar/rules.ts';
import type { WorkCalendar } from '../calendar/workdays.ts';
import { addDays } from '../util/time.ts';

export const REMINDER_AUDIENCES = ['owner', 'unitHead', 'officer', 'leader'] as const satisfies readonly ReminderAudience[];

/**
 * Before and on the day the owner is told; once overdue the matter climbs one level at +1, +3, +5
 * and +10 working days: owner → unit head → 法治专干 → leader.
 */
const ESCALATION: readonly ReminderStep[] = [
  { offset: 1, to: 'owner' },
  { offset: 3, to: 'unitHead' },
  { offset: 5, to: 'officer' },
  { offset: 10, to: 'leader' },
];

/** A short period (up to 10 working days, e.g. 补正告知 7 个工作日): 3 working days ahead is already its middle. */
const SHORT_STEPS: readonly ReminderStep[] = [{ offset: -3, to: 'owner' }, { offset: 0, to: 'owner' }, ...ESCALATION];
/** A long period (a month or more): a first notice a working week ahead, then as the short one. */
const LONG_STEPS: readonly ReminderStep[] = [{ offset: -5, to: 'owner' }, ...SHORT_STEPS];

/** Limits of a bureau's own steps. */
export const STEP_BOUNDS = { minOffset: -30, maxOffset: 60, maxSteps: 10 } as const;

function isLong(rule: DeadlineRule): boolean {
  if (rule.unit === 'month') return true;
  return rule.unit === 'day' ? rule.amount >= 30 : rule.amount >= 20;
}

/** The rule's declared steps, or the default by the period's length; sorted by offset. */
export function defaultSteps(rule: DeadlineRule): ReminderStep[] {
  return sortSteps(rule.reminders ?? (isLong(rule) ? LONG_STEPS : SHORT_STEPS));
}

export function sortSteps(steps: readonly ReminderStep[]): ReminderStep[] {
  return [...steps].sort((a, b) => a.offset - b.offset || REMINDER_AUDIENCES.indexOf(a.to) - REMINDER_AUDIENCES.indexOf(b.to));
}

/** The key of a step in the reminder log, e.g. "-3:owner", "5:officer". */
export const stepKey = (s: ReminderStep): string => `${s.offset}:${s.to}`;

/** The setting that holds a bureau's own steps of a rule (JSON array of steps). */
export const reminderSettingKey = (rule: DeadlineRule): string => `reminder.${rule.key}.steps`;

/** Stored steps read back; anything malformed counts as "no own steps" (the default applies). */
export function parseStoredSteps(value: string): ReminderStep[] | null {
  try {
    const v: unknown = JSON.parse(value);
    if (!Array.isArray(v) || v.length === 0) return null;
    const out: ReminderStep[] = [];
    for (const s of v) {
      if (typeof s !== 'object' || s === null) return null;
      const { offset, to } = s as { offset?: unknown; to?: unknown };
      if (typeof offset !== 'number' || !Number.isInteger(offset)) return null;
      if (!REMINDER_AUDIENCES.some((a) => a === to)) return null;
      out.push({ offset, to: to as ReminderAudience });
    }
    return sortSteps(out);
  } catch {
    return null;
  }
}

/** The working day `offset` working days from `due` (0: the due day itself, as computed). */
export function stepDate(cal: WorkCalendar, due: string, offset: number): string {
  if (offset === 0) return due;
  if (offset > 0) return cal.addWorkdays(due, offset).due;
  let d = due;
  for (let n = 0; n < -offset; ) {
    d = addDays(d, -1);
    if (cal.isWorkday(d)) n++;
  }
  return d;
}

/**
 * The steps a run on `today` sends: those of the latest date that has come (usually one). Earlier
 * steps that a stopped server missed are not sent late, since the latest says the current state;
 * empty before the first step's date.
 */
export function dueSteps(cal: WorkCalendar, due: string, steps: readonly ReminderStep[], today: string): ReminderStep[] {
  let latest = '';
  let hit: ReminderStep[] = [];
  for (const s of steps) {
    const d = stepDate(cal, due, s.offset);
    if (d > today || d < latest) continue;
    if (d > latest) hit = [];
    latest = d;
    hit.push(s);
  }
  return sortSteps(hit);
}
