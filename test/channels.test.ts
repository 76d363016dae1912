/**
 * Outbound channels against real counterparts: a real SMTP server (smtp-server, on a loopback port
 * this file starts, with a login) receives the mail; a real local HTTP receiver (node:http) plays the
 * 钉钉 and 企业微信 robots, checks the bodies and recomputes the 钉钉 signature. The settings are
 * kept through the real API by a 系统管理员; URLs and secrets never appear in an answer or the audit
 * log; a host the deployment does not allow is refused; each bureau has its own settings.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { Config } from '../src/config.ts';
import { createChannelDeliverer } from '../src/notify/deliverer.ts';
import type { DeliveryResult, OutboundMessage } from '../src/notify/outbound.ts';
import { createUserUnchecked } from '../src/org/org.service.ts';
import { runReminders } from '../src/reminders/reminders.service.ts';
import { client, makeDb, makeWorld, PASSWORD, type Server, startServer, type TestDb, testConfig, type World } from './helpers.ts';

type Mail = { from: string; to: string[]; raw: string; user: string };
type Hit = { path: string; query: URLSearchParams; rawQuery: string; body: unknown };

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) of a header. */
function decodeWords(v: string): string {
  return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** The headers (unfolded, decoded) and the text body (transfer encoding undone) of a simple text/plain mail. */
function parseMail(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const at = line.indexOf(':');
    headers.set(line.slice(0, at).toLowerCase(), decodeWords(line.slice(at + 1).trim()));
  }
  const body = raw.slice(split + 4);
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(
            body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

const SMTP_USER = 'fazhi-mailer';
const SMTP_PASS = 'smtp-pass-2026';
const DING_TOKEN = 'dingtoken0123456789abcdefABCDEF';
const DING_SECRET = 'SECfeedfacecafebeef0123456789abcdef0123456789abcdef0123456789ab';
const WECOM_KEY = 'wecomkey-693a91f6-7aoc-4bc4-97a0-0ec2sifa5aaa';
const BAD_TOKEN = 'badrobottoken-0123456789abcdef';

describe('outbound channels: e-mail, 钉钉 and 企业微信 robots', () => {
  let t: TestDb;
  let w: World;
  let s: Server;
  let cfg: Config;
  let smtp: SMTPServer;
  let receiver: http.Server;
  let recv = '';
  let deadHost = '';
  const mails: Mail[] = [];
  const hits: Hit[] = [];

  before(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASS) cb(null, { user: auth.username });
        else cb(new Error('535 认证失败'));
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            user: String(session.user ?? ''),
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;

    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        hits.push({
          path: u.pathname,
          query: u.searchParams,
          rawQuery: (req.url ?? '').split('?')[1] ?? '',
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        const bad = u.searchParams.get('access_token') === BAD_TOKEN;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(bad ? { errcode: 310000, errmsg: '签名不匹配' } : { errcode: 0, errmsg: 'ok' }));
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    recv = `127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    // A port nobody listens on: bound, read, released.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    deadHost = `127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      SMTP_USER,
      SMTP_PASS,
      SMTP_FROM: '法治民政工作台 <fazhi@mzj.test.example.cn>',
      WEBHOOK_ALLOWED_HOSTS: `${recv},${deadHost}`,
    };
    cfg = testConfig(env);
    t = await makeDb();
    w = await makeWorld(t.db);
    s = await startServer(t.db, { env });
  });

  after(async () => {
    await s.close();
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const dingUrl = (token = DING_TOKEN) => `http://${recv}/robot/send?access_token=${token}`;
  const wecomUrl = () => `http://${recv}/cgi-bin/webhook/send?key=${WECOM_KEY}`;
  const secretsIn = (text: string) => [DING_TOKEN, DING_SECRET, WECOM_KEY, BAD_TOKEN].filter((x) => text.includes(x));

  it('a 系统管理员 sets the bureau’s channels; answers show the URLs masked and the secret only as set', async () => {
    const admin = await client(s.base, 'sysadmin');
    const ding = await admin.put('/api/channels/dingtalk', { enabled: true, url: dingUrl(), secret: DING_SECRET });
    assert.equal(ding.status, 200, JSON.stringify(ding.body));
    assert.equal(ding.body.dingtalk.enabled, true);
    assert.equal(ding.body.dingtalk.hasSecret, true);
    assert.equal(ding.body.dingtalk.maskedUrl, `${recv}/robot/send?access_token=****${DING_TOKEN.slice(-4)}`);
    assert.equal(ding.body.dingtalk.updatedBy, 'sysadmin');
    const wecom = await admin.put('/api/channels/wecom', { enabled: true, url: wecomUrl() });
    assert.equal(wecom.status, 200, JSON.stringify(wecom.body));
    const email = await admin.put('/api/channels/email', { enabled: true });
    assert.equal(email.status, 200, JSON.stringify(email.body));
    // Changing only the switch keeps the stored URL and secret (the page never has them).
    const off = await admin.put('/api/channels/dingtalk', { enabled: false });
    assert.equal(off.body.dingtalk.hasSecret, true);
    assert.ok(off.body.dingtalk.maskedUrl);
    const on = await admin.put('/api/channels/dingtalk', { enabled: true });
    assert.equal(on.body.dingtalk.enabled, true);

    const got = await admin.get('/api/channels');
    assert.equal(got.status, 200);
    assert.deepEqual(
      { email: got.body.email.enabled, smtp: got.body.email.smtpConfigured, from: got.body.email.from, wecom: got.body.wecom.enabled },
      { email: true, smtp: true, from: '法治民政工作台 <fazhi@mzj.test.example.cn>', wecom: true },
    );
    for (const r of [ding, wecom, email, off, on, got]) assert.deepEqual(secretsIn(JSON.stringify(r.body)), []);

    // At rest only sealed: neither the token nor the secret is in the database.
    const rows = await t.db.selectFrom('channel_setting').selectAll().where('org_id', '=', w.city).execute();
    assert.equal(rows.length, 3);
    assert.deepEqual(secretsIn(JSON.stringify(rows)), []);
    assert.ok(rows.every((r) => r.url_sealed === null || r.url_sealed.startsWith('v1.')));

    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'channel.update').execute();
    assert.equal(audit.length, 5);
    assert.deepEqual(secretsIn(JSON.stringify(audit)), []);
    assert.deepEqual(JSON.parse(audit[0]?.detail ?? '{}'), {
      channel: 'dingtalk',
      enabled: { from: false, to: true },
      url: 'replaced',
      host: recv,
      secret: 'replaced',
    });
  });

  it('refuses a webhook host or form the deployment does not allow, with a Chinese detail on the field, and writes nothing', async () => {
    const admin = await client(s.base, 'sysadmin');
    const before = await t.db.selectFrom('channel_setting').selectAll().orderBy('channel').execute();
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [
        'dingtalk',
        { enabled: true, url: 'https://evil.example.com/robot/send?access_token=abc' },
        'url',
        /https:\/\/oapi\.dingtalk\.com.*WEBHOOK_ALLOWED_HOSTS/,
      ],
      [
        'dingtalk',
        { enabled: true, url: 'http://oapi.dingtalk.com/robot/send?access_token=abc' },
        'url',
        /只能是 https:\/\/oapi\.dingtalk\.com/,
      ],
      ['wecom', { enabled: true, url: 'http://127.0.0.1:5432/cgi-bin/webhook/send?key=abc' }, 'url', /qyapi\.weixin\.qq\.com.*SSRF/],
      ['wecom', { enabled: true, url: 'http://169.254.169.254/cgi-bin/webhook/send?key=abc' }, 'url', /SSRF/],
      ['wecom', { enabled: true, url: `http://${recv}/other?key=abc` }, 'url', /格式不对/],
      ['dingtalk', { enabled: true, url: `http://${recv}/robot/send?access_token=abc`, secret: 'has space in it' }, 'secret', /加签密钥/],
      ['dingtalk', { enabled: true, url: 'not a url' }, 'url', /不是有效的网址/],
    ];
    for (const [channel, body, field, detail] of cases) {
      const r = await admin.put(`/api/channels/${channel}`, body);
      assert.equal(r.status, 400, `${channel} ${JSON.stringify(body)} → ${r.status}`);
      assert.equal(r.body.field, field);
      assert.match(r.body.detail, detail);
    }
    // A bureau without a URL cannot turn a robot on.
    const county = await admin.put(`/api/channels/wecom?orgId=${w.county}`, { enabled: true });
    assert.equal(county.status, 400);
    assert.equal(county.body.field, 'url');
    assert.match(county.body.detail, /启用企业微信群机器人前请填写 Webhook 地址/);
    assert.deepEqual(await t.db.selectFrom('channel_setting').selectAll().orderBy('channel').execute(), before);
  });

  it('the Deliverer sends the mail to each recipient with an address and posts both robots their real formats, signed', async () => {
    const admin = await client(s.base, 'sysadmin');
    const r = await admin.put(`/api/users/${w.users.staff}`, { email: 'staff@mzj.test.example.cn' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const deliver = createChannelDeliverer(t.db, cfg);
    const msg: OutboundMessage = {
      orgId: w.city,
      title: '【临期】依申请公开答复期限 2026-12-04 到期',
      text: '事项：关于低保审批情况的公开申请\n届满日：2026年12月4日（还有3个工作日）\n依据：《政府信息公开条例》第三十三条',
      link: 'https://fazhi.example.cn/records/abc',
      recipients: [
        { userId: w.users.staff, displayName: '科室人员甲' },
        { userId: w.users.leader, displayName: '领导乙' },
      ],
    };
    mails.length = 0;
    hits.length = 0;
    const before = Date.now();
    const results = await deliver(msg);
    const after = Date.now();
    const by = (c: string) => results.filter((x) => x.channel === c);

    assert.deepEqual(
      by('email').map((x) => ({ target: x.target, ok: x.ok })),
      [
        { target: 'staff@mzj.test.example.cn', ok: true },
        { target: '领导乙', ok: false },
      ],
    );
    assert.match(by('email')[1]?.detail ?? '', /未填写电子邮箱/);
    assert.equal(mails.length, 1);
    const mail = mails[0] as Mail;
    assert.deepEqual(mail.to, ['staff@mzj.test.example.cn']);
    assert.equal(mail.from, 'fazhi@mzj.test.example.cn');
    assert.equal(mail.user, SMTP_USER, 'logged in to the mail server');
    const parsed = parseMail(mail.raw);
    assert.equal(parsed.headers.get('subject'), msg.title);
    assert.equal(parsed.headers.get('to'), 'staff@mzj.test.example.cn');
    assert.match(parsed.headers.get('from') ?? '', /法治民政工作台 <fazhi@mzj\.test\.example\.cn>/);
    assert.match(parsed.headers.get('content-type') ?? '', /text\/plain; charset=utf-8/i);
    assert.ok(parsed.text.startsWith(`${msg.text}\n`), parsed.text);
    assert.match(parsed.text, /详情：https:\/\/fazhi\.example\.cn\/records\/abc/);

    assert.deepEqual(
      by('dingtalk').map((x) => x.ok),
      [true],
    );
    assert.deepEqual(
      by('wecom').map((x) => x.ok),
      [true],
    );
    assert.equal(by('wecom')[0]?.target, `${recv}/cgi-bin/webhook/send?key=****${WECOM_KEY.slice(-4)}`);
    assert.deepEqual(secretsIn(JSON.stringify(results)), []);

    const ding = hits.find((h) => h.path === '/robot/send') as Hit;
    assert.ok(ding, 'the 钉钉 robot was called');
    assert.equal(ding.query.get('access_token'), DING_TOKEN);
    const ts = Number(ding.query.get('timestamp'));
    assert.ok(ts >= before && ts <= after, 'timestamp in milliseconds, now');
    const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
    assert.equal(ding.query.get('sign'), expected);
    // URL-encoded in the query itself (base64 has + / =, which must not reach 钉钉 raw).
    assert.ok(ding.rawQuery.includes(`sign=${encodeURIComponent(expected)}`), ding.rawQuery);
    const dingBody = ding.body as { msgtype: string; markdown: { title: string; text: string } };
    assert.deepEqual(Object.keys(dingBody).sort(), ['markdown', 'msgtype']);
    assert.equal(dingBody.msgtype, 'markdown');
    assert.equal(dingBody.markdown.title, msg.title);
    assert.match(dingBody.markdown.text, /^### 【临期】依申请公开答复期限 2026-12-04 到期\n\n事项：关于低保审批情况的公开申请\n\n届满日/);
    assert.match(dingBody.markdown.text, /\[打开\]\(https:\/\/fazhi\.example\.cn\/records\/abc\)$/);

    const wecom = hits.find((h) => h.path === '/cgi-bin/webhook/send') as Hit;
    assert.equal(wecom.query.get('key'), WECOM_KEY);
    assert.deepEqual(wecom.body, { msgtype: 'markdown', markdown: { content: dingBody.markdown.text } });
  });

  it('a robot answering errcode ≠ 0 and a dead port are failures with a Chinese detail; each bureau uses its own settings', async () => {
    const admin = await client(s.base, 'sysadmin');
    const put1 = await admin.put(`/api/channels/dingtalk?orgId=${w.county}`, { enabled: true, url: dingUrl(BAD_TOKEN) });
    assert.equal(put1.status, 200, JSON.stringify(put1.body));
    const put2 = await admin.put(`/api/channels/wecom?orgId=${w.county}`, {
      enabled: true,
      url: `http://${deadHost}/cgi-bin/webhook/send?key=deadkey0123456789`,
    });
    assert.equal(put2.status, 200, JSON.stringify(put2.body));
    hits.length = 0;
    mails.length = 0;
    const results = await createChannelDeliverer(
      t.db,
      cfg,
    )({
      orgId: w.county,
      title: '【逾期】测试',
      text: '县局的提醒',
      link: null,
      recipients: [{ userId: w.users.county, displayName: 'county' }],
    });
    // The county has no e-mail turned on: the city's settings do not apply to it.
    assert.deepEqual(results.map((r) => r.channel).sort(), ['dingtalk', 'wecom']);
    const ding = results.find((r) => r.channel === 'dingtalk') as DeliveryResult;
    assert.equal(ding.ok, false);
    assert.equal(ding.detail, '钉钉群机器人返回错误 310000：签名不匹配');
    const wecom = results.find((r) => r.channel === 'wecom') as DeliveryResult;
    assert.equal(wecom.ok, false);
    assert.match(wecom.detail, /^无法连接对方服务器（ECONNREFUSED）$/);
    assert.equal(mails.length, 0);
    assert.deepEqual(
      hits.map((h) => h.query.get('access_token')),
      [BAD_TOKEN],
      'the county’s robot only, unsigned (no secret set)',
    );
    assert.equal(hits[0]?.query.get('sign'), null);
    assert.deepEqual(secretsIn(JSON.stringify(results)), []);
  });

  it('a stored URL whose host the deployment no longer allows is not sent to', async () => {
    hits.length = 0;
    const narrowed = testConfig({ SMTP_URL: 'smtp://127.0.0.1:1', SMTP_FROM: 'x@y.cn' });
    const results = await createChannelDeliverer(t.db, narrowed)({ orgId: w.city, title: 'x', text: 'y', link: null, recipients: [] });
    assert.deepEqual(
      results.map((r) => [r.channel, r.ok, r.detail]),
      [
        ['dingtalk', false, '钉钉群机器人的地址已不在本部署允许的范围内，未发送；请系统管理员重新填写'],
        ['wecom', false, '企业微信群机器人的地址已不在本部署允许的范围内，未发送；请系统管理员重新填写'],
      ],
    );
    assert.equal(hits.length, 0);
  });

  it('reads the mail server from SMTP_URL or SMTP_HOST, and refuses a configuration it could not send with', () => {
    assert.deepEqual(testConfig({ SMTP_URL: 'smtps://mailer%40mzj:p%3Ass@mail.mzj.example.cn', SMTP_FROM: 'a@b.cn' }).smtp, {
      host: 'mail.mzj.example.cn',
      port: 465,
      secure: true,
      user: 'mailer@mzj',
      pass: 'p:ss',
      from: 'a@b.cn',
    });
    assert.deepEqual(testConfig({ SMTP_HOST: 'mail.local', SMTP_FROM: 'a@b.cn' }).smtp, {
      host: 'mail.local',
      port: 587,
      secure: false,
      user: null,
      pass: null,
      from: 'a@b.cn',
    });
    assert.equal(testConfig({}).smtp, null);
    assert.throws(() => testConfig({ SMTP_HOST: 'mail.local' }), /SMTP_FROM.*发件人/);
    assert.throws(() => testConfig({ WEBHOOK_ALLOWED_HOSTS: 'http://relay.local' }), /WEBHOOK_ALLOWED_HOSTS/);
    assert.deepEqual(testConfig({ WEBHOOK_ALLOWED_HOSTS: ' Relay.Local:8443 , 10.0.0.5 ' }).webhookAllowedHosts, [
      'relay.local:8443',
      '10.0.0.5',
    ]);
  });

  it('a sealed URL copied into another bureau’s row does not open there', async () => {
    const city = await t.db
      .selectFrom('channel_setting')
      .select('url_sealed')
      .where('org_id', '=', w.city)
      .where('channel', '=', 'wecom')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('channel_setting')
      .values({
        org_id: w.otherCounty,
        channel: 'wecom',
        enabled: 1,
        url_sealed: city.url_sealed,
        secret_sealed: null,
        updated_by: null,
        updated_at: null,
        last_test_at: null,
      })
      .execute();
    hits.length = 0;
    const results = await createChannelDeliverer(t.db, cfg)({ orgId: w.otherCounty, title: 'x', text: 'y', link: null, recipients: [] });
    assert.equal(results.length, 1);
    assert.equal(results[0]?.ok, false);
    assert.match(results[0]?.detail ?? '', /无法解密/);
    assert.equal(hits.length, 0);
  });

  it('the test button sends one message now and shows each target’s result; again at once is refused; both are audited', async () => {
    const admin = await client(s.base, 'sysadmin');
    hits.length = 0;
    const r = await admin.post('/api/channels/wecom/test');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, [
      {
        channel: 'wecom',
        target: `${recv}/cgi-bin/webhook/send?key=****${WECOM_KEY.slice(-4)}`,
        ok: true,
        detail: '已发送（对方答复：ok）',
      },
    ]);
    assert.equal(hits.length, 1);
    assert.match(
      (hits[0] as Hit & { body: { markdown: { content: string } } }).body.markdown.content,
      /^### 【测试】法治民政工作台消息测试\n\n这是一条测试消息，用于确认本单位的企业微信群机器人设置正确。\n\n发送人：sysadmin（某市民政局）/,
    );
    const again = await admin.post('/api/channels/wecom/test');
    assert.equal(again.status, 429);
    assert.match(again.body.detail, /企业微信群机器人的测试消息每 30 秒只能发送一次/);
    assert.equal(hits.length, 1);

    // E-mail goes to the admin’s own address, which any account sets on its own page.
    const noAddress = await admin.post('/api/channels/email/test');
    assert.equal(noAddress.status, 200);
    assert.equal(noAddress.body[0].ok, false);
    assert.match(noAddress.body[0].detail, /未填写电子邮箱/);
    const bad = await admin.put('/api/me/email', { email: 'not-an-address' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'email');
    assert.match(bad.body.detail, /电子邮箱格式不正确/);
    assert.equal((await admin.put('/api/me/email', { email: 'admin@mzj.test.example.cn' })).status, 200);
    assert.deepEqual((await admin.get('/api/me/email')).body, { email: 'admin@mzj.test.example.cn' });
    await t.db.updateTable('channel_setting').set({ last_test_at: null }).where('channel', '=', 'email').execute();
    mails.length = 0;
    const sent = await admin.post('/api/channels/email/test');
    assert.deepEqual(sent.body, [{ channel: 'email', target: 'admin@mzj.test.example.cn', ok: true, detail: '已发送' }]);
    assert.equal(mails.length, 1);
    assert.equal(parseMail(mails[0]?.raw ?? '').headers.get('subject'), '【测试】法治民政工作台消息测试');

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'detail', 'success'])
      .where('action', 'like', 'channel.test%')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['channel.test', 'channel.test.result', 'channel.test', 'channel.test.result', 'channel.test', 'channel.test.result'],
    );
    assert.deepEqual(
      audit.map((a) => Number(a.success)),
      [1, 1, 1, 0, 1, 1],
    );
    assert.deepEqual(secretsIn(JSON.stringify(audit)), []);
  });

  it('settings are per bureau: a county’s 系统管理员 neither reads nor changes nor tests the city’s; a business role has no access', async () => {
    await createUserUnchecked(
      t.db,
      { userId: 'test', username: 'test', orgId: w.county, ip: 'test' },
      { username: 'county.sys', displayName: '县系统管理员', password: PASSWORD, role: 'sysadmin', orgId: w.county },
      { oneTime: false },
    );
    const countyAdmin = await client(s.base, 'county.sys');
    const own = await countyAdmin.get('/api/channels');
    assert.equal(own.status, 200);
    assert.equal(own.body.orgId, w.county);
    assert.equal(own.body.email.enabled, false);
    assert.equal(own.body.dingtalk.maskedUrl, `${recv}/robot/send?access_token=****${BAD_TOKEN.slice(-4)}`);
    for (const res of [
      await countyAdmin.get(`/api/channels?orgId=${w.city}`),
      await countyAdmin.put(`/api/channels/email?orgId=${w.city}`, { enabled: false }),
      await countyAdmin.post(`/api/channels/wecom/test?orgId=${w.city}`),
    ]) {
      assert.equal(res.status, 404);
      assert.match(res.body.detail, /单位不存在/);
    }
    const officer = await client(s.base, 'officer');
    assert.equal((await officer.get('/api/channels')).status, 403);
    assert.equal((await officer.put('/api/channels/email', { enabled: false })).status, 403);
    const city = await client(s.base, 'sysadmin');
    assert.equal((await city.get('/api/channels')).body.email.enabled, true, 'the city’s setting is unchanged');
  });

  it('the 系统管理员 keeps each business account’s e-mail address; a bad one is refused on its field', async () => {
    const admin = await client(s.base, 'sysadmin');
    const bad = await admin.put(`/api/users/${w.users.officer}`, { email: 'a@b.cn\nBcc: x@y.cn' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'email');
    assert.match(bad.body.detail, /电子邮箱格式不正确/);
    const made = await admin.post('/api/users', {
      username: 'mail.new',
      displayName: '新用户',
      role: 'leader',
      orgId: w.city,
      email: 'new@mzj.test.example.cn',
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const list = await admin.get('/api/users');
    const byName = new Map((list.body as Array<{ username: string; email: string | null }>).map((u) => [u.username, u.email]));
    assert.equal(byName.get('mail.new'), 'new@mzj.test.example.cn');
    assert.equal(byName.get('staff'), 'staff@mzj.test.example.cn');
    assert.equal((await admin.put(`/api/users/${w.users.staff}`, { email: '' })).status, 200);
    assert.equal((await admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'staff').email, null);
    const rows = await t.db.selectFrom('audit_log').select('detail').where('action', '=', 'user.update').execute();
    assert.ok(rows.some((r) => JSON.parse(r.detail).email?.to === null));
  });
  it('a reminder due today reaches the bureau’s 企业微信 robot through the same Deliverer, and its answer is logged', async () => {
    const admin = await client(s.base, 'sysadmin');
    assert.equal((await admin.put('/api/channels/wecom', { enabled: true, url: wecomUrl() })).status, 200);
    const officer = await client(s.base, 'officer');
    const rec = await officer.post('/api/ledgers/disclosure_request/records', {
      data: { receivedOn: '2025-09-01', channel: '互联网在线', applicantType: '自然人', content: '提醒经企业微信发出的申请' },
    });
    assert.equal(rec.status, 201, JSON.stringify(rec.body));
    hits.length = 0;
    const res = await runReminders(t.db, {
      today: '2025-11-24',
      deliver: createChannelDeliverer(t.db, cfg),
      publicUrl: 'https://fazhi.example.test',
    });
    const mine = res.items.filter((i) => i.recordId === rec.body.id);
    assert.equal(mine.length, 1, JSON.stringify(mine.map((i) => [i.ruleKey, i.step])));
    const wecomHits = () =>
      hits.filter((h) => h.path === '/cgi-bin/webhook/send' && JSON.stringify(h.body).includes(`/records/${rec.body.id}`));
    const robot = wecomHits();
    assert.equal(robot.length, 1, JSON.stringify(hits));
    const body = robot[0].body as { msgtype: string; markdown: { content: string } };
    assert.equal(body.msgtype, 'markdown');
    assert.match(body.markdown.content, /依申请公开答复期限/);
    const logged = await t.db
      .selectFrom('reminder_log')
      .selectAll()
      .where('record_id', '=', rec.body.id)
      .where('channel', '=', 'outbound')
      .execute();
    // One outbound row per person told, each holding the robot's answer.
    assert.equal(logged.length, mine[0].recipients.length);
    for (const row of logged) assert.match(JSON.stringify(row), /wecom/);
    // Run again: the step was sent; the robot hears nothing more.
    await runReminders(t.db, { today: '2025-11-24', deliver: createChannelDeliverer(t.db, cfg) });
    assert.equal(wecomHits().length, 1);
  });
});
