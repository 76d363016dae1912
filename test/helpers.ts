/**
 * Test fixtures: a fresh real database per test file (a temp SQLite file, or a fresh PostgreSQL
 * schema when FAZHI_TEST_DB=postgres), a real HTTP server on loopback, and small factories.
 */
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Db } from '../src/db/types.ts';
import { buildApp } from '../src/http/app.ts';
import { createOrgUnchecked, createUnitUnchecked, createUserUnchecked } from '../src/org/org.service.ts';
import type { Role } from '../src/org/roles.ts';

export const DIALECT = process.env.FAZHI_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/**
 * The test process's deployment key lives in a temp dir of its own (CLI subprocesses inherit it
 * through the environment), never in the repository and never a deployment's; removed at exit.
 */
const KEY_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-key-'));
export const TEST_KEY_FILE = path.join(KEY_DIR, 'fazhi.key');
process.env.FAZHI_KEY_FILE = TEST_KEY_FILE;
delete process.env.FAZHI_SECRET;
delete process.env.AUDIT_ANCHOR_FILE;
process.on('exit', () => fs.rmSync(KEY_DIR, { recursive: true, force: true }));
export const PG_URL = process.env.FAZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * `open` gives another handle on the same database, as a second app server would have (closed by
 * `close`); `url` is a DATABASE_URL that reaches it (for the CLI as a subprocess).
 */
export type TestDb = { db: Db; open: () => Db; close: () => Promise<void>; url: string };

export async function makeDb(): Promise<TestDb> {
  return makeDbOf(DIALECT);
}

/** A fresh migrated database of the given kind, whichever the run tests (cross-database tests). */
export async function makeDbOf(dialect: 'sqlite' | 'postgres'): Promise<TestDb> {
  if (dialect === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = openDatabase(PG_URL, { poolMax: 1 });
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin);
    await admin.destroy();
    const db = openDatabase(PG_URL, { schema, poolMax: 4 });
    await migrateToLatest(db);
    const others: Db[] = [];
    const sep = PG_URL.includes('?') ? '&' : '?';
    return {
      db,
      url: `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      open: () => {
        const other = openDatabase(PG_URL, { schema, poolMax: 4 });
        others.push(other);
        return other;
      },
      close: async () => {
        for (const o of others) await o.destroy();
        await db.destroy();
        const a = openDatabase(PG_URL, { poolMax: 1 });
        await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(a);
        await a.destroy();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-test-'));
  const db = openDatabase(path.join(dir, 'test.db'));
  await migrateToLatest(db);
  const others: Db[] = [];
  return {
    db,
    url: path.join(dir, 'test.db'),
    open: () => {
      const other = openDatabase(path.join(dir, 'test.db'));
      others.push(other);
      return other;
    },
    close: async () => {
      for (const o of others) await o.destroy();
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The DATABASE_URL that reaches this handle's database from a CLI subprocess. */
export async function subprocessUrl(db: Db): Promise<string> {
  if (DIALECT === 'postgres') {
    const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s ?? '';
    return `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
  return (await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(db)).rows[0]?.file ?? '';
}

export const PASSWORD = 'Fazhi@2026test';
const actor = { userId: 'test', username: 'test', orgId: '', ip: 'test' };

export type World = {
  city: string;
  county: string;
  otherCounty: string;
  units: { office: string; welfare: string; countyOffice: string; otherOffice: string };
  users: Record<string, string>;
};

/** A city bureau with two county bureaus, units and one user per role. */
export async function makeWorld(db: Db): Promise<World> {
  const city = await createOrgUnchecked(db, actor, { name: '某市民政局', shortName: '市民政局', level: 'city' });
  const county = await createOrgUnchecked(db, actor, { name: '某县民政局', shortName: '县民政局', level: 'county', parentId: city });
  const otherCounty = await createOrgUnchecked(db, actor, { name: '另一县民政局', shortName: '另一县', level: 'county', parentId: city });
  const office = await createUnitUnchecked(db, actor, city, { name: '政策法规科', kind: '科室' });
  const welfare = await createUnitUnchecked(db, actor, city, { name: '社会救助科', kind: '科室' });
  const countyOffice = await createUnitUnchecked(db, actor, county, { name: '办公室', kind: '科室' });
  const otherOffice = await createUnitUnchecked(db, actor, otherCounty, { name: '办公室', kind: '科室' });
  const users: Record<string, string> = {};
  const add = async (username: string, role: Role, orgId: string, unitId: string | null = null) => {
    users[username] = await createUserUnchecked(
      db,
      actor,
      { username, displayName: username, password: PASSWORD, role, orgId, unitId },
      { oneTime: false },
    );
  };
  await add('officer', 'officer', city);
  await add('leader', 'leader', city);
  await add('staff', 'staff', city, welfare);
  await add('sysadmin', 'sysadmin', city);
  await add('secadmin', 'secadmin', city);
  await add('auditor', 'auditor', city);
  await add('county', 'officer', county);
  await add('other', 'officer', otherCounty);
  return { city, county, otherCounty, units: { office, welfare, countyOffice, otherOffice }, users };
}

export type Client = {
  get: (url: string) => Promise<Res>;
  post: (url: string, body?: unknown) => Promise<Res>;
  put: (url: string, body?: unknown) => Promise<Res>;
  del: (url: string) => Promise<Res>;
  raw: (url: string, init?: RequestInit) => Promise<Response>;
};
// biome-ignore lint/suspicious/noExplicitAny: response bodies are JSON of every route's shape; each test asserts what it reads
export type Res = { status: number; body: any; headers: Headers };

export type Server = { app: FastifyInstance; base: string; close: () => Promise<void> };

/**
 * The configuration of test servers: the defaults, except that the second factor is off unless a test
 * asks for it (`env`). Suites about records, reports and permissions log their admins in with the
 * password alone, as a deployment with SECOND_FACTOR=off does; login-factors.test.ts proves the steps
 * (real TOTP codes) with the default `admins` and with `all`.
 */
export const testConfig = (env: Record<string, string> = {}) => loadConfig({ FAZHI_KEY_FILE: TEST_KEY_FILE, SECOND_FACTOR: 'off', ...env });

/** Starts the app on a loopback port; `webRoot` serves a built web app (default: none, API only); `env` overrides the configuration. */
export async function startServer(db: Db, opts: { webRoot?: string; env?: Record<string, string> } = {}): Promise<Server> {
  const app = await buildApp(db, testConfig(opts.env), { webRoot: opts.webRoot ?? '/nonexistent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { app, base: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A logged-in HTTP client over the real socket (cookie kept). */
export async function client(base: string, username?: string, password = PASSWORD): Promise<Client> {
  let cookie = '';
  const raw = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(base + url, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return res;
  };
  const call = async (method: string, url: string, body?: unknown): Promise<Res> => {
    const res = await raw(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const c: Client = {
    get: (u) => call('GET', u),
    post: (u, b) => call('POST', u, b ?? {}),
    put: (u, b) => call('PUT', u, b ?? {}),
    del: (u) => call('DELETE', u),
    raw,
  };
  if (username) {
    const r = await c.post('/api/auth/login', { username, password });
    if (r.status !== 200 || r.body?.next) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return c;
}

/** What `serverSuite` gives a suite once its `before` hook has run. */
export type Suite = { t: TestDb; w: World; s: Server };

/**
 * A suite's fixture: a fresh database with the standard world and a server on loopback, made before
 * the suite's tests and closed after them. Read its fields inside hooks and tests, not at declaration.
 */
export function serverSuite(opts: { env?: Record<string, string> } = {}): Suite {
  const suite = {} as Suite;
  before(async () => {
    suite.t = await makeDb();
    suite.w = await makeWorld(suite.t.db);
    suite.s = await startServer(suite.t.db, opts);
  });
  after(async () => {
    await suite.s.close();
    await suite.t.close();
  });
  return suite;
}

/** A figure as /api/figures gives it, with the ids of its records read from its sources endpoint. */
export type SourcedFig = {
  key: string;
  value: number | null;
  sourceCount: number | null;
  sources: string[];
  breakdown?: Array<{ label: string; value: number; sourceCount: number; sources: string[] }>;
};

/** Every id on the pages of GET /api/figures/:key/sources (newest first). */
export async function sourceIdsOf(c: Client, key: string, q: Record<string, string | number>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const qs = new URLSearchParams({
      ...Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])),
      page: String(page),
      pageSize: '100',
    });
    const r = await c.get(`/api/figures/${encodeURIComponent(key)}/sources?${qs}`);
    if (r.status !== 200) throw new Error(`sources of ${key}: ${r.status} ${JSON.stringify(r.body)}`);
    ids.push(...(r.body.items as Array<{ id: string }>).map((x) => x.id));
    if (ids.length >= r.body.total || r.body.items.length === 0) return ids;
  }
}

/** The figures of a year with their records: the values from /api/figures, the ids from each figure's (and group's) sources endpoint. */
export async function figuresWithSources(c: Client, year: number, keys: string[]): Promise<Record<string, SourcedFig>> {
  const r = await c.get(`/api/figures?year=${year}&keys=${keys.join(',')}`);
  if (r.status !== 200) throw new Error(`figures: ${r.status} ${JSON.stringify(r.body)}`);
  const out: Record<string, SourcedFig> = {};
  for (const f of r.body.figures as Array<
    Omit<SourcedFig, 'sources' | 'breakdown'> & { breakdown?: Array<{ label: string; value: number; sourceCount: number }> }
  >) {
    const breakdown = f.breakdown
      ? await Promise.all(f.breakdown.map(async (g) => ({ ...g, sources: await sourceIdsOf(c, f.key, { year, part: g.label }) })))
      : undefined;
    const { breakdown: _values, ...rest } = f;
    out[f.key] = { ...rest, sources: await sourceIdsOf(c, f.key, { year }), ...(breakdown ? { breakdown } : {}) };
  }
  return out;
}
