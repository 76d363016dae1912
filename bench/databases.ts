/**
 * Where a bench part runs: a fresh SQLite file, and a fresh PostgreSQL schema (FAZHI_BENCH_PG_URL,
 * default the test server; skipped when unreachable), both migrated. Shared by `npm run bench`
 * and by each part run on its own (`npx tsx bench/draw.ts [--scale province]`).
 */
import './scratch-key.ts';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Db } from '../src/db/types.ts';
import type { BenchContext, BenchPart, BenchScale, GoalResult } from './goal.ts';

export const PG_URL = process.env.FAZHI_BENCH_PG_URL ?? process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Place = Omit<BenchContext, 'scale'>;

/** `--scale province` (or `--scale=province`) on the command line. */
export function scaleArg(argv = process.argv): BenchScale {
  const i = argv.indexOf('--scale');
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--scale='))?.slice(8);
  return v === 'province' ? 'province' : 'default';
}

export async function onSqlite(run: (place: Place) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-'));
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  try {
    await migrateToLatest(db);
    await run({ db, dbName: 'SQLite', url: file });
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** False when no PostgreSQL answers at PG_URL. */
export async function onPostgres(run: (place: Place) => Promise<void>): Promise<boolean> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin: Db = openDatabase(PG_URL, { poolMax: 1 });
  try {
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin);
  } catch {
    await admin.destroy();
    return false;
  }
  const db = openDatabase(PG_URL, { schema, poolMax: 8 });
  try {
    await migrateToLatest(db);
    await run({ db, dbName: 'PostgreSQL', url: PG_URL, schema });
  } finally {
    await db.destroy();
    await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(admin);
    await admin.destroy();
  }
  return true;
}

export const fmtRatio = (r: number | null) => (r === null ? '—' : r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`);

/** One part on both databases, its goals printed as a table. */
export async function runStandalone(part: BenchPart): Promise<void> {
  const scale = scaleArg();
  const rows: Array<GoalResult & { db: string }> = [];
  const run = async (place: Place) => {
    for (const r of await part({ ...place, scale })) rows.push({ ...r, db: place.dbName });
  };
  await onSqlite(run);
  if (!(await onPostgres(run))) console.log('（PostgreSQL 不可用，跳过）');
  console.log('| 数据库 | 目标 | 要求 | 实测 | 比值 | 达标 |\n|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.db} | ${r.goal} | ${r.target} | ${r.measured} | ${fmtRatio(r.ratio)} | ${r.met ? '是' : '否'} |`);
}
