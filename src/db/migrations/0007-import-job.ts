/**
 * Import jobs: the progress and outcome of a long Excel import, kept in the database because several
 * app servers share it (the server running the import is not necessarily the one a browser polls).
 * A new table; no existing data to carry over. Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('ledger', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    // running | done | failed
    .addColumn('status', 'text', (c) => c.notNull())
    // reading | checking | writing
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('rows_done', 'integer', (c) => c.notNull())
    .addColumn('rows_total', 'integer')
    // JSON: the counts of a finished import, or the problem (status, detail, errors) of a refused one
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_job_user').on('import_job').columns(['user_id', 'started_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_job').execute();
}
