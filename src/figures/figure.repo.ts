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

/** One aggregate: how many records pass `where`, or the sum of `sumField` over them. */
export type AggregateSpec = { where?: Cond; sumField?: string };

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
          parsedData(db).as('data'),
        ]),
    )
    .selectFrom('fig_row');
}

const passes = (db: Db, s: FigureScope, where?: Cond) => (where ? condSql(db, where, s.days) : sql<boolean>`(1 = 1)`);

function aggregate(db: Db, s: FigureScope, a: AggregateSpec) {
  const f = a.where ? sql`filter (where ${condSql(db, a.where, s.days)})` : sql``;
  return a.sumField ? sql<number>`coalesce(sum(${jsonNumber(db, a.sumField)}) ${f}, 0)` : sql<number>`count(*) ${f}`;
}

/** Every aggregate in one query; the values in the order asked. */
export async function aggregateFigures(db: Db, s: FigureScope, specs: readonly AggregateSpec[]): Promise<number[]> {
  if (specs.length === 0) return [];
  const row = (await rowsOf(db, s)
    .select(specs.map((a, i) => aggregate(db, s, a).as(`f${i}`)))
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  return specs.map((_, i) => toNumber(row?.[`f${i}`]));
}

/** Per JSON value of `groupBy` (its JSON text, null when absent): the count, or the sum of `sumField`. */
export async function groupFigure(
  db: Db,
  s: FigureScope,
  g: AggregateSpec & { groupBy: string },
): Promise<Array<{ key: string | null; value: number }>> {
  const key = jsonText(db, g.groupBy);
  const rows = await rowsOf(db, s)
    .where(passes(db, s, g.where))
    .select([key.as('k'), aggregate(db, s, { sumField: g.sumField }).as('v')])
    .groupBy(key)
    .execute();
  return rows.map((r) => ({ key: r.k === null ? null : String(r.k), value: toNumber(r.v) }));
}

/** Which records a figure takes as sources: those passing `where`, with a non-zero `nonZero` field; `groupBy` is read per record. */
export type SourceSpec = { where?: Cond; nonZero?: string; groupBy?: string };

export type SourceRow = { id: string; in: boolean[]; group: Array<string | null> };

/**
 * The ids of the records that are some figure's source, in record order (date, id), with whether
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
    .select(['id', ...flags.map((f, i) => f.as(`s${i}`)), ...groups])
    .orderBy('occurred_on')
    .orderBy('id')
    .execute()) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: String(r.id),
    in: specs.map((_, i) => Boolean(r[`s${i}`])),
    group: specs.map((x, i) => (x.groupBy && r[`g${i}`] !== null && r[`g${i}`] !== undefined ? String(r[`g${i}`]) : null)),
  }));
}

/** A record as a deadline reads it: the payload holds only the fields asked for. */
export type DeadlineCandidate = { id: string; orgId: string; ledger: string; title: string; data: RecordData };

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
    .select(['id', 'org_id', 'ledger', 'title', ...fields.map((f, i) => jsonText(db, f).as(`v${i}`))])
    .orderBy('occurred_on')
    .orderBy('id')
    .execute()) as Array<Record<string, unknown>>;
  return rows.map((r) => {
    const data: RecordData = {};
    for (const [i, f] of fields.entries()) {
      const v = r[`v${i}`];
      if (v !== null && v !== undefined) data[f] = JSON.parse(String(v)) as FieldValue;
    }
    return { id: String(r.id), orgId: String(r.org_id), ledger: String(r.ledger), title: String(r.title), data };
  });
}
