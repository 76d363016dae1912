/**
 * Figures and reports at province scale: a province bureau over cities over county bureaus, each
 * county with a year of records in every ledger a figure reads (plus the year before, so stocks and
 * 'since-2021' spans read more than one year), written through the import's multi-row insert. Measures the
 * goals of the province-scale issue that concern figures, reports and the dashboard, each against a
 * floor measured in the same run:
 *
 * - one bureau-year report (about 5k records) ≤ 0.5 s; and ≤ 2× its own figures' evaluation;
 * - the province roll-up report ≤ 3 s (PostgreSQL);
 * - every figure over the whole province ≤ 5× one GROUP BY over the same rows;
 * - the dashboard's requests (figures, catalog, open deadlines) ≤ 1.5 s for a county and for the
 *   province roll-up, through the app (routing, session, scope) by Fastify's inject.
 *
 * Scale 'default': 6 counties × 5,000 records a year. 'province': 100 counties × 4,500 a year
 * (450k in the year, 900k in all). Nothing here asserts on time.
 */
import { performance } from 'node:perf_hooks';
import { type Insertable, sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { inTx } from '../src/db/tx.ts';
import type { Db, RecordTable } from '../src/db/types.ts';
import { Rng } from '../src/demo/rng.ts';
import { allFigureDecls } from '../src/figures/define.ts';
import { evaluateFigures, yearPeriod } from '../src/figures/evaluate.ts';
import { buildApp } from '../src/http/app.ts';
import type { Ledger } from '../src/ledger/define.ts';
import type { FieldDef, FieldValue } from '../src/ledger/field.ts';
import { IMPORT_BATCH } from '../src/ledger/import.service.ts';
import { insertRecords } from '../src/ledger/import.repo.ts';
import '../src/modules/index.ts';
import { createOrgUnchecked, createUserUnchecked } from '../src/org/org.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { createReport, renderReportDocx } from '../src/reports/report.service.ts';
import { templateOf } from '../src/reports/templates/index.ts';
import type { BenchContext, BenchPart, GoalResult } from './goal.ts';

const YEAR = 2025;
const PASSWORD = 'Bench@2026province';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(fn: () => Promise<T>, runs: number): Promise<{ ms: number; out: T }> {
  const ts: number[] = [];
  let out: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = await fn();
    ts.push(performance.now() - t);
  }
  return { ms: median(ts), out: out as T };
}

/** A declaration-shaped random value (dates within `dates`, optional fields sometimes left empty). */
export function randomValue(rng: Rng, def: FieldDef, dates: { from: string; to: string }): FieldValue | undefined {
  if (!def.required && rng.chance(0.1)) return undefined;
  switch (def.kind) {
    case 'date':
      return rng.date(dates.from, dates.to);
    case 'int':
    case 'number':
      return rng.int(0, 40);
    case 'bool':
      return rng.chance(0.5);
    case 'enum':
      return def.options?.length ? rng.pick(def.options) : '';
    case 'tags':
      return rng.some(def.options ?? [], rng.int(0, 3));
    case 'ref':
      return def.ref?.many ? [] : '';
    default:
      return `内容${rng.int(1, 999)}`;
  }
}

/** The ledgers some figure reads. */
export const figureLedgers = (): Ledger[] => [
  ...new Map(allFigureDecls().flatMap((d) => (d.kind === 'ratio' ? [] : [[d.ledger.key, d.ledger] as const]))).values(),
];

type Province = { province: string; counties: string[]; perYear: number };

/** The bureaus and their records, in one transaction per county. */
export async function buildProvince(db: Db, counties: number, perYear: number): Promise<Province> {
  const actor = { userId: 'bench', username: 'bench', orgId: '', ip: 'bench' };
  const province = await createOrgUnchecked(db, actor, { name: '基准测试省民政厅', level: 'province' });
  const cities: string[] = [];
  for (let c = 0; c < Math.max(1, Math.round(counties / 10)); c++)
    cities.push(await createOrgUnchecked(db, actor, { name: `基准测试第${c + 1}市民政局`, level: 'city', parentId: province }));
  const ids: string[] = [];
  for (let i = 0; i < counties; i++)
    ids.push(
      await createOrgUnchecked(db, actor, { name: `基准测试第${i + 1}县民政局`, level: 'county', parentId: cities[i % cities.length] }),
    );
  await createUserUnchecked(
    db,
    actor,
    {
      username: 'bench.province',
      displayName: '省厅法治专干',
      password: PASSWORD,
      role: 'officer',
      orgId: province,
    },
    { oneTime: false },
  );
  await createUserUnchecked(
    db,
    actor,
    {
      username: 'bench.county',
      displayName: '县局法治专干',
      password: PASSWORD,
      role: 'officer',
      orgId: ids[0],
    },
    { oneTime: false },
  );
  const ledgers = figureLedgers();
  const rng = new Rng('bench-province');
  const now = `${YEAR}-06-01T00:00:00.000Z`;
  let n = 0;
  for (const org of ids) {
    const rows: Insertable<RecordTable>[] = [];
    for (const year of [YEAR - 1, YEAR])
      for (let i = 0; i < perYear; i++) {
        const ledger = ledgers[i % ledgers.length];
        const data: Record<string, FieldValue> = {};
        for (const [k, def] of Object.entries(ledger.fields)) {
          const v = randomValue(rng, def, { from: `${year}-01-01`, to: `${year}-12-31` });
          if (v !== undefined) data[k] = v;
        }
        const d = ledger.dateField ? data[ledger.dateField] : undefined;
        const occurredOn = typeof d === 'string' ? d : null;
        rows.push({
          id: `p${n++}`,
          org_id: org,
          ledger: ledger.key,
          unit_id: null,
          occurred_on: occurredOn,
          year: occurredOn ? Number(occurredOn.slice(0, 4)) : year,
          title: `${ledger.label}第${i}条`,
          status: null,
          data: JSON.stringify(data),
          version: 1,
          data_version: ledger.version,
          created_at: now,
          created_by: 'bench',
          updated_at: now,
          updated_by: 'bench',
          deleted_at: null,
        });
      }
    await inTx(db, async (trx) => {
      for (let i = 0; i < rows.length; i += IMPORT_BATCH) await insertRecords(trx, rows.slice(i, i + IMPORT_BATCH));
    });
  }
  return { province, counties: ids, perYear };
}

/** One GROUP BY over a scope's rows of the year: the floor the figures are compared with. */
async function groupByFloor(db: Db, orgIds: readonly string[]): Promise<number> {
  const r = await db
    .selectFrom('record')
    .select(['ledger', sql<number>`count(*)`.as('n')])
    .where('org_id', 'in', [...orgIds])
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('occurred_on', '>=', `${YEAR}-01-01`), eb('occurred_on', '<=', `${YEAR}-12-31`)]),
        eb.and([eb('occurred_on', 'is', null), eb('year', '=', YEAR)]),
      ]),
    )
    .groupBy('ledger')
    .execute();
  return r.length;
}

const sec = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export const provinceBench: BenchPart = async (ctx: BenchContext): Promise<GoalResult[]> => {
  const province = ctx.scale === 'province';
  const t0 = performance.now();
  const p = await buildProvince(ctx.db, province ? 100 : 6, province ? 4_500 : 5_000);
  const built = performance.now() - t0;
  const all = await ctx.db.selectFrom('record').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  console.log(`  [${ctx.dbName}] ${p.counties.length} 个县级局，共 ${Number(all?.n)} 条记录，写入 ${sec(built)}`);
  const provinceOrgs = await ctx.db.selectFrom('org').select('id').execute();
  const orgIds = provinceOrgs.map((o) => o.id);
  const period = yearPeriod(YEAR);
  const out: GoalResult[] = [];

  // One bureau-year: the annual report (draft + .docx) against its own figures' evaluation.
  const county = systemScope(p.counties[0]);
  const keys = templateOf('annual-report')?.figures ?? [];
  const figs = await timed(() => evaluateFigures(ctx.db, [p.counties[0]], period, keys), 3);
  const draft = await timed(() => createReport(ctx.db, county, { kind: 'annual-report', year: YEAR, overwrite: true }), 3);
  const report = await timed(() => renderReportDocx(ctx.db, county, { kind: 'annual-report', year: YEAR, overwrite: true }), 3);
  out.push({
    goal: `一个单位一年的年度报告（约 ${p.perYear} 条记录，生成草稿并输出 .docx）`,
    target: '≤ 0.5 s',
    measured: sec(report.ms),
    ratio: report.ms / 500,
    met: report.ms <= 500,
  });
  // The draft (template, figures, snapshot, version and audit rows) against its figures alone.
  out.push({
    goal: '年度报告草稿耗时 ÷ 其指标的计算耗时',
    target: '≤ 2×',
    measured: `${sec(draft.ms)} ÷ ${sec(figs.ms)}`,
    ratio: draft.ms / figs.ms,
    met: draft.ms / figs.ms <= 2,
  });

  // The province roll-up report.
  const provinceScope = systemScope(p.province, orgIds);
  const roll = await timed(
    () => createReport(ctx.db, provinceScope, { kind: 'annual-report', year: YEAR, rollup: true, overwrite: true }),
    2,
  );
  out.push({
    goal: `全省汇总年度报告（${p.counties.length} 个县级局，本年 ${p.counties.length * p.perYear} 条）`,
    target: ctx.dbName === 'PostgreSQL' ? '≤ 3 s' : '≤ 3 s（目标针对 PostgreSQL）',
    measured: sec(roll.ms),
    ratio: roll.ms / 3000,
    met: roll.ms <= 3000,
  });

  // Every figure over the whole province against one GROUP BY over the same rows.
  const floor = await timed(() => groupByFloor(ctx.db, orgIds), 3);
  const every = await timed(() => evaluateFigures(ctx.db, orgIds, period), 2);
  out.push({
    goal: `全部 ${Object.keys(every.out).length} 项指标（全省一个范围）÷ 同范围一次 GROUP BY`,
    target: '≤ 5×',
    measured: `${sec(every.ms)} ÷ ${sec(floor.ms)}`,
    ratio: every.ms / floor.ms,
    met: every.ms / floor.ms <= 5,
  });

  // The dashboard's requests through the app: values only, the catalog, the open deadlines.
  const app = await buildApp(ctx.db, loadConfig({}));
  try {
    for (const [who, rollup] of [
      ['bench.county', false],
      ['bench.province', true],
    ] as const) {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: who, password: PASSWORD } });
      if (login.statusCode !== 200) throw new Error(`登录失败：${login.body}`);
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const urls = [
        `/api/figures?year=${YEAR}${rollup ? '&rollup=1' : ''}`,
        '/api/figures/catalog',
        `/api/deadlines/summary?limit=30${rollup ? '&rollup=1' : ''}`,
      ];
      let bytes = 0;
      const dash = await timed(async () => {
        const rs = await Promise.all(urls.map((url) => app.inject({ method: 'GET', url, headers: { cookie } })));
        for (const r of rs) if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body.slice(0, 200)}`);
        bytes = rs.reduce((s, r) => s + r.rawPayload.length, 0);
      }, 3);
      out.push({
        goal: `工作台首屏请求（${rollup ? '全省汇总' : '一个县级局'}：指标、指标目录、未办结期限）`,
        target: '≤ 1.5 s',
        measured: `${sec(dash.ms)}，${Math.round(bytes / 1024)} KB`,
        ratio: dash.ms / 1500,
        met: dash.ms <= 1500,
      });
    }
  } finally {
    await app.close();
  }
  return out;
};
