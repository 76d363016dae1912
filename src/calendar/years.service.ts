/**
 * Years of the holiday calendar: which are covered (the library has them, or an administrator
 * marked them complete), the bulk entry of a year's State Council notice (a form of date ranges,
 * or the notice's text parsed into one), and marking a year complete or not. National, not per
 * bureau, like the overrides the entry is stored as. Every write is audited in its transaction.
 */
import type {
  ArrangementDay,
  ArrangementEntry,
  ArrangementResult,
  CalendarOverride,
  CalendarYearCoverage,
  FieldError,
  NoticeParseResult,
} from '../contract.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest, conflict, invalid, notFound } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { daysBetween, isValidDate, nowIso, today, weekday } from '../util/time.ts';
import {
  deleteCompleteYear,
  deleteOverrideRow,
  findCompleteYear,
  findCompleteYears,
  findOverridesBetween,
  insertCompleteYear,
  overrideCountsByYear,
  upsertOverride,
} from './calendar.repo.ts';
import { entryDays, parseNotice } from './notice.ts';
import { officialYears, STATUTE_FROM_YEAR } from './workdays.ts';
import { YEARS_MSG } from './years.messages.ts';

export const MAX_ENTRIES = 60;
/** The longest break a notice has given is 9 days (春节 2026); 15 leaves room without letting a typo cover a month. */
const MAX_ENTRY_DAYS = 15;
const MAX_NAME = 20;
const MAX_TEXT = 10_000;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('year', '年度应在2000年至2100年之间');
}

function refuseLibraryYear(year: number): void {
  if (officialYears().includes(year)) throw badRequest('year', YEARS_MSG.libraryYear(year));
}

/**
 * Coverage of every year from the library's first to two years after this one (and any later year
 * with overrides or a mark): what the deadline engine will count with.
 */
export async function yearCoverage(db: Db, opts: { today?: string } = {}): Promise<CalendarYearCoverage[]> {
  const library = new Set(officialYears());
  const [marks, counts] = await Promise.all([findCompleteYears(db), overrideCountsByYear(db)]);
  const markOf = new Map(marks.map((m) => [m.year, m]));
  const countOf = new Map(counts.map((c) => [c.year, c]));
  const thisYear = Number((opts.today ?? today()).slice(0, 4));
  const first = Math.min(...library, ...markOf.keys(), ...countOf.keys());
  const last = Math.max(thisYear + 2, ...library, ...markOf.keys(), ...countOf.keys());
  const out: CalendarYearCoverage[] = [];
  for (let year = first; year <= last; year++) {
    const mark = markOf.get(year);
    const c = countOf.get(year) ?? { holidays: 0, workdays: 0 };
    const status: CalendarYearCoverage['status'] = library.has(year)
      ? 'library'
      : mark
        ? 'marked'
        : c.holidays + c.workdays > 0
          ? 'partial'
          : 'none';
    const statusLabel =
      status === 'library'
        ? YEARS_MSG.yearLibrary
        : status === 'marked'
          ? YEARS_MSG.yearMarked
          : status === 'partial'
            ? YEARS_MSG.yearPartial
            : year >= STATUTE_FROM_YEAR
              ? YEARS_MSG.yearNone
              : YEARS_MSG.yearNoneWeekday;
    out.push({
      year,
      status,
      covered: status === 'library' || status === 'marked',
      statusLabel,
      holidays: c.holidays,
      workdays: c.workdays,
      markedBy: mark?.marked_by ?? null,
      markedAt: mark?.marked_at ?? null,
    });
  }
  return out;
}

/** Reads a pasted notice for `year` into entries for the form; writes nothing. */
export function parseYearNotice(scope: Scope, year: number, text: string): NoticeParseResult {
  requirePerm(scope, 'calendar.manage');
  checkYear(year);
  if (!text.trim()) throw badRequest('text', YEARS_MSG.textEmpty);
  if (text.length > MAX_TEXT) throw badRequest('text', YEARS_MSG.textLong);
  const parsed = parseNotice(text, year);
  if (parsed.entries.length === 0) throw badRequest('text', YEARS_MSG.nothingParsed);
  return { year, ...parsed };
}

/** Every problem of the entries at once (field `entries.<i>.<field>`), or the days they name. */
function checkEntries(year: number, entries: readonly ArrangementEntry[]): CalendarOverride[] {
  if (entries.length === 0) throw badRequest('entries', YEARS_MSG.noEntries);
  if (entries.length > MAX_ENTRIES) throw badRequest('entries', YEARS_MSG.tooManyEntries(MAX_ENTRIES));
  const errors: FieldError[] = [];
  // A notice may start a break on 12月31日 of the year before or end one on 1月 of the year after.
  const lo = `${year - 1}-12-01`;
  const hi = `${year + 1}-01-31`;
  entries.forEach((e, i) => {
    const at = (f: string) => `entries.${i}.${f}`;
    const name = e.name.trim();
    if (e.kind !== 'holiday' && e.kind !== 'workday') errors.push({ field: at('kind'), message: YEARS_MSG.entryKind });
    if (!name || name.length > MAX_NAME) errors.push({ field: at('name'), message: YEARS_MSG.entryName });
    const fromOk = isValidDate(e.from);
    const toOk = isValidDate(e.to);
    if (!fromOk) errors.push({ field: at('from'), message: YEARS_MSG.entryFrom });
    if (!toOk) errors.push({ field: at('to'), message: YEARS_MSG.entryTo });
    if (!fromOk || !toOk) return;
    const label = name || `第${i + 1}项`;
    if (e.to < e.from) errors.push({ field: at('to'), message: YEARS_MSG.entryOrder(label) });
    else if (daysBetween(e.from, e.to) >= MAX_ENTRY_DAYS) errors.push({ field: at('to'), message: YEARS_MSG.entryLong(label) });
    else if (e.from < lo || e.to > hi || (e.from.slice(0, 4) !== String(year) && e.to.slice(0, 4) !== String(year)))
      errors.push({ field: at('from'), message: YEARS_MSG.entryYear(label, year) });
  });
  if (errors.length) throw invalid(errors);
  const days = entryDays(entries.map((e) => ({ ...e, name: e.name.trim() })));
  const seen = new Map<string, CalendarOverride>();
  for (const d of days) {
    const before = seen.get(d.day);
    if (before)
      errors.push({ field: 'entries', message: before.kind === d.kind ? YEARS_MSG.entryTwice(d.day) : YEARS_MSG.entryBoth(d.day) });
    else seen.set(d.day, d);
    const wd = weekday(d.day);
    if (d.kind === 'workday' && wd !== 0 && wd !== 6) errors.push({ field: 'entries', message: YEARS_MSG.workdayOnWeekday(d.day, d.name) });
  }
  if (errors.length) throw invalid(errors);
  return days;
}

/**
 * Saves a year's arrangement as its overrides, replacing the overrides the year had (the notice is
 * the whole year), and with `complete` marks the year complete; one transaction, audited as one
 * import (and the mark as its own row). With `dryRun` only says what saving would do.
 */
export async function saveYearArrangement(
  db: Db,
  scope: Scope,
  year: number,
  input: { entries: readonly ArrangementEntry[]; complete: boolean; dryRun: boolean },
): Promise<ArrangementResult> {
  requirePerm(scope, 'calendar.manage');
  checkYear(year);
  refuseLibraryYear(year);
  const days = checkEntries(year, input.entries);
  if (input.complete && !days.some((d) => d.kind === 'holiday')) throw badRequest('complete', YEARS_MSG.noHolidays(year));
  const run = async (trx: Db): Promise<ArrangementResult> => {
    const span = {
      from: days[0].day < `${year}-01-01` ? days[0].day : `${year}-01-01`,
      to: days[days.length - 1].day > `${year}-12-31` ? days[days.length - 1].day : `${year}-12-31`,
    };
    const existing = new Map((await findOverridesBetween(trx, span.from, span.to)).map((o) => [o.day, o]));
    const named = new Set(days.map((d) => d.day));
    const out: ArrangementDay[] = days.map((d) => {
      const o = existing.get(d.day);
      return { ...d, change: !o ? 'add' : o.kind === d.kind && o.name === d.name ? 'same' : 'change' };
    });
    // Days of the year itself that the entry leaves out; an adjacent year's overrides are its own.
    const removed = [...existing.values()]
      .filter((o) => !named.has(o.day) && o.day.startsWith(String(year)))
      .map((o) => ({ day: o.day, kind: o.kind === 'workday' ? ('workday' as const) : ('holiday' as const), name: o.name }));
    const wasComplete = (await findCompleteYear(trx, year)) !== undefined;
    const complete = wasComplete || input.complete;
    const result = { year, days: out, removed, complete, dryRun: input.dryRun };
    if (input.dryRun) return result;
    const at = nowIso(scope.clock);
    for (const d of out) {
      if (d.change !== 'same')
        await upsertOverride(trx, { day: d.day, kind: d.kind, name: d.name, updated_by: scope.userId, updated_at: at });
    }
    for (const r of removed) await deleteOverrideRow(trx, r.day);
    const actor = { userId: scope.userId, username: scope.username, orgId: scope.orgId, ip: scope.ip };
    await appendAudit(trx, {
      ...actor,
      action: 'calendar.year.import',
      entity: 'calendar_year',
      entityId: String(year),
      detail: {
        holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
        workdays: days.filter((d) => d.kind === 'workday').map((d) => d.day),
        removed: removed.map((r) => r.day),
        entries: input.entries.map((e) => ({ ...e, name: e.name.trim() })),
      },
    });
    if (input.complete && !wasComplete) await markIn(trx, scope, year, at);
    return result;
  };
  // A dry run reads in a transaction too, so its answer is one consistent view.
  return inTx(db, run);
}

async function markIn(trx: Db, scope: Scope, year: number, at: string): Promise<void> {
  await insertCompleteYear(trx, { year, marked_by: scope.displayName || scope.username, marked_at: at });
  await appendAudit(trx, {
    userId: scope.userId,
    username: scope.username,
    orgId: scope.orgId,
    ip: scope.ip,
    action: 'calendar.year.complete',
    entity: 'calendar_year',
    entityId: String(year),
    detail: { year },
  });
}

/** Marks `year` complete: its overrides are then the whole arrangement and the statutory fallback stops. */
export async function markYearComplete(db: Db, scope: Scope, year: number): Promise<CalendarYearCoverage> {
  requirePerm(scope, 'calendar.manage');
  checkYear(year);
  refuseLibraryYear(year);
  await inTx(db, async (trx) => {
    if (await findCompleteYear(trx, year)) throw conflict(YEARS_MSG.alreadyMarked(year));
    const overrides = await findOverridesBetween(trx, `${year}-01-01`, `${year}-12-31`);
    if (!overrides.some((o) => o.kind === 'holiday')) throw badRequest('year', YEARS_MSG.noHolidays(year));
    await markIn(trx, scope, year, nowIso(scope.clock));
  });
  return coverageOf(db, year);
}

/** Takes the mark off `year` (the overrides stay; the statutory fallback applies again). */
export async function unmarkYearComplete(db: Db, scope: Scope, year: number): Promise<CalendarYearCoverage> {
  requirePerm(scope, 'calendar.manage');
  checkYear(year);
  await inTx(db, async (trx) => {
    const before = await findCompleteYear(trx, year);
    if (!before) throw notFound(YEARS_MSG.notMarked(year));
    await deleteCompleteYear(trx, year);
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'calendar.year.reopen',
      entity: 'calendar_year',
      entityId: String(year),
      detail: { before: { markedBy: before.marked_by, markedAt: before.marked_at } },
    });
  });
  return coverageOf(db, year);
}

async function coverageOf(db: Db, year: number): Promise<CalendarYearCoverage> {
  const all = await yearCoverage(db, { today: `${year}-01-01` });
  const row = all.find((c) => c.year === year);
  if (!row) throw notFound();
  return row;
}
