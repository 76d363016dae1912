/**
 * The subscribable calendar: a per-user token URL serves the user's ICS feed to a client with no
 * cookie, with the user's current scope; revoking, replacing or deactivating stops it at once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadlineRule, defineDeadlineRules } from '../src/calendar/rules.ts';
import { defineLedger } from '../src/ledger/define.ts';
import { f } from '../src/ledger/field.ts';
import { registerLedgers } from '../src/ledger/registry.ts';
import { client, serverSuite } from './helpers.ts';

// A test-only ledger whose rule has a long Chinese label, so SUMMARY lines must fold.
const LEDGER = 'icssub_request';
const subLedger = defineLedger({
  key: LEDGER,
  module: 'icssub',
  label: '订阅测试台账',
  titleField: 'title',
  dateField: 'received',
  fields: { title: f.text('事项', { required: true }), received: f.date('收到日期', { required: true }), answered: f.date('答复日期') },
});
registerLedgers([subLedger]);
const LONG_LABEL = '政府信息公开申请答复期限（订阅测试，标题足够长以便折行并检验多字节字符不被截断）';
defineDeadlineRules([
  deadlineRule(subLedger, {
    key: 'icssub.reply',
    label: LONG_LABEL,
    start: 'received',
    amount: 20,
    unit: 'workday',
    doneField: 'answered',
    basis: '测试依据',
  }),
]);

const unfold = (text: string): string[] => text.replace(/\r\n[ \t]/g, '').split('\r\n');
const noCookie = (url: string) => fetch(url);

describe('calendar subscription by token URL', () => {
  const s = serverSuite();

  it('serves the user’s feed to a client with no cookie, well formed, without frozen status in SUMMARY', async () => {
    const c = await client(s.s.base, 'officer');
    const past = await c.post(`/api/ledgers/${LEDGER}/records`, { data: { title: '二〇二四年的申请', received: '2024-01-02' } });
    assert.equal(past.status, 201);
    const none = await c.get('/api/calendar/subscription');
    assert.deepEqual(none.body, { active: false, createdAt: null, lastUsedAt: null });
    const made = await c.post('/api/calendar/subscription');
    assert.equal(made.status, 201);
    const url: string = made.body.url;
    assert.match(url, new RegExp(`^${s.s.base}/api/calendar/subscribe/[A-Za-z0-9_-]{43}\\.ics$`));
    assert.match(made.body.qrSvg, /^<svg[^>]*>.*<\/svg>\s*$/s);

    const res = await noCookie(url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/calendar; charset=utf-8/);
    const text = await res.text();
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n') && text.endsWith('END:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
    for (const l of text.slice(0, -2).split('\r\n')) assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `too long: ${l}`);
    const lines = unfold(text);
    assert.ok(lines.includes('REFRESH-INTERVAL;VALUE=DURATION:PT1H'));
    assert.ok(lines.includes('X-PUBLISHED-TTL:PT1H'));
    const summary = `SUMMARY:${LONG_LABEL}：二〇二四年的申请`;
    assert.ok(lines.includes(summary), 'the long Chinese SUMMARY unfolds whole');
    const raw = text.split('\r\n');
    const at = raw.findIndex((l) => l.startsWith(`SUMMARY:${LONG_LABEL.slice(0, 5)}`));
    assert.ok(raw[at + 1].startsWith(' '), 'the long SUMMARY is folded');
    assert.ok(lines.includes(`UID:deadline-icssub.reply-${past.body.id}@fazhi`));
    for (const l of lines.filter((x) => x.startsWith('SUMMARY:'))) {
      assert.doesNotMatch(l, /逾期|临期|进行中|剩\d|已超过/, `status frozen in ${l}`);
    }
    const ev = lines.slice(lines.indexOf(summary) - 5, lines.indexOf('END:VEVENT', lines.indexOf(summary)));
    assert.ok(
      ev.some((l) => /^DESCRIPTION:状态（\d{4}-\d{2}-\d{2} 计算/.test(l) && l.includes('逾期')),
      'status with its date in DESCRIPTION',
    );
    assert.ok(ev.includes('BEGIN:VALARM') && ev.includes('ACTION:DISPLAY'));
    assert.ok(ev.some((l) => l.startsWith('TRIGGER:-P')));
    assert.ok(ev.some((l) => l.startsWith('DESCRIPTION:今日届满：')));
    assert.ok(lines.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l)));

    // the same UIDs on the next fetch (a client updates, never duplicates)
    const again = unfold(await (await noCookie(url)).text()).filter((l) => l.startsWith('UID:'));
    assert.deepEqual(
      again,
      lines.filter((l) => l.startsWith('UID:')),
    );
    const status = await c.get('/api/calendar/subscription');
    assert.equal(status.body.active, true);
    assert.ok(status.body.lastUsedAt);
    assert.ok(!JSON.stringify(status.body).includes(url.split('/').at(-1)?.replace('.ics', '') ?? 'x'));
  });

  it('a revoked or replaced token answers 401 problem+json in Chinese; the token is never audited', async () => {
    const c = await client(s.s.base, 'leader');
    const first = (await c.post('/api/calendar/subscription')).body.url as string;
    assert.equal((await noCookie(first)).status, 200);
    const second = (await c.post('/api/calendar/subscription')).body.url as string;
    assert.notEqual(first, second);
    const old = await noCookie(first);
    assert.equal(old.status, 401);
    assert.match(old.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.match((await old.json()).detail, /订阅链接无效或已停止订阅/);
    assert.equal((await noCookie(second)).status, 200);
    assert.equal((await c.del('/api/calendar/subscription')).status, 204);
    assert.equal((await noCookie(second)).status, 401);
    assert.equal((await c.del('/api/calendar/subscription')).status, 404);
    assert.equal((await c.get('/api/calendar/subscription')).body.active, false);
    assert.equal((await noCookie(`${s.s.base}/api/calendar/subscribe/not-a-token.ics`)).status, 401);

    const audit = await s.t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'calendar_subscription')
      .where('user_id', '=', s.w.users.leader)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['calendar.subscription.create', 'calendar.subscription.replace', 'calendar.subscription.revoke'],
    );
    const all = JSON.stringify(await s.t.db.selectFrom('audit_log').selectAll().execute());
    for (const u of [first, second]) {
      const token = u.split('/').at(-1)?.replace('.ics', '') ?? '';
      assert.equal(token.length, 43);
      assert.ok(!all.includes(token), 'token not in the audit log');
    }
    const stored = await s.t.db.selectFrom('calendar_subscription').selectAll().execute();
    assert.ok(!JSON.stringify(stored).includes(second.split('/').at(-1)?.replace('.ics', '') ?? 'x'), 'only the hash is stored');
  });

  it('a deactivated user’s token stops at once; another bureau’s user sees only their own deadlines', async () => {
    const city = await client(s.s.base, 'officer');
    const cityRec = await city.post(`/api/ledgers/${LEDGER}/records`, { data: { title: '市局的申请', received: '2026-09-01' } });
    const county = await client(s.s.base, 'county');
    const countyRec = await county.post(`/api/ledgers/${LEDGER}/records`, { data: { title: '县局的申请', received: '2026-09-01' } });
    assert.equal(countyRec.status, 201);
    const url = (await county.post('/api/calendar/subscription')).body.url as string;
    const feed = await (await noCookie(url)).text();
    assert.ok(feed.includes(`UID:deadline-icssub.reply-${countyRec.body.id}@fazhi`));
    assert.ok(!feed.includes(cityRec.body.id), 'no deadline of another bureau');

    const sec = await client(s.s.base, 'secadmin');
    const off = await sec.put(`/api/users/${s.w.users.county}/security`, { active: false });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal((await noCookie(url)).status, 401);
  });
});
