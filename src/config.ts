/**
 * Environment → typed configuration, validated once at start.
 * DATABASE_URL: a PostgreSQL URL (postgres://…) or a SQLite file path; default ./data/fazhi.db.
 */
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().default('./data/fazhi.db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(90),
  SECOND_FACTOR: z.enum(['admins', 'all', 'off']).default('admins'),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(30),
  LOGIN_IP_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(50_000),
  IMPORT_MAX_XML_MB: z.coerce.number().int().min(1).default(200),
});

export type Config = {
  databaseUrl: string;
  port: number;
  host: string;
  sessionIdleMinutes: number;
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
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`配置错误：环境变量 ${String(issue?.path[0])} 无效（${issue?.message}）`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
    secondFactor: e.SECOND_FACTOR,
    loginIpMaxFailures: e.LOGIN_IP_MAX_FAILURES,
    loginIpWindowMinutes: e.LOGIN_IP_WINDOW_MINUTES,
    cookieSecure: e.COOKIE_SECURE === 'true',
    importMaxRows: e.IMPORT_MAX_ROWS,
    importMaxXmlBytes: e.IMPORT_MAX_XML_MB * 1024 * 1024,
  };
}
