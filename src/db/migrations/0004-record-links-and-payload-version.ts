/**
 * References between records, mirrored from `ref` fields so the database enforces them (both ends
 * must be records; a link never crosses bureaus: org_id is the bureau of both), and the payload
 * version each stored row was written under. Frozen.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('record_link')
    .addColumn('from_id', 'text', (c) => c.notNull().references('record.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull().references('record.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addPrimaryKeyConstraint('record_link_pk', ['from_id', 'field', 'to_id'])
    .execute();
  await db.schema.createIndex('record_link_to').on('record_link').column('to_id').execute();
  await db.schema
    .alterTable('record')
    .addColumn('data_version', 'integer', (c) => c.notNull().defaultTo(sql`1`))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('record_link').execute();
  await db.schema.alterTable('record').dropColumn('data_version').execute();
}
