/**
 * Tenancy: walks EVERY route of the route table as a user of bureau B (和平县) aimed at the records,
 * attachments, drafts, users, units and org of bureau A (示范县, a sibling under the same city) and
 * expects a refusal (403/404; 400 tolerated for writes, since nothing may be written either way),
 * never 200 with A's data, never 500. Then every non-public route without a session must be 401.
 * Afterwards A's data must be exactly as before. A new route added to the table is walked
 * automatically; the tiny GLOBAL list names routes that legitimately answer every bureau alike.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { z } from 'zod';
import { loadConfig } from '../src/config.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { AnyRoute } from '../src/http/router.ts';
import { setDeadlineSetting } from '../src/calendar/deadline-settings.service.ts';
import { allRoutes } from '../src/http/routes.ts';
import { addAttachment } from '../src/ledger/attachment.service.ts';
import { createRecord } from '../src/ledger/record.service.ts';
import { createUserUnchecked } from '../src/org/org.service.ts';
import { permsOf, type Role } from '../src/org/roles.ts';
import { systemScope } from '../src/org/scope.ts';
import { type Client, client, makeDb, type Server, startServer, type TestDb } from './helpers.ts';

/** Routes whose answer is the same for every bureau (declarations, catalogs, the national calendar). */
const GLOBAL = new Set([
  'GET /api/ledgers',
  'GET /api/roles',
  'GET /api/figures/catalog',
  'GET /api/reports/kinds',
  'GET /api/calendar/rules',
  'GET /api/calendar/overrides',
  'GET /api/calendar/key-dates',
  'GET /api/calendar/annual-duties',
  'GET /api/calendar/days',
  // The working-day calendar is national: a 系统管理员 of any bureau maintains its holiday overrides.
  'PUT /api/calendar/overrides/:day',
  'DELETE /api/calendar/overrides/:day',
  // So is a year's arrangement (coverage, bulk entry, the complete mark).
  'GET /api/calendar/years',
  'POST /api/calendar/years/:year/parse',
  'POST /api/calendar/years/:year/arrangement',
  'PUT /api/calendar/years/:year/complete',
  'DELETE /api/calendar/years/:year/complete',
]);

const MARK = 'ZQXAMARK7';
const PW = 'Tenancy#2026ok';
const ROLE_ORDER: Role[] = ['officer', 'leader', 'staff', 'sysadmin', 'secadmin', 'auditor'];
/** Path parameters that name a declaration, not an object of a bureau, and the value walked with. */
const NOT_TENANT: Record<string, string> = {
  ledger: 'study_session',
  day: '2026-10-08',
  year: '2027',
  ruleKey: 'normdoc.filing',
  key: 'study.central_group',
  // A calendar subscription token is a bearer credential, not a tenant's object: whoever holds it reads
  // its owner's feed. The walk sends one nobody holds (ics-subscription.test.ts proves the refusals).
  token: 'A'.repeat(43),
  // An outbound channel is a kind, not an object: the bureau is the `orgId` the walk aims at A.
  channel: 'wecom',
};
/** A's own deadline setting (an unusual value, so B seeing it would show). */
const A_FILING_DAYS = 17;

/** Every role that may call the route: B is walked with each of them ("the same role" as A's user). */
function rolesFor(r: AnyRoute): Role[] {
  if (r.auth === 'public' || r.auth === 'login') return ROLE_ORDER;
  const roles = ROLE_ORDER.filter((x) => permsOf(x).includes(r.auth as never));
  assert.ok(roles.length, `no role has permission ${r.auth}`);
  return roles;
}

type A = {
  orgId: string;
  unitIds: string[];
  userIds: string[];
  recordIds: string[];
  /** records of the city above both counties: a county must not read upwards either */
  upIds: Map<string, string>;
  record: { id: string; ledger: string; data: unknown };
  taskId: string;
  attachmentId: string;
  draftId: string;
  byLedger: Map<string, string>;
};

async function textOf(res: Response): Promise<string> {
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b) {
    const zip = await JSZip.loadAsync(buf);
    const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
    return parts.join('\n');
  }
  return buf.toString('utf8');
}

describe('tenancy: every route, as another bureau', () => {
  let t: TestDb;
  let s: Server;
  let a: A;
  const users: Record<string, string> = {};
  const clients = new Map<Role, Client>();
  const routes = allRoutes(loadConfig({}));
  let snapshot = '';

  const snap = async (): Promise<string> => {
    const recs = await t.db
      .selectFrom('record')
      .select(['id', 'version', 'deleted_at', 'data'])
      .where('org_id', '=', a.orgId)
      .orderBy('id')
      .execute();
    const units = await t.db.selectFrom('unit').select(['id', 'name']).where('org_id', '=', a.orgId).orderBy('id').execute();
    const us = await t.db
      .selectFrom('app_user')
      .select(['id', 'role', 'active', 'password_hash', 'unit_id'])
      .where('org_id', '=', a.orgId)
      .orderBy('id')
      .execute();
    const att = await t.db.selectFrom('attachment').select(['id']).where('org_id', '=', a.orgId).orderBy('id').execute();
    const drafts = await t.db
      .selectFrom('report_draft')
      .select(['id', 'version', 'content'])
      .where('org_id', '=', a.orgId)
      .orderBy('id')
      .execute();
    const orgs = await t.db.selectFrom('org').select(['id', 'name', 'parent_id']).orderBy('id').execute();
    const settings = await t.db.selectFrom('setting').selectAll().where('org_id', '=', a.orgId).execute();
    return JSON.stringify({ recs, units, us: us.map((u) => ({ ...u, active: Number(u.active) })), att, drafts, orgs, settings });
  };

  before(async () => {
    t = await makeDb();
    const demo = await loadDemo(t.db, { today: '2026-11-23' });
    const A = demo.orgs.shifan;
    const B = demo.orgs.heping;
    for (const role of ROLE_ORDER) {
      const unitId = role === 'staff' ? B.units.办公室 : null;
      await createUserUnchecked(
        t.db,
        { userId: 't', username: 't', orgId: B.id, ip: 't' },
        { username: `b.${role}`, displayName: `乙${role}`, password: PW, role, orgId: B.id, unitId },
        { oneTime: false },
      );
      users[role] = `b.${role}`;
      const aUserId = await createUserUnchecked(
        t.db,
        { userId: 't', username: 't', orgId: A.id, ip: 't' },
        {
          username: `a.${role}`,
          displayName: `甲${role}`,
          password: PW,
          role,
          orgId: A.id,
          unitId: role === 'staff' ? A.units.办公室 : null,
        },
        { oneTime: false },
      );
      if (role === 'officer') {
        await setDeadlineSetting(t.db, { ...systemScope(A.id), userId: aUserId, username: `a.${role}` }, 'normdoc.filing', A_FILING_DAYS);
      }
    }
    const scope = systemScope(A.id);
    const marked = await createRecord(t.db, scope, 'study_session', {
      date: '2026-03-02',
      kind: '在线学法',
      topic: `甲局专属学法${MARK}`,
      unitId: A.units.办公室,
    });
    const att = await addAttachment(t.db, scope, marked.id, {
      filename: `${MARK}.txt`,
      mime: 'text/plain',
      content: Buffer.from(`secret ${MARK}`),
      note: MARK,
    });
    const draftId = randomUUID();
    const now = new Date().toISOString();
    await t.db
      .insertInto('report_draft')
      .values({
        id: draftId,
        org_id: A.id,
        kind: 'annual',
        year: 2025,
        title: `甲局报告${MARK}`,
        status: 'draft',
        content: JSON.stringify({ title: MARK, blocks: [] }),
        figures: '{}',
        version: 1,
        created_at: now,
        created_by: 'test',
        updated_at: now,
        updated_by: 'test',
        finalized_at: null,
        finalized_by: null,
      })
      .execute();
    const recs = await t.db
      .selectFrom('record')
      .select(['id', 'ledger'])
      .where('org_id', '=', A.id)
      .where('deleted_at', 'is', null)
      .execute();
    const byLedger = new Map<string, string>();
    for (const r of recs) if (!byLedger.has(r.ledger)) byLedger.set(r.ledger, r.id);
    const task = recs.find((r) => r.ledger === 'inspection_task');
    const upRecs = await t.db.selectFrom('record').select(['id', 'ledger']).where('org_id', '=', demo.orgs.city.id).execute();
    const upIds = new Map<string, string>();
    for (const r of upRecs) if (!upIds.has(r.ledger)) upIds.set(r.ledger, r.id);
    const aUsers = await t.db.selectFrom('app_user').select('id').where('org_id', '=', A.id).execute();
    a = {
      orgId: A.id,
      unitIds: Object.values(A.units),
      userIds: aUsers.map((u) => u.id),
      recordIds: [...recs.map((r) => r.id), ...upRecs.map((r) => r.id)],
      upIds,
      record: { id: marked.id, ledger: 'study_session', data: marked.data },
      taskId: task?.id ?? marked.id,
      attachmentId: att.id,
      draftId,
      byLedger,
    };
    s = await startServer(t.db);
    for (const role of ROLE_ORDER) clients.set(role, await client(s.base, users[role], PW));
    snapshot = await snap();
  });
  after(async () => {
    await s?.close();
    await t?.close();
  });

  /** Strings that must never reach a user of B. */
  const leaks = (text: string): string[] => {
    const found: string[] = [];
    const needles = [MARK, a.orgId, a.attachmentId, a.draftId, ...a.unitIds, ...a.userIds, ...a.recordIds];
    for (const n of needles) if (text.includes(n)) found.push(n);
    return found;
  };

  /** Candidate values for each path parameter: every kind of object of A. */
  const idCandidates = (): Array<{ id: string; ledger: string; what: string }> => [
    ...[...a.byLedger.entries()].map(([ledger, id]) => ({ id, ledger, what: `记录(${ledger})` })),
    ...[...a.upIds.entries()].map(([ledger, id]) => ({ id, ledger, what: `上级市局记录(${ledger})` })),
    { id: a.record.id, ledger: a.record.ledger, what: '标记记录' },
    { id: a.attachmentId, ledger: 'study_session', what: '附件' },
    { id: a.draftId, ledger: 'study_session', what: '报告草稿' },
    { id: a.userIds[0], ledger: 'study_session', what: '用户' },
    { id: a.orgId, ledger: 'study_session', what: '单位' },
    { id: a.unitIds[0], ledger: 'study_session', what: '科室' },
  ];

  function queryFor(r: AnyRoute): string {
    const q = new URLSearchParams();
    if (r.query instanceof z.ZodObject) {
      const shape = r.query.shape as Record<string, unknown>;
      if ('orgId' in shape) q.set('orgId', a.orgId);
      if ('unitId' in shape) q.set('unitId', a.unitIds[0]);
      if ('year' in shape) q.set('year', '2025');
      if ('rollup' in shape) q.set('rollup', '1');
      if ('from' in shape) q.set('from', '2026-01-01');
      if ('to' in shape) q.set('to', '2026-12-31');
    }
    const s = q.toString();
    return s ? `?${s}` : '';
  }

  function bodyFor(r: AnyRoute, id: string | null): unknown {
    return {
      data: a.record.data,
      version: 1,
      content: { title: '越权修改', blocks: [] },
      orgId: a.orgId,
      parentId: a.orgId,
      unitId: a.unitIds[0],
      recordId: id ?? a.record.id,
      taskId: a.taskId,
      name: '越权测试单位',
      level: 'county',
      kind: r.url.includes('/units') ? '科室' : 'annual',
      year: 2025,
      username: `intruder${Math.floor(Math.random() * 1e6)}`,
      displayName: '越权',
      password: 'Intrude#2026x',
      role: 'officer',
      groups: 1,
      perGroup: 2,
      objectCount: 1,
      witness: '监督人',
      seed: 'seed-12345678',
      amount: 20,
    };
  }

  async function call(c: Client, r: AnyRoute, url: string, id: string | null): Promise<Response> {
    if (r.multipart) {
      const fd = new FormData();
      fd.set('note', MARK);
      fd.set('file', new Blob([Buffer.from('not a spreadsheet')], { type: 'application/octet-stream' }), 'x.xlsx');
      return c.raw(url, { method: r.method, body: fd });
    }
    const hasBody = r.method === 'POST' || r.method === 'PUT';
    return c.raw(url, {
      method: r.method,
      headers: hasBody ? { 'content-type': 'application/json' } : {},
      body: hasBody ? JSON.stringify(bodyFor(r, id)) : undefined,
    });
  }

  it('finds real targets: A itself can read them', async () => {
    const own = await client(s.base, 'a.officer', PW);
    assert.equal((await own.get(`/api/ledgers/study_session/records/${a.record.id}`)).status, 200);
    assert.equal((await own.raw(`/api/attachments/${a.attachmentId}`)).status, 200);
    const b = clients.get('officer') as Client;
    assert.equal((await b.get(`/api/ledgers/study_session/records/${a.record.id}`)).status, 404);
  });

  it('walks every route as bureau B and never gets A data or a 500', async () => {
    assert.ok(routes.length >= 30, `route table has ${routes.length} routes`);
    const problems: string[] = [];
    let calls = 0;
    // Logging out last keeps B's sessions for the rest of the walk.
    const ordered = [...routes].sort((x, y) => Number(x.url === '/api/auth/logout') - Number(y.url === '/api/auth/logout'));
    for (const r of ordered) {
      const key = `${r.method} ${r.url}`;
      const params = [...r.url.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]);
      const targeted = params.some((p) => !(p in NOT_TENANT));
      const cands = params.includes('id') ? idCandidates() : [{ id: '', ledger: 'study_session', what: '-' }];
      for (const role of rolesFor(r)) {
        const c = clients.get(role) as Client;
        for (const cand of cands) {
          let url = r.url;
          for (const p of params) {
            const v = p === 'id' ? cand.id : p === 'ledger' ? cand.ledger : (NOT_TENANT[p] ?? a.orgId);
            url = url.replace(`:${p}`, encodeURIComponent(v));
          }
          url += queryFor(r);
          const res = await call(c, r, url, params.includes('id') ? cand.id : null);
          calls++;
          const text = await textOf(res);
          const where = `${key} [${role} → ${cand.what}] → ${res.status}`;
          if (res.status >= 500) problems.push(`${where}：服务器错误 ${text.slice(0, 200)}`);
          const leaked = leaks(text);
          if (leaked.length) problems.push(`${where}：响应中含有甲局数据 ${leaked.slice(0, 3).join(',')}`);
          if (res.status < 300 && targeted && !GLOBAL.has(key)) problems.push(`${where}：对甲局对象的请求竟然成功`);
          if (targeted && r.method !== 'POST' && r.method !== 'PUT' && ![403, 404].includes(res.status) && !GLOBAL.has(key)) {
            problems.push(`${where}：应为 403 或 404`);
          }
          if (GLOBAL.has(key) && r.method === 'GET' && res.status !== 200) problems.push(`${where}：全局接口应可读`);
        }
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.ok(calls > routes.length);
  });

  it('every non-public route refuses a request without a session (401)', async () => {
    const anon = await client(s.base);
    const problems: string[] = [];
    for (const r of routes) {
      if (r.auth === 'public') continue;
      let url = r.url;
      for (const p of r.url.matchAll(/:([a-zA-Z]+)/g)) url = url.replace(`:${p[1]}`, NOT_TENANT[p[1]] ?? a.record.id);
      const res = await call(anon, r, url + queryFor(r), a.record.id);
      const text = await textOf(res);
      if (res.status !== 401) problems.push(`${r.method} ${r.url} → ${res.status}`);
      if (leaks(text).length) problems.push(`${r.method} ${r.url}：未登录响应含有数据`);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it('B reads and writes only its own deadline settings', async () => {
    const filing = (list: Array<{ ruleKey: string; amount: number | null }>) => list.find((x) => x.ruleKey === 'normdoc.filing')?.amount;
    const b = await client(s.base, users.officer, PW); // the walk ended with B's logout
    const own = await b.get('/api/calendar/settings');
    assert.equal(own.status, 200);
    assert.equal(filing(own.body), null, 'the walk set, then reset, B’s own value; A’s is never shown');
    assert.equal((await b.put('/api/calendar/settings/normdoc.filing', { amount: 25 })).status, 200);
    assert.equal(filing((await b.get('/api/calendar/settings')).body), 25);
    const mine = await client(s.base, 'a.officer', PW);
    assert.equal(filing((await mine.get('/api/calendar/settings')).body), A_FILING_DAYS);
  });

  it('left every record, unit, user, attachment and draft of A exactly as it was', async () => {
    assert.equal(await snap(), snapshot);
  });
});
