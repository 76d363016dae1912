/**
 * SQL for the law library: finding an imported version, the parsed texts of the laws a caller may
 * see, and their articles as rows for reading and search. Every read takes the org ids;
 * soft-deleted records are invisible.
 */
import { articleTextContains, inCodePointOrder, titleContains } from '../../db/dialect.ts';
import type { Db } from '../../db/types.ts';
import { findRecords, type RecordView, toView } from '../../ledger/record.repo.ts';

export const LAW_LEDGER = 'law';
export const TEXT_MIME = 'application/json';

const orgList = (orgIds: readonly string[]) => (orgIds.length ? [...orgIds] : ['-']);

/** The live law records of one bureau with exactly this title (any version). */
export async function findLawsByTitle(db: Db, orgId: string, title: string): Promise<RecordView[]> {
  const { items } = await findRecords(db, { orgIds: [orgId], ledger: LAW_LEDGER, q: title });
  return items.filter((r) => r.title === title);
}

export type LawTextRow = { recordId: string; title: string; content: Buffer };

/** The newest text attachment of each live law record of `orgIds`, optionally of one record only. */
export async function findLawTexts(db: Db, orgIds: string[], recordId?: string): Promise<LawTextRow[]> {
  let q = db
    .selectFrom('attachment')
    .innerJoin('record', 'record.id', 'attachment.record_id')
    .select(['record.id as recordId', 'record.title as title', 'attachment.content as content', 'attachment.uploaded_at as uploadedAt'])
    .where('record.ledger', '=', LAW_LEDGER)
    .where('record.deleted_at', 'is', null)
    .where('record.org_id', 'in', orgList(orgIds))
    .where('attachment.org_id', 'in', orgList(orgIds))
    .where('attachment.mime', '=', TEXT_MIME);
  if (recordId) q = q.where('record.id', '=', recordId);
  const rows = await q.orderBy('record.title').orderBy('record.id').orderBy('attachment.uploaded_at').orderBy('attachment.id').execute();
  const newest = new Map<string, LawTextRow>();
  for (const r of rows) newest.set(r.recordId, { recordId: r.recordId, title: r.title, content: Buffer.from(r.content) });
  return [...newest.values()];
}

/** Which of these law records have a text (their article rows). */
export async function lawsWithText(db: Db, orgId: string, lawIds: readonly string[]): Promise<Set<string>> {
  if (lawIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('law_article')
    .select('law_id')
    .distinct()
    .where('org_id', '=', orgId)
    .where('law_id', 'in', [...lawIds])
    .execute();
  return new Set(rows.map((r) => r.law_id));
}

export type ArticleRow = { no: string; index: number; chapter: string | null; section: string | null; text: string };

/** A law's current text as article rows, replacing none: a new text is a new attachment, so a new set. */
export async function insertLawArticles(
  db: Db,
  law: { lawId: string; orgId: string; attachmentId: string },
  articles: readonly ArticleRow[],
): Promise<void> {
  // 200 rows × 8 columns stays far below SQLite's bound-parameter limit.
  for (let i = 0; i < articles.length; i += 200) {
    await db
      .insertInto('law_article')
      .values(
        articles.slice(i, i + 200).map((a) => ({
          law_id: law.lawId,
          seq: a.index,
          org_id: law.orgId,
          attachment_id: law.attachmentId,
          no: a.no,
          chapter: a.chapter,
          section: a.section,
          text: a.text,
        })),
      )
      .execute();
  }
}

/** The articles of one law in order, optionally only those whose text contains `needle` or whose number is it. */
export async function findLawArticles(db: Db, orgIds: readonly string[], lawId: string, needle: string | null): Promise<ArticleRow[]> {
  let q = db
    .selectFrom('law_article')
    .select(['no', 'seq as index', 'chapter', 'section', 'text'])
    .where('law_id', '=', lawId)
    .where('org_id', 'in', orgList(orgIds));
  if (needle !== null) q = q.where((eb) => eb.or([articleTextContains(db, needle), eb('no', '=', needle)]));
  return q.orderBy('seq').execute();
}

export type ArticleHit = ArticleRow & { lawId: string; title: string };

/** Articles containing `needle` across the live laws of `orgIds`, by law title and position; `limit` rows at most. */
export async function searchLawArticles(db: Db, orgIds: readonly string[], needle: string, limit: number): Promise<ArticleHit[]> {
  return db
    .selectFrom('law_article')
    .innerJoin('record', 'record.id', 'law_article.law_id')
    .select([
      'law_article.law_id as lawId',
      'record.title as title',
      'law_article.no as no',
      'law_article.seq as index',
      'law_article.chapter as chapter',
      'law_article.section as section',
      'law_article.text as text',
    ])
    .where('law_article.org_id', 'in', orgList(orgIds))
    .where('record.deleted_at', 'is', null)
    .where(articleTextContains(db, needle))
    .orderBy(inCodePointOrder(db, 'record.title'))
    .orderBy('law_article.law_id')
    .orderBy('law_article.seq')
    .limit(limit)
    .execute();
}

/** Live law records of `orgIds` whose title contains `needle`, by title. */
export async function searchLawTitles(db: Db, orgIds: readonly string[], needle: string, limit: number): Promise<RecordView[]> {
  const rows = await db
    .selectFrom('record')
    .selectAll()
    .where('ledger', '=', LAW_LEDGER)
    .where('deleted_at', 'is', null)
    .where('org_id', 'in', orgList(orgIds))
    .where(titleContains(db, needle, true))
    .orderBy(inCodePointOrder(db, 'record.title'))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toView);
}

/** Live law records of `orgIds` with one of these exact titles. */
export async function findLawsTitled(
  db: Db,
  orgIds: readonly string[],
  titles: readonly string[],
): Promise<Array<{ id: string; orgId: string; title: string }>> {
  if (titles.length === 0) return [];
  return db
    .selectFrom('record')
    .select(['id', 'org_id as orgId', 'title'])
    .where('ledger', '=', LAW_LEDGER)
    .where('deleted_at', 'is', null)
    .where('org_id', 'in', orgList(orgIds))
    .where('title', 'in', [...titles])
    .orderBy('id')
    .execute();
}
