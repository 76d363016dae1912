/**
 * The command line: `fazhi serve | demo | migrate | org add | unit add | user add | user unlock |
 * user reset-2fa | report | import | export | laws import | deadlines list | deadlines settings |
 * deadlines set | calendar years | calendar import-year | reminders run | ledgers upgrade | backup | restore | audit verify |
 * audit anchor`. Every write goes through the same services as the API (validation and
 * audit included). Messages are Chinese; a failure prints one line and exits with code 1 (set
 * FAZHI_DEBUG=1 to see the stack).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { verifyAudit, writeAnchor } from './audit/anchor.service.ts';
import { verifyAuditChain } from './audit/audit.service.ts';
import type { DeadlineSetting } from './calendar/deadline-settings.service.ts';
import { type Config, loadConfig } from './config.ts';
import { createBackup, readBackupFile, restoreBackup } from './db/backup.ts';
import { isPostgresUrl, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Db } from './db/types.ts';
import { AppError, errorLine } from './errors.ts';
import { installDeploymentKey } from './keys/deployment-key.ts';
import { upgradeStoredPayloads } from './ledger/upgrade.service.ts';
import { createOrgUnchecked, createUnitUnchecked, createUserUnchecked, listOrgsUnchecked, listUnits } from './org/org.service.ts';
import { PASSWORD_MSG } from './org/password-policy.ts';
import { resetSecondFactorUnchecked, unlockAccount, userByUsername } from './org/login.service.ts';
import { isRole, ROLE_KEYS, ROLES, type Role } from './org/roles.ts';
import { type Scope, subtree, systemScope } from './org/scope.ts';
import { startDeploymentJobs } from './scheduler/jobs.ts';
import { isValidDate } from './util/time.ts';

export class CliError extends Error {}

const HELP = `法治民政工作台 命令行工具

用法：fazhi <命令> [选项]

命令：
  serve                      迁移数据库后启动服务
  demo                       建立演示库 ./data/demo.db（每次运行删除重建）、装入演示数据并启动服务
      [--laws <文件夹>]        同时把文件夹中的法规全文（LawRefBook 格式）导入各局法律法规库
  migrate                    把数据库结构升级到最新
  org add                    新建单位（首次部署先建本局）
      --name <全称> --level <city|county|province> [--short-name <简称>] [--region <地区>] [--parent <上级单位>]
  unit add                   新建科室或下属单位
      --org <单位> --name <名称> [--kind <科室|事业单位|乡镇>]
  user add                   新建用户
      --username <用户名> --role <角色> [--name <姓名>] [--org <单位>] [--unit <科室>] [--password <密码>]
      角色：${ROLE_KEYS.map((r) => `${r}（${ROLES[r]}）`).join('、')}；admin 等同 sysadmin
      密码也可由环境变量 FAZHI_PASSWORD 提供；都不提供时在终端提示输入（推荐，--password 会留在命令历史中）
      三类管理员可省略 --username：admin、secadmin、auditor 即为用户名；这样设定的密码为一次性密码，首次登录时须修改
  user unlock                解除账户的登录锁定（连续登录失败后的锁定）
      --username <用户名>
  user reset-2fa             重置账户的双因素认证（手机丢失时）；三类管理员下次登录时须重新绑定验证器 App
      --username <用户名>
  report                     生成报告 Word 文件
      --kind <报告种类> --year <年度> --org <单位> --out <文件.docx> [--rollup] [--overwrite]
      已有草稿时在原草稿上重新生成为新版本；草稿改过时须加 --overwrite（覆盖修改）
  import                     从 Excel 模板或修改后的导出文件导入台账记录（带记录编号的行更新原记录，其余新增；全部成功或全部不导入）
      --ledger <台账> --file <文件.xlsx> --org <单位> [--dry-run]   --dry-run 只检查并报告新增、更新、未变、疑似重复的条数
      一次最多 IMPORT_MAX_ROWS 行（默认 50000）；进度输出到标准错误
  export                     导出台账记录为 Excel
      --ledger <台账> --org <单位> --out <文件.xlsx> [--year <年度>]
  laws import                把法律法规文本（.md 或 .txt）导入法律法规库（每个文件全部成功或全部不导入；同一版本再次导入时不变）
      --dir <文件夹> --org <单位>     遍历文件夹及子文件夹，子文件夹名为类别（如 行政法规）
      --file <文件> --org <单位> [--category <类别>]
  deadlines list             列出法定期限（届满日、状态、期限规则、记录、依据），按届满日排序
      [--org <单位>] [--due-within <天数>] [--status open|overdue|done|all]
      --due-within N 只列届满日在今天起 N 个自然日内的（含已逾期的）；--status 默认 open（未办结）
  deadlines settings         列出本单位可设定的期限（法定默认值与本单位设定值）
      [--org <单位>]
  deadlines set              设定本单位的期限数值，或用 --reset 恢复默认
      --rule <期限规则> --amount <数值> [--org <单位>]
      --rule <期限规则> --reset [--org <单位>]
  calendar years             列出各年度放假安排是否已覆盖（内置、管理员录入并确认完整、部分调整、未录入）
  calendar import-year       从国务院办公厅放假通知正文（文本文件）录入一年的放假与调休上班日，替换该年已有调整
      <年度> --file <通知.txt> [--dry-run] [--complete]   也可写 --year <年度>
      --dry-run 只识别并列出日期，不写入；--complete 同时确认该年已完整录入（此后不再按法定节日推算）
  reminders run              按提醒规则发送今天到期的期限提醒（站内通知；每一步对每人只发一次，不受工作时间限制）
      [--dry-run] [--today <YYYY-MM-DD>]   --dry-run 只列出将发送的提醒，不写入任何数据
  ledgers upgrade            把按旧版台账声明保存的记录（旧版本、改名字段）改写为当前声明（单一事务，记入审计日志）
      [--dry-run]                   只列出需要升级的记录数
  backup                     逻辑备份全部数据（先校验审计日志哈希链；带各表行数与摘要的清单，以部署密钥签名）
      --out <文件.json 或 文件.json.gz>
  restore                    把备份恢复到新建的空数据库（先核对签名与各表摘要，单一事务，完成后校验哈希链）
      --in <备份文件> [--allow-unsigned]   --allow-unsigned 接受旧版本没有签名的备份
  audit verify               校验审计日志哈希链（早期未加密钥部分与加密钥部分）和锚点文件中的每个锚点
  audit anchor               立即把审计日志链头写入锚点文件（AUDIT_ANCHOR_FILE）与数据库
  help                       显示本帮助

<单位> 可以是单位编号、全称或简称；<科室> 可以是编号或名称。

环境变量：
  DATABASE_URL   SQLite 文件路径（默认 ./data/fazhi.db）或 PostgreSQL 地址 postgres://用户@主机:端口/库
  PORT、HOST     服务监听端口与地址（默认 3000、127.0.0.1）
  FAZHI_KEY_FILE 部署密钥文件（默认与 SQLite 文件同目录的 fazhi.key，PostgreSQL 时为 ./data/fazhi.key；首次启动时生成），
                 或用 FAZHI_SECRET 直接给出密钥；同一部署的所有服务器须相同
  AUDIT_ANCHOR_FILE、AUDIT_ANCHOR_MINUTES  审计锚点文件（默认与密钥文件同目录的 audit-anchors.jsonl）与写入间隔（默认 60 分钟）
  REMINDER_MINUTES、REMINDER_HOURS  期限提醒的运行间隔（默认 10 分钟）与发送时段（默认 8-18 时，北京时间，仅工作日）
  PUBLIC_URL     用户访问本系统的网址（邮件和群机器人消息中的链接用；未设置时消息不带链接）
  其余见 src/config.ts（会话超时、登录失败锁定、密码有效期等）
`;

const OPTIONS = {
  name: { type: 'string' },
  'short-name': { type: 'string' },
  level: { type: 'string' },
  region: { type: 'string' },
  parent: { type: 'string' },
  kind: { type: 'string' },
  username: { type: 'string' },
  role: { type: 'string' },
  org: { type: 'string' },
  unit: { type: 'string' },
  password: { type: 'string' },
  year: { type: 'string' },
  out: { type: 'string' },
  in: { type: 'string' },
  file: { type: 'string' },
  ledger: { type: 'string' },
  dir: { type: 'string' },
  laws: { type: 'string' },
  category: { type: 'string' },
  rule: { type: 'string' },
  amount: { type: 'string' },
  today: { type: 'string' },
  reset: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'due-within': { type: 'string' },
  status: { type: 'string' },
  complete: { type: 'boolean' },
  rollup: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  'allow-unsigned': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Opts = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

const CLI_ACTOR = { userId: 'cli', username: 'cli', orgId: '', ip: 'cli' };
const CLI_MSG = { oneTime: '该密码为一次性密码，用户首次登录时须修改' } as const;

function need(opts: Opts, key: keyof Opts, what: string): string {
  const v = opts[key];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`缺少参数 --${key}（${what}）`);
  return v.trim();
}

function yearOf(s: string): number {
  const y = Number(s);
  if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new CliError(`年度“${s}”无效，应为 2000 到 2100 之间的整数`);
  return y;
}

export function describeDb(url: string): string {
  return isPostgresUrl(url) ? `PostgreSQL（${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}）` : `SQLite 文件 ${path.resolve(url)}`;
}

async function withDb<T>(cfg: Config, fn: (db: Db) => Promise<T>, migrate = true): Promise<T> {
  const db = openDatabase(cfg.databaseUrl, { synchronous: cfg.sqliteSynchronous });
  try {
    if (migrate) await migrateToLatest(db);
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/** A bureau by id, full name or short name. */
export async function resolveOrg(db: Db, ref: string | undefined): Promise<{ id: string; name: string }> {
  const all = await listOrgsUnchecked(db);
  if (all.length === 0) throw new CliError('数据库中还没有任何单位，请先运行：fazhi org add --name 某市民政局 --level city');
  if (!ref) {
    const roots = all.filter((o) => !o.parent_id);
    if (all.length === 1 || roots.length === 1) {
      const o = all.length === 1 ? all[0] : roots[0];
      return { id: o.id, name: o.name };
    }
    throw new CliError('请用 --org 指定单位（编号、全称或简称）');
  }
  const hits = all.filter((o) => o.id === ref || o.name === ref || o.short_name === ref);
  if (hits.length === 0) throw new CliError(`找不到单位“${ref}”。现有单位：${all.map((o) => o.name).join('、')}`);
  if (hits.length > 1) throw new CliError(`“${ref}”对应多个单位，请改用单位编号：${hits.map((o) => `${o.name}（${o.id}）`).join('、')}`);
  return { id: hits[0].id, name: hits[0].name };
}

async function resolveUnit(db: Db, orgId: string, ref: string): Promise<string> {
  const units = await listUnits(db, systemScope(orgId));
  const hit = units.find((u) => u.id === ref || u.name === ref);
  if (!hit) throw new CliError(`该单位下没有科室“${ref}”。现有科室：${units.map((u) => u.name).join('、') || '（无）'}`);
  return hit.id;
}

/** The CLI acts as the officer of the bureau, reading its subtree (as the officer would). */
async function cliScope(db: Db, orgId: string): Promise<Scope> {
  return systemScope(orgId, await subtree(db, orgId));
}

async function readHidden(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput?: (s: string) => void; output: NodeJS.WriteStream };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted || s.includes('\n')) process.stdout.write(muted ? '\n' : s);
  };
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}

async function passwordFrom(opts: Opts): Promise<string> {
  if (opts.password) return opts.password;
  if (process.env.FAZHI_PASSWORD) return process.env.FAZHI_PASSWORD;
  if (!process.stdin.isTTY) throw new CliError('请用 --password 或环境变量 FAZHI_PASSWORD 提供密码');
  const a = await readHidden(`请输入密码（${PASSWORD_MSG.rule}）：`);
  const b = await readHidden('请再输入一次：');
  if (a !== b) throw new CliError('两次输入的密码不一致');
  return a;
}

async function cmdServe(cfg: Config): Promise<void> {
  const db = openDatabase(cfg.databaseUrl, { synchronous: cfg.sqliteSynchronous });
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`已完成数据库迁移：${applied.join('、')}`);
  const { buildApp } = await import('./http/app.ts');
  const app = await buildApp(db, cfg, { logger: process.env.FAZHI_LOG === '1' });
  await app.listen({ host: cfg.host, port: cfg.port });
  // The port actually bound: with PORT=0 the system picks a free one (the crash test starts servers so).
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
  console.log(`法治民政工作台已启动：http://${cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host}:${port}/`);
  console.log(`数据库：${describeDb(cfg.databaseUrl)}`);
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

async function cmdOrgAdd(cfg: Config, opts: Opts): Promise<void> {
  const name = need(opts, 'name', '单位全称');
  const level = need(opts, 'level', 'city、county 或 province');
  if (!['city', 'county', 'province'].includes(level))
    throw new CliError(`级别“${level}”无效，应为 city（市）、county（县）或 province（省）`);
  await withDb(cfg, async (db) => {
    const parent = opts.parent ? await resolveOrg(db, opts.parent) : null;
    const id = await createOrgUnchecked(db, CLI_ACTOR, {
      name,
      level: level as 'city' | 'county' | 'province',
      shortName: opts['short-name'],
      region: opts.region,
      parentId: parent?.id ?? null,
    });
    console.log(`已新建单位“${name}”，编号 ${id}`);
  });
}

async function cmdUnitAdd(cfg: Config, opts: Opts): Promise<void> {
  const name = need(opts, 'name', '科室名称');
  const kind = opts.kind ?? '科室';
  if (!['科室', '事业单位', '乡镇'].includes(kind)) throw new CliError(`类别“${kind}”无效，应为 科室、事业单位 或 乡镇`);
  await withDb(cfg, async (db) => {
    const org = await resolveOrg(db, opts.org);
    const id = await createUnitUnchecked(db, { ...CLI_ACTOR, orgId: org.id }, org.id, { name, kind: kind as '科室' });
    console.log(`已在“${org.name}”下新建${kind}“${name}”，编号 ${id}`);
  });
}

async function cmdUserAdd(cfg: Config, opts: Opts): Promise<void> {
  const roleIn = need(opts, 'role', ROLE_KEYS.join('、'));
  const role: string = roleIn === 'admin' ? 'sysadmin' : roleIn;
  // The three admin accounts may keep their role as the user name (`fazhi user add --role admin`).
  const username = opts.username?.trim() || (roleIn === 'admin' ? 'admin' : role === 'secadmin' || role === 'auditor' ? role : '');
  if (!username) throw new CliError('缺少参数 --username（登录用户名）');
  if (!isRole(role)) throw new CliError(`角色“${roleIn}”无效，应为以下之一：${ROLE_KEYS.map((r) => `${r}（${ROLES[r]}）`).join('、')}`);
  await withDb(cfg, async (db) => {
    const org = await resolveOrg(db, opts.org);
    const unitId = opts.unit ? await resolveUnit(db, org.id, opts.unit) : null;
    const password = await passwordFrom(opts);
    const id = await createUserUnchecked(
      db,
      { ...CLI_ACTOR, orgId: org.id },
      {
        username,
        displayName: opts.name ?? ROLES[role as Role],
        password,
        role,
        orgId: org.id,
        unitId,
      },
    );
    console.log(`已新建用户 ${username}（${ROLES[role as Role]}，${org.name}），编号 ${id}；${CLI_MSG.oneTime}`);
  });
}

async function cmdUserUnlock(cfg: Config, opts: Opts): Promise<void> {
  const username = need(opts, 'username', '登录用户名');
  await withDb(cfg, async (db) => {
    const u = await userByUsername(db, username);
    await unlockAccount(db, { ...CLI_ACTOR, orgId: u.org_id }, u);
    console.log(`已解除用户 ${username} 的登录锁定`);
  });
}

async function cmdUserReset2fa(cfg: Config, opts: Opts): Promise<void> {
  const username = need(opts, 'username', '登录用户名');
  await withDb(cfg, async (db) => {
    const u = await userByUsername(db, username);
    await resetSecondFactorUnchecked(db, { ...CLI_ACTOR, orgId: u.org_id }, u);
    console.log(`已重置用户 ${username} 的双因素认证，其会话已结束；如其角色要求，下次登录时须重新绑定验证器 App`);
  });
}

async function cmdReport(cfg: Config, opts: Opts): Promise<void> {
  const kind = need(opts, 'kind', '报告种类');
  const year = yearOf(need(opts, 'year', '年度'));
  const out = need(opts, 'out', '输出的 .docx 文件');
  await import('./modules/index.ts');
  const { listKinds, renderReportDocx } = await import('./reports/report.service.ts');
  const kinds = listKinds();
  if (!kinds.some((k) => k.kind === kind))
    throw new CliError(`报告种类“${kind}”无效，应为以下之一：${kinds.map((k) => `${k.kind}（${k.label}）`).join('、')}`);
  await withDb(cfg, async (db) => {
    const org = await resolveOrg(db, opts.org);
    const input = { kind, year, orgId: org.id, rollup: Boolean(opts.rollup), overwrite: Boolean(opts.overwrite) };
    const buf = await renderReportDocx(db, await cliScope(db, org.id), input).catch((e: unknown) => {
      if (e instanceof AppError && e.field === 'overwrite') throw new CliError(`${e.detail}；确需覆盖，请加 --overwrite`);
      throw e;
    });
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, buf);
    console.log(`已生成 ${org.name} ${year} 年度报告：${path.resolve(out)}（${buf.length} 字节）`);
  });
}

/** Loaded on demand so that `help`, `migrate` and `user add` start fast. */
async function ledgerTools() {
  await import('./modules/index.ts');
  const { getLedger } = await import('./ledger/registry.ts');
  const { exportLedgerXlsx, importLedgerXlsx, importLimits } = await import('./ledger/excel.ts');
  return { getLedger, exportLedgerXlsx, importLedgerXlsx, importLimits };
}

const IMPORT_PHASE = { reading: '读取文件', checking: '检查', writing: '写入' } as const;

/** Prints how far an import has come to stderr, at most once a second (stdout keeps the result alone). */
function importProgressPrinter() {
  let last = 0;
  return (p: { phase: keyof typeof IMPORT_PHASE; done: number; total: number | null }) => {
    const now = Date.now();
    if (now - last < 1000 && p.done !== p.total) return;
    last = now;
    const pct = p.total ? `（${Math.floor((p.done / p.total) * 100)}%）` : '';
    process.stderr.write(`导入进度：${IMPORT_PHASE[p.phase]} ${p.done}${p.total === null ? '' : `/${p.total}`} 行${pct}\n`);
  };
}

async function cmdImport(cfg: Config, opts: Opts): Promise<void> {
  const ledgerKey = need(opts, 'ledger', '台账标识，例如 study_session');
  const file = need(opts, 'file', 'Excel 文件');
  const { getLedger, importLedgerXlsx, importLimits } = await ledgerTools();
  const ledger = getLedger(ledgerKey);
  if (!fs.existsSync(file)) throw new CliError(`找不到文件：${file}`);
  await withDb(cfg, async (db) => {
    const org = await resolveOrg(db, opts.org);
    const res = await importLedgerXlsx(db, systemScope(org.id), ledgerKey, fs.readFileSync(file), {
      dryRun: Boolean(opts['dry-run']),
      fileName: path.basename(file),
      ...importLimits(cfg),
      onProgress: importProgressPrinter(),
    });
    const counts = `新增 ${res.created} 条，更新 ${res.updated} 条，未变 ${res.unchanged} 条，疑似重复 ${res.duplicates} 条`;
    console.log(
      res.dryRun
        ? `试导入检查通过：${res.count} 行可以导入 ${org.name}“${ledger.label}”：${counts}（未写入）`
        : `已导入 ${org.name}“${ledger.label}”：${counts}`,
    );
  });
}

async function cmdExport(cfg: Config, opts: Opts): Promise<void> {
  const ledgerKey = need(opts, 'ledger', '台账标识，例如 study_session');
  const out = need(opts, 'out', '输出的 .xlsx 文件');
  const { getLedger, exportLedgerXlsx } = await ledgerTools();
  const ledger = getLedger(ledgerKey);
  await withDb(cfg, async (db) => {
    const org = await resolveOrg(db, opts.org);
    const buf = await exportLedgerXlsx(db, await cliScope(db, org.id), ledgerKey, opts.year ? { year: yearOf(opts.year) } : {});
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, buf);
    console.log(`已导出 ${org.name}“${ledger.label}”：${path.resolve(out)}`);
  });
}

async function cmdLawsImport(cfg: Config, opts: Opts): Promise<void> {
  if (!opts.dir && !opts.file) throw new CliError('缺少参数 --dir（法规文本所在文件夹）或 --file（一个法规文本文件）');
  if (opts.dir && opts.file) throw new CliError('--dir 与 --file 只能选一个');
  await import('./modules/index.ts');
  const { isLawCategory } = await import('./modules/law/law.service.ts');
  const { folderCategory, importLawFiles, lawFilesUnder } = await import('./modules/law/law-files.ts');
  const { LAW_CATEGORIES } = await import('./modules/law/law.ledger.ts');
  const { LAW_MSG } = await import('./modules/law/law.messages.ts');
  if (opts.category && !isLawCategory(opts.category))
    throw new CliError(`类别“${opts.category}”无效，应为以下之一：${LAW_CATEGORIES.join('、')}`);
  let files: string[];
  if (opts.dir) {
    if (!fs.existsSync(opts.dir) || !fs.statSync(opts.dir).isDirectory()) throw new CliError(`找不到文件夹：${opts.dir}`);
    files = lawFilesUnder(opts.dir);
    if (files.length === 0) throw new CliError(`文件夹 ${opts.dir} 中没有 .md 或 .txt 文件`);
  } else {
    const file = need(opts, 'file', '法规文本文件');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`找不到文件：${file}`);
    files = [file];
  }
  await withDb(cfg, async (db) => {
    const org = await resolveOrg(db, opts.org);
    const res = await importLawFiles(
      db,
      systemScope(org.id),
      files.map((f) => ({
        path: f,
        name: opts.dir ? path.relative(opts.dir, f) : path.basename(f),
        category: opts.category ?? folderCategory(f),
      })),
      (line) => console.log(line),
    );
    console.log(LAW_MSG.filesSummary(org.name, res));
    const failed = res.failed.map((f) => f.file);
    if (failed.length) throw new CliError(`有 ${failed.length} 个文件未导入（原因见上）：${failed.join('、')}`);
  });
}

async function deadlineSettingTools() {
  await import('./modules/index.ts');
  return import('./calendar/deadline-settings.service.ts');
}

function settingLine(s: DeadlineSetting): string {
  const own =
    s.amount === null
      ? `按默认 ${s.defaultAmount} ${s.unitLabel}`
      : `本单位 ${s.amount} ${s.unitLabel}（默认 ${s.defaultAmount} ${s.unitLabel}；${s.updatedBy ?? ''} ${s.updatedAt?.slice(0, 10) ?? ''} 设定）`;
  return `${s.ruleKey}  ${s.label}：${own}`;
}

async function cmdDeadlineSettings(cfg: Config, opts: Opts): Promise<void> {
  const { listDeadlineSettings } = await deadlineSettingTools();
  await withDb(cfg, async (db) => {
    const org = await resolveOrg(db, opts.org);
    const list = await listDeadlineSettings(db, systemScope(org.id));
    console.log(`${org.name} 可设定的期限（${list.length} 项）：`);
    for (const s of list) console.log(settingLine(s));
  });
}

async function cmdDeadlineSet(cfg: Config, opts: Opts): Promise<void> {
  const rule = need(opts, 'rule', '期限规则，可用 fazhi deadlines settings 查看');
  if (opts.reset && opts.amount !== undefined) throw new CliError('--amount 与 --reset 只能选一个');
  const amount = opts.reset ? null : Number(need(opts, 'amount', '期限数值，整数'));
  const { resetDeadlineSetting, setDeadlineSetting } = await deadlineSettingTools();
  await withDb(cfg, async (db) => {
    const org = await resolveOrg(db, opts.org);
    const scope = systemScope(org.id);
    const s = amount === null ? await resetDeadlineSetting(db, scope, rule) : await setDeadlineSetting(db, scope, rule, amount);
    console.log(amount === null ? `已恢复 ${org.name} 的默认期限：` : `已设定 ${org.name} 的期限：`);
    console.log(settingLine(s));
  });
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Rows as aligned columns (the last column is not padded). */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_c, i) => Math.max(...rows.map((r) => textWidth(r[i] ?? ''))));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - textWidth(c))))
      .join('  ')
      .trimEnd(),
  );
}

const DEADLINE_STATUS_OPTS = ['open', 'overdue', 'done', 'all'] as const;

/** `fazhi deadlines list`: the deadlines the bureau's officer sees (its subtree), soonest first. */
async function cmdDeadlineList(cfg: Config, opts: Opts): Promise<void> {
  const status = opts.status ?? 'open';
  if (!DEADLINE_STATUS_OPTS.some((s) => s === status)) throw new CliError(`状态“${status}”无效，应为 open、overdue、done 或 all`);
  let within: number | null = null;
  if (opts['due-within'] !== undefined) {
    within = Number(opts['due-within']);
    if (!Number.isInteger(within) || within < 0 || within > 3660)
      throw new CliError(`天数“${opts['due-within']}”无效，应为 0 到 3660 之间的整数`);
  }
  await import('./modules/index.ts');
  const { listDeadlines } = await import('./calendar/deadlines.ts');
  const { addDays, today } = await import('./util/time.ts');
  await withDb(cfg, async (db) => {
    const org = await resolveOrg(db, opts.org);
    const scope = await cliScope(db, org.id);
    const now = today();
    const all = await listDeadlines(db, scope, { status: status as (typeof DEADLINE_STATUS_OPTS)[number] });
    const limit = within === null ? null : addDays(now, within);
    const list = limit === null ? all : all.filter((d) => d.due <= limit);
    const span = limit === null ? '' : `，届满日不晚于 ${limit}（今天 ${now} 起 ${within} 日内，含已逾期）`;
    console.log(
      `${org.name} 的法定期限（${{ open: '未办结', overdue: '已逾期', done: '已办结', all: '全部' }[status]}${span}）：共 ${list.length} 项`,
    );
    if (list.length === 0) return;
    const remaining = (d: (typeof list)[number]) =>
      d.remainingWorkdays === null
        ? ''
        : d.remainingWorkdays < 0
          ? `（${-d.remainingWorkdays}个工作日）`
          : `（剩${d.remainingWorkdays}个工作日）`;
    const rows = [['届满日', '状态', '期限规则', '记录', '依据']];
    for (const d of list) rows.push([d.due, `${d.status}${remaining(d)}`, d.label, d.title, d.basis]);
    const lines = table(rows);
    console.log(lines[0]);
    list.forEach((d, i) => {
      console.log(lines[i + 1]);
      // Said on its own line, as on the web page: the due date is an estimate in a year without the arrangement.
      if (d.calendarNote) console.log(`  注：${d.calendarNote}`);
    });
  });
}

/** The CLI as the system administrator for the national holiday calendar (the overrides are not per bureau). */
async function cliCalendarScope(): Promise<Scope> {
  const { permsOf } = await import('./org/roles.ts');
  return { ...systemScope(''), userId: 'cli', username: 'cli', displayName: '命令行', role: 'sysadmin', perms: permsOf('sysadmin') };
}

async function cmdCalendarYears(cfg: Config): Promise<void> {
  const { yearCoverage } = await import('./calendar/years.service.ts');
  await withDb(cfg, async (db) => {
    const rows = [['年度', '已覆盖', '情况', '放假日', '调休上班日', '确认人与时间']];
    for (const y of await yearCoverage(db)) {
      const who = y.markedBy ? `${y.markedBy} ${y.markedAt?.slice(0, 10) ?? ''}` : '';
      rows.push([String(y.year), y.covered ? '是' : '否', y.statusLabel, String(y.holidays), String(y.workdays), who]);
    }
    for (const l of table(rows)) console.log(l);
  });
}

async function cmdCalendarImportYear(cfg: Config, opts: Opts, yearArg: string | undefined): Promise<void> {
  if (yearArg && opts.year && yearArg !== opts.year) throw new CliError('年度写了两次且不一致');
  const year = yearOf(yearArg ?? need(opts, 'year', '年度，例如 2027'));
  const file = need(opts, 'file', '放假通知正文的文本文件');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`找不到文件：${file}`);
  const { parseYearNotice, saveYearArrangement } = await import('./calendar/years.service.ts');
  const { OVERRIDE_KIND_LABEL } = await import('./calendar/overrides.ts');
  const scope = await cliCalendarScope();
  const parsed = parseYearNotice(scope, year, fs.readFileSync(file, 'utf8'));
  for (const s of parsed.skipped) console.log(`提示：${s}`);
  if (parsed.problems.length) {
    for (const p of parsed.problems) console.log(`问题：${p}`);
    throw new CliError(`通知正文有 ${parsed.problems.length} 处与日期不符（见上），未写入；请核对年度与文件`);
  }
  const dryRun = Boolean(opts['dry-run']);
  await withDb(cfg, async (db) => {
    const res = await saveYearArrangement(db, scope, year, { entries: parsed.entries, complete: Boolean(opts.complete), dryRun });
    const change = { add: '新增', change: '修改', same: '不变' } as const;
    const rows = [['日期', '类型', '名称', '变化']];
    for (const d of res.days) rows.push([d.day, OVERRIDE_KIND_LABEL[d.kind], d.name, change[d.change]]);
    for (const r of res.removed) rows.push([r.day, OVERRIDE_KIND_LABEL[r.kind], r.name, '删除（通知未列）']);
    for (const l of table(rows)) console.log(l);
    const holidays = res.days.filter((d) => d.kind === 'holiday').length;
    const summary = `${year}年：放假 ${holidays} 天，调休上班 ${res.days.length - holidays} 天，删除原有调整 ${res.removed.length} 天`;
    if (dryRun) console.log(`${summary}（试运行，未写入）`);
    else
      console.log(
        `已录入 ${summary}${res.complete ? '；该年已确认完整录入' : '；该年尚未确认完整录入，未录入的日子仍按法定节日推算（确认请加 --complete）'}`,
      );
  });
}

async function cmdRemindersRun(cfg: Config, opts: Opts): Promise<void> {
  if (opts.today !== undefined && !isValidDate(opts.today)) throw new CliError(`日期“${opts.today}”无效，应为 YYYY-MM-DD`);
  // The rules are declared by the modules: without them there are no deadlines to remind of.
  await import('./modules/index.ts');
  const { runReminders } = await import('./reminders/reminders.service.ts');
  const { createChannelDeliverer } = await import('./notify/deliverer.ts');
  const { REMINDER_MSG } = await import('./reminders/reminders.messages.ts');
  await withDb(cfg, async (db) => {
    const dryRun = opts['dry-run'] === true;
    // A real run sends on the bureaus' configured channels too; a dry run sends and writes nothing.
    const deliver = dryRun ? undefined : createChannelDeliverer(db, cfg);
    const r = await runReminders(db, { today: opts.today, dryRun, deliver, publicUrl: cfg.publicUrl });
    console.log(REMINDER_MSG.runHeader(r.today, r.dryRun));
    for (const i of r.items) {
      console.log(
        REMINDER_MSG.runLine({ title: i.title, record: i.record, step: i.step, to: i.recipients.map((p) => p.displayName).join('、') }),
      );
    }
    if (r.items.length === 0) console.log(REMINDER_MSG.runNone);
    console.log(
      REMINDER_MSG.runTotal(
        r.items.length,
        r.items.reduce((n, i) => n + i.recipients.length, 0),
      ),
    );
  });
}

async function cmdBackup(cfg: Config, opts: Opts): Promise<void> {
  const out = need(opts, 'out', '备份文件 .json 或 .json.gz');
  await withDb(cfg, async (db) => {
    const b = await createBackup(db);
    const json = JSON.stringify(b);
    const buf = out.endsWith('.gz') ? gzipSync(json) : Buffer.from(json);
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, buf);
    const rows = Object.values(b.tables).reduce((s, t) => s + t.length, 0);
    console.log(`审计日志哈希链校验通过（${b.manifest.audit.checked} 条）`);
    console.log(
      `已备份 ${Object.keys(b.tables).length} 张表、${rows} 行到 ${path.resolve(out)}（${buf.length} 字节，清单已用部署密钥签名）`,
    );
  });
}

async function cmdRestore(cfg: Config, opts: Opts): Promise<void> {
  const file = need(opts, 'in', '备份文件');
  if (!fs.existsSync(file)) throw new CliError(`找不到备份文件：${file}`);
  const backup = readBackupFile(fs.readFileSync(file));
  await withDb(cfg, async (db) => {
    const res = await restoreBackup(db, backup, { allowUnsigned: Boolean(opts['allow-unsigned']) });
    const rows = Object.values(res.counts).reduce((s, n) => s + n, 0);
    console.log(res.signed ? '备份清单签名与各表摘要核对一致' : '注意：该备份没有签名清单，已按 --allow-unsigned 恢复');
    console.log(`已恢复 ${rows} 行（备份时间 ${res.createdAt}）`);
    console.log(`审计日志哈希链校验通过（${res.auditChecked} 条）`);
  });
}

/** `fazhi audit verify`: the chain and every anchor; exit code 1 when anything fails. */
async function cmdAuditVerify(cfg: Config): Promise<void> {
  await withDb(cfg, async (db) => {
    const v = await verifyAudit(db, cfg.auditAnchorFile);
    if (v.chainOk) {
      const legacy = v.keyedFrom === null ? v.checked : v.keyedFrom - 1;
      console.log(`审计日志哈希链校验通过（${v.checked} 条：未加密钥的早期部分 ${legacy} 条，加密钥部分 ${v.checked - legacy} 条）`);
    }
    if (v.anchors) {
      const a = v.anchors;
      console.log(`锚点文件：${a.file}${a.fileFound ? '' : '（不存在）'}；共核对锚点 ${a.checked} 个`);
      for (const i of a.items.filter((x) => x.ok)) console.log(`  第 ${i.seq} 条  ${i.at}  ${i.hash.slice(0, 16)}…  一致`);
      if (a.newest) console.log(`最新锚点：第 ${a.newest.seq} 条（${a.newest.at}）`);
      for (const f of a.failures) console.log(`  锚点${f.seq ? ` 第 ${f.seq} 条（${f.at}）` : ''}：${f.reason}`);
    }
    if (!v.chainOk) throw new CliError(`审计日志哈希链校验失败${v.brokenAt === null ? '' : `（第 ${v.brokenAt} 条）`}：${v.reason}`);
    if (!v.ok) throw new CliError(`审计日志锚点校验失败：${v.anchors?.failures[0]?.reason ?? ''}`);
  });
}

async function cmdAuditAnchor(cfg: Config): Promise<void> {
  await withDb(cfg, async (db) => {
    const res = await writeAnchor(db, { file: cfg.auditAnchorFile, writtenBy: 'cli' });
    if (!res.ok) throw new CliError(res.message);
    console.log(res.message);
  });
}

/** `fazhi ledgers upgrade [--dry-run]`: stored payloads catch up with the current declarations. */
async function cmdLedgersUpgrade(cfg: Config, opts: Opts): Promise<void> {
  await withDb(cfg, async (db) => {
    const res = await upgradeStoredPayloads(db, { username: 'system', ip: 'cli' }, Boolean(opts['dry-run']));
    if (!res.total) {
      console.log('全部记录已符合当前台账声明，无需升级');
      return;
    }
    for (const l of res.ledgers) console.log(`  ${l.label}（${l.ledger}）：${l.rows} 条`);
    console.log(res.dryRun ? `共 ${res.total} 条记录需要升级（未写入）` : `已升级 ${res.total} 条记录（已记入审计日志）`);
  });
}

async function cmdMigrate(cfg: Config): Promise<void> {
  await withDb(
    cfg,
    async (db) => {
      const applied = await migrateToLatest(db);
      console.log(applied.length ? `已完成数据库迁移：${applied.join('、')}` : '数据库已是最新结构');
      console.log(`数据库：${describeDb(cfg.databaseUrl)}`);
      const chain = await verifyAuditChain(db);
      if (!chain.ok) console.log(`警告：审计日志哈希链校验失败（第 ${chain.brokenAt} 条：${chain.reason}）`);
    },
    false,
  );
}

export async function main(argv: string[]): Promise<void> {
  let parsed: { values: Opts; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }) as { values: Opts; positionals: string[] };
  } catch (e) {
    const m = /'(-[-\w]+)'/.exec((e as Error).message);
    throw new CliError(m ? `不认识的选项 ${m[1]}（运行 fazhi help 查看用法）` : '命令行参数有误（运行 fazhi help 查看用法）');
  }
  const [cmd, sub] = parsed.positionals;
  const opts = parsed.values;
  if (!cmd || cmd === 'help' || opts.help) {
    console.log(HELP);
    return;
  }
  const cfg = loadConfig();
  // The demo keeps its own key beside its database; every other command signs and verifies with the deployment's.
  if (cmd !== 'demo') installDeploymentKey(cfg);
  switch (cmd) {
    case 'serve':
      return cmdServe(cfg);
    case 'demo': {
      const { runDemo } = await import('./demo/run.ts');
      if (opts.laws && !(fs.existsSync(opts.laws) && fs.statSync(opts.laws).isDirectory()))
        throw new CliError(`找不到法规文本文件夹：${opts.laws}`);
      return runDemo(cfg, { lawsDir: opts.laws });
    }
    case 'migrate':
      return cmdMigrate(cfg);
    case 'org':
      if (sub !== 'add') throw new CliError('用法：fazhi org add --name <全称> --level <city|county|province>');
      return cmdOrgAdd(cfg, opts);
    case 'unit':
      if (sub !== 'add') throw new CliError('用法：fazhi unit add --org <单位> --name <名称>');
      return cmdUnitAdd(cfg, opts);
    case 'user':
      if (sub === 'add') return cmdUserAdd(cfg, opts);
      if (sub === 'unlock') return cmdUserUnlock(cfg, opts);
      if (sub === 'reset-2fa') return cmdUserReset2fa(cfg, opts);
      throw new CliError(
        '用法：fazhi user add --username <用户名> --role <角色> [--org <单位>]，fazhi user unlock --username <用户名>，或 fazhi user reset-2fa --username <用户名>',
      );
    case 'report':
      return cmdReport(cfg, opts);
    case 'import':
      return cmdImport(cfg, opts);
    case 'export':
      return cmdExport(cfg, opts);
    case 'laws':
      if (sub !== 'import') throw new CliError('用法：fazhi laws import --dir <文件夹> --org <单位>，或 --file <文件>');
      return cmdLawsImport(cfg, opts);
    case 'deadlines':
      if (sub === 'list') return cmdDeadlineList(cfg, opts);
      if (sub === 'settings') return cmdDeadlineSettings(cfg, opts);
      if (sub === 'set') return cmdDeadlineSet(cfg, opts);
      throw new CliError(
        '用法：fazhi deadlines settings [--org <单位>]，fazhi deadlines set --rule <期限规则> --amount <数值> [--org <单位>]，或 fazhi deadlines list [--org <单位>] [--due-within <天数>] [--status open|overdue|done|all]',
      );
    case 'calendar':
      if (sub === 'years') return cmdCalendarYears(cfg);
      if (sub === 'import-year') return cmdCalendarImportYear(cfg, opts, parsed.positionals[2]);
      throw new CliError('用法：fazhi calendar years，或 fazhi calendar import-year <年度> --file <通知.txt> [--dry-run] [--complete]');
    case 'reminders':
      if (sub !== 'run') throw new CliError('用法：fazhi reminders run [--dry-run] [--today <YYYY-MM-DD>]');
      return cmdRemindersRun(cfg, opts);
    case 'ledgers':
      if (sub !== 'upgrade') throw new CliError('用法：fazhi ledgers upgrade [--dry-run]');
      return cmdLedgersUpgrade(cfg, opts);
    case 'backup':
      return cmdBackup(cfg, opts);
    case 'restore':
      return cmdRestore(cfg, opts);
    case 'audit':
      if (sub === 'verify') return cmdAuditVerify(cfg);
      if (sub === 'anchor') return cmdAuditAnchor(cfg);
      throw new CliError('用法：fazhi audit verify，或 fazhi audit anchor');
    default:
      throw new CliError(`不认识的命令“${cmd}”（运行 fazhi help 查看用法）`);
  }
}

/** One Chinese line for any failure; the stack only with FAZHI_DEBUG=1. */
export function describeError(e: unknown): string {
  if (e instanceof CliError) return e.message;
  if (e instanceof AppError && e.errors.length > 1) return [e.detail, ...e.errors.map((x) => `  ${errorLine(x)}`)].join('\n');
  if (e instanceof AppError) return e.field ? `${e.detail}（字段 ${e.field}）` : e.detail;
  const err = e as { code?: string; message?: string };
  if (err?.code === 'ECONNREFUSED') return '无法连接数据库（连接被拒绝），请检查 DATABASE_URL 与数据库服务';
  if (err?.code === '28P01' || err?.code === '28000') return '数据库用户名或密码错误，请检查 DATABASE_URL';
  if (err?.code === '3D000') return '数据库不存在，请先在 PostgreSQL 中创建，或检查 DATABASE_URL';
  if (err?.code === 'SQLITE_CANTOPEN') return '无法打开 SQLite 数据库文件，请检查 DATABASE_URL 路径与权限';
  if (err?.code === 'EADDRINUSE') return '端口已被占用，请用环境变量 PORT 换一个端口';
  if (err?.code === 'EACCES') return '没有权限（文件或端口），请检查路径或换一个端口';
  if (err?.message && /[\u4e00-\u9fa5]/.test(err.message)) return err.message;
  return `操作失败：${err?.message ?? String(e)}`;
}

const isEntry =
  process.argv[1] !== undefined &&
  (() => {
    const entry = pathToFileURL(path.resolve(process.argv[1])).href;
    return entry === import.meta.url || /bin\/fazhi(\.js)?$/.test(process.argv[1]);
  })();

if (isEntry) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`错误：${describeError(e)}`);
    if (process.env.FAZHI_DEBUG === '1') console.error(e);
    process.exit(1);
  });
}
