/**
 * The SQL figure evaluator (figure.repo.ts, src/db/cond-sql.ts) against the JS one (`matches`) on
 * random records of the real ledgers: random but declaration-shaped payloads (missing fields, empty
 * strings, nulls, tags arrays, numbers, a few wrongly typed values, dates at the period's edges),
 * deleted rows and other bureaus' rows; every declared figure plus random filters. Values, source
 * counts, the source records (all at once, and a page at a time in the order lists show) and the
 * figures per bureau are compared. Seeded: set
 * FIGURES_SQL_SEED to replay a failure (the seed is printed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Rng } from '../src/demo/rng.ts';
import { allFigureDecls, defineFigures, type FigureDecl, getFigureDecl, since2021, type Span } from '../src/figures/define.ts';
import {
  evaluateFigures,
  evaluateFiguresByOrg,
  evaluateFiguresJs,
  type FigureSet,
  figureSourceIds,
  newestFirst,
  type Period,
  pageFigureSources,
  pickSources,
  type SourcedFigureSet,
} from '../src/figures/evaluate.ts';
import type { Cond, Operand, Scalar } from '../src/figures/filter.ts';
import type { Ledger } from '../src/ledger/define.ts';
import type { FieldDef, FieldValue } from '../src/ledger/field.ts';
import { insertRecord } from '../src/ledger/record.repo.ts';
import '../src/modules/index.ts';
import { DIALECT, makeDb, makeWorld, type TestDb, type World } from './helpers.ts';

const SEED = Number(process.env.FIGURES_SQL_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`figures-sql seed ${SEED} (FIGURES_SQL_SEED=${SEED} to replay) on ${DIALECT}`);
const rng = new Rng(SEED);

const EDGE_DAYS = [
  '2020-12-31',
  '2021-01-01',
  '2023-12-31',
  '2024-01-01',
  '2024-02-29',
  '2024-03-01',
  '2024-06-30',
  '2024-07-01',
  '2024-09-15',
  '2024-12-31',
  '2025-01-01',
];
const TEXTS = ['', 'a', 'B', '甲', '乙丙', '2024-05-01', 'z'];

function randomDate(): string {
  return rng.chance(0.5) ? rng.pick(EDGE_DAYS) : rng.date('2019-06-01', '2025-06-30');
}

function randomNumber(kind: string): number {
  const n = rng.int(-3, 40);
  return kind === 'number' && rng.chance(0.3) ? n + rng.pick([0.5, 0.25, 0.1]) : rng.chance(0.15) ? 0 : n;
}

/** A value a payload may hold for the field (occasionally of the wrong type). */
function randomValue(def: FieldDef): FieldValue | undefined {
  if (rng.chance(0.12)) return undefined;
  if (rng.chance(0.04)) return null;
  if (rng.chance(0.04)) return rng.pick<FieldValue>(['', 0, '5', true, []]);
  switch (def.kind) {
    case 'date':
      return rng.chance(0.1) ? '' : randomDate();
    case 'int':
    case 'number':
      return randomNumber(def.kind);
    case 'bool':
      return rng.chance(0.5);
    case 'enum':
      return rng.chance(0.1) || !def.options?.length ? '' : rng.pick(def.options);
    case 'tags':
      return rng.some(def.options?.length ? def.options : TEXTS, rng.int(0, 3));
    case 'ref':
      return def.ref?.many ? rng.some(['r1', 'r2', 'r3'], rng.int(0, 2)) : rng.pick(['', 'r1', 'r2']);
    default:
      return rng.pick(TEXTS);
  }
}

/** A scalar to compare the field with: mostly of its kind, sometimes of another. */
function randomScalar(def: FieldDef): Scalar {
  if (rng.chance(0.1)) return rng.pick<Scalar>(['', 0, 1, '1', true, false, 'x']);
  switch (def.kind) {
    case 'date':
      return randomDate();
    case 'int':
    case 'number':
      return randomNumber(def.kind);
    case 'bool':
      return rng.chance(0.5);
    case 'enum':
    case 'tags':
      return def.options?.length ? rng.pick(def.options) : rng.pick(TEXTS);
    default:
      return rng.pick(TEXTS);
  }
}

function randomOperand(def: FieldDef): Operand {
  if (def.kind === 'date' && rng.chance(0.5)) return { period: rng.pick(['start', 'end', 'asOf'] as const) };
  return randomScalar(def);
}

function randomCond(ledger: Ledger, depth = 0): Cond {
  const names = Object.keys(ledger.fields);
  const field = rng.pick(names);
  const def = ledger.fields[field];
  const r = rng.int(0, depth >= 2 ? 4 : 7);
  switch (r) {
    case 0:
      return { op: 'eq', field, value: randomScalar(def) };
    case 1:
      return { op: 'in', field, values: Array.from({ length: rng.int(0, 3) }, () => randomScalar(def)) };
    case 2: {
      const c: Extract<Cond, { op: 'range' }> = { op: 'range', field };
      for (const b of rng.some(['gte', 'gt', 'lte', 'lt'] as const, rng.int(1, 2))) c[b] = randomOperand(def);
      return c;
    }
    case 3:
      return { op: 'set', field };
    case 4: {
      const tagField = names.find((n) => ledger.fields[n].kind === 'tags');
      const tf = tagField && rng.chance(0.8) ? tagField : field;
      return { op: 'has', field: tf, value: String(randomScalar(ledger.fields[tf])) };
    }
    case 5:
      return { op: 'and', of: Array.from({ length: rng.int(0, 3) }, () => randomCond(ledger, depth + 1)) };
    case 6:
      return { op: 'or', of: Array.from({ length: rng.int(0, 3) }, () => randomCond(ledger, depth + 1)) };
    default:
      return { op: 'not', of: randomCond(ledger, depth + 1) };
  }
}

const declared = allFigureDecls();
const ledgers = [...new Map(declared.flatMap((d) => (d.kind === 'ratio' ? [] : [[d.ledger.key, d.ledger] as const]))).values()];

/** Random figures over each ledger: counts, sums, groups with random filters and spans. */
function randomFigures(): FigureDecl[] {
  const out: FigureDecl[] = [];
  for (const ledger of ledgers) {
    const names = Object.keys(ledger.fields);
    const numeric = names.filter((n) => ['int', 'number'].includes(ledger.fields[n].kind));
    for (let i = 0; i < 12; i++) {
      const b = {
        key: `test.${ledger.key}.${i}`,
        label: `随机${i}`,
        unit: '项',
        module: ledger.module,
        span: rng.pick<Span | undefined>([undefined, 'period', 'to-date', 'since-2021']),
      };
      const where = rng.chance(0.85) ? randomCond(ledger) : undefined;
      const k = rng.int(0, 2);
      if (k === 0 || (k === 1 && numeric.length === 0)) out.push({ ...b, kind: 'count', ledger, where });
      else if (k === 1) out.push({ ...b, kind: 'sum', ledger, field: rng.pick(numeric), where });
      else
        out.push({
          ...b,
          kind: 'group',
          ledger,
          groupBy: rng.pick(names),
          field: numeric.length && rng.chance(0.4) ? rng.pick(numeric) : undefined,
          where,
        });
    }
  }
  return out;
}

const close = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
const set = (ids: string[]) => [...ids].sort();

/** Figures of each kind that came out non-zero, so a vacuous run (everything 0) shows. */
const nonZero = new Map<string, number>();

function assertSame(sqlSet: FigureSet, jsSet: SourcedFigureSet, what: string): void {
  assert.deepEqual(Object.keys(sqlSet), Object.keys(jsSet), `${what}: keys`);
  for (const [k, js] of Object.entries(jsSet)) {
    const got = sqlSet[k];
    const ctx = `${what} ${k} (seed ${SEED})`;
    const kind = getFigureDecl(k)?.kind ?? '?';
    if (js.value) nonZero.set(kind, (nonZero.get(kind) ?? 0) + 1);
    assert.ok(close(got.value, js.value), `${ctx}: value ${got.value} ≠ ${js.value}`);
    assert.equal(got.sourceCount, js.sourceCount, `${ctx}: source count`);
    if (kind !== 'ratio') assert.equal(got.sourceCount, js.sources.length, `${ctx}: source count is the records'`);
    assert.equal(got.breakdown === undefined, js.breakdown === undefined, `${ctx}: breakdown presence`);
    if (!js.breakdown || !got.breakdown) continue;
    assert.deepEqual(
      got.breakdown.map((g) => g.label),
      js.breakdown.map((g) => g.label),
      `${ctx}: breakdown labels`,
    );
    for (const [i, g] of js.breakdown.entries()) {
      assert.ok(close(got.breakdown[i].value, g.value), `${ctx}: breakdown ${g.label} ${got.breakdown[i].value} ≠ ${g.value}`);
      assert.equal(got.breakdown[i].sourceCount, g.sources.length, `${ctx}: breakdown ${g.label} source count`);
    }
  }
}

/** The records of every figure and group, all at once (what finalizing keeps) and page by page (what lists show), against the JS evaluator's. */
async function assertSameSources(
  t: TestDb,
  orgIds: string[],
  period: Period,
  today: string,
  jsSet: SourcedFigureSet,
  what: string,
): Promise<void> {
  const keys = Object.keys(jsSet);
  const filed = await figureSourceIds(t.db, orgIds, period, keys, { today });
  const targets = Object.values(jsSet).flatMap((f) => [
    { key: f.key, part: undefined as string | undefined, ids: f.sources },
    ...(f.breakdown ?? []).map((g) => ({ key: f.key, part: g.label as string | undefined, ids: g.sources })),
  ]);
  for (const x of targets) {
    const ctx = `${what} ${x.key}${x.part === undefined ? '' : `|${x.part}`} (seed ${SEED})`;
    const all = pickSources(filed, x.key, x.part);
    assert.deepEqual(set(all.map((r) => r.id)), set(x.ids), `${ctx}: sources`);
    // A page at a time, newest first: the pages together are the records, in the order lists show.
    const limit = Math.max(7, Math.ceil(x.ids.length / 3)); // a few pages each, the last one partial
    const paged: string[] = [];
    for (let offset = 0; ; offset += limit) {
      const p = await pageFigureSources(t.db, orgIds, period, { key: x.key, part: x.part }, { offset, limit }, { today });
      assert.equal(p.total, x.ids.length, `${ctx}: total`);
      paged.push(...p.ids);
      if (p.ids.length < limit) break;
    }
    assert.deepEqual(
      paged,
      [...all].sort(newestFirst).map((r) => r.id),
      `${ctx}: pages`,
    );
  }
}

describe(`figures in SQL equal the JS evaluator (${DIALECT})`, () => {
  let t: TestDb;
  let w: World;
  const extra = randomFigures();
  defineFigures(extra);

  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    const orgs = [w.city, w.city, w.county, w.otherCounty];
    let n = 0;
    for (const ledger of ledgers) {
      for (let i = 0; i < 70; i++) {
        const data: Record<string, FieldValue> = {};
        for (const [name, def] of Object.entries(ledger.fields)) {
          const v = randomValue(def);
          if (v !== undefined) data[name] = v;
        }
        const date = ledger.dateField ? data[ledger.dateField] : undefined;
        const occurredOn = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
        const yearValue = ledger.yearField ? data[ledger.yearField] : undefined;
        const year =
          typeof yearValue === 'number'
            ? yearValue
            : occurredOn
              ? Number(occurredOn.slice(0, 4))
              : rng.chance(0.7)
                ? rng.int(2019, 2025)
                : null;
        const now = '2024-01-01T00:00:00.000Z';
        await insertRecord(t.db, {
          id: `r${String(n++).padStart(5, '0')}-${rng.int(0, 9999)}`,
          org_id: rng.pick(orgs),
          ledger: ledger.key,
          unit_id: null,
          occurred_on: occurredOn,
          year,
          title: `记录${n}`,
          status: null,
          data: JSON.stringify(data),
          version: 1,
          data_version: ledger.version,
          created_at: now,
          created_by: 'test',
          updated_at: now,
          updated_by: 'test',
          deleted_at: rng.chance(0.08) ? now : null,
        });
      }
    }
  });
  after(async () => t.close());

  after(() => {
    console.log(`non-zero figures by kind: ${JSON.stringify(Object.fromEntries(nonZero))}`);
    for (const kind of ['count', 'sum', 'group', 'deadline', 'ratio'])
      assert.ok((nonZero.get(kind) ?? 0) > 0, `no non-zero ${kind} figure (seed ${SEED})`);
  });

  const cases = [
    { name: 'a year', period: { from: '2024-01-01', to: '2024-12-31' }, today: '2025-03-01' },
    { name: 'an unfinished year', period: { from: '2024-01-01', to: '2024-12-31' }, today: '2024-09-15' },
    { name: 'a half year', period: { from: '2024-03-01', to: '2024-06-30' }, today: '2025-01-01' },
  ];
  for (const c of cases) {
    it(`every declared figure and its 八五普法 variant, ${c.name}`, async () => {
      const keys = declared.flatMap((d) => [d.key, since2021(d.key)]);
      const scope = [w.city, w.county];
      const js = await evaluateFiguresJs(t.db, scope, c.period, keys, { today: c.today });
      assertSame(await evaluateFigures(t.db, scope, c.period, keys, { today: c.today }), js, c.name);
      await assertSameSources(t, scope, c.period, c.today, js, c.name);
    });
    it(`every declared figure per bureau in one pass, ${c.name}`, async () => {
      const keys = declared.map((d) => d.key);
      const orgs = [w.city, w.county, w.otherCounty];
      const byOrg = await evaluateFiguresByOrg(t.db, orgs, c.period, keys, { today: c.today });
      assert.deepEqual([...byOrg.keys()], orgs);
      for (const o of orgs)
        assertSame(byOrg.get(o) as FigureSet, await evaluateFiguresJs(t.db, [o], c.period, keys, { today: c.today }), `${c.name} ${o}`);
    });
    it(`random filters, sums and groups, ${c.name}`, async () => {
      const keys = extra.map((d) => d.key);
      for (const scope of [[w.city, w.county], [w.otherCounty], []]) {
        const js = await evaluateFiguresJs(t.db, scope, c.period, keys, { today: c.today });
        assertSame(await evaluateFigures(t.db, scope, c.period, keys, { today: c.today }), js, c.name);
        await assertSameSources(t, scope, c.period, c.today, js, c.name);
      }
    });
  }
});
