import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { client, makeDb, makeWorld, type Server, sourceIdsOf, startServer, type TestDb, type World } from './helpers.ts';

describe('ledger API', () => {
  let t: TestDb;
  let s: Server;
  let _w: World;
  before(async () => {
    t = await makeDb();
    _w = await makeWorld(t.db);
    s = await startServer(t.db);
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  it('creates, lists, updates and deletes a record, and the figure follows', async () => {
    const c = await client(s.base, 'officer');
    const created = await c.post('/api/ledgers/study_session/records', {
      data: { date: '2025-03-05', kind: '党组理论学习中心组学法', topic: '学习宪法', attendees: 9 },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const list = await c.get('/api/ledgers/study_session/records?year=2025');
    assert.equal(list.body.total, 1);
    const fig = await c.get('/api/figures?year=2025&keys=study.central_group,study.attendance');
    const byKey = Object.fromEntries(fig.body.figures.map((f: { key: string }) => [f.key, f]));
    assert.equal(byKey['study.central_group'].value, 1);
    assert.equal(byKey['study.central_group'].sourceCount, 1);
    assert.deepEqual(await sourceIdsOf(c, 'study.central_group', { year: 2025 }), [created.body.id]);
    assert.equal(byKey['study.attendance'].value, 9);
    const upd = await c.put(`/api/ledgers/study_session/records/${created.body.id}`, {
      data: { ...created.body.data, kind: '干部职工集中学法' },
      version: 1,
    });
    assert.equal(upd.status, 200, JSON.stringify(upd.body));
    const stale = await c.put(`/api/ledgers/study_session/records/${created.body.id}`, { data: created.body.data, version: 1 });
    assert.equal(stale.status, 409);
    const fig2 = await c.get('/api/figures?year=2025&keys=study.central_group');
    assert.equal(fig2.body.figures[0].value, 0);
    assert.equal((await c.del(`/api/ledgers/study_session/records/${created.body.id}`)).status, 204);
    assert.equal((await c.get('/api/ledgers/study_session/records?year=2025')).body.total, 0);
  });

  it('refuses bad input with a Chinese detail naming the field, and writes nothing', async () => {
    const c = await client(s.base, 'officer');
    const cases: Array<[unknown, string, RegExp]> = [
      [{ kind: '党组理论学习中心组学法', topic: 'x' }, 'date', /日期不能为空/],
      [{ date: '2025-02-30', kind: '党组理论学习中心组学法', topic: 'x' }, 'date', /有效日期/],
      [{ date: '2025-02-03', kind: '喝茶', topic: 'x' }, 'kind', /形式应为以下之一/],
      [{ date: '2025-02-03', kind: '党组理论学习中心组学法', topic: 'x', attendees: -1 }, 'attendees', /不能小于0/],
      [{ date: '2025-02-03', kind: '党组理论学习中心组学法', topic: 'x', bogus: 1 }, '', /不认识的字段/],
    ];
    for (const [data, field, re] of cases) {
      const r = await c.post('/api/ledgers/study_session/records', { data });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.headers.get('content-type')?.startsWith('application/problem+json'), true);
      assert.match(r.body.detail, re);
      if (field) assert.equal(r.body.field, field);
    }
    // Several bad fields are answered at once, each under its field (POST and PUT alike).
    const many = { date: '2025-02-30', kind: '喝茶', topic: 'x', attendees: -1, hours: 30 };
    const bad = await c.post('/api/ledgers/study_session/records', { data: many });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    const expected = [
      { field: 'date', message: '日期应为有效日期，格式为YYYY-MM-DD' },
      { field: 'kind', message: bad.body.errors[1]?.message },
      { field: 'attendees', message: '参加人数不能小于0' },
      { field: 'hours', message: '学时不能大于24' },
    ];
    assert.deepEqual(bad.body.errors, expected);
    assert.match(bad.body.errors[1].message, /^形式应为以下之一/);
    assert.match(bad.body.detail, /^共有4处内容有误/);
    const ok = await c.post('/api/ledgers/study_session/records', { data: { date: '2025-02-03', kind: '在线学法', topic: 'x' } });
    assert.equal(ok.status, 201);
    const badPut = await c.put(`/api/ledgers/study_session/records/${ok.body.id}`, { data: many, version: 1 });
    assert.equal(badPut.status, 400);
    assert.deepEqual(badPut.body.errors, expected);
    assert.equal((await c.get(`/api/ledgers/study_session/records/${ok.body.id}`)).body.version, 1);
    assert.equal((await c.del(`/api/ledgers/study_session/records/${ok.body.id}`)).status, 204);

    const exam = await c.post('/api/ledgers/law_exam/records', {
      data: { name: '2025年学法考试', date: '2025-11-01', eligible: 10, participants: 12, passed: 10 },
    });
    assert.equal(exam.status, 400);
    assert.match(exam.body.detail, /实参考人数不能多于应参考人数/);
    assert.equal((await c.get('/api/ledgers/study_session/records')).body.total, 0);
    assert.equal((await c.get('/api/ledgers/law_exam/records')).body.total, 0);
  });

  it('keeps bureaus apart: a county cannot see or touch the city record; the city reads the county', async () => {
    const city = await client(s.base, 'officer');
    const county = await client(s.base, 'county');
    const other = await client(s.base, 'other');
    const rec = await county.post('/api/ledgers/study_session/records', {
      data: { date: '2025-04-01', kind: '在线学法', topic: '县里学法' },
    });
    assert.equal(rec.status, 201);
    assert.equal((await other.get(`/api/ledgers/study_session/records/${rec.body.id}`)).status, 404);
    assert.equal(
      (await other.put(`/api/ledgers/study_session/records/${rec.body.id}`, { data: rec.body.data, version: rec.body.version })).status,
      404,
    );
    assert.equal((await other.del(`/api/ledgers/study_session/records/${rec.body.id}`)).status, 404);
    assert.equal((await other.get('/api/ledgers/study_session/records')).body.total, 0);
    assert.equal((await city.get(`/api/ledgers/study_session/records/${rec.body.id}`)).status, 200);
    assert.equal(
      (await city.put(`/api/ledgers/study_session/records/${rec.body.id}`, { data: rec.body.data, version: rec.body.version })).status,
      404,
    );
  });

  it('keeps the three admin roles away from business records', async () => {
    for (const u of ['sysadmin', 'secadmin', 'auditor']) {
      const c = await client(s.base, u);
      assert.equal((await c.get('/api/ledgers/study_session/records')).status, 403, u);
      assert.equal((await c.post('/api/ledgers/study_session/records', { data: {} })).status, 403, u);
    }
  });

  it('explains every figure’s 统计口径 from its declaration', async () => {
    const c = await client(s.base, 'officer');
    const cat = await c.get('/api/figures/catalog');
    assert.equal(cat.status, 200);
    const basis = new Map((cat.body as Array<{ key: string; basis: string }>).map((f) => [f.key, f.basis]));
    assert.equal(
      basis.get('study.central_group'),
      '统计口径：学法活动台账中形式为“党组理论学习中心组学法”的记录条数（按“日期”计入统计期）',
    );
    assert.equal(
      basis.get('normdoc.in_force'),
      '统计口径：行政规范性文件台账中效力状态为“有效”且（未填写有效期至或有效期至不早于统计截止日）的记录条数（截至统计期末仍有效的存量）',
    );
    assert.equal(basis.get('study.exam_pass_rate'), '统计口径：学法考试合格人数 ÷ 学法考试实参考人数 × 100%');
    assert.ok([...basis.values()].every((b) => b.startsWith('统计口径：') && !/undefined|\[object/.test(b)));
  });
});
