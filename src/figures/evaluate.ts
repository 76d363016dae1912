/** Evaluates figures over a scope (one bureau, or a bureau and those below it) and a period. */
import { deadlinesOf } from '../calendar/deadlines.ts';
import type { Db } from '../db/types.ts';
import { badRequest } from '../errors.ts';
import type { FieldValue } from '../ledger/field.ts';
import type { Ledger } from '../ledger/define.ts';
import { findRecordsInPeriod, type RecordView } from '../ledger/record.repo.ts';
import { systemClock, today as todayOf } from '../util/time.ts';
import { allFigureDecls, type Figure, type FigureDecl, getFigureDecl, type Period } from './define.ts';
import { type Cond, matches, type PeriodDays } from './filter.ts';

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

/**
 * Evaluates the named figures (all when `keys` is omitted); ratios pull in their parts. `today`
 * (default: the system clock's) is the day open deadlines and unfinished periods are judged on.
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

  const cache = new Map<string, RecordView[]>();
  let current: FigureDecl | undefined;
  const pass = (d: { where?: Cond }, r: RecordView) => !d.where || matches(d.where, r.data, days);
  const recs = async (ledger: Ledger): Promise<RecordView[]> => {
    const span = current?.span ?? 'period';
    const p = span === 'period' ? period : { from: span === 'to-date' ? '1900-01-01' : '2021-01-01', to: period.to };
    const cacheKey = `${ledger.key}|${p.from}`;
    let r = cache.get(cacheKey);
    if (!r) {
      r = await findRecordsInPeriod(db, orgIds, ledger, p);
      cache.set(cacheKey, r);
    }
    return r;
  };

  const out: FigureSet = {};
  const base = (d: FigureDecl) => ({ key: d.key, label: d.label, unit: d.unit });
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
      const breakdown = [...groups.entries()].map(([label, g]) => ({ label, ...g })).sort((a, b) => b.value - a.value);
      out[d.key] = {
        ...base(d),
        value: breakdown.reduce((s, g) => s + g.value, 0),
        sources: rs.map((r) => r.id),
        breakdown,
      };
    }
  }
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
  return out;
}
