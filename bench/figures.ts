/**
 * `npx tsx bench/figures.ts`: all declared figures over one bureau-year by the SQL path
 * (evaluateFigures) and by the JS evaluator (evaluateFiguresJs) on generated records of every ledger
 * a figure reads, written straight to the table (no validation, no audit: this times reads). SQLite,
 * and PostgreSQL when reachable. Checks both give the same values; asserts nothing on time.
 *
 *   BENCH_FIG_N=50000 npx tsx bench/figures.ts
 */
import './scratch-key.ts';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { inTx } from '../src/db/tx.ts';
import type { Db } from '../src/db/types.ts';
import { Rng } from '../src/demo/rng.ts';
import { allFigureDecls } from '../src/figures/define.ts';
import { evaluateFigures, evaluateFiguresJs, yearPeriod } from '../src/figures/evaluate.ts';
import type { Ledger } from '../src/ledger/define.ts';
import type { FieldValue } from '../src/ledger/field.ts';
import { insertRecord } from '../src/ledger/record.repo.ts';
import '../src/modules/index.ts';
import { figureLedgers, randomValue } from './province.ts';
import { createOrgUnchecked } from '../src/org/org.service.ts';

const N = Number(process.env.BENCH_FIG_N ?? 50_000);
const PG_URL = process.env.FAZHI_BENCH_PG_URL ?? process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function fill(db: Db, org: string, ledgers: Ledger[]): Promise<void> {
  const rng = new Rng('bench-figures');
  const now = '2025-01-01T00:00:00.000Z';
  await inTx(db, async (trx) => {
    for (let i = 0; i < N; i++) {
      const ledger = ledgers[i % ledgers.length];
      const data: Record<string, FieldValue> = {};
      for (const [k, def] of Object.entries(ledger.fields)) {
        const v = randomValue(rng, def, { from: '2024-06-01', to: '2026-06-30' });
        if (v !== undefined) data[k] = v;
      }
      const d = ledger.dateField ? data[ledger.dateField] : undefined;
      const occurredOn = typeof d === 'string' ? d : null;
      await insertRecord(trx, {
        id: `b${i}`,
        org_id: org,
        ledger: ledger.key,
        unit_id: null,
        occurred_on: occurredOn,
        year: occurredOn ? Number(occurredOn.slice(0, 4)) : rng.int(2024, 2026),
        title: `记录${i}`,
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
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bench(name: string, db: Db): Promise<void> {
  await migrateToLatest(db);
  const ledgers = figureLedgers();
  const org = await createOrgUnchecked(
    db,
    { userId: 'bench', username: 'bench', orgId: '', ip: 'bench' },
    { name: '基准测试县民政局', level: 'county' },
  );
  await fill(db, org, ledgers);
  // BENCH_FIG_KINDS=count,sum,group times those kinds only (default: every figure).
  const kinds = process.env.BENCH_FIG_KINDS?.split(',');
  const keys = kinds ? allFigureDecls().flatMap((d) => (kinds.includes(d.kind) ? [d.key] : [])) : undefined;
  const run = async (f: typeof evaluateFigures) => {
    const ts: number[] = [];
    let out = {};
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      out = await f(db, [org], yearPeriod(2025), keys, { today: '2026-01-15' });
      ts.push(performance.now() - t);
    }
    return { ms: median(ts), out: out as Awaited<ReturnType<typeof evaluateFigures>> };
  };
  const js = await run(evaluateFiguresJs);
  const sq = await run(evaluateFigures);
  const differ = Object.keys(js.out).filter((k) => Math.abs((js.out[k].value ?? 0) - (sq.out[k].value ?? 0)) > 1e-9);
  console.log(
    `| ${name} | ${N} 条（${ledgers.length} 个台账），${Object.keys(js.out).length} 项指标 | SQL ${sq.ms.toFixed(1)} ms | JS ${js.ms.toFixed(1)} ms | ${(js.ms / sq.ms).toFixed(2)}× | ${differ.length ? `不一致：${differ.join('、')}` : '结果一致'} |`,
  );
}

async function main(): Promise<void> {
  console.log('| 数据库 | 数据 | SQL 路径 | JS 路径 | JS/SQL | 核对 |\n|---|---|---|---|---|---|');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-fig-'));
  const lite = openDatabase(path.join(dir, 'bench.db'));
  try {
    await bench('SQLite', lite);
  } finally {
    await lite.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const schema = `benchfig_${randomBytes(4).toString('hex')}`;
  const admin = openDatabase(PG_URL, { poolMax: 1 });
  try {
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin);
  } catch {
    console.log('（PostgreSQL 不可用，跳过）');
    await admin.destroy();
    return;
  }
  const pg = openDatabase(PG_URL, { schema, poolMax: 4 });
  try {
    await bench('PostgreSQL', pg);
  } finally {
    await pg.destroy();
    await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(admin);
    await admin.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(`基准测试失败：${(e as Error).message}`);
  process.exit(1);
});
