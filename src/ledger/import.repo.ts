/**
 * SQL of an import: what it reads once for all its rows (the records the file names, the keys of the
 * stored records, the 科室 of the bureau), the multi-row inserts it writes in batches, and the
 * import_job rows that show its progress to any app server.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, ImportJobTable, RecordLinkTable, RecordTable } from '../db/types.ts';
import { findLinkTargets, type LinkTarget, type RecordView, toView } from './record.repo.ts';

/** Ids per `IN (…)`: well under the bound-parameter limits of both databases. */
const ID_CHUNK = 500;

/** The live records of one ledger and bureau among `ids`, by id. */
export async function findImportTargets(db: Db, orgId: string, ledger: string, ids: readonly string[]): Promise<Map<string, RecordView>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, RecordView>();
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    const rows = await db
      .selectFrom('record')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('ledger', '=', ledger)
      .where('deleted_at', 'is', null)
      .where('id', 'in', unique.slice(i, i + ID_CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, toView(r));
  }
  return out;
}

/** Which stored records can share a key with new rows: those dated (or of a year) within the rows' span, and undated ones if a row is. */
export type KeySpan = { column: 'occurred_on' | 'year'; from: string | number | null; to: string | number | null; undated: boolean };

/**
 * Title, date and year of the live records of one ledger and bureau that may be duplicates of new
 * rows (what a suspected duplicate shares); `span` keeps a bureau's years of records out of a
 * one-year file's check. Without a span, every live record of the ledger.
 */
export async function findRecordKeys(db: Db, orgId: string, ledger: string, span: KeySpan | null) {
  let q = db
    .selectFrom('record')
    .select(['title', 'occurred_on', 'year'])
    .where('org_id', '=', orgId)
    .where('ledger', '=', ledger)
    .where('deleted_at', 'is', null);
  if (span) {
    const { column, from, to, undated } = span;
    q = q.where((eb) => {
      const dated = from !== null && to !== null ? [eb.and([eb(column, '>=', from), eb(column, '<=', to)])] : [];
      return eb.or([...dated, ...(undated ? [eb(column, 'is', null)] : [])]);
    });
  }
  return q.execute();
}

/** The ids of the bureau's 科室. */
export async function findUnitIds(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('unit').select('id').where('org_id', '=', orgId).execute();
  return new Set(rows.map((r) => r.id));
}

/** Writes many records in one statement; the caller keeps a batch within the bind-parameter limits. */
export async function insertRecords(db: Db, rows: ReadonlyArray<Insertable<RecordTable>>): Promise<void> {
  if (rows.length)
    await db
      .insertInto('record')
      .values([...rows])
      .execute();
}

/** Links of new records, in statements of at most `ID_CHUNK` rows. */
export async function insertLinks(db: Db, rows: ReadonlyArray<Insertable<RecordLinkTable>>): Promise<void> {
  for (let i = 0; i < rows.length; i += ID_CHUNK)
    await db
      .insertInto('record_link')
      .values(rows.slice(i, i + ID_CHUNK))
      .execute();
}

export type ImportJobRow = Selectable<ImportJobTable>;

export async function insertImportJob(db: Db, row: Insertable<ImportJobTable>): Promise<void> {
  await db.insertInto('import_job').values(row).execute();
}

/** Updates a job that is still running (a finished job is never changed again). */
export async function updateRunningJob(db: Db, id: string, set: Updateable<ImportJobTable>): Promise<void> {
  await db.updateTable('import_job').set(set).where('id', '=', id).where('status', '=', 'running').execute();
}

/** Forgets jobs finished before `before` (their outcome was shown; the audit log keeps what was imported). */
export async function deleteJobsFinishedBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('import_job').where('finished_at', '<', before).execute();
}

/** A job of this user in one of these bureaus. */
export async function findImportJob(db: Db, id: string, userId: string, orgIds: readonly string[]): Promise<ImportJobRow | undefined> {
  return db
    .selectFrom('import_job')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('org_id', 'in', orgIds.length ? [...orgIds] : ['-'])
    .executeTakeFirst();
}

/** The finished (non dry-run) jobs of this user in one bureau, newest first: what 我的待办 reads for failed imports. */
export async function findFinishedImportJobs(db: Db, userId: string, orgId: string): Promise<ImportJobRow[]> {
  return db
    .selectFrom('import_job')
    .selectAll()
    .where('user_id', '=', userId)
    .where('org_id', '=', orgId)
    .where('dry_run', '=', 0)
    .where('status', 'in', ['done', 'failed'])
    .orderBy('started_at', 'desc')
    .limit(200)
    .execute();
}

/** The live records of the bureau among `ids` and their ledgers (what references may name), in chunks. */
export async function findRefTargets(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, LinkTarget>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, LinkTarget>();
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    for (const [id, t] of await findLinkTargets(db, orgId, unique.slice(i, i + ID_CHUNK))) out.set(id, t);
  }
  return out;
}
