/** Evaluates figures over a scope (one bureau, or a bureau and those below it) and a period. */
import { deadlinesOf } from '../calendar/deadlines.ts';
import type { Db } from '../db/types.ts';
import { badRequest } from '../errors.ts';
import type { FieldValue } from '../ledger/field.ts';
import type { Ledger } from '../ledger/define.ts';
import { findRecordsInPeriod, type RecordView } from '../ledger/record.repo.ts';
import { systemClock, today as todayOf } from '../util/time.ts';
import { allFigureDecls, type Figure, type FigureDecl, getFigureDecl, type Period, type Span } from './define.ts';
import { aggregateFigures, type FigureScope, figureSourceRows, findDeadlineCandidates, groupFigure } from './figure.repo.ts';
import { type Cond, condFields, matches, type PeriodDays } from './filter.ts';

export type { Period } from './define.ts';

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const num = (v: FieldValue | undefined): number => (typeof v === 'number' ? v : 0);

export type FigureSet = Record<string, Figure>;

/** The days a filter's period operands mean: a stock is judged at the period's end, or today if it has not ended. */
export function periodDays(p: Period, today: string): PeriodDays {
  return { start: p.from, end: p.to, asOf: p.to < today ? p.to : today };
}

/** The declarations of the named figures (all when `keys` is omitted), ratios with their parts. */
function wantedDecls(keys?: string[]): Map<string, FigureDecl> {
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

/** Ratios from their parts, already in `out`. */
function addRatios(out: FigureSet, wanted: Map<string, FigureDecl>): void {
  for (const d of wanted.values()) {
    if (d.kind !== 'ratio') continue;
    const n = out[d.num];
    const m = out[d.den];
    const value = m.value ? (n.value ?? 0) / m.value : null;
    out[d.key] = {
      ...base(d),
      value: value === null ? null : d.percent ? Math.round(value * 1000) / 10 : Math.round(value * 1000) / 1000,
      sources: [...new Set([...n.sources, ...m.sources])],
    };
  }
}

/** The breakdown of a group figure, largest first (ties in the order the groups first occur). */
function sortedBreakdown(groups: Map<string, { value: number; sources: string[] }>): NonNullable<Figure['breakdown']> {
  return [...groups.entries()].map(([label, g]) => ({ label, ...g })).sort((a, b) => b.value - a.value);
}

/**
 * Evaluates the named figures (all when `keys` is omitted); ratios pull in their parts. `today`
 * (default: the system clock's) is the day open deadlines and unfinished periods are judged on.
 *
 * Counts, sums and groups are computed by the database (figure.repo.ts), one aggregate query per
 * ledger and span plus one per group figure, and one query for the source ids; deadline figures
 * need the working-day calendar and stay on the JS path (`evaluateFiguresJs`), as do ledgers whose
 * stored payloads need upgrading on read.
 */
export async function evaluateFigures(
  db: Db,
  orgIds: string[],
  period: Period,
  keys?: string[],
  opts: { today?: string } = {},
): Promise<FigureSet> {
  const today = opts.today ?? todayOf(systemClock);
  const days = periodDays(period, today);
  const wanted = wantedDecls(keys);
  const bySpan = new Map<string, { ledger: Ledger; span?: Span; decls: SqlDecl[] }>();
  const jsKeys: string[] = [];
  for (const d of wanted.values()) {
    if (d.kind === 'ratio') continue;
    if (!storedAsRead(d.ledger)) {
      jsKeys.push(d.key);
      continue;
    }
    const k = `${d.ledger.key}|${d.span ?? 'period'}`;
    const entry = bySpan.get(k) ?? { ledger: d.ledger, span: d.span, decls: [] };
    entry.decls.push(d);
    bySpan.set(k, entry);
  }
  const got: FigureSet = jsKeys.length ? await evaluateFiguresJs(db, orgIds, period, jsKeys, { today }) : {};
  for (const e of bySpan.values()) {
    const scope = { orgIds, ledger: e.ledger.key, period: spanPeriod(e.span, period), days };
    Object.assign(got, await evaluateInSql(db, scope, e.decls, today));
  }
  // The same key order as the JS path: the figures as asked, then the ratios.
  const out: FigureSet = {};
  for (const d of wanted.values()) if (d.kind !== 'ratio') out[d.key] = got[d.key];
  addRatios(out, wanted);
  return out;
}

type SqlDecl = Extract<FigureDecl, { kind: 'count' | 'sum' | 'group' | 'deadline' }>;

/** Whether a ledger's stored payloads are what its declaration reads (no upgrades, no renamed fields), so SQL may read them. */
function storedAsRead(l: Ledger): boolean {
  return l.upgrades.length === 0 && Object.values(l.fields).every((f) => !f.renamedFrom?.length);
}

/** The label a group figure shows for a stored value (its JSON text; null when absent), as the JS path names it. */
function groupLabel(json: string | null): string {
  return String((json === null ? null : (JSON.parse(json) as FieldValue | null)) ?? '未分类');
}

/** A deadline figure: the candidates chosen in SQL with only the fields the rule reads, their deadlines in JS. */
async function deadlineFigure(db: Db, scope: FigureScope, d: Extract<FigureDecl, { kind: 'deadline' }>, today: string): Promise<Figure> {
  const r = d.rule;
  const fields = [r.start, r.restartField, r.extendField, r.pauseField, r.doneField, ...(r.when ? condFields(r.when) : [])];
  const wanted = [...new Set(fields.filter((f): f is string => f !== undefined))];
  const candidates = await findDeadlineCandidates(db, scope, d.where, wanted);
  const dls = await deadlinesOf(db, r, candidates, { today });
  const ids = candidates.filter((c) => d.statuses.includes(dls.get(c.id)?.status ?? '')).map((c) => c.id);
  return { ...base(d), value: ids.length, sources: ids };
}

async function evaluateInSql(db: Db, scope: FigureScope, decls: SqlDecl[], today: string): Promise<FigureSet> {
  const aggs = decls.filter((d) => d.kind === 'count' || d.kind === 'sum');
  const values = await aggregateFigures(
    db,
    scope,
    aggs.map((d) => ({ where: d.where, sumField: d.kind === 'sum' ? d.field : undefined })),
  );
  const counted = decls.filter((d) => d.kind !== 'deadline');
  const rows = await figureSourceRows(
    db,
    scope,
    counted.map((d) => ({
      where: d.where,
      nonZero: d.kind === 'sum' ? d.field : undefined,
      groupBy: d.kind === 'group' ? d.groupBy : undefined,
    })),
  );
  const out: FigureSet = {};
  for (const d of decls) if (d.kind === 'deadline') out[d.key] = await deadlineFigure(db, scope, d, today);
  for (const [i, d] of counted.entries()) {
    const sources = rows.filter((r) => r.in[i]).map((r) => r.id);
    if (d.kind !== 'group') {
      out[d.key] = { ...base(d), value: values[aggs.indexOf(d)], sources };
      continue;
    }
    const sums = new Map<string, number>();
    for (const g of await groupFigure(db, scope, { where: d.where, sumField: d.field, groupBy: d.groupBy })) {
      const label = groupLabel(g.key);
      sums.set(label, (sums.get(label) ?? 0) + g.value);
    }
    const groups = new Map<string, { value: number; sources: string[] }>();
    for (const r of rows) {
      if (!r.in[i]) continue;
      const label = groupLabel(r.group[i]);
      const cur = groups.get(label) ?? { value: sums.get(label) ?? 0, sources: [] };
      cur.sources.push(r.id);
      groups.set(label, cur);
    }
    const breakdown = sortedBreakdown(groups);
    out[d.key] = { ...base(d), value: breakdown.reduce((s, g) => s + g.value, 0), sources, breakdown };
  }
  return out;
}

/**
 * The JS evaluator: reads every record of each ledger and span and filters with `matches`. The
 * reference the SQL path is tested against (test/figures-sql.test.ts), and the path deadline
 * figures take.
 */
export async function evaluateFiguresJs(
  db: Db,
  orgIds: string[],
  period: Period,
  keys?: string[],
  opts: { today?: string } = {},
): Promise<FigureSet> {
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

  const out: FigureSet = {};
  for (const d of wanted.values()) {
    current = d;
    if (d.kind === 'count') {
      const rs = (await recs(d.ledger)).filter((r) => pass(d, r));
      out[d.key] = { ...base(d), value: rs.length, sources: rs.map((r) => r.id) };
    } else if (d.kind === 'sum') {
      const rs = (await recs(d.ledger)).filter((r) => pass(d, r) && num(r.data[d.field]) !== 0);
      out[d.key] = { ...base(d), value: rs.reduce((s, r) => s + num(r.data[d.field]), 0), sources: rs.map((r) => r.id) };
    } else if (d.kind === 'deadline') {
      const candidates = (await recs(d.ledger)).filter((r) => pass(d, r));
      const dls = await deadlinesOf(db, d.rule, candidates, { today });
      const rs = candidates.filter((r) => {
        const dl = dls.get(r.id);
        return dl !== undefined && d.statuses.includes(dl.status);
      });
      out[d.key] = { ...base(d), value: rs.length, sources: rs.map((r) => r.id) };
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
      const breakdown = sortedBreakdown(groups);
      out[d.key] = {
        ...base(d),
        value: breakdown.reduce((s, g) => s + g.value, 0),
        sources: rs.map((r) => r.id),
        breakdown,
      };
    }
  }
  addRatios(out, wanted);
  return out;
}
