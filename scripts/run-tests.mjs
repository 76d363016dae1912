#!/usr/bin/env node
// Runs the whole suite twice: on SQLite, then on PostgreSQL (FAZHI_TEST_PG_URL or the local server).
// Set FAZHI_TEST_DB=sqlite or =postgres to run one dialect only; pass file paths to run a subset.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const files = args.length ? args : fs.readdirSync('test', { recursive: true })
  .map(String).filter((f) => f.endsWith('.test.ts')).map((f) => path.join('test', f)).sort();
const dialects = process.env.FAZHI_TEST_DB ? [process.env.FAZHI_TEST_DB] : ['sqlite', 'postgres'];
let failed = false;
for (const d of dialects) {
  console.log(`\n=== 测试数据库：${d} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
    stdio: 'inherit',
    env: { ...process.env, FAZHI_TEST_DB: d },
  });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
