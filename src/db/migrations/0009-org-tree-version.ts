/**
 * A version number of the org tree, so that each app server may keep the tree in memory and check it
 * with the session lookup it runs anyway: one row, bumped by the database itself (triggers) in the
 * transaction of every insert, update or delete on `org`, whichever code or tool writes it. Frozen.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('org_tree_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('org_tree_version').values({ id: 1, version: 1 }).execute();
  if (pg) {
    // search_path pinned to this schema: the bump reaches the right row whatever the writer's path.
    await sql`CREATE FUNCTION org_tree_bump() RETURNS trigger AS $$
      BEGIN UPDATE org_tree_version SET version = version + 1 WHERE id = 1; RETURN NULL; END; $$ LANGUAGE plpgsql
      SET search_path FROM CURRENT`.execute(db);
    await sql`CREATE TRIGGER org_tree_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org
      FOR EACH STATEMENT EXECUTE FUNCTION org_tree_bump()`.execute(db);
  } else {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql`CREATE TRIGGER ${sql.id(`org_tree_bump_${event.toLowerCase()}`)} AFTER ${sql.raw(event)} ON org
        BEGIN UPDATE org_tree_version SET version = version + 1 WHERE id = 1; END`.execute(db);
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await sql`DROP TRIGGER org_tree_bump ON org`.execute(db);
    await sql`DROP FUNCTION org_tree_bump()`.execute(db);
  } else {
    for (const event of ['insert', 'update', 'delete']) await sql`DROP TRIGGER ${sql.id(`org_tree_bump_${event}`)}`.execute(db);
  }
  await db.schema.dropTable('org_tree_version').execute();
}
