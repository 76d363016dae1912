/**
 * Login in steps, the second factor and login abuse, through the real HTTP API of two app servers on
 * one database (a step begun on one is finished on the other). TOTP codes are real: generated from
 * the stored or shown secret with otpauth, at the current time or one 30 s step ahead (the ±1 step
 * window accepts it), so no test waits for the clock.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import {
  type Client,
  client,
  makeDb,
  makeWorld,
  PASSWORD,
  type Res,
  type Server,
  startServer,
  type TestDb,
  type World,
} from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The code an authenticator app shows for `secret`, `steps` periods of 30 s from now. */
const codeOf = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + steps * 30_000 });

/** A code that is not valid now (five minutes ahead, far outside the ±1 step window). */
const staleCode = (secret: string) => codeOf(secret, 10);

async function on(s: Server): Promise<Client> {
  return client(s.base);
}

const problem = (r: Res) => ({ status: r.status, id: r.body?.id, title: r.body?.title, detail: r.body?.detail });

function fazhi(url: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, FAZHI_DEBUG: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function auditCount(t: TestDb, action: string, username?: string): Promise<number> {
  let q = t.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action);
  if (username) q = q.where('username', '=', username);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** A suite's database with the standard world and two app servers on it (each its own handle), both with `env`. */
function twoServers(env: Record<string, string>): { t: TestDb; w: World; a: Server; b: Server } {
  const f = {} as { t: TestDb; w: World; a: Server; b: Server };
  before(async () => {
    f.t = await makeDb();
    f.w = await makeWorld(f.t.db);
    f.a = await startServer(f.t.db, { env });
    f.b = await startServer(f.t.open(), { env });
  });
  after(async () => {
    await f.a?.close();
    await f.b?.close();
    await f.t?.close();
  });
  return f;
}

describe('login in steps and the second factor (two servers, one database)', () => {
  const f = twoServers({ SECOND_FACTOR: 'admins' });

  /** Who enrolled in an earlier test of this suite (tests run in order). */
  const enrolled: Record<string, { secret: string; codes: string[]; c: Client }> = {};

  /** First login of an admin on server A, enrolment finished on server B: the signed-in client, its secret and codes. */
  async function enrol(username: string): Promise<{ c: Client; secret: string; codes: string[] }> {
    const c = await on(f.a);
    const r1 = await c.post('/api/auth/login', { username, password: PASSWORD });
    assert.equal(r1.status, 200, JSON.stringify(r1.body));
    assert.equal(r1.body.next, 'enrol-second-factor');
    const secret: string = r1.body.enrolment.secret;
    const cb = await on(f.b);
    const r2 = await cb.post('/api/auth/login/enrol', { challenge: r1.body.challenge, code: codeOf(secret) });
    assert.equal(r2.status, 200, JSON.stringify(r2.body));
    return { c: cb, secret, codes: r2.body.recoveryCodes };
  }

  it('a one-time password must be changed before any route works (begun on A, finished on B)', async () => {
    await f.t.db.updateTable('app_user').set({ must_change_password: 1 }).where('username', '=', 'officer').execute();
    const c = await on(f.a);
    const r = await c.post('/api/auth/login', { username: 'officer', password: PASSWORD });
    assert.equal(r.status, 200);
    assert.equal(r.body.next, 'change-password');
    assert.equal(typeof r.body.challenge, 'string');
    assert.equal(r.body.user, undefined);
    assert.equal(r.headers.get('set-cookie'), null, 'no session before the password is changed');
    for (const url of ['/api/me', '/api/ledgers/study_session/records', '/api/figures?year=2026', '/api/users'])
      assert.equal((await c.get(url)).status, 401, url);
    // the challenge is not a session token
    const asCookie = await fetch(`${f.a.base}/api/me`, { headers: { cookie: `fazhi_sid=${r.body.challenge}` } });
    assert.equal(asCookie.status, 401);

    const cb = await on(f.b);
    const weak = await cb.post('/api/auth/login/password', { challenge: r.body.challenge, newPassword: 'short' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.field, 'newPassword');
    assert.match(weak.body.detail, /密码/);
    const same = await cb.post('/api/auth/login/password', { challenge: r.body.challenge, newPassword: PASSWORD });
    assert.equal(same.status, 400);
    assert.match(same.body.detail, /不能与最近5次使用过的密码相同/);
    const done = await cb.post('/api/auth/login/password', { challenge: r.body.challenge, newPassword: 'Chang3d#Pass2026' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.user.username, 'officer');
    assert.equal((await cb.get('/api/me')).status, 200);
    const row = await f.t.db
      .selectFrom('app_user')
      .select('must_change_password')
      .where('username', '=', 'officer')
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.must_change_password), 0);
    // the challenge was used once
    assert.equal(
      (await cb.post('/api/auth/login/password', { challenge: r.body.challenge, newPassword: 'Chang3d#Other2026' })).status,
      401,
    );
    assert.equal((await (await on(f.a)).post('/api/auth/login', { username: 'officer', password: PASSWORD })).status, 401);
    const again = await (await on(f.a)).post('/api/auth/login', { username: 'officer', password: 'Chang3d#Pass2026' });
    assert.equal(again.body.user.username, 'officer');
    assert.ok((await auditCount(f.t, 'auth.login.step', 'officer')) >= 1);
    assert.ok((await auditCount(f.t, 'user.password', 'officer')) >= 1);
  });

  it('an expired password likewise: no session until it is changed', async () => {
    await f.t.db
      .updateTable('app_user')
      .set({ password_changed_at: '2020-01-01T00:00:00.000Z' })
      .where('username', '=', 'leader')
      .execute();
    const c = await on(f.a);
    const r = await c.post('/api/auth/login', { username: 'leader', password: PASSWORD });
    assert.equal(r.body.next, 'change-password');
    assert.equal((await c.get('/api/me')).status, 401);
    assert.equal((await c.post('/api/me/password', { oldPassword: PASSWORD, newPassword: 'Fazhi#Renew2026x' })).status, 401);
    const done = await c.post('/api/auth/login/password', { challenge: r.body.challenge, newPassword: 'Fazhi#Renew2026x' });
    assert.equal(done.status, 200);
    assert.equal((await c.get('/api/me')).body.username, 'leader');
  });

  it('an admin must enrol at the first login: the QR code and secret are shown, a code of that secret logs in and gives 10 recovery codes', async () => {
    const c = await on(f.a);
    const r = await c.post('/api/auth/login', { username: 'auditor', password: PASSWORD });
    assert.equal(r.body.next, 'enrol-second-factor');
    assert.equal(r.headers.get('set-cookie'), null);
    const { secret, uri, qrSvg } = r.body.enrolment;
    assert.match(secret, /^[A-Z2-7]{32}$/, '20 random bytes in base32');
    assert.match(uri, /^otpauth:\/\/totp\/.*secret=[A-Z2-7]{32}.*/);
    assert.match(uri, /algorithm=SHA1&digits=6&period=30/);
    assert.match(qrSvg, /^<svg[\s\S]*<\/svg>\s*$/);
    assert.equal((await c.get('/api/audit')).status, 401);
    // nothing is stored before the first code confirms it
    const before = await f.t.db.selectFrom('app_user').select('totp_secret').where('username', '=', 'auditor').executeTakeFirstOrThrow();
    assert.equal(before.totp_secret, null);
    const wrong = await c.post('/api/auth/login/enrol', { challenge: r.body.challenge, code: staleCode(secret) });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body.detail, /验证码不正确/);
    const cb = await on(f.b);
    const ok = await cb.post('/api/auth/login/enrol', { challenge: r.body.challenge, code: codeOf(secret) });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.user.username, 'auditor');
    const codes: string[] = ok.body.recoveryCodes;
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.ok(codes.every((x) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(x)));
    assert.equal((await cb.get('/api/audit')).status, 200);
    const row = await f.t.db
      .selectFrom('app_user')
      .select(['totp_secret', 'totp_enrolled_at'])
      .where('username', '=', 'auditor')
      .executeTakeFirstOrThrow();
    assert.equal(row.totp_secret, secret);
    assert.ok(row.totp_enrolled_at);
    const stored = await f.t.db.selectFrom('recovery_code').select('code_hash').where('user_id', '=', f.w.users.auditor).execute();
    assert.equal(stored.length, 10);
    assert.ok(stored.every((s) => /^[0-9a-f]{64}$/.test(s.code_hash) && !codes.some((x) => s.code_hash.includes(x))));
    assert.equal(await auditCount(f.t, 'auth.2fa.enrol', 'auditor'), 1);
  });

  it('an enrolled admin gives a code: codes of the secret are accepted, wrong and replayed codes refused, a recovery code works once', async () => {
    const { secret, codes } = await enrol('sysadmin');
    const c = await on(f.a);
    const r = await c.post('/api/auth/login', { username: 'sysadmin', password: PASSWORD });
    assert.equal(r.body.next, 'second-factor');
    assert.equal(r.headers.get('set-cookie'), null);
    const wrong = await c.post('/api/auth/login/second-factor', { challenge: r.body.challenge, code: staleCode(secret) });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body.detail, /验证码不正确/);
    // the same challenge, finished on the other server with the next step's code
    const cb = await on(f.b);
    const next = codeOf(secret, 1);
    const ok = await cb.post('/api/auth/login/second-factor', { challenge: r.body.challenge, code: next });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal((await cb.get('/api/users')).status, 200);

    // the code just used, and an older one, are refused (the last accepted step is kept per user)
    const r2 = await (await on(f.b)).post('/api/auth/login', { username: 'sysadmin', password: PASSWORD });
    const replay = await (await on(f.a)).post('/api/auth/login/second-factor', { challenge: r2.body.challenge, code: next });
    assert.equal(replay.status, 401);
    assert.match(replay.body.detail, /验证码不正确/);
    const older = await (await on(f.a)).post('/api/auth/login/second-factor', { challenge: r2.body.challenge, code: codeOf(secret) });
    assert.equal(older.status, 401);
    // a recovery code (any case, spaces allowed) logs in once
    const rc = await (await on(f.a)).post('/api/auth/login/second-factor', {
      challenge: r2.body.challenge,
      code: ` ${codes[0].toLowerCase()} `,
    });
    assert.equal(rc.status, 200, JSON.stringify(rc.body));
    const r3 = await (await on(f.a)).post('/api/auth/login', { username: 'sysadmin', password: PASSWORD });
    const reused = await (await on(f.b)).post('/api/auth/login/second-factor', { challenge: r3.body.challenge, code: codes[0] });
    assert.equal(reused.status, 401);
    const used = await f.t.db.selectFrom('recovery_code').select('used_at').where('user_id', '=', f.w.users.sysadmin).execute();
    assert.equal(used.filter((u) => u.used_at).length, 1);
  });

  it('a few wrong codes end the challenge', async () => {
    const c = await on(f.a);
    const r = await c.post('/api/auth/login', { username: 'auditor', password: PASSWORD });
    assert.equal(r.body.next, 'second-factor');
    const row = await f.t.db.selectFrom('app_user').select('totp_secret').where('username', '=', 'auditor').executeTakeFirstOrThrow();
    const secret = row.totp_secret ?? '';
    const details: string[] = [];
    for (let i = 0; i < 5; i++)
      details.push((await c.post('/api/auth/login/second-factor', { challenge: r.body.challenge, code: staleCode(secret) })).body.detail);
    assert.match(details[4], /错误次数过多，请重新登录/);
    const late = await c.post('/api/auth/login/second-factor', { challenge: r.body.challenge, code: codeOf(secret, 1) });
    assert.equal(late.status, 401);
    assert.match(late.body.detail, /重新输入用户名和密码/);
    // the wrong codes counted against the account too: five of them lock it
    const locked = await c.post('/api/auth/login', { username: 'auditor', password: PASSWORD });
    assert.equal(locked.status, 423);
    await f.t.db.updateTable('app_user').set({ locked_until: null, failed_count: 0 }).where('username', '=', 'auditor').execute();

    // the right password does not wipe the count of wrong codes: spread over several challenges they lock too
    for (const n of [3, 2]) {
      const again = await (await on(f.b)).post('/api/auth/login', { username: 'auditor', password: PASSWORD });
      assert.equal(again.body.next, 'second-factor');
      for (let i = 0; i < n; i++)
        assert.equal(
          (await c.post('/api/auth/login/second-factor', { challenge: again.body.challenge, code: staleCode(secret) })).status,
          401,
        );
    }
    assert.equal((await c.post('/api/auth/login', { username: 'auditor', password: PASSWORD })).status, 423);
    await f.t.db.updateTable('app_user').set({ locked_until: null, failed_count: 0 }).where('username', '=', 'auditor').execute();
  });

  it('the 安全管理员 resets a second factor (audited); the user enrols again at the next login; others may not', async () => {
    const sec = await enrol('secadmin');
    enrolled.secadmin = sec;
    const officer = await client(f.a.base, 'officer', 'Chang3d#Pass2026');
    assert.equal((await officer.post(`/api/users/${f.w.users.auditor}/second-factor/reset`)).status, 403);
    const reset = await sec.c.post(`/api/users/${f.w.users.auditor}/second-factor/reset`);
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    assert.equal(await auditCount(f.t, 'auth.2fa.reset', 'secadmin'), 1);
    const row = await f.t.db.selectFrom('app_user').select('totp_secret').where('username', '=', 'auditor').executeTakeFirstOrThrow();
    assert.equal(row.totp_secret, null);
    assert.equal((await f.t.db.selectFrom('recovery_code').select('user_id').where('user_id', '=', f.w.users.auditor).execute()).length, 0);
    const again = await (await on(f.b)).post('/api/auth/login', { username: 'auditor', password: PASSWORD });
    assert.equal(again.body.next, 'enrol-second-factor');
  });

  it('a business user may enrol from 账户安全 and then needs a code; disabling needs a code or the password; a required role cannot disable', async () => {
    const c = await client(f.a.base, 'staff');
    const st = await c.get('/api/me/second-factor');
    assert.deepEqual(st.body, { mode: 'admins', required: false, enrolled: false, enrolledAt: null, recoveryCodesLeft: 0 });
    const start = await c.post('/api/me/second-factor/enrol');
    assert.equal(start.status, 200);
    const secret: string = start.body.enrolment.secret;
    assert.match(start.body.enrolment.qrSvg, /<svg/);
    const bad = await c.post('/api/me/second-factor/confirm', { challenge: start.body.challenge, code: staleCode(secret) });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'code');
    const ok = await c.post('/api/me/second-factor/confirm', { challenge: start.body.challenge, code: codeOf(secret) });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.recoveryCodes.length, 10);
    assert.equal((await c.get('/api/me/second-factor')).body.recoveryCodesLeft, 10);

    const r = await (await on(f.b)).post('/api/auth/login', { username: 'staff', password: PASSWORD });
    assert.equal(r.body.next, 'second-factor');
    const c2 = await on(f.a);
    assert.equal((await c2.post('/api/auth/login/second-factor', { challenge: r.body.challenge, code: codeOf(secret, 1) })).status, 200);

    // a new set of recovery codes replaces the old one
    const renewed = await c2.post('/api/me/second-factor/recovery-codes', { password: PASSWORD });
    assert.equal(renewed.status, 200);
    assert.equal(renewed.body.recoveryCodes.length, 10);
    const r2 = await (await on(f.a)).post('/api/auth/login', { username: 'staff', password: PASSWORD });
    const old = await (await on(f.a)).post('/api/auth/login/second-factor', {
      challenge: r2.body.challenge,
      code: ok.body.recoveryCodes[1],
    });
    assert.equal(old.status, 401, 'a code of the replaced set');

    assert.equal((await c2.post('/api/me/second-factor/disable', {})).status, 400);
    const wrong = await c2.post('/api/me/second-factor/disable', { password: 'Wrong#Pass2026' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.field, 'password');
    assert.equal((await c2.post('/api/me/second-factor/disable', { password: PASSWORD })).status, 200);
    assert.equal(await auditCount(f.t, 'auth.2fa.disable', 'staff'), 1);
    const direct = await (await on(f.b)).post('/api/auth/login', { username: 'staff', password: PASSWORD });
    assert.equal(direct.body.user.username, 'staff');

    const sec = enrolled.secadmin;
    assert.ok(sec, 'the secadmin enrolled above');
    const refuse = await sec.c.post('/api/me/second-factor/disable', { code: sec.codes[1] });
    assert.equal(refuse.status, 403);
    assert.match(refuse.body.detail, /不能停用/);
  });

  it('SECOND_FACTOR=off: nobody is asked; SECOND_FACTOR=all: every user must enrol', async () => {
    const off = await startServer(f.t.open(), { env: { SECOND_FACTOR: 'off' } });
    const all = await startServer(f.t.open(), { env: { SECOND_FACTOR: 'all' } });
    try {
      const r = await (await on(off)).post('/api/auth/login', { username: 'sysadmin', password: PASSWORD });
      assert.equal(r.body.user?.username, 'sysadmin', JSON.stringify(r.body));
      const enrolOff = await (await client(off.base, 'county')).post('/api/me/second-factor/enrol');
      assert.equal(enrolOff.status, 400);
      const r2 = await (await on(all)).post('/api/auth/login', { username: 'county', password: PASSWORD });
      assert.equal(r2.body.next, 'enrol-second-factor');
      assert.equal(r2.headers.get('set-cookie'), null);
      assert.equal(
        (await (await on(f.a)).post('/api/auth/login', { username: 'county', password: PASSWORD })).body.user?.username,
        'county',
      );
    } finally {
      await off.close();
      await all.close();
    }
  });
});

describe('login abuse (two servers, one database)', () => {
  const f = twoServers({ SECOND_FACTOR: 'off', LOGIN_IP_MAX_FAILURES: '8' });
  const clearAddress = () => f.t.db.deleteFrom('login_throttle').where('key', 'like', 'ip:%').execute();
  const attempt = (s: Server, username: string, password: string) =>
    client(s.base).then((c) => c.post('/api/auth/login', { username, password }));

  it('throttles failed logins per address across servers; a success gives its attempt back; parallel attempts cannot slip past', async () => {
    await clearAddress();
    for (let i = 0; i < 7; i++) assert.equal((await attempt(i % 2 ? f.a : f.b, `ghost${i}`, 'Wrong#Pass1')).status, 401, `attempt ${i}`);
    assert.equal((await attempt(f.a, 'officer', PASSWORD)).status, 200, 'a success does not count');
    assert.equal((await attempt(f.b, 'ghost8', 'Wrong#Pass1')).status, 401, 'the eighth failure');
    const throttled = await attempt(f.a, 'officer', PASSWORD);
    assert.equal(throttled.status, 429);
    assert.match(throttled.body.detail, /本机地址登录失败次数过多，请 15 分钟后再试/);
    assert.equal((await attempt(f.b, 'leader', PASSWORD)).status, 429, 'on the other server too');

    await clearAddress();
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => attempt(i % 2 ? f.a : f.b, `crowd${i}`, 'Wrong#Pass1')));
    const passed = answers.filter((r) => r.status === 401).length;
    assert.equal(passed, 8, `of 24 parallel attempts exactly 8 are checked: ${answers.map((r) => r.status).join(',')}`);
    assert.equal(answers.filter((r) => r.status === 429).length, 16);
    assert.ok((await auditCount(f.t, 'auth.login')) >= 24);
    await clearAddress();
  });

  it('locks an account after 5 failures across servers, and never renews the lock while it lasts (attempts during it are not counted)', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await attempt(i % 2 ? f.a : f.b, 'leader', `Wrong#${i}pass`)).status, 401);
    const first = await f.t.db
      .selectFrom('app_user')
      .select(['locked_until', 'failed_count'])
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    assert.ok(first.locked_until);
    assert.equal(await auditCount(f.t, 'auth.lock', 'leader'), 1);
    for (let i = 0; i < 3; i++) assert.equal((await attempt(i % 2 ? f.a : f.b, 'leader', i ? `Wrong#${i}pass` : PASSWORD)).status, 423);
    const during = await f.t.db
      .selectFrom('app_user')
      .select(['locked_until', 'failed_count'])
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    assert.deepEqual(during, first, 'the lock is not extended and the failures during it are not counted');
    assert.equal(await auditCount(f.t, 'auth.lock', 'leader'), 1);
    await clearAddress();
    // the lock ends: one more failure does not lock again (the count started afresh), the password works
    await f.t.db.updateTable('app_user').set({ locked_until: '2000-01-01T00:00:00.000Z' }).where('username', '=', 'leader').execute();
    assert.equal((await attempt(f.a, 'leader', 'Wrong#Again1')).status, 401);
    assert.equal((await attempt(f.b, 'leader', PASSWORD)).status, 200);
    await clearAddress();
  });

  it('an unknown or inactive username answers exactly like a known one: the same status and detail, and the same lock', async () => {
    await f.t.db.updateTable('app_user').set({ active: 0 }).where('username', '=', 'other').execute();
    const names = ['county', 'nobody.here', 'other'];
    const answers: Record<string, Array<ReturnType<typeof problem>>> = {};
    for (const n of names) {
      answers[n] = [];
      for (let i = 0; i < 6; i++) answers[n].push(problem(await attempt(i % 2 ? f.a : f.b, n, `Wrong#${i}pass`)));
      await clearAddress();
    }
    assert.deepEqual(answers['nobody.here'], answers.county);
    assert.deepEqual(answers.other, answers.county);
    assert.deepEqual(
      answers.county.map((x) => x.status),
      [401, 401, 401, 401, 401, 423],
    );
    assert.equal(answers.county[0].detail, '用户名或密码错误');
    assert.doesNotMatch(answers.county[5].detail, /county|nobody/);
    // a known user's right password during the lock, and an unknown one's any password, answer alike
    assert.deepEqual(problem(await attempt(f.a, 'county', PASSWORD)), problem(await attempt(f.b, 'nobody.here', PASSWORD)));
    const ghost = await f.t.db
      .selectFrom('login_throttle')
      .select('locked_until')
      .where('key', '=', 'user:nobody.here')
      .executeTakeFirstOrThrow();
    assert.ok(ghost.locked_until, 'the unknown username is locked the same way');
    assert.equal(await auditCount(f.t, 'auth.lock', 'nobody.here'), 1);
    await clearAddress();
  });

  it('fazhi user unlock ends a lock (audited), as the 安全管理员 does; fazhi user reset-2fa removes a second factor', async () => {
    for (let i = 0; i < 5; i++) await attempt(f.a, 'staff', `Wrong#${i}pass`);
    assert.equal((await attempt(f.b, 'staff', PASSWORD)).status, 423);
    const r = fazhi(f.t.url, ['user', 'unlock', '--username', 'staff']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /已解除用户 staff 的登录锁定/);
    assert.equal((await attempt(f.b, 'staff', PASSWORD)).status, 200);
    assert.equal(await auditCount(f.t, 'auth.unlock', 'cli'), 1);
    await clearAddress();
    const unknown = fazhi(f.t.url, ['user', 'unlock', '--username', 'nobody.at.all']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /用户不存在/);

    // the 安全管理员's unlock is the same function
    for (let i = 0; i < 5; i++) await attempt(f.a, 'leader', `Wrong#${i}pass`);
    assert.equal((await attempt(f.b, 'leader', PASSWORD)).status, 423);
    const sec = await client(f.a.base, 'secadmin');
    assert.equal((await sec.put(`/api/users/${f.w.users.leader}/security`, { unlock: true })).status, 200);
    assert.equal(await auditCount(f.t, 'auth.unlock', 'secadmin'), 1);
    assert.equal((await attempt(f.a, 'leader', PASSWORD)).status, 200);

    await f.t.db
      .updateTable('app_user')
      .set({ totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enrolled_at: '2026-01-01T00:00:00.000Z' })
      .where('username', '=', 'officer')
      .execute();
    const reset = fazhi(f.t.url, ['user', 'reset-2fa', '--username', 'officer']);
    assert.equal(reset.code, 0, reset.err);
    const row = await f.t.db.selectFrom('app_user').select('totp_secret').where('username', '=', 'officer').executeTakeFirstOrThrow();
    assert.equal(row.totp_secret, null);
    assert.equal(await auditCount(f.t, 'auth.2fa.reset', 'cli'), 1);
    await clearAddress();
  });
});
