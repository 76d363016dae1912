/**
 * The law library on a real database and real HTTP: the parser against the bureau's law texts
 * (../shared/laws, counted independently here), import through the API (idempotent per version),
 * article reading and search with tenancy, Chinese 400s, and `fazhi laws import --dir` as a
 * subprocess over the whole folder. Skips only when ../shared/laws is absent.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Db } from '../src/db/types.ts';
import { AppError } from '../src/errors.ts';
import { chineseToNumber, parseLaw } from '../src/modules/law/law.parse.ts';
import { createOrgUnchecked } from '../src/org/org.service.ts';
import { type Client, client, DIALECT, makeDb, makeWorld, PG_URL, type Server, startServer, type TestDb, type World } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const LAWS = path.resolve(ROOT, '../shared/laws');
const HAVE_LAWS = fs.existsSync(LAWS);
const SKIP = HAVE_LAWS ? false : `缺少法规文本文件夹 ${LAWS}（由局方提供，项目不收录），跳过法律法规库测试`;
const FUYI = path.join(LAWS, '诉讼与非诉讼程序法', '行政复议法(2023-09-01).md');

/** Lines of the body (after the INFO END marker) that start with 第…条 — counted without the parser. */
function articleLinesOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const marker = text.indexOf('<!-- INFO END -->');
  assert.ok(marker > 0, `${file} has no INFO END marker`);
  return text
    .slice(marker)
    .split('\n')
    .filter((l) => /^第[零〇一二两三四五六七八九十百千]+条/.test(l))
    .map((l) => /^第[零〇一二两三四五六七八九十百千]+条/.exec(l)?.[0] ?? '');
}

/** Every law file under the folder, README excepted, counted without the CLI's walker. */
function lawFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(md|txt)$/i.test(f) && !/(^|[\\/])readme\.md$/i.test(f))
    .map((f) => path.join(dir, f));
}

async function upload(c: Client, file: string, content: Buffer, category?: string) {
  const fd = new FormData();
  if (category !== undefined) fd.set('category', category);
  fd.set('file', new Blob([new Uint8Array(content)], { type: 'text/markdown' }), file);
  const res = await c.raw('/api/laws/import', { method: 'POST', body: fd });
  return { status: res.status, body: await res.json() };
}

describe('law library', { skip: SKIP }, () => {
  let t: TestDb;
  let s: Server;
  let w: World;
  let fuyiId = '';
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    s = await startServer(t.db);
  });
  after(async () => {
    await s?.close();
    await t?.close();
  });

  it('parses 行政复议法: every 第…条 line of the body is an article, in order, with chapter and history', () => {
    const expected = articleLinesOf(FUYI);
    assert.ok(expected.length > 50, `only ${expected.length} article lines found`);
    const law = parseLaw(fs.readFileSync(FUYI, 'utf8'), { category: '诉讼与非诉讼程序法', filename: path.basename(FUYI) });
    assert.equal(law.title, '中华人民共和国行政复议法');
    assert.equal(law.category, '诉讼与非诉讼程序法');
    assert.equal(law.articles.length, expected.length);
    assert.deepEqual(
      law.articles.map((a) => a.no),
      expected,
    );
    assert.deepEqual(
      law.articles.map((a) => a.index),
      expected.map((_, i) => i + 1),
    );
    const a88 = law.articles.find((a) => a.no === '第八十八条');
    assert.ok(a88);
    assert.equal(a88.index, 88);
    assert.match(a88.text, /工作日/);
    assert.match(a88.text, /三日/);
    assert.doesNotMatch(a88.text, /^第八十八条/);
    assert.match(a88.chapter ?? '', /^第七章/);
    assert.deepEqual(
      law.history.map((h) => h.date),
      ['1999-04-29', '2009-08-27', '2017-09-01', '2023-09-01'],
    );
    // the 2023 revision was adopted on 2023-09-01 and, by its last article, takes effect on 2024-01-01
    assert.equal(law.promulgatedOn, '2023-09-01');
    assert.equal(law.effectiveOn, '2024-01-01');
    assert.equal(law.issuer, '全国人民代表大会常务委员会');
    assert.ok(law.chapters.length >= 7);
  });

  it('reads Chinese numerals (第一百零三条, 第一千零四十条) and plain text with 施行 and 节', () => {
    const cases: Array<[string, number]> = [
      ['一', 1],
      ['十', 10],
      ['十二', 12],
      ['二十', 20],
      ['一百', 100],
      ['一百零三', 103],
      ['一百一十', 110],
      ['二百三十四', 234],
      ['一千零四十', 1040],
      ['一千二百六十', 1260],
      ['12', 12],
    ];
    for (const [cn, n] of cases) assert.equal(chineseToNumber(cn), n, cn);
    const susong = parseLaw(fs.readFileSync(path.join(LAWS, '诉讼与非诉讼程序法', '行政诉讼法(2017-06-27).md'), 'utf8'));
    const last = susong.articles[susong.articles.length - 1];
    assert.equal(last.no, '第一百零三条');
    assert.equal(last.index, 103);
    const marriage = parseLaw(fs.readFileSync(path.join(LAWS, '民法典', '婚姻家庭编.md'), 'utf8'));
    assert.equal(marriage.title, '中华人民共和国民法典·婚姻家庭编');
    assert.equal(marriage.articles[0].no, '第一千零四十条');
    assert.equal(marriage.articles[0].index, 1040);
    const plain = [
      '某市养老服务条例',
      '',
      '（2020年6月1日某市人民代表大会常务委员会第三十次会议通过　2021年1月1日起施行）',
      '第一章　总则',
      '第一节　一般规定',
      '第一条　为了规范养老服务，制定本条例。',
      '本条例适用于本市。',
      '第一百零三条 本条例自2021年1月1日起施行。',
    ].join('\r\n');
    const p = parseLaw(plain, { category: '地方性法规' });
    assert.equal(p.title, '某市养老服务条例');
    assert.equal(p.category, '地方性法规');
    assert.deepEqual(
      p.articles.map((a) => [a.no, a.index, a.chapter, a.section]),
      [
        ['第一条', 1, '第一章 总则', '第一节 一般规定'],
        ['第一百零三条', 103, '第一章 总则', '第一节 一般规定'],
      ],
    );
    assert.equal(p.articles[0].text, '为了规范养老服务，制定本条例。\n本条例适用于本市。');
    assert.equal(p.promulgatedOn, '2020-06-01');
    assert.equal(p.effectiveOn, '2021-01-01');
    assert.throws(
      () => parseLaw('某某办法\n\n本办法没有条文。'),
      (e: unknown) => e instanceof AppError && e.status === 400 && /没有找到条文/.test(e.detail),
    );
  });

  it('imports through the API; the same version again changes nothing and says 已存在', async () => {
    const c = await client(s.base, 'officer');
    const content = fs.readFileSync(FUYI);
    const first = await upload(c, path.basename(FUYI), content, '诉讼与非诉讼程序法');
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.outcome, '导入');
    const expected = articleLinesOf(FUYI).length;
    assert.equal(first.body.articleCount, expected);
    const rec = first.body.law;
    fuyiId = rec.id;
    assert.equal(rec.ledger, 'law');
    assert.equal(rec.title, '中华人民共和国行政复议法');
    assert.equal(rec.data.category, '诉讼与非诉讼程序法');
    assert.equal(rec.data.effectiveOn, '2024-01-01');
    assert.equal(rec.data.status, '现行有效');
    assert.equal(rec.data.articleCount, expected);
    const atts = await c.get(`/api/records/${rec.id}/attachments`);
    assert.deepEqual(
      atts.body.map((a: { filename: string }) => a.filename),
      ['中华人民共和国行政复议法.json'],
    );
    const again = await upload(c, path.basename(FUYI), content, '诉讼与非诉讼程序法');
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.outcome, '已存在');
    assert.equal(again.body.law.id, rec.id);
    const list = await c.get('/api/ledgers/law/records');
    assert.equal(list.body.total, 1);
    assert.equal(list.body.items[0].version, 1);
    assert.equal((await c.get(`/api/records/${rec.id}/attachments`)).body.length, 1);
    const audit = await t.db.selectFrom('audit_log').select(['action']).where('entity_id', '=', rec.id).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['record.create'],
    );
  });

  it('refuses bad files and parameters with Chinese 400s and writes nothing', async () => {
    const c = await client(s.base, 'officer');
    const before = (await c.get('/api/ledgers/law/records')).body.total;
    const cases: Array<[string, Buffer, string | undefined, RegExp]> = [
      ['法规.pdf', Buffer.from('第一条 内容'), undefined, /只能导入 \.md 或 \.txt/],
      ['法规.txt', Buffer.from('某办法\n第一条 内容'), '外国法', /类别应为以下之一/],
      ['法规.txt', Buffer.from('某办法\n只有说明，没有条文'), undefined, /没有找到条文/],
      ['法规.txt', Buffer.from([0xff, 0xfe, 0x00, 0x00, 0xd8, 0x00]), undefined, /不是文本/],
    ];
    for (const [name, content, category, re] of cases) {
      const r = await upload(c, name, content, category);
      assert.equal(r.status, 400, `${name}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.detail, re);
    }
    assert.equal((await c.get('/api/laws/search')).status, 400);
    assert.match((await c.get('/api/laws/search?q=')).body.detail, /请输入要查找的文字/);
    assert.match((await c.get(`/api/laws/search?q=${'法'.repeat(101)}`)).body.detail, /不能超过100字/);
    assert.equal((await c.get('/api/ledgers/law/records')).body.total, before);
    const leader = await client(s.base, 'leader');
    assert.equal((await upload(leader, path.basename(FUYI), fs.readFileSync(FUYI))).status, 403);
  });

  it('reads articles and finds 三日 in 行政复议法 第八十八条', async () => {
    assert.ok(fuyiId, 'the import test ran first');
    const c = await client(s.base, 'officer');
    const all = await c.get(`/api/laws/${fuyiId}/articles`);
    assert.equal(all.status, 200);
    assert.equal(all.body.hasText, true);
    assert.equal(all.body.articles.length, articleLinesOf(FUYI).length);
    const filtered = await c.get(`/api/laws/${fuyiId}/articles?q=${encodeURIComponent('工作日')}`);
    assert.ok(filtered.body.articles.some((a: { no: string }) => a.no === '第八十八条'));
    assert.ok(filtered.body.articles.every((a: { text: string }) => a.text.includes('工作日')));
    const found = await c.get(`/api/laws/search?q=${encodeURIComponent('三日')}`);
    assert.equal(found.status, 200);
    const hit = found.body.hits.find((h: { no: string }) => h.no === '第八十八条');
    assert.ok(hit, JSON.stringify(found.body));
    assert.deepEqual(Object.keys(hit).sort(), ['chapter', 'index', 'lawId', 'no', 'text', 'title']);
    assert.match(hit.chapter, /^第七章/);
    assert.ok(all.body.history.some((h: { date: string }) => h.date === '2023-09-01'));
    assert.equal(hit.lawId, fuyiId);
    assert.equal(hit.title, '中华人民共和国行政复议法');
    assert.ok(found.body.hits.every((h: { text: string }) => h.text.includes('三日')));
    // A frequent word is capped at 100 hits (two laws hold more than that).
    const susong = path.join(LAWS, '诉讼与非诉讼程序法', '行政诉讼法(2017-06-27).md');
    assert.equal((await upload(c, path.basename(susong), fs.readFileSync(susong), '诉讼与非诉讼程序法')).status, 201);
    const many = await c.get(`/api/laws/search?q=${encodeURIComponent('行政')}`);
    assert.equal(many.body.hits.length, 100);
    assert.equal(many.body.truncated, true);
    // A record of another ledger is not a law.
    const study = await c.post('/api/ledgers/study_session/records', {
      data: { date: '2025-03-05', kind: '在线学法', topic: '学习行政复议法' },
    });
    assert.equal((await c.get(`/api/laws/${study.body.id}/articles`)).status, 404);
  });

  it('another bureau gets 404 for the law and finds nothing in search', async () => {
    assert.ok(fuyiId);
    for (const user of ['other', 'county']) {
      const c = await client(s.base, user);
      const r = await c.get(`/api/laws/${fuyiId}/articles`);
      assert.equal(r.status, 404, `${user}: ${JSON.stringify(r.body)}`);
      assert.doesNotMatch(JSON.stringify(r.body), /行政复议/);
      const found = await c.get(`/api/laws/search?q=${encodeURIComponent('三日')}`);
      assert.equal(found.status, 200);
      assert.deepEqual(found.body.hits, []);
    }
    // The county imports the same law for itself: its own record, not the city's "已存在".
    const county = await client(s.base, 'county');
    const own = await upload(county, path.basename(FUYI), fs.readFileSync(FUYI), '诉讼与非诉讼程序法');
    assert.equal(own.status, 201);
    assert.notEqual(own.body.law.id, fuyiId);
    assert.equal(own.body.law.orgId, w.county);
  });

  it('`fazhi laws import --dir ../shared/laws` imports every file once, then reports them as 已存在', async () => {
    const files = lawFiles(LAWS);
    assert.equal(files.length, 28, `expected the 28 law files, found ${files.length}`);
    const target = await cliTarget();
    try {
      const run = () =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'laws', 'import', '--dir', '../shared/laws', '--org', '某市民政局'], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: target.url, FAZHI_DEBUG: '' },
          timeout: 120_000,
        });
      const first = run();
      assert.equal(first.status, 0, first.stderr + first.stdout);
      assert.match(first.stdout, new RegExp(`导入 ${files.length} 部、补充全文 0 部、已存在 0 部、失败 0 部`));
      const db = target.open();
      try {
        const recs = await db.selectFrom('record').select(['id', 'title', 'data']).where('ledger', '=', 'law').execute();
        assert.equal(recs.length, files.length);
        assert.equal(new Set(recs.map((r) => r.title)).size, files.length, 'every file is a distinct law');
        const byTitle = new Map(recs.map((r) => [r.title, JSON.parse(r.data) as { category: string; articleCount: number }]));
        assert.equal(byTitle.get('中华人民共和国行政复议法')?.category, '诉讼与非诉讼程序法');
        assert.equal(byTitle.get('殡葬管理条例')?.category, '行政法规');
        assert.equal(byTitle.get('中华人民共和国宪法')?.articleCount, articleLinesOf(path.join(LAWS, '宪法', '宪法.md')).length);
        const atts = await db.selectFrom('attachment').select(['record_id']).execute();
        assert.deepEqual(new Set(atts.map((a) => a.record_id)), new Set(recs.map((r) => r.id)));
      } finally {
        await db.destroy();
      }
      const second = run();
      assert.equal(second.status, 0, second.stderr + second.stdout);
      assert.match(second.stdout, new RegExp(`导入 0 部、补充全文 0 部、已存在 ${files.length} 部、失败 0 部`));
      const bad = path.join(os.tmpdir(), `fazhi-law-${randomBytes(4).toString('hex')}.txt`);
      fs.writeFileSync(bad, '某某办法\n只有说明，没有条文\n');
      try {
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'laws', 'import', '--file', bad, '--org', '某市民政局'], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: target.url, FAZHI_DEBUG: '' },
          timeout: 60_000,
        });
        assert.equal(r.status, 1);
        assert.match(r.stdout, /导入 0 部、补充全文 0 部、已存在 0 部、失败 1 部/);
        assert.match(r.stdout, /没有找到条文/);
        assert.match(r.stderr, /^错误：有 1 个文件未导入/);
      } finally {
        fs.rmSync(bad, { force: true });
      }
    } finally {
      await target.drop();
    }
  });
});

/** A fresh, migrated database with one bureau, reachable by a subprocess through DATABASE_URL alone. */
async function cliTarget(): Promise<{ url: string; open: () => Db; drop: () => Promise<void> }> {
  let t: { url: string; open: () => Db; drop: () => Promise<void> };
  if (DIALECT === 'postgres') {
    const schema = `l_${randomBytes(6).toString('hex')}`;
    const admin = openDatabase(PG_URL, { poolMax: 1 });
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin);
    await admin.destroy();
    const sep = PG_URL.includes('?') ? '&' : '?';
    t = {
      url: `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      open: () => openDatabase(PG_URL, { schema, poolMax: 2 }),
      drop: async () => {
        const a = openDatabase(PG_URL, { poolMax: 1 });
        await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(a);
        await a.destroy();
      },
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-laws-'));
    const file = path.join(dir, 'laws.db');
    t = { url: file, open: () => openDatabase(file), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const db = t.open();
  try {
    await migrateToLatest(db);
    await createOrgUnchecked(db, { userId: 'test', username: 'test', orgId: '', ip: 'test' }, { name: '某市民政局', level: 'city' });
  } finally {
    await db.destroy();
  }
  return t;
}
