/** A year's list is sorted by date: cover the filter and the sort with one index. Frozen. */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('record_list').on('record').columns(['ledger', 'org_id', 'year', 'occurred_on']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('record_list').execute();
}
