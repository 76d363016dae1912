/**
 * Input hygiene, files and transport (issue 8, items 5, 6 and part of 9), on both databases: the
 * one text rule at every door, Chinese details for every 4xx, 428 for a change without a version,
 * zip bombs refused with bounded memory, formula-proof exports, attachments checked on download,
 * security headers, the Secure cookie and HSTS over TLS, SQLite synchronous=FULL.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { z } from 'zod';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { BusyError } from '../src/errors.ts';
import { neutralizeFormula } from '../src/ledger/excel.ts';
import { ImportSlots } from '../src/ledger/import-slots.ts';
import { zodIssueMessage } from '../src/util/zod-zh.ts';
import { findBadText, textRuleBroken } from '../src/util/text.ts';
import { type Client, client, DIALECT, makeDb, makeWorld, type Res, serverSuite, startServer, type TestDb } from './helpers.ts';
import { minimalXlsx, paddedPart, zipOf } from './xlsx-fixtures.ts';

const CJK = /[\u4e00-\u9fa5]/;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STUDY = '/api/ledgers/study_session/records';
const study = (topic: string) => ({ data: { date: '2025-03-05', kind: '在线学法', topic } });

/** Asserts a problem+json answer of `status` whose detail is Chinese (and matches `detail` if given). */
function assertProblem(r: Res, status: number, detail?: RegExp): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.match(r.body.detail, CJK, r.body.detail);
  if (detail) assert.match(r.body.detail, detail);
}

async function upload(c: Client, url: string, content: Buffer, filename: string, fields: Record<string, string> = {}): Promise<Res> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(content)], { type: XLSX }), filename);
  const res = await c.raw(url, { method: 'POST', body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function recordCount(t: TestDb): Promise<number> {
  const r = await t.db
    .selectFrom('record')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('the text rule: NUL, lone surrogates and bidi controls', () => {
  it('is one function: each character class is named, paths go deep, clean text passes', () => {
    assert.equal(textRuleBroken('a\u0000b'), 'nul');
    assert.equal(textRuleBroken('a\ud800b'), 'surrogate');
    assert.equal(textRuleBroken('a\udc00'), 'surrogate');
    assert.equal(textRuleBroken('😀 emoji is a pair'), null);
    for (const c of ['\u202a', '\u202e', '\u2066', '\u2069', '\u200e', '\u200f', '\u061c']) assert.equal(textRuleBroken(`x${c}`), 'bidi');
    assert.equal(textRuleBroken('中文、English, عربي'), null);
    assert.deepEqual(findBadText({ a: [1, { b: 'ok', c: 'x\u202e' }] }), { path: ['a', '1', 'c'], rule: 'bidi' });
    assert.deepEqual(findBadText({ 'k\u0000': 1 }), { path: ['k?'], rule: 'nul' });
  });

  describe('at the HTTP edge', () => {
    const suite = serverSuite();

    it('refuses each in the JSON body (deep), query, path and cookie with a Chinese 400 naming the field; nothing is stored', async () => {
      const c = await client(suite.s.base, 'officer');
      const before = await recordCount(suite.t);
      const cases: Array<[string, RegExp]> = [
        ['\u0000', /空字符（U\+0000）/],
        ['\ud800', /不成对的代理字符/],
        ['\u202e', /双向文本控制字符/],
      ];
      for (const [bad, rule] of cases) {
        const body = await c.post(STUDY, study(`主题${bad}gnp.exe`));
        assertProblem(body, 400, rule);
        assert.match(body.body.detail, /请求字段“data\.topic”/);
        assert.equal(body.body.field, 'data.topic');
        assertProblem(await c.get(`${STUDY}?q=${encodeURIComponent(bad === '\ud800' ? '\u202e' : bad)}`), 400, /查询参数“q”/);
        assertProblem(await c.get(`/api/records/a${encodeURIComponent(bad === '\ud800' ? '\u0000' : bad)}b`), 400, /路径参数“id”/);
      }
      assert.equal(await recordCount(suite.t), before);
      const cookie = await fetch(`${suite.s.base}/api/me`, { headers: { cookie: 'fazhi_sid=%00' } });
      assert.equal(cookie.status, 400);
      assert.match((await cookie.json()).detail, /Cookie“fazhi_sid”含有不允许的空字符/);
    });

    it('answers the unauthenticated login the same on both databases (it used to be a 500 on PostgreSQL)', async () => {
      const anon = await client(suite.s.base);
      const r = await anon.post('/api/auth/login', { username: 'officer\u0000', password: 'x' });
      assertProblem(r, 400, /请求字段“username”含有不允许的空字符（U\+0000）/);
    });

    it('refuses an attachment named ‮gnp.exe (U+202E), and a bad form field, before storing anything', async () => {
      const c = await client(suite.s.base, 'officer');
      const rec = await c.post(STUDY, study('附件名测试'));
      const url = `/api/records/${rec.body.id}/attachments`;
      const named = await upload(c, url, Buffer.from('MZ'), '\u202egnp.exe');
      assertProblem(named, 400, /文件名含有不允许的双向文本控制字符/);
      const note = await upload(c, url, Buffer.from('ok'), 'a.txt', { note: '说明\u0000' });
      assertProblem(note, 400, /表单字段“note”含有不允许的空字符/);
      assert.deepEqual((await c.get(url)).body, []);
    });

    it('names the row and column of an imported cell that breaks the rule; nothing is imported', async () => {
      const c = await client(suite.s.base, 'officer');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('学法活动台账');
      ws.addRow(['*日期', '*形式', '*学习主题']);
      ws.addRow(['2025-03-05', '在线学法', '正常主题']);
      ws.addRow(['2025-03-06', '在线学法', '坏主题\u202e']);
      const before = await recordCount(suite.t);
      const r = await upload(c, '/api/ledgers/study_session/import', Buffer.from(await wb.xlsx.writeBuffer()), 'cells.xlsx');
      assertProblem(r, 400);
      assert.deepEqual(r.body.errors, [
        {
          row: 3,
          field: 'topic',
          message: '“学习主题”（C列）含有不允许的双向文本控制字符（如 U+202E，会使文字显示顺序与实际不符），请删除后重新导入',
        },
      ]);
      assert.equal(await recordCount(suite.t), before);
    });
  });
});

describe('every 4xx detail is Chinese', () => {
  const suite = serverSuite();

  it('words each zod issue code in Chinese naming the field, and keeps a schema’s own message', () => {
    const cases: Array<[z.ZodType, unknown, RegExp]> = [
      [z.object({ a: z.string() }), {}, /^缺少必填项“a”$/],
      [z.object({ a: z.string() }), { a: 5 }, /^“a”应为文字，收到的是数字$/],
      [z.object({ a: z.number() }), { a: null }, /^“a”应为数字，收到的是空值（null）$/],
      [z.object({ a: z.coerce.number() }), { a: 'x' }, /^“a”应为数字$/],
      [z.object({ a: z.string().min(3) }), { a: 'x' }, /^“a”至少应有3个字符$/],
      [z.object({ a: z.number().max(9) }), { a: 10 }, /^“a”不能大于9$/],
      [z.object({ a: z.array(z.number()).max(1) }), { a: [1, 2] }, /^“a”最多1项$/],
      [z.object({ a: z.string().regex(/^\d+$/) }), { a: 'x' }, /^“a”格式不正确，应为规定的格式$/],
      [z.object({ a: z.email() }), { a: 'x' }, /^“a”格式不正确，应为电子邮件地址$/],
      [z.object({ a: z.enum(['甲', '乙']) }), { a: '丙' }, /^“a”的值无效，应为以下之一：“甲”、“乙”$/],
      [z.strictObject({ a: z.string() }), { a: 'x', b: 1 }, /^请求内容含有不认识的字段：“b”$/],
      [z.object({ a: z.string().refine(() => false) }), { a: 'x' }, /^“a”的值不符合要求$/],
      [z.object({ a: z.union([z.string(), z.number()]) }), { a: true }, /^“a”的内容不符合任何一种允许的形式$/],
      [z.object({ a: z.number().multipleOf(5) }), { a: 3 }, /^“a”应为5的整数倍$/],
      [z.object({ a: z.string().min(1, '请输入名称') }), { a: '' }, /^请输入名称$/],
    ];
    for (const [schema, input, want] of cases) {
      const r = schema.safeParse(input);
      assert.ok(!r.success);
      assert.match(r.error.issues[0].message, want, JSON.stringify(r.error.issues[0]));
    }
    assert.equal(
      zodIssueMessage({ code: 'invalid_type', expected: 'string', input: undefined, path: ['x', 0] } as never),
      '缺少必填项“x.0”',
    );
  });

  it('answers a bad query and a wrongly typed body field in Chinese through the routes', async () => {
    const c = await client(suite.s.base, 'officer');
    assertProblem(await c.get(`${STUDY}?page=abc`), 400, /“page”应为数字/);
    const sec = await client(suite.s.base, 'secadmin');
    assertProblem(await sec.put(`/api/users/${suite.w.users.officer}/security`, { unlock: 'yes' }), 400, /“unlock”应为是\/否/);
  });

  it('answers 404, 405, 413, 415, 431 and bad JSON as problem+json in Chinese', async () => {
    const c = await client(suite.s.base, 'officer');
    assertProblem(await c.get('/api/no-such-thing'), 404, /接口不存在/);
    assertProblem(await c.get('/no-such-page'), 404, /页面不存在/);
    const m = await c.del('/api/me');
    assertProblem(m, 405, /接口不支持 DELETE 请求，可用的方法为：GET/);
    const json = (r: Response) => r.json().then((body) => ({ status: r.status, body, headers: r.headers }));
    const big = await json(
      await c.raw(STUDY, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(study('x'.repeat(6 << 20))),
      }),
    );
    assertProblem(big, 413, /请求内容过大：不能超过5MB/);
    const text = await json(
      await c.raw('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' }),
    );
    assertProblem(text, 415, /不支持的内容类型/);
    const bad = await json(
      await c.raw('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' }),
    );
    assertProblem(bad, 400, /应为合法的 JSON/);
    const huge = await fetch(`${suite.s.base}/api/me`, { headers: { 'x-filler': 'a'.repeat(32 * 1024) } });
    assert.equal(huge.status, 431);
    assert.match(huge.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.match((await huge.json()).detail, /请求头过大/);
  });
});

describe('a change of a versioned resource must name its version (428)', () => {
  const suite = serverSuite();

  it('refuses PUT of a record and of a report without version, and applies it with the version', async () => {
    const c = await client(suite.s.base, 'officer');
    const rec = await c.post(STUDY, study('版本'));
    const url = `${STUDY}/${rec.body.id}`;
    const none = await c.put(url, { data: { ...rec.body.data, topic: '无版本' } });
    assertProblem(none, 428, /请提供所修改内容的版本号（version）/);
    assert.equal(none.body.id, 'precondition_required');
    assert.equal((await c.get(url)).body.data.topic, '版本');
    const ok = await c.put(url, { data: { ...rec.body.data, topic: '有版本' }, version: rec.body.version });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.version, rec.body.version + 1);
    const stale = await c.put(url, { data: { ...rec.body.data, topic: '旧版本' }, version: rec.body.version });
    assert.equal(stale.status, 409);
    const rep = await c.post('/api/reports', { kind: 'annual-report', year: 2025 });
    assert.equal(rep.status, 201, JSON.stringify(rep.body));
    assertProblem(await c.put(`/api/reports/${rep.body.id}`, { content: rep.body.content }), 428);
  });
});

describe('uploaded .xlsx files: zip bombs refused before parsing, with bounded memory and bounded concurrency', () => {
  // Small limits keep the test quick; the defaults are checked below by declared sizes alone.
  const suite = serverSuite({
    env: { IMPORT_MAX_XML_MB: '8', IMPORT_MAX_TOTAL_MB: '12', IMPORT_MAX_ENTRIES: '50', IMPORT_MAX_CONCURRENT: '2' },
  });

  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>*日期</t></is></c></row>';
  const sheetXml = (padding: number) =>
    paddedPart(
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
      padding,
      `${header}</sheetData></worksheet>`,
    );
  const SST = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  const STYLES = '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  /** The minimal workbook plus extra parts the read inflates (shared strings, styles) of `pad` bytes each. */
  const withParts = async (pad: number, declared: (n: number) => number) =>
    zipOf(
      {
        'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="学法活动台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        'xl/sharedStrings.xml': await paddedPart(SST, pad, '</sst>'),
        'xl/styles.xml': await paddedPart(STYLES, pad, '</styleSheet>'),
        'xl/worksheets/sheet1.xml': await sheetXml(pad),
      },
      declared,
    );

  it('refuses an honest high-ratio part, too many entries, lying per-part and lying total sizes, each with a Chinese 400', async () => {
    const c = await client(suite.s.base, 'officer');
    const url = '/api/ledgers/study_session/import';
    const honest = minimalXlsx(await sheetXml(64 << 20));
    assertProblem(await upload(c, url, honest, 'ratio.xlsx'), 400, /其中一部分超过8MB/);
    const many: Record<string, string> = {};
    for (let i = 0; i < 200; i++) many[`xl/media/x${i}.xml`] = 'x';
    assertProblem(await upload(c, url, zipOf(many), 'many.xlsx'), 400, /文件内含200个压缩条目（最多50个）/);
    assertProblem(
      await upload(
        c,
        url,
        minimalXlsx(await sheetXml(64 << 20), () => 100),
        'liar.xlsx',
      ),
      400,
      /其中一部分超过8MB/,
    );
    // three parts of 6 MB each: every one under the part limit, together over the 12 MB total, each declaring 100 bytes
    const total = await withParts(6 << 20, () => 100);
    assertProblem(await upload(c, url, total, 'total.xlsx'), 400, /全部内容超过12MB/);
    // the same parts declared honestly are refused from the central directory alone
    assertProblem(await upload(c, url, await withParts(6 << 20, (n) => n), 'declared.xlsx'), 400, /全部内容超过12MB/);
    const records = await recordCount(suite.t);
    assert.equal(records, 0);
  });

  it('refuses 8 bombs sent at once: 2 parsed and refused, the rest told to retry (503, Retry-After), heap bounded', async () => {
    const c = await client(suite.s.base, 'officer');
    // 400 MB of XML in well under 1 MB, its header claiming 100 bytes (the issue's bomb)
    const bomb = minimalXlsx(await sheetXml(400 << 20), () => 100);
    assert.ok(bomb.length < 2 << 20, `the bomb is ${bomb.length} bytes`);
    let peak = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
    };
    const timer = setInterval(sample, 5);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => upload(c, '/api/ledgers/study_session/import', bomb, `bomb${i}.xlsx`)),
    );
    clearInterval(timer);
    sample();
    const statuses = answers.map((a) => a.status).sort();
    assert.ok(
      statuses.every((x) => x === 400 || x === 503),
      statuses.join(),
    );
    assert.ok(statuses.filter((x) => x === 400).length >= 2, statuses.join());
    for (const a of answers) {
      assertProblem(a, a.status);
      if (a.status === 503) {
        assert.equal(a.headers.get('retry-after'), '5');
        assert.match(a.body.detail, /同时最多2个/);
      }
    }
    assert.ok(peak < 600 * 1024 * 1024, `peak heap + buffers ${Math.round(peak / 1024 / 1024)} MB`);
    assert.equal(await recordCount(suite.t), 0);
  });

  it('applies the default limits from the declared sizes alone (400 MB in all, 2,000 entries)', async () => {
    const d = await startServer(suite.t.db);
    try {
      const c = await client(d.base, 'officer');
      const declared = await withParts(16, () => 150 * 1024 * 1024);
      assertProblem(await upload(c, '/api/ledgers/study_session/import', declared, 'd.xlsx'), 400, /全部内容超过400MB/);
    } finally {
      await d.close();
    }
  });

  it('takes at most N slots per process and gives a slot back once', () => {
    const slots = new ImportSlots(2);
    const a = slots.acquire((n) => `最多${n}个`);
    slots.acquire((n) => `最多${n}个`);
    assert.throws(
      () => slots.acquire((n) => `最多${n}个`),
      (e: unknown) => e instanceof BusyError && e.status === 503 && e.retryAfter === 5 && e.detail === '最多2个',
    );
    a();
    a();
    const c = slots.acquire(() => '');
    assert.throws(() => slots.acquire(() => 'x'), BusyError);
    c();
  });
});

describe('Excel export cannot carry a formula; attachments are checked on download', () => {
  const suite = serverSuite();

  it('prefixes formula-looking text with an apostrophe, keeps numbers numbers, and round-trips an edited export unchanged', async () => {
    const c = await client(suite.s.base, 'officer');
    const topics = ['=HYPERLINK("http://evil.example","点击")', '+1+1', '-2', '@SUM(A1)', '=1+1\t', '正常主题'];
    for (const topic of topics) {
      const r = await c.post(STUDY, { data: { date: '2025-03-05', kind: '在线学法', topic, attendees: 12 } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    assert.equal(neutralizeFormula('\t=1'), "'\t=1");
    assert.equal(neutralizeFormula('\r=1'), "'\r=1");
    assert.equal(neutralizeFormula(-5), -5);
    const res = await c.raw('/api/ledgers/study_session/export.xlsx');
    const buf = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const head = (ws.getRow(1).values as unknown[]).map(String);
    const topicCol = head.indexOf('学习主题');
    const countCol = head.indexOf('参加人数');
    const seen: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      seen.push(row.getCell(topicCol).value);
      assert.equal(row.getCell(countCol).value, 12);
      assert.equal(row.getCell(countCol).type, ExcelJS.ValueType.Number);
      assert.equal(row.getCell(topicCol).type, ExcelJS.ValueType.String);
    });
    assert.deepEqual(new Set(seen), new Set(topics.map((t) => (t === '正常主题' ? t : `'${t.trim()}`))));
    const again = await upload(c, '/api/ledgers/study_session/import', buf, 'export.xlsx');
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.unchanged, topics.length);
  });

  it('refuses to serve an attachment whose stored bytes no longer match its SHA-256, and audits it', async () => {
    const c = await client(suite.s.base, 'officer');
    const rec = await c.post(STUDY, study('佐证'));
    const up = await upload(c, `/api/records/${rec.body.id}/attachments`, Buffer.from('原始佐证材料'), '佐证.txt');
    assert.equal(up.status, 201, JSON.stringify(up.body));
    const good = await c.raw(`/api/attachments/${up.body.id}`);
    assert.equal(await good.text(), '原始佐证材料');
    await suite.t.db
      .updateTable('attachment')
      .set({ content: Buffer.from('被改过的材料') })
      .where('id', '=', up.body.id)
      .execute();
    const bad = await c.get(`/api/attachments/${up.body.id}`);
    assert.equal(bad.status, 500);
    assert.equal(bad.body.id, 'integrity_failed');
    assert.match(bad.body.detail, /SHA-256）不一致/);
    assert.doesNotMatch(JSON.stringify(bad.body), /被改过的材料/);
    const auditor = await client(suite.s.base, 'auditor');
    const log = await auditor.get('/api/audit?action=attachment.integrity_failed');
    assert.equal(log.status, 200);
    assert.equal(log.body.total ?? log.body.items?.length, 1, JSON.stringify(log.body));
  });
});

describe('security headers, the Secure cookie and HSTS', () => {
  let t: TestDb;
  before(async () => {
    t = await makeDb();
    await makeWorld(t.db);
  });
  after(async () => {
    await t.close();
  });

  async function loginOn(base: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username: 'officer', password: 'Fazhi@2026test' }),
    });
  }

  it('sends the CSP, nosniff, Referrer-Policy and X-Frame-Options on API answers and on the web app', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-web-'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
    const web = await startServer(t.db, { webRoot: root });
    const base = web.base;
    try {
      for (const url of ['/api/health', '/records/x', '/api/nothing']) {
        const r = await fetch(base + url);
        const csp = r.headers.get('content-security-policy') ?? '';
        for (const d of [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          "frame-ancestors 'none'",
          "object-src 'none'",
          "base-uri 'self'",
          "form-action 'self'",
        ]) {
          assert.ok(csp.includes(d), `${url}: ${d} in ${csp}`);
        }
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
        assert.equal(r.headers.get('x-frame-options'), 'DENY');
        assert.equal(r.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
      }
    } finally {
      await web.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('marks the cookie Secure and sends HSTS only over TLS: via a trusted proxy, or when COOKIE_SECURE=true', async () => {
    const plain = await startServer(t.db);
    const proxied = await startServer(t.db, { env: { TRUST_PROXY: 'true' } });
    const forced = await startServer(t.db, { env: { COOKIE_SECURE: 'true' } });
    try {
      const http = await loginOn(plain.base);
      assert.doesNotMatch(http.headers.get('set-cookie') ?? '', /;\s*Secure/i);
      // an untrusted client cannot claim TLS
      const claimed = await loginOn(plain.base, { 'x-forwarded-proto': 'https' });
      assert.doesNotMatch(claimed.headers.get('set-cookie') ?? '', /;\s*Secure/i);
      assert.equal(claimed.headers.get('strict-transport-security'), null);
      const tls = await loginOn(proxied.base, { 'x-forwarded-proto': 'https' });
      assert.equal(tls.status, 200);
      assert.match(tls.headers.get('set-cookie') ?? '', /;\s*Secure/i);
      assert.match(tls.headers.get('strict-transport-security') ?? '', /max-age=31536000/);
      const viaProxyHttp = await loginOn(proxied.base, { 'x-forwarded-proto': 'http' });
      assert.doesNotMatch(viaProxyHttp.headers.get('set-cookie') ?? '', /;\s*Secure/i);
      const configured = await loginOn(forced.base);
      assert.match(configured.headers.get('set-cookie') ?? '', /;\s*Secure/i);
      assert.match(configured.headers.get('strict-transport-security') ?? '', /max-age=/);
    } finally {
      await plain.close();
      await proxied.close();
      await forced.close();
    }
  });

  it('opens SQLite with synchronous=FULL unless SQLITE_SYNCHRONOUS=NORMAL', { skip: DIALECT !== 'sqlite' }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-sync-'));
    try {
      const full = openDatabase(path.join(dir, 'a.db'));
      const normal = openDatabase(path.join(dir, 'b.db'), { synchronous: loadConfig({ SQLITE_SYNCHRONOUS: 'NORMAL' }).sqliteSynchronous });
      const level = async (db: typeof full) =>
        Number((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)).rows[0].synchronous);
      assert.equal(await level(full), 2);
      assert.equal(await level(normal), 1);
      assert.equal(loadConfig({}).sqliteSynchronous, 'FULL');
      await full.destroy();
      await normal.destroy();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
