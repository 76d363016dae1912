/**
 * Records stored and indexed for province-sized lists. Frozen.
 *
 * - PostgreSQL: `record.data` becomes `jsonb` (existing text converted in place), so JSON reads do
 *   not parse the text again per field and per row.
 * - Both: a partial index over live rows in the list's order — ledger, bureau, date (undated rows
 *   last: `coalesce(occurred_on, '')` sorts them below every date), created_at, id, all descending,
 *   so a page is one index range and the next page starts where the last one ended (keyset).
 * - Title search: PostgreSQL a pg_trgm GIN index for ILIKE; SQLite an FTS5 trigram index over
 *   `record.title` (external content, rowid = record's rowid, kept in sync by triggers). Records
 *   are only soft-deleted, so their rowids never leave gaps that a VACUUM could renumber.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The index also holds the columns the list filters on (title, year, 科室, status), so filters and
// counts are read from it alone: a bureau's rows lie scattered over the table, and fetching each one
// made counting a 科室's rows among 5,000 take 15–30 ms instead of 1–2 ms. PostgreSQL takes them as
// INCLUDE columns, deleted_at too: an index-only scan needs every column the query names.
const listIndex = (pg: boolean) => sql`CREATE INDEX record_live_order ON record
  (ledger, org_id, (coalesce(occurred_on, '')) DESC, created_at DESC, id DESC${sql.raw(
    pg ? ') INCLUDE (title, year, unit_id, status, deleted_at' : ', title, year, unit_id, status',
  )})
  WHERE deleted_at IS NULL`;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`ALTER TABLE record ALTER COLUMN data TYPE jsonb USING data::jsonb`.execute(db);
    await listIndex(true).execute(db);
    // The extension is database-wide and lives in public (each tenant or test schema only uses it);
    // the lock keeps migrators of several schemas from creating it at the same moment.
    await sql`SELECT pg_advisory_xact_lock(hashtext('fazhi.pg_trgm'))`.execute(db);
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`.execute(db);
    await sql`CREATE INDEX record_title_trgm ON record USING gin (title public.gin_trgm_ops) WHERE deleted_at IS NULL`.execute(db);
    return;
  }
  await listIndex(false).execute(db);
  await sql`CREATE VIRTUAL TABLE record_title_fts USING fts5(title, content='record', content_rowid='rowid', tokenize='trigram')`.execute(
    db,
  );
  await sql`CREATE TRIGGER record_title_fts_ai AFTER INSERT ON record BEGIN
    INSERT INTO record_title_fts(rowid, title) VALUES (new.rowid, new.title); END`.execute(db);
  await sql`CREATE TRIGGER record_title_fts_ad AFTER DELETE ON record BEGIN
    INSERT INTO record_title_fts(record_title_fts, rowid, title) VALUES ('delete', old.rowid, old.title); END`.execute(db);
  await sql`CREATE TRIGGER record_title_fts_au AFTER UPDATE OF title ON record BEGIN
    INSERT INTO record_title_fts(record_title_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
    INSERT INTO record_title_fts(rowid, title) VALUES (new.rowid, new.title); END`.execute(db);
  await sql`INSERT INTO record_title_fts(record_title_fts) VALUES ('rebuild')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX record_live_order`.execute(db);
  if (isPostgres(db)) {
    await sql`DROP INDEX record_title_trgm`.execute(db);
    await sql`ALTER TABLE record ALTER COLUMN data TYPE text USING data::text`.execute(db);
    return;
  }
  for (const t of ['record_title_fts_ai', 'record_title_fts_ad', 'record_title_fts_au']) await sql`DROP TRIGGER ${sql.id(t)}`.execute(db);
  await sql`DROP TABLE record_title_fts`.execute(db);
}
