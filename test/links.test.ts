/**
 * References between records: a `ref` field names records of the same bureau that exist, the link is
 * mirrored in record_link, a referenced record is not deleted behind its referrers' backs (409 naming
 * them) unless the field says 'unlink', and the duty-list coverage is counted from the links.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { client, serverSuite } from './helpers.ts';

describe('references between records', () => {
  const suite = serverSuite();

  const item = { name: '对社会组织违法行为的处罚', kind: '行政处罚', basis: '《社会组织登记管理条例》' };
  const caseOf = (itemId: unknown) => ({ kind: '行政处罚', matter: '未按规定年检', filedOn: '2025-04-01', itemId });

  it('links a case to its enforcement item and refuses to delete the item while the case points at it', async () => {
    const c = await client(suite.s.base, 'officer');
    const it1 = await c.post('/api/ledgers/enforcement_item/records', { data: item });
    assert.equal(it1.status, 201, JSON.stringify(it1.body));
    const kase = await c.post('/api/ledgers/enforcement_case/records', { data: caseOf(it1.body.id) });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    const links = await c.get(`/api/records/${it1.body.id}/links`);
    assert.equal(links.status, 200);
    assert.deepEqual(
      links.body.incoming.map((l: { id: string; fieldLabel: string }) => [l.id, l.fieldLabel]),
      [[kase.body.id, '执法事项']],
    );
    const out = await c.get(`/api/records/${kase.body.id}/links`);
    assert.deepEqual(
      out.body.outgoing.map((l: { id: string }) => l.id),
      [it1.body.id],
    );
    const del = await c.del(`/api/ledgers/enforcement_item/records/${it1.body.id}`);
    assert.equal(del.status, 409);
    assert.match(del.body.detail, /被以下记录引用，不能删除：行政执法案件台账“未按规定年检”/);
    assert.equal((await c.get(`/api/ledgers/enforcement_item/records/${it1.body.id}`)).status, 200, 'nothing deleted');
    // Once the case is gone, the item may go.
    assert.equal((await c.del(`/api/ledgers/enforcement_case/records/${kase.body.id}`)).status, 204);
    assert.equal((await c.del(`/api/ledgers/enforcement_item/records/${it1.body.id}`)).status, 204);
  });

  it('refuses a reference to another bureau’s record, to a deleted record and to the wrong ledger', async () => {
    const c = await client(suite.s.base, 'officer');
    const county = await client(suite.s.base, 'county');
    const foreign = await county.post('/api/ledgers/enforcement_item/records', { data: item });
    assert.equal(foreign.status, 201);
    const r1 = await c.post('/api/ledgers/enforcement_case/records', { data: caseOf(foreign.body.id) });
    assert.equal(r1.status, 400);
    assert.equal(r1.body.field, 'itemId');
    assert.match(r1.body.detail, /执法事项：所选记录不存在、已删除或不属于本单位/);
    const gone = await c.post('/api/ledgers/enforcement_item/records', { data: item });
    assert.equal((await c.del(`/api/ledgers/enforcement_item/records/${gone.body.id}`)).status, 204);
    const r2 = await c.post('/api/ledgers/enforcement_case/records', { data: caseOf(gone.body.id) });
    assert.equal(r2.status, 400);
    const study = await c.post('/api/ledgers/study_session/records', { data: { date: '2025-03-05', kind: '在线学法', topic: '学宪法' } });
    const r3 = await c.post('/api/ledgers/enforcement_case/records', { data: caseOf(study.body.id) });
    assert.equal(r3.status, 400);
    assert.match(r3.body.detail, /只能选择行政执法事项/);
    const cases = await c.get('/api/ledgers/enforcement_case/records');
    assert.equal(cases.body.total, 0, 'nothing half-written');
  });

  it('drops an evidence reference when the evidence is deleted (declared unlink), audited', async () => {
    const c = await client(suite.s.base, 'officer');
    const study = await c.post('/api/ledgers/study_session/records', { data: { date: '2025-05-05', kind: '在线学法', topic: '学民法典' } });
    const task = await c.post('/api/ledgers/plan_task/records', {
      data: { year: 2025, content: '组织学习民法典', status: '推进中', evidence: [study.body.id] },
    });
    assert.equal(task.status, 201, JSON.stringify(task.body));
    assert.equal((await c.del(`/api/ledgers/study_session/records/${study.body.id}`)).status, 204);
    const after = await c.get(`/api/ledgers/plan_task/records/${task.body.id}`);
    assert.deepEqual(after.body.data.evidence, []);
    assert.equal(after.body.version, 2);
    const audit = await suite.t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'record.unlink').execute();
    assert.deepEqual(audit, [{ action: 'record.unlink', entity_id: task.body.id }]);
  });

  it('lists the duty-list items that no activity of the year names', async () => {
    const c = await client(suite.s.base, 'officer');
    const a = await c.post('/api/ledgers/duty_item/records', { data: { law: '《中华人民共和国民法典》', listedOn: '2024-01-01' } });
    const b = await c.post('/api/ledgers/duty_item/records', { data: { law: '《社会救助暂行办法》', listedOn: '2024-01-01' } });
    const act = await c.post('/api/ledgers/publicity_activity/records', {
      data: { date: '2025-05-20', theme: '民法典宣传月', keyDate: '民法典宣传月', venueType: '进社区', dutyItems: [a.body.id] },
    });
    assert.equal(act.status, 201, JSON.stringify(act.body));
    const cov = await c.get('/api/publicity/duty-coverage?year=2025');
    assert.equal(cov.status, 200, JSON.stringify(cov.body));
    assert.equal(cov.body.total, 2);
    assert.equal(cov.body.uncovered, 1);
    assert.deepEqual(
      cov.body.items.map((i: { id: string; activities: number }) => [i.id, i.activities]),
      [
        [b.body.id, 0],
        [a.body.id, 1],
      ],
    );
    const next = await c.get('/api/publicity/duty-coverage?year=2026');
    assert.equal(next.body.uncovered, 2, 'an activity of 2025 does not cover 2026');
  });

  it('tells the officer about a 领导小组 member whose person has retired', async () => {
    const c = await client(suite.s.base, 'officer');
    const p = await c.post('/api/ledgers/person/records', {
      data: { name: '王某', joinedOn: '2010-03-01', status: '退休', leftOn: '2025-09-30' },
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    const m = await c.post('/api/ledgers/leading_member/records', {
      data: {
        group: '法治政府建设工作领导小组',
        name: '王某',
        post: '副局长',
        role: '副组长',
        fromDate: '2024-01-05',
        personId: p.body.id,
      },
    });
    assert.equal(m.status, 201, JSON.stringify(m.body));
    const notices = await c.get('/api/ledgers/leading_member/notices');
    assert.equal(notices.status, 200);
    assert.deepEqual(notices.body, [
      {
        recordId: m.body.id,
        message: '王某已于2025-09-30退休，仍登记为法治政府建设工作领导小组副组长，请调整领导小组并填写任职终止日期',
      },
    ]);
    const ended = await c.put(`/api/ledgers/leading_member/records/${m.body.id}`, {
      data: { ...m.body.data, toDate: '2025-10-10' },
      version: m.body.version,
    });
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    assert.deepEqual((await c.get('/api/ledgers/leading_member/notices')).body, []);
    assert.deepEqual((await c.get('/api/ledgers/study_session/notices')).body, [], 'a ledger without notices has none');
  });
});
