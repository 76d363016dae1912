/**
 * Report drafts people can tell apart. A report is keyed by bureau, kind, year and roll-up flag (a
 * city's own report and its roll-up of the counties are different documents); per key there is at
 * most one working draft (status 'draft') and one current final ('final'), both enforced by partial
 * unique indexes. A final replaced by a newer one becomes 'superseded' and names its successor. Every
 * state a report passes through is kept in report_version.
 *
 * Existing rows: the roll-up flag is read from the stored figure snapshot; each row gets one version
 * entry for its current state; per key the newest draft stays the working draft and the newest final
 * the current final, older ones become 'superseded' by the next newer one. A draft never edited
 * (version 1) keeps its 成文日期 as the generated default, so finalizing dates it; for the others we
 * cannot tell whether the date was set by hand, so it stays as it is. Frozen.
 */
import { type Kysely, sql } from 'kysely';

type Old = {
  id: string;
  org_id: string;
  kind: string;
  year: number;
  status: string;
  title: string;
  content: string;
  figures: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
  finalized_at: string | null;
};

function parse(s: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Newest first: by `at`, then by id so that the order is stable. */
const newestFirst = (at: (r: Old) => string) => (a: Old, b: Old) => at(b).localeCompare(at(a)) || b.id.localeCompare(a.id);

const KEY_COLUMNS = ['org_id', 'kind', 'year', 'rollup'];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const alter = () => db.schema.alterTable('report_draft');
  await alter()
    .addColumn('rollup', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await alter().addColumn('generated_at', 'text').execute();
  await alter().addColumn('generated_date', 'text').execute();
  // No foreign key: SQLite cannot drop a column that is one, and the successor is always a row of the same key.
  await alter().addColumn('superseded_by', 'text').execute();
  await alter().addColumn('superseded_at', 'text').execute();
  await db.schema
    .createTable('report_version')
    .addColumn('report_id', 'text', (c) => c.notNull().references('report_draft.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_version_pk', ['report_id', 'version'])
    .execute();

  const rows: Old[] = await db
    .selectFrom('report_draft')
    .select([
      'id',
      'org_id',
      'kind',
      'year',
      'status',
      'title',
      'content',
      'figures',
      'version',
      'created_at',
      'updated_at',
      'updated_by',
      'finalized_at',
    ])
    .execute();
  const byKey = new Map<string, Array<Old & { rollup: number }>>();
  for (const r of rows) {
    const rollup = parse(r.figures).rollup === true ? 1 : 0;
    const date = parse(r.content).date;
    const version = Number(r.version);
    await db
      .updateTable('report_draft')
      .set({
        rollup,
        generated_at: r.created_at,
        generated_date: version <= 1 && r.status === 'draft' && typeof date === 'string' ? date : null,
      })
      .where('id', '=', r.id)
      .execute();
    await db
      .insertInto('report_version')
      .values({
        report_id: r.id,
        version,
        change: r.status === 'final' ? 'finalize' : version <= 1 ? 'generate' : 'edit',
        title: r.title,
        content: r.content,
        figures: r.figures,
        created_at: r.updated_at,
        created_by: r.updated_by,
      })
      .execute();
    const key = JSON.stringify([r.org_id, r.kind, Number(r.year), rollup]);
    byKey.set(key, [...(byKey.get(key) ?? []), { ...r, rollup }]);
  }

  const supersede = async (old: Old, by: Old, at: string) => {
    await db
      .updateTable('report_draft')
      .set({ status: 'superseded', superseded_by: by.id, superseded_at: at })
      .where('id', '=', old.id)
      .execute();
  };
  for (const group of byKey.values()) {
    const finalAt = (r: Old) => r.finalized_at ?? r.updated_at;
    const finals = group.filter((r) => r.status === 'final').sort(newestFirst(finalAt));
    for (let i = 1; i < finals.length; i++) await supersede(finals[i], finals[i - 1], finalAt(finals[i - 1]));
    const drafts = group.filter((r) => r.status === 'draft').sort(newestFirst((r) => r.updated_at));
    for (let i = 1; i < drafts.length; i++) await supersede(drafts[i], drafts[0], drafts[0].updated_at);
  }

  await db.schema
    .createIndex('report_draft_one_working')
    .unique()
    .on('report_draft')
    .columns(KEY_COLUMNS)
    .where(sql.ref('status'), '=', sql.lit('draft'))
    .execute();
  await db.schema
    .createIndex('report_draft_one_final')
    .unique()
    .on('report_draft')
    .columns(KEY_COLUMNS)
    .where(sql.ref('status'), '=', sql.lit('final'))
    .execute();
  await db.schema.createIndex('report_draft_key').on('report_draft').columns(KEY_COLUMNS).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['report_draft_key', 'report_draft_one_final', 'report_draft_one_working']) await db.schema.dropIndex(name).execute();
  await db.schema.dropTable('report_version').execute();
  await db
    .updateTable('report_draft')
    .set({ status: sql`CASE WHEN finalized_at IS NULL THEN 'draft' ELSE 'final' END` })
    .where('status', '=', 'superseded')
    .execute();
  for (const c of ['superseded_at', 'superseded_by', 'generated_date', 'generated_at', 'rollup']) {
    await db.schema.alterTable('report_draft').dropColumn(c).execute();
  }
}
