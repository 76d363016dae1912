/**
 * Years of the holiday calendar: coverage (library year, marked year, a year with only some
 * overrides), the statutory fallback of 放假办法第二条 for a year without the arrangement (春节 from
 * the lunar calendar, a deadline across it, the explanation line and the note shown on the page),
 * the parse of the State Council's real notices against `chinese-days`' data, and the bulk entry of a
 * year over the API (preview writes nothing; saving is one audited transaction; bad input writes nothing).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import chineseDays from 'chinese-days';
import { entryDays, parseNotice } from '../src/calendar/notice.ts';
import { STATUTE_FROM_YEAR, statutoryHolidays, uncoveredNote, uncoveredWarning, WorkCalendar } from '../src/calendar/workdays.ts';
import { client, makeDb, makeWorld, type Server, startServer, type TestDb } from './helpers.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const notice = (year: number) => fs.readFileSync(path.join(FIXTURES, `notice-${year}.txt`), 'utf8');
const library = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const libraryDays = (table: Record<string, string>, year: number) =>
  Object.keys(table)
    .filter((d) => d.startsWith(String(year)))
    .sort();

describe('statutory fallback for a year without the arrangement', () => {
  it('takes 春节 (除夕 and 正月初一至初三), 清明, 端午 and 中秋 of 2030 from the lunar calendar, and the fixed days', () => {
    const h = statutoryHolidays(2030);
    const spring = [...h].filter(([, n]) => n === '春节').map(([d]) => d);
    assert.deepEqual(spring, ['2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']);
    // Checked against the lunar calendar itself: 腊月 last day, then 正月初一 to 初三.
    const lunar = spring.map((d) => chineseDays.getLunarDate(d));
    assert.deepEqual(
      lunar.map((l) => [l.lunarMon, l.lunarDay]),
      [
        [12, 30],
        [1, 1],
        [1, 2],
        [1, 3],
      ],
    );
    assert.equal(chineseDays.getLunarDate('2030-02-06').lunarDay, 4, '初四 is not a statutory holiday');
    const byName = (name: string) => [...h].filter(([, n]) => n === name).map(([d]) => d);
    assert.deepEqual(byName('元旦'), ['2030-01-01']);
    assert.deepEqual(byName('清明节'), [chineseDays.getSolarTermDate(2030, 4, 'pure_brightness')]);
    assert.deepEqual(byName('劳动节'), ['2030-05-01', '2030-05-02']);
    assert.deepEqual(byName('端午节'), [chineseDays.getSolarDateFromLunar('2030-05-05').date]);
    assert.deepEqual(byName('中秋节'), [chineseDays.getSolarDateFromLunar('2030-08-15').date]);
    assert.deepEqual(byName('国庆节'), ['2030-10-01', '2030-10-02', '2030-10-03']);
    assert.equal(h.size, 13, 'the 13 days of 放假办法第二条');
  });

  it('names only days that the State Council did give off in the years the library has', () => {
    for (let year = STATUTE_FROM_YEAR; year <= 2026; year++) {
      for (const [day, name] of statutoryHolidays(year))
        assert.ok(library.holidays[day], `${year}: ${day} ${name} is a holiday in the notice`);
    }
  });

  it('counts a deadline across 春节 2030 with the statutory days, and says so in its explanation', () => {
    const cal = new WorkCalendar();
    const c = cal.addWorkdays('2030-01-28', 10);
    // Mon 2-04 and Tue 2-05 (正月初二、初三) are holidays: 10 working days end on Wed 2-13, not Mon 2-11.
    assert.equal(c.due, '2030-02-13');
    assert.equal(c.uncovered, true);
    assert.deepEqual(c.uncoveredYears, [2030]);
    assert.ok(c.explanation.includes('跳过 春节 2月2日—5日（按放假办法推算）'), c.explanation.join('\n'));
    assert.equal(c.explanation.at(-1), uncoveredWarning(2030));
    assert.match(uncoveredWarning(2030), /未计调休和补假/);
    assert.deepEqual(cal.dayInfo('2030-02-04'), {
      date: '2030-02-04',
      workday: false,
      name: '春节',
      kind: 'holiday',
      source: 'statute',
      covered: false,
    });
    assert.equal(cal.isWorkday('2030-02-06'), true, 'no 调休 or extra day is guessed');
    // A natural-day period ending on 国庆 rolls to the first working day after 10-03.
    const n = cal.addCalendarDays('2030-09-22', 10);
    assert.equal(n.due, '2030-10-04');
    assert.ok(n.explanation.some((l) => l.includes('顺延至 2030-10-04')));
    assert.equal(uncoveredNote([2030]), '2030年放假安排未录入，按法定节日推算，未计调休');
    assert.equal(uncoveredNote([]), null);
    // Before the current 放假办法 (2025) there is no statute to apply: Monday–Friday, said as such.
    assert.equal(new WorkCalendar().dayInfo('2003-10-01').source, 'weekday');
    assert.match(uncoveredNote([2003]) ?? '', /按周一至周五推算/);
  });
});

describe('parse of a State Council notice', () => {
  for (const year of [2017, 2025, 2026]) {
    it(`reads the real ${year} notice into exactly the library's ${year} holidays and 调休 workdays`, () => {
      const r = parseNotice(notice(year), year);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.skipped, []);
      const days = entryDays(r.entries);
      assert.deepEqual(
        days.filter((d) => d.kind === 'holiday').map((d) => d.day),
        libraryDays(library.holidays, year),
      );
      assert.deepEqual(
        days.filter((d) => d.kind === 'workday').map((d) => d.day),
        libraryDays(library.workdays, year),
      );
    });
  }

  it('reads the same days from the notice pasted as one paragraph (no line breaks)', () => {
    const oneLine = parseNotice(notice(2026).replace(/\s+/g, ''), 2026);
    assert.deepEqual(oneLine.entries, parseNotice(notice(2026), 2026).entries);
    assert.deepEqual(oneLine.problems, []);
  });

  it('names each day by its item, and the 2026 元旦 line gives holidays and a workday', () => {
    const r = parseNotice('一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。', 2026);
    assert.deepEqual(r.entries, [
      { name: '元旦', kind: 'holiday', from: '2026-01-01', to: '2026-01-03' },
      { name: '元旦', kind: 'workday', from: '2026-01-04', to: '2026-01-04' },
    ]);
    const days = entryDays(parseNotice(notice(2025), 2025).entries);
    assert.equal(days.find((d) => d.day === '2025-10-06')?.name, '国庆节、中秋节');
    assert.equal(days.find((d) => d.day === '2025-09-28')?.name, '国庆节、中秋节调休上班');
  });

  it('catches a notice of another year by its weekdays, and a wrong day count', () => {
    const wrongYear = parseNotice(notice(2026), 2027);
    assert.ok(wrongYear.problems.includes('2027-01-01通知写周四，实为周五，请检查年度是否选对'), wrongYear.problems.join('\n'));
    const count = parseNotice('三、清明节：4月4日（周六）至6日（周一）放假，共4天。', 2026);
    assert.deepEqual(count.problems, ['“清明节”通知写共4天，识别出3天']);
  });

  it('reads a break across the new year, and leaves out a sentence that is neither 放假 nor 上班', () => {
    const r = parseNotice('一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。', 2023);
    assert.deepEqual(r.entries, [{ name: '元旦', kind: 'holiday', from: '2022-12-31', to: '2023-01-02' }]);
    const s = parseNotice('二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）上班。鼓励安排职工在除夕（2月9日）休息。', 2024);
    assert.equal(s.entries.length, 2);
    assert.equal(s.skipped.length, 1);
    assert.match(s.skipped[0], /已略过：鼓励安排职工在除夕/);
  });
});

/** An example 2027 arrangement as an administrator would enter it in the form (not a published notice). */
const ENTRIES_2027 = [
  { name: '元旦', kind: 'holiday', from: '2027-01-01', to: '2027-01-03' },
  { name: '春节', kind: 'holiday', from: '2027-02-05', to: '2027-02-12' },
  { name: '春节', kind: 'workday', from: '2027-02-14', to: '2027-02-14' },
  { name: '春节', kind: 'workday', from: '2027-02-20', to: '2027-02-20' },
];

describe('year coverage and bulk entry over the API', () => {
  let t: TestDb;
  let s: Server;
  before(async () => {
    t = await makeDb();
    await makeWorld(t.db);
    s = await startServer(t.db);
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  type Coverage = { year: number; status: string; covered: boolean; holidays: number; workdays: number; markedBy: string | null };
  type Dl = { recordId: string; due: string; uncovered: boolean; calendarNote: string | null; explanation: string[] };

  let staff: Awaited<ReturnType<typeof client>> | null = null;
  const coverage = async (year: number): Promise<Coverage> => {
    staff ??= await client(s.base, 'staff');
    const r = await staff.get('/api/calendar/years');
    assert.equal(r.status, 200);
    const row = r.body.find((y: Coverage) => y.year === year);
    assert.ok(row, `year ${year} listed`);
    return row;
  };
  const writes = async () => ({
    overrides: (await t.db.selectFrom('calendar_override').selectAll().execute()).length,
    years: (await t.db.selectFrom('calendar_year').selectAll().execute()).length,
    audit: (await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'calendar_year').orderBy('seq').execute()).map(
      (a) => a.action,
    ),
  });

  it('counts a library year and no other as covered; an override alone leaves a year partial', async () => {
    assert.deepEqual([(await coverage(2026)).status, (await coverage(2026)).covered], ['library', true]);
    assert.deepEqual([(await coverage(2004)).status, (await coverage(2004)).covered], ['library', true]);
    assert.deepEqual([(await coverage(2028)).status, (await coverage(2028)).covered], ['none', false]);
    const admin = await client(s.base, 'sysadmin');
    assert.equal((await admin.put('/api/calendar/overrides/2028-01-01', { kind: 'holiday', name: '元旦' })).status, 200);
    const partial = await coverage(2028);
    assert.deepEqual([partial.status, partial.covered, partial.holidays], ['partial', false, 1]);
    assert.equal((await admin.del('/api/calendar/overrides/2028-01-01')).status, 204);
  });

  it('parses a pasted notice without writing, and refuses the wrong year by its weekdays', async () => {
    const admin = await client(s.base, 'sysadmin');
    const r = await admin.post('/api/calendar/years/2026/parse', { text: notice(2026) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.entries.length, 13);
    assert.deepEqual(r.body.problems, []);
    const wrong = await admin.post('/api/calendar/years/2027/parse', { text: notice(2026) });
    assert.equal(wrong.status, 200);
    assert.ok(wrong.body.problems.length > 0);
    const none = await admin.post('/api/calendar/years/2027/parse', { text: '请各单位做好值班工作。' });
    assert.equal(none.status, 400);
    assert.equal(none.body.field, 'text');
    assert.equal((await (await client(s.base, 'officer')).post('/api/calendar/years/2027/parse', { text: notice(2026) })).status, 403);
    assert.deepEqual(await writes(), { overrides: 0, years: 0, audit: [] });
  });

  it('enters 2027 by the bulk form: preview writes nothing, saving writes the days and the mark in one audited step', async () => {
    const officer = await client(s.base, 'officer');
    const admin = await client(s.base, 'sysadmin');
    // 20 working days after 2027-01-11 cross the statutory 春节 (2-05..2-08) while 2027 is not covered.
    const rec = await officer.post('/api/ledgers/disclosure_item/records', {
      data: { title: '2027年第一季度政策文件', category: '规范性文件', formedOn: '2027-01-11' },
    });
    assert.equal(rec.status, 201, JSON.stringify(rec.body));
    const deadline = async (): Promise<Dl> => {
      const list = (await officer.get('/api/deadlines?status=open')).body as Dl[];
      const d = list.find((x) => x.recordId === rec.body.id);
      assert.ok(d);
      return d;
    };
    const guessed = await deadline();
    assert.deepEqual([guessed.due, guessed.uncovered], ['2027-02-10', true]);
    assert.equal(guessed.calendarNote, '2027年放假安排未录入，按法定节日推算，未计调休');
    assert.ok(guessed.explanation.includes(uncoveredWarning(2027)));

    const preview = await admin.post('/api/calendar/years/2027/arrangement', { entries: ENTRIES_2027, complete: true, dryRun: true });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.days.length, 13);
    assert.ok(preview.body.days.every((d: { change: string }) => d.change === 'add'));
    assert.deepEqual([preview.body.dryRun, preview.body.complete], [true, true]);
    assert.deepEqual(await writes(), { overrides: 0, years: 0, audit: [] }, 'a preview writes nothing');
    assert.equal((await deadline()).due, '2027-02-10');

    const saved = await admin.post('/api/calendar/years/2027/arrangement', { entries: ENTRIES_2027, complete: true });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(await writes(), { overrides: 13, years: 1, audit: ['calendar.year.import', 'calendar.year.complete'] });
    const marked = await coverage(2027);
    assert.deepEqual(
      [marked.status, marked.covered, marked.holidays, marked.workdays, marked.markedBy],
      ['marked', true, 11, 2, 'sysadmin'],
    );
    const known = await deadline();
    // 2-05..2-12 are off and Sun 2-14 is a working day: the 19th working day is 2-14, the 20th Mon 2-15.
    assert.deepEqual([known.due, known.uncovered, known.calendarNote], ['2027-02-15', false, null]);
    assert.ok(!known.explanation.some((l) => l.includes('放假办法')), known.explanation.join('\n'));
    assert.ok(known.explanation.includes('2027-02-14 经管理员调整为工作日（春节调休上班），计入'), known.explanation.join('\n'));

    // Entering the year again replaces it: a day left out is removed, the rest unchanged.
    const again = await admin.post('/api/calendar/years/2027/arrangement', { entries: ENTRIES_2027.slice(1), dryRun: true });
    assert.equal(again.status, 200);
    assert.deepEqual(
      again.body.removed.map((r: { day: string }) => r.day),
      ['2027-01-01', '2027-01-02', '2027-01-03'],
    );
    assert.ok(again.body.days.every((d: { change: string }) => d.change === 'same'));

    // Unmarking keeps the overrides but brings the statutory fallback (and the note) back.
    assert.equal((await officer.del('/api/calendar/years/2027/complete')).status, 403);
    const reopened = await admin.del('/api/calendar/years/2027/complete');
    assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
    assert.deepEqual([reopened.body.status, reopened.body.covered], ['partial', false]);
    assert.equal((await deadline()).uncovered, true);
    assert.equal((await admin.del('/api/calendar/years/2027/complete')).status, 404);
    const remark = await admin.put('/api/calendar/years/2027/complete');
    assert.equal(remark.status, 200, JSON.stringify(remark.body));
    assert.equal(remark.body.status, 'marked');
    assert.equal((await admin.put('/api/calendar/years/2027/complete')).status, 409);
    assert.deepEqual((await writes()).audit, [
      'calendar.year.import',
      'calendar.year.complete',
      'calendar.year.reopen',
      'calendar.year.complete',
    ]);
  });

  it('refuses bad entries naming the field, a library year, and a mark without holidays; nothing is written', async () => {
    const admin = await client(s.base, 'sysadmin');
    const before1 = await writes();
    const bad = await admin.post('/api/calendar/years/2029/arrangement', {
      entries: [
        { name: '春节', kind: 'holiday', from: '2029-02-20', to: '2029-02-12' },
        { name: '', kind: 'holiday', from: '2029-13-01', to: '2029-01-01' },
        { name: '国庆节', kind: 'holiday', from: '2031-10-01', to: '2031-10-03' },
      ],
      complete: true,
    });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    assert.deepEqual(fields, ['entries.0.to', 'entries.1.name', 'entries.1.from', 'entries.2.from']);
    assert.match(bad.body.errors[0].message, /“春节”的结束日期不能早于开始日期/);
    const weekdayWork = await admin.post('/api/calendar/years/2029/arrangement', {
      entries: [{ name: '春节', kind: 'workday', from: '2029-02-07', to: '2029-02-07' }],
    });
    assert.equal(weekdayWork.status, 400);
    assert.match(weekdayWork.body.detail, /2029-02-07是工作日/);
    const lib = await admin.post('/api/calendar/years/2026/arrangement', { entries: ENTRIES_2027 });
    assert.equal(lib.status, 400);
    assert.match(lib.body.detail, /2026年放假安排已内置/);
    const onlyWork = await admin.post('/api/calendar/years/2029/arrangement', {
      entries: [{ name: '春节', kind: 'workday', from: '2029-02-10', to: '2029-02-10' }],
      complete: true,
    });
    assert.equal(onlyWork.status, 400);
    assert.match(onlyWork.body.detail, /2029年尚未录入任何放假日/);
    assert.equal((await admin.put('/api/calendar/years/2029/complete')).status, 400);
    assert.equal((await admin.put('/api/calendar/years/2026/complete')).status, 400);
    const officer = await client(s.base, 'officer');
    assert.equal((await officer.post('/api/calendar/years/2029/arrangement', { entries: ENTRIES_2027 })).status, 403);
    assert.deepEqual(await writes(), before1);
  });
});
