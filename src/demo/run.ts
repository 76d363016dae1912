/** `fazhi demo`: recreate ./data/demo.db, load the demo, print the accounts and serve the web app. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp } from '../http/app.ts';
import { installDeploymentKey } from '../keys/deployment-key.ts';
import { startDeploymentJobs } from '../scheduler/jobs.ts';
import { loadDemo } from './load.ts';

export const DEMO_DB = process.env.FAZHI_DEMO_DB ?? './data/demo.db';

function pad(s: string, width: number): string {
  // CJK characters take two columns in a terminal.
  const w = [...s].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, width - w));
}

/**
 * The demo's own key and anchor file beside its database, never a deployment's: the anchors go with
 * the database they describe (removed with it), the key stays.
 */
function demoConfig(cfg: Config, file: string): Config {
  const base = file.replace(/\.db$/, '');
  return { ...cfg, databaseUrl: file, keyFile: `${base}.key`, secret: null, auditAnchorFile: `${base}-audit-anchors.jsonl` };
}

export async function runDemo(appCfg: Config, opts: { serve?: boolean; lawsDir?: string } = {}): Promise<void> {
  const file = path.resolve(DEMO_DB);
  const cfg = demoConfig(appCfg, file);
  console.log(`演示数据库：${file}（每次运行 fazhi demo 都会删除并重建，请勿在其中保存真实数据）`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.rmSync(cfg.auditAnchorFile, { force: true });
  installDeploymentKey(cfg);
  const db = openDatabase(file, { synchronous: cfg.sqliteSynchronous });
  await migrateToLatest(db);
  const started = Date.now();
  console.log('正在装入演示数据（某市民政局及示范县、和平县民政局，2025年1月1日至今）…');
  const res = await loadDemo(db, { log: (l) => console.log(l), lawsDir: opts.lawsDir });
  const total = Object.values(res.counts).reduce((s, n) => s + n, 0);
  console.log(`共 ${Object.keys(res.counts).length} 本台账、${total} 条记录，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  if (res.reports.length) console.log(`已生成上一年度报告草稿 ${res.reports.length} 份（可在“报告”页面修改、导出 Word）`);
  if (res.skipped.length) {
    console.log(
      `提示：有 ${res.skipped.length} 条演示记录未通过校验而跳过，例如：${res.skipped
        .slice(0, 3)
        .map((s) => `${s.ledger}（${s.reason}）`)
        .join('；')}`,
    );
  }
  console.log('\n演示账号（密码仅用于本机演示，生产环境请用 fazhi user add 另建账号）：');
  console.log(`  ${pad('用户名', 16)}${pad('密码', 16)}${pad('角色', 12)}${pad('姓名', 12)}单位`);
  for (const a of res.accounts) {
    console.log(
      `  ${pad(a.username, 16)}${pad(a.password, 16)}${pad(a.roleLabel, 12)}${pad(a.displayName, 12)}${a.orgName}${a.unitName ? ` ${a.unitName}` : ''}`,
    );
  }
  const withTotp = res.accounts.filter((a) => a.totp);
  if (withTotp.length && cfg.secondFactor !== 'off') {
    console.log(
      '\n三员账号登录时还须输入验证码：请在手机的验证器 App（如 Microsoft Authenticator、Google 身份验证器）中“添加账户”→“输入密钥”，填入下面的密钥（或用 otpauth 地址），登录时输入 App 显示的 6 位数字：',
    );
    for (const a of withTotp) console.log(`  ${pad(a.username, 16)}密钥 ${a.totp?.secret}\n  ${pad('', 16)}${a.totp?.uri}`);
    console.log('  （手边没有验证器 App 时，可用 SECOND_FACTOR=off npm run demo 启动，仅限本机演示）');
  }
  if (opts.serve === false) {
    await db.destroy();
    return;
  }
  const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  if (!fs.existsSync(path.join(webRoot, 'index.html')))
    console.log('\n提示：未找到网页界面（web/dist），请先运行 npm run build:web；接口仍可使用。');
  const app = await buildApp(db, cfg, { webRoot });
  await app.listen({ host: cfg.host, port: cfg.port });
  const host = cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host;
  console.log(`\n法治民政工作台（演示）已启动：http://${host}:${cfg.port}/`);
  console.log('推荐先用 city.officer（市局法治专干）登录，可查看市局及两个县局的汇总；按 Ctrl+C 停止。');
  const jobs = startDeploymentJobs(db, cfg);
  const stop = async () => {
    await jobs.stop();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
