/**
 * Figures travel without the ids of their records (sources on demand). Stored snapshots held every
 * figure's ids inline (a province draft: tens of MB, copied into every version row); now a figure
 * keeps `sourceCount`, and a finalized report keeps its records in `report_figure_source`, one row
 * per figure (or per group of a group figure; ratios are their parts'), as gzip-compressed JSON of
 * [id, org_id, occurred_on, year] tuples (what a list of them needs), written once.
 *
 * Existing rows: every snapshot (drafts, finals, versions) gets `sourceCount` from its inline ids,
 * which are then dropped; the ids of final and superseded reports move to the side table first,
 * with their bureau, date and year read from the record table (ids no longer there are dropped).
 * A draft's sources are read from the ledgers when asked, so its ids are not kept.
 *
 * Also: an index covering what tells a draft its numbers may have changed (per bureau: rows,
 * deletions, the sum of row versions, the last write), read without touching the rows.
 * Frozen.
 */
import { gzipSync } from 'node:zlib';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

type OldGroup = { label: string; value: number; sources?: unknown; sourceCount?: number };
type OldFigure = { sources?: unknown; sourceCount?: number | null; breakdown?: OldGroup[] } & Record<string, unknown>;

const idsOf = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.map(String))] : []);

/** The snapshot without inline ids, and the ids it held per figure and group ('' = the whole figure). */
function strip(raw: string): { json: string; ids: Array<{ figure: string; part: string; ids: string[] }> } | null {
  let snap: { values?: Record<string, OldFigure> };
  try {
    snap = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!snap || typeof snap !== 'object' || !snap.values || typeof snap.values !== 'object') return null;
  const ids: Array<{ figure: string; part: string; ids: string[] }> = [];
  let changed = false;
  for (const [key, f] of Object.entries(snap.values)) {
    if (!f || typeof f !== 'object' || !('sources' in f)) continue;
    changed = true;
    const own = idsOf(f.sources);
    const groups = (f.breakdown ?? []).map((g) => ({ g, ids: idsOf(g.sources) }));
    if (groups.length) for (const { g, ids: gi } of groups) ids.push({ figure: key, part: g.label, ids: gi });
    else ids.push({ figure: key, part: '', ids: own });
    const { sources: _s, breakdown, ...rest } = f;
    snap.values[key] = {
      ...rest,
      sourceCount: own.length,
      ...(breakdown ? { breakdown: groups.map(({ g, ids: gi }) => ({ label: g.label, value: g.value, sourceCount: gi.length })) } : {}),
    };
  }
  return changed ? { json: JSON.stringify(snap), ids } : null;
}

/** [id, org_id, occurred_on, year] of the records among `ids`, in the order given. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
async function refsOf(db: Kysely<any>, ids: string[]): Promise<Array<[string, string, string | null, number | null]>> {
  const found = new Map<string, [string, string, string | null, number | null]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('record')
      .select(['id', 'org_id', 'occurred_on', 'year'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows)
      found.set(String(r.id), [String(r.id), String(r.org_id), r.occurred_on ?? null, r.year === null ? null : Number(r.year)]);
  }
  return ids.flatMap((id) => {
    const ref = found.get(id);
    return ref ? [ref] : [];
  });
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('report_figure_source')
    .addColumn('report_id', 'text', (c) => c.notNull().references('report_draft.id'))
    .addColumn('figure', 'text', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('ids', sql.raw(pg ? 'bytea' : 'blob'), (c) => c.notNull())
    .addPrimaryKeyConstraint('report_figure_source_pk', ['report_id', 'figure', 'part'])
    .execute();
  await db.schema.createIndex('record_write_mark').on('record').columns(['org_id', 'updated_at', 'version', 'deleted_at']).execute();

  const drafts = await db.selectFrom('report_draft').select(['id', 'status', 'figures']).execute();
  for (const r of drafts) {
    const s = strip(String(r.figures));
    if (!s) continue;
    if (r.status === 'final' || r.status === 'superseded')
      for (const x of s.ids) {
        const refs = await refsOf(db, x.ids);
        await db
          .insertInto('report_figure_source')
          .values({ report_id: r.id, figure: x.figure, part: x.part, count: refs.length, ids: gzipSync(JSON.stringify(refs)) })
          .execute();
      }
    await db.updateTable('report_draft').set({ figures: s.json }).where('id', '=', r.id).execute();
  }
  const versions = await db.selectFrom('report_version').select(['report_id', 'version', 'figures']).execute();
  for (const v of versions) {
    const s = strip(String(v.figures));
    if (s)
      await db
        .updateTable('report_version')
        .set({ figures: s.json })
        .where('report_id', '=', v.report_id)
        .where('version', '=', v.version)
        .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('record_write_mark').execute();
  await db.schema.dropTable('report_figure_source').execute();
}
