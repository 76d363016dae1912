/**
 * Person fields (承办人, kind `user`): only an active business account of the record's bureau is
 * accepted (form/API and import), the deadline names that person as its owner and 我的待办 lists it
 * for them, and Excel shows the display name and reads a display name or a username back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { listDeadlines } from '../src/calendar/deadlines.ts';
import { updateUser } from '../src/org/org.repo.ts';
import { createUserUnchecked } from '../src/org/org.service.ts';
import { findUserById } from '../src/org/org.repo.ts';
import { isRole } from '../src/org/roles.ts';
import { buildScope, systemScope } from '../src/org/scope.ts';
import { myTodo } from '../src/todo/todo.service.ts';
import { type Client, client, PASSWORD, type Res, serverSuite } from './helpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function upload(c: Client, url: string, content: Buffer): Promise<Res> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: XLSX }), 'import.xlsx');
  const res = await c.raw(url, { method: 'POST', body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function sheetOf(header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const petition = (matter: string, handler?: string | null) => ({
  data: { receivedOn: '2026-11-02', channel: '来信', matter, firstResponder: '王五', ...(handler === undefined ? {} : { handler }) },
});

describe('承办人: a person field that owns the deadlines', () => {
  const s = serverSuite();
  const people: Record<string, string> = {};

  it('sets up accounts: two 张三 in two 科室, and a 李四 who has left', async () => {
    const actor = { userId: 'test', username: 'test', orgId: s.w.city, ip: 'test' };
    const add = async (username: string, displayName: string, unitId: string) => {
      people[username] = await createUserUnchecked(
        s.t.db,
        actor,
        { username, displayName, password: PASSWORD, role: 'staff', orgId: s.w.city, unitId },
        { oneTime: false },
      );
    };
    await add('zhang', '张三', s.w.units.welfare);
    await add('zhang2', '张三', s.w.units.office);
    await add('lisi', '李四', s.w.units.welfare);
    await updateUser(s.t.db, people.lisi, { active: 0 });
  });

  it('lists the bureau’s active business accounts as the choices, never an admin, a departed account or another bureau for staff', async () => {
    const staff = await client(s.s.base, 'staff');
    const r = await staff.get('/api/people');
    assert.equal(r.status, 200);
    const names = (r.body as Array<{ username: string; orgId: string }>).map((p) => p.username).sort();
    assert.deepEqual(names, ['leader', 'officer', 'staff', 'zhang', 'zhang2']);
    const officer = await client(s.s.base, 'officer');
    const all = (await officer.get('/api/people')).body as Array<{ username: string; orgId: string }>;
    assert.ok(
      all.some((p) => p.username === 'county' && p.orgId === s.w.county),
      'the officer reads the county’s records, so their names too',
    );
    const sysadmin = await client(s.s.base, 'sysadmin');
    assert.equal((await sysadmin.get('/api/people')).status, 403);
  });

  it('accepts only an active business account of the record’s bureau, naming the field', async () => {
    const officer = await client(s.s.base, 'officer');
    for (const bad of [s.w.users.county, s.w.users.sysadmin, people.lisi, 'no-such-account']) {
      const r = await officer.post('/api/ledgers/petition/records', petition('不应保存的信访', bad));
      assert.equal(r.status, 400, `${bad}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.detail, /承办人应为本单位在职的业务人员/);
      assert.equal(r.body.errors[0].field, 'handler');
    }
    const n = await s.t.db
      .selectFrom('record')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ledger', '=', 'petition')
      .executeTakeFirst();
    assert.equal(Number(n?.n), 0, 'nothing half-written');
    const ok = await officer.post('/api/ledgers/petition/records', petition('王某来信反映低保问题', s.w.users.staff));
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const none = await officer.post('/api/ledgers/petition/records', petition('未指定承办人的信访'));
    assert.equal(none.status, 201);
  });

  it('makes the person the deadline’s owner, and lists it in their 我的待办 even outside their 科室', async () => {
    const officer = await client(s.s.base, 'officer');
    // 社会救助科's staff handles a petition of 政策法规科.
    const r = await officer.post('/api/ledgers/petition/records', {
      data: { ...petition('跨科室办理的信访', s.w.users.staff).data, unitId: s.w.units.office },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const dls = (
      await listDeadlines(s.t.db, systemScope(s.w.city), { status: 'open', module: 'oversight' }, { today: '2026-11-10' })
    ).filter((d) => d.recordId === r.body.id);
    assert.ok(dls.length > 0);
    for (const d of dls) assert.deepEqual(d.owner, { unitId: s.w.units.office, userId: s.w.users.staff });
    const u = await findUserById(s.t.db, s.w.users.staff);
    assert.ok(u && isRole(u.role));
    const todo = await myTodo(s.t.db, await buildScope(s.t.db, { ...u, role: u.role }, 'test'), { today: '2026-11-10' });
    const mine = [...todo.overdue.items, ...todo.thisWeek.items, ...todo.thisMonth.items].filter((d) => d.recordId === r.body.id);
    assert.ok(mine.length > 0 && mine.every((d) => d.why === 'person'), JSON.stringify(mine.map((d) => d.why)));
  });

  it('keeps a departed person on an edited record, but refuses naming them anew', async () => {
    const officer = await client(s.s.base, 'officer');
    const made = await officer.post('/api/ledgers/petition/records', petition('张三承办的信访', people.zhang));
    assert.equal(made.status, 201);
    await updateUser(s.t.db, people.zhang, { active: 0 });
    const edited = await officer.put(`/api/ledgers/petition/records/${made.body.id}`, {
      data: { ...made.body.data, petitioner: '赵某' },
      version: made.body.version,
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.data.handler, people.zhang);
    const renamed = await officer.put(`/api/ledgers/petition/records/${made.body.id}`, {
      data: { ...edited.body.data, handler: people.lisi },
      version: edited.body.version,
    });
    assert.equal(renamed.status, 400);
    await updateUser(s.t.db, people.zhang, { active: 1 });
  });

  it('imports a display name or a username; an ambiguous or unknown name is refused with its row and nothing is written', async () => {
    const officer = await client(s.s.base, 'officer');
    const header = ['登记日期', '信访形式', '信访事项', '首问责任人', '承办人'];
    const before = (await officer.get('/api/ledgers/petition/records?pageSize=100')).body.total;
    const bad = await upload(
      officer,
      '/api/ledgers/petition/import',
      await sheetOf(header, [
        ['2026-11-03', '来访', '按姓名', '王五', 'staff'],
        ['2026-11-03', '来访', '重名', '王五', '张三'],
        ['2026-11-03', '来访', '已停用', '王五', '李四'],
        ['2026-11-03', '来访', '按用户名', '王五', 'zhang2'],
      ]),
    );
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    const errs = bad.body.errors as Array<{ row: number; field: string; message: string }>;
    assert.deepEqual(
      errs.map((e) => [e.row, e.field]),
      [
        [3, 'handler'],
        [4, 'handler'],
      ],
    );
    assert.match(errs[0].message, /“张三”有 2 个同名账号（用户名：zhang、zhang2），请改填用户名/);
    assert.match(errs[1].message, /“李四”不是本单位在职的业务人员/);
    assert.equal((await officer.get('/api/ledgers/petition/records?pageSize=100')).body.total, before);

    const good = await upload(
      officer,
      '/api/ledgers/petition/import',
      await sheetOf(header, [
        ['2026-11-03', '来访', '按姓名导入', '王五', 'staff'],
        ['2026-11-03', '来访', '按用户名导入', '王五', 'zhang2'],
      ]),
    );
    assert.equal(good.status, 200, JSON.stringify(good.body));
    assert.equal(good.body.created, 2);
    const list = (await officer.get('/api/ledgers/petition/records?pageSize=100')).body.items as Array<{
      title: string;
      data: { handler?: string };
    }>;
    assert.equal(list.find((r) => r.title === '按姓名导入')?.data.handler, s.w.users.staff);
    assert.equal(list.find((r) => r.title === '按用户名导入')?.data.handler, people.zhang2);
  });

  it('exports the display name (the username where two share it) and the export imports back unchanged', async () => {
    const officer = await client(s.s.base, 'officer');
    const res = await officer.raw('/api/ledgers/petition/export.xlsx');
    assert.equal(res.status, 200);
    const buf = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const head = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const col = head.indexOf('承办人');
    const matterCol = head.indexOf('信访事项');
    assert.ok(col > 0 && matterCol > 0);
    const shown = new Map<string, string>();
    ws.eachRow((row, n) => {
      if (n > 1) shown.set(String(row.getCell(matterCol).value), String(row.getCell(col).value ?? ''));
    });
    assert.equal(shown.get('王某来信反映低保问题'), 'staff');
    assert.equal(shown.get('按用户名导入'), 'zhang2', 'two 张三: the username, so it reads back');
    assert.equal(shown.get('张三承办的信访'), 'zhang');
    assert.equal(shown.get('未指定承办人的信访'), '');
    const again = await upload(officer, '/api/ledgers/petition/import?dryRun=1', buf);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.created, 0);
    assert.equal(again.body.updated, 0);
    assert.equal(again.body.unchanged, shown.size);
  });

  it('documents the field in OpenAPI as an account id', async () => {
    const c = await client(s.s.base);
    const doc = (await c.get('/api/openapi.json')).body;
    const text = JSON.stringify(doc);
    assert.ok(text.includes('"/api/people"'));
    assert.ok(text.includes('"/api/todo"'));
    assert.match(text, /"handler":\{"type":\["string","null"\],"format":"uuid"[^}]*"title":"承办人"/);
  });
});
