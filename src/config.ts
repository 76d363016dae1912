/**
 * Environment → typed configuration, validated once at start.
 * DATABASE_URL: a PostgreSQL URL (postgres://…) or a SQLite file path; default ./data/fazhi.db.
 */
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().default('./data/fazhi.db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(90),
  SECOND_FACTOR: z.enum(['admins', 'all', 'off']).default('admins'),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(30),
  LOGIN_IP_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(50_000),
  IMPORT_MAX_XML_MB: z.coerce.number().int().min(1).default(200),
  FAZHI_KEY_FILE: z.string().min(1).optional(),
  FAZHI_SECRET: z.string().min(32, '至少 32 个字符').optional(),
  AUDIT_ANCHOR_MINUTES: z.coerce.number().int().min(1).default(60),
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  IMPORT_MAX_TOTAL_MB: z.coerce.number().int().min(1).default(400),
  IMPORT_MAX_ENTRIES: z.coerce.number().int().min(1).default(2000),
  IMPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).default(2),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[0-9a-fA-F.:/, ]+)$/, '应为 true、false、代理层数或代理地址列表（逗号分隔）')
    .default('false'),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, '应为 smtp://… 或 smtps://… 地址')
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  SMTP_SECURE: z.enum(['true', 'false']).optional(),
  SMTP_FROM: z.string().min(3).optional(),
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .regex(
      /^\s*([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:\d{1,5})?(\s*,\s*([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:\d{1,5})?)*\s*$/,
      '应为主机名或“主机名:端口”的列表（逗号分隔）',
    )
    .optional(),
  REMINDER_MINUTES: z.coerce.number().int().min(1).default(10),
  REMINDER_HOURS: z
    .string()
    .regex(/^([01]?\d|2[0-3])-([01]?\d|2[0-4])$/, '应为“开始时-结束时”，如 8-18')
    .refine((v) => Number(v.split('-')[0]) < Number(v.split('-')[1]), '开始时应早于结束时')
    .default('8-18'),
  PUBLIC_URL: z.string().url('应为网址，如 https://fazhi.example.gov.cn').optional(),
});

/** The deployment's mail server (SMTP_URL, or SMTP_HOST with SMTP_PORT/USER/PASS/SECURE) and the sender of every mail. */
export type SmtpConfig = {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (smtps, usually port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  pass: string | null;
  /** The From of every mail, e.g. "法治民政工作台 <fazhi@mzj.example.gov.cn>". */
  from: string;
};

export type Config = {
  databaseUrl: string;
  port: number;
  host: string;
  sessionIdleMinutes: number;
  /** A session ends this many hours after login, however busy (absolute lifetime). */
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  passwordMaxAgeDays: number;
  /** TOTP second factor: `admins` required for the three admin roles and optional for others, `all` required for everyone, `off` not asked. */
  secondFactor: 'admins' | 'all' | 'off';
  /** Failed logins one client address may make in `loginIpWindowMinutes` (counted in the database, so across app servers). */
  loginIpMaxFailures: number;
  loginIpWindowMinutes: number;
  cookieSecure: boolean;
  /** The most data rows one Excel/CSV import may have. */
  importMaxRows: number;
  /** The most bytes one part of an .xlsx (a sheet, the shared strings) may inflate to: a zip bomb stops there. */
  importMaxXmlBytes: number;
  /** The deployment key file (32 random bytes), outside the database; see src/keys/deployment-key.ts. */
  keyFile: string;
  /** The deployment secret given in the environment instead of a key file (FAZHI_SECRET). */
  secret: string | null;
  /** How often the head of the audit chain is anchored outside the database. */
  auditAnchorMinutes: number;
  /** The append-only file the audit anchors go to. */
  auditAnchorFile: string;
  /** The most bytes all parts of one .xlsx together may inflate to (declared in the zip, and as read). */
  importMaxTotalBytes: number;
  /** The most entries the zip of one .xlsx may list. */
  importMaxEntries: number;
  /** The most imports one server process parses at once (bounds this process's memory). */
  importMaxConcurrent: number;
  /**
   * Fastify's `trustProxy`: false (default, the socket's address and protocol are the client's),
   * true (every proxy), a hop count, or the proxies' addresses. Only then are X-Forwarded-For and
   * X-Forwarded-Proto believed (the client address in the audit log, HTTPS for the Secure cookie).
   */
  trustProxy: boolean | number | string;
  /** SQLite `synchronous`: FULL (default) survives power loss; NORMAL only a crash of the process. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** The mail server e-mail reminders go through; null: e-mail cannot be turned on. */
  smtp: SmtpConfig | null;
  /**
   * Hosts (`host` for any port, or `host:port`; lower case) a robot webhook may point to besides the official
   * oapi.dingtalk.com / qyapi.weixin.qq.com (over https); these may also use http. See src/notify/webhook-url.ts.
   */
  webhookAllowedHosts: string[];
  /** How often the reminder job runs (one server of the deployment runs it). */
  reminderMinutes: number;
  /** The hours (Asia/Shanghai, start inclusive, end exclusive) in which the job sends, on working days only. */
  reminderHours: { from: number; to: number };
  /** The web app's address as users reach it, for links in e-mail and robot messages; null: messages carry no link. */
  publicUrl: string | null;
};

/**
 * Where the deployment's files live when not configured: beside the SQLite file, or ./data for
 * PostgreSQL (one place per deployment, never inside the database).
 */
export function deploymentDir(databaseUrl: string): string {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? path.resolve('data') : path.dirname(path.resolve(databaseUrl));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`配置错误：环境变量 ${String(issue?.path[0])} 无效（${issue?.message}）`);
  }
  const e = parsed.data;
  const keyFile = path.resolve(e.FAZHI_KEY_FILE ?? path.join(deploymentDir(e.DATABASE_URL), 'fazhi.key'));
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
    secondFactor: e.SECOND_FACTOR,
    loginIpMaxFailures: e.LOGIN_IP_MAX_FAILURES,
    loginIpWindowMinutes: e.LOGIN_IP_WINDOW_MINUTES,
    cookieSecure: e.COOKIE_SECURE === 'true',
    importMaxRows: e.IMPORT_MAX_ROWS,
    importMaxXmlBytes: e.IMPORT_MAX_XML_MB * 1024 * 1024,
    keyFile,
    secret: e.FAZHI_SECRET ?? null,
    auditAnchorMinutes: e.AUDIT_ANCHOR_MINUTES,
    auditAnchorFile: path.resolve(e.AUDIT_ANCHOR_FILE ?? path.join(path.dirname(keyFile), 'audit-anchors.jsonl')),
    importMaxTotalBytes: e.IMPORT_MAX_TOTAL_MB * 1024 * 1024,
    importMaxEntries: e.IMPORT_MAX_ENTRIES,
    importMaxConcurrent: e.IMPORT_MAX_CONCURRENT,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    smtp: smtpOf(e),
    webhookAllowedHosts: (e.WEBHOOK_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    reminderMinutes: e.REMINDER_MINUTES,
    reminderHours: { from: Number(e.REMINDER_HOURS.split('-')[0]), to: Number(e.REMINDER_HOURS.split('-')[1]) },
    publicUrl: e.PUBLIC_URL ?? null,
  };
}

function smtpOf(e: z.infer<typeof schema>): SmtpConfig | null {
  const fail = (name: string, why: string) => new Error(`配置错误：环境变量 ${name} 无效（${why}）`);
  let server: Omit<SmtpConfig, 'from'>;
  if (e.SMTP_URL) {
    const u = new URL(e.SMTP_URL);
    const secure = u.protocol === 'smtps:';
    server = {
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 465 : 587,
      secure,
      user: u.username ? decodeURIComponent(u.username) : null,
      pass: u.password ? decodeURIComponent(u.password) : null,
    };
  } else if (e.SMTP_HOST) {
    const secure = e.SMTP_SECURE === 'true';
    server = { host: e.SMTP_HOST, port: e.SMTP_PORT ?? (secure ? 465 : 587), secure, user: e.SMTP_USER ?? null, pass: e.SMTP_PASS ?? null };
  } else {
    return null;
  }
  if (!server.host) throw fail('SMTP_URL', '缺少主机名');
  if (!e.SMTP_FROM) throw fail('SMTP_FROM', '配置了邮件服务器时必须给出发件人地址');
  return { ...server, from: e.SMTP_FROM };
}

function parseTrustProxy(v: string): boolean | number | string {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}
