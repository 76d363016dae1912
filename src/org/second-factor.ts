/**
 * The second factor (等保 三级: two factors, one cryptographic): TOTP of RFC 6238 (SHA-1, 6 digits,
 * 30 s, one step either side for clock drift) and single-use recovery codes. Pure functions: what is
 * stored and who may do what is decided in login.service.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Config } from '../config.ts';
import type { Enrolment } from '../contract.ts';
import type { Role } from './roles.ts';

export const TOTP_PERIOD_S = 30;
const ISSUER = '法治民政工作台';
export const RECOVERY_CODE_COUNT = 10;

/** Roles that must have a second factor when SECOND_FACTOR=admins (the three 三员). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export const secondFactorOn = (cfg: Config): boolean => cfg.secondFactor !== 'off';

export function secondFactorRequired(cfg: Config, role: string): boolean {
  if (cfg.secondFactor === 'all') return true;
  return cfg.secondFactor === 'admins' && (SECOND_FACTOR_ROLES as readonly string[]).includes(role);
}

const totpOf = (secret: string, username: string) =>
  new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secret) });

/** 20 random bytes, base32 (what authenticator apps take). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URI of `secret` (what an authenticator app reads from the QR code). */
export const totpUri = (secret: string, username: string): string => totpOf(secret, username).toString();

/** What the user scans or types to enrol `secret`. */
export async function enrolmentOf(secret: string, username: string): Promise<Enrolment> {
  const uri = totpUri(secret, username);
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
}

export const isTotpCode = (code: string): boolean => /^\d{6}$/.test(code.trim());

/** The time step a valid code belongs to (so it can be used once), or null. */
export function totpStepOf(secret: string, code: string, at: number): number | null {
  const totp = totpOf(secret, '');
  const delta = totp.validate({ token: code.trim(), timestamp: at, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: at }) + delta;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ten codes of 16 base32 characters (80 bits) as XXXX-XXXX-XXXX-XXXX, so a plain hash is enough to store them. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(16)].map((b) => CROCKFORD[b & 31]).join('');
    return chars.match(/.{4}/g)?.join('-') ?? chars;
  });
}

/** The stored form of a recovery code: case, spaces and dashes do not matter; I/L read as 1, O as 0. */
export function recoveryCodeHash(code: string): string {
  const norm = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return createHash('sha256').update(norm).digest('hex');
}
