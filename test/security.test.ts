/**
 * 等保 controls on the real server and database: password policy, lockout with audited failures, idle
 * session expiry, 三员分立, the append-only hash-chained audit log (and that tampering is detected), and
 * 500 errors that carry a request id and no stack.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import { dialectOf } from '../src/db/dialect.ts';
import { buildApp } from '../src/http/app.ts';
import { passwordProblem } from '../src/org/auth.service.ts';
import { createUserUnchecked } from '../src/org/org.service.ts';
import { client, makeDb, makeWorld, PASSWORD, type Server, startServer, type TestDb, testConfig, type World } from './helpers.ts';

describe('security (等保)', () => {
  let t: TestDb;
  let s: Server;
  let w: World;
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    s = await startServer(t.db);
  });
  after(async () => {
    await s?.close();
    await t?.close();
  });

  it('enforces the password policy with Chinese reasons, in the service and over the API', async () => {
    assert.equal(await passwordProblem('Ab1!xyz'), '密码长度不能少于10位');
    assert.match((await passwordProblem('abcdefghij1')) ?? '', /至少三类/);
    assert.match((await passwordProblem('alllowercase')) ?? '', /至少三类/);
    assert.match((await passwordProblem('Zhang.San2026', 'zhang.san')) ?? '', /不能包含用户名/);
    assert.equal(await passwordProblem('Strong#2026x'), null);
    await assert.rejects(
      createUserUnchecked(
        t.db,
        { userId: 't', username: 't', orgId: w.city, ip: 't' },
        { username: 'weak1', displayName: '弱', password: 'passwordpassword', role: 'officer', orgId: w.city },
      ),
      (e: Error) => /至少三类/.test(e.message),
    );
    // An administrator never picks a password: the server generates a one-time one.
    const admin = await client(s.base, 'sysadmin');
    const r = await admin.post('/api/users', {
      username: 'weak2',
      displayName: '弱',
      password: '12345678',
      role: 'officer',
      orgId: w.city,
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'password');
    assert.match(r.body.detail, /由系统生成/);
    const me = await client(s.base, 'officer');
    const ch = await me.post('/api/me/password', { oldPassword: PASSWORD, newPassword: 'short' });
    assert.equal(ch.status, 400);
    assert.match(ch.body.detail, /密码长度不能少于10位/);
  });

  it('locks an account after 5 failures (423, Chinese detail) and audits every failed attempt', async () => {
    const before = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'auth.login')
      .where('success', '=', 0)
      .where('username', '=', 'leader')
      .executeTakeFirst();
    const c = await client(s.base);
    for (let i = 1; i <= 5; i++) {
      const r = await c.post('/api/auth/login', { username: 'leader', password: `Wrong#${i}pass` });
      assert.equal(r.status, 401, `attempt ${i}`);
      assert.equal(r.body.detail, '用户名或密码错误');
    }
    const locked = await c.post('/api/auth/login', { username: 'leader', password: PASSWORD });
    assert.equal(locked.status, 423, '正确密码在锁定期内也应被拒绝');
    assert.match(locked.body.detail, /登录失败次数过多，该账户已暂停登录/);
    const afterN = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'auth.login')
      .where('success', '=', 0)
      .where('username', '=', 'leader')
      .executeTakeFirst();
    assert.equal(Number(afterN?.n) - Number(before?.n), 6);
    const unknown = await c.post('/api/auth/login', { username: 'nobody', password: 'Wrong#1pass' });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.detail, '用户名或密码错误', '不泄露用户名是否存在');
    // 安全管理员 unlocks; the user can log in again.
    const sec = await client(s.base, 'secadmin');
    assert.equal((await sec.put(`/api/users/${w.users.leader}/security`, { unlock: true })).status, 200);
    assert.equal((await c.post('/api/auth/login', { username: 'leader', password: PASSWORD })).status, 200);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie; a password too old must be changed before there is a session', async () => {
    const res = await fetch(`${s.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /fazhi_sid=/);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    assert.equal(((await res.json()) as { next?: string }).next, undefined);
    // 等保: periodic change. A password older than PASSWORD_MAX_AGE_DAYS (90) must be changed first.
    await t.db.updateTable('app_user').set({ password_changed_at: '2020-01-01T00:00:00.000Z' }).where('username', '=', 'county').execute();
    const c = await client(s.base);
    const old = await c.post('/api/auth/login', { username: 'county', password: PASSWORD });
    assert.equal(old.status, 200);
    assert.equal(old.body.next, 'change-password');
    assert.equal(old.headers.get('set-cookie'), null);
    const changed = await c.post('/api/auth/login/password', { challenge: old.body.challenge, newPassword: 'Renewed#Pw2026' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.user.username, 'county');
    const again = await c.post('/api/auth/login', { username: 'county', password: 'Renewed#Pw2026' });
    assert.equal(again.body.next, undefined);
    assert.equal(again.body.user.username, 'county');
  });

  it('expires an idle session', async () => {
    const app = await buildApp(t.db, testConfig({ SESSION_IDLE_MINUTES: '2' }), { webRoot: '/nonexistent' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    try {
      const c = await client(base, 'staff');
      assert.equal((await c.get('/api/me')).status, 200);
      const sessions = await t.db.selectFrom('session').select(['id']).where('user_id', '=', w.users.staff).execute();
      assert.ok(sessions.length >= 1);
      // One minute idle: still valid.
      await t.db
        .updateTable('session')
        .set({ last_seen_at: new Date(Date.now() - 60_000).toISOString() })
        .where('user_id', '=', w.users.staff)
        .execute();
      assert.equal((await c.get('/api/me')).status, 200);
      // Three minutes idle: expired and removed.
      await t.db
        .updateTable('session')
        .set({ last_seen_at: new Date(Date.now() - 3 * 60_000).toISOString() })
        .where('user_id', '=', w.users.staff)
        .execute();
      const r = await c.get('/api/me');
      assert.equal(r.status, 401);
      assert.equal(r.body.detail, '请先登录');
      const left = await t.db.selectFrom('session').select('id').where('user_id', '=', w.users.staff).execute();
      assert.equal(left.length, 0);
    } finally {
      await app.close();
    }
  });

  it('separates the three admin roles (三员分立); none of them reads records', async () => {
    const sys = await client(s.base, 'sysadmin');
    const sec = await client(s.base, 'secadmin');
    const aud = await client(s.base, 'auditor');
    assert.equal((await sys.get('/api/audit')).status, 403, '系统管理员不能看审计日志');
    assert.equal((await sys.get('/api/audit/verify')).status, 403);
    assert.equal((await sec.get('/api/audit')).status, 403, '安全管理员不能看审计日志');
    assert.equal((await aud.get('/api/audit')).status, 200);
    const newUser = { username: 'sneaky', displayName: '越权', role: 'officer', orgId: w.city };
    assert.equal((await aud.post('/api/users', newUser)).status, 403, '审计管理员不能建用户');
    assert.equal((await sec.post('/api/users', newUser)).status, 403, '安全管理员不能建用户');
    assert.equal((await sys.put(`/api/users/${w.users.officer}/security`, { unlock: true })).status, 403, '系统管理员不能重置密码或解锁');
    assert.equal((await aud.put(`/api/users/${w.users.officer}/security`, { unlock: true })).status, 403);
    for (const c of [sys, sec, aud]) {
      assert.equal((await c.get('/api/ledgers/study_session/records')).status, 403);
      assert.equal((await c.get('/api/figures?year=2025')).status, 403);
      assert.equal(
        (await c.post('/api/ledgers/study_session/records', { data: { date: '2025-01-02', kind: '在线学法', topic: 'x' } })).status,
        403,
      );
    }
    const created = await sys.post('/api/users', newUser);
    assert.equal(created.status, 200, JSON.stringify(created.body));
  });

  it('the audit log is append-only: an UPDATE or DELETE is refused by the database', async () => {
    const aud = await client(s.base, 'auditor');
    const v = await aud.get('/api/audit/verify');
    assert.equal(v.status, 200);
    assert.equal(v.body.ok, true, JSON.stringify(v.body));
    assert.ok(v.body.checked > 10);
    await assert.rejects(sql`UPDATE audit_log SET detail = '{}' WHERE seq = 3`.execute(t.db), /审计日志只能追加/);
    await assert.rejects(sql`DELETE FROM audit_log WHERE seq = 3`.execute(t.db), /审计日志只能追加/);
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  it('detects tampering once the trigger is dropped by someone with database superuser rights', async () => {
    if (dialectOf(t.db) === 'postgres') await sql`DROP TRIGGER audit_log_no_update ON audit_log`.execute(t.db);
    else await sql`DROP TRIGGER audit_log_no_update`.execute(t.db);
    const row = await t.db
      .selectFrom('audit_log')
      .select(['seq', 'detail'])
      .where('action', '=', 'user.create')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_log SET detail = ${'{"username":"someone-else"}'} WHERE seq = ${row.seq}`.execute(t.db);
    const check = await verifyAuditChain(t.db);
    assert.equal(check.ok, false);
    assert.equal(check.brokenAt, Number(row.seq));
    assert.match(check.reason ?? '', /哈希/);
    const aud = await client(s.base, 'auditor');
    const v = await aud.get('/api/audit/verify');
    assert.equal(v.body.ok, false);
    assert.equal(v.body.brokenAt, Number(row.seq));
  });

  it('a 500 carries a request id and no stack trace', async () => {
    const c = await client(s.base, 'officer');
    const errors: unknown[] = [];
    const orig = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await sql`ALTER TABLE record RENAME TO record_gone`.execute(t.db);
      const r = await c.get('/api/ledgers/study_session/records');
      assert.equal(r.status, 500);
      assert.equal(r.headers.get('content-type')?.startsWith('application/problem+json'), true);
      assert.ok(typeof r.body.requestId === 'string' && r.body.requestId.length >= 6);
      assert.equal(r.body.detail, `服务器内部错误，请联系管理员（请求编号 ${r.body.requestId}）`);
      const text = JSON.stringify(r.body);
      assert.doesNotMatch(text, /record_gone|no such table|does not exist|at [\w.]+ \(|\.ts:\d+|SqliteError|node_modules/);
    } finally {
      await sql`ALTER TABLE record_gone RENAME TO record`.execute(t.db);
      console.error = orig;
    }
    assert.ok(errors.length >= 1, 'the stack is logged on the server');
    assert.equal((await c.get('/api/ledgers/study_session/records')).status, 200);
  });
});
