/**
 * `npx tsx bench/requests.ts [--scale province]`: throughput of an authenticated simple read
 * (GET /api/me as a city officer, who reads the subtree of the city) against a bare Fastify route
 * answering a constant, in the same run. Both servers live in one child process (the same process
 * setup, on two ports); the load comes from this process over keep-alive sockets (one session
 * each), one request in flight per socket, in alternating one-second slices of the same total length. SQLite temp file, and PostgreSQL when reachable.
 * Nothing here asserts on time.
 *
 * Scale 'default': one city with two counties. 'province': a province of 14 cities and 100 counties,
 * and 5,000 other sessions in the table.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { inTx } from '../src/db/tx.ts';
import type { Db } from '../src/db/types.ts';
import { buildApp } from '../src/http/app.ts';
import { createOrgUnchecked, createUserUnchecked } from '../src/org/org.service.ts';
import { insertSession } from '../src/org/session.repo.ts';
import { runStandalone } from './databases.ts';
import type { BenchContext, BenchPart, BenchScale, GoalResult } from './goal.ts';

const _PG_URL = process.env.FAZHI_BENCH_PG_URL ?? process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_REQ_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_REQ_CONNECTIONS ?? 16);
const PASSWORD = 'Bench#Requests2026';
const GOAL = 0.4;

type Ports = { app: number; bare: number };

/** The org tree and the officer whose session the load uses. */
async function seed(db: Db, scale: BenchScale): Promise<void> {
  const actor = { userId: 'bench', username: 'bench', orgId: '', ip: 'bench' };
  const cities = scale === 'province' ? 14 : 1;
  const counties = scale === 'province' ? 100 : 2;
  const province = await createOrgUnchecked(db, actor, { name: '基准测试省民政厅', level: 'province' });
  const cityIds: string[] = [];
  for (let i = 0; i < cities; i++) {
    cityIds.push(await createOrgUnchecked(db, actor, { name: `基准测试市${i + 1}民政局`, level: 'city', parentId: province }));
  }
  for (let i = 0; i < counties; i++) {
    await createOrgUnchecked(db, actor, { name: `基准测试县${i + 1}民政局`, level: 'county', parentId: cityIds[i % cities] });
  }
  await createUserUnchecked(
    db,
    actor,
    {
      username: 'bench.officer',
      displayName: '基准',
      password: PASSWORD,
      role: 'officer',
      orgId: cityIds[0],
    },
    { oneTime: false },
  );
  if (scale === 'province') {
    const other = await createUserUnchecked(
      db,
      actor,
      {
        username: 'bench.other',
        displayName: '其他',
        password: PASSWORD,
        role: 'officer',
        orgId: cityIds[1],
      },
      { oneTime: false },
    );
    const now = new Date().toISOString();
    await inTx(db, async (trx) => {
      for (let i = 0; i < 5000; i++) {
        await insertSession(trx, { id: randomBytes(32).toString('hex'), user_id: other, created_at: now, last_seen_at: now, ip: 'bench' });
      }
    });
  }
}

/**
 * Requests answered in `seconds` over keep-alive sockets, one per entry of `headers` (the extra header
 * lines that socket sends); a non-200 answer counts as an error.
 */
function load(port: number, url: string, headers: readonly string[], seconds: number): Promise<{ n: number; errors: number }> {
  const HEAD_END = Buffer.from('\r\n\r\n');
  let n = 0;
  let errors = 0;
  let stop = false;
  const one = (extra: string) =>
    new Promise<void>((resolve, reject) => {
      const request = Buffer.from(`GET ${url} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: keep-alive\r\n\r\n`);
      const sock = net.connect(port, '127.0.0.1');
      sock.setNoDelay(true);
      let buf = Buffer.alloc(0);
      sock.on('connect', () => sock.write(request));
      sock.on('data', (chunk) => {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        for (;;) {
          const end = buf.indexOf(HEAD_END);
          if (end < 0) return;
          const head = buf.subarray(0, end).toString('latin1');
          const len = /\r\ncontent-length: *(\d+)/i.exec(head);
          if (!len) {
            sock.destroy();
            reject(new Error(`答复没有 content-length：${head.split('\r\n')[0]}`));
            return;
          }
          const total = end + 4 + Number(len[1]);
          if (buf.length < total) return;
          if (head.slice(9, 12) === '200') n++;
          else errors++;
          buf = buf.subarray(total);
          if (stop) {
            sock.end();
            return;
          }
          sock.write(request);
        }
      });
      sock.on('error', reject);
      sock.on('close', () => resolve());
    });
  const all = headers.map(one);
  const timer = setTimeout(() => {
    stop = true;
  }, seconds * 1000);
  return Promise.all(all).then(
    () => ({ n, errors }),
    (e: unknown) => {
      clearTimeout(timer);
      throw e;
    },
  );
}

async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench.officer', password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`登录失败：${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('登录没有返回会话');
  return cookie;
}

/** Starts the child process that serves both routes; resolves with its ports. */
function startServers(ctx: BenchContext) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_REQ_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, BENCH_REQ_URL: ctx.url, BENCH_REQ_SCHEMA: ctx.schema ?? '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ports = new Promise<Ports>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ports));
    child.once('exit', (code) => reject(new Error(`基准服务进程退出（${code}）`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { ports, stop };
}

export const requestsBench: BenchPart = async (ctx) => {
  await seed(ctx.db, ctx.scale);
  const servers = startServers(ctx);
  try {
    const ports = await servers.ports;
    // One session per socket, as from that many users: each request looks up its own session.
    const auth: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) auth.push(`Cookie: ${await login(ports.app)}\r\n`);
    const none = auth.map(() => '');
    // Warm-up: JIT, statement caches, the org tree.
    await load(ports.bare, '/', none, 1);
    await load(ports.app, '/api/me', auth, 1);
    // One-second slices taken in turns, so that load from elsewhere on the machine falls on both alike.
    const bare = { n: 0, errors: 0 };
    const me = { n: 0, errors: 0 };
    for (let i = 0; i < SECONDS; i++) {
      const b = await load(ports.bare, '/', none, 1);
      const m = await load(ports.app, '/api/me', auth, 1);
      bare.n += b.n;
      bare.errors += b.errors;
      me.n += m.n;
      me.errors += m.errors;
    }
    if (bare.errors || me.errors) throw new Error(`有失败的请求：裸路由 ${bare.errors}，/api/me ${me.errors}`);
    const bareRps = bare.n / SECONDS;
    const meRps = me.n / SECONDS;
    const ratio = meRps / bareRps;
    const result: GoalResult = {
      goal: `已登录的简单读取（GET /api/me，${ctx.dbName}）`,
      target: `≥ ${GOAL * 100}% 裸 Fastify 路由吞吐量`,
      measured: `${Math.round(meRps)} 次/秒，裸路由 ${Math.round(bareRps)} 次/秒（${CONNECTIONS} 个连接，各 ${SECONDS} 秒，交替进行）`,
      ratio,
      met: ratio >= GOAL,
    };
    return [result];
  } finally {
    await servers.stop();
  }
};

/** The child process: the application and a bare Fastify route, in the same process. */
async function serve(): Promise<void> {
  const url = process.env.BENCH_REQ_URL ?? '';
  const schema = process.env.BENCH_REQ_SCHEMA || undefined;
  const db = openDatabase(url, schema ? { schema } : {});
  const app = await buildApp(db, loadConfig({}), { webRoot: '/nonexistent' });
  const bare = Fastify();
  bare.get('/', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const portOf = (a: FastifyInstance) => {
    const addr = a.server.address();
    return typeof addr === 'object' && addr ? addr.port : 0;
  };
  process.send?.({ app: portOf(app), bare: portOf(bare) } satisfies Ports);
  process.once('SIGTERM', () => {
    void Promise.all([app.close(), bare.close()])
      .then(() => db.destroy())
      .then(() => process.exit(0));
  });
}

const main = () => runStandalone(requestsBench);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  (process.argv.includes('--serve') ? serve() : main()).catch((e: unknown) => {
    console.error(`基准测试失败：${(e as Error).message}`);
    process.exit(1);
  });
}
