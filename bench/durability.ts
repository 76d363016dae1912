/**
 * `npx tsx bench/durability.ts`: what SQLite's synchronous=FULL (the default, SQLITE_SYNCHRONOUS)
 * costs against NORMAL: single-record creates through the service, each its own transaction with
 * its audit row (the pattern where an fsync per commit shows most), on two fresh files in the same
 * run. FULL survives power loss, NORMAL in WAL mode only a crash of the process. On PostgreSQL
 * durability is the server's setting (synchronous_commit), not the app's: the part reports SQLite
 * only. Nothing here asserts on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createRecord } from '../src/ledger/record.service.ts';
import '../src/modules/index.ts';
import { studySession } from '../src/modules/study/study.ledger.ts';
import { createOrgUnchecked } from '../src/org/org.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { runStandalone } from './databases.ts';
import type { BenchPart, BenchScale } from './goal.ts';

const CREATES: Record<BenchScale, number> = { default: 2_000, province: 5_000 };
/** FULL may cost this much more than NORMAL and still be the right default for a system of record. */
const ACCEPTABLE_RATIO = 3;

async function createsPerSecond(file: string, synchronous: 'FULL' | 'NORMAL', n: number): Promise<number> {
  const db = openDatabase(file, { synchronous });
  try {
    await migrateToLatest(db);
    const actor = { userId: 'bench', username: 'bench', orgId: '', ip: 'bench' };
    const org = await createOrgUnchecked(db, actor, { name: '基准测试县民政局', level: 'county' });
    const scope = systemScope(org);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      await createRecord(db, scope, studySession.key, { date: '2025-03-05', kind: '在线学法', topic: `第${i}次学法` });
    }
    return n / ((performance.now() - t0) / 1000);
  } finally {
    await db.destroy();
  }
}

export const durabilityBench: BenchPart = async (ctx) => {
  if (ctx.dbName !== 'SQLite') return [];
  const n = CREATES[ctx.scale];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-durability-'));
  try {
    const normal = await createsPerSecond(path.join(dir, 'normal.db'), 'NORMAL', n);
    const full = await createsPerSecond(path.join(dir, 'full.db'), 'FULL', n);
    const ratio = normal / full;
    return [
      {
        goal: `SQLite synchronous=FULL 逐条新增 ${n.toLocaleString('en-US')} 条记录（对比 NORMAL）`,
        target: `耗时不超过 NORMAL 的 ${ACCEPTABLE_RATIO} 倍`,
        measured: `FULL ${full.toFixed(0)} 条/秒，NORMAL ${normal.toFixed(0)} 条/秒`,
        ratio,
        met: ratio <= ACCEPTABLE_RATIO,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runStandalone(durabilityBench).catch((e: unknown) => {
    console.error(`基准测试失败：${(e as Error).message}`);
    process.exit(1);
  });
}
