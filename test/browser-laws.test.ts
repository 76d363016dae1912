/**
 * 法规查阅 in a real browser on a 390-px phone: the officer searches 最低生活保障, opens the hit in
 * 社会救助暂行办法 and lands on 第九条 under 第二章 with its 修订沿革 shown, filters within the law,
 * and no page scrolls sideways. Skips when ../shared/laws is absent.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { createRecord } from '../src/ledger/record.service.ts';
import { importLaw } from '../src/modules/law/law.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { browserSkip, CHROMIUM, DIST, ensureWebBuilt, horizontalOverflow, LAUNCH_ARGS, phoneLoggedIn, ROOT } from './browser-kit.ts';
import { makeDb, makeWorld, type Server, startServer, type TestDb } from './helpers.ts';

const LAWS = path.resolve(ROOT, '../shared/laws');
const skip = browserSkip || (fs.existsSync(LAWS) ? false : `缺少法规文本文件夹 ${LAWS}，跳过`);

describe('法规查阅 in a browser', { skip }, () => {
  let t: TestDb;
  let s: Server;
  let browser: Browser;
  let studyId = '';
  const watch = { errors: [] as string[], csp: [] as string[] };

  before(async () => {
    ensureWebBuilt();
    t = await makeDb();
    const w = await makeWorld(t.db);
    for (const f of ['行政法规/社会救助暂行办法(2019-03-02).md', '诉讼与非诉讼程序法/行政复议法(2023-09-01).md']) {
      const file = path.join(LAWS, f);
      await importLaw(t.db, systemScope(w.city), {
        filename: path.basename(file),
        content: fs.readFileSync(file),
        category: f.split('/')[0],
      });
    }
    const study = await createRecord(t.db, systemScope(w.city), 'study_session', {
      date: '2025-03-05',
      kind: '党组理论学习中心组学法',
      topic: '学习社会救助法规',
      laws: '社会救助暂行办法、婚姻登记条例',
    });
    studyId = study.id;
    s = await startServer(t.db, { webRoot: DIST });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    await t?.close();
  });

  it('searches 最低生活保障 and opens 社会救助暂行办法 at 第九条', async () => {
    const { ctx, phone } = await phoneLoggedIn(browser, s.base, 'officer', watch);
    try {
      await phone.goto(`${s.base}/laws`);
      await phone.getByTestId('law-list').getByText('社会救助暂行办法').waitFor();
      assert.equal(await horizontalOverflow(phone), 0, 'law list fits 390 px');
      await phone.getByTestId('law-search').fill('最低生活保障');
      await phone.getByTestId('law-search').press('Enter');
      const hit = phone.getByTestId('law-article-hits').getByText('《社会救助暂行办法》第九条');
      await hit.waitFor();
      assert.equal(await horizontalOverflow(phone), 0, 'search results fit 390 px');
      await hit.click();
      await phone.getByTestId('law-title').getByText('社会救助暂行办法').waitFor();
      const target = phone.locator('#a-9');
      await target.waitFor();
      assert.match((await target.textContent()) ?? '', /^第九条 国家对共同生活的家庭成员人均收入低于当地最低生活保障标准/);
      assert.match((await target.getAttribute('class')) ?? '', /fz-law-target/);
      assert.ok(await target.isVisible());
      assert.match((await phone.getByTestId('law-history').textContent()) ?? '', /2014-02-21/);
      assert.equal(await horizontalOverflow(phone), 0, 'the law page fits 390 px');
      // Within the law: only the articles holding the word, the word marked.
      await phone.getByTestId('law-filter').fill('特困人员');
      await phone.getByTestId('law-filter').press('Enter');
      await phone.getByText(/含有检索词的条文 \d+ 条/).waitFor();
      const texts = await phone.getByTestId('law-article').allTextContents();
      assert.ok(texts.length > 0 && texts.every((x) => x.includes('特困人员')), texts.join('\n'));
      assert.ok((await phone.locator('[data-testid="law-article"] mark').count()) >= texts.length);
    } finally {
      await ctx.close();
    }
    assert.deepEqual(watch.errors, []);
    assert.deepEqual(watch.csp, []);
  });

  it('a study session links the laws it names that the library holds', async () => {
    const { ctx, phone } = await phoneLoggedIn(browser, s.base, 'officer', watch);
    try {
      await phone.goto(`${s.base}/records/${studyId}`);
      const cited = phone.getByTestId('law-citations');
      await cited.waitFor();
      assert.equal(await cited.textContent(), '社会救助暂行办法、婚姻登记条例');
      // Only the law in the library is a link.
      assert.deepEqual(await cited.locator('a').allTextContents(), ['社会救助暂行办法']);
      await cited.getByText('社会救助暂行办法').click();
      await phone.getByTestId('law-title').getByText('社会救助暂行办法').waitFor();
      assert.equal(await horizontalOverflow(phone), 0);
    } finally {
      await ctx.close();
    }
    assert.deepEqual(watch.errors, []);
  });
});
