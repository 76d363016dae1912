/**
 * Demo data per ledger. A ledger with a hand-written generator (src/demo/modules.ts) gets content that
 * reproduces the kind of figures in the seeds; any other ledger in the registry gets plausible records
 * generated from its declaration (so a newly declared ledger is never empty in the demo).
 *
 * A hand-written generator is bound to its declaration and returns that ledger's payload type, so a
 * misspelt, unknown or renamed field, or a value outside an enum's options, is a compile error there.
 */
import type { DataOf, Ledger } from '../ledger/define.ts';
import type { FieldDef, FieldValue, RecordData } from '../ledger/field.ts';
import { addDays } from '../util/time.ts';
import { textFor } from './content.ts';
import type { Rng } from './rng.ts';
import type { DemoOrg } from './skeleton.ts';

export type GenCtx = {
  org: DemoOrg;
  rng: Rng;
  /** First day of demo data (2025-01-01). */
  from: string;
  /** Last day of demo data (today). */
  to: string;
  ledger: Ledger;
};

/** Rows for one ledger and bureau, untyped: what the loader validates and stores. */
export type Generator = (ctx: GenCtx) => RecordData[];

/** A hand-written generator and the declaration it writes. */
export type DemoGenerator = { readonly ledger: Ledger; readonly generate: Generator };

/** A value a ledger's field takes (an enum field: one of its options), e.g. for a table of demo rows. */
export type ValueIn<L, K extends keyof DataOf<L>> = NonNullable<DataOf<L>[K]>;

/** The stored form of a typed row: optional fields left `undefined` are not written. */
function stored(row: object): RecordData {
  const out: RecordData = {};
  for (const [k, v] of Object.entries(row) as Array<[string, FieldValue | undefined]>) if (v !== undefined) out[k] = v;
  return out;
}

/** Binds a generator to its ledger; its rows are that ledger's payload type. */
export function generator<L extends Ledger>(ledger: L, gen: (ctx: GenCtx) => DataOf<L>[]): DemoGenerator {
  return { ledger, generate: (ctx) => gen(ctx).map(stored) };
}

const registered = new Map<Ledger, Generator>();

/** Adds hand-written generators (src/demo/modules.ts does, at import); one per ledger. */
export function registerGenerators(list: readonly DemoGenerator[]): void {
  for (const g of list) {
    if (registered.has(g.ledger)) throw new Error(`duplicate demo generator for ledger ${g.ledger.key}`);
    registered.set(g.ledger, g.generate);
  }
}

/** The hand-written generator of a ledger, or the one that works from the declaration alone. */
export function generatorFor(ledger: Ledger): Generator {
  return registered.get(ledger) ?? generic;
}

export const isCounty = (ctx: GenCtx): boolean => ctx.org.level === 'county';

/** The years covered, each with its first and last day (the current year ends today). */
export function years(ctx: GenCtx): Array<{ year: number; from: string; to: string }> {
  const out: Array<{ year: number; from: string; to: string }> = [];
  for (let y = Number(ctx.from.slice(0, 4)); y <= Number(ctx.to.slice(0, 4)); y++) {
    const from = `${y}-01-01` < ctx.from ? ctx.from : `${y}-01-01`;
    const to = `${y}-12-31` > ctx.to ? ctx.to : `${y}-12-31`;
    out.push({ year: y, from, to });
  }
  return out;
}

// ───────────── generic: from the declaration ─────────────

function intFor(def: FieldDef, rng: Rng, year: number): number {
  const L = def.label;
  let v: number;
  if (/年度|年份/.test(L)) v = year;
  else if (/人数|人次|参加|受众|听众/.test(L)) v = rng.int(15, 80);
  else if (/天|日/.test(L)) v = rng.int(1, 15);
  else if (/金额|万元|元/.test(L)) v = rng.int(5, 300);
  else if (/数量|份|册|件|张|条|本/.test(L)) v = rng.int(20, 300);
  else v = rng.int(1, 10);
  if (def.min !== undefined && v < def.min) v = def.min;
  if (def.max !== undefined && v > def.max) v = def.max;
  return v;
}

/** One record built from the declaration alone. Dates follow the field order (start before end). */
export function genericRecord(ctx: GenCtx, date: string, n: number, year: number): RecordData {
  const { rng, ledger, org } = ctx;
  const d: RecordData = {};
  let cursor = date;
  let firstDate = true;
  for (const [name, def] of Object.entries(ledger.fields)) {
    switch (def.kind) {
      case 'date': {
        if (!firstDate) cursor = addDays(cursor, rng.int(3, 20));
        firstDate = false;
        if (cursor > ctx.to) {
          if (def.required) d[name] = ctx.to;
          break;
        }
        d[name] = cursor;
        break;
      }
      case 'int':
        d[name] = intFor(def, rng, year);
        break;
      case 'number':
        d[name] = Math.min(def.max ?? 1e9, Math.max(def.min ?? 0, rng.int(1, 20)));
        break;
      case 'enum':
        d[name] = rng.pick(def.options ?? ['']);
        break;
      case 'tags':
        d[name] = rng.some(def.options ?? [], rng.int(1, 2));
        break;
      case 'bool':
        d[name] = rng.chance(0.85);
        break;
      case 'unit':
        d[name] = rng.pick(Object.values(org.units));
        break;
      case 'text': {
        const t = textFor(def.label, (xs) => rng.pick(xs), n, org.shortName, year);
        if (t || def.required) d[name] = t || `${def.label}（${year}）`;
        break;
      }
      case 'longtext':
        if (def.required || rng.chance(0.5)) d[name] = `${org.shortName}${def.label}：按照有关规定办理，材料已归档。`;
        break;
    }
  }
  if (ledger.titleField && ledger.fields[ledger.titleField]?.kind === 'text') {
    const t = d[ledger.titleField];
    if (typeof t !== 'string' || /：\d{4}年第/.test(t) || t === '')
      d[ledger.titleField] = `${year}年${ledger.label.replace(/台账$/, '')}（${org.shortName}第${n}项）`;
  }
  return d;
}

export const generic: Generator = (ctx) => {
  const out: RecordData[] = [];
  let n = 0;
  const perYear = isCounty(ctx) ? 6 : 4;
  for (const y of years(ctx)) {
    const count = Math.max(1, Math.round((perYear * (Number(y.to.slice(5, 7)) || 12)) / 12));
    for (let i = 0; i < count; i++) out.push(genericRecord(ctx, ctx.rng.workday(y.from, y.to), ++n, y.year));
  }
  return out;
};
