/**
 * Evaluates figures over a scope (one bureau, or a bureau and those below it) and a period.
 *
 * A figure's value travels without the ids of its records: it carries how many records make it
 * (`sourceCount`), and the records themselves are read when someone asks (`figureSources`, a page
 * at a time), or all at once when a report is finalized (`figureSourceIds`).
 */
import { createHash } from 'node:crypto';
import { findCompleteYears, findOverrides } from '../calendar/calendar.repo.ts';
import { deadlinesOf, ruleFields } from '../calendar/deadlines.ts';
import { deadlineValuesOf } from '../calendar/deadline-settings.repo.ts';
import type { DeadlineStatus } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { badRequest } from '../errors.ts';
import type { FieldValue } from '../ledger/field.ts';
import type { Ledger } from '../ledger/define.ts';
import { findRecordSummaries, findRecordsInPeriod, type RecordView, recordWriteMark } from '../ledger/record.repo.ts';
import { systemClock, today as todayOf } from '../util/time.ts';
import { allFigureDecls, type Figure, type FigureDecl, getFigureDecl, type Period, type Span } from './define.ts';
import {
  ALL_ORGS,
  aggregateFigures,
  type FigureScope,
  figureSourcePage,
  figureSourceRows,
  findDeadlineCandidates,
  groupFigure,
  groupFigures,
  type GroupRow,
  type SourceRef,
} from './figure.repo.ts';

export type { SourceRef } from './figure.repo.ts';
import { type Cond, matches, type PeriodDays } from './filter.ts';

export type { Period } from './define.ts';

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const num = (v: FieldValue | undefined): number => (typeof v === 'number' ? v : 0);

export type FigureSet = Record<string, Figure>;

/** A figure with the ids of its records, group by group: what the JS evaluator yields. */
export type SourcedFigure = Omit<Figure, 'breakdown'> & {
  sources: string[];
  breakdown?: Array<{ label: string; value: number; sourceCount: number; sources: string[] }>;
};
export type SourcedFigureSet = Record<string, SourcedFigure>;

export type EvalOptions = { today?: string };

/** The days a filter's period operands mean: a stock is judged at the period's end, or today if it has not ended. */
export function periodDays(p: Period, today: string): PeriodDays {
  return { start: p.from, end: p.to, asOf: p.to < today ? p.to : today };
}

/** The declarations of the named figures (all when `keys` is omitted), ratios with their parts. */
function wantedDecls(keys?: readonly string[]): Map<string, FigureDecl> {
  const wanted = new Map<string, FigureDecl>();
  const add = (k: string) => {
    if (wanted.has(k)) return;
    const d = getFigureDecl(k);
    if (!d) throw badRequest('figures', `未知的指标：${k}`);
    wanted.set(k, d);
    if (d.kind === 'ratio') {
      add(d.num);
      add(d.den);
    }
  };
  for (const k of keys ?? allFigureDecls().map((d) => d.key)) add(k);
  return wanted;
}

/** The dates a span reads records between. */
function spanPeriod(span: Span | undefined, period: Period): Period {
  const s = span ?? 'period';
  return s === 'period' ? period : { from: s === 'to-date' ? '1900-01-01' : '2021-01-01', to: period.to };
}

const base = (d: FigureDecl) => ({ key: d.key, label: d.label, unit: d.unit });

/** A ratio's value from its parts' values. */
function ratioValue(d: Extract<FigureDecl, { kind: 'ratio' }>, n: number | null, m: number | null): number | null {
  if (!m) return null;
  const v = (n ?? 0) / m;
  return d.percent ? Math.round(v * 1000) / 10 : Math.round(v * 1000) / 1000;
}

/** Ratios from their parts, already in `out`. A ratio names no records of its own: its parts do. */
function addRatios(out: FigureSet, wanted: Map<string, FigureDecl>): void {
  for (const d of wanted.values()) {
    if (d.kind !== 'ratio') continue;
    out[d.key] = { ...base(d), value: ratioValue(d, out[d.num].value, out[d.den].value), sourceCount: null };
  }
}

/**
 * The order of a group figure's breakdown: largest first; ties in the order the field declares its
 * options (组长, 副组长, 成员), then other values by their text, 未分类 last.
 */
function breakdownOrder(d: Extract<FigureDecl, { kind: 'group' }>) {
  const options: readonly string[] = d.ledger.fields[d.groupBy]?.options ?? [];
  const rank = (label: string) =>
    label === '未分类' ? options.length + 1 : options.includes(label) ? options.indexOf(label) : options.length;
  return <T extends { label: string; value: number }>(a: T, b: T): number =>
    b.value - a.value || rank(a.label) - rank(b.label) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** Whether a ledger's stored payloads are what its declaration reads (no upgrades, no renamed fields), so SQL may read them. */
function storedAsRead(l: Ledger): boolean {
  return l.upgrades.length === 0 && Object.values(l.fields).every((f) => !f.renamedFrom?.length);
}

/** The label a group figure shows for a stored value (its JSON text; null when absent), as the JS path names it. */
function groupLabel(json: string | null): string {
  return String((json === null ? null : (JSON.parse(json) as FieldValue | null)) ?? '未分类');
}

type SqlDecl = Extract<FigureDecl, { kind: 'count' | 'sum' | 'group' | 'deadline' }>;

/** The figures of one ledger over one span, evaluated together. */
type SpanBatch = { ledger: Ledger; span?: Span; decls: SqlDecl[] };

/** The wanted figures that are not ratios, batched per ledger and span; those of ledgers SQL cannot read in `js`. */
function batches(wanted: Map<string, FigureDecl>): { sql: SpanBatch[]; js: string[] } {
  const bySpan = new Map<string, SpanBatch>();
  const js: string[] = [];
  for (const d of wanted.values()) {
    if (d.kind === 'ratio') continue;
    if (!storedAsRead(d.ledger)) {
      js.push(d.key);
      continue;
    }
    const k = `${d.ledger.key}|${d.span ?? 'period'}`;
    const entry = bySpan.get(k) ?? { ledger: d.ledger, span: d.span, decls: [] };
    entry.decls.push(d);
    bySpan.set(k, entry);
  }
  return { sql: [...bySpan.values()], js };
}

const scopeOf = (orgIds: readonly string[], b: SpanBatch, period: Period, days: PeriodDays): FigureScope => ({
  orgIds,
  ledger: b.ledger.key,
  period: spanPeriod(b.span, period),
  days,
});

/** Deadline statuses of a batch's candidates, read and computed once per rule and filter (several figures count one rule by status). */
type DeadlineMemo = Map<string, Promise<Array<SourceRef & { status: DeadlineStatus | null }>>>;

/** A deadline figure's records (with their bureau): the candidates chosen in SQL with only the fields the rule reads, their deadlines in JS. */
async function deadlineSources(
  db: Db,
  scope: FigureScope,
  d: Extract<FigureDecl, { kind: 'deadline' }>,
  today: string,
  memo: DeadlineMemo = new Map(),
): Promise<SourceRef[]> {
  const key = JSON.stringify([d.rule.key, d.where ?? null]);
  let judged = memo.get(key);
  if (!judged) {
    judged = (async () => {
      const candidates = await findDeadlineCandidates(db, scope, d.where, ruleFields(d.rule));
      const dls = await deadlinesOf(db, d.rule, candidates, { today });
      return candidates.map(({ id, orgId, date, year }) => ({ id, orgId, date, year, status: dls.get(id)?.status ?? null }));
    })();
    memo.set(key, judged);
  }
  return (await judged)
    .filter((c) => c.status !== null && d.statuses.includes(c.status))
    .map(({ id, orgId, date, year }) => ({ id, orgId, date, year }));
}

/** One batch's figures for the whole scope (under ALL_ORGS) or per bureau. */
async function evaluateBatch(db: Db, scope: FigureScope, decls: SqlDecl[], today: string, byOrg: boolean): Promise<Map<string, FigureSet>> {
  // count → its value is its record count; sum → the sum and the records with a non-zero value.
  const specs = decls.flatMap((d) =>
    d.kind === 'count'
      ? [{ where: d.where }]
      : d.kind === 'sum'
        ? [
            { where: d.where, sumField: d.field },
            { where: d.where, nonZero: d.field },
          ]
        : [],
  );
  const values = await aggregateFigures(db, scope, specs, byOrg);
  const grouped = decls.flatMap((d) => (d.kind === 'group' ? [d] : []));
  const groupRows = await groupFigures(
    db,
    scope,
    grouped.map((d) => ({ where: d.where, sumField: d.field, groupBy: d.groupBy })),
    byOrg,
  );
  const groups = new Map<string, GroupRow[]>(grouped.map((d, i) => [d.key, groupRows[i]]));
  const deadlines = new Map<string, SourceRef[]>();
  const memo: DeadlineMemo = new Map();
  for (const d of decls) if (d.kind === 'deadline') deadlines.set(d.key, await deadlineSources(db, scope, d, today, memo));

  const orgs = byOrg ? scope.orgIds : [ALL_ORGS];
  const out = new Map<string, FigureSet>(orgs.map((o) => [o, {}]));
  for (const org of orgs) {
    const set = out.get(org) as FigureSet;
    const vals = values.get(org);
    let i = 0;
    for (const d of decls) {
      if (d.kind === 'count') {
        const v = vals?.[i++] ?? 0;
        set[d.key] = { ...base(d), value: v, sourceCount: v };
      } else if (d.kind === 'sum') {
        const v = vals?.[i++] ?? 0;
        set[d.key] = { ...base(d), value: v, sourceCount: vals?.[i++] ?? 0 };
      } else if (d.kind === 'deadline') {
        const n = (deadlines.get(d.key) ?? []).filter((c) => !byOrg || c.orgId === org).length;
        set[d.key] = { ...base(d), value: n, sourceCount: n };
      } else {
        // Several JSON values can carry one label (null and absent are both 未分类).
        const byLabel = new Map<string, { value: number; sourceCount: number }>();
        for (const g of groups.get(d.key) ?? []) {
          if (byOrg && g.org !== org) continue;
          const label = groupLabel(g.key);
          const cur = byLabel.get(label) ?? { value: 0, sourceCount: 0 };
          cur.value += g.value;
          cur.sourceCount += g.records;
          byLabel.set(label, cur);
        }
        const breakdown = [...byLabel.entries()].map(([label, g]) => ({ label, ...g })).sort(breakdownOrder(d));
        set[d.key] = {
          ...base(d),
          value: breakdown.reduce((s, g) => s + g.value, 0),
          sourceCount: breakdown.reduce((s, g) => s + g.sourceCount, 0),
          breakdown,
        };
      }
    }
  }
  return out;
}

/** The figures of `wanted` in their declared order, ratios last: the key order every path yields. */
function ordered(got: FigureSet, wanted: Map<string, FigureDecl>): FigureSet {
  const out: FigureSet = {};
  for (const d of wanted.values()) if (d.kind !== 'ratio') out[d.key] = got[d.key];
  addRatios(out, wanted);
  return out;
}

/**
 * Batches evaluated at once: on PostgreSQL outside a transaction each runs on its own pooled
 * connection, so the server's cores share a province's figures; on SQLite, and inside a
 * transaction (one connection), they simply queue.
 */
const BATCHES_AT_ONCE = 4;

/** `fn` over `items`, at most `limit` at a time; results in the order of `items`. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function evaluateScoped(
  db: Db,
  orgIds: readonly string[],
  period: Period,
  keys: readonly string[] | undefined,
  opts: EvalOptions,
  byOrg: boolean,
): Promise<Map<string, FigureSet>> {
  const today = opts.today ?? todayOf(systemClock);
  const days = periodDays(period, today);
  const wanted = wantedDecls(keys);
  const plan = batches(wanted);
  const orgs = byOrg ? orgIds : [ALL_ORGS];
  const got = new Map<string, FigureSet>(orgs.map((o) => [o, {}]));
  if (plan.js.length)
    for (const org of orgs) {
      const js = await evaluateFiguresJs(db, org === ALL_ORGS ? orgIds : [org], period, plan.js, { today });
      Object.assign(got.get(org) as FigureSet, withoutSources(js));
    }
  const sets = await mapLimited(plan.sql, BATCHES_AT_ONCE, (b) =>
    evaluateBatch(db, scopeOf(orgIds, b, period, days), b.decls, today, byOrg),
  );
  for (const set of sets) for (const [org, figures] of set) Object.assign(got.get(org) as FigureSet, figures);
  return new Map([...got].map(([org, set]) => [org, ordered(set, wanted)]));
}

/**
 * Evaluates the named figures (all when `keys` is omitted) over the records of `orgIds` together;
 * ratios pull in their parts. `today` (default: the system clock's) is the day open deadlines and
 * unfinished periods are judged on.
 *
 * Counts, sums and groups are computed by the database (figure.repo.ts), one aggregate query per
 * ledger and span plus one per group figure; deadline figures read only the fields their rule
 * needs; ledgers whose stored payloads need upgrading on read take the JS path.
 */
export async function evaluateFigures(
  db: Db,
  orgIds: readonly string[],
  period: Period,
  keys?: readonly string[],
  opts: EvalOptions = {},
): Promise<FigureSet> {
  return (await evaluateScoped(db, orgIds, period, keys, opts, false)).get(ALL_ORGS) as FigureSet;
}

/**
 * The same figures for each bureau of `orgIds` on its own (a county side by side with the others),
 * in the same queries, grouped by bureau. Every bureau asked for is in the result.
 */
export async function evaluateFiguresByOrg(
  db: Db,
  orgIds: readonly string[],
  period: Period,
  keys?: readonly string[],
  opts: EvalOptions = {},
): Promise<Map<string, FigureSet>> {
  return evaluateScoped(db, orgIds, period, keys, opts, true);
}

/**
 * A digest of everything figures over `orgIds` are computed from: the bureaus' records (as
 * record.repo.ts `recordWriteMark` sees every write), the holiday calendar, the bureaus' deadline
 * settings, and the day open deadlines are judged on. Equal digests, equal figures: a stored
 * snapshot whose digest still matches need not be computed again to know it is current.
 */
export async function figureInputsMark(db: Db, orgIds: readonly string[], opts: EvalOptions = {}): Promise<string> {
  const today = opts.today ?? todayOf(systemClock);
  const [records, overrides, years, settings] = await Promise.all([
    recordWriteMark(db, orgIds),
    findOverrides(db),
    findCompleteYears(db),
    deadlineValuesOf(db, [...orgIds]),
  ]);
  // A year marked complete (or no longer) changes the working days as much as an override does.
  const calendar = [...overrides.map((o) => [o.day, o.kind, o.updated_at]), ...years.map((y) => [String(y.year), 'complete', y.marked_at])];
  const deadline = settings.map((x) => [x.orgId, x.key, x.value]).sort();
  return createHash('sha256')
    .update(JSON.stringify([today, [...orgIds].sort(), records, calendar, deadline]))
    .digest('hex');
}

/** A figure without the ids of its records. */
export function withoutSources(set: SourcedFigureSet): FigureSet {
  const out: FigureSet = {};
  for (const [k, f] of Object.entries(set)) {
    const { sources: _ids, breakdown, ...rest } = f;
    out[k] = { ...rest, ...(breakdown ? { breakdown: breakdown.map(({ sources: _g, ...g }) => g) } : {}) };
  }
  return out;
}

/** Where one figure's (or one group's) records are to be read: the figure, its group labels, and for a ratio its parts. */
export type SourceQuery = { key: string; part?: string };

/** The labels a part names: one group, or several separated by '|' that add up (表四: 撤销|确认违法|败诉). */
export const partLabels = (part: string): string[] => part.split('|');

/**
 * One page of the records behind a figure (or one group of it), newest first, and how many there
 * are. A ratio's records are its numerator's, then its denominator's not already listed.
 */
export async function pageFigureSources(
  db: Db,
  orgIds: readonly string[],
  period: Period,
  q: SourceQuery,
  page: { offset: number; limit: number },
  opts: EvalOptions = {},
): Promise<{ ids: string[]; total: number }> {
  const d = getFigureDecl(q.key);
  if (!d) throw badRequest('figure', `未知的指标：${q.key}`);
  const today = opts.today ?? todayOf(systemClock);
  const days = periodDays(period, today);
  if (d.kind === 'ratio' || d.kind === 'deadline' || !storedAsRead(d.ledger)) {
    const refs = pickSources(await figureSourceIds(db, orgIds, period, [q.key], { today }), q.key, q.part).sort(newestFirst);
    return { ids: refs.slice(page.offset, page.offset + page.limit).map((r) => r.id), total: refs.length };
  }
  const scope = { orgIds, ledger: d.ledger.key, period: spanPeriod(d.span, period), days };
  if (d.kind !== 'group' || q.part === undefined)
    return figureSourcePage(db, scope, { where: d.where, nonZero: d.kind === 'sum' ? d.field : undefined }, page);
  const labels = partLabels(q.part);
  const keys = (await groupFigure(db, scope, { where: d.where, groupBy: d.groupBy })).map((g) => g.key);
  const groupKeys = keys.filter((k) => labels.includes(groupLabel(k)));
  return figureSourcePage(db, scope, { where: d.where, groupBy: d.groupBy, groupKeys }, page);
}

/** The key a figure's (or one group's) ids are filed under in `figureSourceIds`. */
export const sourceKey = (key: string, part?: string): string => (part === undefined ? key : `${key}|${part}`);

/** The records of one figure, or of the groups a part names, from what `figureSourceIds` filed. */
export function pickSources(filed: ReadonlyMap<string, SourceRef[]>, key: string, part?: string): SourceRef[] {
  if (part === undefined) return [...(filed.get(key) ?? [])];
  return partLabels(part).flatMap((label) => filed.get(sourceKey(key, label)) ?? []);
}

/** The order lists of sources show: newest first, records counted by year (no date) after, then by id. */
export function newestFirst(a: SourceRef, b: SourceRef): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : b.date.localeCompare(a.date);
  if (a.year !== b.year) return (b.year ?? 0) - (a.year ?? 0);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Every source record of the named figures, filed under `sourceKey(figure)` and, for group figures,
 * `sourceKey(figure, label)` per group, each in record order (date, id). One id query per ledger
 * and span: what a finalized report keeps, so it lists what it was computed from for good.
 * A ratio's are its numerator's then its denominator's not already listed.
 */
export async function figureSourceIds(
  db: Db,
  orgIds: readonly string[],
  period: Period,
  keys: readonly string[],
  opts: EvalOptions = {},
): Promise<Map<string, SourceRef[]>> {
  const today = opts.today ?? todayOf(systemClock);
  const days = periodDays(period, today);
  const wanted = wantedDecls(keys);
  const plan = batches(wanted);
  const out = new Map<string, SourceRef[]>();
  const put = (k: string, refs: SourceRef[]) => out.set(k, refs);
  if (plan.js.length) {
    const js = await evaluateFiguresJs(db, orgIds, period, plan.js, { today });
    const ids = Object.values(js).flatMap((f) => f.sources);
    const refs = new Map(
      (await findRecordSummaries(db, orgIds, ids)).map((r) => [r.id, { id: r.id, orgId: r.orgId, date: r.occurredOn, year: r.year }]),
    );
    const toRefs = (list: string[]) => list.flatMap((id) => refs.get(id) ?? []);
    for (const [k, f] of Object.entries(js)) {
      put(k, toRefs(f.sources));
      for (const g of f.breakdown ?? []) put(sourceKey(k, g.label), toRefs(g.sources));
    }
  }
  for (const b of plan.sql) {
    const scope = scopeOf(orgIds, b, period, days);
    const memo: DeadlineMemo = new Map();
    for (const d of b.decls) if (d.kind === 'deadline') put(d.key, await deadlineSources(db, scope, d, today, memo));
    const counted = b.decls.filter((d) => d.kind !== 'deadline');
    const rows = await figureSourceRows(
      db,
      scope,
      counted.map((d) => ({
        where: d.where,
        nonZero: d.kind === 'sum' ? d.field : undefined,
        groupBy: d.kind === 'group' ? d.groupBy : undefined,
      })),
    );
    for (const [i, d] of counted.entries()) {
      const refs: SourceRef[] = [];
      for (const r of rows) {
        if (!r.in[i]) continue;
        const ref = { id: r.id, orgId: r.orgId, date: r.date, year: r.year };
        refs.push(ref);
        if (d.kind !== 'group') continue;
        const k = sourceKey(d.key, groupLabel(r.group[i]));
        const list = out.get(k) ?? [];
        list.push(ref);
        out.set(k, list);
      }
      put(d.key, refs);
    }
  }
  for (const d of wanted.values()) {
    if (d.kind !== 'ratio') continue;
    const n = out.get(d.num) ?? [];
    const seen = new Set(n.map((r) => r.id));
    put(d.key, [...n, ...(out.get(d.den) ?? []).filter((r) => !seen.has(r.id))]);
  }
  return out;
}

/**
 * The JS evaluator: reads every record of each ledger and span and filters with `matches`. The
 * reference the SQL path is tested against (test/figures-sql.test.ts), and the path of ledgers
 * whose stored payloads need upgrading on read. It keeps the ids of every figure's records.
 */
export async function evaluateFiguresJs(
  db: Db,
  orgIds: readonly string[],
  period: Period,
  keys?: readonly string[],
  opts: EvalOptions = {},
): Promise<SourcedFigureSet> {
  const today = opts.today ?? todayOf(systemClock);
  const days = periodDays(period, today);
  const wanted = wantedDecls(keys);

  const cache = new Map<string, RecordView[]>();
  let current: FigureDecl | undefined;
  const pass = (d: { where?: Cond }, r: RecordView) => !d.where || matches(d.where, r.data, days);
  const recs = async (ledger: Ledger): Promise<RecordView[]> => {
    const p = spanPeriod(current?.span, period);
    const cacheKey = `${ledger.key}|${p.from}`;
    let r = cache.get(cacheKey);
    if (!r) {
      r = await findRecordsInPeriod(db, orgIds, ledger, p);
      cache.set(cacheKey, r);
    }
    return r;
  };
  const sourced = (d: FigureDecl, value: number, rs: RecordView[]): SourcedFigure => ({
    ...base(d),
    value,
    sourceCount: rs.length,
    sources: rs.map((r) => r.id),
  });

  const out: SourcedFigureSet = {};
  for (const d of wanted.values()) {
    current = d;
    if (d.kind === 'count') {
      const rs = (await recs(d.ledger)).filter((r) => pass(d, r));
      out[d.key] = sourced(d, rs.length, rs);
    } else if (d.kind === 'sum') {
      const rs = (await recs(d.ledger)).filter((r) => pass(d, r) && num(r.data[d.field]) !== 0);
      out[d.key] = sourced(
        d,
        rs.reduce((s, r) => s + num(r.data[d.field]), 0),
        rs,
      );
    } else if (d.kind === 'deadline') {
      const candidates = (await recs(d.ledger)).filter((r) => pass(d, r));
      const dls = await deadlinesOf(db, d.rule, candidates, { today });
      const rs = candidates.filter((r) => {
        const dl = dls.get(r.id);
        return dl !== undefined && d.statuses.includes(dl.status);
      });
      out[d.key] = sourced(d, rs.length, rs);
    } else if (d.kind === 'group') {
      const rs = (await recs(d.ledger)).filter((r) => pass(d, r));
      const groups = new Map<string, { value: number; sources: string[] }>();
      for (const r of rs) {
        const g = String(r.data[d.groupBy] ?? '未分类');
        const v = d.field ? num(r.data[d.field]) : 1;
        const cur = groups.get(g) ?? { value: 0, sources: [] };
        cur.value += v;
        cur.sources.push(r.id);
        groups.set(g, cur);
      }
      const breakdown = [...groups.entries()]
        .map(([label, g]) => ({ label, value: g.value, sourceCount: g.sources.length, sources: g.sources }))
        .sort(breakdownOrder(d));
      out[d.key] = {
        ...sourced(
          d,
          breakdown.reduce((s, g) => s + g.value, 0),
          rs,
        ),
        breakdown,
      };
    }
  }
  for (const d of wanted.values()) {
    if (d.kind !== 'ratio') continue;
    const n = out[d.num];
    const m = out[d.den];
    const seen = new Set(n.sources);
    out[d.key] = {
      ...base(d),
      value: ratioValue(d, n.value, m.value),
      sourceCount: null,
      sources: [...n.sources, ...m.sources.filter((id) => !seen.has(id))],
    };
  }
  return out;
}
