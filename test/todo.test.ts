/**
 * 我的待办 per role with a fixed today (what each role answers for, nothing of another bureau), the
 * due-window filter shared with the calendar (weeks Monday to Sunday, month ends), and the API.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { writeAnchor } from '../src/audit/anchor.service.ts';
import { dueWindow, listDeadlines } from '../src/calendar/deadlines.ts';
import { deadlineRule, defineDeadlineRules } from '../src/calendar/rules.ts';
import type { TodoView } from '../src/contract.ts';
import { defineLedger } from '../src/ledger/define.ts';
import { f } from '../src/ledger/field.ts';
import { registerLedgers } from '../src/ledger/registry.ts';
import { findUserById } from '../src/org/org.repo.ts';
import { isRole } from '../src/org/roles.ts';
import { buildScope, systemScope } from '../src/org/scope.ts';
import { myTodo } from '../src/todo/todo.service.ts';
import { client, PASSWORD, serverSuite } from './helpers.ts';

// A test-only ledger whose deadline is the date typed in (amount 0), so every due date is exact.
const LEDGER = 'todotest_item';
const todoLedger = defineLedger({
  key: LEDGER,
  module: 'todotest',
  label: '待办测试台账',
  titleField: 'title',
  dateField: 'due',
  unitField: 'unitId',
  fields: {
    title: f.text('事项', { required: true }),
    due: f.date('完成时限', { required: true }),
    doneOn: f.date('完成日期'),
    unitId: f.unit('承办科室'),
  },
});
registerLedgers([todoLedger]);
defineDeadlineRules([
  deadlineRule(todoLedger, {
    key: 'todotest.due',
    label: '待办测试时限',
    start: 'due',
    amount: 0,
    unit: 'day',
    doneField: 'doneOn',
    basis: '测试依据第一条',
  }),
]);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TODAY = '2026-12-02'; // a Wednesday: its week is 11-30 (Mon) .. 12-06 (Sun)

describe('due window: weeks run Monday to Sunday, months to their last day', () => {
  it('gives the Monday..Sunday of any day of the week, across month and year ends', () => {
    for (const d of ['2026-11-30', '2026-12-02', '2026-12-06'])
      assert.deepEqual(dueWindow(d, 'week'), { from: '2026-11-30', to: '2026-12-06' });
    assert.deepEqual(dueWindow('2026-12-07', 'week'), { from: '2026-12-07', to: '2026-12-13' });
    assert.deepEqual(dueWindow('2026-12-31', 'week'), { from: '2026-12-28', to: '2027-01-03' });
    assert.deepEqual(dueWindow('2027-01-03', 'week'), { from: '2026-12-28', to: '2027-01-03' });
  });
  it('gives the month with its true last day (leap February, 30 and 31)', () => {
    assert.deepEqual(dueWindow('2024-02-10', 'month'), { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(dueWindow('2026-02-28', 'month'), { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(dueWindow('2026-11-30', 'month'), { from: '2026-11-01', to: '2026-11-30' });
    assert.deepEqual(dueWindow('2026-12-01', 'month'), { from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('我的待办 and the within filter', () => {
  const s = serverSuite();
  const ids: Record<string, string> = {};

  const scopeOf = async (username: string) => {
    const u = await findUserById(s.t.db, s.w.users[username]);
    assert.ok(u && isRole(u.role));
    return buildScope(s.t.db, { ...u, role: u.role }, 'test');
  };
  const todoOf = async (username: string, today = TODAY): Promise<TodoView> => myTodo(s.t.db, await scopeOf(username), { today });
  const deadlineIds = (v: TodoView, g: 'overdue' | 'thisWeek' | 'thisMonth') =>
    v[g].items.filter((d) => d.ledger === LEDGER).map((d) => d.title);

  it('sets up records of two 科室 and two bureaus', async () => {
    const officer = await client(s.s.base, 'officer');
    const county = await client(s.s.base, 'county');
    const add = async (c: typeof officer, title: string, due: string, unitId: string | null, doneOn?: string) => {
      const r = await c.post(`/api/ledgers/${LEDGER}/records`, { data: { title, due, unitId, ...(doneOn ? { doneOn } : {}) } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids[title] = r.body.id;
    };
    await add(officer, '救助科逾期', '2026-11-20', s.w.units.welfare);
    await add(officer, '救助科已办结', '2026-11-20', s.w.units.welfare, '2026-11-19');
    await add(officer, '法规科周日到期', '2026-12-06', s.w.units.office);
    await add(officer, '法规科周一到期', '2026-11-30', s.w.units.office);
    await add(officer, '救助科下周一', '2026-12-07', s.w.units.welfare);
    await add(officer, '救助科月末', '2026-12-31', s.w.units.welfare);
    await add(officer, '救助科明年', '2027-01-01', s.w.units.welfare);
    await add(officer, '未分科室周四', '2026-12-03', null);
    await add(county, '县局逾期', '2026-11-20', s.w.units.countyOffice);
  });

  it('filters the deadlines by this week (Monday..Sunday) and this month, the same filter the calendar uses', async () => {
    const scope = systemScope(s.w.city);
    const titles = async (within: 'week' | 'month', today = TODAY) =>
      (await listDeadlines(s.t.db, scope, { status: 'all', module: 'todotest', within }, { today })).map((d) => d.title);
    assert.deepEqual(await titles('week'), ['法规科周一到期', '未分科室周四', '法规科周日到期']);
    assert.deepEqual(await titles('month'), ['未分科室周四', '法规科周日到期', '救助科下周一', '救助科月末']);
    assert.deepEqual(await titles('week', '2026-12-31'), ['救助科月末', '救助科明年']);
    const officer = await client(s.s.base, 'officer');
    const r = await officer.get('/api/deadlines?status=all&module=todotest&within=week');
    assert.equal(r.status, 200);
    const bad = await officer.get('/api/deadlines?within=year');
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /within/);
  });

  it('gives the officer the whole bureau: overdue, this week, later this month; never another bureau', async () => {
    const v = await todoOf('officer');
    assert.deepEqual(v.week, { from: '2026-11-30', to: '2026-12-06' });
    assert.deepEqual(v.month, { from: '2026-12-01', to: '2026-12-31' });
    assert.deepEqual(deadlineIds(v, 'overdue'), ['救助科逾期', '法规科周一到期']);
    assert.deepEqual(deadlineIds(v, 'thisWeek'), ['未分科室周四', '法规科周日到期']);
    assert.deepEqual(deadlineIds(v, 'thisMonth'), ['救助科下周一', '救助科月末']);
    const od = v.overdue.items.find((d) => d.title === '救助科逾期');
    assert.ok(od);
    assert.equal(od.why, 'bureau');
    assert.equal(od.status, '逾期');
    assert.equal(od.basis, '测试依据第一条');
    assert.equal(od.label, '待办测试时限');
    assert.ok(od.remainingWorkdays !== null && od.remainingWorkdays < 0);
    assert.equal(od.recordId, ids.救助科逾期);
    const all = [...v.overdue.items, ...v.thisWeek.items, ...v.thisMonth.items];
    assert.ok(all.every((d) => d.orgId === s.w.city));
    assert.ok(!all.some((d) => d.title === '县局逾期'));
    const county = await todoOf('county');
    assert.deepEqual(deadlineIds(county, 'overdue'), ['县局逾期']);
    assert.deepEqual(deadlineIds(county, 'thisWeek'), []);
  });

  it('gives 科室人员 only their 科室’s deadlines', async () => {
    const v = await todoOf('staff');
    assert.deepEqual(deadlineIds(v, 'overdue'), ['救助科逾期']);
    assert.equal(v.overdue.items[0].why, 'unit');
    assert.deepEqual(deadlineIds(v, 'thisWeek'), []);
    assert.deepEqual(deadlineIds(v, 'thisMonth'), ['救助科下周一', '救助科月末']);
    assert.equal(v.counts.menu.calendar, 1);
  });

  it('shows the leader a report draft to finalise, and the officer the same draft to prepare; neither after finalising', async () => {
    const officer = await client(s.s.base, 'officer');
    const r = await officer.post('/api/reports', { kind: 'annual-report', year: 2025 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const leader = await todoOf('leader');
    const fin = leader.items.filter((i) => i.kind === 'report.finalize');
    assert.equal(fin.length, 1);
    assert.equal(fin[0].id, r.body.id);
    assert.match(fin[0].title, /^待定稿：/);
    assert.equal(leader.counts.menu.reports, 1);
    assert.ok(leader.overdue.items.some((d) => d.title === '救助科逾期' && d.why === 'bureau'));
    const off = await todoOf('officer');
    assert.deepEqual(
      off.items.filter((i) => i.kind.startsWith('report.')).map((i) => [i.kind, i.id]),
      [['report.draft', r.body.id]],
    );
    assert.equal((await todoOf('staff')).items.filter((i) => i.kind.startsWith('report.')).length, 0);
    assert.equal((await todoOf('county')).items.filter((i) => i.kind.startsWith('report.')).length, 0);
  });

  it('shows 工作任务 not started to their 科室 and to the officer', async () => {
    const officer = await client(s.s.base, 'officer');
    const task = await officer.post('/api/ledgers/plan_task/records', {
      data: { year: 2026, content: '开展民法典宣传月活动', leadUnit: s.w.units.welfare, status: '未启动', deadline: '2026-12-20' },
    });
    assert.equal(task.status, 201, JSON.stringify(task.body));
    const started = await officer.post('/api/ledgers/plan_task/records', {
      data: { year: 2026, content: '已经推进的任务', leadUnit: s.w.units.welfare, status: '推进中' },
    });
    assert.equal(started.status, 201);
    for (const who of ['staff', 'officer']) {
      const tasks = (await todoOf(who)).items.filter((i) => i.kind === 'task.start');
      assert.deepEqual(
        tasks.map((i) => i.id),
        [task.body.id],
        who,
      );
      assert.equal(tasks[0].link, `/records/${task.body.id}`);
    }
    assert.equal((await todoOf('county')).items.filter((i) => i.kind === 'task.start').length, 0);
  });

  it('shows the officer an import of hers that failed until the same ledger is imported successfully', async () => {
    const officer = await client(s.s.base, 'officer');
    const importAsJob = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['事项', '完成时限']);
      for (const r of rows) ws.addRow(r);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await wb.xlsx.writeBuffer())], { type: XLSX }), '待办导入.xlsx');
      const res = await officer.raw(`/api/ledgers/${LEDGER}/import?async=1`, { method: 'POST', body: form });
      assert.equal(res.status, 202);
      let job = (await res.json()) as { id: string; status: string };
      for (let i = 0; i < 600 && job.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await officer.get(`/api/import-jobs/${job.id}`)).body;
      }
      return job;
    };
    const failed = await importAsJob([['坏日期的事项', '2026-02-30']]);
    assert.equal(failed.status, 'failed');
    const items = (await todoOf('officer')).items.filter((i) => i.kind === 'import.failed');
    assert.deepEqual(
      items.map((i) => [i.id, i.link]),
      [[failed.id, `/ledgers/${LEDGER}`]],
    );
    assert.match(items[0].title, /待办测试台账（待办导入\.xlsx）/);
    assert.match(items[0].detail, /第2行：完成时限应为有效日期/);
    assert.equal((await todoOf('staff')).items.filter((i) => i.kind === 'import.failed').length, 0, 'only the importer’s');
    const done = await importAsJob([['改正后的事项', '2027-02-28']]);
    assert.equal(done.status, 'done');
    assert.equal((await todoOf('officer')).items.filter((i) => i.kind === 'import.failed').length, 0);
  });

  it('shows the security admin a locked account, the system admin a year without its holiday arrangement; no deadlines for either', async () => {
    const anon = await client(s.s.base);
    for (let i = 0; i < 5; i++) await anon.post('/api/auth/login', { username: 'county', password: 'Wrong@Password1' });
    const locked = await anon.post('/api/auth/login', { username: 'county', password: PASSWORD });
    assert.equal(locked.status, 423);
    const sec = await todoOf('secadmin');
    const lockedItems = sec.items.filter((i) => i.kind === 'account.locked');
    assert.deepEqual(
      lockedItems.map((i) => i.id),
      [s.w.users.county],
    );
    assert.equal(sec.counts.menu.security, 1);
    assert.equal(sec.overdue.total + sec.thisWeek.total + sec.thisMonth.total, 0);

    // The library has the arrangement up to 2026: from October the system admin is asked for the next year's.
    const sys = await todoOf('sysadmin');
    assert.deepEqual(
      sys.items.map((i) => [i.kind, i.title]),
      [['calendar.uncovered', '2027年法定节假日安排尚未录入']],
    );
    assert.equal(sys.counts.menu.system, 1);
    assert.deepEqual((await todoOf('sysadmin', '2026-06-01')).items, []);
    const admin = await client(s.s.base, 'sysadmin');
    const put = await admin.put('/api/calendar/overrides/2027-01-01', { kind: 'holiday', name: '元旦' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    // One override does not make a year's arrangement complete; the admin's confirmation does.
    assert.equal((await todoOf('sysadmin')).items.length, 1);
    const mark = await admin.put('/api/calendar/years/2027/complete', {});
    assert.equal(mark.status, 200, JSON.stringify(mark.body));
    assert.deepEqual((await todoOf('sysadmin')).items, []);
    await admin.del('/api/calendar/years/2027/complete');
    await admin.del('/api/calendar/overrides/2027-01-01');
    assert.equal((await todoOf('auditor')).items.length, 0, 'no anchor check without the interval');
  });

  it('shows the auditor audit rows left unanchored for more than two anchor intervals, until an anchor is written', async () => {
    const auditor = await scopeOf('auditor');
    const opts = { today: TODAY, anchorEveryMinutes: 60 };
    assert.deepEqual((await myTodo(s.t.db, auditor, opts)).items, [], 'rows written just now are not late');
    const later = { ...auditor, clock: { now: () => new Date(Date.now() + 3 * 3_600_000) } };
    const none = await myTodo(s.t.db, later, opts);
    assert.deepEqual(
      none.items.map((i) => [i.kind, i.link]),
      [['audit.anchor', '/admin/audit']],
    );
    assert.match(none.items[0].title, /^审计日志尚未写入锚点/);
    assert.equal(none.counts.menu.audit, 1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-todo-anchor-'));
    try {
      const written = await writeAnchor(s.t.db, { file: path.join(dir, 'anchors.jsonl'), writtenBy: 'test' });
      assert.ok(written.ok, written.message);
      assert.deepEqual((await myTodo(s.t.db, later, opts)).items, [], 'nothing new since the anchor');
      const officer = await client(s.s.base, 'officer');
      assert.equal(
        (await officer.post(`/api/ledgers/${LEDGER}/records`, { data: { title: '锚点之后的记录', due: '2027-03-01' } })).status,
        201,
      );
      const stale = await myTodo(s.t.db, later, opts);
      assert.deepEqual(
        stale.items.map((i) => i.kind),
        ['audit.anchor'],
      );
      assert.match(stale.items[0].title, /^审计日志已有 3 小时没有写入锚点/);
      assert.deepEqual(
        (await myTodo(s.t.db, await scopeOf('officer'), opts)).items.filter((i) => i.kind === 'audit.anchor'),
        [],
        'auditors only',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers over HTTP with the real today, and the counts for the menu badges', async () => {
    const officer = await client(s.s.base, 'officer');
    const old = await officer.post(`/api/ledgers/${LEDGER}/records`, { data: { title: '两年前的事项', due: '2024-01-02' } });
    assert.equal(old.status, 201);
    const r = await officer.get('/api/todo');
    assert.equal(r.status, 200);
    const v = r.body as TodoView;
    assert.ok(v.overdue.items.some((d) => d.recordId === old.body.id));
    const counts = await officer.get('/api/todo/counts');
    assert.equal(counts.status, 200);
    assert.deepEqual(counts.body, v.counts);
    assert.ok((counts.body.menu.calendar ?? 0) >= 1);
    assert.equal(counts.body.menu.home, counts.body.total);
    const anon = await client(s.s.base);
    assert.equal((await anon.get('/api/todo')).status, 401);
  });
});
