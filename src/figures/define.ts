/**
 * Figures: every number a report or dashboard shows is a figure computed from records, carrying the
 * ids of the records that make it up. Nothing else counts records.
 */
import type { RecordData } from '../ledger/field.ts';
import { today } from '../util/time.ts';

/** The report period a figure is evaluated over ('YYYY-MM-DD' bounds). */
export type Period = { from: string; to: string };

/** A record filter; `p` lets a stock figure judge validity at the period's end, not today. */
export type Where = (d: RecordData, p: Period) => boolean;

/** The day a stock is judged on: the period's end, or today for a period that has not ended. */
export function asOf(p: Period): string {
  const t = today();
  // biome-ignore lint/complexity/useMathMinMax: these are 'YYYY-MM-DD' strings, not numbers
  return p.to < t ? p.to : t;
}

type Base = {
  key: string;
  label: string;
  unit: string;
  module: string;
  /**
   * Which records count: 'period' (default) those dated in the report period; 'to-date' everything
   * up to the period's end (a stock such as 现行有效文件); 'since-2021' the 八五普法 years up to the end.
   */
  span?: 'period' | 'to-date' | 'since-2021';
};

export type FigureDecl =
  | (Base & { kind: 'count'; ledger: string; where?: Where })
  | (Base & { kind: 'sum'; ledger: string; field: string; where?: Where })
  /** num / den of two other figures; `percent` multiplies by 100 (one decimal). */
  | (Base & { kind: 'ratio'; num: string; den: string; percent?: boolean })
  /** Counts records whose deadline under `rule` has one of `statuses` (e.g. 按期办结), on the working-day calendar. */
  | (Base & { kind: 'deadline'; ledger: string; rule: string; statuses: readonly string[]; where?: Where })
  /** Counts (or sums `field`) per value of `groupBy`; value is the total, breakdown per group. */
  | (Base & { kind: 'group'; ledger: string; groupBy: string; field?: string; where?: Where });

export type Figure = {
  key: string;
  label: string;
  unit: string;
  value: number | null;
  sources: string[];
  breakdown?: Array<{ label: string; value: number; sources: string[] }>;
};

const figures = new Map<string, FigureDecl>();

export function defineFigures(list: readonly FigureDecl[]): void {
  for (const f of list) {
    if (figures.has(f.key)) throw new Error(`duplicate figure ${f.key}`);
    figures.set(f.key, f);
  }
}

export function getFigureDecl(key: string): FigureDecl | undefined {
  return figures.get(key);
}

export function allFigureDecls(): FigureDecl[] {
  return [...figures.values()];
}
