/**
 * Sessions and the org tree across app servers. The product runs several servers on one database;
 * here two Fastify apps from src/http/app.ts, each with its own database handle (so its own
 * connection, statement cache, org tree and session batcher), share one SQLite file or one PostgreSQL
 * schema. A session ended through one must be refused by the other at once, and a bureau created
 * through one must be in the other's org tree on its next request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/types.ts';
import { buildApp } from '../src/http/app.ts';
import { createOrgUnchecked, createUserUnchecked } from '../src/org/org.service.ts';
import { makeDb, makeWorld, PASSWORD, type TestDb, testConfig, type World } from './helpers.ts';

type Instance = { app: FastifyInstance; base: string };

async function start(db: Db): Promise<Instance> {
  const app = await buildApp(db, testConfig(), { webRoot: '/nonexistent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}

/** Logs in on one server; the session cookie it returns. */
async function login(on: Instance, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${on.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, `login ${username}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  assert.ok(cookie);
  return cookie;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are JSON of several routes' shapes
async function call(on: Instance, cookie: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(on.base + url, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const cli = { userId: 'cli', username: 'cli', orgId: '', ip: 'cli' };
const me = (on: Instance, cookie: string) => call(on, cookie, 'GET', '/api/me');

describe('sessions and the org tree across two app servers on one database', () => {
  let t: TestDb;
  let w: World;
  let a: Instance;
  let b: Instance;
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    a = await start(t.db);
    b = await start(t.open());
  });
  after(async () => {
    await a?.app.close();
    await b?.app.close();
    await t?.close();
  });

  it('a session made on one server works on the other; logged out on one, it is refused by the other at once', async () => {
    const cookie = await login(a, 'staff');
    assert.equal((await me(b, cookie)).status, 200);
    assert.equal((await me(a, cookie)).body.username, 'staff');
    assert.equal((await call(a, cookie, 'POST', '/api/auth/logout', {})).status, 200);
    const after = await me(b, cookie);
    assert.equal(after.status, 401);
    assert.equal(after.body.detail, '请先登录');
    assert.equal((await me(a, cookie)).status, 401);
  });

  it('deactivation, a role change and a password reset on one server end the sessions on the other at once', async () => {
    const sec = await login(a, 'secadmin');
    const sys = await login(a, 'sysadmin');
    // A business role is changed by the 系统管理员; resets and deactivation are the 安全管理员's.
    const cases: Array<{ username: string; by: string; url: string; change: Record<string, unknown> }> = [
      { username: 'x.role', by: sys, url: '', change: { role: 'officer' } },
      { username: 'x.reset', by: sec, url: '/security', change: { resetPassword: true } },
      { username: 'x.gone', by: sec, url: '/security', change: { active: false } },
    ];
    for (const { username, by, url, change } of cases) {
      const id = await createUserUnchecked(
        t.db,
        cli,
        {
          username,
          displayName: username,
          password: PASSWORD,
          role: 'leader',
          orgId: w.city,
        },
        { oneTime: false },
      );
      const cookie = await login(a, username);
      assert.equal((await me(b, cookie)).status, 200, username);
      const r = await call(a, by, 'PUT', `/api/users/${id}${url}`, change);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal((await me(b, cookie)).status, 401, `${username} after ${JSON.stringify(change)}`);
    }
    // The role change took effect: on logging in again through the other server, the new role.
    const again = await login(b, 'x.role');
    assert.equal((await me(a, again)).body.role, 'officer');
  });

  it('sees a bureau created through the other server, or by the CLI, on its next request', async () => {
    const officer = await login(b, 'officer');
    const before = await me(b, officer);
    assert.deepEqual(before.body.orgs.map((o: { id: string }) => o.id).sort(), [w.city, w.county, w.otherCounty].sort());
    const sys = await login(a, 'sysadmin');
    const created = await call(a, sys, 'POST', '/api/orgs', { name: '新设县民政局', level: 'county' });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const viaApi: string = created.body.id;
    const seen = await me(b, officer);
    assert.ok(seen.body.orgs.some((o: { id: string; name: string }) => o.id === viaApi && o.name === '新设县民政局'));
    // readOrgIds follows too: the city officer's list of bureaus (read from the database by those ids).
    const orgs = await call(b, officer, 'GET', '/api/orgs');
    assert.ok(orgs.body.some((o: { id: string }) => o.id === viaApi));
    // Written past both servers (the CLI's path): another county of the city (a county has no bureau below it).
    const viaCli = await createOrgUnchecked(t.db, cli, { name: '又一新设县民政局', level: 'county', parentId: w.city });
    for (const on of [a, b]) {
      const ids = (await me(on, officer)).body.orgs.map((o: { id: string }) => o.id);
      assert.ok(ids.includes(viaCli) && ids.includes(viaApi), 'both new counties are in the subtree');
    }
    // Staff read only their own bureau, whatever the tree holds.
    const staff = await login(a, 'staff');
    assert.deepEqual(
      (await me(b, staff)).body.orgs.map((o: { id: string }) => o.id),
      [w.city],
    );
  });

  it('answers requests that arrive together each with its own session', async () => {
    const users = ['officer', 'staff', 'auditor', 'sysadmin'];
    const cookies = await Promise.all(users.map((u) => login(a, u)));
    const bogus = 'fazhi_sid=not-a-session';
    const asked = Array.from({ length: 40 }, (_, i) =>
      i % 5 === 4 ? { cookie: bogus, user: null } : { cookie: cookies[i % 4], user: users[i % 4] },
    );
    const answers = await Promise.all(asked.map((q, i) => me(i % 2 ? a : b, q.cookie)));
    answers.forEach((r, i) => {
      const q = asked[i];
      if (q.user === null) assert.equal(r.status, 401);
      else assert.equal(r.body.username, q.user);
    });
  });

  it('expires an idle session on every server; a request after more than 30 s idle renews it, one within 30 s writes nothing', async () => {
    await t.db.deleteFrom('session').where('user_id', '=', w.users.staff).execute();
    const cookie = await login(a, 'staff');
    const lastSeen = async () => {
      const rows = await t.db.selectFrom('session').select('last_seen_at').where('user_id', '=', w.users.staff).execute();
      assert.equal(rows.length, 1);
      return rows[0].last_seen_at;
    };
    const setLastSeen = (msAgo: number) =>
      t.db
        .updateTable('session')
        .set({ last_seen_at: new Date(Date.now() - msAgo).toISOString() })
        .where('user_id', '=', w.users.staff)
        .execute();
    await setLastSeen(5_000);
    const recent = await lastSeen();
    assert.equal((await me(b, cookie)).status, 200);
    assert.equal(await lastSeen(), recent, 'not written within 30 s');
    await setLastSeen(10 * 60_000);
    const old = await lastSeen();
    assert.equal((await me(b, cookie)).status, 200);
    assert.ok((await lastSeen()) > old, 'renewed after more than 30 s');
    // SESSION_IDLE_MINUTES is 30 by default: 31 minutes idle is refused by both, and the session removed.
    await setLastSeen(31 * 60_000);
    assert.equal((await me(b, cookie)).status, 401);
    assert.equal((await me(a, cookie)).status, 401);
    const left = await t.db.selectFrom('session').select('id').where('user_id', '=', w.users.staff).execute();
    assert.equal(left.length, 0);
  });
});
