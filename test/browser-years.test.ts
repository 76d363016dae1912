/**
 * The year's holiday arrangement in a real browser at 390 px (Debian's chromium via playwright-core,
 * the real server and database): the system administrator pastes a notice, the form fills, the
 * preview lists the days, saving marks the year complete; an officer sees the note of a deadline in
 * a year without the arrangement as visible text beside its tag, not only in a tooltip, and each
 * annual duty's rule with its last day.
 * Runs after `npm run build:web`; builds web/dist itself when it is missing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { browserSkip, CHROMIUM, DIST, ensureWebBuilt, LAUNCH_ARGS } from './browser-kit.ts';
import { makeDb, makeWorld, PASSWORD, type Server, startServer, type TestDb } from './helpers.ts';

/** An example 2027 notice in the State Council's wording (not a published one). */
const NOTICE_2027 =
  '一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月14日（周日）、2月20日（周六）上班。';

describe('year arrangement in a browser at 390 px', { skip: browserSkip }, () => {
  let t: TestDb;
  let s: Server;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    ensureWebBuilt();
    t = await makeDb();
    await makeWorld(t.db);
    s = await startServer(t.db, { webRoot: DIST });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => errors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    await t?.close();
  });

  const signIn = async (username: string, to: string) => {
    await page.context().clearCookies();
    await page.goto(`${s.base}/`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${s.base}${to}`);
  };
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('an officer sees the note of a 2030 deadline as text beside its tag on the calendar page', async () => {
    const officer = await fetch(`${s.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: PASSWORD }),
    });
    const cookie = (officer.headers.get('set-cookie') ?? '').split(';')[0];
    const rec = await fetch(`${s.base}/api/ledgers/disclosure_item/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ data: { title: '2030年春节前的文件', category: '规范性文件', formedOn: '2030-01-28' } }),
    });
    assert.equal(rec.status, 201);
    await signIn('officer', '/calendar');
    const note = page.getByTestId('deadline-calendar-note').first();
    await note.waitFor();
    assert.ok(await note.isVisible());
    assert.equal(((await note.textContent()) ?? '').trim(), '2030年放假安排未录入，按法定节日推算，未计调休');
    // Each annual duty says its rule with the one reading of "X月X日前".
    const rule = page.getByTestId('duty-rule').first();
    await rule.waitFor();
    assert.match((await rule.textContent()) ?? '', /日前（不含当日，最迟\d+月\d+日）/);
    await page.screenshot({ path: '/tmp/fazhi-deadline-note-390.png', fullPage: true });
    assert.equal(await overflow(), 0, 'no horizontal scroll on the calendar page at 390px');
  });

  it('the system administrator enters 2027 from a pasted notice: form, preview, save; the year is marked complete', async () => {
    await signIn('sysadmin', '/admin/system');
    await page.getByRole('tab', { name: '节假日调整' }).click();
    const row2027 = page.locator('[data-testid="year-arrangement"] tr').filter({ hasText: '2027' });
    await row2027.getByText('尚未录入，按法定节日推算').waitFor();
    await row2027.getByRole('button', { name: '录入全年安排' }).click();
    await page.getByTestId('notice-text').fill(NOTICE_2027);
    await page.getByTestId('notice-parse').click();
    await page.getByTestId('arrangement-row').nth(3).waitFor();
    assert.equal(await page.getByTestId('arrangement-row').count(), 4);
    assert.ok(await page.getByTestId('arrangement-save').isDisabled(), 'saving needs a preview first');
    await page.getByTestId('arrangement-preview').click();
    const preview = page.getByTestId('arrangement-preview-table');
    await preview.getByText('将保存 13 天').waitFor();
    await page.screenshot({ path: '/tmp/fazhi-year-form-390.png', fullPage: true });
    // The dialog fits the phone: it is no wider than the viewport.
    const box = await page.locator('.fz-year-modal .ant-modal-content').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `dialog box ${JSON.stringify(box)}`);
    await page.getByTestId('arrangement-save').click();
    await row2027.getByText('管理员已录入并确认完整').waitFor();
    await row2027.getByText('放假 11 天，上班 2 天').waitFor();
    assert.equal(await overflow(), 0, 'no horizontal scroll on 系统管理 at 390px');
    const marks = await t.db.selectFrom('calendar_year').select('year').execute();
    assert.deepEqual(marks, [{ year: 2027 }]);
    assert.deepEqual(errors, []);
  });
});
