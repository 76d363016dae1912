/**
 * Bench of the Excel import (issue 7 goal: 50,000 rows ≤ 5 s SQLite, ≤ 10 s PostgreSQL, RSS ≤ 400 MB).
 * Writes a study_session sheet of N rows (date cells, 科室 names, Chinese text) with exceljs's
 * streaming writer, then imports it in a child process through importLedgerXlsx, the function the
 * import route calls (stream read, checks, batched inserts, audit), so the child's peak RSS
 * (`process.resourceUsage().maxRSS`) is the import's own. The floor, in the same run: the bare
 * multi-row INSERT of the same rows (no file, no checks, no audit). Asserts nothing.
 *
 *   npx tsx bench/import.ts [--scale province]     (default 10,000 rows; province 50,000; BENCH_IMPORT_N overrides)
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { inTx } from '../src/db/tx.ts';
import type { Db } from '../src/db/types.ts';
import { Rng } from '../src/demo/rng.ts';
import { importLedgerXlsx } from '../src/ledger/excel.ts';
import { IMPORT_BATCH } from '../src/ledger/import.service.ts';
import { insertRecords } from '../src/ledger/import.repo.ts';
import '../src/modules/index.ts';
import { createOrgUnchecked, createUnitUnchecked } from '../src/org/org.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { runStandalone } from './databases.ts';
import type { BenchContext, BenchPart, BenchScale, GoalResult } from './goal.ts';

const _PG_URL = process.env.FAZHI_BENCH_PG_URL ?? process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS: Record<BenchScale, number> = { default: 10_000, province: 50_000 };
const GOAL_ROWS = 50_000;
const GOAL_SECONDS = { SQLite: 5, PostgreSQL: 10 } as const;
const GOAL_RSS_MB = 400;
const KINDS = ['党组理论学习中心组学法', '领导干部法治讲座', '局务会会前学法', '干部职工集中学法', '执法人员培训', '旁听庭审', '在线学法'];
const UNITS = ['办公室', '社会救助科', '政策法规科'];
const HEADER = ['*日期', '*形式', '*学习主题', '学习的法律法规', '主讲人', '参加人数', '学时', '组织科室', '备注'];

type Row = { date: string; kind: string; topic: string; laws: string; lecturer: string; attendees: number; hours: number; unit: string };

function rowsOf(n: number): Row[] {
  const rng = new Rng('bench-import');
  return Array.from({ length: n }, (_, i) => ({
    date: rng.date('2024-01-01', '2026-06-30'),
    kind: rng.pick(KINDS),
    topic: `学法活动第${i + 1}号：学习《中华人民共和国民法典》第${rng.int(1, 1260)}条`,
    laws: rng.pick(['宪法', '民法典', '行政处罚法、行政许可法', '社会救助暂行办法']),
    lecturer: rng.pick(['张主任', '李律师', '王科长']),
    attendees: rng.int(5, 80),
    hours: rng.pick([1, 1.5, 2, 3]),
    unit: rng.pick(UNITS),
  }));
}

/** The sheet an officer would fill: date cells formatted as dates, 科室 by name. */
async function writeSheet(file: string, rows: Row[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('学法活动台账');
  ws.addRow(HEADER).commit();
  for (const r of rows) {
    const [y, m, d] = r.date.split('-').map(Number);
    const row = ws.addRow([new Date(Date.UTC(y, m - 1, d)), r.kind, r.topic, r.laws, r.lecturer, r.attendees, r.hours, r.unit, '']);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

type ChildIn = { url: string; schema?: string; orgId: string; file: string };
type ChildOut = { seconds: number; maxRssMb: number; created: number };

/** In the child: the import alone, timed from the file's bytes to the commit. */
async function child(input: ChildIn): Promise<void> {
  const db = openDatabase(input.url, input.schema ? { schema: input.schema, poolMax: 4 } : {});
  try {
    const t = performance.now();
    const res = await importLedgerXlsx(db, systemScope(input.orgId), 'study_session', fs.readFileSync(input.file), {
      fileName: path.basename(input.file),
      maxRows: GOAL_ROWS,
      maxPartBytes: 200 * 1024 * 1024,
      maxTotalBytes: 400 * 1024 * 1024,
      maxEntries: 2000,
    });
    const out: ChildOut = {
      seconds: (performance.now() - t) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      created: res.created,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await db.destroy();
  }
}

function runChild(input: ChildIn): Promise<ChildOut> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(input)], {
      cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as ChildOut);
      else reject(new Error(`import child exited ${code}: ${out}`));
    });
  });
}

/** The floor: the same rows as records, written with the same multi-row INSERTs and nothing else. */
async function bareInsert(db: Db, orgId: string, rows: Row[]): Promise<number> {
  const now = new Date().toISOString();
  const records = rows.map((r) => ({
    id: randomUUID(),
    org_id: orgId,
    ledger: 'study_session',
    unit_id: null,
    occurred_on: r.date,
    year: Number(r.date.slice(0, 4)),
    title: r.topic,
    status: null,
    data: JSON.stringify({
      date: r.date,
      kind: r.kind,
      topic: r.topic,
      laws: r.laws,
      lecturer: r.lecturer,
      attendees: r.attendees,
      hours: r.hours,
    }),
    version: 1,
    data_version: 1,
    created_at: now,
    created_by: 'bench',
    updated_at: now,
    updated_by: 'bench',
    deleted_at: null,
  }));
  const t = performance.now();
  await inTx(db, async (trx) => {
    for (let i = 0; i < records.length; i += IMPORT_BATCH) await insertRecords(trx, records.slice(i, i + IMPORT_BATCH));
  });
  return (performance.now() - t) / 1000;
}

export const importBench: BenchPart = async (ctx: BenchContext): Promise<GoalResult[]> => {
  const n = Number(process.env.BENCH_IMPORT_N ?? ROWS[ctx.scale]);
  await migrateToLatest(ctx.db);
  const actor = { userId: 'bench', username: 'bench', orgId: '', ip: 'bench' };
  const tag = randomBytes(3).toString('hex');
  const org = await createOrgUnchecked(ctx.db, actor, { name: `导入基准县民政局${tag}`, level: 'county' });
  for (const u of UNITS) await createUnitUnchecked(ctx.db, actor, org, { name: u, kind: '科室' });
  const floorOrg = await createOrgUnchecked(ctx.db, actor, { name: `导入基准对照县民政局${tag}`, level: 'county' });

  const rows = rowsOf(n);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-import-'));
  try {
    const file = path.join(dir, `学法活动台账-${n}.xlsx`);
    await writeSheet(file, rows);
    const sizeMb = fs.statSync(file).size / 1024 / 1024;
    const imp = await runChild({ url: ctx.url, schema: ctx.schema, orgId: org, file });
    if (imp.created !== n) throw new Error(`imported ${imp.created} of ${n} rows`);
    const floor = await bareInsert(ctx.db, floorOrg, rows);
    const chain = await verifyAuditChain(ctx.db);
    if (!chain.ok) throw new Error(`audit chain broken at ${chain.brokenAt}: ${chain.reason}`);

    // At the default scale the time goal is taken in proportion to the rows (the issue states it for 50,000).
    const goalSeconds = (GOAL_SECONDS[ctx.dbName] * n) / GOAL_ROWS;
    const rowsText = n.toLocaleString('en-US');
    return [
      {
        goal: `Excel 导入 ${rowsText} 行（${ctx.dbName}，文件 ${sizeMb.toFixed(1)} MB）`,
        target: `≤ ${goalSeconds.toFixed(1)} s`,
        measured: `${imp.seconds.toFixed(2)} s（裸多行插入 ${floor.toFixed(2)} s；审计链校验通过）`,
        ratio: imp.seconds / floor,
        met: imp.seconds <= goalSeconds,
      },
      {
        goal: `Excel 导入 ${rowsText} 行峰值内存（${ctx.dbName}，导入子进程）`,
        target: `≤ ${GOAL_RSS_MB} MB`,
        measured: `RSS ${Math.round(imp.maxRssMb)} MB`,
        ratio: imp.maxRssMb / GOAL_RSS_MB,
        met: imp.maxRssMb <= GOAL_RSS_MB,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

function _print(results: GoalResult[]): void {
  for (const r of results) {
    console.log(
      `| ${r.goal} | ${r.target} | ${r.measured} | ${r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`} | ${r.met ? '达到' : '未达到'} |`,
    );
  }
}

const main = () => runStandalone(importBench);

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const at = process.argv.indexOf('--child');
  (at >= 0 ? child(JSON.parse(process.argv[at + 1]) as ChildIn) : main()).catch((e: unknown) => {
    console.error(`导入基准测试失败：${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  });
}
