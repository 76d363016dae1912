/** SQL for the administrator's holiday-calendar overrides (national, not per bureau). */
import type { Selectable } from 'kysely';
import type { CalendarOverrideTable, CalendarYearTable, Db } from '../db/types.ts';

export type OverrideRow = Selectable<CalendarOverrideTable>;

/** All overrides, oldest day first. */
export async function findOverrides(db: Db): Promise<OverrideRow[]> {
  return db.selectFrom('calendar_override').selectAll().orderBy('day').execute();
}

export async function findOverride(db: Db, day: string): Promise<OverrideRow | undefined> {
  return db.selectFrom('calendar_override').selectAll().where('day', '=', day).executeTakeFirst();
}

/** Creates or replaces the override of `row.day`. */
export async function upsertOverride(db: Db, row: OverrideRow): Promise<void> {
  await db
    .insertInto('calendar_override')
    .values(row)
    .onConflict((oc) =>
      oc.column('day').doUpdateSet({ kind: row.kind, name: row.name, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

export async function deleteOverrideRow(db: Db, day: string): Promise<void> {
  await db.deleteFrom('calendar_override').where('day', '=', day).execute();
}

/** The overrides of days from..to inclusive, oldest first. */
export async function findOverridesBetween(db: Db, from: string, to: string): Promise<OverrideRow[]> {
  return db.selectFrom('calendar_override').selectAll().where('day', '>=', from).where('day', '<=', to).orderBy('day').execute();
}

export type CalendarYearRow = Selectable<CalendarYearTable>;

/** Years an administrator marked complete, earliest first. */
export async function findCompleteYears(db: Db): Promise<CalendarYearRow[]> {
  return db.selectFrom('calendar_year').selectAll().orderBy('year').execute();
}

export async function findCompleteYear(db: Db, year: number): Promise<CalendarYearRow | undefined> {
  return db.selectFrom('calendar_year').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function insertCompleteYear(db: Db, row: CalendarYearRow): Promise<void> {
  await db.insertInto('calendar_year').values(row).execute();
}

export async function deleteCompleteYear(db: Db, year: number): Promise<void> {
  await db.deleteFrom('calendar_year').where('year', '=', year).execute();
}

/** How many overrides each year has (years with none are absent). */
export async function overrideCountsByYear(db: Db): Promise<Array<{ year: number; holidays: number; workdays: number }>> {
  const rows = await db.selectFrom('calendar_override').select(['day', 'kind']).execute();
  const out = new Map<number, { year: number; holidays: number; workdays: number }>();
  for (const r of rows) {
    const year = Number(r.day.slice(0, 4));
    const c = out.get(year) ?? { year, holidays: 0, workdays: 0 };
    if (r.kind === 'holiday') c.holidays++;
    else c.workdays++;
    out.set(year, c);
  }
  return [...out.values()].sort((a, b) => a.year - b.year);
}
