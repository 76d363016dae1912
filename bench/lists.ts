/**
 * Bench part: the ledger list/filter API over HTTP (issue 7, 「列表/筛选接口」 and 「列表负载下的服务器
 * RSS」). Builds a province-like data set of 行政规范性文件 records straight into the table (bulk
 * inserts, no validation or audit: this times reads), starts the real app (src/http/app.ts) in a child
 * process so RSS is the server's alone, logs one officer in per county bureau, and lets N clients on
 * loopback list, filter (year, 科室, status), search titles (2 characters: LIKE; 3 and more: the
 * title index) and follow `next` cursors. The floor is a bare Fastify route served by the same child
 * in the same run. Prints the query plans of a filtered list and of title searches. Asserts nothing.
 *
 *   npx tsx bench/lists.ts [--scale province]     (SQLite temp file, then PostgreSQL if reachable)
 *   BENCH_LISTS_SECONDS=20 overrides the measuring time per database; BENCH_LISTS_DB=sqlite (or
 *   postgres) runs that one alone; BENCH_LISTS_PROF=<dir> writes the server's CPU profile there.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { CompiledQuery, type Insertable, sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { dialectOf } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Db, RecordTable } from '../src/db/types.ts';
import { Rng } from '../src/demo/rng.ts';
import { buildApp } from '../src/http/app.ts';
import { type RecordQuery, recordListQuery } from '../src/ledger/record.repo.ts';
import '../src/modules/index.ts';
import { NORMDOC_STATUSES, normdoc } from '../src/modules/normdoc/normdoc.ledger.ts';
import { createOrgUnchecked, createUnitUnchecked, createUserUnchecked } from '../src/org/org.service.ts';
import { runStandalone } from './databases.ts';
import type { BenchContext, BenchPart, BenchScale, GoalResult } from './goal.ts';

const SIZES: Record<BenchScale, { records: number; bureaus: number; clients: number; seconds: number }> = {
  default: { records: 100_000, bureaus: 20, clients: 50, seconds: 8 },
  province: { records: 1_000_000, bureaus: 100, clients: 200, seconds: 20 },
};
const GOAL_P99_MS = 50;
const GOAL_RSS_MB = 300;
const KIND_LABEL = { list: '列表/筛选首页', search: '标题搜索首页', next: '按游标翻页' } as const;
const PASSWORD = 'Bench@2026lists';
const PAGE = 20;
const YEARS = [2021, 2022, 2023, 2024, 2025];
const TOPICS = ['低保', '特困供养', '养老服务', '殡葬管理', '婚姻登记', '临时救助', '社会组织', '慈善募捐', '儿童福利', '残疾人两项补贴'];
const KINDS = ['审批办法', '管理规定', '实施细则', '工作规程', '指导意见'];
/** 2 characters (LIKE), and 3 or more (the title index); a rare one finds a few rows among many. */
const SEARCHES = ['低保', '救助', '特困供养', '养老服务管理', '实施细则', '第1234号', '婚姻登记工作规程'];

type Bureau = { id: string; units: string[]; username: string };

const actor = { userId: 'bench', username: 'bench', orgId: '', ip: 'bench' };

export async function buildData(db: Db, scale: BenchScale): Promise<Bureau[]> {
  const size = SIZES[scale];
  const rng = new Rng(`bench-lists-${scale}`);
  const province = await createOrgUnchecked(db, actor, { name: '基准测试省民政厅', level: 'province' });
  const bureaus: Bureau[] = [];
  for (let b = 0; b < size.bureaus; b++) {
    const id = await createOrgUnchecked(db, actor, { name: `基准测试第${b + 1}县民政局`, level: 'county', parentId: province });
    const units: string[] = [];
    for (const name of ['办公室', '社会救助科', '政策法规科']) units.push(await createUnitUnchecked(db, actor, id, { name, kind: '科室' }));
    const username = `bench${b + 1}`;
    await createUserUnchecked(
      db,
      actor,
      { username, displayName: username, password: PASSWORD, role: 'officer', orgId: id, unitId: null },
      { oneTime: false },
    );
    bureaus.push({ id, units, username });
  }
  const batch = dialectOf(db) === 'postgres' ? 2000 : 1000;
  const at0 = Date.parse('2026-01-01T00:00:00.000Z');
  for (let done = 0; done < size.records; done += batch) {
    const rows: Insertable<RecordTable>[] = [];
    for (let i = done; i < Math.min(done + batch, size.records); i++) {
      const b = bureaus[i % bureaus.length];
      const status = rng.pick(NORMDOC_STATUSES);
      const publishedOn = status === '起草中' ? null : rng.date('2021-01-01', '2025-12-31');
      const unitId = rng.pick(b.units);
      const title = `关于${rng.pick(TOPICS)}的${rng.pick(KINDS)}（第${i}号）`;
      const data = { title, unitId, status, ...(publishedOn ? { publishedOn } : {}) };
      const at = new Date(at0 + i * 1000).toISOString();
      rows.push({
        id: `L${i}`,
        org_id: b.id,
        ledger: normdoc.key,
        unit_id: unitId,
        occurred_on: publishedOn,
        year: publishedOn ? Number(publishedOn.slice(0, 4)) : rng.pick(YEARS),
        title,
        status,
        data: JSON.stringify(data),
        version: 1,
        data_version: normdoc.version,
        created_at: at,
        created_by: 'bench',
        updated_at: at,
        updated_by: 'bench',
        deleted_at: null,
      });
    }
    // Bench data only: one multi-row insert per batch, what a bulk import does.
    await db.transaction().execute((trx) => trx.insertInto('record').values(rows).execute());
  }
  // PostgreSQL's autovacuum vacuums and analyzes a table soon after such a load (inserts trigger it
  // since PostgreSQL 13); do it now, so plans and index-only scans are what they will be.
  if (dialectOf(db) === 'postgres') await sql`VACUUM ANALYZE record`.execute(db);
  return bureaus;
}

/** The plan of the list query the API runs for `q` (PostgreSQL: EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN). */
async function planOf(db: Db, q: RecordQuery): Promise<string> {
  const c = recordListQuery(db, q).compile();
  const pg = dialectOf(db) === 'postgres';
  const prefix = pg ? 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ' : 'EXPLAIN QUERY PLAN ';
  const r = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + c.sql, [...c.parameters]));
  return r.rows.map((row) => String(pg ? row['QUERY PLAN'] : row.detail)).join('\n');
}

// ---- the child process: the server under test, and the bare route of the floor ----

async function serve(): Promise<void> {
  const url = process.env.BENCH_LISTS_URL ?? '';
  const schema = process.env.BENCH_LISTS_SCHEMA || undefined;
  const db = openDatabase(url, schema ? { schema } : {});
  const app = await buildApp(db, loadConfig({}), { webRoot: '/nonexistent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify();
  bare.get('/bare', async () => ({ ok: true }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const port = (f: { server: http.Server }) => {
    const a = f.server.address();
    return typeof a === 'object' && a ? a.port : 0;
  };
  process.send?.({ app: port(app), bare: port(bare) });
  process.on('disconnect', () => {
    void Promise.all([app.close(), bare.close()])
      .then(() => db.destroy())
      .finally(() => process.exit(0));
  });
}

/** Resident set of a process now and at its peak, in MB (Linux /proc). */
function rssOf(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

// ---- the load ----

type Res = { status: number; body: string; cookie: string | null };

function request(agent: http.Agent, port: number, pathAndQuery: string, opts: { cookie?: string; body?: unknown } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathAndQuery,
        method: body ? 'POST' : 'GET',
        agent,
        headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0] ?? null,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] ?? 0;

/** `clients` loops, each issuing `next()` requests back to back until `seconds` have passed. */
type Kind = 'list' | 'search' | 'next' | 'bare';
type Load = { latencies: number[]; byKind: Map<Kind, number[]>; errors: number; rps: number };

async function load(clients: number, seconds: number, next: (client: number) => Promise<Kind>): Promise<Load> {
  const latencies: number[] = [];
  const byKind = new Map<Kind, number[]>();
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_v, c) => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const kind = await next(c);
          const ms = performance.now() - t;
          latencies.push(ms);
          const xs = byKind.get(kind) ?? [];
          xs.push(ms);
          byKind.set(kind, xs);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, byKind, errors, rps: latencies.length / ((performance.now() - t0) / 1000) };
}

type ClientState = { cookie: string; bureau: Bureau; next: string | null; depth: number; base: string };

function listUrl(rng: Rng, s: ClientState): string {
  const p = new URLSearchParams({ pageSize: String(PAGE) });
  const roll = rng.int(1, 10);
  if (roll <= 3) {
    p.set('q', rng.pick(SEARCHES));
    if (rng.chance(0.5)) p.set('year', String(rng.pick(YEARS)));
  } else {
    if (rng.chance(0.7)) p.set('year', String(rng.pick(YEARS)));
    if (rng.chance(0.5)) p.set('unitId', rng.pick(s.bureau.units));
    if (rng.chance(0.5)) p.set('status', rng.pick(NORMDOC_STATUSES));
  }
  return `/api/ledgers/${normdoc.key}/records?${p}`;
}

async function measure(ctx: BenchContext, bureaus: Bureau[]): Promise<{ list: Load; bare: Load; rss: { now: number; peak: number } }> {
  const size = SIZES[ctx.scale];
  const seconds = Number(process.env.BENCH_LISTS_SECONDS ?? size.seconds);
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_LISTS_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_LISTS_PROF}`] : []),
    ],
    env: { ...process.env, BENCH_LISTS_URL: ctx.url, BENCH_LISTS_SCHEMA: ctx.schema ?? '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ports = await new Promise<{ app: number; bare: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { app: number; bare: number }));
      child.once('exit', (code) => reject(new Error(`服务器子进程退出（${code}）`)));
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: size.clients });
    const cookies = new Map<string, string>();
    for (const b of bureaus) {
      const r = await request(agent, ports.app, '/api/auth/login', { body: { username: b.username, password: PASSWORD } });
      if (r.status !== 200 || !r.cookie) throw new Error(`登录失败：${b.username} ${r.status} ${r.body}`);
      cookies.set(b.username, r.cookie);
    }
    const states: ClientState[] = Array.from({ length: size.clients }, (_v, c) => {
      const bureau = bureaus[c % bureaus.length];
      return { cookie: cookies.get(bureau.username) ?? '', bureau, next: null, depth: 0, base: '' };
    });
    const rng = new Rng(`bench-lists-load-${ctx.scale}`);
    const one = async (c: number): Promise<Kind> => {
      const s = states[c];
      // Mostly a fresh list (new filters); otherwise the next page of the last one, up to 5 deep.
      const follow = s.next !== null && s.depth < 5 && rng.chance(0.4);
      const url = follow && s.next ? `${s.base}&after=${encodeURIComponent(s.next)}` : listUrl(rng, s);
      if (!follow) {
        s.base = url;
        s.depth = 0;
      }
      const r = await request(agent, ports.app, url, { cookie: s.cookie });
      if (r.status !== 200) throw new Error(`${r.status} ${r.body}`);
      const page = JSON.parse(r.body) as { next: string | null };
      s.next = page.next;
      s.depth++;
      return follow ? 'next' : url.includes('&q=') ? 'search' : 'list';
    };
    await load(size.clients, Math.min(2, seconds), one); // warm up: connections, caches, JIT
    const list = await load(size.clients, seconds, one);
    const rss = rssOf(child.pid ?? 0);
    const bare = await load(size.clients, Math.max(3, seconds / 2), async () => {
      const r = await request(agent, ports.bare, '/bare');
      if (r.status !== 200) throw new Error(String(r.status));
      return 'bare';
    });
    agent.destroy();
    return { list, bare, rss };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    const timer = setTimeout(() => child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

export const listsBench: BenchPart = async (ctx) => {
  const size = SIZES[ctx.scale];
  await migrateToLatest(ctx.db);
  const t0 = performance.now();
  const bureaus = await buildData(ctx.db, ctx.scale);
  console.log(`  [${ctx.dbName}] 写入 ${size.records} 条记录：${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const b = bureaus[0];
  const plans = {
    filtered: await planOf(ctx.db, {
      orgIds: [b.id],
      ledger: normdoc.key,
      year: 2024,
      unitId: b.units[1],
      status: '有效',
      limit: PAGE + 1,
    }),
    search3: await planOf(ctx.db, { orgIds: [b.id], ledger: normdoc.key, q: '第1234号', limit: PAGE + 1 }),
    search2: await planOf(ctx.db, { orgIds: [b.id], ledger: normdoc.key, q: '低保', limit: PAGE + 1 }),
    after: await planOf(ctx.db, {
      orgIds: [b.id],
      ledger: normdoc.key,
      after: { date: '2023-06-30', createdAt: '2026-01-01T10:00:00.000Z', id: 'L36000' },
      limit: PAGE + 1,
    }),
  };
  for (const [k, p] of Object.entries(plans)) console.log(`  [${ctx.dbName}] 查询计划（${k}）：\n    ${p.replace(/\n/g, '\n    ')}`);
  const m = await measure(ctx, bureaus);
  const listP99 = p99(m.list.latencies);
  const bareP99 = p99(m.bare.latencies);
  const idx = (plan: string) => [...new Set(plan.match(/record_[a-z_]+/g) ?? [])].join('+') || '无索引';
  const kinds = (['list', 'search', 'next'] as const)
    .map((k) => `${KIND_LABEL[k]} ${p99(m.list.byKind.get(k) ?? []).toFixed(1)} ms（${m.list.byKind.get(k)?.length ?? 0} 次）`)
    .join('，');
  const what = `${size.records.toLocaleString('en')} 条、${size.bureaus} 个县局、${size.clients} 个并发客户端`;
  return [
    {
      goal: `列表/筛选接口（${ctx.dbName}，${what}）`,
      target: `p99 ≤ ${GOAL_P99_MS} ms`,
      measured:
        `p99 ${listP99.toFixed(1)} ms（${m.list.latencies.length} 次请求，${m.list.rps.toFixed(0)} 次/秒，错误 ${m.list.errors}；${kinds}）；` +
        `裸 Fastify 路由 p99 ${bareP99.toFixed(1)} ms（${m.bare.rps.toFixed(0)} 次/秒）；` +
        `索引：筛选 ${idx(plans.filtered)}，下一页 ${idx(plans.after)}，标题 3 字以上 ${idx(plans.search3)}，2 字 ${idx(plans.search2)}`,
      ratio: bareP99 > 0 ? listP99 / bareP99 : null,
      met: listP99 <= GOAL_P99_MS && m.list.errors === 0,
    },
    {
      goal: `列表负载下的服务器 RSS（${ctx.dbName}，${what}）`,
      target: `≤ ${GOAL_RSS_MB} MB`,
      measured: `峰值 ${m.rss.peak.toFixed(0)} MB（负载结束时 ${m.rss.now.toFixed(0)} MB）`,
      ratio: m.rss.peak / GOAL_RSS_MB,
      met: m.rss.peak <= GOAL_RSS_MB,
    },
  ] satisfies GoalResult[];
};

// ---- standalone ----

const _PG_URL = process.env.FAZHI_BENCH_PG_URL ?? process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function _print(rows: GoalResult[]): void {
  for (const r of rows) {
    console.log(
      `| ${r.goal} | ${r.target} | ${r.measured} | ${r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`} | ${r.met ? '达标' : '未达标'} |`,
    );
  }
}

const main = () => runStandalone(listsBench);

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const run = process.argv.includes('--serve') ? serve() : main();
  run.catch((e: unknown) => {
    console.error(`基准测试失败：${(e as Error).stack ?? e}`);
    process.exit(1);
  });
}
