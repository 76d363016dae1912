/**
 * The law library's articles as rows, for search across titles and article text at province scale
 * (until now every search parsed every law's JSON text in JS). One row per article of a law
 * record's current text (the record's newest JSON attachment); the attachment stays the source the
 * rows are made from. Rows are never deleted (a withdrawn law's record is soft-deleted and the
 * search joins live records), so SQLite rowids stay stable for the FTS index.
 *
 * - PostgreSQL: a pg_trgm GIN index on the text serves ILIKE '%…%' (the extension exists since 0006).
 * - SQLite: an FTS5 trigram index over the text (external content, kept by triggers), as for titles.
 *
 * Existing laws are carried over: their newest text attachment is parsed here. Frozen: the JSON
 * shape read below is the one law.service.ts wrote when this migration was made.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

type StoredArticle = { no: string; index: number; chapter: string | null; section: string | null; text: string };

function articlesOf(content: unknown): StoredArticle[] {
  try {
    const text = Buffer.isBuffer(content) ? content.toString('utf8') : Buffer.from(content as Uint8Array).toString('utf8');
    const parsed = JSON.parse(text) as { articles?: unknown };
    if (!Array.isArray(parsed.articles)) return [];
    return parsed.articles.filter(
      (a): a is StoredArticle =>
        typeof a === 'object' && a !== null && typeof a.no === 'string' && typeof a.text === 'string' && Number.isInteger(a.index),
    );
  } catch {
    return [];
  }
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('law_article')
    .addColumn('law_id', 'text', (c) => c.notNull().references('record.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('attachment_id', 'text', (c) => c.notNull().references('attachment.id'))
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('chapter', 'text')
    .addColumn('section', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('law_article_pk', ['law_id', 'seq'])
    .execute();
  await db.schema.createIndex('law_article_org').on('law_article').columns(['org_id', 'law_id', 'seq']).execute();
  if (pg) {
    await sql`CREATE INDEX law_article_text_trgm ON law_article USING gin (text public.gin_trgm_ops)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE law_article_fts USING fts5(text, content='law_article', content_rowid='rowid', tokenize='trigram')`.execute(
      db,
    );
    await sql`CREATE TRIGGER law_article_fts_ai AFTER INSERT ON law_article BEGIN
      INSERT INTO law_article_fts(rowid, text) VALUES (new.rowid, new.text); END`.execute(db);
    await sql`CREATE TRIGGER law_article_fts_ad AFTER DELETE ON law_article BEGIN
      INSERT INTO law_article_fts(law_article_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END`.execute(db);
    await sql`CREATE TRIGGER law_article_fts_au AFTER UPDATE OF text ON law_article BEGIN
      INSERT INTO law_article_fts(law_article_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
      INSERT INTO law_article_fts(rowid, text) VALUES (new.rowid, new.text); END`.execute(db);
  }

  // Carry over: the newest JSON attachment of each law record is its text.
  const rows = await db
    .selectFrom('attachment')
    .innerJoin('record', 'record.id', 'attachment.record_id')
    .select([
      'attachment.id as attachmentId',
      'attachment.record_id as lawId',
      'attachment.org_id as orgId',
      'attachment.content as content',
    ])
    .where('record.ledger', '=', 'law')
    .where('attachment.mime', '=', 'application/json')
    .orderBy('attachment.record_id')
    .orderBy('attachment.uploaded_at')
    .orderBy('attachment.id')
    .execute();
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) newest.set(String(r.lawId), r);
  for (const r of newest.values()) {
    const articles = articlesOf(r.content);
    for (let i = 0; i < articles.length; i += 200) {
      await db
        .insertInto('law_article')
        .values(
          articles.slice(i, i + 200).map((a, j) => ({
            law_id: r.lawId,
            seq: i + j,
            org_id: r.orgId,
            attachment_id: r.attachmentId,
            no: a.no,
            chapter: a.chapter,
            section: a.section,
            text: a.text,
          })),
        )
        .execute();
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    for (const t of ['law_article_fts_ai', 'law_article_fts_ad', 'law_article_fts_au']) await sql`DROP TRIGGER ${sql.id(t)}`.execute(db);
    await sql`DROP TABLE law_article_fts`.execute(db);
  }
  await db.schema.dropTable('law_article').execute();
}
