/**
 * What every browser test file shares: Debian's Chromium through playwright-core with the flags this
 * closed network needs, the built web app (built here when web/dist is missing), a CSP watch, and a
 * 390 × 844 phone context logged in through the form.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD } from './helpers.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'web', 'dist');
export const CHROMIUM = process.env.FAZHI_CHROMIUM ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Outside CI a machine without Chromium skips browser files; in CI (CI=true) a missing browser fails them. */
export const browserSkip: string | false = fs.existsSync(CHROMIUM) || process.env.CI ? false : `没有找到浏览器 ${CHROMIUM}`;

/** Builds web/dist when it is missing (CI builds it before the suite). */
export function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(DIST, 'index.html'))) return;
  const r = spawnSync('npx', ['vite', 'build', 'web'], { cwd: ROOT, stdio: 'inherit' });
  assert.equal(r.status, 0, 'vite build web failed');
}

/** Collects the page's Content-Security-Policy violations into `into`. */
export async function watchCsp(ctx: BrowserContext, into: string[]): Promise<void> {
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  ctx.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|CSP violation/i.test(text)) into.push(`${m.location().url}: ${text}`);
  });
}

/** A 390×844 phone context (its own cookies) with `username` logged in; the caller closes it. */
export async function phoneLoggedIn(
  browser: Browser,
  base: string,
  username: string,
  watch: { errors: string[]; csp: string[] },
): Promise<{ ctx: BrowserContext; phone: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await watchCsp(ctx, watch.csp);
  const phone = await ctx.newPage();
  phone.setDefaultTimeout(15_000);
  phone.on('pageerror', (e) => watch.errors.push(e.message));
  await phone.goto(`${base}/`);
  await phone.locator('#username').fill(username);
  await phone.locator('#password').fill(PASSWORD);
  await phone.getByRole('button', { name: /登\s*录/ }).click();
  await phone.getByTestId('current-user').waitFor();
  return { ctx, phone };
}

/** How far the page scrolls sideways (0 when it fits the viewport). */
export const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
