/**
 * The web app in a real browser (Debian's chromium via playwright-core) against the real server and
 * a real database: log in through the form, keep a ledger through the generated form (a bad value
 * gets the server's Chinese message on its field), see the dashboard figure follow, and follow a
 * number of a report preview to its source records and their record pages.
 * Runs after `npm run build:web`; builds web/dist itself when it is missing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Secret, TOTP } from 'otpauth';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Db } from '../src/db/types.ts';
import { loadWorkCalendar } from '../src/calendar/workdays.ts';
import { insertRecord } from '../src/ledger/record.repo.ts';
import { createRecord } from '../src/ledger/record.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { runReminders } from '../src/reminders/reminders.service.ts';
import { createUserUnchecked } from '../src/org/org.service.ts';
import { browserSkip, CHROMIUM, DIST, ensureWebBuilt, LAUNCH_ARGS, phoneLoggedIn, watchCsp } from './browser-kit.ts';
import { client, makeDb, makeWorld, PASSWORD, type Server, startServer, type TestDb } from './helpers.ts';

/** A calendar date of the current year in Asia/Shanghai, so the record counts for this year's figures. */
function dateThisYear(monthDay: string): { date: string; year: number } {
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  return { date: `${year}-${monthDay}`, year };
}

/** The code an authenticator app shows for `secret`, `steps` periods of 30 s from now. */
const totpCode = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + steps * 30_000 });

/** The TOTP secrets the admins enrolled during this file's run, by username. */
const enrolled = new Map<string, string>();

/**
 * After 登录 was pressed: passes the second-factor step the page shows, if any. A first login enrols
 * (the secret read from the page; its 10 recovery codes shown); a later one gives the current code.
 * The replay guard accepts each 30-second step once, and this file logs the same admin in several times
 * within a minute, so for those later logins the test forgets the account's last accepted step
 * (login-factors.test.ts proves the guard itself).
 */
async function passSecondFactor(page: Page, db: Db, username: string): Promise<void> {
  const step = page.locator('[data-testid="login-enrol-second-factor"], [data-testid="login-second-factor"], [data-testid="current-user"]');
  await step.first().waitFor();
  if (await page.getByTestId('login-enrol-second-factor').isVisible()) {
    await page.locator('[data-testid="totp-qr"] svg').waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await page.locator('#code').fill(totpCode(secret));
    await page.getByRole('button', { name: /确认启用/ }).click();
    await page.getByTestId('recovery-codes').waitFor();
    assert.equal(await page.locator('[data-testid="recovery-codes"] .ant-list-item').count(), 10);
    await page.getByTestId('login-continue').click();
    enrolled.set(username, secret);
  } else if (await page.getByTestId('login-second-factor').isVisible()) {
    const secret = enrolled.get(username);
    assert.ok(secret, `${username} was enrolled earlier in this file`);
    await db.updateTable('app_user').set({ totp_last_step: null }).where('username', '=', username).execute();
    await page.locator('#code').fill(totpCode(secret));
    await page.getByRole('button', { name: /确\s*定/ }).click();
  }
  await page.getByTestId('current-user').waitFor();
}

async function figureValue(page: Page, key: string): Promise<string> {
  const el = page.locator(`[data-testid="figure-${key}"] .ant-statistic-content-value`);
  await el.waitFor();
  return ((await el.textContent()) ?? '').trim();
}

async function waitForFigure(page: Page, key: string, expected: string): Promise<void> {
  await page.waitForFunction(
    ({ k, v }) => document.querySelector(`[data-testid="figure-${k}"] .ant-statistic-content-value`)?.textContent?.trim() === v,
    { k: key, v: expected },
    { timeout: 15_000 },
  );
}

describe('web app in a browser', { skip: browserSkip }, () => {
  let t: TestDb;
  let s: Server;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const cspViolations: string[] = [];

  before(async () => {
    ensureWebBuilt();
    t = await makeDb();
    await makeWorld(t.db);
    s = await startServer(t.db, { webRoot: DIST, env: { SECOND_FACTOR: 'admins' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await watchCsp(ctx, cspViolations);
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => errors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await s?.close();
    await t?.close();
  });

  it('refuses a wrong password with the server’s Chinese message', async () => {
    await page.goto(`${s.base}/`);
    await page.locator('#username').fill('officer');
    await page.locator('#password').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /用户名或密码错误/);
  });

  it('logs in as officer and shows the bureau, the user and the menus', async () => {
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('某市民政局', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('current-user').textContent(), 'officer');
    await page.getByText('法治专干').first().waitFor();
    await page.getByRole('menuitem', { name: '工作台' }).waitFor();
    // admin menus are not shown to a business role
    assert.equal(await page.getByRole('menuitem', { name: '审计日志' }).count(), 0);
  });

  it('creates a study session through the form (bad values are refused at once, each on its field), imports one from Excel; the figure follows', async () => {
    const { date } = dateThisYear('01-15');
    assert.equal(await figureValue(page, 'study.central_group'), '0');

    await page.getByRole('menuitem', { name: '台账' }).click();
    await page.getByRole('menuitem', { name: '学法用法' }).click();
    await page.getByRole('menuitem', { name: '学法活动台账' }).click();
    await page.waitForURL('**/ledgers/study_session');
    await page.getByRole('heading', { name: '学法活动台账' }).waitFor();

    await page.getByRole('button', { name: /新\s*增/ }).click();
    await page.locator('#record_date').click();
    await page.locator('#record_date').fill(date);
    await page.locator('#record_date').press('Enter');
    await page.locator('#record_kind').click();
    await page.locator('.ant-select-item-option[title="党组理论学习中心组学法"]').click();
    await page.locator('#record_topic').fill('学习宪法修正案');
    await page.locator('#record_attendees').fill('-1');
    await page.locator('#record_hours').fill('30');
    await page.getByTestId('record-save').click();

    // the server refuses 参加人数 -1 (min 0) and 学时 30 (max 24) at once; each message appears under its field
    const errorUnder = (id: string) =>
      page
        .locator('.ant-form-item')
        .filter({ has: page.locator(id) })
        .locator('.ant-form-item-explain-error');
    await errorUnder('#record_hours').waitFor();
    assert.equal(((await errorUnder('#record_hours').textContent()) ?? '').trim(), '学时不能大于24');
    await errorUnder('#record_attendees').waitFor();
    assert.equal(((await errorUnder('#record_attendees').textContent()) ?? '').trim(), '参加人数不能小于0');
    assert.equal(await page.getByTestId('record-form-error').count(), 0, 'no message is left over above the form');
    await page.screenshot({ path: '/tmp/fazhi-form-error.png' });

    await page.locator('#record_attendees').fill('12');
    await page.locator('#record_hours').fill('2');
    await page.getByTestId('record-save').click();
    await page.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    const row = page.locator('.ant-table-row', { hasText: '学习宪法修正案' });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    assert.match(rowText, new RegExp(date));
    assert.match(rowText, /党组理论学习中心组学法/);
    await page.screenshot({ path: '/tmp/fazhi-ledger.png' });

    // 导入 Excel: a checked dry run first (count shown), then the import after confirmation
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('学法活动台账');
    ws.addRow(['*日期', '*形式', '*学习主题', '参加人数']);
    ws.addRow([dateThisYear('02-20').date, '党组理论学习中心组学法', '学习行政复议法', 10]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-xlsx-')), '学法活动.xlsx');
    await wb.xlsx.writeFile(file);
    await page.locator('input[type=file][accept=".xlsx"]').setInputFiles(file);
    // The dry run runs as an import job; its progress dialog stays until the first poll (500 ms) answers.
    await page.getByTestId('import-progress').waitFor();
    const confirm = page.locator('.ant-modal-confirm', { hasText: '共 1 条记录：新增 1 条，更新 0 条，未变 0 条，疑似重复 0 条' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '确定导入' }).click();
    await page.locator('.ant-table-row', { hasText: '学习行政复议法' }).waitFor();

    await page.getByRole('menuitem', { name: '工作台' }).click();
    await waitForFigure(page, 'study.central_group', '2');
    await page.waitForFunction(() => document.querySelector('.ant-message-notice') === null);
    await page.screenshot({ path: '/tmp/fazhi-dashboard.png' });

    // the figure opens its source records
    await page.getByTestId('figure-study.central_group').click();
    await page.getByTestId('figure-sources').locator('.ant-list-item', { hasText: '学习宪法修正案' }).waitFor();
    await page.getByTestId('figure-sources').locator('.ant-list-item', { hasText: '学习行政复议法' }).waitFor();
    assert.match((await page.getByTestId('figure-sources').getByTestId('report-sources-total').textContent()) ?? '', /共 2 条来源记录/);
    assert.match((await page.getByTestId('figure-basis').textContent()) ?? '', /统计口径：学法活动台账中形式为“党组理论学习中心组学法”/);
    await page.waitForTimeout(400); // let the drawer finish sliding in before the screenshot
    await page.screenshot({ path: '/tmp/fazhi-figure-sources.png' });
    assert.deepEqual(errors, []);
  });

  it('generates the annual report and downloads a Word file whose number comes from those records', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem', { name: '报告' }).click();
    await page.getByRole('button', { name: /生成报告/ }).click();
    const modal = page.locator('.ant-modal', { hasText: '生成报告' });
    await modal.locator('.ant-form-item', { hasText: '报告类型' }).locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: '法治政府建设年度报告' }).click();
    await modal.getByRole('button', { name: /生\s*成/ }).click();
    await page.getByRole('link', { name: /下载 Word/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载 Word/ }).click()]);
    const file = await download.path();
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    // the two study sessions entered above (one by form, one by Excel) are the number printed
    assert.match(text, /党组理论学习中心组学法2次/);
    await page.screenshot({ path: '/tmp/fazhi-report.png' });
    assert.deepEqual(errors, []);
  });

  it('generating again asks before overwriting edits, makes a new version of the same draft, and lists the versions; fits a 390px phone', async () => {
    // An edit of the working draft (the editor is another test's business): the title, through the API.
    const edited = await page.evaluate(async () => {
      const [first] = (await (await fetch('/api/reports')).json()) as Array<{ id: string }>;
      const cur = (await (await fetch(`/api/reports/${first.id}`)).json()) as { content: { title: string }; version: number };
      const res = await fetch(`/api/reports/${first.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ content: { ...cur.content, title: '改过的报告标题' }, version: cur.version }),
      });
      return res.status;
    });
    assert.equal(edited, 200);
    await page.getByRole('button', { name: /生成报告/ }).click();
    const modal = page.locator('.ant-modal', { hasText: '生成报告' });
    await modal.locator('.ant-form-item', { hasText: '报告类型' }).locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: '法治政府建设年度报告' }).click();
    await modal.getByRole('button', { name: /生\s*成/ }).click();
    const ask = page.locator('.ant-modal-confirm', { hasText: '重新生成草稿？' });
    await ask.getByText(/已有草稿（第2版，修改人officer，.*），重新生成将覆盖改写和新增的段落.*是否继续？/).waitFor();
    await ask.getByRole('button', { name: '重新生成' }).click();
    await page.getByText('已重新生成原草稿（第3版）').waitFor();
    const row = page.getByTestId('report-row');
    // the list reloads after the message: wait for the new version to show
    await row.filter({ hasText: /第3版 · 生成于.* · 修改人：officer/ }).waitFor();
    assert.equal(await row.count(), 1, 'still one draft');
    await page.getByRole('tab', { name: '版本记录' }).click();
    const versions = page.getByTestId('report-version');
    await versions.nth(2).waitFor();
    assert.deepEqual(
      (await versions.allTextContents()).map((x) => x.replace(/officer.*$/, '').trim()),
      ['第3版生成', '第2版修改', '第1版生成'],
    );

    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${s.base}/reports`);
      await page.getByTestId('report-row').click();
      await page.getByRole('tab', { name: '版本记录' }).click();
      await page.getByTestId('report-version').nth(2).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await page.screenshot({ path: '/tmp/fazhi-report-versions-390.png', fullPage: true });
      assert.equal(overflow, 0, 'no horizontal scroll at 390px on the reports page');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assert.deepEqual(errors, []);
  });

  it('opens a number of the report preview: the drawer lists its source records, one opens the record page', async () => {
    // the report generated above, on its preview; the number is a link inside the sandboxed frame
    await page.getByRole('tab', { name: '预览' }).click();
    const preview = page.frameLocator('[data-testid="report-preview"]');
    const number = preview.locator('a[data-figure="study.central_group"]').first();
    await number.waitFor();
    assert.equal(((await number.textContent()) ?? '').trim(), '2');
    // the appendix names the figure in Chinese, with no key and no record id
    const appendix = ((await preview.locator('.sources').textContent()) ?? '').replace(/\s+/g, '');
    assert.match(appendix, /党组理论学习中心组学法次数：2次；来源记录2条/);
    assert.doesNotMatch(appendix, /study\.central_group|[0-9a-f]{8}/);
    await number.click();
    const drawer = page.getByTestId('report-sources');
    await drawer.locator('.ant-list-item', { hasText: '学习宪法修正案' }).waitFor();
    await drawer.locator('.ant-list-item', { hasText: '学习行政复议法' }).waitFor();
    assert.match((await page.getByTestId('report-sources-figure').textContent()) ?? '', /党组理论学习中心组学法次数：2次/);
    assert.match((await page.getByTestId('report-sources-total').textContent()) ?? '', /共 2 条来源记录/);
    assert.match((await drawer.locator('.ant-list-item', { hasText: '学习宪法修正案' }).textContent()) ?? '', /学法活动台账.*某市民政局/);
    // the frame did not navigate away: the preview is still there
    assert.equal(await preview.locator('.title').count(), 1);
    await page.waitForTimeout(400); // let the drawer finish sliding in before the screenshot
    await page.screenshot({ path: '/tmp/fazhi-report-sources.png' });

    await drawer.getByRole('link', { name: '学习宪法修正案' }).click();
    await page.waitForURL('**/records/*');
    const record = page.getByTestId('record-page');
    await record.waitFor();
    assert.equal(((await page.getByTestId('record-title').textContent()) ?? '').trim(), '学习宪法修正案');
    await record.getByText('党组理论学习中心组学法').waitFor();
    await record.getByRole('button', { name: /编\s*辑/ }).waitFor();
    await record.getByRole('link', { name: '学法活动台账' }).waitFor();
    await page.screenshot({ path: '/tmp/fazhi-record-page.png' });
    // 返回 leads back to the reports
    await record.getByRole('button', { name: /返\s*回/ }).click();
    await page.waitForURL('**/reports');
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone the report’s sources drawer is full width and the record page fits without horizontal scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = () =>
      page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
    try {
      await page.goto(`${s.base}/reports`);
      await page.locator('.ant-table-row', { hasText: '法治政府建设' }).first().click();
      const number = page.frameLocator('[data-testid="report-preview"]').locator('a[data-figure="study.central_group"]').first();
      await number.waitFor();
      await page.getByTestId('report-preview').scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/fazhi-report-preview-390.png' });
      assert.equal(await overflow(), 0, 'the reports page does not scroll sideways');
      await number.click();
      const drawer = page.getByTestId('report-sources');
      await drawer.locator('.ant-list-item', { hasText: '学习行政复议法' }).waitFor();
      await page.waitForTimeout(400);
      const box = await page.locator('.ant-drawer-content-wrapper').boundingBox();
      assert.ok(box && Math.round(box.width) === 390 && Math.round(box.x) === 0, `drawer box ${JSON.stringify(box)}`);
      assert.equal(await overflow(), 0, 'the drawer does not scroll sideways');
      await page.screenshot({ path: '/tmp/fazhi-report-sources-390.png' });
      await drawer.getByRole('link', { name: '学习行政复议法' }).click();
      await page.waitForURL('**/records/*');
      await page.getByTestId('record-page').getByText('党组理论学习中心组学法').waitFor();
      assert.equal(((await page.getByTestId('record-title').textContent()) ?? '').trim(), '学习行政复议法');
      await page.screenshot({ path: '/tmp/fazhi-record-page-390.png', fullPage: true });
      assert.equal(await overflow(), 0, 'the record page does not scroll sideways');
      assert.deepEqual(errors, []);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('on a 390px phone the check lists what needs confirming; confirming clears it, and an edited sentence of hers waits again', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = () =>
      page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
    try {
      await page.goto(`${s.base}/reports`);
      await page.locator('.ant-table-row', { hasText: '法治政府建设' }).first().click();
      await page.getByRole('tab', { name: /检查/ }).click();
      const items = page.getByTestId('check-confirm-item');
      await items.first().waitFor();
      assert.ok((await items.count()) > 0, 'an almost empty year leaves sentences to confirm');
      assert.equal(await overflow(), 0, 'the check does not scroll sideways');
      await page.screenshot({ path: '/tmp/fazhi-report-check-390.png', fullPage: true });
      // 查看段落 shows the paragraph in the preview
      await items.first().getByRole('button', { name: '查看段落' }).click();
      await page.getByTestId('report-preview').waitFor();
      await page.getByRole('tab', { name: /检查/ }).click();
      await page.getByRole('button', { name: /全部确认/ }).click();
      await page.getByText('已确认', { exact: true }).first().waitFor();
      await page.getByTestId('check-confirmed-group').waitFor();
      assert.equal(await items.count(), 0, 'nothing waits after confirming');

      // Her words in the editor: rewrite one box; it waits for confirmation again.
      await page.getByRole('tab', { name: '编辑段落' }).click();
      const box = page.getByLabel('专干撰写内容').first();
      await box.fill('本年度主要负责人专题听取法治建设工作汇报2次。');
      assert.equal(await overflow(), 0, 'the editor does not scroll sideways');
      await page.getByRole('button', { name: /保存修改/ }).click();
      await page.getByText('已保存').first().waitFor();
      await page.getByRole('tab', { name: /检查/ }).click();
      await items.first().waitFor();
      assert.equal(await items.count(), 1, 'only the edited sentence waits');
      assert.match((await items.first().textContent()) ?? '', /本年度主要负责人专题听取法治建设工作汇报2次/);
      assert.deepEqual(errors, []);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('改写本段 keeps the paragraph’s numbers as figures; a paragraph stating a negative is not offered for rewriting', async () => {
    await page.goto(`${s.base}/reports`);
    await page.locator('.ant-table-row', { hasText: '法治政府建设' }).first().click();
    await page.getByRole('tab', { name: '编辑段落' }).click();
    // an almost empty year prints negatives ("未…"): those paragraphs say why they cannot be rewritten
    const note = page.getByTestId('no-rewrite').first();
    await note.waitFor();
    assert.match((await note.textContent()) ?? '', /未发生\/尚无/);
    // the paragraph by its place: once rewritten, its printed text gives way to her box
    const at = await page.locator('[data-at]', { hasText: '党组理论学习中心组全年开展专题学法2次' }).getAttribute('data-at');
    const card = page.locator(`[data-at="${at}"]`);
    await card.getByRole('button', { name: '改写本段' }).click();
    const box = card.getByLabel('专干撰写内容').first();
    const text = await box.inputValue();
    assert.match(text, /【1·党组理论学习中心组学法次数：2】/);
    await box.fill(`今年${text}`);
    await page.getByRole('button', { name: /保存修改/ }).click();
    await page.getByText('已保存').first().waitFor();
    await page.getByRole('tab', { name: '预览' }).click();
    const preview = page.frameLocator('[data-testid="report-preview"]');
    const number = preview.locator('span.own[data-own^="rewrite-"] a[data-figure="study.central_group"]');
    await number.waitFor();
    assert.equal(((await number.textContent()) ?? '').trim(), '2');
    const paragraph = preview.locator('p.body', { has: number });
    assert.match((await paragraph.textContent()) ?? '', /今年党组理论学习中心组全年开展专题学法2次/);
    // her rewritten paragraph waits for confirmation in the check
    await page.getByRole('tab', { name: /检查/ }).click();
    await page.getByTestId('check-confirm-item').filter({ hasText: '今年党组理论学习中心组' }).waitFor();
    assert.deepEqual(errors, []);
  });

  it('shows the 普法责任清单 coverage; an activity picks its duty item through the ref picker and closes the gap', async () => {
    const { date, year } = dateThisYear('03-01');
    const law = '《中华人民共和国民法典》婚姻家庭编';
    const created = await page.evaluate(
      async ({ law, date }) => {
        const res = await fetch('/api/ledgers/duty_item/records', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ data: { law, listedOn: date } }),
        });
        return { status: res.status, body: (await res.json()) as { id?: string } };
      },
      { law, date },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));

    await page.goto(`${s.base}/publicity/duty-coverage`);
    await page.getByRole('heading', { name: '普法责任清单覆盖情况' }).waitFor();
    const summary = page.getByTestId('coverage-summary');
    await summary.waitFor();
    assert.equal(((await summary.textContent()) ?? '').trim(), '共1项，1项本年度尚无宣传活动');
    const gapRow = page.locator('.ant-table-row.fz-gap-row', { hasText: law });
    await gapRow.waitFor();
    assert.match((await gapRow.textContent()) ?? '', /尚无宣传活动/);
    assert.match((await page.locator('[data-testid="coverage-year"]').textContent()) ?? '', new RegExp(`${year}年`));
    await page.screenshot({ path: '/tmp/fazhi-coverage.png' });

    // the 普法宣传活动 form has a record picker for 普法责任清单 (remote search by title)
    await page.goto(`${s.base}/ledgers/publicity_activity`);
    await page.getByRole('heading', { name: '普法宣传活动台账' }).waitFor();
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const picker = page.locator('.ant-drawer [data-ref-ledgers~="duty_item"]');
    await picker.waitFor();
    assert.equal(await picker.count(), 1);
    await page.locator('#record_date').click();
    await page.locator('#record_date').fill(date);
    await page.locator('#record_date').press('Enter');
    await page.locator('#record_theme').fill('民法典进社区宣传');
    await page.locator('#record_keyDate').click();
    await page.locator('.ant-select-item-option[title="宪法宣传周"]').click();
    await page.locator('#record_venueType').click();
    await page.locator('.ant-select-item-option[title="进社区"]').click();
    await picker.locator('.ant-select').click();
    await page.locator('#record_dutyItems').fill('民法典');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: law }).click();
    await page.keyboard.press('Escape');
    assert.match((await picker.textContent()) ?? '', /民法典/);
    await page.screenshot({ path: '/tmp/fazhi-ref-picker.png' });
    await page.getByTestId('record-save').click();
    await page.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    const row = page.locator('.ant-table-row', { hasText: '民法典进社区宣传' });
    await row.waitFor();

    // the activity's detail lists the duty item under 关联记录, by title; clicking it opens that record
    await row.getByRole('button', { name: /查\s*看/ }).click();
    const links = page.getByTestId('record-links');
    await links.waitFor();
    assert.match((await links.textContent()) ?? '', /关联记录.*落实的普法责任清单事项.*民法典/);
    await links.getByText(law).click();
    await page.waitForURL('**/ledgers/duty_item?open=*');
    const incoming = page.getByTestId('record-links');
    await incoming.getByText('民法典进社区宣传').waitFor();
    assert.match((await incoming.textContent()) ?? '', /被引用.*普法宣传活动台账.*民法典进社区宣传/);
    await page.keyboard.press('Escape');

    await page.goto(`${s.base}/publicity/duty-coverage`);
    await page.getByTestId('coverage-summary').getByText('共1项，0项本年度尚无宣传活动').waitFor();
    assert.equal(await page.locator('.ant-table-row.fz-gap-row').count(), 0);
    assert.deepEqual(errors, []);
  });

  it('fits the coverage page on a phone (390×844) without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${s.base}/publicity/duty-coverage`);
      await page.getByTestId('coverage-summary').waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
        clientWidth: document.documentElement.clientWidth,
      }));
      await page.screenshot({ path: '/tmp/fazhi-coverage-390.png', fullPage: true });
      assert.ok(scrollWidth <= clientWidth, `页面横向溢出：scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
      // the menu is behind a button on a phone, and opens over the page
      await page.getByRole('button', { name: '菜单' }).click();
      await page.getByRole('menuitem', { name: '工作台' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  /** A 390×844 phone context (its own cookies) with the officer logged in; the caller closes it. */
  const officerPhone = () => phoneLoggedIn(browser, s.base, 'officer', { errors, csp: cspViolations });

  it('on a 390px phone the calendar lists a minimum period as 不早于 and a request waiting for 补正 as such, neither as 逾期', async () => {
    const { ctx, phone } = await officerPhone();
    try {
      const post = (ledger: string, data: Record<string, unknown>) =>
        phone.evaluate(
          async ({ ledger, data }) => {
            const res = await fetch(`/api/ledgers/${ledger}/records`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json' },
              body: JSON.stringify({ data }),
            });
            return res.status;
          },
          { ledger, data },
        );
      // Both long past: the old engine showed the open consultation as 逾期 since 2024-04-01.
      const consultation = {
        title: '公墓布局规划征求意见',
        category: '重要规划',
        startedOn: '2024-02-01',
        participationFrom: '2024-03-01',
      };
      assert.equal(await post('major_decision', consultation), 201);
      const waiting = {
        receivedOn: '2024-03-01',
        channel: '当面提交',
        applicantType: '自然人',
        content: '补正中的公开申请',
        correctionNoticeOn: '2024-03-04',
      };
      assert.equal(await post('disclosure_request', waiting), 201);
      await phone.goto(`${s.base}/calendar`);
      const decisionRow = phone.locator('.ant-table-row', { hasText: '公墓布局规划征求意见' });
      await decisionRow.getByText('不早于 2024-03-31').waitFor();
      await decisionRow.getByText('已满期，可截止').waitFor();
      const requestRow = phone.locator('.ant-table-row', { hasText: '补正中的公开申请' });
      await requestRow.getByText('期限中止（等待补正）').waitFor();
      await requestRow.locator('.ant-tag', { hasText: '等待补正' }).waitFor();
      for (const row of [decisionRow, requestRow]) assert.doesNotMatch((await row.textContent()) ?? '', /逾期/);
      await phone.screenshot({ path: '/tmp/fazhi-calendar-kinds-390.png', fullPage: true });
      assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
    } finally {
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone the calendar page shows the deadline settings without horizontal scroll; the officer sets and resets one', async () => {
    const { ctx, phone } = await officerPhone();
    try {
      await phone.goto(`${s.base}/calendar`);
      const card = phone.getByTestId('deadline-settings');
      const row = card.locator('.ant-list-item', { hasText: '行政规范性文件报送备案期限' });
      await row.getByText('默认 30 日').waitFor();
      await row.getByText('省级行政规范性文件管理规定', { exact: false }).waitFor();
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      /** What sticks out on the right, to name the culprit when the check fails. */
      const wide = () =>
        phone.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)
            .slice(0, 5)
            .map(
              (e) =>
                `${e.tagName}.${String(e.className).slice(0, 60)} right=${Math.round(e.getBoundingClientRect().right)} “${(e.textContent ?? '').slice(0, 30)}”`,
            )
            .join('\n'),
        );
      await phone.screenshot({ path: '/tmp/fazhi-calendar-390.png', fullPage: true });
      assert.equal(await overflow(), 0, `no horizontal scroll at 390px:\n${await wide()}`);

      await row.getByRole('spinbutton').fill('20');
      await row.getByRole('button', { name: /保\s*存/ }).click();
      await row.getByText('本单位 20 日').waitFor();
      await row.getByText('本单位设定').waitFor();
      const stored = await t.db.selectFrom('setting').select(['key', 'value']).execute();
      assert.deepEqual(stored, [{ key: 'deadline.normdoc.filing.amount', value: '20' }]);
      assert.equal(await overflow(), 0, `no horizontal scroll after the edit:\n${await wide()}`);

      await row.getByRole('button', { name: /恢复默认/ }).click();
      await phone
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await row.getByText('按默认').waitFor();
      assert.deepEqual(await t.db.selectFrom('setting').selectAll().execute(), []);
    } finally {
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone the officer’s home shows 我的待办 first with an overdue deadline, and the menu badge; no horizontal scroll', async () => {
    const officer = await client(s.base, 'officer');
    const task = await officer.post('/api/ledgers/plan_task/records', {
      data: { year: 2024, content: '浏览器测试的逾期任务', status: '推进中', deadline: '2024-01-10' },
    });
    assert.equal(task.status, 201, JSON.stringify(task.body));
    const { ctx, phone } = await officerPhone();
    try {
      const panel = phone.getByTestId('todo-panel');
      await panel.getByText('我的待办').waitFor();
      const overdue = panel.getByTestId('todo-overdue');
      const item = overdue.locator('.ant-list-item', { hasText: '浏览器测试的逾期任务' });
      await item.waitFor();
      await item.getByText(/^逾期/).waitFor();
      await item.getByText('工作任务完成时限', { exact: false }).waitFor();
      // The panel comes before the figures on the page.
      const panelBox = await panel.boundingBox();
      const figuresBox = await phone.locator('.fz-page').first().boundingBox();
      assert.ok(panelBox && figuresBox && panelBox.y < figuresBox.y, 'todo panel first');
      // The menu is hidden on a phone: its button carries a dot; inside, 期限日历 carries the count.
      await phone.getByTestId('menu-badge-dot').locator('.ant-badge-dot').waitFor();
      const overflow = () =>
        phone.evaluate(
          () => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth,
        );
      await phone.screenshot({ path: '/tmp/fazhi-todo-home-390.png', fullPage: true });
      assert.equal(await overflow(), 0, 'no horizontal scroll on the home page at 390px');
      await phone.getByRole('button', { name: '菜单' }).click();
      const badge = phone.getByTestId('menu-badge-calendar');
      await badge.waitFor();
      const counts = await officer.get('/api/todo/counts');
      assert.ok(counts.body.menu.calendar >= 1);
      assert.equal(await badge.locator('sup').getAttribute('title'), `${counts.body.menu.calendar} 项待办`);
      await phone.screenshot({ path: '/tmp/fazhi-todo-menu-390.png' });
      // The record opens from its card.
      await phone.getByRole('button', { name: '菜单' }).click();
      await item.getByRole('link', { name: '浏览器测试的逾期任务' }).click();
      await phone.waitForURL(`${s.base}/records/${task.body.id}`);
    } finally {
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone 订阅日历 shows the subscription URL and its QR code without horizontal scroll; the URL serves the feed with no cookie until 停止订阅', async () => {
    const { ctx, phone } = await officerPhone();
    try {
      await phone.goto(`${s.base}/calendar`);
      await phone.getByRole('button', { name: /订阅日历/ }).click();
      await phone.getByRole('button', { name: /生成订阅链接/ }).click();
      const url = ((await phone.getByTestId('subscription-url').textContent()) ?? '').trim();
      assert.match(url, /\/api\/calendar\/subscribe\/[A-Za-z0-9_-]{43}\.ics$/);
      assert.equal(await phone.getByTestId('subscription-qr').locator('svg').count(), 1);
      const box = await phone.locator('.ant-modal-content').boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `dialog box ${JSON.stringify(box)}`);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await phone.screenshot({ path: '/tmp/fazhi-calendar-subscribe-390.png', fullPage: true });
      assert.equal(overflow, 0, 'no horizontal scroll at 390px with the subscription dialog');
      const feed = await fetch(url);
      assert.equal(feed.status, 200);
      assert.match(await feed.text(), /^BEGIN:VCALENDAR\r\n/);

      await phone.getByRole('button', { name: /停止订阅/ }).click();
      await phone
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await phone.getByRole('button', { name: /生成订阅链接/ }).waitFor();
      assert.equal((await fetch(url)).status, 401);
    } finally {
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone the bell shows the unread count; its list opens full width and a reminder opens its record', async () => {
    const org = await t.db.selectFrom('org').select('id').where('name', '=', '某市民政局').executeTakeFirstOrThrow();
    const officer = await t.db.selectFrom('app_user').select('id').where('username', '=', 'officer').executeTakeFirstOrThrow();
    const received = dateThisYear('01-05').date;
    // No unit: its owner steps go to the 法治专干. The run acts as of the due day (step "on the day").
    const rec = await createRecord(t.db, systemScope(org.id), 'disclosure_request', {
      receivedOn: received,
      channel: '互联网在线',
      applicantType: '自然人',
      content: '提醒铃测试申请',
    });
    const due = (await loadWorkCalendar(t.db)).addWorkdays(received, 20).due;
    const run = await runReminders(t.db, { today: due });
    assert.ok(run.items.some((i) => i.recordId === rec.id && i.recipients.some((p) => p.userId === officer.id)));
    const unread = async () =>
      Number(
        (
          await t.db
            .selectFrom('notification')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', officer.id)
            .where('read_at', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await unread();
    assert.ok(before >= 1);
    const { ctx, phone } = await officerPhone();
    try {
      const badge = phone.getByTestId('notification-count').locator('.ant-badge-count');
      await phone.waitForFunction(
        (n) => document.querySelector('[data-testid="notification-count"] .ant-badge-count')?.getAttribute('title') === String(n),
        before,
      );
      assert.equal(await badge.getAttribute('title'), String(before));
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(await overflow(), 0, 'the header with its bell fits 390px');
      await phone.getByTestId('notification-bell').click();
      const item = phone.getByTestId('notification-item').filter({ hasText: '提醒铃测试申请' });
      await item.waitFor();
      assert.match((await item.textContent()) ?? '', new RegExp(`【今日到期】依申请公开答复期限 ${due} 到期`));
      // The drawer slides in from the right: its place is read once it has arrived.
      await phone.waitForFunction(() => {
        const r = document.querySelector('.ant-drawer-content-wrapper')?.getBoundingClientRect();
        return r !== undefined && Math.round(r.x) <= 0;
      });
      const box = await phone.locator('.ant-drawer-content-wrapper').boundingBox();
      assert.ok(box && Math.round(box.width) === 390 && Math.round(box.x) === 0, `drawer box ${JSON.stringify(box)}`);
      await phone.screenshot({ path: '/tmp/fazhi-notifications-390.png' });
      assert.equal(await overflow(), 0, 'no horizontal scroll with the notification list open');
      await item.click();
      await phone.waitForURL(`**/records/${rec.id}`);
      await phone.waitForFunction(
        (n) => (document.querySelector('[data-testid="notification-count"] .ant-badge-count')?.getAttribute('title') ?? '0') === String(n),
        before - 1,
      );
      assert.equal(await unread(), before - 1);
    } finally {
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone the officer changes a rule’s reminder steps in the dialog and resets them', async () => {
    const { ctx, phone } = await officerPhone();
    try {
      await phone.goto(`${s.base}/calendar`);
      const row = phone.getByTestId('reminder-settings').locator('.ant-list-item', { hasText: '依申请公开答复期限' });
      await row.getByText('届满前 5 个工作日 · 承办人').waitFor();
      await row.getByRole('button', { name: /修\s*改/ }).click();
      const dialog = phone.locator('.ant-modal-content');
      const steps = dialog.getByTestId('reminder-step');
      await steps.first().waitFor();
      assert.equal(await steps.count(), 7);
      const box = await dialog.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `dialog box ${JSON.stringify(box)}`);
      await steps.first().getByRole('spinbutton').fill('-7');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await row.getByText('届满前 7 个工作日 · 承办人').waitFor();
      await row.getByText('本单位设定').waitFor();
      const stored = await t.db.selectFrom('setting').select(['key', 'value']).where('key', 'like', 'reminder.%').execute();
      assert.equal(stored.length, 1);
      assert.equal(stored[0].key, 'reminder.disclosure.request_reply.steps');
      assert.deepEqual(JSON.parse(stored[0].value)[0], { offset: -7, to: 'owner' });
      assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);

      await row.getByRole('button', { name: /恢复默认/ }).click();
      await phone
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await row.getByText('按默认').waitFor();
      assert.deepEqual(await t.db.selectFrom('setting').selectAll().where('key', 'like', 'reminder.%').execute(), []);
    } finally {
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone a ledger list shows 20 rows and the count, and 加载更多 brings the rest by cursor', async () => {
    const org = await t.db.selectFrom('org').select('id').where('name', '=', '某市民政局').executeTakeFirstOrThrow();
    for (let i = 0; i < 25; i++) {
      const at = new Date(Date.UTC(2020, 0, 1, 0, 0, i)).toISOString();
      await insertRecord(t.db, {
        id: `paging-${i}`,
        org_id: org.id,
        ledger: 'law_exam',
        unit_id: null,
        occurred_on: `2020-03-${String(i + 1).padStart(2, '0')}`,
        year: 2020,
        title: `分页测试${i}`,
        status: null,
        data: JSON.stringify({
          name: `分页测试${i}`,
          date: `2020-03-${String(i + 1).padStart(2, '0')}`,
          eligible: 10,
          participants: 9,
          passed: 9,
        }),
        version: 1,
        created_at: at,
        created_by: 'test',
        updated_at: at,
        updated_by: 'test',
      });
    }
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${s.base}/ledgers/law_exam`);
      const more = page.getByTestId('ledger-more');
      await more.getByText(/共 \d+ 条，已显示 20 条/).waitFor();
      const total = Number(/共 (\d+) 条/.exec((await more.textContent()) ?? '')?.[1]);
      assert.ok(total >= 25, `total ${total}`);
      const button = more.getByRole('button', { name: /加载更多/ });
      const box = await button.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `button box ${JSON.stringify(box)}`);
      await page.screenshot({ path: '/tmp/fazhi-ledger-more-390.png', fullPage: true });
      while (await button.count()) {
        const before = await page.locator('.ant-table-row').count();
        await button.click();
        await page.waitForFunction((n) => document.querySelectorAll('.ant-table-row').length > n, before);
      }
      await more.getByText(`共 ${total} 条，已显示 ${total} 条`).waitFor();
      assert.equal(await page.locator('.ant-table-row').count(), total);
      assert.equal(await page.locator('.ant-table-row', { hasText: '分页测试0' }).count(), 1, 'the oldest row is there once');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone an admin logs in in steps: enrolment shows the QR code and the recovery codes, a code logs in; the next login asks for a code', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const phone = await ctx.newPage();
      phone.setDefaultTimeout(15_000);
      phone.on('pageerror', (e) => errors.push(e.message));
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await phone.goto(`${s.base}/`);
      await phone.locator('#username').fill('sysadmin');
      await phone.locator('#password').fill(PASSWORD);
      await phone.getByRole('button', { name: /登\s*录/ }).click();
      await phone.getByTestId('login-enrol-second-factor').waitFor();
      const qr = await phone.locator('[data-testid="totp-qr"] svg').boundingBox();
      assert.ok(qr && qr.width >= 150 && qr.x >= 0 && qr.x + qr.width <= 390, `QR box ${JSON.stringify(qr)}`);
      await phone.screenshot({ path: '/tmp/fazhi-login-enrol-390.png', fullPage: true });
      assert.equal(await overflow(), 0, 'no horizontal scroll on the enrolment step');
      const secret = ((await phone.getByTestId('totp-secret').textContent()) ?? '').trim();
      enrolled.set('sysadmin', secret);
      await phone.locator('#code').fill('000000' === totpCode(secret) ? '111111' : '000000');
      await phone.getByRole('button', { name: /确认启用/ }).click();
      await phone
        .getByTestId('login-error')
        .getByText(/验证码不正确/)
        .waitFor();
      await phone.locator('#code').fill(totpCode(secret));
      await phone.getByRole('button', { name: /确认启用/ }).click();
      await phone.getByTestId('recovery-codes').waitFor();
      assert.equal(await phone.locator('[data-testid="recovery-codes"] .ant-list-item').count(), 10);
      await phone.screenshot({ path: '/tmp/fazhi-login-recovery-390.png', fullPage: true });
      assert.equal(await overflow(), 0, 'no horizontal scroll on the recovery codes');
      await phone.getByTestId('login-continue').click();
      await phone.getByTestId('current-user').waitFor();

      await phone.getByRole('button', { name: '退出' }).click();
      await phone
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /退\s*出/ })
        .click();
      await phone.locator('#username').fill('sysadmin');
      await phone.locator('#password').fill(PASSWORD);
      await phone.getByRole('button', { name: /登\s*录/ }).click();
      await phone.getByTestId('login-second-factor').waitFor();
      assert.equal(await overflow(), 0, 'no horizontal scroll on the code step');
      await phone.locator('#code').fill(totpCode(secret, 1));
      await phone.getByRole('button', { name: /确\s*定/ }).click();
      await phone.getByTestId('current-user').waitFor();
      await phone.getByTestId('account-security').click();
      await phone.getByTestId('second-factor-card').getByText('已启用').waitFor();
      await phone.getByText('剩余可用恢复码 10 个').waitFor();
      assert.equal(await overflow(), 0, 'no horizontal scroll on 账户安全');
    } finally {
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone the city admins work in a county: an account with a one-time password, its sessions, its audit rows; no page scrolls sideways', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const phone = await ctx.newPage();
      phone.setDefaultTimeout(15_000);
      phone.on('pageerror', (e) => errors.push(e.message));
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const signIn = async (username: string, landing: string) => {
        await ctx.clearCookies();
        await phone.goto(`${s.base}/`);
        await phone.locator('#username').fill(username);
        await phone.locator('#password').fill(PASSWORD);
        await phone.getByRole('button', { name: /登\s*录/ }).click();
        await passSecondFactor(phone, t.db, username);
        await phone.waitForURL(`**${landing}`);
      };
      /** Picks the county in the page's bureau selector (the first select of the page). */
      const pickCounty = async () => {
        await phone.locator('.fz-page .ant-select').first().click();
        await phone.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '某县民政局' }).click();
      };

      await signIn('sysadmin', '/admin/system');
      await pickCounty();
      await phone.locator('.ant-table-row', { hasText: 'county' }).first().waitFor();
      assert.equal(await phone.locator('.ant-table-row', { hasText: 'officer' }).count(), 0, 'only the county’s accounts');
      assert.equal(await overflow(), 0, 'no horizontal scroll on 系统管理 at 390px');
      await phone.getByRole('button', { name: /新建用户/ }).click();
      const dialog = phone.locator('.ant-modal:visible', { hasText: '新建用户' });
      await dialog.locator('#username').fill('web.county');
      await dialog.locator('#displayName').fill('网页新建');
      await dialog.locator('.ant-form-item', { hasText: '所属科室' }).locator('.ant-select').click();
      await phone.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '办公室' }).click();
      await dialog.getByRole('button', { name: /创\s*建/ }).click();
      const once = phone.locator('.ant-modal:visible', { hasText: '一次性密码' });
      await once.waitFor();
      const shown = ((await once.locator('.fz-one-time').textContent()) ?? '').trim();
      assert.match(shown, /^\S{16}$/);
      assert.equal(await once.locator('.ant-typography-copy').count(), 1, 'a copy button');
      assert.equal(await overflow(), 0, 'no horizontal scroll with the one-time password shown');
      await phone.screenshot({ path: '/tmp/fazhi-system-one-time-390.png' });
      await once.getByRole('button', { name: /我已记下/ }).click();
      const row = await t.db.selectFrom('app_user').selectAll().where('username', '=', 'web.county').executeTakeFirstOrThrow();
      const county = await t.db.selectFrom('org').select('id').where('name', '=', '某县民政局').executeTakeFirstOrThrow();
      assert.equal(row.org_id, county.id);
      assert.equal(Number(row.must_change_password), 1);

      // Two county accounts with a second factor: the officer's phone is lost; another 安全管理员's may not be reset by a peer.
      const factorOf = async (username: string) =>
        (await t.db.selectFrom('app_user').select('totp_secret').where('username', '=', username).executeTakeFirstOrThrow()).totp_secret;
      const enrol = (username: string) =>
        t.db
          .updateTable('app_user')
          .set({ totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enrolled_at: new Date().toISOString() })
          .where('username', '=', username)
          .execute();
      await createUserUnchecked(
        t.db,
        { userId: 'test', username: 'test', orgId: county.id, ip: 'test' },
        { username: 'sec.county', displayName: '县安全员', password: PASSWORD, role: 'secadmin', orgId: county.id },
        { oneTime: false },
      );
      await enrol('county');
      await enrol('sec.county');

      await signIn('secadmin', '/admin/security');
      await pickCounty();
      const target = phone.locator('.ant-table-row', { hasText: 'web.county' });
      await target.getByText('待改密码').waitFor();
      assert.equal(await overflow(), 0, 'no horizontal scroll on 安全管理 at 390px');
      const rowOf = (username: string) => phone.locator('.ant-table-row').filter({ has: phone.getByText(username, { exact: true }) });
      assert.equal(await target.getByRole('button', { name: '重置双因素' }).count(), 0, 'no reset for an account without a second factor');
      const lost = rowOf('county');
      await lost.getByText('已绑定验证器').waitFor();
      await lost.getByRole('button', { name: '重置双因素' }).click();
      await phone
        .locator('.ant-popover:visible', { hasText: '重新绑定验证器' })
        .getByRole('button', { name: /重\s*置/ })
        .click();
      await phone.locator('.ant-message').getByText('双因素认证已重置，用户下次登录时重新绑定').waitFor();
      assert.equal(await factorOf('county'), null, 'the officer enrols again at the next login');
      await lost.getByRole('button', { name: '重置双因素' }).waitFor({ state: 'detached' });
      assert.equal(await overflow(), 0, 'no horizontal scroll on 安全管理 after the reset');
      await phone.screenshot({ path: '/tmp/fazhi-security-factor-reset-390.png' });
      await rowOf('sec.county').getByRole('button', { name: '重置双因素' }).click();
      await phone
        .locator('.ant-popover:visible', { hasText: '县安全员' })
        .getByRole('button', { name: /重\s*置/ })
        .click();
      await phone
        .locator('.ant-message')
        .getByText(/三员分立：安全管理员不能重置同类管理员的双因素认证/)
        .waitFor();
      assert.ok(await factorOf('sec.county'), 'a peer 安全管理员 keeps its second factor');
      await target.getByRole('button', { name: '会话' }).click();
      const drawer = phone.locator('.ant-drawer-content-wrapper');
      await phone.getByText('该用户当前没有会话').waitFor();
      const box = await drawer.boundingBox();
      assert.ok(box && Math.round(box.width) === 390, `drawer box ${JSON.stringify(box)}`);
      await phone.screenshot({ path: '/tmp/fazhi-security-sessions-390.png' });
      await phone.keyboard.press('Escape');

      await signIn('auditor', '/admin/audit');
      await phone.getByText(/只显示改动的字段名/).waitFor();
      await pickCounty();
      // The city 系统管理员's creation of the county account is a row of the county.
      await phone.locator('.ant-table-row', { hasText: '新建用户' }).first().waitFor();
      assert.ok((await phone.locator('.ant-table-row').count()) > 0);
      for (const r of await phone.locator('.ant-table-row').all()) assert.match((await r.textContent()) ?? '', /某县民政局/);
      assert.equal(await overflow(), 0, 'no horizontal scroll on 审计日志 at 390px');
      await phone.screenshot({ path: '/tmp/fazhi-audit-county-390.png', fullPage: true });
    } finally {
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  it('logs out; the audit admin sees only the audit log and verifies its hash chain', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /退\s*出/ })
      .click();
    await page.locator('#username').fill('auditor');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await passSecondFactor(page, t.db, 'auditor');
    await page.waitForURL('**/admin/audit');
    await page.getByRole('menuitem', { name: '审计日志' }).waitFor();
    assert.equal(await page.getByRole('menuitem', { name: '工作台' }).count(), 0);
    await page.locator('.ant-table-row', { hasText: '新增记录' }).first().waitFor();
    await page.locator('.ant-table-row', { hasText: '确认报告内容' }).first().waitFor();
    assert.equal(await page.locator('.ant-table-row', { hasText: '其他操作（report.' }).count(), 0);
    await page.getByRole('button', { name: /校验哈希链/ }).click();
    await page.getByText(/哈希链完整/).waitFor();
    await page.getByText(/全部锚点与审计日志一致；已核对锚点 \d+ 个/).waitFor();
    await page.screenshot({ path: '/tmp/fazhi-audit.png' });
    assert.deepEqual(errors, []);
  });

  it('on a 390px phone the 系统管理员 sets the bureau’s 企业微信 robot, sees it masked, sends a test message and sees its result; a host not allowed is refused on its field', async () => {
    // A robot of our own on loopback, and an app server whose deployment allows it (a second server on the same database).
    const hits: Array<{ path: string; body: { msgtype?: string; markdown?: { content?: string } } }> = [];
    const robot = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hits.push({ path: new URL(req.url ?? '/', 'http://x').pathname, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.setHeader('content-type', 'application/json');
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    const recv = `127.0.0.1:${(robot.address() as AddressInfo).port}`;
    const key = 'browserwecomkey-0123456789abcdef';
    const s2 = await startServer(t.db, { webRoot: DIST, env: { WEBHOOK_ALLOWED_HOSTS: recv } });
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await watchCsp(ctx, cspViolations);
    try {
      const phone = await ctx.newPage();
      phone.setDefaultTimeout(15_000);
      phone.on('pageerror', (e) => errors.push(e.message));
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await phone.goto(`${s2.base}/`);
      await phone.locator('#username').fill('sysadmin');
      await phone.locator('#password').fill(PASSWORD);
      await phone.getByRole('button', { name: /登\s*录/ }).click();
      await phone.waitForURL('**/admin/system');
      await phone.getByRole('tab', { name: '消息渠道' }).click();
      const wecom = phone.getByTestId('channel-wecom');
      await wecom.waitFor();
      await wecom.locator('#url').fill(`http://${recv}/cgi-bin/webhook/send?key=${key}`);
      await wecom.getByRole('switch').click();
      await wecom.getByRole('button', { name: /保\s*存/ }).click();
      await wecom.getByText(`当前地址：${recv}/cgi-bin/webhook/send?key=****${key.slice(-4)}`).waitFor();
      assert.equal(await wecom.locator('#url').inputValue(), '', 'the field is emptied: the stored URL is never shown');
      assert.ok(!(await phone.content()).includes(key), 'the token is not on the page');
      await wecom.getByRole('button', { name: /发送测试消息/ }).click();
      const result = phone.getByTestId('channel-test-result-wecom');
      await result.waitFor();
      assert.match((await result.textContent()) ?? '', /成功.*已发送（对方答复：ok）/);
      assert.equal(hits.length, 1);
      assert.equal(hits[0]?.path, '/cgi-bin/webhook/send');
      assert.match(hits[0]?.body.markdown?.content ?? '', /^### 【测试】法治民政工作台消息测试/);

      const ding = phone.getByTestId('channel-dingtalk');
      await ding.locator('#url').fill('https://evil.example.com/robot/send?access_token=abc');
      await ding.getByRole('button', { name: /保\s*存/ }).click();
      await ding.locator('.ant-form-item-explain-error', { hasText: 'WEBHOOK_ALLOWED_HOSTS' }).waitFor();
      assert.equal(await overflow(), 0, 'no horizontal scroll on 消息渠道 at 390px');
      await phone.screenshot({ path: '/tmp/fazhi-system-channels-390.png', fullPage: true });
      const stored = await t.db.selectFrom('channel_setting').select(['channel', 'enabled']).orderBy('channel').execute();
      assert.deepEqual(
        stored.map((r) => [r.channel, Number(r.enabled)]),
        [['wecom', 1]],
        'the refused 钉钉 URL wrote nothing',
      );
    } finally {
      await ctx.close();
      await s2.close();
      await new Promise<void>((resolve) => robot.close(() => resolve()));
    }
  });

  it('breaks no rule of the Content-Security-Policy on any page it visited', async () => {
    const csp = (await page.request.get(`${s.base}/`)).headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.deepEqual(cspViolations, []);
  });
});
