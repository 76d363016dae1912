/**
 * Administration by scope and 三员分立 through the real HTTP API: the city's admins manage the county
 * bureaus below it (accounts, units, audit), passwords set by an admin are generated and one-time,
 * the role rules of roles.ts refuse every move across or within an admin's own kind, the auditor
 * sees field names but no business values, the org tree keeps its levels, and sessions have an
 * absolute lifetime and can be listed and ended by the 安全管理员.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { createOrgUnchecked, createUserUnchecked } from '../src/org/org.service.ts';
import { passwordProblem } from '../src/org/password-policy.ts';
import { type Client, client, PASSWORD, serverSuite } from './helpers.ts';
import '../src/modules/index.ts';

const cli = { userId: 'cli', username: 'cli', orgId: '', ip: 'cli' };

describe('administration by scope and 三员分立 (API)', () => {
  const s = serverSuite();
  const flag = async (username: string) =>
    Number(
      (await s.t.db.selectFrom('app_user').select('must_change_password').where('username', '=', username).executeTakeFirstOrThrow())
        .must_change_password,
    );
  const login = (username: string, password: string) => client(s.s.base).then((c) => c.post('/api/auth/login', { username, password }));

  it('a city 系统管理员 lists, creates units and accounts in a county; the one-time password works once and must be replaced', async () => {
    const sys = await client(s.s.base, 'sysadmin');
    const users = await sys.get(`/api/users?orgId=${s.w.county}`);
    assert.equal(users.status, 200);
    assert.deepEqual(
      users.body.map((u: { username: string }) => u.username),
      ['county'],
    );
    const all = await sys.get('/api/users');
    assert.ok(
      all.body.some((u: { username: string }) => u.username === 'other'),
      'the whole subtree by default',
    );
    const orgs = await sys.get('/api/orgs');
    assert.deepEqual(orgs.body.map((o: { id: string }) => o.id).sort(), [s.w.city, s.w.county, s.w.otherCounty].sort());
    const me = await sys.get('/api/me');
    assert.equal(me.body.orgs.length, 3, '所属单位 offers the subtree');

    const unit = await sys.post(`/api/orgs/${s.w.county}/units`, { name: '法规股', kind: '科室' });
    assert.equal(unit.status, 200, JSON.stringify(unit.body));
    const units = await sys.get(`/api/units?orgId=${s.w.county}`);
    assert.ok(units.body.some((u: { id: string }) => u.id === unit.body.id));
    assert.ok(
      units.body.every((u: { org_id: string }) => u.org_id === s.w.county),
      'units of the picked bureau only',
    );

    const created = await sys.post('/api/users', {
      username: 'county.new',
      displayName: '县局新专干',
      role: 'officer',
      orgId: s.w.county,
      unitId: unit.body.id,
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const once: string = created.body.password;
    assert.equal(await passwordProblem(once, 'county.new'), null, 'the generated password meets the policy');
    const row = await s.t.db.selectFrom('app_user').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    assert.notEqual(row.password_hash, once);
    assert.match(row.password_hash, /^\$argon2id\$/);
    assert.equal(await flag('county.new'), 1);
    const listed = await sys.get(`/api/users?orgId=${s.w.county}`);
    assert.ok(!JSON.stringify(listed.body).includes(once), 'the password is shown once, never listed');
    assert.equal(listed.body.find((u: { username: string }) => u.username === 'county.new').must_change_password, true);

    // The one-time password logs in only as far as the change (the login step); the owner's change clears the mark.
    const c = await client(s.s.base);
    const first = await c.post('/api/auth/login', { username: 'county.new', password: once });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.next, 'change-password');
    assert.equal((await c.get('/api/me')).status, 401, 'no session before the change');
    const changed = await c.post('/api/auth/login/password', { challenge: first.body.challenge, newPassword: 'Own#Choice2026pw' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(await flag('county.new'), 0);
    assert.equal((await login('county.new', 'Own#Choice2026pw')).status, 200);
    assert.equal((await login('county.new', once)).status, 401, 'the one-time password is gone');

    const audit = await s.t.db
      .selectFrom('audit_log')
      .select(['action', 'username', 'org_id', 'detail'])
      .where('entity_id', '=', created.body.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.username]),
      [
        ['user.create', 'sysadmin'],
        ['user.password', 'county.new'],
      ],
    );
    assert.equal(JSON.parse(audit[0].detail).oneTime, true);
    assert.equal(audit[0].org_id, s.w.county, 'the row belongs to the bureau acted on');
    assert.ok(!audit.some((a) => a.detail.includes(once)));
    const unitAudit = await s.t.db.selectFrom('audit_log').select('detail').where('entity_id', '=', unit.body.id).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(unitAudit.detail).orgId, s.w.county);
  });

  it('a county admin administers its own bureau only; an admin never picks a password', async () => {
    await createUserUnchecked(
      s.t.db,
      cli,
      { username: 'county.sys', displayName: '县系统管理员', password: PASSWORD, role: 'sysadmin', orgId: s.w.county },
      { oneTime: false },
    );
    const csys = await client(s.s.base, 'county.sys');
    assert.equal((await csys.get(`/api/users?orgId=${s.w.city}`)).status, 404);
    assert.equal((await csys.get(`/api/users?orgId=${s.w.otherCounty}`)).status, 404);
    const mine = await csys.get('/api/users');
    assert.ok(mine.body.every((u: { org_id: string }) => u.org_id === s.w.county));
    assert.equal((await csys.post(`/api/orgs/${s.w.city}/units`, { name: '越级科室', kind: '科室' })).status, 404);
    const up = await csys.post('/api/users', { username: 'county.up', displayName: '越级', role: 'officer', orgId: s.w.city });
    assert.equal(up.status, 400);
    assert.equal(up.body.field, 'orgId');
    const sys = await client(s.s.base, 'sysadmin');
    const picked = await sys.post('/api/users', {
      username: 'picked',
      displayName: '指定密码',
      password: 'Chosen#Pw2026x',
      role: 'officer',
      orgId: s.w.county,
    });
    assert.equal(picked.status, 400);
    assert.equal(picked.body.field, 'password');
    assert.match(picked.body.detail, /由系统生成/);
  });

  it('the 安全管理员 resets a county officer to a one-time password; the old one stops working and is kept in the history', async () => {
    const sec = await client(s.s.base, 'secadmin');
    const officer = await client(s.s.base, 'county');
    const before = await s.t.db.selectFrom('app_user').select('password_hash').where('id', '=', s.w.users.county).executeTakeFirstOrThrow();
    const picked = await sec.put(`/api/users/${s.w.users.county}/security`, { password: 'Chosen#Pw2026x' });
    assert.equal(picked.status, 400);
    assert.match(picked.body.detail, /由系统生成/);
    const r = await sec.put(`/api/users/${s.w.users.county}/security`, { resetPassword: true });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(typeof r.body.password, 'string');
    assert.equal(await flag('county'), 1);
    assert.equal((await officer.get('/api/me')).status, 401, 'the reset ends the sessions');
    assert.equal((await login('county', PASSWORD)).status, 401);
    assert.equal((await login('county', r.body.password)).status, 200);
    const history = await s.t.db.selectFrom('password_history').select('password_hash').where('user_id', '=', s.w.users.county).execute();
    assert.ok(history.some((h) => h.password_hash === before.password_hash));
    const row = await s.t.db
      .selectFrom('audit_log')
      .select(['username', 'detail'])
      .where('action', '=', 'user.security')
      .where('entity_id', '=', s.w.users.county)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(row.username, 'secadmin');
    assert.match(row.detail, /一次性密码/);
    assert.ok(!row.detail.includes(r.body.password));
    // Put the fixture's password back for the tests that follow.
    const c = await client(s.s.base);
    const step = await c.post('/api/auth/login', { username: 'county', password: r.body.password });
    assert.equal(step.body.next, 'change-password', JSON.stringify(step.body));
    assert.equal((await c.post('/api/auth/login/password', { challenge: step.body.challenge, newPassword: 'Back#Home2026x' })).status, 200);
  });

  it('refuses every forbidden role move with the rule it breaks', async () => {
    const sys = await client(s.s.base, 'sysadmin');
    const sec = await client(s.s.base, 'secadmin');
    const aud = await client(s.s.base, 'auditor');
    const account = (username: string, role: string) => ({ username, displayName: username, role, orgId: s.w.county });
    const refused = async (c: Client, method: 'post' | 'put', url: string, body: unknown, rule: RegExp, what: string) => {
      const r = await c[method](url, body);
      assert.equal(r.status, 403, `${what}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.detail, rule, what);
    };
    await refused(sys, 'post', '/api/users', account('x.sec', 'secadmin'), /三员分立.*安全管理员创建/, '系统管理员建安全管理员');
    await refused(sys, 'post', '/api/users', account('x.aud', 'auditor'), /三员分立/, '系统管理员建审计管理员');
    await refused(sys, 'post', '/api/users', account('x.sys', 'sysadmin'), /三员分立/, '系统管理员建同类');
    await refused(sec, 'post', '/api/users', account('x.sec2', 'secadmin'), /三员分立/, '安全管理员建同类');
    await refused(sec, 'post', '/api/users', account('x.off', 'officer'), /业务账号.*只能由系统管理员创建/, '安全管理员建业务账号');
    await refused(aud, 'post', '/api/users', account('x.aud2', 'auditor'), /三员分立/, '审计管理员建同类');
    await refused(sec, 'put', `/api/users/${s.w.users.officer}/security`, { role: 'auditor' }, /专职/, '安全管理员把专干提升为审计管理员');
    await refused(sys, 'put', `/api/users/${s.w.users.officer}`, { role: 'auditor' }, /专职/, '系统管理员把专干改为审计管理员');
    // The 安全管理员 creates the other 三员 (of the county, too); each then refuses a demotion of its own kind.
    const audNew = await sec.post('/api/users', account('county.aud', 'auditor'));
    assert.equal(audNew.status, 200, JSON.stringify(audNew.body));
    const sysNew = await sec.post('/api/users', account('county.sys2', 'sysadmin'));
    assert.equal(sysNew.status, 200, JSON.stringify(sysNew.body));
    await refused(sys, 'put', `/api/users/${sysNew.body.id}`, { role: 'officer' }, /专职/, '系统管理员把同类降为专干');
    await refused(sys, 'put', `/api/users/${sysNew.body.id}`, { role: 'auditor' }, /三员分立/, '系统管理员改同类的角色');
    await refused(sys, 'put', `/api/users/${sysNew.body.id}`, { displayName: '改名' }, /三员分立/, '系统管理员修改同类');
    const secOther = await createUserUnchecked(
      s.t.db,
      cli,
      { username: 'sec.two', displayName: '另一安全管理员', password: PASSWORD, role: 'secadmin', orgId: s.w.city },
      { oneTime: false },
    );
    await refused(sec, 'put', `/api/users/${secOther}/security`, { role: 'officer' }, /专职/, '安全管理员把同类降为专干');
    await refused(sec, 'put', `/api/users/${secOther}/security`, { resetPassword: true }, /同类/, '安全管理员重置同类的密码');
    await refused(sec, 'put', `/api/users/${secOther}/security`, { active: false }, /同类/, '安全管理员停用同类');
    await refused(sec, 'put', `/api/users/${audNew.body.id}/security`, { role: 'sysadmin' }, /三员分立/, '安全管理员调整三员角色');
    await refused(sec, 'put', `/api/users/${s.w.users.secadmin}/security`, { resetPassword: true }, /不能.*自己/, '安全管理员重置自己');
    assert.equal((await sys.put(`/api/users/${s.w.users.officer}/security`, { resetPassword: true })).status, 403);
    // Allowed: the 系统管理员 moves a business account between business roles, audited with from/to.
    const moved = await sys.put(`/api/users/${s.w.users.leader}`, { role: 'officer' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const row = await s.t.db
      .selectFrom('audit_log')
      .select(['username', 'detail'])
      .where('action', '=', 'user.update')
      .where('entity_id', '=', s.w.users.leader)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(row.detail).role, { from: 'leader', to: 'officer' });
    assert.equal((await sys.put(`/api/users/${s.w.users.leader}`, { role: 'leader' })).status, 200);
    // Nobody crosses even where no admin is involved: no account changes kind at all.
    const roles = await s.t.db
      .selectFrom('app_user')
      .select(['username', 'role'])
      .where('username', 'in', ['officer', 'sec.two'])
      .execute();
    assert.deepEqual(Object.fromEntries(roles.map((r) => [r.username, r.role])), { officer: 'officer', 'sec.two': 'secadmin' });
  });

  it('the city 审计管理员 sees the county rows, a total equal to the rows it pages through, and no business values', async () => {
    const MARK = '县局专属学法主题甲乙丙';
    const officer = await client(s.s.base, 'county', 'Back#Home2026x');
    const rec = await officer.post('/api/ledgers/study_session/records', { data: { date: '2026-03-02', kind: '在线学法', topic: MARK } });
    assert.equal(rec.status, 201, JSON.stringify(rec.body));
    const upd = await officer.put(`/api/ledgers/study_session/records/${rec.body.id}`, {
      data: { ...rec.body.data, topic: `${MARK}修改` },
      version: rec.body.version,
    });
    assert.equal(upd.status, 200, JSON.stringify(upd.body));
    await (await client(s.s.base)).post('/api/auth/login', { username: 'nobody.here', password: 'Wrong#Pass2026' });

    const aud = await client(s.s.base, 'auditor');
    const seen: Array<{ seq: number; org_id: string | null; action: string; entity_id: string | null; detail: string; hash: string }> = [];
    let total = -1;
    for (let page = 1; ; page++) {
      const r = await aud.get(`/api/audit?page=${page}&pageSize=40`);
      assert.equal(r.status, 200);
      total = r.body.total;
      seen.push(...r.body.items);
      if (r.body.items.length < 40) break;
    }
    assert.equal(seen.length, total, 'the count matches the rows');
    assert.equal(new Set(seen.map((r) => r.seq)).size, seen.length);
    const inDb = await s.t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('org_id', 'in', [s.w.city, s.w.county, s.w.otherCounty]), eb('org_id', 'is', null)]))
      .executeTakeFirstOrThrow();
    assert.equal(total, Number(inDb.n), 'every row of the subtree and of no bureau');
    assert.ok(seen.some((r) => r.org_id === s.w.county));
    assert.ok(seen.some((r) => r.org_id === null));
    assert.ok(!JSON.stringify(seen).includes(MARK), 'no business value reaches the auditor');
    const created = seen.find((r) => r.action === 'record.create' && r.entity_id === rec.body.id);
    assert.ok(created);
    assert.ok(JSON.parse(created.detail).fields.includes('topic'), 'the field names stay');
    assert.match(created.hash, /^[0-9a-f]{64}$/);
    const updated = seen.find((r) => r.action === 'record.update' && r.entity_id === rec.body.id);
    assert.deepEqual(JSON.parse(updated?.detail ?? '{}'), { fields: ['topic'] });
    // One bureau picked: only its rows; a bureau outside the subtree is not found.
    const county = await aud.get(`/api/audit?orgId=${s.w.county}&pageSize=500`);
    assert.ok(county.body.items.length > 0 && county.body.items.every((r: { org_id: string }) => r.org_id === s.w.county));
    assert.equal(county.body.total, county.body.items.length);
    const outside = await createOrgUnchecked(s.t.db, cli, { name: '外市民政局', level: 'city' });
    assert.equal((await aud.get(`/api/audit?orgId=${outside}`)).status, 404);
    // The business user keeps the full history of the record in the business scope.
    const history = await officer.get(`/api/records/${rec.body.id}/history`);
    assert.equal(history.status, 200);
    assert.ok(JSON.stringify(history.body).includes(MARK));
  });

  it('keeps the org tree in levels: a child bureau must be below its parent (400 naming level)', async () => {
    const sys = await client(s.s.base, 'sysadmin');
    for (const [level, parentId] of [
      ['province', s.w.city],
      ['city', s.w.city],
      ['county', s.w.county],
    ] as const) {
      const r = await sys.post('/api/orgs', { name: `错层${level}民政局`, level, parentId });
      assert.equal(r.status, 400, `${level} under ${parentId}`);
      assert.equal(r.body.field, 'level');
      assert.match(r.body.detail, /级别（level）.*不能设在/);
    }
    await assert.rejects(createOrgUnchecked(s.t.db, cli, { name: '命令行错层', level: 'city', parentId: s.w.county }), /级别（level）/);
    const ok = await sys.post('/api/orgs', { name: '新设三县民政局', level: 'county', parentId: s.w.city });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const row = await s.t.db
      .selectFrom('audit_log')
      .select(['username', 'detail'])
      .where('action', '=', 'org.create')
      .where('entity_id', '=', ok.body.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.username, 'sysadmin');
    assert.equal(JSON.parse(row.detail).parentId, s.w.city);
  });

  it('ends a session past its absolute lifetime on every request, however busy', async () => {
    const app = await buildApp(s.t.db, loadConfig({ SESSION_MAX_HOURS: '2' }), { webRoot: '/nonexistent' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    try {
      await s.t.db.deleteFrom('session').where('user_id', '=', s.w.users.staff).execute();
      const c = await client(base, 'staff');
      const born = (hoursAgo: number) =>
        s.t.db
          .updateTable('session')
          .set({ created_at: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(), last_seen_at: new Date().toISOString() })
          .where('user_id', '=', s.w.users.staff)
          .execute();
      await born(1.5);
      assert.equal((await c.get('/api/me')).status, 200);
      await born(2.5);
      const r = await c.get('/api/me');
      assert.equal(r.status, 401, 'busy (just seen) but older than SESSION_MAX_HOURS');
      assert.equal(r.body.detail, '请先登录');
      assert.equal((await s.t.db.selectFrom('session').select('id').where('user_id', '=', s.w.users.staff).execute()).length, 0);
      // The default is 12 hours, on the suite's server too.
      const d = await client(s.s.base, 'staff');
      await born(11);
      assert.equal((await d.get('/api/me')).status, 200);
      await born(13);
      assert.equal((await d.get('/api/me')).status, 401);
    } finally {
      await app.close();
    }
  });

  it('the 安全管理员 lists a user’s sessions and ends one or all of them, audited', async () => {
    await s.t.db.deleteFrom('session').where('user_id', '=', s.w.users.other).execute();
    const one = await client(s.s.base, 'other');
    const two = await client(s.s.base, 'other');
    const sec = await client(s.s.base, 'secadmin');
    const list = await sec.get(`/api/users/${s.w.users.other}/sessions`);
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 2);
    for (const x of list.body) {
      assert.equal(x.ip, '127.0.0.1');
      assert.ok(Date.parse(x.createdAt) <= Date.parse(x.lastSeenAt) + 1);
    }
    const sys = await client(s.s.base, 'sysadmin');
    assert.equal((await sys.get(`/api/users/${s.w.users.other}/sessions`)).status, 403);
    assert.equal((await sys.del(`/api/users/${s.w.users.other}/sessions`)).status, 403);
    // End one: exactly one of the two clients is out.
    const ended = await sec.del(`/api/users/${s.w.users.other}/sessions/${list.body[0].id}`);
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    assert.equal(ended.body.ended, 1);
    const statuses = [(await one.get('/api/me')).status, (await two.get('/api/me')).status].sort();
    assert.deepEqual(statuses, [200, 401]);
    assert.equal((await sec.del(`/api/users/${s.w.users.other}/sessions/${list.body[0].id}`)).status, 404);
    // End all.
    const all = await sec.del(`/api/users/${s.w.users.other}/sessions`);
    assert.equal(all.body.ended, 1);
    assert.equal((await one.get('/api/me')).status, 401);
    assert.equal((await two.get('/api/me')).status, 401);
    assert.deepEqual((await sec.get(`/api/users/${s.w.users.other}/sessions`)).body, []);
    const rows = await s.t.db
      .selectFrom('audit_log')
      .select(['username', 'detail'])
      .where('action', '=', 'session.end')
      .where('entity_id', '=', s.w.users.other)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.username, JSON.parse(r.detail).ended, JSON.parse(r.detail).all]),
      [
        ['secadmin', 1, false],
        ['secadmin', 1, true],
      ],
    );
    // Not an account of the subtree: not found.
    const outside = await createOrgUnchecked(s.t.db, cli, { name: '外市二民政局', level: 'city' });
    const stranger = await createUserUnchecked(
      s.t.db,
      cli,
      { username: 'stranger', displayName: '外市专干', password: PASSWORD, role: 'officer', orgId: outside },
      { oneTime: false },
    );
    assert.equal((await sec.get(`/api/users/${stranger}/sessions`)).status, 404);
    assert.equal((await sec.put(`/api/users/${stranger}/security`, { unlock: true })).status, 404);
  });
});
