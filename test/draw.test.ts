/**
 * The verifiable 双随机 draw over the real HTTP API: refusals (too few certified inspectors, groups of
 * fewer than 2, recusal leaving a group short), exclusion of expired certificates, recused pairs never
 * drawn, reproducibility from seed + candidates, and verification that detects a changed candidate set
 * or a tampered record. Plus a known-answer test that pins algorithm fazhi-draw-v1.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../src/errors.ts';
import { addAttachment, addGeneratedAttachment } from '../src/ledger/attachment.service.ts';
import { insertAttachment } from '../src/ledger/attachment.repo.ts';
import { runDraw } from '../src/modules/enforcement/draw.service.ts';
import { MAX_UPLOAD_BYTES } from '../src/ledger/upload.ts';
import { systemScope } from '../src/org/scope.ts';
import { type Client, client, makeDb, makeWorld, type Server, sourceIdsOf, startServer, type TestDb, type World } from './helpers.ts';

type DrawBody = {
  id: string;
  seed: string;
  objectFingerprint: string;
  inspectorFingerprint: string;
  resultFingerprint: string;
  excluded: Array<{ id: string; reason: string }>;
  result: {
    objects: Array<{ id: string; group: number }>;
    groups: Array<{ group: number; inspectors: Array<{ id: string }>; objectIds: string[] }>;
  };
};

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

async function create(
  c: Client,
  ledger: string,
  data: Record<string, unknown>,
): Promise<{ id: string; data: Record<string, unknown>; version: number }> {
  const r = await c.post(`/api/ledgers/${ledger}/records`, { data });
  assert.equal(r.status, 201, `${ledger}: ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('verifiable random draw (双随机)', () => {
  let t: TestDb;
  let w: World;
  let s: Server;
  let c: Client;
  let taskId = '';
  const valid: string[] = [];
  let expired = '';
  const objects: Array<{ id: string; data: Record<string, unknown>; version: number }> = [];

  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    s = await startServer(t.db);
    c = await client(s.base, 'officer');
    for (let i = 0; i < 5; i++) {
      const p = await create(c, 'person', {
        name: `执法员${i}`,
        joinedOn: '2020-01-01',
        status: '在职',
        certNo: `ZF${1000 + i}`,
        certValidTo: '2099-12-31',
      });
      valid.push(p.id);
    }
    expired = (
      await create(c, 'person', { name: '证件过期者', joinedOn: '2015-01-01', status: '在职', certNo: 'ZF0001', certValidTo: '2020-01-01' })
    ).id;
    await create(c, 'person', { name: '无证人员', joinedOn: '2015-01-01', status: '在职' });
    await create(c, 'person', {
      name: '已调离者',
      joinedOn: '2015-01-01',
      status: '调离',
      leftOn: '2024-01-01',
      certNo: 'ZF0002',
      certValidTo: '2099-12-31',
    });
    for (let i = 0; i < 6; i++) {
      objects.push(await create(c, 'inspection_object', { name: `养老院${i}`, type: '养老机构', status: '在库', region: '城关镇' }));
    }
    await create(c, 'inspection_object', { name: '已注销养老院', type: '养老机构', status: '已注销或移出' });
    await create(c, 'inspection_object', { name: '某殡仪馆', type: '殡葬服务单位', status: '在库' });
    taskId = (await create(c, 'inspection_task', { name: '2025年养老机构双随机抽查', kind: '单部门', plannedOn: '2025-05-01' })).id;
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  const req = (over: Record<string, unknown> = {}) => ({
    taskId,
    objectFilter: { type: '养老机构' },
    objectCount: 4,
    groups: 2,
    perGroup: 2,
    witness: '县纪委派驻纪检组某某',
    seed: '2025-05-06 福彩3D 第2025118期 开奖号码 371',
    ...over,
  });

  it('refuses with Chinese details when inspectors are too few, groups are under 2, or input is bad', async () => {
    let r = await c.post('/api/enforcement/draws', req({ groups: 2, perGroup: 3 }));
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(r.body.detail, /持有有效行政执法证的检查人员不足：需要6名.*只有5名/);
    r = await c.post('/api/enforcement/draws', req({ perGroup: 1 }));
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /每组检查人员不得少于2名/);
    r = await c.post('/api/enforcement/draws', req({ objectRatio: 50 }));
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /抽取数量和抽取比例须且只能填写一项/);
    r = await c.post('/api/enforcement/draws', req({ objectCount: 7 }));
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /超过符合条件的检查对象数6家/);
    r = await c.post('/api/enforcement/draws', req({ seed: 'short' }));
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /公开随机种子至少8个字符/);
    r = await c.post('/api/enforcement/draws', req({ taskId: objects[0].id }));
    assert.equal(r.status, 404);
    assert.match(r.body.detail, /抽查任务不存在/);
    assert.equal((await c.get('/api/ledgers/random_draw/records')).body.total, 0);
  });

  it('uses every certified inspector but never an expired, uncertified or departed one', async () => {
    const r = await c.post('/api/enforcement/draws', req({ groups: 1, perGroup: 5 }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const d = r.body as DrawBody;
    assert.deepEqual(d.result.groups[0].inspectors.map((p) => p.id).sort(), [...valid].sort());
    const reasons = Object.fromEntries(d.excluded.map((x) => [x.id, x.reason]));
    assert.match(reasons[expired], /执法证已于2020-01-01到期/);
    assert.equal(d.excluded.length, 3);
    // The figure of certified officers applies the same test: 5 of the 8 people.
    const year = new Date().getFullYear();
    const fig = await c.get(`/api/figures?year=${year}&keys=enforcement.officers`);
    assert.equal(fig.body.figures[0].value, 5);
    assert.deepEqual((await sourceIdsOf(c, 'enforcement.officers', { year })).sort(), [...valid].sort());
    // Objects come only from the filtered, in-library candidates.
    const ids = new Set(objects.map((o) => o.id));
    assert.ok(d.result.objects.every((o) => ids.has(o.id)));
  });

  it('never puts a recused inspector on a group that inspects the conflicting object', async () => {
    const target = objects[2].id;
    const conflicted = valid[1];
    let drawnElsewhere = 0;
    for (let i = 0; i < 12; i++) {
      const r = await c.post(
        '/api/enforcement/draws',
        req({
          objectCount: 6,
          seed: `公开种子-回避-${i}`,
          recusals: [{ inspectorId: conflicted, objectId: target, reason: '近亲属任职' }],
        }),
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const d = r.body as DrawBody;
      const g = d.result.groups.find((x) => x.objectIds.includes(target));
      assert.ok(g, 'the target object is drawn when all 6 are drawn');
      assert.ok(!g.inspectors.some((p) => p.id === conflicted), `seed ${i}: recused inspector drawn for the conflicting object`);
      if (d.result.groups.some((x) => x.inspectors.some((p) => p.id === conflicted))) drawnElsewhere++;
    }
    assert.ok(drawnElsewhere > 0, 'the recused inspector still serves other groups');
    // One group inspecting everything with all 5 inspectors: the recusal leaves it one short.
    const r = await c.post(
      '/api/enforcement/draws',
      req({ objectCount: 6, groups: 1, perGroup: 5, recusals: [{ inspectorId: conflicted, objectId: target }] }),
    );
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /第1组可选派的持证检查人员不足：需要5名.*须回避的人员后只有4名/);
    const bad = await c.post('/api/enforcement/draws', req({ recusals: [{ inspectorId: 'nobody', objectId: target }] }));
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /不在本单位人员名册中/);
  });

  it('is reproducible: same seed and candidates give the same result; fingerprints are sha256 of the sorted lists', async () => {
    const a = (await c.post('/api/enforcement/draws', req())).body as DrawBody;
    const b = (await c.post('/api/enforcement/draws', req())).body as DrawBody;
    assert.notEqual(a.id, b.id);
    assert.deepEqual(a.result, b.result);
    assert.equal(a.resultFingerprint, b.resultFingerprint);
    const others = [];
    for (const seed of ['另一个公开种子1', '另一个公开种子2', '另一个公开种子3']) {
      others.push(JSON.stringify(((await c.post('/api/enforcement/draws', req({ seed }))).body as DrawBody).result));
    }
    assert.ok(
      others.some((o) => o !== JSON.stringify(a.result)),
      'different seeds give different draws',
    );
    // Independent recomputation of the object fingerprint from the records.
    const lines = [...objects].sort((x, y) => (x.id < y.id ? -1 : 1)).map((o) => [o.id, '', o.data.name, o.data.type].join('\t'));
    assert.equal(a.objectFingerprint, sha(lines.join('\n')));
    assert.equal(a.resultFingerprint, sha(JSON.stringify(a.result)));
    // Stored as a ledger record, readable through the draw route.
    const got = await c.get(`/api/enforcement/draws/${a.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.seed, a.seed);
    assert.equal(got.body.algorithm, 'fazhi-draw-v1');
    // Another bureau cannot read it.
    const other = await client(s.base, 'other');
    assert.equal((await other.get(`/api/enforcement/draws/${a.id}`)).status, 404);
    assert.equal((await other.post(`/api/enforcement/draws/${a.id}/verify`)).status, 404);
    assert.equal((await other.post('/api/enforcement/draws', req())).status, 404);
  });

  it('verifies a draw, ignores objects added later, and detects a changed candidate or a tampered record', async () => {
    const d = (await c.post('/api/enforcement/draws', req({ seed: '验证用公开种子-2025' }))).body as DrawBody;
    let v = await c.post(`/api/enforcement/draws/${d.id}/verify`);
    assert.equal(v.status, 200, JSON.stringify(v.body));
    assert.equal(v.body.ok, true, JSON.stringify(v.body));
    assert.match(v.body.message, /验证通过/);

    await create(c, 'inspection_object', { name: '新入库养老院', type: '养老机构', status: '在库' });
    v = await c.post(`/api/enforcement/draws/${d.id}/verify`);
    assert.equal(v.body.ok, true, 'objects added after the draw are not candidates of it');

    const o = objects[0];
    const put = await c.put(`/api/ledgers/inspection_object/records/${o.id}`, {
      data: { ...o.data, name: '养老院0（改名）' },
      version: o.version,
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    v = await c.post(`/api/enforcement/draws/${d.id}/verify`);
    assert.equal(v.body.ok, false);
    assert.match(v.body.message, /验证未通过/);
    const checks = Object.fromEntries((v.body.checks as Array<{ key: string; ok: boolean }>).map((x) => [x.key, x.ok]));
    assert.equal(checks.objects, false);
    assert.equal(checks.inspectors, true);
    assert.equal(checks.snapshot, true, 'the snapshot kept with the draw still replays to the same result');
    assert.match(v.body.message, /名单在抽取后发生了变化/);
    await c.put(`/api/ledgers/inspection_object/records/${o.id}`, { data: o.data, version: put.body.version });
    assert.equal((await c.post(`/api/enforcement/draws/${d.id}/verify`)).body.ok, true);

    // A draw record cannot be edited or deleted through the generic ledger routes.
    const rec = await c.get(`/api/ledgers/random_draw/records/${d.id}`);
    const tampered = await c.put(`/api/ledgers/random_draw/records/${d.id}`, {
      data: { ...rec.body.data, seed: '事后更换的种子' },
      version: rec.body.version,
    });
    assert.equal(tampered.status, 403, JSON.stringify(tampered.body));
    assert.match(tampered.body.detail, /只能由“随机抽查摇号”生成/);
    assert.equal((await c.del(`/api/ledgers/random_draw/records/${d.id}`)).status, 403);
    assert.equal((await c.post('/api/ledgers/random_draw/records', { data: rec.body.data })).status, 403);
    // Tampering with the stored seed directly in the database is still caught by verification.
    await t.db
      .updateTable('record')
      .set({ data: JSON.stringify({ ...rec.body.data, seed: '事后更换的种子' }), version: rec.body.version + 1 })
      .where('id', '=', d.id)
      .execute();
    v = await c.post(`/api/enforcement/draws/${d.id}/verify`);
    assert.equal(v.body.ok, false);
    assert.equal(v.body.modifiedAfterDraw, true);
    const after = Object.fromEntries((v.body.checks as Array<{ key: string; ok: boolean }>).map((x) => [x.key, x.ok]));
    assert.equal(after.result, false);
    assert.equal(after.snapshot, false);

    // The candidate snapshot is attached to the draw record and matches the stored fingerprints.
    const atts = await c.get(`/api/records/${d.id}/attachments`);
    assert.equal(atts.status, 200, JSON.stringify(atts.body));
    const snapMeta = (atts.body as Array<{ id: string; filename: string; mime: string }>).find(
      (a) => a.filename === '双随机候选名单快照.json.gz',
    );
    assert.ok(snapMeta, 'snapshot attached');
    assert.equal(snapMeta.mime, 'application/gzip');
    const file = await c.raw(`/api/attachments/${snapMeta.id}`);
    const snap = JSON.parse(gunzipSync(Buffer.from(await file.arrayBuffer())).toString('utf8')) as {
      objectColumns: string[];
      objects: string[][];
      inspectors: string[][];
    };
    assert.deepEqual(snap.objectColumns, ['id', 'creditCode', 'name', 'type']);
    // The rows are in fingerprint order: TAB-joined and LF-joined they are the fingerprinted text.
    assert.equal(sha(snap.objects.map((o) => o.join('\t')).join('\n')), d.objectFingerprint);
    assert.equal(sha(snap.inspectors.map((o) => o.join('\t')).join('\n')), d.inspectorFingerprint);

    // Every draw and verification is in the audit log.
    const auditor = await client(s.base, 'auditor');
    const creates = await auditor.get('/api/audit?action=record.create&pageSize=500');
    assert.ok(
      (creates.body.items as Array<{ entity: string; entity_id: string }>).some((x) => x.entity === 'random_draw' && x.entity_id === d.id),
    );
    const verifies = await auditor.get('/api/audit?action=draw.verify&pageSize=500');
    assert.ok((verifies.body.items as Array<{ entity_id: string }>).filter((x) => x.entity_id === d.id).length >= 4);
  });

  it('still verifies a draw whose snapshot was stored uncompressed, as draws before compression stored it', async () => {
    const d = (await c.post('/api/enforcement/draws', req({ seed: '旧格式快照-2025' }))).body as DrawBody & {
      drawnOn: string;
      drawnAt: string;
      params: unknown;
    };
    const row = await t.db.selectFrom('attachment').selectAll().where('record_id', '=', d.id).executeTakeFirstOrThrow();
    const v2 = JSON.parse(gunzipSync(Buffer.from(row.content)).toString('utf8')) as { objects: string[][]; inspectors: string[][] };
    // Format 1, as draws wrote it: indented JSON, one object per candidate, under the .json name.
    const legacy = (rename = (n: string) => n) =>
      Buffer.from(
        JSON.stringify(
          {
            algorithm: 'fazhi-draw-v1',
            seed: d.seed,
            drawnOn: d.drawnOn,
            drawnAt: d.drawnAt,
            params: d.params,
            objects: v2.objects.map(([id, creditCode, name, type]) => ({ id, name: rename(name), creditCode, type })),
            inspectors: v2.inspectors.map(([id, certNo, certValidTo, name]) => ({ id, name, certNo, certValidTo })),
          },
          null,
          1,
        ),
        'utf8',
      );
    const content = legacy();
    await t.db.deleteFrom('attachment').where('id', '=', row.id).execute();
    const legacyId = randomUUID();
    await insertAttachment(t.db, {
      ...row,
      id: legacyId,
      filename: '双随机候选名单快照.json',
      mime: 'application/json',
      content,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
    let v = await c.post(`/api/enforcement/draws/${d.id}/verify`);
    assert.equal(v.body.ok, true, JSON.stringify(v.body));
    assert.equal((v.body.checks as Array<{ key: string; ok: boolean }>).find((x) => x.key === 'snapshot')?.ok, true);
    // A changed name in the old file no longer replays to the stored fingerprints.
    // (its hash updated with it: a file changed behind its hash is refused before it is read, see input-hygiene.test)
    const renamed = legacy((n) => `${n}（改）`);
    await t.db
      .updateTable('attachment')
      .set({ content: renamed, sha256: createHash('sha256').update(renamed).digest('hex') })
      .where('id', '=', legacyId)
      .execute();
    v = await c.post(`/api/enforcement/draws/${d.id}/verify`);
    assert.equal(v.body.ok, false);
    assert.equal((v.body.checks as Array<{ key: string; ok: boolean }>).find((x) => x.key === 'snapshot')?.ok, false);
    // A damaged file is reported, not a server error.
    const damaged = Buffer.from('{"objects": [');
    await t.db
      .updateTable('attachment')
      .set({ content: damaged, sha256: createHash('sha256').update(damaged).digest('hex') })
      .where('id', '=', legacyId)
      .execute();
    v = await c.post(`/api/enforcement/draws/${d.id}/verify`);
    assert.equal(v.status, 200);
    const snap = (v.body.checks as Array<{ key: string; ok: boolean; recomputed: string }>).find((x) => x.key === 'snapshot');
    assert.deepEqual([snap?.ok, snap?.recomputed], [false, '候选名单快照无法读取']);
  });

  it('stores a generated file above the upload cap, and refuses an upload of the same size', async () => {
    const d = (await c.post('/api/enforcement/draws', req({ seed: '上传上限-2025' }))).body as DrawBody;
    const scope = systemScope(w.city);
    const big = { filename: '大文件.bin', mime: 'application/octet-stream', content: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 7) };
    await assert.rejects(
      () => addAttachment(t.db, scope, d.id, big),
      (e: unknown) => e instanceof AppError && e.status === 413,
    );
    const meta = await addGeneratedAttachment(t.db, scope, d.id, big);
    assert.equal(meta.size, MAX_UPLOAD_BYTES + 1);
  });

  it('draws only the object type its task is limited to, and keeps the task while a draw points at it', async () => {
    const scoped = await create(c, 'inspection_task', {
      name: '2025年殡葬服务单位双随机抽查',
      kind: '单部门',
      plannedOn: '2025-06-01',
      objectType: '殡葬服务单位',
    });
    const wrong = await c.post('/api/enforcement/draws', req({ taskId: scoped.id, objectFilter: { type: '养老机构' }, objectCount: 1 }));
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.detail, /该抽查任务限定抽取“殡葬服务单位”类检查对象，不能抽取“养老机构”/);
    const r = await c.post('/api/enforcement/draws', req({ taskId: scoped.id, objectFilter: {}, objectCount: 1, groups: 1 }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(
      (r.body.result.objects as Array<{ name: string }>).map((o) => o.name),
      ['某殡仪馆'],
    );
    assert.equal(r.body.params.objectFilter.type, '殡葬服务单位', 'the stored parameters carry the scope, so verification replays it');
    assert.equal((await c.post(`/api/enforcement/draws/${r.body.id}/verify`)).body.ok, true);
    const del = await c.del(`/api/ledgers/inspection_task/records/${scoped.id}`);
    assert.equal(del.status, 409);
    assert.match(del.body.detail, /双随机抽取记录“2025年殡葬服务单位双随机抽查”/);
  });

  it('pins fazhi-draw-v1 with a known answer', () => {
    const objs = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => ({ id, name: `对象${id}`, creditCode: '', type: '养老机构' }));
    const insp = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ({ id, name: `人员${id}`, certNo: `C-${id}`, certValidTo: '2099-12-31' }));
    const params = { objectFilter: {}, objectCount: 4, groups: 2, perGroup: 2, recusals: [], taskId: 't' };
    const r1 = runDraw('known-answer-seed', params, objs, insp, '2025-06-01');
    const r2 = runDraw(
      'known-answer-seed',
      params,
      [...objs].reverse().sort((x, y) => (x.id < y.id ? -1 : 1)),
      insp,
      '2025-06-01',
    );
    assert.deepEqual(r1, r2);
    const picked = r1.result.objects.map((o) => o.id).join('');
    const teams = r1.result.groups.map((g) => g.inspectors.map((p) => p.id).join('+')).join('|');
    assert.equal(`${picked} ${teams}`, KNOWN_ANSWER);
  });
});

/**
 * fazhi-draw-v1 on the inputs above, computed by an independent re-implementation of the documented
 * algorithm (Python hashlib, outside this code base). A change here means the algorithm changed: make a v2.
 */
const KNOWN_ANSWER = 'dceh p4+p5|p3+p1';

/** Inspection objects written straight to the record table in multi-row batches, as a bulk import leaves them. */
async function seedLibrary(t: TestDb, orgId: string, n: number): Promise<Array<{ id: string; data: Record<string, string> }>> {
  const at = '2025-01-01T00:00:00.000Z';
  const out: Array<{ id: string; data: Record<string, string> }> = [];
  await t.db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i += 500) {
      const rows = [];
      for (let j = i; j < Math.min(n, i + 500); j++) {
        const data = {
          name: `名录对象${j}`,
          type: j % 3 === 0 ? '殡葬服务单位' : '养老机构',
          creditCode: `91350100MA${String(j).padStart(8, '0')}`,
          region: `第${j % 7}街道`,
          status: j % 40 === 0 ? '已注销或移出' : '在库',
        };
        const id = randomUUID();
        out.push({ id, data });
        rows.push({
          id,
          org_id: orgId,
          ledger: 'inspection_object',
          unit_id: null,
          occurred_on: null,
          year: null,
          title: data.name,
          status: data.status,
          data: JSON.stringify(data),
          version: 1,
          data_version: 1,
          created_at: at,
          created_by: 'test',
          updated_at: at,
          updated_by: 'test',
          deleted_at: null,
        });
      }
      await trx.insertInto('record').values(rows).execute();
    }
  });
  return out;
}

describe('a draw over a province-sized library (100,000 objects)', () => {
  const N = 100_000;
  let t: TestDb;
  let s: Server;
  let c: Client;
  let taskId = '';
  let library: Array<{ id: string; data: Record<string, string> }> = [];

  before(async () => {
    t = await makeDb();
    const w = await makeWorld(t.db);
    s = await startServer(t.db);
    c = await client(s.base, 'officer');
    for (let i = 0; i < 6; i++) {
      await create(c, 'person', {
        name: `执法员${i}`,
        joinedOn: '2020-01-01',
        status: '在职',
        certNo: `ZF${2000 + i}`,
        certValidTo: '2099-12-31',
      });
    }
    taskId = (await create(c, 'inspection_task', { name: '全省名录库双随机抽查', kind: '单部门', plannedOn: '2025-05-01' })).id;
    library = await seedLibrary(t, w.city, N);
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  it('draws reproducibly from every in-library object, keeps a compressed snapshot, verifies, and detects a changed candidate', async () => {
    const body = { taskId, objectFilter: {}, objectCount: 60, groups: 3, perGroup: 2, witness: '监督人', seed: '全省名录库-2025-公开种子' };
    const r = await c.post('/api/enforcement/draws', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const d = r.body as DrawBody & { objectCandidates: number };
    const inLibrary = library.filter((o) => o.data.status === '在库');
    assert.equal(d.objectCandidates, inLibrary.length);
    assert.equal(d.result.objects.length, 60);
    const lines = [...inLibrary]
      .sort((x, y) => (x.id < y.id ? -1 : 1))
      .map((o) => [o.id, o.data.creditCode, o.data.name, o.data.type].join('\t'));
    assert.equal(d.objectFingerprint, sha(lines.join('\n')), 'the fingerprint covers the whole sorted candidate list');
    const again = (await c.post('/api/enforcement/draws', body)).body as DrawBody;
    assert.equal(again.resultFingerprint, d.resultFingerprint, 'same seed, same candidates, same result');
    assert.deepEqual(again.result, d.result);

    // The snapshot holds every candidate, compressed well below the uncompressed list.
    const atts = (await c.get(`/api/records/${d.id}/attachments`)).body as Array<{ id: string; filename: string; size: number }>;
    const meta = atts.find((a) => a.filename === '双随机候选名单快照.json.gz');
    assert.ok(meta, 'snapshot attached');
    const file = Buffer.from(await (await c.raw(`/api/attachments/${meta.id}`)).arrayBuffer());
    const json = gunzipSync(file);
    assert.ok(file.length * 2 < json.length, `compressed ${file.length} of ${json.length} bytes`);
    const snap = JSON.parse(json.toString('utf8')) as { objects: string[][] };
    assert.equal(snap.objects.length, inLibrary.length);
    assert.equal(sha(snap.objects.map((o) => o.join('\t')).join('\n')), d.objectFingerprint);

    let v = await c.post(`/api/enforcement/draws/${d.id}/verify`);
    assert.equal(v.body.ok, true, JSON.stringify(v.body));

    // One of 97,500 candidates renamed after the draw: the library no longer gives the stored lists.
    const changed = inLibrary[inLibrary.length >> 1];
    // seeded at version 1
    const put = await c.put(`/api/ledgers/inspection_object/records/${changed.id}`, {
      data: { ...changed.data, name: '改过名的对象' },
      version: 1,
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    v = await c.post(`/api/enforcement/draws/${d.id}/verify`);
    assert.equal(v.body.ok, false);
    const checks = Object.fromEntries((v.body.checks as Array<{ key: string; ok: boolean }>).map((x) => [x.key, x.ok]));
    assert.deepEqual([checks.objects, checks.inspectors, checks.snapshot], [false, true, true]);
    assert.match(v.body.message, /名单在抽取后发生了变化/);
  });
});
