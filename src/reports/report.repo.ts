/** SQL for report drafts. Every read takes the bureaus the caller may see. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, ReportDraftTable } from '../db/types.ts';

export type ReportDraftRow = Selectable<ReportDraftTable>;

const inOrgs = (orgIds: readonly string[]) => (orgIds.length ? [...orgIds] : ['-']);

export async function insertReportDraft(db: Db, row: Insertable<ReportDraftTable>): Promise<void> {
  await db.insertInto('report_draft').values(row).execute();
}

export async function findReportDraft(db: Db, orgIds: readonly string[], id: string): Promise<ReportDraftRow | undefined> {
  return db.selectFrom('report_draft').selectAll().where('id', '=', id).where('org_id', 'in', inOrgs(orgIds)).executeTakeFirst();
}

export async function findReportDrafts(db: Db, orgIds: readonly string[], q: { year?: number; kind?: string; orgId?: string }) {
  let query = db
    .selectFrom('report_draft')
    .select(['id', 'org_id', 'kind', 'year', 'title', 'status', 'version', 'updated_at', 'finalized_at'])
    .where('org_id', 'in', inOrgs(orgIds));
  if (q.year !== undefined) query = query.where('year', '=', q.year);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.orgId) query = query.where('org_id', '=', q.orgId);
  return query.orderBy('updated_at', 'desc').limit(500).execute();
}

/** Writes a draft that still has `expectedVersion` and is not final; false when it changed first. */
export async function updateReportDraftIfVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  set: Updateable<ReportDraftTable>,
): Promise<boolean> {
  const res = await db
    .updateTable('report_draft')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
