/**
 * `npm run bench`: the real code on a real database. Inserts N records (default 50 000) through
 * createRecord in batches (validated and audited, one transaction per batch), then measures list-page
 * latency, evaluateFigures over a year for all figures, and the annual report (draft + .docx).
 * Runs on a temporary SQLite file, and on PostgreSQL when reachable (FAZHI_BENCH_PG_URL, default the
 * test server). Prints a table; nothing here asserts on time.
 *
 *   BENCH_N=50000 BENCH_BATCH=1000 npm run bench
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { inTx } from '../src/db/tx.ts';
import type { Db } from '../src/db/types.ts';
import { Rng } from '../src/demo/rng.ts';
import { allFigureDecls } from '../src/figures/define.ts';
import { evaluateFigures, evaluateFiguresJs, yearPeriod } from '../src/figures/evaluate.ts';
import { createRecord, listRecords } from '../src/ledger/record.service.ts';
import '../src/modules/index.ts';
import { createOrgUnchecked, createUnitUnchecked } from '../src/org/org.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { renderReportDocx } from '../src/reports/report.service.ts';

const N = Number(process.env.BENCH_N ?? 50_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const PG_URL = process.env.FAZHI_BENCH_PG_URL ?? process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Row = { db: string; step: string; value: string };
const rows: Row[] = [];
const put = (db: string, step: string, value: string) => {
  rows.push({ db, step, value });
  console.log(`  [${db}] ${step}: ${value}`);
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

const KINDS = ['党组理论学习中心组学法', '领导干部法治讲座', '局务会会前学法', '干部职工集中学法', '执法人员培训', '旁听庭审', '在线学法'];

async function bench(name: string, db: Db): Promise<void> {
  console.log(`\n== ${name} ==`);
  await migrateToLatest(db);
  const actor = { userId: 'bench', username: 'bench', orgId: '', ip: 'bench' };
  const city = await createOrgUnchecked(db, actor, { name: '基准测试市民政局', level: 'city' });
  const county = await createOrgUnchecked(db, actor, { name: '基准测试县民政局', level: 'county', parentId: city });
  const units = [
    await createUnitUnchecked(db, actor, county, { name: '办公室', kind: '科室' }),
    await createUnitUnchecked(db, actor, county, { name: '社会救助科', kind: '科室' }),
  ];
  const scope = systemScope(county);
  const rng = new Rng('bench');

  // 1. inserts through the service, in batches
  const batchTimes: number[] = [];
  const t0 = performance.now();
  for (let done = 0; done < N; done += BATCH) {
    const n = Math.min(BATCH, N - done);
    const [, t] = await time(() =>
      inTx(db, async (trx) => {
        for (let i = 0; i < n; i++) {
          const k = done + i;
          await createRecord(
            trx,
            scope,
            k % 10 === 0 ? 'law_exam' : 'study_session',
            k % 10 === 0
              ? {
                  name: `第${k}次学法考试`,
                  date: rng.date('2024-01-01', '2026-11-23'),
                  eligible: 50,
                  participants: 48,
                  passed: 47,
                  excellent: 30,
                }
              : {
                  date: rng.date('2024-01-01', '2026-11-23'),
                  kind: rng.pick(KINDS),
                  topic: `学法活动第${k}号：学习民法典`,
                  attendees: rng.int(5, 80),
                  hours: 2,
                  unitId: rng.pick(units),
                },
          );
        }
      }),
    );
    batchTimes.push(t);
    if (batchTimes.length % 10 === 0) process.stdout.write(`  … ${done + n} 条\n`);
  }
  const total = performance.now() - t0;
  put(
    name,
    `插入 ${N} 条（createRecord，每批 ${BATCH} 条一个事务，含校验与审计）`,
    `${(total / 1000).toFixed(1)} s，${Math.round(N / (total / 1000))} 条/秒，每批中位 ${ms(median(batchTimes))}`,
  );

  // 2. list pages
  const pages: number[] = [];
  for (let i = 0; i < 30; i++)
    pages.push((await time(() => listRecords(db, scope, 'study_session', { year: 2025, page: 1 + (i % 5), pageSize: 20 })))[1]);
  put(name, '台账列表（2025年，每页20条，含总数）', `中位 ${ms(median(pages))}，P95 ${ms(p95(pages))}`);
  const deep: number[] = [];
  for (let i = 0; i < 10; i++) deep.push((await time(() => listRecords(db, scope, 'study_session', { page: 500 + i, pageSize: 20 })))[1]);
  put(name, '台账列表（不限年度，第500页）', `中位 ${ms(median(deep))}`);
  const search: number[] = [];
  for (let i = 0; i < 10; i++)
    search.push((await time(() => listRecords(db, scope, 'study_session', { q: `第${1000 + i}`, pageSize: 20 })))[1]);
  put(name, '台账列表（标题关键字搜索）', `中位 ${ms(median(search))}`);

  // 3. all figures over a year
  const figs: number[] = [];
  let count = 0;
  for (let i = 0; i < 5; i++) {
    const [f, t] = await time(() => evaluateFigures(db, [county], yearPeriod(2025)));
    figs.push(t);
    count = Object.keys(f).length;
  }
  put(name, `全部指标（${count} 项，2025年度）`, `中位 ${ms(median(figs))}`);
  // The same figures by the JS evaluator (every payload read and filtered in JS), the SQL path's oracle.
  const figsJs: number[] = [];
  for (let i = 0; i < 3; i++) figsJs.push((await time(() => evaluateFiguresJs(db, [county], yearPeriod(2025))))[1]);
  put(name, '全部指标（JS 逐条计算，对照）', `中位 ${ms(median(figsJs))}，SQL 为其 ${((median(figs) / median(figsJs)) * 100).toFixed(0)}%`);
  const roll: number[] = [];
  for (let i = 0; i < 3; i++) roll.push((await time(() => evaluateFigures(db, [city, county], yearPeriod(2025))))[1]);
  put(name, '全部指标（市局汇总两级）', `中位 ${ms(median(roll))}`);

  // 4. the annual report: draft + .docx
  try {
    const rep: number[] = [];
    let size = 0;
    for (let i = 0; i < 3; i++) {
      const [buf, t] = await time(() => renderReportDocx(db, scope, { kind: 'annual-report', year: 2025 }));
      rep.push(t);
      size = buf.length;
    }
    put(name, '法治政府建设年度报告（生成草稿并输出 .docx）', `中位 ${ms(median(rep))}（${Math.round(size / 1024)} KB）`);
  } catch (e) {
    put(name, '年度报告', `未测：${(e as Error).message}`);
  }

  // 5. audit chain verification over everything written
  const [chain, tc] = await time(() => verifyAuditChain(db));
  put(name, `审计哈希链校验（${chain.checked} 条）`, `${ms(tc)}，${chain.ok ? '通过' : '失败'}`);
}

async function main(): Promise<void> {
  console.log(`法治民政工作台 基准测试：${N} 条记录，${allFigureDecls().length} 项指标`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-'));
  const lite = openDatabase(path.join(dir, 'bench.db'));
  try {
    await bench('SQLite', lite);
  } finally {
    await lite.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const schema = `bench_${randomBytes(4).toString('hex')}`;
  let admin: Db | null = openDatabase(PG_URL, { poolMax: 1 });
  try {
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin);
  } catch {
    console.log(`\n（PostgreSQL ${PG_URL.replace(/:[^:@/]*@/, ':***@')} 不可用，跳过）`);
    await admin.destroy();
    admin = null;
  }
  if (admin) {
    const pgdb = openDatabase(PG_URL, { schema, poolMax: 4 });
    try {
      await bench('PostgreSQL', pgdb);
    } finally {
      await pgdb.destroy();
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(admin);
      await admin.destroy();
    }
  }

  console.log('\n| 数据库 | 项目 | 结果 |\n|---|---|---|');
  for (const r of rows) console.log(`| ${r.db} | ${r.step} | ${r.value} |`);
}

main().catch((e: unknown) => {
  console.error(`基准测试失败：${(e as Error).message}`);
  process.exit(1);
});
