/**
 * The deadline rules added in issue 9 (信访工作条例 2022, …), computed across the 2024–2026 holidays
 * with due dates counted by hand in the comments (RULES.md §0: the day of the event is not counted;
 * a last day on a rest day rolls to the next working day; a 调休 working day is a working day).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeDeadline } from '../src/calendar/deadlines.ts';
import type { Deadline } from '../src/contract.ts';
import { type DeadlineRule, getDeadlineRule } from '../src/calendar/rules.ts';
import { WorkCalendar } from '../src/calendar/workdays.ts';
import type { RecordData } from '../src/ledger/field.ts';
import { petition } from '../src/modules/oversight/oversight.ledger.ts';
import { client, serverSuite } from './helpers.ts';

const cal = new WorkCalendar();

function ruleOf(key: string): DeadlineRule {
  const r = getDeadlineRule(key);
  assert.ok(r, `rule ${key} is registered`);
  return r;
}

const petitionRec = (data: RecordData) => ({ id: 'p1', orgId: 'o1', ledger: petition.key, title: '反映低保认定问题', data });
const base = { channel: '来访', matter: '反映低保认定问题', firstResponder: '李科长' };

describe('信访 deadlines (信访工作条例 2022), natural days', () => {
  it('告知是否受理: 15 日 from 登记, a last day in 国庆+中秋 2025 rolls to 10-09', () => {
    const rule = ruleOf('oversight.petition_accept_notice');
    assert.equal(rule.ledger, petition);
    // Registered Sat 2025-09-20; day 1 = 09-21 … day 10 = 09-30, day 15 = Sun 10-05, inside the
    // 10-01..10-08 国庆+中秋 holiday → the first working day after it, Thu 10-09.
    const d = computeDeadline(cal, rule, petitionRec({ ...base, receivedOn: '2025-09-20' }), '2025-09-22');
    assert.ok(d);
    assert.deepEqual([d.start, d.due, d.status], ['2025-09-20', '2025-10-09', '进行中']);
    assert.ok(
      d.explanation.some((l) => l.includes('期限 15 日（《信访工作条例》（2022）')),
      d.explanation.join('\n'),
    );
    assert.ok(d.explanation.includes('届满日 2025-10-05 为休息日（国庆节），顺延至 2025-10-09（星期四）'), d.explanation.join('\n'));
    // The notice on Thu 10-09 is on time; Sat 10-11 (a 调休 working day) is a day late.
    const onTime = computeDeadline(
      cal,
      rule,
      petitionRec({ ...base, receivedOn: '2025-09-20', acceptNoticeOn: '2025-10-09' }),
      '2025-10-20',
    );
    assert.equal(onTime?.status, '按期办结');
    const late = computeDeadline(cal, rule, petitionRec({ ...base, receivedOn: '2025-09-20', acceptNoticeOn: '2025-10-11' }), '2025-10-20');
    assert.equal(late?.status, '逾期办结');
    // Still open on Fri 10-10: one working day past the due date.
    const overdue = computeDeadline(cal, rule, petitionRec({ ...base, receivedOn: '2025-09-20' }), '2025-10-10');
    assert.deepEqual([overdue?.status, overdue?.remainingWorkdays], ['逾期', -1]);
  });

  it('告知是否受理 is not judged for a petition closed without a recorded notice date', () => {
    const rule = ruleOf('oversight.petition_accept_notice');
    const closed = { ...base, receivedOn: '2024-03-01', handledOn: '2024-04-10', result: '已办结' };
    assert.equal(computeDeadline(cal, rule, petitionRec(closed), '2026-01-05'), null);
    assert.equal(computeDeadline(cal, rule, petitionRec({ ...closed, acceptNoticeOn: '2024-03-20' }), '2026-01-05')?.status, '逾期办结');
  });

  it('办理期限: 60 日 from 受理, into 春节 2025; with the approved extension 90 日', () => {
    const rule = ruleOf('oversight.petition_handle');
    // Accepted Sat 2024-11-30: December 31 days (day 31 = 12-31), January 29 more → day 60 = Wed
    // 2025-01-29 (正月初一), inside the 01-28..02-04 春节 holiday → Wed 02-05.
    const d = computeDeadline(cal, rule, petitionRec({ ...base, receivedOn: '2024-11-28', acceptedOn: '2024-11-30' }), '2025-01-20');
    assert.ok(d);
    assert.deepEqual([d.start, d.due, d.status], ['2024-11-30', '2025-02-05', '进行中']);
    assert.ok(d.explanation.includes('届满日 2025-01-29 为休息日（春节），顺延至 2025-02-05（星期三）'), d.explanation.join('\n'));
    // Extended by 30 日: day 62 = 01-31, February 28 more → day 90 = Fri 2025-02-28, a working day.
    const ext = computeDeadline(
      cal,
      rule,
      petitionRec({ ...base, receivedOn: '2024-11-28', acceptedOn: '2024-11-30', extended: true }),
      '2025-02-06',
    );
    assert.ok(ext);
    assert.equal(ext.due, '2025-02-28');
    assert.ok(ext.explanation.includes('经批准延长 30 日'), ext.explanation.join('\n'));
    assert.notEqual(ext.status, '逾期');
    assert.equal(
      computeDeadline(cal, rule, petitionRec({ ...base, receivedOn: '2024-11-28', acceptedOn: '2024-11-30' }), '2025-02-06')?.status,
      '逾期',
    );
    // Not yet accepted: no 办理期限.
    assert.equal(computeDeadline(cal, rule, petitionRec({ ...base, receivedOn: '2024-11-28' }), '2025-01-20'), null);
  });

  it('办理期限 ending on 国庆 2024 rolls to 10-08', () => {
    // Accepted Fri 2024-08-02: August 29 days (day 29 = 08-31), September 30 → day 59 = 09-30,
    // day 60 = Tue 10-01 (国庆节 10-01..10-07) → Tue 10-08.
    const d = computeDeadline(
      cal,
      ruleOf('oversight.petition_handle'),
      petitionRec({ ...base, receivedOn: '2024-08-01', acceptedOn: '2024-08-02' }),
      '2024-09-02',
    );
    assert.equal(d?.due, '2024-10-08');
  });

  it('复查 30 日 into 春节 2026; 复核 30 日 ending on a 调休 Sunday stays on that Sunday', () => {
    const recheck = ruleOf('oversight.petition_recheck');
    const review = ruleOf('oversight.petition_review');
    // Request received Sun 2026-01-18: January 13 days (day 13 = 01-31), February 17 → day 30 =
    // Tue 2026-02-17 (春节 02-15..02-23) → Tue 02-24.
    const r1 = { ...base, receivedOn: '2025-11-01', reviewKind: '复查', reviewRequestedOn: '2026-01-18' };
    const d1 = computeDeadline(cal, recheck, petitionRec(r1), '2026-01-19');
    assert.deepEqual([d1?.due, d1?.status], ['2026-02-24', '进行中']);
    assert.equal(computeDeadline(cal, review, petitionRec(r1), '2026-01-19'), null, '复核 does not apply to a 复查');
    // Request received Fri 2025-08-29: August 2 days (08-30, 08-31), September 28 → day 30 = Sun
    // 2025-09-28, a 国庆 调休 working day, so the period ends that Sunday.
    const r2 = { ...base, receivedOn: '2025-06-01', reviewKind: '复核', reviewRequestedOn: '2025-08-29' };
    const d2 = computeDeadline(cal, review, petitionRec(r2), '2025-09-26');
    assert.deepEqual([d2?.due, d2?.status], ['2025-09-28', '临期']);
    assert.ok(d2?.explanation.includes('2025-09-28 为调休上班日，计入'), d2?.explanation.join('\n'));
    assert.equal(computeDeadline(cal, recheck, petitionRec(r2), '2025-09-26'), null, '复查 does not apply to a 复核');
    assert.equal(computeDeadline(cal, review, petitionRec({ ...r2, reviewAnsweredOn: '2025-09-29' }), '2025-10-09')?.status, '逾期办结');
  });

  it('says its article numbers are unconfirmed and lets a bureau set each amount', () => {
    for (const key of [
      'oversight.petition_accept_notice',
      'oversight.petition_handle',
      'oversight.petition_recheck',
      'oversight.petition_review',
    ]) {
      const r = ruleOf(key);
      assert.equal(r.unit, 'day', key);
      assert.equal(r.configurable, true, key);
      assert.match(r.basis, /《信访工作条例》（2022）.*条款序号待核实/, key);
    }
  });
});

describe('信访 deadlines through the server: deadlines list, settings, ICS feed', () => {
  const suite = serverSuite();

  it('a petition entered on the ledger shows its deadlines, a bureau setting moves them, the feed carries them', async () => {
    const c = await client(suite.s.base, 'officer');
    const rec = await c.post('/api/ledgers/petition/records', {
      data: { ...base, receivedOn: '2025-09-20', acceptNoticeOn: '2025-09-26', acceptedOn: '2025-09-26' },
    });
    assert.equal(rec.status, 201, JSON.stringify(rec.body));
    const of = async (rule: string) =>
      ((await c.get('/api/deadlines?status=all&module=oversight')).body as Deadline[]).find(
        (d) => d.recordId === rec.body.id && d.ruleKey === rule,
      );
    const notice = await of('oversight.petition_accept_notice');
    assert.deepEqual([notice?.due, notice?.status], ['2025-10-09', '按期办结']);
    // Accepted Fri 2025-09-26: September 4 days (09-27..09-30), October 31 → day 35 = 10-31,
    // November 25 → day 60 = Tue 2025-11-25.
    assert.equal((await of('oversight.petition_handle'))?.due, '2025-11-25');

    // A bureau whose local rules give 30 days: day 30 = Sun 2025-10-26 → Mon 10-27.
    const put = await c.put('/api/calendar/settings/oversight.petition_handle', { amount: 30 });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const moved = await of('oversight.petition_handle');
    assert.equal(moved?.due, '2025-10-27');
    assert.ok(
      moved?.explanation.some((l) => l.includes('本单位设定期限为 30 日（法定默认 60 日）')),
      moved?.explanation.join('\n'),
    );

    const rules = await c.get('/api/calendar/rules');
    assert.ok(rules.body.some((r: { key: string; settingKey: string }) => r.key === 'oversight.petition_review' && r.settingKey));
    const feed = await c.raw('/api/calendar/feed.ics');
    assert.equal(feed.status, 200);
    const text = (await feed.text()).replace(/\r\n[ \t]/g, '');
    assert.ok(text.includes(`UID:deadline-oversight.petition_handle-${rec.body.id}@fazhi`), 'the open 办理期限 is in the feed');
  });
});

const caseRec = (ledger: string, data: RecordData) => ({ id: 'c1', orgId: 'o1', ledger, title: '案件', data });

describe('行政处罚法 第四十八条、第六十一条 (working days, 第八十五条)', () => {
  const penalty = { kind: '行政处罚', matter: '未按规定办理登记', filedOn: '2025-08-01', result: '作出处罚决定' };

  it('送达 7 个工作日 when the party was absent, across 国庆+中秋 2025 and 春节 2024', () => {
    const rule = ruleOf('enforcement.decision_service');
    // Decided Fri 2025-09-26: Sun 09-28 (调休, 1), 09-29 (2), 09-30 (3), 10-01..10-08 holiday,
    // Thu 10-09 (4), Fri 10-10 (5), Sat 10-11 (调休, 6), Mon 10-13 (7).
    const d = computeDeadline(
      cal,
      rule,
      caseRec('enforcement_case', { ...penalty, decidedOn: '2025-09-26', partyAbsent: true }),
      '2025-09-29',
    );
    assert.ok(d);
    assert.deepEqual([d.due, d.status], ['2025-10-13', '进行中']);
    assert.ok(d.explanation.includes('2025-10-11 为调休上班日，计入'), d.explanation.join('\n'));
    // Decided Tue 2024-02-06: 02-07 (1), 02-08 (2), 02-09 (3), 02-10..02-17 春节, Sun 02-18 (调休, 4),
    // 02-19 (5), 02-20 (6), Wed 02-21 (7).
    const d2 = computeDeadline(
      cal,
      rule,
      caseRec('enforcement_case', {
        ...penalty,
        filedOn: '2024-01-02',
        decidedOn: '2024-02-06',
        partyAbsent: true,
        servedOn: '2024-02-22',
      }),
      '2024-03-01',
    );
    assert.deepEqual([d2?.due, d2?.status], ['2024-02-21', '逾期办结']);
    // Handed over on the spot (party present): no 送达 deadline.
    assert.equal(computeDeadline(cal, rule, caseRec('enforcement_case', { ...penalty, decidedOn: '2025-09-26' }), '2025-09-29'), null);
  });

  it('撤回公示 3 个工作日 after a published decision is revoked, across 春节 2026', () => {
    const rule = ruleOf('enforcement.publicity_withdrawal');
    // Revoked Fri 2026-02-13: Sat 02-14 (调休, 1), 02-15..02-23 春节, Tue 02-24 (2), Wed 02-25 (3).
    const data = { ...penalty, decidedOn: '2025-12-01', publicizedOn: '2025-12-05', revisedOn: '2026-02-13' };
    const d = computeDeadline(cal, rule, caseRec('enforcement_case', data), '2026-02-24');
    assert.ok(d);
    assert.deepEqual([d.due, d.status, d.remainingWorkdays], ['2026-02-25', '临期', 1]);
    assert.match(d.basis, /第四十八条/);
    assert.equal(
      computeDeadline(cal, rule, caseRec('enforcement_case', { ...data, withdrawnOn: '2026-02-25' }), '2026-03-02')?.status,
      '按期办结',
    );
    const { publicizedOn: _unpublished, ...notPublished } = data;
    assert.equal(computeDeadline(cal, rule, caseRec('enforcement_case', notPublished), '2026-02-24'), null, 'nothing to withdraw');
  });
});

describe('行政诉讼法 第八十五条 appeal windows (natural days)', () => {
  const suit = { kind: '行政诉讼', role: '被告', matter: '不服低保决定', copyReceivedOn: '2024-01-10' };
  const judgment = ruleOf('oversight.litigation_appeal_judgment');
  const ruling = ruleOf('oversight.litigation_appeal_ruling');

  it('判决 15 日 into 国庆+中秋 2025 and 劳动节 2024', () => {
    // Served Fri 2025-09-19: 09-20..09-30 = 11 days, day 15 = Sat 10-04 (国庆) → Thu 10-09.
    const d = computeDeadline(
      cal,
      judgment,
      caseRec('dispute_case', { ...suit, firstInstanceDoc: '判决', firstInstanceServedOn: '2025-09-19' }),
      '2025-09-22',
    );
    assert.deepEqual([d?.due, d?.status], ['2025-10-09', '进行中']);
    // Served Sat 2024-04-20: 04-21..04-30 = 10 days, day 15 = Sun 05-05 (劳动节 05-01..05-05) → Mon 05-06.
    const data = {
      ...suit,
      firstInstanceDoc: '判决',
      firstInstanceServedOn: '2024-04-20',
      appealDecision: '提起上诉',
      appealDecidedOn: '2024-05-06',
    };
    assert.deepEqual(
      [
        computeDeadline(cal, judgment, caseRec('dispute_case', data), '2024-06-01')?.due,
        computeDeadline(cal, judgment, caseRec('dispute_case', data), '2024-06-01')?.status,
      ],
      ['2024-05-06', '按期办结'],
    );
    assert.equal(
      computeDeadline(cal, ruling, caseRec('dispute_case', data), '2024-06-01'),
      null,
      'the 裁定 window does not apply to a 判决',
    );
  });

  it('裁定 10 日 into 国庆 2024 and 春节 2026', () => {
    // Served Fri 2024-09-27: 09-28..09-30 = 3 days, day 10 = Mon 10-07 (国庆) → Tue 10-08.
    const d = computeDeadline(
      cal,
      ruling,
      caseRec('dispute_case', { ...suit, firstInstanceDoc: '裁定', firstInstanceServedOn: '2024-09-27' }),
      '2024-10-09',
    );
    assert.deepEqual([d?.due, d?.status], ['2024-10-08', '逾期']);
    // Served Fri 2026-02-06: day 10 = Mon 02-16 (春节 02-15..02-23) → Tue 02-24.
    const d2 = computeDeadline(
      cal,
      ruling,
      caseRec('dispute_case', { ...suit, firstInstanceDoc: '裁定', firstInstanceServedOn: '2026-02-06' }),
      '2026-02-09',
    );
    assert.equal(d2?.due, '2026-02-24');
    assert.equal(
      computeDeadline(
        cal,
        judgment,
        caseRec('dispute_case', { ...suit, firstInstanceDoc: '裁定', firstInstanceServedOn: '2026-02-06' }),
        '2026-02-09',
      ),
      null,
    );
  });
});

describe('the new fields are checked by their ledgers', () => {
  const suite = serverSuite();

  it('refuses out-of-order or incomplete dates with a Chinese message naming the field', async () => {
    const c = await client(suite.s.base, 'officer');
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['petition', { ...base, receivedOn: '2025-03-10', acceptedOn: '2025-03-09' }, 'acceptedOn', /受理日期不能早于登记日期/],
      ['petition', { ...base, receivedOn: '2025-03-10', reviewRequestedOn: '2025-05-01' }, 'reviewRequestedOn', /请选择复查或复核/],
      ['petition', { ...base, receivedOn: '2025-03-10', extended: true }, 'extended', /延长办理期限前请先填写受理日期/],
      [
        'dispute_case',
        { kind: '行政复议', role: '被申请人', matter: '不服', copyReceivedOn: '2025-01-02', firstInstanceDoc: '判决' },
        'firstInstanceDoc',
        /仅适用于行政诉讼/,
      ],
      [
        'dispute_case',
        {
          kind: '行政诉讼',
          role: '被告',
          matter: '不服',
          copyReceivedOn: '2025-01-02',
          firstInstanceDoc: '判决',
          firstInstanceServedOn: '2025-06-02',
          appealDecidedOn: '2025-06-05',
        },
        'appealDecidedOn',
        /请选择是否上诉/,
      ],
      [
        'enforcement_case',
        {
          kind: '行政处罚',
          matter: '未登记',
          filedOn: '2025-01-02',
          decidedOn: '2025-02-03',
          result: '作出处罚决定',
          revisedOn: '2025-03-01',
        },
        'revisedOn',
        /请先填写公示日期/,
      ],
    ];
    for (const [ledger, data, field, re] of cases) {
      const r = await c.post(`/api/ledgers/${ledger}/records`, { data });
      assert.equal(r.status, 400, `${ledger} ${JSON.stringify(data)} → ${JSON.stringify(r.body)}`);
      assert.match(r.body.detail, re);
      assert.equal(r.body.field, field);
    }
  });
});
