/**
 * Deadline reminders: the default steps fire on the right working days (around 国庆+中秋 2025),
 * escalate owner → unit head → 法治专干 → leader once overdue, are sent once per step (run twice;
 * two schedulers on one database; two servers racing), a missed step is sent once and only the
 * latest, an extension gives new steps, a bureau's own steps replace the default, and in-app
 * notifications are each user's own. Only the clock (the run's day) is faked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db/types.ts';
import type { Deliverer, OutboundMessage } from '../src/notify/outbound.ts';
import { createUserUnchecked } from '../src/org/org.service.ts';
import { dueSteps, stepDate } from '../src/reminders/policy.ts';
import { claimReminder } from '../src/reminders/reminders.repo.ts';
import { recipientsOf, runReminders } from '../src/reminders/reminders.service.ts';
import { reminderJob } from '../src/scheduler/jobs.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { WorkCalendar } from '../src/calendar/workdays.ts';
import { DIALECT, type Client, client, PASSWORD, serverSuite, testConfig } from './helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LEDGER = 'disclosure_request';
const RULE = 'disclosure.request_reply';
/** Received 2025-09-08: 20 working days end on Saturday 2025-10-11 (国庆节调休上班). */
const RECEIVED = '2025-09-08';
const DUE = '2025-10-11';

/** A Deliverer that records what it was given and answers as a mail server would. */
function recordingDeliverer(): { deliver: Deliverer; sent: OutboundMessage[] } {
  const sent: OutboundMessage[] = [];
  const deliver: Deliverer = async (msg) => {
    sent.push(msg);
    return msg.recipients.map((r) => ({ channel: 'email' as const, target: `${r.userId}@example.test`, ok: true, detail: '250 OK' }));
  };
  return { deliver, sent };
}

const run = (db: Db, today: string, deliver?: Deliverer) => runReminders(db, { today, deliver, publicUrl: 'https://fazhi.example.test' });

async function addRequest(
  c: Client,
  data: Record<string, unknown>,
): Promise<{ id: string; version: number; data: Record<string, unknown> }> {
  const r = await c.post(`/api/ledgers/${LEDGER}/records`, {
    data: { channel: '互联网在线', applicantType: '自然人', content: '申请公开低保审批信息', ...data },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function logOf(db: Db, recordId: string) {
  return db.selectFrom('reminder_log').selectAll().where('record_id', '=', recordId).orderBy('sent_at').orderBy('step').execute();
}

describe('reminder steps as data', () => {
  it('puts the default steps on working days around the 2025 National Day holiday and picks only the latest due', () => {
    const cal = new WorkCalendar();
    assert.equal(cal.addWorkdays(RECEIVED, 20).due, DUE);
    // 3 working days before a due day right after the eight-day holiday fall before it.
    assert.equal(stepDate(cal, DUE, -3), '2025-09-30');
    assert.equal(stepDate(cal, DUE, -5), '2025-09-28');
    assert.equal(stepDate(cal, DUE, 1), '2025-10-13');
    assert.equal(stepDate(cal, DUE, 3), '2025-10-15');
    const steps = [
      { offset: -3, to: 'owner' as const },
      { offset: 0, to: 'owner' as const },
      { offset: 3, to: 'unitHead' as const },
    ];
    assert.deepEqual(dueSteps(cal, DUE, steps, '2025-09-29'), []);
    assert.deepEqual(dueSteps(cal, DUE, steps, '2025-10-05'), [{ offset: -3, to: 'owner' }]);
    assert.deepEqual(dueSteps(cal, DUE, steps, '2025-10-20'), [{ offset: 3, to: 'unitHead' }]);
  });

  it('sends to the person the record names, else the unit, else its head, else the 法治专干', () => {
    const p = (id: string, role: string, unitId: string | null) => ({ id, orgId: 'o', unitId, role, displayName: id });
    const dir = {
      people: new Map([
        ['o', [p('a', 'staff', 'u1'), p('b', 'staff', 'u1'), p('h', 'staff', 'u2'), p('off', 'officer', null), p('l', 'leader', null)]],
      ]),
      heads: new Map([['u2', 'h']]),
    };
    const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);
    assert.deepEqual(ids(recipientsOf({ orgId: 'o', owner: { unitId: 'u1', userId: 'b' } }, 'owner', dir)), ['b']);
    assert.deepEqual(ids(recipientsOf({ orgId: 'o', owner: { unitId: 'u1', userId: null } }, 'owner', dir)), ['a', 'b']);
    assert.deepEqual(ids(recipientsOf({ orgId: 'o', owner: { unitId: 'u2', userId: null } }, 'owner', dir)), ['h']);
    assert.deepEqual(ids(recipientsOf({ orgId: 'o', owner: { unitId: null, userId: null } }, 'owner', dir)), ['off']);
    assert.deepEqual(ids(recipientsOf({ orgId: 'o', owner: { unitId: 'u1', userId: null } }, 'unitHead', dir)), ['off']);
    assert.deepEqual(ids(recipientsOf({ orgId: 'o', owner: { unitId: 'u2', userId: null } }, 'unitHead', dir)), ['h']);
    assert.deepEqual(ids(recipientsOf({ orgId: 'o', owner: { unitId: 'u2', userId: null } }, 'leader', dir)), ['l']);
  });
});

describe('reminders over a deadline’s life', () => {
  const s = serverSuite();

  it('reminds the owner before and on the day, escalates when overdue, once per step, and records every send', async () => {
    const { db } = s.t;
    const sys = await client(s.s.base, 'sysadmin');
    const head = await createUserUnchecked(
      db,
      { userId: 'test', username: 'test', orgId: s.w.city, ip: 'test' },
      { username: 'welfarehead', displayName: '救助科科长', password: PASSWORD, role: 'staff', orgId: s.w.city, unitId: s.w.units.welfare },
      { oneTime: false },
    );
    const officer = await client(s.s.base, 'officer');
    const rec = await addRequest(officer, { receivedOn: RECEIVED, unitId: s.w.units.welfare });
    const { deliver, sent } = recordingDeliverer();
    const stepOn = async (day: string) => {
      const r = await run(db, day, deliver);
      return r.items.filter((i) => i.recordId === rec.id).map((i) => ({ step: i.step, to: i.recipients.map((p) => p.userId).sort() }));
    };
    const owners = [s.w.users.staff, head].sort();

    assert.deepEqual(await stepOn('2025-09-26'), []);
    assert.deepEqual(await stepOn('2025-09-28'), [{ step: '-5:owner', to: owners }]);
    assert.deepEqual(await stepOn('2025-09-29'), []);
    assert.deepEqual(await stepOn('2025-09-30'), [{ step: '-3:owner', to: owners }]);
    assert.deepEqual(await stepOn('2025-10-05'), [], 'a holiday brings no new step');
    assert.deepEqual(await stepOn('2025-10-11'), [{ step: '0:owner', to: owners }]);
    assert.deepEqual(await stepOn('2025-10-13'), [{ step: '1:owner', to: owners }]);

    // No head named yet: the unit-head step would go to the 法治专干; the 系统管理员 names one first.
    const bad = await sys.put(`/api/units/${s.w.units.welfare}/head`, { userId: s.w.users.auditor });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'userId');
    const named = await sys.put(`/api/units/${s.w.units.welfare}/head`, { userId: head });
    assert.equal(named.status, 200, JSON.stringify(named.body));
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'unit.head').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0].entity_id, s.w.units.welfare);
    assert.equal((await officer.put(`/api/units/${s.w.units.welfare}/head`, { userId: head })).status, 403);

    assert.deepEqual(await stepOn('2025-10-15'), [{ step: '3:unitHead', to: [head] }]);
    assert.deepEqual(await stepOn('2025-10-15'), [], 'the same day again sends nothing');
    assert.deepEqual(await stepOn('2025-10-17'), [{ step: '5:officer', to: [s.w.users.officer] }]);
    assert.deepEqual(await stepOn('2025-10-24'), [{ step: '10:leader', to: [s.w.users.leader] }]);
    assert.deepEqual(await stepOn('2025-10-27'), []);

    // Each step and person once per channel in the log, the external answer stored with it.
    const log = await logOf(db, rec.id);
    assert.equal(log.filter((l) => l.channel === 'inapp').length, 2 * 4 + 3);
    assert.equal(log.filter((l) => l.channel === 'outbound').length, 2 * 4 + 3);
    for (const l of log) {
      assert.equal(l.due, DUE);
      assert.equal(l.rule_key, RULE);
      assert.equal(Number(l.ok), 1);
    }
    const out = log.find((l) => l.channel === 'outbound' && l.step === '10:leader');
    assert.deepEqual(JSON.parse(out?.detail ?? 'null'), [
      { channel: 'email', target: `${s.w.users.leader}@example.test`, ok: true, detail: '250 OK' },
    ]);
    // One message per step to the Deliverer, with every recipient of the step and an absolute link.
    const mine = sent.filter((m) => m.link === `https://fazhi.example.test/records/${rec.id}`);
    assert.equal(mine.length, 7);
    assert.equal(mine[0].title, `【临期】依申请公开答复期限 ${DUE} 到期`);
    assert.equal(mine[0].recipients.length, 2);
    assert.match(mine[6].text, /已逾期 10 个工作日/);
    assert.match(mine[6].text, /报送分管领导督办/);

    // An extension moves the due date: its steps are new and sent again.
    const cur = (await officer.get(`/api/records/${rec.id}`)).body;
    const ext = await officer.put(`/api/ledgers/${LEDGER}/records/${rec.id}`, {
      data: { ...cur.data, extensionDays: 20, extensionApprover: '局信息公开办主任', extensionApprovedOn: '2025-10-09' },
      version: cur.version,
    });
    assert.equal(ext.status, 200, JSON.stringify(ext.body));
    assert.deepEqual(await stepOn('2025-10-30'), []);
    assert.deepEqual(await stepOn('2025-10-31'), [{ step: '-5:owner', to: owners }]);
    const after = await logOf(db, rec.id);
    assert.ok(after.some((l) => l.due === '2025-11-07' && l.step === '-5:owner'));
  });

  it('lets a 系统管理员 name a head only for units it administers, and only an active business account of that bureau', async () => {
    const actor = { userId: 'test', username: 'test', orgId: s.w.county, ip: 'test' };
    await createUserUnchecked(
      s.t.db,
      actor,
      { username: 'countyadmin', displayName: '县局系统管理员', password: PASSWORD, role: 'sysadmin', orgId: s.w.county },
      { oneTime: false },
    );
    const countyAdmin = await client(s.s.base, 'countyadmin');
    // The city's unit is outside the county admin's bureaus: not found, as if it did not exist.
    assert.equal((await countyAdmin.put(`/api/units/${s.w.units.welfare}/head`, { userId: s.w.users.staff })).status, 404);
    assert.equal((await countyAdmin.put('/api/units/no-such-unit/head', { userId: s.w.users.county })).status, 404);
    const wrongOrg = await countyAdmin.put(`/api/units/${s.w.units.countyOffice}/head`, { userId: s.w.users.staff });
    assert.equal(wrongOrg.status, 400);
    assert.match(wrongOrg.body.detail, /科室负责人应为本单位在用的业务账号/);
    const ok = await countyAdmin.put(`/api/units/${s.w.units.countyOffice}/head`, { userId: s.w.users.county });
    assert.deepEqual(ok.body, { id: s.w.units.countyOffice, headUserId: s.w.users.county });
    const units = await countyAdmin.get(`/api/units?orgId=${s.w.county}`);
    assert.equal(units.body.find((u: { id: string }) => u.id === s.w.units.countyOffice).head_user_id, s.w.users.county);
    const cleared = await countyAdmin.put(`/api/units/${s.w.units.countyOffice}/head`, { userId: null });
    assert.equal(cleared.body.headUserId, null);
    const rows = await s.t.db
      .selectFrom('audit_log')
      .select(['org_id', 'detail'])
      .where('action', '=', 'unit.head')
      .where('entity_id', '=', s.w.units.countyOffice)
      .execute();
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.org_id === s.w.county));
  });

  it('sends a deadline whose steps were missed while no server ran once, with only the latest step', async () => {
    const officer = await client(s.s.base, 'officer');
    // No unit: the deadline's owner steps go to the 法治专干.
    const rec = await addRequest(officer, { receivedOn: '2025-09-10' });
    const first = await run(s.t.db, '2025-10-24');
    const mine = first.items.filter((i) => i.recordId === rec.id);
    assert.deepEqual(
      mine.map((i) => [i.step, i.recipients.map((p) => p.userId)]),
      [['5:officer', [s.w.users.officer]]],
    );
    assert.equal((await run(s.t.db, '2025-10-24')).items.filter((i) => i.recordId === rec.id).length, 0);
    assert.deepEqual(
      (await logOf(s.t.db, rec.id)).map((l) => [l.step, l.channel]),
      [['5:officer', 'inapp']],
    );
  });

  it('lists my notifications with the unread count, marks them read, and shows no one another’s', async () => {
    const staff = await client(s.s.base, 'staff');
    const list = await staff.get('/api/notifications');
    assert.equal(list.status, 200);
    assert.ok(list.body.items.length >= 5);
    assert.equal(list.body.unread, list.body.items.length);
    const [first] = list.body.items;
    assert.match(first.link, /^\/records\//);
    assert.equal(first.readAt, null);
    assert.equal((await staff.get('/api/notifications/unread-count')).body.unread, list.body.unread);

    const other = await client(s.s.base, 'other');
    assert.deepEqual((await other.get('/api/notifications')).body, { items: [], unread: 0 });
    assert.equal((await other.post(`/api/notifications/${first.id}/read`)).status, 404);
    const leader = await client(s.s.base, 'leader');
    assert.equal((await leader.post(`/api/notifications/${first.id}/read`)).status, 404, 'same bureau, another user: not found');
    assert.equal((await staff.get('/api/notifications/unread-count')).body.unread, list.body.unread);

    const read = await staff.post(`/api/notifications/${first.id}/read`);
    assert.equal(read.status, 200);
    assert.equal(read.body.unread, list.body.unread - 1);
    assert.equal((await staff.get('/api/notifications?unread=1')).body.items.length, list.body.unread - 1);
    const all = await staff.post('/api/notifications/read-all');
    assert.deepEqual(all.body, { marked: list.body.unread - 1, unread: 0 });
    assert.ok((await staff.get('/api/notifications')).body.items.every((n: { readAt: string | null }) => n.readAt !== null));
    assert.equal((await staff.get('/api/notifications?limit=0')).status, 400);
  });

  it('prints what a run would send with --dry-run and writes nothing', async () => {
    const officer = await client(s.s.base, 'officer');
    const rec = await addRequest(officer, { receivedOn: '2025-11-03', unitId: s.w.units.welfare });
    const before = await s.t.db
      .selectFrom('reminder_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const notes = await s.t.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'reminders', 'run', '--dry-run', '--today', '2025-11-24'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: s.t.url, FAZHI_DEBUG: '' },
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2025-11-24 将发送的提醒（试运行，不写入任何数据）/);
    assert.match(r.stdout, /【临期】依申请公开答复期限 2025-12-01 到期｜申请公开低保审批信息｜第 -5:owner 步/);
    const after = await s.t.db
      .selectFrom('reminder_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const notesAfter = await s.t.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    assert.equal(Number(notesAfter.n), Number(notes.n));
    assert.equal((await logOf(s.t.db, rec.id)).length, 0);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'reminders', 'run', '--today', '2025-13-01'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: s.t.url, FAZHI_DEBUG: '' },
      timeout: 60_000,
    });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /日期“2025-13-01”无效/);
  });
});

describe('one send across app servers', () => {
  const s = serverSuite();

  it('two schedulers with different holders on one database run the job once; racing runs send once', async () => {
    const officer = await client(s.s.base, 'officer');
    const rec = await addRequest(officer, { receivedOn: RECEIVED, unitId: s.w.units.welfare });
    const { deliver, sent } = recordingDeliverer();
    const cfg = testConfig();
    // 10:00 in Beijing on 2025-09-30, a working day: office hours.
    const clock = { now: () => new Date('2025-09-30T02:00:00Z') };
    const other = s.t.open();
    const a = createScheduler(s.t.db, [reminderJob(cfg, deliver)], { holder: 'server-a', clock, log: () => {} });
    const b = createScheduler(other, [reminderJob(cfg, deliver)], { holder: 'server-b', clock, log: () => {} });
    const ran = DIALECT === 'postgres' ? await Promise.all([a.tick(), b.tick()]) : [await a.tick(), await b.tick()];
    assert.deepEqual(ran.flat(), ['reminders.run']);
    assert.equal(sent.length, 1);
    const staffNotes = await s.t.db.selectFrom('notification').selectAll().where('user_id', '=', s.w.users.staff).execute();
    assert.equal(staffNotes.length, 1);
    assert.equal(staffNotes[0].title, `【临期】依申请公开答复期限 ${DUE} 到期`);

    // Without the lease (two servers each running the job at once), the log's key still lets one send.
    const racing =
      DIALECT === 'postgres'
        ? await Promise.all([run(s.t.db, '2025-10-11', deliver), run(other, '2025-10-11', deliver)])
        : [await run(s.t.db, '2025-10-11', deliver), await run(other, '2025-10-11', deliver)];
    const reached = racing.flatMap((r) => r.items.filter((i) => i.recordId === rec.id).flatMap((i) => i.recipients.map((p) => p.userId)));
    assert.deepEqual(reached, [s.w.users.staff]);
    assert.equal(sent.length, 2);
    await a.stop();
    await b.stop();
  });

  it('refuses a second log row of the same step, person and channel in the database itself', async () => {
    const key = { ruleKey: RULE, recordId: 'r-1', due: DUE, step: '0:owner', recipientId: s.w.users.staff, channel: 'inapp' };
    const row = (id: string) => ({ ...key, id, orgId: s.w.city, sentAt: '2025-10-11T01:00:00.000Z', ok: 1, detail: null });
    assert.equal(await claimReminder(s.t.db, row('a')), true);
    assert.equal(await claimReminder(s.t.open(), row('b')), false);
    assert.equal(await claimReminder(s.t.db, { ...row('c'), channel: 'outbound' }), true, 'another channel is another reminder');
    assert.equal(await claimReminder(s.t.db, { ...row('d'), due: '2025-11-07' }), true, 'another due date is another reminder');
    await assert.rejects(
      s.t.db
        .insertInto('reminder_log')
        .values({
          id: 'e',
          org_id: s.w.city,
          rule_key: RULE,
          record_id: 'r-1',
          due: DUE,
          step: '0:owner',
          recipient_id: s.w.users.staff,
          channel: 'inapp',
          sent_at: 'x',
          ok: 1,
          detail: null,
        })
        .execute(),
    );
    await s.t.db.deleteFrom('reminder_log').where('record_id', '=', 'r-1').execute();
  });

  it('sends nothing outside office hours or on a holiday', async () => {
    const officer = await client(s.s.base, 'officer');
    // Due 2025-10-14: its -5 step (2025-09-30) is unsent on 2025-10-05, as is the first record's +1 step on 2025-10-13.
    await addRequest(officer, { receivedOn: '2025-09-10', unitId: s.w.units.welfare });
    const { deliver, sent } = recordingDeliverer();
    const cfg = testConfig();
    for (const at of ['2025-10-13T12:30:00Z', '2025-10-05T02:00:00Z']) {
      const sch = createScheduler(s.t.db, [reminderJob(cfg, deliver)], {
        holder: `h-${at}`,
        clock: { now: () => new Date(at) },
        log: () => {},
      });
      await s.t.db.deleteFrom('job_lease').execute();
      assert.deepEqual(await sch.tick(), ['reminders.run']);
      await sch.stop();
    }
    assert.equal(sent.length, 0);
  });
});

describe('a bureau’s own reminder steps', () => {
  const s = serverSuite();

  it('replaces the default for that bureau only, is audited, checked, and can be reset', async () => {
    const officer = await client(s.s.base, 'officer');
    const county = await client(s.s.base, 'county');
    const staff = await client(s.s.base, 'staff');
    const list = await officer.get('/api/reminders/policies');
    const p = list.body.find((x: { ruleKey: string }) => x.ruleKey === RULE);
    assert.deepEqual(
      p.defaultSteps.map((x: { offset: number }) => x.offset),
      [-5, -3, 0, 1, 3, 5, 10],
    );
    assert.equal(p.steps, null);

    const bad = await officer.put(`/api/reminders/policies/${RULE}`, { steps: [{ offset: 99, to: 'owner' }] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'steps.0.offset');
    assert.match(bad.body.detail, /届满日前 30 至届满日后 60 个工作日/);
    assert.equal((await officer.put(`/api/reminders/policies/${RULE}`, { steps: [{ offset: 1, to: 'boss' }] })).body.field, 'steps.0.to');
    assert.equal((await staff.put(`/api/reminders/policies/${RULE}`, { steps: [{ offset: -10, to: 'leader' }] })).status, 403);
    assert.equal((await officer.put('/api/reminders/policies/no.such.rule', { steps: [{ offset: -10, to: 'leader' }] })).status, 404);

    const set = await officer.put(`/api/reminders/policies/${RULE}`, { steps: [{ offset: -10, to: 'leader' }] });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.effectiveSteps, [{ offset: -10, to: 'leader' }]);
    assert.equal(set.body.updatedBy, 'officer');
    const audit = await s.t.db.selectFrom('audit_log').selectAll().where('action', '=', 'reminder_policy.set').execute();
    assert.equal(audit.length, 1);

    const city = await addRequest(officer, { receivedOn: RECEIVED, unitId: s.w.units.welfare });
    const other = await addRequest(county, { receivedOn: RECEIVED });
    // 10 working days before 2025-10-11.
    const day = stepDate(new WorkCalendar(), DUE, -10);
    assert.equal(day, '2025-09-22');
    const r = await run(s.t.db, day);
    assert.deepEqual(
      r.items.map((i) => [i.recordId, i.step, i.recipients.map((x) => x.userId)]),
      [[city.id, '-10:leader', [s.w.users.leader]]],
      'the county bureau keeps the default, whose first step is later',
    );
    // The county's default still works there.
    const r2 = await run(s.t.db, '2025-09-28');
    assert.deepEqual(
      r2.items.map((i) => [i.recordId, i.step, i.recipients.map((x) => x.userId)]),
      [[other.id, '-5:owner', [s.w.users.county]]],
    );

    const reset = await officer.del(`/api/reminders/policies/${RULE}`);
    assert.equal(reset.status, 200);
    assert.equal(reset.body.steps, null);
    const r3 = await run(s.t.db, '2025-09-30');
    assert.deepEqual(
      r3.items.map((i) => [i.recordId, i.step]).sort(),
      [
        [city.id, '-3:owner'],
        [other.id, '-3:owner'],
      ].sort(),
    );
  });
});
