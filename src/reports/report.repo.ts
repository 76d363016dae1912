/**
 * SQL for report drafts and their versions. Every read takes the bureaus the caller may see. A report
 * is keyed by bureau, kind, year and roll-up flag; the database holds at most one working draft and
 * one current final per key (migration 0005).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ReportChange } from '../contract.ts';
import type { SourceRef } from '../figures/figure.repo.ts';
import type { Db, ReportDraftTable } from '../db/types.ts';

export type ReportDraftRow = Selectable<ReportDraftTable> & { superseded_by_version: number | null };

/** Which document a draft is: the bureau's own report or its roll-up, of one kind and year. */
export type ReportKey = { orgId: string; kind: string; year: number; rollup: boolean };

const inOrgs = (orgIds: readonly string[]) => (orgIds.length ? [...orgIds] : ['-']);

export async function insertReportDraft(db: Db, row: Insertable<ReportDraftTable>): Promise<void> {
  await db.insertInto('report_draft').values(row).execute();
}

export async function findReportDraft(db: Db, orgIds: readonly string[], id: string): Promise<ReportDraftRow | undefined> {
  return db
    .selectFrom('report_draft as r')
    .leftJoin('report_draft as s', 's.id', 'r.superseded_by')
    .selectAll('r')
    .select('s.version as superseded_by_version')
    .where('r.id', '=', id)
    .where('r.org_id', 'in', inOrgs(orgIds))
    .executeTakeFirst();
}

const ofKey = (db: Db, orgIds: readonly string[], k: ReportKey) =>
  db
    .selectFrom('report_draft')
    .where('org_id', 'in', inOrgs(orgIds))
    .where('org_id', '=', k.orgId)
    .where('kind', '=', k.kind)
    .where('year', '=', k.year)
    .where('rollup', '=', k.rollup ? 1 : 0);

/** The id of the key's report in `status` ('draft': the working draft, 'final': the current final). */
export async function findReportIdOfKey(
  db: Db,
  orgIds: readonly string[],
  k: ReportKey,
  status: 'draft' | 'final',
): Promise<string | undefined> {
  const r = await ofKey(db, orgIds, k).select('id').where('status', '=', status).executeTakeFirst();
  return r?.id;
}

/** The highest version any report of the key reached (0 when there is none): a new draft continues from it. */
export async function maxVersionOfKey(db: Db, orgIds: readonly string[], k: ReportKey): Promise<number> {
  const r = await ofKey(db, orgIds, k)
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

export async function findReportDrafts(db: Db, orgIds: readonly string[], q: { year?: number; kind?: string; orgId?: string }) {
  let query = db
    .selectFrom('report_draft as r')
    .leftJoin('app_user as u', 'u.id', 'r.updated_by')
    .leftJoin('app_user as f', 'f.id', 'r.finalized_by')
    .leftJoin('report_draft as s', 's.id', 'r.superseded_by')
    .select([
      'r.id',
      'r.org_id',
      'r.kind',
      'r.year',
      'r.rollup',
      'r.title',
      'r.status',
      'r.version',
      'r.created_at',
      'r.generated_at',
      'r.updated_at',
      'r.updated_by',
      'u.display_name as updated_by_name',
      'r.finalized_at',
      'r.finalized_by',
      'f.display_name as finalized_by_name',
      'r.superseded_by',
      's.version as superseded_by_version',
    ])
    .where('r.org_id', 'in', inOrgs(orgIds));
  if (q.year !== undefined) query = query.where('r.year', '=', q.year);
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  if (q.orgId) query = query.where('r.org_id', '=', q.orgId);
  return query.orderBy('r.updated_at', 'desc').orderBy('r.id').limit(500).execute();
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

/** Turns a current final into a superseded one; false when it was not (or no longer) the current final. */
export async function supersedeReport(db: Db, id: string, by: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('report_draft')
    .set({ status: 'superseded', superseded_by: by, superseded_at: at })
    .where('id', '=', id)
    .where('status', '=', 'final')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Records the draft's current state as the version it now has (`change` says what made it). */
export async function insertVersionOfCurrent(db: Db, id: string, change: ReportChange): Promise<void> {
  await db
    .insertInto('report_version')
    .columns(['report_id', 'version', 'change', 'title', 'content', 'figures', 'created_at', 'created_by'])
    .expression((eb) =>
      eb
        .selectFrom('report_draft')
        .select((s) => ['id', 'version', s.val(change).as('change'), 'title', 'content', 'figures', 'updated_at', 'updated_by'])
        .where('id', '=', id),
    )
    .execute();
}

/** The latest version that made or edited the text, with who made it (null when there is none). */
export async function findLastTextChange(db: Db, id: string) {
  return db
    .selectFrom('report_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.change', 'v.created_at', 'v.created_by', 'u.display_name'])
    .where('v.report_id', '=', id)
    .where('v.change', 'in', ['generate', 'edit'])
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The versions of every report of the key, newest first, a page at a time. */
export async function findVersionsOfKey(db: Db, orgIds: readonly string[], k: ReportKey, page: { limit: number; offset: number }) {
  const base = db
    .selectFrom('report_version as v')
    .innerJoin('report_draft as r', 'r.id', 'v.report_id')
    .where('r.org_id', 'in', inOrgs(orgIds))
    .where('r.org_id', '=', k.orgId)
    .where('r.kind', '=', k.kind)
    .where('r.year', '=', k.year)
    .where('r.rollup', '=', k.rollup ? 1 : 0);
  const items = await base
    .leftJoin('app_user as u', 'u.id', 'v.created_by')
    .select(['v.report_id', 'v.version', 'v.change', 'v.title', 'v.created_at', 'v.created_by', 'u.display_name', 'r.status'])
    .orderBy('v.created_at', 'desc')
    .orderBy('v.version', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return { items, total: Number(count?.n ?? 0) };
}

/** The records behind one number of a finalized report: a figure, or one group of it (part '' = the whole figure). */
export type FrozenSources = { figure: string; part: string; refs: readonly SourceRef[] };

/** Stored as [id, bureau, date, year] tuples: what a list of them needs, without reading the records. */
type StoredRef = [string, string, string | null, number | null];

/** Keeps the records behind a finalized report's numbers, compressed; written once, at finalizing. */
export async function insertFrozenSources(db: Db, reportId: string, rows: readonly FrozenSources[]): Promise<void> {
  // A few rows per statement: each holds a compressed list that may run to megabytes.
  for (let i = 0; i < rows.length; i += 20)
    await db
      .insertInto('report_figure_source')
      .values(
        rows.slice(i, i + 20).map((r) => ({
          report_id: reportId,
          figure: r.figure,
          part: r.part,
          count: r.refs.length,
          ids: gzipSync(JSON.stringify(r.refs.map((x): StoredRef => [x.id, x.orgId, x.date, x.year]))),
        })),
      )
      .execute();
}

/** The kept records of a report's figure, per part ('' for the whole figure), in the order kept. */
export async function findFrozenSources(db: Db, reportId: string, figure: string): Promise<Map<string, SourceRef[]>> {
  const rows = await db
    .selectFrom('report_figure_source')
    .select(['part', 'ids'])
    .where('report_id', '=', reportId)
    .where('figure', '=', figure)
    .execute();
  return new Map(
    rows.map((r) => [
      r.part,
      (JSON.parse(gunzipSync(r.ids).toString('utf8')) as StoredRef[]).map(([id, orgId, date, year]) => ({ id, orgId, date, year })),
    ]),
  );
}
