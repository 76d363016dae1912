/**
 * The law library's article rows (migration 0021): laws imported before it keep their search, a
 * search finds titles and article text with the same answer as a plain substring test over the
 * parsed files (2-character needles go by LIKE, longer ones through the FTS5/pg_trgm index), a
 * withdrawn law drops out, and a reader finds 最低生活保障 in 社会救助暂行办法. Skips only when
 * ../shared/laws is absent.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrateTo, migrateToLatest } from '../src/db/migrate.ts';
import { insertAttachment } from '../src/ledger/attachment.repo.ts';
import { createRecord, deleteRecord } from '../src/ledger/record.service.ts';
import { insertRecord } from '../src/ledger/record.repo.ts';
import { citedLawNames, lawArticles, resolveLawCitations, searchLaws } from '../src/modules/law/law.service.ts';
import { decodeLawText, parseLaw } from '../src/modules/law/law.parse.ts';
import { importLaw } from '../src/modules/law/law.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { makeDb, makeWorld, type TestDb, type World } from './helpers.ts';

const LAWS = path.resolve(import.meta.dirname, '../../shared/laws');
const SKIP = fs.existsSync(LAWS) ? false : `缺少法规文本文件夹 ${LAWS}，跳过`;
const file = (dir: string, name: string) => path.join(LAWS, dir, name);
const JIUZHU = file('行政法规', '社会救助暂行办法(2019-03-02).md');
const FUYI = file('诉讼与非诉讼程序法', '行政复议法(2023-09-01).md');
const XUKE = file('行政法', '行政许可法(2019-04-23).md');
const at = '2026-01-05T02:00:00.000Z';

const parsed = (f: string) => parseLaw(decodeLawText(fs.readFileSync(f)), { category: '行政法规', filename: path.basename(f) });

describe('law library: article rows and search', { skip: SKIP }, () => {
  let t: TestDb;
  let w: World;
  let oldLawId = '';
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    // A law imported before 0021: its record and JSON text only.
    await migrateTo(t.db, '0015-calendar-subscription');
    const law = parsed(FUYI);
    oldLawId = randomUUID();
    await insertRecord(t.db, {
      id: oldLawId,
      org_id: w.city,
      ledger: 'law',
      unit_id: null,
      occurred_on: law.effectiveOn,
      year: 2024,
      title: law.title,
      status: '现行有效',
      data: JSON.stringify({ title: law.title, category: '诉讼与非诉讼程序法', status: '现行有效', effectiveOn: law.effectiveOn }),
      version: 1,
      created_at: at,
      created_by: w.users.officer,
      updated_at: at,
      updated_by: w.users.officer,
      deleted_at: null,
    });
    const content = Buffer.from(JSON.stringify(law), 'utf8');
    await insertAttachment(t.db, {
      id: randomUUID(),
      org_id: w.city,
      record_id: oldLawId,
      filename: `${law.title}.json`,
      mime: 'application/json',
      size: content.length,
      sha256: 'x'.repeat(64),
      content,
      note: '',
      effective_on: law.effectiveOn,
      uploaded_by: w.users.officer,
      uploaded_at: at,
    });
    await migrateToLatest(t.db);
  });
  after(async () => {
    await t?.close();
  });

  it('carries over a law imported before the article rows existed', async () => {
    const scope = systemScope(w.city);
    const text = await lawArticles(t.db, scope, oldLawId);
    assert.equal(text.articles.length, parsed(FUYI).articles.length);
    assert.equal(text.articles[87].no, '第八十八条');
    const found = await searchLaws(t.db, scope, '工作日');
    assert.ok(found.hits.some((h) => h.lawId === oldLawId && h.no === '第八十八条'));
  });

  it('finds 最低生活保障 in 社会救助暂行办法 and the same hits as a substring test, short or long', async () => {
    const scope = systemScope(w.city);
    for (const f of [JIUZHU, XUKE]) {
      const res = await importLaw(t.db, scope, { filename: path.basename(f), content: fs.readFileSync(f), category: '行政法规' });
      assert.equal(res.articleCount, parsed(f).articles.length);
    }
    const hit = await searchLaws(t.db, scope, '最低生活保障');
    // 行政复议法 names it too (复议范围), so the 办法's articles are among the hits, 第九条 first of them.
    const jiuzhu = hit.hits.filter((h) => h.title === '社会救助暂行办法');
    assert.ok(jiuzhu[0]?.no === '第九条' && jiuzhu[0].chapter === '第二章 最低生活保障', JSON.stringify(hit.hits.map((h) => h.no)));
    // The oracle: every article of the three texts that contains the needle, in title (code point) then article order.
    const texts = [FUYI, JIUZHU, XUKE].map(parsed).sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
    for (const needle of ['救助', '特困人员', '听证', '申请人', '第三十三条规定']) {
      const expected = texts.flatMap((l) => l.articles.filter((a) => a.text.includes(needle)).map((a) => `${l.title} ${a.no}`));
      const got = await searchLaws(t.db, scope, needle);
      assert.deepEqual(
        got.hits.map((h) => `${h.title} ${h.no}`),
        expected.slice(0, 100),
        needle,
      );
    }
    // Titles too.
    const byTitle = await searchLaws(t.db, scope, '救助');
    assert.deepEqual(
      byTitle.laws.map((l) => l.title),
      ['社会救助暂行办法'],
    );
  });

  it('a law catalogued by hand receives its text on import and keeps its catalogue data', async () => {
    const scope = systemScope(w.county);
    const hand = await createRecord(t.db, scope, 'law', {
      title: '中华人民共和国行政许可法',
      category: '行政法',
      issuer: '全国人民代表大会常务委员会',
      promulgatedOn: '2019-04-23',
      effectiveOn: '2019-04-23',
      status: '现行有效',
    });
    const first = await importLaw(t.db, scope, { filename: path.basename(XUKE), content: fs.readFileSync(XUKE), category: '行政法' });
    assert.equal(first.outcome, '补充全文');
    assert.equal(first.law.id, hand.id);
    assert.equal(first.law.data.articleCount, parsed(XUKE).articles.length);
    assert.equal(first.law.data.issuer, '全国人民代表大会常务委员会');
    assert.equal((await lawArticles(t.db, scope, hand.id)).articles.length, parsed(XUKE).articles.length);
    const again = await importLaw(t.db, scope, { filename: path.basename(XUKE), content: fs.readFileSync(XUKE), category: '行政法' });
    assert.equal(again.outcome, '已存在');
    assert.equal(again.law.id, hand.id);
  });

  it('reads the laws a text names and links those the library holds, own bureau first', async () => {
    assert.deepEqual(citedLawNames('婚姻登记条例、反家庭暴力法'), ['婚姻登记条例', '反家庭暴力法']);
    assert.deepEqual(citedLawNames('《中华人民共和国民法典》婚姻家庭编'), ['中华人民共和国民法典']);
    assert.deepEqual(citedLawNames(' 宪法，民法典；宪法 '), ['宪法', '民法典']);
    const city = systemScope(w.city, [w.city, w.county]);
    const res = await resolveLawCitations(t.db, city, '行政许可法、社会救助暂行办法、婚姻登记条例');
    const xuke = (await searchLaws(t.db, systemScope(w.city), '行政许可')).laws.find((l) => l.title === '中华人民共和国行政许可法');
    assert.ok(xuke, 'the city has its own 行政许可法');
    // The county has a 行政许可法 too (catalogued above): the city's own copy is linked.
    assert.deepEqual(
      res.map((c) => [c.name, c.title]),
      [
        ['行政许可法', '中华人民共和国行政许可法'],
        ['社会救助暂行办法', '社会救助暂行办法'],
        ['婚姻登记条例', null],
      ],
    );
    assert.equal(res[0].lawId, xuke.id);
    await assert.rejects(resolveLawCitations(t.db, city, '  '), /请给出提到法律法规的文字/);
  });

  it('a withdrawn law drops out of search; other bureaus see nothing', async () => {
    const scope = systemScope(w.city);
    await deleteRecord(t.db, scope, oldLawId);
    const found = await searchLaws(t.db, scope, '工作日');
    assert.ok(found.hits.every((h) => h.lawId !== oldLawId));
    const other = systemScope(w.otherCounty);
    assert.deepEqual((await searchLaws(t.db, other, '最低生活保障')).hits, []);
  });
});
