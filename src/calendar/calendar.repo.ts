/** SQL for the administrator's holiday-calendar overrides (national, not per bureau). */
import type { Selectable } from 'kysely';
import type { CalendarOverrideTable, Db } from '../db/types.ts';

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
