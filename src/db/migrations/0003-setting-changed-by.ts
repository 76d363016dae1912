/** Who last changed a bureau setting, and when (shown beside the value). Null for older rows. Frozen. */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('setting').addColumn('updated_by', 'text').execute();
  await db.schema.alterTable('setting').addColumn('updated_at', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('setting').dropColumn('updated_at').execute();
  await db.schema.alterTable('setting').dropColumn('updated_by').execute();
}
