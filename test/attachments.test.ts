/**
 * Evidence files on records over the real HTTP API: byte-identical round trip, tenancy through the
 * record's bureau, staff limited to their 科室, the size limit, and audited writes.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Client, client, makeDb, makeWorld, type Res, type Server, startServer, type TestDb, type World } from './helpers.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function upload(
  c: Client,
  recordId: string,
  content: Buffer,
  filename: string,
  fields: Record<string, string> = {},
  type = 'application/pdf',
): Promise<Res> {
  const form = new FormData();
  // Fields after the file on purpose: the server must not depend on their order.
  form.append('file', new Blob([new Uint8Array(content)], { type }), filename);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await c.raw(`/api/records/${recordId}/attachments`, { method: 'POST', body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

describe('record attachments', () => {
  let t: TestDb;
  let s: Server;
  let w: World;
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    s = await startServer(t.db);
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  const newRecord = async (c: Client, unitId?: string) => {
    const r = await c.post('/api/ledgers/study_session/records', {
      data: { date: '2025-03-05', kind: '党组理论学习中心组学法', topic: '学习宪法', ...(unitId ? { unitId } : {}) },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };

  it('uploads, lists metadata, downloads byte-identical, and deletes with an audit entry', async () => {
    const c = await client(s.base, 'officer');
    const rec = await newRecord(c);
    const content = randomBytes(300_000);
    const name = '中心组学法会议记录（扫描件）.pdf';
    const up = await upload(c, rec, content, name, { note: '会议签到表与记录', effectiveOn: '2025-03-06' });
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.sha256, sha(content));
    assert.equal(up.body.size, content.length);
    assert.equal(up.body.filename, name);
    assert.equal(up.body.effectiveOn, '2025-03-06');
    assert.equal(up.body.note, '会议签到表与记录');

    const list = await c.get(`/api/records/${rec}/attachments`);
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 1);
    assert.equal(list.body[0].id, up.body.id);
    assert.equal('content' in list.body[0], false);

    const dl = await c.raw(`/api/attachments/${up.body.id}`);
    assert.equal(dl.status, 200);
    const got = Buffer.from(await dl.arrayBuffer());
    assert.equal(got.length, content.length);
    assert.equal(sha(got), sha(content));
    assert.ok(got.equals(content));
    assert.equal(dl.headers.get('content-type'), 'application/pdf');
    assert.match(
      dl.headers.get('content-disposition') ?? '',
      new RegExp(`filename\\*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, '\\$&')}`),
    );

    const del = await c.del(`/api/attachments/${up.body.id}`);
    assert.equal(del.status, 204);
    assert.equal((await c.get(`/api/records/${rec}/attachments`)).body.length, 0);
    assert.equal((await c.raw(`/api/attachments/${up.body.id}`)).status, 404);
    assert.equal((await c.del(`/api/attachments/${up.body.id}`)).status, 404);

    const auditor = await client(s.base, 'auditor');
    const created = await auditor.get('/api/audit?action=attachment.create');
    assert.ok(created.body.items.some((a: { entity_id: string }) => a.entity_id === up.body.id));
    const deleted = await auditor.get('/api/audit?action=attachment.delete');
    const entry = deleted.body.items.find((a: { entity_id: string }) => a.entity_id === up.body.id);
    assert.ok(entry, '删除附件应记入审计日志');
    assert.equal(JSON.parse(entry.detail).sha256, sha(content));
    assert.equal((await auditor.get('/api/audit/verify')).body.ok, true);
  });

  it('keeps files inside the record’s bureau: another bureau gets 404, the supervisor reads but cannot write', async () => {
    const county = await client(s.base, 'county');
    const rec = await newRecord(county);
    const content = Buffer.from('县局执法案卷扫描件');
    const up = await upload(county, rec, content, '案卷.txt', {}, 'text/plain');
    assert.equal(up.status, 201, JSON.stringify(up.body));

    const other = await client(s.base, 'other');
    assert.equal((await other.get(`/api/records/${rec}/attachments`)).status, 404);
    assert.equal((await other.raw(`/api/attachments/${up.body.id}`)).status, 404);
    assert.equal((await other.del(`/api/attachments/${up.body.id}`)).status, 404);
    assert.equal((await upload(other, rec, Buffer.from('x'), 'x.txt')).status, 404);

    const city = await client(s.base, 'officer');
    assert.equal((await city.get(`/api/records/${rec}/attachments`)).body.length, 1);
    const dl = await city.raw(`/api/attachments/${up.body.id}`);
    assert.ok(Buffer.from(await dl.arrayBuffer()).equals(content));
    assert.equal((await upload(city, rec, Buffer.from('x'), 'x.txt')).status, 404);
    assert.equal((await city.del(`/api/attachments/${up.body.id}`)).status, 404);

    const leader = await client(s.base, 'leader');
    assert.equal((await upload(leader, rec, Buffer.from('x'), 'x.txt')).status, 403);
    const auditor = await client(s.base, 'auditor');
    assert.equal((await auditor.get(`/api/records/${rec}/attachments`)).status, 403);

    // A deleted record hides its files.
    assert.equal((await county.del(`/api/ledgers/study_session/records/${rec}`)).status, 204);
    assert.equal((await county.get(`/api/records/${rec}/attachments`)).status, 404);
    assert.equal((await county.raw(`/api/attachments/${up.body.id}`)).status, 404);
    assert.equal((await other.get('/api/records/no-such-record/attachments')).status, 404);
  });

  it('lets staff attach files only to their own 科室’s records', async () => {
    const officer = await client(s.base, 'officer');
    const staff = await client(s.base, 'staff');
    const otherUnit = await newRecord(officer, w.units.office);
    const ownUnit = await newRecord(officer, w.units.welfare);
    const refused = await upload(staff, otherUnit, Buffer.from('x'), 'x.txt');
    assert.equal(refused.status, 403);
    assert.match(refused.body.detail, /本科室/);
    const ok = await upload(staff, ownUnit, Buffer.from('救助审批表'), '审批表.txt', {}, 'text/plain');
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal((await staff.get(`/api/records/${otherUnit}/attachments`)).status, 200);
    const byOfficer = await upload(officer, otherUnit, Buffer.from('y'), 'y.txt');
    assert.equal(byOfficer.status, 201);
    assert.equal((await staff.del(`/api/attachments/${byOfficer.body.id}`)).status, 403);
    assert.equal((await staff.del(`/api/attachments/${ok.body.id}`)).status, 204);
  });

  it('refuses a file over 20 MB, an empty file, a bad date and a missing file, in Chinese, storing nothing', async () => {
    const c = await client(s.base, 'officer');
    const rec = await newRecord(c);
    const big = await upload(c, rec, Buffer.alloc(20 * 1024 * 1024 + 1, 1), 'big.pdf');
    assert.equal(big.status, 413, JSON.stringify(big.body));
    assert.match(big.body.detail, /不能超过20MB/);
    const empty = await upload(c, rec, Buffer.alloc(0), 'empty.pdf');
    assert.equal(empty.status, 400);
    assert.match(empty.body.detail, /[\u4e00-\u9fa5]/);
    const badDate = await upload(c, rec, Buffer.from('x'), 'x.pdf', { effectiveOn: '2025-02-30' });
    assert.equal(badDate.status, 400);
    assert.equal(badDate.body.field, 'effectiveOn');
    assert.match(badDate.body.detail, /生效日期应为有效日期/);
    const longNote = await upload(c, rec, Buffer.from('x'), 'x.pdf', { note: '长'.repeat(501) });
    assert.equal(longNote.status, 400);
    assert.match(longNote.body.detail, /附件说明不能超过500字/);
    const noFile = await c.post(`/api/records/${rec}/attachments`, { note: 'x' });
    assert.equal(noFile.status, 400);
    assert.match(noFile.body.detail, /multipart/);
    const form = new FormData();
    form.append('note', '只有说明没有文件');
    const onlyNote = await c.raw(`/api/records/${rec}/attachments`, { method: 'POST', body: form });
    assert.equal(onlyNote.status, 400);
    assert.match(((await onlyNote.json()) as { detail: string }).detail, /请选择要上传的文件/);
    assert.equal((await c.get(`/api/records/${rec}/attachments`)).body.length, 0);
    // A path in the file name is dropped; a just-under-limit file is fine.
    const edge = await upload(c, rec, Buffer.alloc(20 * 1024 * 1024, 2), '..\\..\\etc/证据.bin', {}, 'application/octet-stream');
    assert.equal(edge.status, 201, JSON.stringify(edge.body));
    assert.equal(edge.body.filename, '证据.bin');
  });
});
