/**
 * Figures: every number a report or dashboard shows is a figure computed from records, carrying the
 * ids of the records that make it up. Nothing else counts records.
 *
 * A figure names its ledger by the declaration object and its fields by `keyof` that ledger's
 * fields, and its filter is data (filter.ts), so it can be explained ("统计口径") and compiled to SQL.
 */
import type { DeadlineRule } from '../calendar/rules.ts';
import type { DeadlineStatus, Figure } from '../contract.ts';
import type { FieldOf, FieldsOf, Ledger } from '../ledger/define.ts';
import type { KeysOfKind } from '../ledger/field.ts';
import { type Cond, type WhereKit, whereKit } from './filter.ts';

/** The report period a figure is evaluated over ('YYYY-MM-DD' bounds). */
export type Period = { from: string; to: string };

/**
 * Which records count: 'period' (default) those dated in the report period; 'to-date' everything
 * up to the period's end (a stock such as 现行有效文件); 'since-2021' the 八五普法 years up to the end.
 */
export type Span = 'period' | 'to-date' | 'since-2021';

type Base = { key: string; label: string; unit: string; module: string; span?: Span };

export type FigureDecl =
  | (Base & { kind: 'count'; ledger: Ledger; where?: Cond })
  | (Base & { kind: 'sum'; ledger: Ledger; field: string; where?: Cond })
  /** num / den of two other figures; `percent` multiplies by 100 (one decimal). */
  | (Base & { kind: 'ratio'; num: string; den: string; percent?: boolean })
  /**
   * Counts records whose deadline under `rule` has one of `statuses` (e.g. 按期办结). The one place a
   * figure runs code instead of a filter: a deadline's status needs the working-day calendar with its
   * holidays and 调休, and the bureau's configured period, which no column holds.
   */
  | (Base & { kind: 'deadline'; ledger: Ledger; rule: DeadlineRule; statuses: readonly DeadlineStatus[]; where?: Cond })
  /** Counts (or sums `field`) per value of `groupBy`; value is the total, breakdown per group. */
  | (Base & { kind: 'group'; ledger: Ledger; groupBy: string; field?: string; where?: Cond });

export type { Figure };

type Meta = { key: string; label: string; unit: string; module?: string; span?: Span };
/** The filter builder of one ledger's fields. */
export type WhereOf<L> = WhereKit<FieldsOf<L>>;
type Where<L> = (w: WhereOf<L>) => Cond;
type NumericField<L> = KeysOfKind<FieldsOf<L>, 'int' | 'number'>;

const base = (l: Ledger, m: Meta): Base => ({ key: m.key, label: m.label, unit: m.unit, module: m.module ?? l.module, span: m.span });
const cond = <L extends Ledger>(l: L, where?: Where<L>): Cond | undefined =>
  where ? where(whereKit<FieldsOf<L>>(l.fields as FieldsOf<L>)) : undefined;

/** Figure constructors: the ledger by value, the fields checked against it. */
export const figure = {
  /** How many records. */
  count: <L extends Ledger>(ledger: L, m: Meta & { where?: Where<L> }): FigureDecl => ({
    ...base(ledger, m),
    kind: 'count',
    ledger,
    where: cond(ledger, m.where),
  }),
  /** The sum of a numeric field; the records with a non-zero value are its sources. */
  sum: <L extends Ledger>(ledger: L, m: Meta & { field: NumericField<L>; where?: Where<L> }): FigureDecl => ({
    ...base(ledger, m),
    kind: 'sum',
    ledger,
    field: m.field,
    where: cond(ledger, m.where),
  }),
  /** Count (or sum of `field`) per value of `groupBy`. */
  group: <L extends Ledger>(ledger: L, m: Meta & { groupBy: FieldOf<L>; field?: NumericField<L>; where?: Where<L> }): FigureDecl => ({
    ...base(ledger, m),
    kind: 'group',
    ledger,
    groupBy: m.groupBy,
    field: m.field,
    where: cond(ledger, m.where),
  }),
  /** Records whose deadline under `rule` ended in one of `statuses`. */
  deadline: <L extends Ledger>(
    ledger: L,
    m: Meta & { rule: DeadlineRule; statuses: readonly DeadlineStatus[]; where?: Where<L> },
  ): FigureDecl => {
    if (m.rule.ledger !== ledger) throw new Error(`figure ${m.key}: rule ${m.rule.key} is not on ledger ${ledger.key}`);
    return { ...base(ledger, m), kind: 'deadline', ledger, rule: m.rule, statuses: m.statuses, where: cond(ledger, m.where) };
  },
  ratio: (m: Meta & { module: string; num: string; den: string; percent?: boolean }): FigureDecl => ({
    key: m.key,
    label: m.label,
    unit: m.unit,
    module: m.module,
    span: m.span,
    kind: 'ratio',
    num: m.num,
    den: m.den,
    percent: m.percent,
  }),
};

const figures = new Map<string, FigureDecl>();

export function defineFigures(list: readonly FigureDecl[]): void {
  for (const f of list) {
    if (figures.has(f.key)) throw new Error(`duplicate figure ${f.key}`);
    figures.set(f.key, f);
  }
}

/** "八五普法以来": any figure counted from 2021-01-01 to the period's end is the key with this suffix. */
export const SINCE_2021_SUFFIX = '.since_2021';

/** The key of a figure's "八五普法以来" variant. */
export function since2021(key: string): string {
  return `${key}${SINCE_2021_SUFFIX}`;
}

/**
 * A declared figure, or the "八五普法以来" variant of one (`<key>.since_2021`: the same declaration
 * over span 'since-2021'). Variants are derived on lookup, so the registry never changes after start.
 */
export function getFigureDecl(key: string): FigureDecl | undefined {
  const declared = figures.get(key);
  if (declared || !key.endsWith(SINCE_2021_SUFFIX)) return declared;
  const base = figures.get(key.slice(0, -SINCE_2021_SUFFIX.length));
  if (!base) return undefined;
  const label = `${base.label}（“八五”普法以来）`;
  if (base.kind === 'ratio') return { ...base, key, label, num: since2021(base.num), den: since2021(base.den) };
  return { ...base, key, label, span: 'since-2021' };
}

export function allFigureDecls(): FigureDecl[] {
  return [...figures.values()];
}

/** The ledger whose records make up a figure (a ratio: its denominator's), for "add records here" links. */
export function figureLedgerKey(key: string): string | undefined {
  const d = getFigureDecl(key);
  if (!d) return undefined;
  return d.kind === 'ratio' ? figureLedgerKey(d.den) : d.ledger.key;
}
