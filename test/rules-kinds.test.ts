/**
 * The deadline kinds beside the time limit — minimum periods ("不少于", shown "不早于"), periods
 * counted back from an event, expiry dates — and the 依申请公开 clock fixed in issue 9 (补正 stops it,
 * an extension is the days granted, a consultation is a dated pause), with due dates counted by
 * hand in the comments across the 2024–2026 holidays.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daysBefore, workdaysBefore } from '../src/calendar/backward.ts';
import { computeDeadline, nextStarts, type RecordInput } from '../src/calendar/deadlines.ts';
import { type DeadlineRule, getDeadlineRule } from '../src/calendar/rules.ts';
import { WorkCalendar } from '../src/calendar/workdays.ts';
import type { Deadline } from '../src/contract.ts';
import type { RecordData } from '../src/ledger/field.ts';
import { upgradeStoredPayloads } from '../src/ledger/upgrade.service.ts';
import { addDays, today as todayOf } from '../src/util/time.ts';
import { client, figuresWithSources, serverSuite } from './helpers.ts';

const cal = new WorkCalendar();

function ruleOf(key: string): DeadlineRule {
  const r = getDeadlineRule(key);
  assert.ok(r, `rule ${key} is registered`);
  return r;
}

const recOf = (rule: DeadlineRule, data: RecordData, id = 'r1'): RecordInput => ({
  id,
  orgId: 'o1',
  ledger: rule.ledger.key,
  title: '事项',
  data,
});
const at = (key: string, data: RecordData, today: string): Deadline | null =>
  computeDeadline(cal, ruleOf(key), recOf(ruleOf(key), data), today);
const lines = (d: Deadline | null | undefined): string => d?.explanation.join('\n') ?? '';

const decision = { title: '养老服务补贴调整', category: '重大公共政策和措施', startedOn: '2025-08-01' };

describe('minimum periods: 不早于, never 逾期 while open', () => {
  it('公众参与 ≥ 30 日: open past the 30 days is 已满期, not 逾期; closing early needs the stated reason', () => {
    // From Sat 2025-09-20: day 30 = Mon 10-20 (September 10 days, October 20).
    const open = { ...decision, participationFrom: '2025-09-20' };
    const before = at('decision.participation_period', open, '2025-10-01');
    assert.deepEqual([before?.kind, before?.due, before?.status, before?.doneOn], ['minimum', '2025-10-20', '未满期', null]);
    const past = at('decision.participation_period', open, '2025-11-01');
    assert.deepEqual([past?.due, past?.status], ['2025-10-20', '已满期']);
    assert.match(lines(past), /不早于 2025-10-20/);
    assert.equal(at('decision.participation_period', { ...open, participationTo: '2025-10-25' }, '2025-11-01')?.status, '按期办结');
    // Ended 10-10 (20 days): with the reason 条例第十五条 asks for, lawful; without, 期限不足.
    const short = { ...open, participationTo: '2025-10-10' };
    const reasoned = at('decision.participation_period', { ...short, urgencyReason: '汛期安置补助须在入冬前施行' }, '2025-11-01');
    assert.equal(reasoned?.status, '依法缩短');
    assert.match(lines(reasoned), /汛期安置补助须在入冬前施行/);
    assert.equal(at('decision.participation_period', short, '2025-11-01')?.status, '期限不足');
    // An announced end still ahead is not a closing: the consultation is still running.
    const planned = at('decision.participation_period', { ...open, participationTo: '2025-10-31' }, '2025-10-05');
    assert.deepEqual([planned?.status, planned?.doneOn], ['未满期', null]);
  });

  it('公众参与 ending on a holiday is not rolled: the period only has to be long enough', () => {
    // From Mon 2025-09-01: day 30 = Wed 10-01 (国庆节); "不少于30日" is met on 10-01 itself.
    const d = at('decision.participation_period', { ...decision, participationFrom: '2025-09-01' }, '2025-09-02');
    assert.equal(d?.due, '2025-10-01');
  });

  it('合法性审查 ≥ 7 个工作日 from 送审 across 国庆+中秋 2025: an earlier opinion is 期限不足', () => {
    // Sent Fri 2025-09-26: Sun 09-28 (调休, 1), 09-29 (2), 09-30 (3), 10-01..10-08 holiday, 10-09 (4),
    // 10-10 (5), Sat 10-11 (调休, 6), Mon 10-13 (7).
    const sent = { ...decision, legalSubmittedOn: '2025-09-26' };
    const open = at('decision.legal_review_period', sent, '2025-10-09');
    assert.deepEqual([open?.due, open?.status], ['2025-10-13', '未满期']);
    assert.ok(open?.explanation.includes('2025-10-11 为调休上班日，计入'), lines(open));
    assert.equal(at('decision.legal_review_period', sent, '2025-10-20')?.status, '已满期');
    const early = { ...sent, legalReviewOn: '2025-10-10', legalOpinion: '合法' };
    assert.equal(at('decision.legal_review_period', early, '2025-10-20')?.status, '期限不足');
    assert.equal(at('decision.legal_review_period', { ...early, legalReviewOn: '2025-10-13' }, '2025-10-20')?.status, '按期办结');
    assert.equal(at('decision.legal_review_period', decision, '2025-10-20'), null, 'no 送审日期, no period');
  });
});

describe('periods counted back from an event', () => {
  const hearing = { kind: '行政处罚', matter: '擅自开展殡葬服务', filedOn: '2025-08-01' };

  it('听证通知 7 个工作日 before a hearing after 国庆+中秋 2025, never moved later', () => {
    // Hearing Tue 2025-10-14: back 10-13 (1), Sat 10-11 (调休, 2), 10-10 (3), 10-09 (4), 10-01..10-08
    // holiday, 09-30 (5), 09-29 (6), Sun 09-28 (调休, 7).
    const d = at('enforcement.hearing_notice', { ...hearing, hearingOn: '2025-10-14' }, '2025-09-26');
    assert.deepEqual([d?.kind, d?.due, d?.status], ['before', '2025-09-28', '临期']);
    assert.match(lines(d), /跳过 国庆节 10月1日—5日/);
    assert.equal(
      at('enforcement.hearing_notice', { ...hearing, hearingOn: '2025-10-14', hearingNoticeOn: '2025-09-28' }, '2025-10-20')?.status,
      '按期办结',
    );
    assert.equal(
      at('enforcement.hearing_notice', { ...hearing, hearingOn: '2025-10-14', hearingNoticeOn: '2025-09-29' }, '2025-10-20')?.status,
      '逾期办结',
    );
    assert.equal(at('enforcement.hearing_notice', { ...hearing, hearingOn: '2025-10-14' }, '2025-09-29')?.status, '逾期');
    assert.equal(at('enforcement.hearing_notice', hearing, '2025-09-29'), null, 'no hearing, no notice period');
  });

  it('across 春节 2026, and natural days move back from a rest day', () => {
    // Hearing Wed 2026-02-25: back 02-24 (1), 02-15..02-23 春节, Sat 02-14 (调休, 2), 02-13 (3),
    // 02-12 (4), 02-11 (5), 02-10 (6), 02-09 (7).
    assert.equal(workdaysBefore(cal, '2026-02-25', 7).due, '2026-02-09');
    // 7 days before Wed 2025-10-08 is 10-01 (国庆节) → back to Tue 09-30.
    const c = daysBefore(cal, '2025-10-08', 7);
    assert.equal(c.due, '2025-09-30');
    assert.ok(
      c.explanation.some((l) => l.includes('提前至 2025-09-30')),
      c.explanation.join('\n'),
    );
  });
});

describe('expiry dates with warnings', () => {
  const officer = { name: '王执法', joinedOn: '2020-01-01', status: '在职', certNo: '民执字0001', certValidTo: '2026-03-31' };

  it('执法证: warned 90 and 30 days ahead, 已到期 stays open while the holder is in post', () => {
    const far = at('org.cert_expiry', officer, '2025-12-01');
    assert.deepEqual([far?.kind, far?.due, far?.status, far?.warnDays], ['expiry', '2026-03-31', '进行中', [90, 30]]);
    // 2025-12-31 is 90 days before 03-31 (January 31 + February 28 + March 31): the warning opens.
    assert.equal(at('org.cert_expiry', officer, '2025-12-31')?.status, '临期');
    assert.equal(at('org.cert_expiry', officer, '2025-12-30')?.status, '进行中', '91 days before');
    const expired = at('org.cert_expiry', officer, '2026-04-01');
    assert.deepEqual([expired?.status, expired?.doneOn], ['已到期', null]);
    assert.equal(at('org.cert_expiry', { ...officer, status: '调离', leftOn: '2026-02-01' }, '2026-04-01'), null, 'left post');
  });

  it('法律顾问合同: 已到期 closes itself on the end date', () => {
    const adviser = { name: '李律师', kind: '法律顾问', contractFrom: '2025-01-01', contractTo: '2025-12-31' };
    assert.equal(at('decision.adviser_contract_end', adviser, '2025-10-15')?.status, '临期');
    const ended = at('decision.adviser_contract_end', adviser, '2026-01-05');
    assert.deepEqual([ended?.status, ended?.doneOn], ['已到期', '2025-12-31']);
  });

  it('规范性文件定期清理 every 24 months from the last 定期清理, closed by the next one', () => {
    const rule = ruleOf('normdoc.cleanup_cycle');
    const recs = [
      recOf(rule, { date: '2022-06-30', kind: '定期清理', scope: '2022年以前', reviewed: 10 }, 'a'),
      recOf(rule, { date: '2023-05-10', kind: '专项清理', scope: '优化营商环境', reviewed: 3 }, 'b'),
      recOf(rule, { date: '2024-09-15', kind: '定期清理', scope: '2024年以前', reviewed: 12 }, 'c'),
    ];
    const next = nextStarts(rule, recs, '2026-01-05');
    const of = (i: number) => computeDeadline(cal, rule, recs[i], '2026-01-05', undefined, { nextStart: next.get(recs[i].id) });
    // 2022-06-30 + 24 months = Sun 2024-06-30 → Mon 07-01; the next 定期清理 came 2024-09-15.
    assert.deepEqual([of(0)?.due, of(0)?.doneOn, of(0)?.status], ['2024-07-01', '2024-09-15', '逾期办结']);
    assert.equal(of(1), null, 'a 专项清理 does not start the cycle');
    // 2024-09-15 + 24 months = Tue 2026-09-15, still open.
    assert.deepEqual([of(2)?.due, of(2)?.doneOn, of(2)?.status], ['2026-09-15', null, '进行中']);
  });
});

describe('依申请公开: 补正, extension, consultation', () => {
  const req = { receivedOn: '2025-09-26', channel: '当面提交', applicantType: '自然人', content: '低保名单' };

  it('a 补正通知 with no corrected request back is 等待补正, never 逾期', () => {
    const waiting = at('disclosure.request_reply', { ...req, correctionNoticeOn: '2025-09-30' }, '2025-12-01');
    assert.deepEqual([waiting?.status, waiting?.remainingWorkdays, waiting?.doneOn], ['等待补正', null, null]);
    assert.match(lines(waiting), /期限中止/);
    // Back on 10-20: 20 working days from then, 10-21 … 11-17.
    const back = at(
      'disclosure.request_reply',
      { ...req, correctionNoticeOn: '2025-09-30', correctedReceivedOn: '2025-10-20' },
      '2025-12-01',
    );
    assert.deepEqual([back?.start, back?.due, back?.status], ['2025-10-20', '2025-11-17', '逾期']);
  });

  it('an extension adds the working days granted (at most 20), naming the approver and date', () => {
    // 2025-09-26 + 20 working days = 10-30; + 10 more: 10-31, 11-03..11-07, 11-10..11-13 → 11-13.
    const d = at(
      'disclosure.request_reply',
      { ...req, extensionDays: 10, extensionApprover: '张主任', extensionApprovedOn: '2025-10-20' },
      '2025-10-21',
    );
    assert.equal(d?.due, '2025-11-13');
    assert.ok(d?.explanation.includes('经 张主任 于 2025-10-20 批准延长 10 个工作日（最长 20 个工作日）'), lines(d));
    // An upgraded old record: 20 days, approver unknown.
    const legacy = at('disclosure.request_reply', { ...req, extensionDays: 20, extensionLegacy: true }, '2025-10-21');
    assert.equal(legacy?.due, '2025-11-27');
    assert.match(lines(legacy), /审批人未登记/);
  });

  it('a consultation is a dated pause counted in working days across 国庆+中秋, at most 15', () => {
    // Received Mon 2025-09-15: 20 working days → 10-17. Consultation 09-26 → 10-15: 09-28 (调休),
    // 09-29, 09-30, 10-09, 10-10, 10-11 (调休), 10-13, 10-14, 10-15 = 9 working days → 29 → 10-30.
    const base = { ...req, receivedOn: '2025-09-15' };
    assert.equal(at('disclosure.request_reply', base, '2025-09-16')?.due, '2025-10-17');
    const d = at('disclosure.request_reply', { ...base, consultationFrom: '2025-09-26', consultationTo: '2025-10-15' }, '2025-10-16');
    assert.equal(d?.due, '2025-10-30');
    assert.ok(d?.explanation.includes('征求意见 2025-09-26 至 2025-10-15，共 9 个工作日，不计入期限'), lines(d));
    // 09-26 → 11-14 is 31 working days (9 to 10-15, then 10-16 … 11-14); only 15 stand still:
    // 20 + 15 = 35 working days → 10-30 (29), 10-31, 11-03 … 11-07 (35).
    const long = at('disclosure.request_reply', { ...base, consultationFrom: '2025-09-26', consultationTo: '2025-11-14' }, '2025-11-17');
    assert.equal(long?.due, '2025-11-07');
    assert.ok(
      long?.explanation.includes(
        '征求意见 2025-09-26 至 2025-11-14，共 31 个工作日，其中 15 个工作日不计入期限，超过的 16 个工作日计入（被征求意见方应在 15 个工作日内提出意见）',
      ),
      lines(long),
    );
    // Still out for comment: the pause runs to today, so the reply is never judged late meanwhile.
    const ongoing = at('disclosure.request_reply', { ...base, consultationFrom: '2025-09-26' }, '2025-10-15');
    assert.deepEqual([ongoing?.due, ongoing?.status], ['2025-10-30', '进行中']);
    assert.match(lines(ongoing), /征求意见自 2025-09-26 起尚未结束，暂计至 2025-10-15，共 9 个工作日，不计入期限/);
    // A legacy day count is used only without dates, and says what it is.
    const old = at('disclosure.request_reply', { ...base, consultationDays: 9 }, '2025-10-16');
    assert.equal(old?.due, '2025-10-30');
    assert.match(lines(old), /旧版数据/);
  });
});

describe('through the server: validation, upgrade of old records, 按期答复率, feed', () => {
  const suite = serverSuite();
  const req = { channel: '当面提交', applicantType: '自然人' };

  it('refuses an extension over 20 days or without its approval, and a consultation given both ways', async () => {
    const c = await client(suite.s.base, 'officer');
    const post = (data: RecordData) =>
      c.post('/api/ledgers/disclosure_request/records', { data: { ...req, content: '校验', receivedOn: '2025-09-26', ...data } });
    const over = await post({ extensionDays: 21, extensionApprover: '张主任', extensionApprovedOn: '2025-10-20' });
    assert.equal(over.status, 400);
    assert.equal(over.body.field, 'extensionDays');
    const noApprover = await post({ extensionDays: 10 });
    assert.equal(noApprover.status, 400);
    assert.equal(noApprover.body.field, 'extensionApprover');
    assert.match(noApprover.body.detail, /负责人同意/);
    const both = await post({ consultationFrom: '2025-10-09', consultationTo: '2025-10-20', consultationDays: 5 });
    assert.equal(both.status, 400);
    assert.equal(both.body.field, 'consultationDays');
    const backwards = await post({ consultationFrom: '2025-10-20', consultationTo: '2025-10-09' });
    assert.equal(backwards.status, 400);
    assert.equal(backwards.body.field, 'consultationTo');
    const shortReview = await c.post('/api/ledgers/major_decision/records', {
      data: { ...decision, legalSubmittedOn: '2025-09-26', legalReviewOn: '2025-09-20', legalOpinion: '合法' },
    });
    assert.equal(shortReview.status, 400, 'an opinion before it was sent for review');
    assert.equal(shortReview.body.field, 'legalReviewOn');
  });

  it('an old record (extended: yes, a typed number of days) reads as 20 days granted, approver unknown, and is rewritten by the upgrade', async () => {
    const c = await client(suite.s.base, 'officer');
    const made = await c.post('/api/ledgers/disclosure_request/records', {
      data: { ...req, content: '旧版延期', receivedOn: '2025-09-26' },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const id: string = made.body.id;
    // The row as version 1 wrote it.
    const v1 = { ...req, content: '旧版延期', receivedOn: '2025-09-26', extended: true, consultationDays: 5, status: '办理中' };
    await suite.t.db
      .updateTable('record')
      .set({ data: JSON.stringify(v1), data_version: 1 })
      .where('id', '=', id)
      .execute();

    const read = await c.get(`/api/records/${id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.data.extensionDays, 20);
    assert.equal(read.body.data.extensionLegacy, true);
    assert.equal(read.body.data.consultationDays, 5);
    assert.ok(!('extended' in read.body.data));
    const dls = (await c.get('/api/deadlines?status=all&module=disclosure')).body as Deadline[];
    const d = dls.find((x) => x.recordId === id && x.ruleKey === 'disclosure.request_reply');
    // 10-30 + 20 (extension) + 5 (legacy pause) = 25 working days after 10-30 → 12-04.
    assert.equal(d?.due, '2025-12-04');
    assert.match(lines(d), /审批人未登记/);
    assert.match(lines(d), /旧版数据/);

    const report = await upgradeStoredPayloads(suite.t.db, { username: 'test', ip: '127.0.0.1' });
    assert.ok(
      report.ledgers.some((l) => l.ledger === 'disclosure_request' && l.rows >= 1),
      JSON.stringify(report),
    );
    const row = await suite.t.db.selectFrom('record').select(['data', 'data_version']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(Number(row.data_version), 2);
    const stored = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
    assert.deepEqual([stored.extensionDays, stored.extensionLegacy, stored.consultationDays, 'extended' in stored], [20, true, 5, false]);
    const audit = await suite.t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'ledger.upgrade')
      .where('entity', '=', 'disclosure_request')
      .execute();
    assert.ok(
      audit.some((a) => String(a.detail).includes(id)),
      'the upgrade is audited',
    );
    // Editing the upgraded record keeps working without inventing an approver.
    const edit = await c.put(`/api/ledgers/disclosure_request/records/${id}`, {
      version: Number(read.body.version) + 1,
      data: { ...stored, repliedOn: '2025-12-01', outcome: '予以公开' },
    });
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
  });

  it('按期答复率 counts 等待补正 as neither on time nor late, and a request never corrected as answered on time', async () => {
    const c = await client(suite.s.base, 'officer');
    const mk = async (data: RecordData) => {
      const r = await c.post('/api/ledgers/disclosure_request/records', { data: { ...req, receivedOn: '2024-09-26', ...data } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };
    // 2024-09-26 + 20 working days over 国庆 2024 (10-01..10-07, 调休 09-29 and 10-12) = 10-29.
    const onTime = await mk({ content: '按期', repliedOn: '2024-10-29', outcome: '予以公开' });
    const late = await mk({ content: '逾期', repliedOn: '2024-10-30', outcome: '予以公开' });
    const waiting = await mk({ content: '等待补正', correctionNoticeOn: '2024-09-27' });
    const dropped = await mk({
      content: '逾期不补正',
      correctionNoticeOn: '2024-09-27',
      repliedOn: '2024-12-20',
      outcome: '其他处理',
      outcomeReason: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    });
    const fig = await figuresWithSources(c, 2024, [
      'disclosure.requests_on_time',
      'disclosure.requests_answered',
      'disclosure.requests_on_time_rate',
      'disclosure.requests_late',
      'disclosure.requests_overdue',
      'disclosure.requests_pending',
    ]);
    assert.deepEqual(fig['disclosure.requests_on_time'].sources.sort(), [onTime, dropped].sort());
    assert.deepEqual(fig['disclosure.requests_late'].sources, [late]);
    assert.equal(fig['disclosure.requests_answered'].value, 3);
    assert.equal(fig['disclosure.requests_on_time_rate'].value, 66.7);
    assert.deepEqual(fig['disclosure.requests_overdue'].sources, [], '等待补正 is not 逾期');
    assert.deepEqual(fig['disclosure.requests_pending'].sources, [waiting]);
  });

  it('the feed marks a minimum period 不早于 and leaves out a clock stopped for 补正; the summary does not count them overdue', async () => {
    const c = await client(suite.s.base, 'officer');
    const dec = await c.post('/api/ledgers/major_decision/records', {
      data: { ...decision, title: '殡葬设施布局规划', startedOn: '2024-02-01', participationFrom: '2024-03-01' },
    });
    assert.equal(dec.status, 201, JSON.stringify(dec.body));
    const req2 = await c.post('/api/ledgers/disclosure_request/records', {
      data: { ...req, content: '待补正的申请', receivedOn: '2024-03-01', correctionNoticeOn: '2024-03-04' },
    });
    assert.equal(req2.status, 201, JSON.stringify(req2.body));
    const open = (await c.get('/api/deadlines?status=open')).body as Deadline[];
    const part = open.find((d) => d.recordId === dec.body.id && d.ruleKey === 'decision.participation_period');
    assert.deepEqual([part?.status, part?.due], ['已满期', '2024-03-31']);
    const wait = open.find((d) => d.recordId === req2.body.id && d.ruleKey === 'disclosure.request_reply');
    assert.equal(wait?.status, '等待补正');
    const overdue = (await c.get('/api/deadlines?status=overdue')).body as Deadline[];
    assert.ok(!overdue.some((d) => d.recordId === dec.body.id || d.recordId === req2.body.id));

    const text = (await (await c.raw('/api/calendar/feed.ics')).text()).replace(/\r\n[ \t]/g, '');
    const event = text.split('BEGIN:VEVENT').find((e) => e.includes(`UID:deadline-decision.participation_period-${dec.body.id}@fazhi`));
    assert.ok(event, 'the minimum period is in the feed');
    assert.match(event, /SUMMARY:重大行政决策公开征求意见期限（不少于30日）：殡葬设施布局规划（不早于此日）/);
    assert.match(event, /DTSTART;VALUE=DATE:20240331/);
    assert.ok(!text.includes(`deadline-disclosure.request_reply-${req2.body.id}@fazhi`), 'no event for a stopped clock');
  });

  it('an expiring 执法证 is in the feed on its day with reminders 90 and 30 days ahead and on the day', async () => {
    const c = await client(suite.s.base, 'officer');
    // The server judges on its own clock, so the card expires 200 days after the real today.
    const validTo = addDays(todayOf(), 200);
    const p = await c.post('/api/ledgers/person/records', {
      data: {
        name: '赵执法',
        joinedOn: '2019-03-01',
        status: '在职',
        certNo: '22123456001',
        certIssuedOn: '2022-01-01',
        certValidTo: validTo,
      },
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    const text = (await (await c.raw('/api/calendar/feed.ics')).text()).replace(/\r\n[ \t]/g, '');
    const event = text.split('BEGIN:VEVENT').find((e) => e.includes(`UID:deadline-org.cert_expiry-${p.body.id}@fazhi`));
    assert.ok(event, 'the expiry is in the feed');
    assert.match(event, new RegExp(`DTSTART;VALUE=DATE:${validTo.replaceAll('-', '')}`));
    const triggers = [...event.matchAll(/TRIGGER:(\S+)/g)].map((m) => m[1]);
    assert.deepEqual(triggers, ['-P89DT15H', '-P29DT15H', 'PT9H']);
    assert.match(event, /DESCRIPTION:90天后到期：行政执法证件有效期届满：赵执法/);
  });
});
