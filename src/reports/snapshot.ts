/**
 * A report's figure snapshot: the values its text prints, each with its definition, over the
 * bureaus and period of the report; a content hash over all of it; and the digest of the inputs
 * it was computed from, so that reading a draft does not compute every figure again to learn
 * whether its numbers are still current. Ids of records are not in it (sources on demand).
 */
import { createHash } from 'node:crypto';
import type { FigureDefinition, FigureSnapshot } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { getFigureDecl } from '../figures/define.ts';
import { evaluateFigures, figureInputsMark, yearPeriod } from '../figures/evaluate.ts';
import { explainFigure, figureSpec } from '../figures/explain.ts';
import { type Clock, nowIso, systemClock } from '../util/time.ts';

const labelOf = (key: string) => getFigureDecl(key)?.label ?? key;

/** The definition of each of `keys` as declared now. */
function definitionsOf(keys: readonly string[]): Record<string, FigureDefinition> {
  const out: Record<string, FigureDefinition> = {};
  for (const k of keys) {
    const d = getFigureDecl(k);
    if (d) out[k] = { basis: explainFigure(d, labelOf), spec: figureSpec(d) };
  }
  return out;
}

/** Object keys sorted at every level, so equal content hashes equal whatever order it was built in. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** sha256 over what a snapshot asserts: period, bureaus, roll-up, values, definitions, gaps (not when or from what digest). */
export function snapshotHash(s: FigureSnapshot): string {
  const asserted = {
    period: s.period,
    orgIds: s.orgIds,
    rollup: s.rollup,
    values: s.values,
    definitions: s.definitions ?? {},
    undefinedKeys: s.undefinedKeys,
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(asserted)))
    .digest('hex');
}

const sealed = (s: Omit<FigureSnapshot, 'hash'>): FigureSnapshot => ({ ...s, hash: snapshotHash(s as FigureSnapshot) });

/** Evaluates the declared figures among `keys`; undeclared ones are listed as gaps. */
export async function computeSnapshot(
  db: Db,
  orgIds: string[],
  year: number,
  rollup: boolean,
  keys: readonly string[],
  clock: Clock = systemClock,
): Promise<FigureSnapshot> {
  const wanted = [...new Set(keys)];
  const declared = wanted.filter((k) => getFigureDecl(k));
  const period = yearPeriod(year);
  // The digest first: a write landing while the figures are computed makes the snapshot look stale, never current.
  const inputsMark = await figureInputsMark(db, orgIds);
  const values = declared.length ? await evaluateFigures(db, orgIds, period, declared) : {};
  return sealed({
    computedAt: nowIso(clock),
    period,
    orgIds,
    rollup,
    values,
    undefinedKeys: wanted.filter((k) => !getFigureDecl(k)),
    definitions: definitionsOf(Object.keys(values)),
    inputsMark,
  });
}

/**
 * A snapshot with the values of `extra` (figures the text referenced for the first time) added.
 * The digest stays only when both were computed from the same inputs.
 */
export function mergeSnapshots(base: FigureSnapshot, extra: FigureSnapshot): FigureSnapshot {
  return sealed({
    ...base,
    values: { ...base.values, ...extra.values },
    undefinedKeys: [...base.undefinedKeys, ...extra.undefinedKeys],
    definitions: { ...base.definitions, ...extra.definitions },
    inputsMark: base.inputsMark !== undefined && base.inputsMark === extra.inputsMark ? base.inputsMark : undefined,
  });
}

/** Whether the snapshot's inputs are as they were when it was computed (its values are then current). */
export async function inputsUnchanged(db: Db, s: FigureSnapshot, orgIds: readonly string[]): Promise<boolean> {
  return s.inputsMark !== undefined && s.inputsMark === (await figureInputsMark(db, orgIds));
}

/** A stored snapshot, or an empty one when the stored text is not one. */
export function parseSnapshot(raw: string, year: number): FigureSnapshot {
  let v: unknown = null;
  try {
    v = JSON.parse(raw);
  } catch {
    v = null;
  }
  if (v && typeof v === 'object' && 'values' in v && 'orgIds' in v) return v as FigureSnapshot;
  return { computedAt: '', period: yearPeriod(year), orgIds: [], rollup: false, values: {}, undefinedKeys: [] };
}
