import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import chineseDays from 'chinese-days';
import { annualDuties, computeDeadline, listDeadlines } from '../src/calendar/deadlines.ts';
import { buildIcs, escapeText, foldLine } from '../src/calendar/ics.ts';
import { keyDates, nthWeekday } from '../src/calendar/keydates.ts';
import { deadlineRule, defineDeadlineRules } from '../src/calendar/rules.ts';
import { uncoveredWarning, WorkCalendar } from '../src/calendar/workdays.ts';
import { defineLedger } from '../src/ledger/define.ts';
import { f } from '../src/ledger/field.ts';
import { registerLedgers } from '../src/ledger/registry.ts';
import { systemScope } from '../src/org/scope.ts';
import { addDays } from '../src/util/time.ts';
import { type Client, client, makeDb, makeWorld, type Server, startServer, type TestDb, type World, serverSuite } from './helpers.ts';

// A test-only ledger and rules (unique keys: the real disclosure module defines its own).
const LEDGER = 'caltest_request';
const calLedger = defineLedger({
  key: LEDGER,
  module: 'caltest',
  label: '期限测试申请台账',
  titleField: 'title',
  dateField: 'received',
  fields: {
    title: f.text('申请事项', { required: true }),
    received: f.date('收到申请日期', { required: true }),
    corrected: f.date('收到补正日期'),
    extended: f.bool('经批准延期'),
    paused: f.int('征求第三方意见工作日数'),
    answered: f.date('答复日期'),
    monthly: f.bool('按月办理'),
  },
});
registerLedgers([calLedger]);
defineDeadlineRules([
  deadlineRule(calLedger, {
    key: 'caltest.reply',
    label: '测试答复期限',
    start: 'received',
    restartField: 'corrected',
    amount: 20,
    unit: 'workday',
    extendField: 'extended',
    extendAmount: 20,
    pauseField: 'paused',
    doneField: 'answered',
    basis: '《政府信息公开条例》第三十三条（测试）',
  }),
  deadlineRule(calLedger, {
    key: 'caltest.monthly',
    label: '测试按月期限',
    start: 'received',
    amount: 3,
    unit: 'month',
    doneField: 'answered',
    when: (w) => w.eq('monthly', true),
    basis: '测试依据',
    configurable: true,
  }),
]);

type DeadlineJson = {
  ruleKey: string;
  recordId: string;
  due: string;
  status: string;
  uncovered: boolean;
  explanation: string[];
  orgId: string;
  remainingWorkdays: number | null;
};

describe('working-day arithmetic', () => {
  const cal = new WorkCalendar();

  it('counts 20 working days across 中秋 and 国庆 2026, with Sat 10-10 as a make-up workday', () => {
    const c = cal.addWorkdays('2026-09-21', 20);
    assert.equal(c.due, '2026-10-26');
    assert.equal(c.uncovered, false);
    assert.equal(c.explanation[0], '起算日 2026-09-21（当日不计入）');
    assert.ok(c.explanation.includes('跳过 中秋 9月25日—27日'), c.explanation.join('\n'));
    assert.ok(c.explanation.includes('跳过 国庆节 10月1日—7日'), c.explanation.join('\n'));
    assert.ok(c.explanation.includes('2026-10-10 为调休上班日，计入'), c.explanation.join('\n'));
    assert.equal(cal.isWorkday('2026-10-10'), true);
    assert.equal(cal.isWorkday('2026-10-05'), false);
    assert.deepEqual(cal.dayInfo('2026-10-01'), {
      date: '2026-10-01',
      workday: false,
      name: '国庆节',
      kind: 'holiday',
      source: 'official',
      covered: true,
    });
  });

  it('counts across 春节 2026 (make-up Saturdays 2-14 and 2-28 count)', () => {
    const c = cal.addWorkdays('2026-02-10', 10);
    assert.equal(c.due, '2026-03-02');
    assert.ok(c.explanation.includes('跳过 春节 2月15日—23日'), c.explanation.join('\n'));
    assert.ok(c.explanation.includes('2026-02-14 为调休上班日，计入'));
    assert.ok(c.explanation.includes('2026-02-28 为调休上班日，计入'));
  });

  it('agrees with chinese-days findWorkday for every start day of 2026', () => {
    for (let d = '2026-01-01'; d <= '2026-11-30'; d = addDays(d, 1)) {
      for (const n of [1, 5, 20]) {
        assert.equal(cal.addWorkdays(d, n).due, chineseDays.findWorkday(n, d), `${n} workdays after ${d}`);
      }
    }
  });

  it('rolls a natural-day or month period ending on a rest day forward to the next working day', () => {
    const c = cal.addCalendarDays('2026-09-20', 11);
    assert.equal(c.due, '2026-10-08');
    assert.ok(
      c.explanation.some((l) => l === '届满日 2026-10-01 为休息日（国庆节），顺延至 2026-10-08（星期四）'),
      c.explanation.join('\n'),
    );
    assert.equal(cal.addCalendarDays('2026-10-25', 7).due, '2026-11-02'); // Sunday 11-01 → Monday
    assert.equal(cal.addCalendarDays('2026-10-26', 7).due, '2026-11-02'); // a plain working day stays
    assert.equal(cal.addCalendarDays('2026-09-29', 11).due, '2026-10-10'); // make-up Saturday is a working day
    assert.equal(cal.addMonths('2026-07-31', 2).due, '2026-09-30'); // no 9-31: month end
    const m = cal.addMonths('2026-07-01', 3);
    assert.equal(m.due, '2026-10-08');
    assert.ok(m.explanation.some((l) => l.includes('顺延至 2026-10-08')));
  });

  it('flags days in a year without holiday data; overrides alone do not cover a year, a mark does', () => {
    // 2027 has no State Council data: the statutory 春节 (除夕 2-05 and 正月初一至初三 2-06..2-08) is applied.
    const plain = cal.addWorkdays('2027-01-11', 20);
    assert.equal(plain.due, '2027-02-10');
    assert.equal(plain.uncovered, true);
    assert.deepEqual(plain.uncoveredYears, [2027]);
    assert.ok(plain.explanation.includes('跳过 春节 2月5日—8日（按放假办法推算）'), plain.explanation.join('\n'));
    assert.ok(plain.explanation.includes(uncoveredWarning(2027)));
    assert.match(uncoveredWarning(2027), /2027年放假安排尚未公布或录入：按《全国年节及纪念日放假办法》第二条的法定节日推算/);
    assert.equal(cal.covered(2027), false);
    assert.equal(cal.covered(2026), true);
    assert.equal(cal.addWorkdays('2026-12-20', 20).uncovered, true, 'a 2026 start running into 2027 is flagged');
    assert.equal(cal.addWorkdays('2026-11-02', 20).uncovered, false);

    const overrides = [
      { day: '2027-02-08', kind: 'holiday' as const, name: '春节' },
      { day: '2027-01-16', kind: 'workday' as const, name: '春节调休' },
    ];
    const partial = new WorkCalendar(overrides);
    assert.equal(partial.covered(2027), false, 'two overrides say nothing about the rest of the year');
    const p = partial.addWorkdays('2027-01-11', 20);
    // Sat 1-16 counts; 2-05 stays a statutory holiday, 2-08 is the override's: the 20th working day is 2-09.
    assert.equal(p.due, '2027-02-09');
    assert.equal(p.uncovered, true);
    assert.ok(p.explanation.includes('2027-01-16 经管理员调整为工作日（春节调休），计入'), p.explanation.join('\n'));
    assert.ok(p.explanation.includes('跳过 春节 2月5日—7日（按放假办法推算）'), p.explanation.join('\n'));
    assert.ok(p.explanation.includes('跳过 春节 2月8日（管理员录入）'), p.explanation.join('\n'));

    const marked = new WorkCalendar(overrides, [2027]);
    assert.equal(marked.covered(2027), true);
    const c = marked.addWorkdays('2027-01-11', 20);
    // Marked complete: the overrides are the whole arrangement, no statutory day is added; the 20th working day is Fri 2-05.
    assert.equal(c.due, '2027-02-05');
    assert.equal(c.uncovered, false);
    assert.ok(!c.explanation.some((l) => l.includes('放假办法')), c.explanation.join('\n'));
    assert.equal(marked.addCalendarDays('2027-02-01', 7).due, '2027-02-09');
  });

  it('keeps a date fixed by the bureau (a period of 0) as it is, pointing out a rest day', () => {
    const rule = deadlineRule(calLedger, {
      key: 'caltest.fixed',
      label: '指定时限',
      start: 'received',
      amount: 0,
      unit: 'day',
      doneField: 'answered',
      basis: '工作要点',
    });
    const rec = { id: 'r1', orgId: 'o1', ledger: LEDGER, title: '任务', data: { received: '2026-10-03' } };
    const d = computeDeadline(cal, rule, rec, '2026-09-21');
    assert.ok(d);
    assert.equal(d.due, '2026-10-03');
    assert.deepEqual([d.status, d.remainingWorkdays], ['进行中', 6]);
    assert.equal(computeDeadline(cal, rule, rec, '2026-09-30')?.status, '临期');
    assert.ok(d.explanation.includes('该日为休息日（国庆节），请在此前的工作日完成'), d.explanation.join('\n'));
    const done = computeDeadline(cal, rule, { ...rec, data: { received: '2026-10-03', answered: '2026-10-08' } }, '2026-10-09');
    assert.equal(done?.status, '逾期办结');
    assert.equal(computeDeadline(cal, rule, { ...rec, data: {} }, '2026-10-09'), null, 'no start date, no deadline');
  });

  it('counts remaining working days', () => {
    assert.equal(cal.workdaysBetween('2026-09-30', '2026-10-09'), 2);
    assert.equal(cal.workdaysBetween('2026-10-09', '2026-10-12'), 2);
    assert.equal(cal.workdaysBetween('2026-10-12', '2026-10-12'), 0);
  });
});

describe('key dates and annual duties', () => {
  it('computes 2026 key dates by their rules', () => {
    const byKey = Object.fromEntries(keyDates(2026).map((k) => [k.key, k]));
    assert.equal(byKey.elderly_day.date, '2026-10-18');
    assert.equal(byKey.qingming.date, '2026-04-05');
    assert.equal(byKey.social_work_day.date, '2026-03-17');
    assert.equal(byKey.disability_day.date, '2026-05-17');
    assert.equal(byKey.constitution_day.date, '2026-12-04');
    assert.deepEqual([byKey.constitution_week.date, byKey.constitution_week.end], ['2026-12-01', '2026-12-07']);
    assert.deepEqual([byKey.civil_code_month.date, byKey.civil_code_month.end], ['2026-05-01', '2026-05-31']);
    assert.equal(byKey.charity_day.basis, '《慈善法》第七条');
    for (const k of keyDates(2026)) assert.match(k.basis, /[\u4e00-\u9fa5]/);
  });

  it('finds the third Tuesday of March as checked in RULES §11', () => {
    const known: Array<[number, string]> = [
      [2014, '2014-03-18'],
      [2016, '2016-03-15'],
      [2019, '2019-03-19'],
      [2020, '2020-03-17'],
      [2021, '2021-03-16'],
    ];
    for (const [y, d] of known) assert.equal(nthWeekday(y, 3, 2, 3), d);
  });

  it('lists the annual duties with fixed dates and warns when one falls on a rest day', () => {
    const duties = annualDuties(2026, new WorkCalendar());
    const byKey = Object.fromEntries(duties.map((d) => [d.key, d]));
    // "1月31日前" read strictly, as every other "X月X日前": the last day is 1月30日.
    assert.equal(byKey['gov_info.annual_report.publish'].due, '2026-01-30');
    assert.equal(byKey['gov_info.annual_report.publish'].dueIsWorkday, true);
    assert.equal(byKey['rule_of_law.annual_report.submit'].due, '2026-02-28');
    assert.equal(byKey['rule_of_law.annual_report.submit'].dueIsWorkday, true); // 春节 make-up Saturday
    assert.equal(byKey['rule_of_law.annual_report.publish'].due, '2026-03-31');
    assert.equal(annualDuties(2028, new WorkCalendar()).find((d) => d.key === 'rule_of_law.annual_report.submit')?.due, '2028-02-29');
    const sat = annualDuties(2027, new WorkCalendar()).find((d) => d.key === 'gov_info.annual_report.publish');
    assert.deepEqual([sat?.due, sat?.dueIsWorkday, sat?.uncovered], ['2027-01-30', false, true]);
    assert.match(sat?.note ?? '', /休息日/);
  });

  it('reads "X月X日前" one way everywhere, strictly before, and says so in each rule', () => {
    for (const year of [2026, 2027, 2028]) {
      for (const d of annualDuties(year, new WorkCalendar())) {
        const m = /每年(\d+)月(\d+)日前（不含当日，最迟(\d+)月(\d+)日）/.exec(d.rule);
        assert.ok(m, `${d.key}: ${d.rule}`);
        const named = `${year}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
        assert.equal(d.due, addDays(named, -1), `${d.key} ends the day before ${named}`);
        assert.equal(d.due, `${year}-${m[3].padStart(2, '0')}-${m[4].padStart(2, '0')}`, `${d.key} says its last day`);
      }
    }
  });
});

describe('ICS', () => {
  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the original', () => {
    const line = `DESCRIPTION:${escapeText('依据：《政府信息公开条例》第三十三条；起算日 2026-09-21，跳过 国庆节, 中秋; 顺延\n第二行'.repeat(3))}`;
    const folded = foldLine(line);
    for (const l of folded.split('\r\n')) assert.ok(Buffer.byteLength(l, 'utf8') <= 75, l);
    assert.equal(folded.replace(/\r\n /g, ''), line);
    assert.ok(!folded.includes('\uFFFD'));
    assert.ok(line.includes('\\;') && line.includes('\\,') && line.includes('\\n'));
  });

  it('builds a calendar with CRLF lines and all-day events', () => {
    const ics = buildIcs([{ uid: 'a@fazhi', date: '2026-12-01', end: '2026-12-07', summary: '宪法宣传周' }], {
      name: '测试',
      stamp: '2026-11-23T10:00:00.000Z',
    });
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(ics), 'every line ends in CRLF');
    assert.ok(ics.includes('DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261208\r\n'));
    assert.ok(ics.includes('DTSTAMP:20261123T100000Z'));
  });
});

describe('calendar API', () => {
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

  const mine = (list: DeadlineJson[], id: string, rule = 'caltest.reply') => list.find((d) => d.recordId === id && d.ruleKey === rule);

  it('computes deadlines for records: restart after 补正, extension, pause, done on time, overdue', async () => {
    const c = await client(s.base, 'officer');
    const a = await c.post(`/api/ledgers/${LEDGER}/records`, { data: { title: '申请甲', received: '2026-09-21' } });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    const b = await c.post(`/api/ledgers/${LEDGER}/records`, {
      data: { title: '申请乙', received: '2026-09-21', corrected: '2026-10-09', extended: true, paused: 5, answered: '2026-11-20' },
    });
    assert.equal(b.status, 201, JSON.stringify(b.body));
    const list = await c.get('/api/deadlines?status=all&module=caltest');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const da = mine(list.body, a.body.id);
    assert.ok(da);
    assert.equal(da.due, '2026-10-26');
    assert.equal(da.status, '逾期');
    assert.ok((da.remainingWorkdays ?? 0) < 0);
    const db = mine(list.body, b.body.id);
    assert.ok(db);
    assert.equal(db.due, chineseDays.findWorkday(45, '2026-10-09'));
    assert.equal(db.status, '按期办结');
    assert.equal(db.remainingWorkdays, null);
    assert.ok(
      db.explanation.some((l) => l.includes('收到补正日期 2026-10-09')),
      db.explanation.join('\n'),
    );
    assert.ok(db.explanation.some((l) => l.includes('经批准延长 20 个工作日')));
    assert.ok(db.explanation.some((l) => l.includes('征求第三方意见工作日数 5 个工作日不计入期限')));
    assert.equal(mine(list.body, a.body.id, 'caltest.monthly'), undefined, 'the conditional rule does not apply');

    const open = await c.get('/api/deadlines?module=caltest');
    assert.ok(mine(open.body, a.body.id));
    assert.equal(mine(open.body, b.body.id), undefined);
    const done = await c.get('/api/deadlines?status=done&module=caltest');
    assert.deepEqual(
      done.body.map((d: DeadlineJson) => d.recordId).filter((id: string) => id === a.body.id || id === b.body.id),
      [b.body.id],
    );
    const y2025 = await c.get('/api/deadlines?status=all&module=caltest&year=2025');
    assert.equal(y2025.body.length, 0);
    // The dashboard's brief: the same open deadlines counted, the first by due date.
    const brief = await c.get('/api/deadlines/summary?module=caltest&limit=1&rollup=1');
    assert.equal(brief.status, 200, JSON.stringify(brief.body));
    assert.equal(brief.body.total, open.body.length);
    assert.equal(brief.body.overdue, open.body.filter((d: DeadlineJson) => d.status === '逾期').length);
    assert.equal(brief.body.soon, open.body.filter((d: DeadlineJson) => d.status === '临期').length);
    assert.deepEqual(brief.body.items, open.body.slice(0, 1));
    const bad = await c.get('/api/deadlines/summary?limit=1000');
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /参数 limit 不能大于100/);
  });

  it('derives 进行中 / 临期 / 逾期 from today and remaining working days', async () => {
    const scope = systemScope(w.city, [w.city, w.county, w.otherCounty]);
    const rec = await (await client(s.base, 'officer')).post(`/api/ledgers/${LEDGER}/records`, {
      data: { title: '申请丙', received: '2026-09-21' },
    });
    const at = async (today: string) => {
      const d = (await listDeadlines(t.db, scope, { status: 'all', module: 'caltest' }, { today })).find((x) => x.recordId === rec.body.id);
      assert.ok(d);
      return d;
    };
    assert.deepEqual([(await at('2026-10-20')).status, (await at('2026-10-20')).remainingWorkdays], ['进行中', 4]);
    assert.deepEqual([(await at('2026-10-21')).status, (await at('2026-10-21')).remainingWorkdays], ['临期', 3]);
    assert.deepEqual([(await at('2026-10-26')).status, (await at('2026-10-26')).remainingWorkdays], ['临期', 0]);
    assert.deepEqual([(await at('2026-10-27')).status, (await at('2026-10-27')).remainingWorkdays], ['逾期', -1]);
    assert.deepEqual(
      (await listDeadlines(t.db, scope, { status: 'overdue', module: 'caltest' }, { today: '2026-10-20' })).filter(
        (x) => x.recordId === rec.body.id,
      ),
      [],
    );
  });

  it('keeps bureaus apart and applies a bureau setting to a configurable rule', async () => {
    const county = await client(s.base, 'county');
    const rec = await county.post(`/api/ledgers/${LEDGER}/records`, { data: { title: '县里申请', received: '2026-07-01', monthly: true } });
    assert.equal(rec.status, 201, JSON.stringify(rec.body));
    const other = await client(s.base, 'other');
    const city = await client(s.base, 'officer');
    assert.equal(mine((await other.get('/api/deadlines?status=all')).body, rec.body.id), undefined);
    const seen = mine((await city.get('/api/deadlines?status=all')).body, rec.body.id, 'caltest.monthly');
    assert.ok(seen);
    assert.equal(seen.orgId, w.county);
    assert.equal(seen.due, '2026-10-08'); // 3 months → 10-01 (国庆) → 10-08
    // The dashboard's brief is the city's own unless it asks for its counties too.
    const briefOf = async (q: string) =>
      (await city.get(`/api/deadlines/summary?module=caltest&limit=100${q}`)).body.items as DeadlineJson[];
    assert.equal(mine(await briefOf(''), rec.body.id, 'caltest.monthly'), undefined);
    assert.ok(mine(await briefOf('&rollup=1'), rec.body.id, 'caltest.monthly'));
    await t.db.insertInto('setting').values({ org_id: w.county, key: 'deadline.caltest.monthly.amount', value: '2' }).execute();
    const configured = mine((await county.get('/api/deadlines?status=all')).body, rec.body.id, 'caltest.monthly');
    assert.ok(configured);
    assert.equal(configured.due, '2026-09-01');
    assert.ok(
      configured.explanation.some((l) => l.includes('本单位设定期限为 2 个月')),
      configured.explanation.join('\n'),
    );
    const rules = await city.get('/api/calendar/rules');
    assert.equal(rules.body.find((r: { key: string }) => r.key === 'caltest.monthly').settingKey, 'deadline.caltest.monthly.amount');
  });

  it('recomputes open deadlines after an override, marks coverage, audits, and reverts on delete', async () => {
    const officer = await client(s.base, 'officer');
    const admin = await client(s.base, 'sysadmin');
    const rec = await officer.post(`/api/ledgers/${LEDGER}/records`, { data: { title: '明年申请', received: '2027-01-11' } });
    assert.equal(rec.status, 201, JSON.stringify(rec.body));
    const before1 = mine((await officer.get('/api/deadlines')).body, rec.body.id);
    assert.ok(before1);
    assert.equal(before1.due, '2027-02-10');
    assert.equal(before1.uncovered, true);

    assert.equal((await officer.put('/api/calendar/overrides/2027-02-09', { kind: 'holiday', name: '春节' })).status, 403);
    const put = await admin.put('/api/calendar/overrides/2027-02-09', { kind: 'holiday', name: '春节' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const after1 = mine((await officer.get('/api/deadlines')).body, rec.body.id);
    assert.ok(after1);
    assert.equal(after1.due, '2027-02-11');
    assert.equal(after1.uncovered, true, 'one override does not make 2027 covered');
    assert.ok(after1.explanation.includes('跳过 春节 2月9日（管理员录入）'), after1.explanation.join('\n'));
    const day = (await officer.get('/api/calendar/days?from=2027-02-09&to=2027-02-09')).body[0];
    assert.deepEqual([day.workday, day.name, day.source, day.covered], [false, '春节', 'override', false]);
    assert.deepEqual(
      (await officer.get('/api/calendar/overrides')).body.map((o: { day: string }) => o.day),
      ['2027-02-09'],
    );

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'username'])
      .where('entity', '=', 'calendar_override')
      .execute();
    assert.deepEqual(audit, [{ action: 'calendar.override.create', entity_id: '2027-02-09', username: 'sysadmin' }]);

    assert.equal((await officer.del('/api/calendar/overrides/2027-02-09')).status, 403);
    assert.equal((await admin.del('/api/calendar/overrides/2027-02-09')).status, 204);
    assert.equal((await admin.del('/api/calendar/overrides/2027-02-09')).status, 404);
    const reverted = mine((await officer.get('/api/deadlines')).body, rec.body.id);
    assert.ok(reverted);
    assert.equal(reverted.due, '2027-02-10');
    assert.equal(reverted.uncovered, true);
  });

  it('refuses bad input with a Chinese 400 and wrong roles with 403', async () => {
    const admin = await client(s.base, 'sysadmin');
    const officer = await client(s.base, 'officer');
    const cases: Array<[Promise<{ status: number; body: { detail: string } }>, RegExp]> = [
      [admin.put('/api/calendar/overrides/2027-02-30', { kind: 'holiday', name: '春节' }), /有效日期/],
      [admin.put('/api/calendar/overrides/2027-2-3', { kind: 'holiday', name: '春节' }), /YYYY-MM-DD/],
      [admin.put('/api/calendar/overrides/2027-02-08', { kind: 'rest', name: '春节' }), /holiday（放假）或 workday（上班）/],
      [admin.put('/api/calendar/overrides/2027-02-08', { kind: 'holiday', name: '  ' }), /名称不能为空/],
      [admin.put('/api/calendar/overrides/1999-02-08', { kind: 'holiday', name: '春节' }), /2000年至2100年/],
      [officer.get('/api/calendar/days?from=2026-10-01&to=2026-09-01'), /结束日期不能早于开始日期/],
      [officer.get('/api/calendar/days?from=2026-13-01&to=2026-12-31'), /开始日期应为有效日期/],
      [officer.get('/api/calendar/days?from=2026-01-01&to=2027-12-31'), /不能超过366天/],
      [officer.get('/api/calendar/key-dates?year=abc'), /年度应为数字/],
      [officer.get('/api/deadlines?status=late'), /状态应为/],
    ];
    for (const [p, re] of cases) {
      const r = await p;
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.match(r.body.detail, re);
    }
    assert.equal((await admin.get('/api/deadlines')).status, 403, 'the system administrator reads no business records');
    assert.equal((await (await client(s.base)).get('/api/calendar/key-dates')).status, 401);
    const rows = await t.db.selectFrom('calendar_override').selectAll().execute();
    assert.deepEqual(rows, []);
  });

  it('serves days, key dates and annual duties', async () => {
    const c = await client(s.base, 'staff');
    const days = await c.get('/api/calendar/days?from=2026-09-25&to=2026-10-10');
    assert.equal(days.status, 200);
    assert.equal(days.body.length, 16);
    const byDate = Object.fromEntries(days.body.map((d: { date: string }) => [d.date, d]));
    assert.deepEqual([byDate['2026-10-01'].workday, byDate['2026-10-01'].name], [false, '国庆节']);
    assert.deepEqual([byDate['2026-10-10'].workday, byDate['2026-10-10'].kind], [true, 'makeup']);
    assert.deepEqual([byDate['2026-10-09'].workday, byDate['2026-10-09'].name], [true, null]);
    const kd = await c.get('/api/calendar/key-dates?year=2026');
    assert.equal(kd.body.find((k: { key: string }) => k.key === 'elderly_day').date, '2026-10-18');
    const duties = await c.get('/api/calendar/annual-duties?year=2027');
    assert.equal(duties.status, 200);
    assert.equal(duties.body.length, 3);
    assert.equal(duties.body[0].uncovered, true);
  });

  it('serves a well-formed ICS feed with open deadlines, key dates and duties', async () => {
    const c = await client(s.base, 'officer');
    const rec = await c.post(`/api/ledgers/${LEDGER}/records`, { data: { title: '订阅测试, 含逗号; 分号', received: '2026-09-21' } });
    assert.equal(rec.status, 201);
    const res = await c.raw('/api/calendar/feed.ics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/calendar; charset=utf-8/);
    const buf = Buffer.from(await res.arrayBuffer());
    const text = buf.toString('utf8');
    assert.equal(Buffer.from(text, 'utf8').equals(buf), true, 'valid UTF-8');
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'));
    assert.ok(text.endsWith('END:VCALENDAR\r\n'));
    const lines = text.slice(0, -2).split('\r\n');
    for (const l of lines) {
      assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `too long: ${l}`);
      assert.ok(!l.includes('\n') && !l.includes('\r'), 'bare line break');
    }
    const unfolded = text.replace(/\r\n[ \t]/g, '').split('\r\n');
    for (const l of unfolded.filter(Boolean)) assert.match(l, /^[A-Z-]+[;:]/, l);
    const begins = unfolded.filter((l) => l === 'BEGIN:VEVENT').length;
    assert.equal(begins, unfolded.filter((l) => l === 'END:VEVENT').length);
    assert.ok(begins > 20);
    assert.ok(unfolded.includes(`UID:deadline-caltest.reply-${rec.body.id}@fazhi`));
    assert.ok(
      unfolded.some((l) => l === 'SUMMARY:测试答复期限：订阅测试\\, 含逗号\\; 分号'),
      'text is escaped',
    );
    assert.ok(unfolded.includes('DTSTART;VALUE=DATE:20261026'));
    assert.ok(unfolded.some((l) => l.startsWith('SUMMARY:老年节')));
    assert.ok(unfolded.some((l) => l.startsWith('SUMMARY:报送') && l.includes('法治政府建设年度报告')));
    const uids = unfolded.filter((l) => l.startsWith('UID:'));
    assert.equal(new Set(uids).size, uids.length, 'UIDs are unique');
    const admin = await client(s.base, 'sysadmin');
    const adminFeed = await (await admin.raw('/api/calendar/feed.ics')).text();
    assert.ok(!adminFeed.includes('UID:deadline-'), 'no business deadlines without ledger.read');
  });
});

describe('deadline settings per bureau', () => {
  const suite = serverSuite();

  const FILING = 'normdoc.filing';
  const KEY = 'deadline.normdoc.filing.amount';
  // Published Tue 2026-03-03: 30 days → Thu 04-02; 20 days → Sun 03-22, rolled to Mon 03-23.
  const normdoc = (title: string, docNo: string) => ({
    title,
    docNo,
    legalReviewOn: '2026-02-20',
    legalOpinion: '合法',
    deliberatedOn: '2026-02-27',
    publishedOn: '2026-03-03',
    status: '有效',
  });
  type SettingJson = { ruleKey: string; amount: number | null; defaultAmount: number; effectiveAmount: number; updatedBy: string | null };
  const filingOf = (list: SettingJson[]) => list.find((x) => x.ruleKey === FILING);
  const filingDeadline = async (c: Client, id: string) =>
    ((await c.get('/api/deadlines?status=all&module=normdoc')).body as DeadlineJson[]).find(
      (d) => d.recordId === id && d.ruleKey === FILING,
    );
  const auditOf = () =>
    suite.t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'org_id', 'username', 'detail'])
      .where('entity', '=', 'setting')
      .orderBy('seq')
      .execute();

  it('lists the configurable rules with basis, law default and no bureau value yet', async () => {
    const staff = await client(suite.s.base, 'staff');
    const r = await staff.get('/api/calendar/settings');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const filing = r.body.find((x: { ruleKey: string }) => x.ruleKey === FILING);
    assert.deepEqual(
      [
        filing.defaultAmount,
        filing.amount,
        filing.effectiveAmount,
        filing.unit,
        filing.unitLabel,
        filing.min,
        filing.max,
        filing.updatedBy,
      ],
      [30, null, 30, 'day', '日', 1, 365, null],
    );
    assert.match(filing.basis, /备案/);
    assert.ok(r.body.some((x: { ruleKey: string; max: number }) => x.ruleKey === 'oversight.cppcc_reply' && x.max === 60));
    assert.equal(
      r.body.find((x: { ruleKey: string }) => x.ruleKey === 'normdoc.expiry_review'),
      undefined,
      'a rule the law fixes is not listed',
    );
    assert.equal((await (await client(suite.s.base, 'sysadmin')).get('/api/calendar/settings')).status, 403);
  });

  it('a bureau’s 20-day filing period moves its own due dates only, and is audited', async () => {
    const city = await client(suite.s.base, 'officer');
    const county = await client(suite.s.base, 'county');
    const mine = await city.post('/api/ledgers/normdoc/records', { data: normdoc('市局文件', '某民发〔2026〕5号') });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    const theirs = await county.post('/api/ledgers/normdoc/records', { data: normdoc('县局文件', '某县民发〔2026〕2号') });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    assert.equal((await filingDeadline(city, mine.body.id))?.due, '2026-04-02');

    const put = await city.put(`/api/calendar/settings/${FILING}`, { amount: 20 });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual([put.body.amount, put.body.effectiveAmount, put.body.updatedBy], [20, 20, 'officer']);
    assert.ok(put.body.updatedAt);

    const moved = await filingDeadline(city, mine.body.id);
    assert.ok(moved);
    assert.equal(moved.due, '2026-03-23');
    assert.ok(
      moved.explanation.some((l) => l.includes('本单位设定期限为 20 日（法定默认 30 日）')),
      moved.explanation.join('\n'),
    );
    // The county bureau keeps the default, seen by itself and by the city above it.
    for (const c of [county, city]) {
      const other = await filingDeadline(c, theirs.body.id);
      assert.ok(other);
      assert.equal(other.due, '2026-04-02');
      assert.ok(!other.explanation.some((l) => l.includes('本单位设定')), other.explanation.join('\n'));
    }
    assert.equal(filingOf((await county.get('/api/calendar/settings')).body)?.amount, null);
    assert.equal(filingOf((await city.get('/api/calendar/settings')).body)?.amount, 20);

    const audit = await auditOf();
    assert.deepEqual(
      audit.map((a) => [a.action, a.entity_id, a.org_id, a.username]),
      [['deadline_setting.set', KEY, suite.w.city, 'officer']],
    );
    assert.deepEqual(JSON.parse(audit[0].detail), { rule: FILING, amount: 20, unit: 'day', defaultAmount: 30, before: null });
  });

  it('refuses bad amounts with a Chinese 400 naming the field, other roles with 403, unknown rules with 404', async () => {
    const county = await client(suite.s.base, 'county');
    const cases: Array<[string, unknown, RegExp]> = [
      [FILING, { amount: 0 }, /期限数值应在 1 至 365 日之间/],
      [FILING, { amount: 366 }, /期限数值应在 1 至 365 日之间/],
      [FILING, { amount: 2.5 }, /期限数值应为整数/],
      [FILING, { amount: '20' }, /期限数值应为整数/],
      [FILING, {}, /期限数值/],
      ['oversight.cppcc_reply', { amount: 61 }, /期限数值应在 1 至 60 个月之间/],
      ['enforcement.random_result_publish', { amount: -3 }, /1 至 365 个工作日/],
    ];
    for (const [rule, body, re] of cases) {
      const r = await county.put(`/api/calendar/settings/${rule}`, body);
      assert.equal(r.status, 400, `${rule} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`);
      assert.match(r.body.detail, re);
      assert.equal(r.body.field, 'amount');
    }
    for (const user of ['staff', 'leader', 'sysadmin']) {
      const c = await client(suite.s.base, user);
      assert.equal((await c.put(`/api/calendar/settings/${FILING}`, { amount: 10 })).status, 403, user);
      assert.equal((await c.del(`/api/calendar/settings/${FILING}`)).status, 403, user);
    }
    for (const rule of ['no.such.rule', 'normdoc.expiry_review']) {
      const r = await county.put(`/api/calendar/settings/${rule}`, { amount: 10 });
      assert.equal(r.status, 404, rule);
      assert.match(r.body.detail, /不能由本单位设定/);
      assert.equal((await county.del(`/api/calendar/settings/${rule}`)).status, 404);
    }
    const rows = await suite.t.db.selectFrom('setting').select(['org_id', 'key', 'value']).execute();
    assert.deepEqual(rows, [{ org_id: suite.w.city, key: KEY, value: '20' }], 'nothing refused was written');
  });

  it('reset restores the law default and is audited; resetting again changes nothing', async () => {
    const city = await client(suite.s.base, 'officer');
    const rec = await city.post('/api/ledgers/normdoc/records', { data: normdoc('市局另一文件', '某民发〔2026〕6号') });
    assert.equal(rec.status, 201, JSON.stringify(rec.body));
    assert.equal((await filingDeadline(city, rec.body.id))?.due, '2026-03-23');
    const del = await city.del(`/api/calendar/settings/${FILING}`);
    assert.equal(del.status, 200, JSON.stringify(del.body));
    assert.deepEqual([del.body.amount, del.body.effectiveAmount, del.body.updatedBy], [null, 30, null]);
    const back = await filingDeadline(city, rec.body.id);
    assert.equal(back?.due, '2026-04-02');
    assert.ok(
      back?.explanation.some((l) => l.startsWith('期限 30 日')),
      back?.explanation.join('\n'),
    );
    assert.equal(filingOf((await city.get('/api/calendar/settings')).body)?.amount, null);
    assert.equal((await city.del(`/api/calendar/settings/${FILING}`)).status, 200);
    assert.deepEqual(
      (await auditOf()).map((a) => a.action),
      ['deadline_setting.set', 'deadline_setting.reset'],
    );
    assert.deepEqual(await suite.t.db.selectFrom('setting').selectAll().execute(), []);
  });
});
