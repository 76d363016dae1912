/**
 * SQL for figures: every count, sum and group of one ledger over one span computed by the database
 * from the filters compiled in src/db/cond-sql.ts, without reading payloads into JS. The scope
 * (bureaus, live rows, the period by date or year) is record.repo.ts `liveInPeriod`.
 */
import { sql } from 'kysely';
import { condSql } from '../db/cond-sql.ts';
import { jsonNumber, jsonText, parsedData, toNumber } from '../db/dialect.ts';
import type { Db } from '../db/types.ts';
import type { FieldValue, RecordData } from '../ledger/field.ts';
import { liveInPeriod } from '../ledger/record.repo.ts';
import type { Cond, PeriodDays } from './filter.ts';

/** What to read for a ledger over a period, with the days period operands stand for. */
export type FigureScope = { orgIds: readonly string[]; ledger: string; period: { from: string; to: string }; days: PeriodDays };

/**
 * The scope's rows with their payload parsed once (a materialised CTE, so PostgreSQL does not parse
 * the text again for every field a filter reads); the helpers read `data` from it.
 */
function rowsOf(db: Db, s: FigureScope) {
  return db
    .with(
      (wb) => wb('fig_row').materialized(),
      () =>
        liveInPeriod(db, s.orgIds, s.ledger, s.period).select([
          'id',
          'org_id',
          'ledger',
          'title',
          'occurred_on',
          'year',
          parsedData(db).as('data'),
        ]),
    )
    .selectFrom('fig_row');
}

const passes = (db: Db, s: FigureScope, where?: Cond) => (where ? condSql(db, where, s.days) : sql<boolean>`(1 = 1)`);

/**
 * One aggregate: how many records pass `where`, or the sum of `sumField` over them; with `nonZero`,
 * how many of them have that field non-zero (the sources of a sum).
 */
export type AggregateSpec = { where?: Cond; sumField?: string; nonZero?: string };

/** The key the per-bureau helpers file a whole-scope result under. */
export const ALL_ORGS = '*';

function aggregate(db: Db, s: FigureScope, a: AggregateSpec) {
  const cond = a.nonZero
    ? a.where
      ? sql`(${condSql(db, a.where, s.days)} and ${jsonNumber(db, a.nonZero)} <> 0)`
      : sql`(${jsonNumber(db, a.nonZero)} <> 0)`
    : a.where
      ? condSql(db, a.where, s.days)
      : undefined;
  const f = cond ? sql`filter (where ${cond})` : sql``;
  return a.sumField ? sql<number>`coalesce(sum(${jsonNumber(db, a.sumField)}) ${f}, 0)` : sql<number>`count(*) ${f}`;
}

/**
 * Every aggregate in one query; the values in the order asked, for the whole scope (under
 * `ALL_ORGS`) or, with `byOrg`, per bureau (a bureau without records is absent).
 */
export async function aggregateFigures(
  db: Db,
  s: FigureScope,
  specs: readonly AggregateSpec[],
  byOrg = false,
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (specs.length === 0) return out;
  const cols = specs.map((a, i) => aggregate(db, s, a).as(`f${i}`));
  const rows = (
    byOrg
      ? await rowsOf(db, s)
          .select(['org_id', ...cols])
          .groupBy('org_id')
          .execute()
      : await rowsOf(db, s).select(cols).execute()
  ) as Array<Record<string, unknown>>;
  for (const row of rows)
    out.set(
      byOrg ? String(row.org_id) : ALL_ORGS,
      specs.map((_, i) => toNumber(row[`f${i}`])),
    );
  if (!byOrg && !out.has(ALL_ORGS))
    out.set(
      ALL_ORGS,
      specs.map(() => 0),
    );
  return out;
}

/** One group of a group figure: the JSON text of `groupBy` (null when absent), its count or sum, and how many records. */
export type GroupRow = { org: string; key: string | null; value: number; records: number };

export type GroupSpec = AggregateSpec & { groupBy: string };

/** Per JSON value of `groupBy` (and per bureau with `byOrg`): the count, or the sum of `sumField`, and the records counted. */
export async function groupFigure(db: Db, s: FigureScope, g: GroupSpec, byOrg = false): Promise<GroupRow[]> {
  return (await groupFigures(db, s, [g], byOrg))[0];
}

/**
 * Several group figures of one ledger and span in one statement: one GROUP BY per figure over the
 * rows read (and their payloads parsed) once, their results joined by UNION ALL. The groups of
 * each spec in the order asked.
 */
export async function groupFigures(db: Db, s: FigureScope, specs: readonly GroupSpec[], byOrg = false): Promise<GroupRow[][]> {
  if (specs.length === 0) return [];
  const rows = liveInPeriod(db, s.orgIds, s.ledger, s.period).select(['id', 'org_id', 'occurred_on', 'year', parsedData(db).as('data')]);
  const branches = specs.map((g, i) => {
    const key = jsonText(db, g.groupBy);
    const org = byOrg ? sql`org_id` : sql`null`;
    const by = byOrg ? sql`${key}, org_id` : key;
    return sql`select ${sql.lit(i)} as s, ${org} as o, ${key} as k, ${aggregate(db, s, { sumField: g.sumField })} as v, count(*) as n from fig_row where ${passes(db, s, g.where)} group by ${by}`;
  });
  // The embedded query compiles in parentheses.
  const result = await sql<Record<string, unknown>>`with fig_row as materialized ${rows} ${sql.join(branches, sql` union all `)}`.execute(
    db,
  );
  const out: GroupRow[][] = specs.map(() => []);
  for (const r of result.rows)
    out[toNumber(r.s)].push({
      org: byOrg ? String(r.o) : ALL_ORGS,
      key: r.k === null || r.k === undefined ? null : String(r.k),
      value: toNumber(r.v),
      records: toNumber(r.n),
    });
  return out;
}

/** The records of one figure (or one group of it), newest first, a page at a time. */
export type SourcePageSpec = SourceSpec & {
  /** Only records whose `groupBy` has one of these JSON texts (null: absent), the texts one group label stands for. */
  groupKeys?: ReadonlyArray<string | null>;
};

/**
 * One page of a figure's source ids (newest first: by date, undated ones after by year, then id)
 * and how many there are. Nothing but ids is read.
 */
export async function figureSourcePage(
  db: Db,
  s: FigureScope,
  spec: SourcePageSpec,
  page: { offset: number; limit: number },
): Promise<{ ids: string[]; total: number }> {
  let where = passes(db, s, spec.where);
  if (spec.nonZero) where = sql<boolean>`(${where} and ${jsonNumber(db, spec.nonZero)} <> 0)`;
  if (spec.groupBy && spec.groupKeys) {
    const key = jsonText(db, spec.groupBy);
    const texts = spec.groupKeys.filter((k): k is string => k !== null);
    const alts = [
      ...(texts.length ? [sql<boolean>`${key} in (${sql.join(texts)})`] : []),
      ...(spec.groupKeys.includes(null) ? [sql<boolean>`${key} is null`] : []),
    ];
    where = sql<boolean>`(${where} and (${alts.length ? sql.join(alts, sql.raw(' or ')) : sql.raw('1 = 0')}))`;
  }
  const [count, rows] = await Promise.all([
    rowsOf(db, s).where(where).select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
    rowsOf(db, s)
      .where(where)
      .select('id')
      .orderBy('occurred_on', (o) => o.desc().nullsLast())
      .orderBy('year', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return { ids: rows.map((r) => String(r.id)), total: toNumber(count?.n) };
}

/** Which records a figure takes as sources: those passing `where`, with a non-zero `nonZero` field; `groupBy` is read per record. */
export type SourceSpec = { where?: Cond; nonZero?: string; groupBy?: string };

/** A record a figure is computed from, with what lists of sources need without reading it again. */
export type SourceRef = { id: string; orgId: string; date: string | null; year: number | null };

export type SourceRow = SourceRef & { in: boolean[]; group: Array<string | null> };

const refOf = (r: Record<string, unknown>): SourceRef => ({
  id: String(r.id),
  orgId: String(r.org_id),
  date: r.occurred_on === null || r.occurred_on === undefined ? null : String(r.occurred_on),
  year: r.year === null || r.year === undefined ? null : Number(r.year),
});

/**
 * The records that are some figure's source, in record order (date, id), with whether
 * each is a source of each spec and the JSON text of each spec's `groupBy`.
 */
export async function figureSourceRows(db: Db, s: FigureScope, specs: readonly SourceSpec[]): Promise<SourceRow[]> {
  if (specs.length === 0) return [];
  const flags = specs.map((x) =>
    x.nonZero ? sql<boolean>`(${passes(db, s, x.where)} and ${jsonNumber(db, x.nonZero)} <> 0)` : passes(db, s, x.where),
  );
  const groups = specs.flatMap((x, i) => (x.groupBy ? [jsonText(db, x.groupBy).as(`g${i}`)] : []));
  const rows = (await rowsOf(db, s)
    .where(sql<boolean>`(${sql.join(flags, sql.raw(' or '))})`)
    .select(['id', 'org_id', 'occurred_on', 'year', ...flags.map((f, i) => f.as(`s${i}`)), ...groups])
    .orderBy('occurred_on')
    .orderBy('id')
    .execute()) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    ...refOf(r),
    in: specs.map((_, i) => Boolean(r[`s${i}`])),
    group: specs.map((x, i) => (x.groupBy && r[`g${i}`] !== null && r[`g${i}`] !== undefined ? String(r[`g${i}`]) : null)),
  }));
}

/** A record as a deadline reads it: the payload holds only the fields asked for. */
export type DeadlineCandidate = SourceRef & { ledger: string; title: string; data: RecordData };

/**
 * The records passing `where`, in record order, each with only `fields` of its payload (absent
 * fields stay absent): what a deadline figure needs, without reading whole payloads.
 */
export async function findDeadlineCandidates(
  db: Db,
  s: FigureScope,
  where: Cond | undefined,
  fields: readonly string[],
): Promise<DeadlineCandidate[]> {
  const rows = (await rowsOf(db, s)
    .where(passes(db, s, where))
    .select(['id', 'org_id', 'occurred_on', 'year', 'ledger', 'title', ...fields.map((f, i) => jsonText(db, f).as(`v${i}`))])
    .orderBy('occurred_on')
    .orderBy('id')
    .execute()) as Array<Record<string, unknown>>;
  return rows.map((r) => {
    const data: RecordData = {};
    for (const [i, f] of fields.entries()) {
      const v = r[`v${i}`];
      if (v !== null && v !== undefined) data[f] = JSON.parse(String(v)) as FieldValue;
    }
    return { ...refOf(r), ledger: String(r.ledger), title: String(r.title), data };
  });
}
