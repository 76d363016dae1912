/**
 * The keyed audit chain, its anchors, and job leases. Rows written before this migration keep their
 * plain SHA-256 chain (the triggers forbid rewriting them) and have no `key_id`; every row after it
 * is an HMAC under the deployment's audit key and names the key's fingerprint. `audit_anchor` keeps
 * the copies of the anchors of the chain head (the originals are in a file outside the database).
 * `job_lease` lets exactly one of several app servers run a periodic job. Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('key_id', 'text').execute();
  await db.schema
    .createTable('audit_anchor')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // the first keyed row at the time of the anchor (null: none yet)
    .addColumn('keyed_from', 'integer')
    .addColumn('mac', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_anchor_at').on('audit_anchor').columns(['at']).execute();
  await db.schema
    .createTable('job_lease')
    .addColumn('job', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_lease').execute();
  await db.schema.dropTable('audit_anchor').execute();
  await db.schema.alterTable('audit_log').dropColumn('key_id').execute();
}
