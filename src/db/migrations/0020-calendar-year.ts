/**
 * A year's holiday arrangement marked complete by an administrator: with it, a year the holiday
 * library does not have counts as covered (its overrides are then the whole arrangement). Before
 * this, any override made a year look covered; existing overrides are kept as they are, and no
 * year is marked here, because a few overrides say nothing about whether the year is complete.
 * Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_year').execute();
}
