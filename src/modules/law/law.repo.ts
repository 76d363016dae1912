/**
 * SQL for the law library: finding an imported version, and reading the parsed texts of the laws a
 * caller may see in one query. Every read takes the org ids; soft-deleted records are invisible.
 */
import { findRecords, type RecordView } from '../../ledger/record.repo.ts';
import type { Db } from '../../db/types.ts';

export const LAW_LEDGER = 'law';
export const TEXT_MIME = 'application/json';

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
    .where('record.org_id', 'in', orgIds.length ? orgIds : ['-'])
    .where('attachment.org_id', 'in', orgIds.length ? orgIds : ['-'])
    .where('attachment.mime', '=', TEXT_MIME);
  if (recordId) q = q.where('record.id', '=', recordId);
  const rows = await q.orderBy('record.title').orderBy('record.id').orderBy('attachment.uploaded_at').orderBy('attachment.id').execute();
  const newest = new Map<string, LawTextRow>();
  for (const r of rows) newest.set(r.recordId, { recordId: r.recordId, title: r.title, content: Buffer.from(r.content) });
  return [...newest.values()];
}
