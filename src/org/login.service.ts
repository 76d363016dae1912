/**
 * Login in steps (等保 三级): no session exists until every step is done, so an account whose password
 * must change, or that owes its second factor, can use no route at all, on any server. Step 1 checks
 * the username and password; a step still owed is answered with a challenge (a random token whose hash
 * is kept in login_challenge for a few minutes, so any app server can take the next step), in this
 * order: the second factor (when enrolled), a new password (one-time or expired), enrolment of a
 * second factor (when the role requires one). The last step sets the session.
 *
 * Login abuse: failed logins are counted per client address (login_throttle, across servers) and per
 * account (app_user; a username that names no active account is counted the same way in
 * login_throttle), so an unknown username answers exactly like a known one: the same 401 and detail,
 * the same argon2 work (a dummy hash), the same lock (423 with a detail that names no account). A lock
 * is never renewed: during a lock the password is not checked and the attempt is not counted (it is
 * audited); when the lock ends it takes `loginMaxFailures` new failures to lock again.
 */
import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { appendAudit } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import type { LoginStep, LoginStepAnswer, SecondFactorStatus } from '../contract.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest, forbidden, locked, tooManyRequests, unauthorized } from '../errors.ts';
import { hashPassword, setOwnPassword, tokenHash } from './auth.service.ts';
import {
  advanceTotpStep,
  type ChallengeRow,
  clearAccountFailures,
  clearChallenges,
  countAccountFailure,
  countAttempt,
  countChallengeAttempt,
  countUnusedRecoveryCodes,
  deleteChallenge,
  deleteRecoveryCodes,
  findChallenge,
  insertChallenge,
  replaceRecoveryCodes,
  throttleLockOf,
  uncountAttempt,
  spendRecoveryCode,
} from './login.repo.ts';
import { findUserById, findUserByUsername, type UserRow, updateUser } from './org.repo.ts';
import { requireRule, userInScope } from './org.service.ts';
import { isRole, type Role, RULE_MSG } from './roles.ts';
import { buildScope, requirePerm, type Scope } from './scope.ts';
import {
  enrolmentOf,
  isTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  secondFactorOn,
  secondFactorRequired,
  totpStepOf,
} from './second-factor.ts';
import { deleteSessionsOfUser, insertSession } from './session.repo.ts';

/** Every Chinese word of login and the second factor. */
const MSG = {
  badCredentials: '用户名或密码错误',
  locked: (minutes: number) => `登录失败次数过多，该账户已暂停登录（每次 ${minutes} 分钟），请稍后再试或请安全管理员解锁`,
  addressThrottled: (minutes: number) => `本机地址登录失败次数过多，请 ${minutes} 分钟后再试`,
  challengeGone: '本次登录已超时或已失效，请重新输入用户名和密码',
  badCode: '验证码不正确（请输入验证器 App 显示的 6 位数字，或一个恢复码）',
  badEnrolCode: '验证码不正确，请确认验证器 App 已添加此账户且手机时间准确',
  tooManyCodes: '验证码错误次数过多，请重新登录',
  codeRequired: '请输入验证码',
  notEnrolled: '尚未启用双因素认证',
  alreadyEnrolled: '已启用双因素认证；如需更换，请先停用',
  factorOff: '本系统未启用双因素认证',
  cannotDisable: '您的角色必须使用双因素认证，不能停用（如手机丢失，请用恢复码登录，或请安全管理员重置）',
  proofRequired: '请输入当前验证码或登录密码',
  badProof: '验证码或密码不正确',
  userNotFound: '用户不存在',
};

/** How long a step may take, and how many wrong codes end it. */
const CHALLENGE_MS = 5 * 60_000;
const CHALLENGE_MAX_ATTEMPTS = 5;
/** The challenge kind of enrolment started from 账户安全 (signed in), beside the login steps. */
const ACCOUNT_ENROL = 'account-enrol';

type Actor = Pick<Scope, 'userId' | 'username' | 'orgId' | 'ip'>;
type Session = { token: string; scope: Scope; recoveryCodes?: string[] };
/** What a step gives the route: another step, or a session to set as the cookie. */
export type LoginOutcome = { step: Extract<LoginStepAnswer, { next: LoginStep }> } | { session: Session };

const iso = (ms: number) => new Date(ms).toISOString();
const actorOf = (u: UserRow, ip: string): Actor => ({ userId: u.id, username: u.username, orgId: u.org_id, ip });
const activeRole = (u: UserRow | undefined): Role | null => (u && Number(u.active) && isRole(u.role) ? u.role : null);

/** A hash of the same cost as real ones: unknown and inactive users are verified against it, so they take as long. */
let dummyHash: Promise<string> | undefined;
const dummy = () => {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
};

function audit(
  db: Db,
  a: { userId: string | null; username: string; orgId: string | null; ip: string },
  action: string,
  detail: Record<string, unknown>,
  success = true,
) {
  return appendAudit(db, { ...a, action, entity: 'session', success, detail });
}

/** An audit row about an account's login security (its second factor, its lock). */
const auditAccount = (db: Db, actor: Actor, action: string, userId: string, detail: Record<string, unknown>) =>
  appendAudit(db, {
    userId: actor.userId,
    username: actor.username,
    orgId: actor.orgId,
    ip: actor.ip,
    action,
    entity: 'app_user',
    entityId: userId,
    detail,
  });

const passwordExpired = (cfg: Config, u: UserRow, now: number) =>
  cfg.passwordMaxAgeDays > 0 && now - Date.parse(u.password_changed_at) > cfg.passwordMaxAgeDays * 86_400_000;

/** The next step the user owes, given whether the second factor was already given in this login. */
function owed(cfg: Config, u: UserRow, factorGiven: boolean, now: number): LoginStep | null {
  if (secondFactorOn(cfg) && u.totp_secret && !factorGiven) return 'second-factor';
  if (Number(u.must_change_password) || passwordExpired(cfg, u, now)) return 'change-password';
  if (secondFactorRequired(cfg, u.role) && !u.totp_secret) return 'enrol-second-factor';
  return null;
}

async function openChallenge(db: Db, userId: string, kind: string, pendingSecret: string | null = null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await clearChallenges(db, userId, [kind], iso(now));
  await insertChallenge(db, {
    id: tokenHash(token),
    user_id: userId,
    kind,
    pending_secret: pendingSecret,
    created_at: iso(now),
    expires_at: iso(now + CHALLENGE_MS),
  });
  return token;
}

/** Either the next step's challenge or, when nothing is owed, a new session (one transaction with its audit row). */
async function advance(
  db: Db,
  cfg: Config,
  u: UserRow,
  role: Role,
  ip: string,
  factorGiven: boolean,
  recoveryCodes?: string[],
): Promise<LoginOutcome> {
  const next = owed(cfg, u, factorGiven, Date.now());
  if (next) {
    const pending = next === 'enrol-second-factor' ? newTotpSecret() : null;
    const challenge = await inTx(db, async (trx) => {
      const t = await openChallenge(trx, u.id, next, pending);
      await audit(trx, actorOf(u, ip), 'auth.login.step', { next });
      return t;
    });
    return { step: { next, challenge, ...(pending ? { enrolment: await enrolmentOf(pending, u.username) } : {}) } };
  }
  const token = randomBytes(32).toString('base64url');
  const now = iso(Date.now());
  await inTx(db, async (trx) => {
    // The failure count starts again only when a login is complete: wrong codes over several
    // challenges add up to a lock, even though each challenge began with the right password.
    await updateUser(trx, u.id, { failed_count: 0, locked_until: null });
    await insertSession(trx, { id: tokenHash(token), user_id: u.id, created_at: now, last_seen_at: now, ip });
    await audit(trx, actorOf(u, ip), 'auth.login', {});
  });
  const scope = await buildScope(db, { ...u, role }, ip);
  return { session: { token, scope, ...(recoveryCodes ? { recoveryCodes } : {}) } };
}

/**
 * Counts a failure of the account (a wrong password or code) and audits it; audits the lock when
 * this failure set it. `user` is null for a username that names no active account.
 */
async function accountFailure(db: Db, cfg: Config, user: UserRow | null, username: string, ip: string, reason: string): Promise<void> {
  const now = Date.now();
  const lockUntil = iso(now + cfg.loginLockMinutes * 60_000);
  await inTx(db, async (trx) => {
    const target = user ? { userId: user.id } : { throttleKey: `user:${username}` };
    const st = await countAccountFailure(trx, target, iso(now), cfg.loginMaxFailures, lockUntil);
    const who = { userId: user?.id ?? null, username, orgId: user?.org_id ?? null, ip };
    await audit(trx, who, 'auth.login', { reason }, false);
    if (st.lockedUntil === lockUntil) await audit(trx, who, 'auth.lock', { until: lockUntil, failures: cfg.loginMaxFailures });
  });
}

/** Step 1: username and password. */
export async function login(db: Db, cfg: Config, username: string, password: string, ip: string): Promise<LoginOutcome> {
  const now = Date.now();
  const ipKey = `ip:${ip}`;
  const attempts = await countAttempt(db, ipKey, iso(now), iso(now - cfg.loginIpWindowMinutes * 60_000));
  if (attempts > cfg.loginIpMaxFailures) {
    await audit(db, { userId: null, username, orgId: null, ip }, 'auth.login', { reason: 'address-throttled' }, false);
    throw tooManyRequests(MSG.addressThrottled(cfg.loginIpWindowMinutes));
  }
  const fallback = await dummy(); // made on the first login of a process, whoever it is for
  const found = await findUserByUsername(db, username);
  const role = activeRole(found);
  const user = role ? (found ?? null) : null;
  const lockedUntil = user ? user.locked_until : await throttleLockOf(db, `user:${username}`);
  if (lockedUntil && lockedUntil > iso(now)) {
    await audit(db, { userId: user?.id ?? null, username, orgId: user?.org_id ?? null, ip }, 'auth.login', { reason: 'locked' }, false);
    throw locked(MSG.locked(cfg.loginLockMinutes));
  }
  const ok = await verify(user?.password_hash ?? fallback, password);
  if (!user || !role || !ok) {
    await accountFailure(db, cfg, user, username, ip, user ? 'bad-password' : 'no-user-or-inactive');
    throw unauthorized(MSG.badCredentials);
  }
  await uncountAttempt(db, ipKey);
  return advance(db, cfg, user, role, ip, false);
}

/** The challenge behind `token` for a step of `kind`, with its (still active) user; else 401. */
async function challengeFor(db: Db, token: string, kind: string): Promise<{ ch: ChallengeRow; user: UserRow; role: Role }> {
  const ch = await findChallenge(db, tokenHash(token), iso(Date.now()));
  const user = ch && ch.kind === kind ? await findUserById(db, ch.user_id) : undefined;
  const role = activeRole(user);
  if (!ch || !user || !role) throw unauthorized(MSG.challengeGone);
  if (user.locked_until && user.locked_until > iso(Date.now())) {
    await deleteChallenge(db, ch.id);
    throw unauthorized(MSG.challengeGone);
  }
  return { ch, user, role };
}

/** A wrong code in a step: counted against the challenge (a few end it) and against the account's lockout. */
async function wrongCode(db: Db, cfg: Config, ch: ChallengeRow, user: UserRow, ip: string, step: string, message: string): Promise<never> {
  const more = await countChallengeAttempt(db, ch.id, CHALLENGE_MAX_ATTEMPTS);
  await accountFailure(db, cfg, user, user.username, ip, `bad-code:${step}`);
  throw unauthorized(more ? message : MSG.tooManyCodes);
}

/**
 * Accepts a current TOTP code of the user's secret (each time step once) or an unused recovery code.
 * The write that makes it single-use is the check, so two servers cannot both accept it.
 */
async function spendSecondFactor(db: Db, user: UserRow, code: string): Promise<'totp' | 'recovery' | null> {
  if (!user.totp_secret) return null;
  if (isTotpCode(code)) {
    const step = totpStepOf(user.totp_secret, code, Date.now());
    return step !== null && (await advanceTotpStep(db, user.id, step)) ? 'totp' : null;
  }
  return (await spendRecoveryCode(db, user.id, recoveryCodeHash(code), iso(Date.now()))) ? 'recovery' : null;
}

/** Step: the second factor of an enrolled user. */
export async function loginSecondFactor(db: Db, cfg: Config, token: string, code: string, ip: string): Promise<LoginOutcome> {
  const { ch, user, role } = await challengeFor(db, token, 'second-factor');
  const used = await spendSecondFactor(db, user, code);
  if (!used) return wrongCode(db, cfg, ch, user, ip, 'second-factor', MSG.badCode);
  if (!(await deleteChallenge(db, ch.id))) throw unauthorized(MSG.challengeGone);
  await audit(db, actorOf(user, ip), 'auth.login.step', { step: 'second-factor', by: used });
  return advance(db, cfg, user, role, ip, true);
}

/** Step: a new password in place of a one-time or expired one (the policy of setOwnPassword). */
export async function loginChangePassword(db: Db, cfg: Config, token: string, newPassword: string, ip: string): Promise<LoginOutcome> {
  const { ch, user, role } = await challengeFor(db, token, 'change-password');
  await inTx(db, async (trx) => {
    await setOwnPassword(trx, user, newPassword, actorOf(user, ip));
    if (!(await deleteChallenge(trx, ch.id))) throw unauthorized(MSG.challengeGone);
  });
  const fresh = await findUserById(db, user.id);
  if (!fresh) throw unauthorized(MSG.challengeGone);
  return advance(db, cfg, fresh, role, ip, true);
}

/** Stores a confirmed secret and a new set of recovery codes; answers the codes (shown once). */
async function confirmEnrolment(db: Db, user: UserRow, secret: string, step: number, actor: Actor, challengeId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const now = iso(Date.now());
  await inTx(db, async (trx) => {
    if (!(await deleteChallenge(trx, challengeId))) throw unauthorized(MSG.challengeGone);
    await updateUser(trx, user.id, { totp_secret: secret, totp_enrolled_at: now, totp_last_step: step });
    await replaceRecoveryCodes(trx, user.id, codes.map(recoveryCodeHash), now);
    await auditAccount(trx, actor, 'auth.2fa.enrol', user.id, { username: user.username });
  });
  return codes;
}

/** Step: enrolment required by the role, confirmed with a first code of the new secret. */
export async function loginEnrol(db: Db, cfg: Config, token: string, code: string, ip: string): Promise<LoginOutcome> {
  const { ch, user, role } = await challengeFor(db, token, 'enrol-second-factor');
  const step = ch.pending_secret ? totpStepOf(ch.pending_secret, code, Date.now()) : null;
  if (step === null || !ch.pending_secret) return wrongCode(db, cfg, ch, user, ip, 'enrol', MSG.badEnrolCode);
  const codes = await confirmEnrolment(db, user, ch.pending_secret, step, actorOf(user, ip), ch.id);
  const fresh = await findUserById(db, user.id);
  if (!fresh) throw unauthorized(MSG.challengeGone);
  return advance(db, cfg, fresh, role, ip, true, codes);
}

// ── 账户安全 (signed in) ────────────────────────────────────────────────────────────────────────

async function me(db: Db, scope: Scope): Promise<UserRow> {
  const u = await findUserById(db, scope.userId);
  if (!u) throw unauthorized();
  return u;
}

export async function secondFactorStatus(db: Db, cfg: Config, scope: Scope): Promise<SecondFactorStatus> {
  const u = await me(db, scope);
  return {
    mode: cfg.secondFactor,
    required: secondFactorRequired(cfg, u.role),
    enrolled: Boolean(u.totp_secret),
    enrolledAt: u.totp_enrolled_at,
    recoveryCodesLeft: u.totp_secret ? await countUnusedRecoveryCodes(db, u.id) : 0,
  };
}

/** Starts enrolment from 账户安全: a new secret kept with a challenge until its first code confirms it. */
export async function startEnrolment(
  db: Db,
  cfg: Config,
  scope: Scope,
): Promise<{ challenge: string; enrolment: Awaited<ReturnType<typeof enrolmentOf>> }> {
  if (!secondFactorOn(cfg)) throw badRequest(undefined, MSG.factorOff);
  const u = await me(db, scope);
  if (u.totp_secret) throw badRequest(undefined, MSG.alreadyEnrolled);
  const secret = newTotpSecret();
  const challenge = await openChallenge(db, u.id, ACCOUNT_ENROL, secret);
  return { challenge, enrolment: await enrolmentOf(secret, u.username) };
}

export async function confirmAccountEnrolment(db: Db, scope: Scope, token: string, code: string): Promise<{ recoveryCodes: string[] }> {
  const ch = await findChallenge(db, tokenHash(token), iso(Date.now()));
  if (!ch || ch.kind !== ACCOUNT_ENROL || ch.user_id !== scope.userId || !ch.pending_secret)
    throw badRequest('challenge', MSG.challengeGone);
  const u = await me(db, scope);
  const step = totpStepOf(ch.pending_secret, code, Date.now());
  if (step === null) {
    const more = await countChallengeAttempt(db, ch.id, CHALLENGE_MAX_ATTEMPTS);
    throw badRequest('code', more ? MSG.badEnrolCode : MSG.tooManyCodes);
  }
  return { recoveryCodes: await confirmEnrolment(db, u, ch.pending_secret, step, scope, ch.id) };
}

/** Proof for disabling or renewing: a current code (or recovery code), or the password. */
async function proveOwner(db: Db, cfg: Config, u: UserRow, scope: Scope, proof: { code?: string; password?: string }): Promise<void> {
  if (!proof.code && !proof.password) throw badRequest('code', MSG.proofRequired);
  const ok = proof.code ? (await spendSecondFactor(db, u, proof.code)) !== null : await verify(u.password_hash, proof.password ?? '');
  if (ok) return;
  await accountFailure(db, cfg, u, u.username, scope.ip, 'bad-proof:second-factor');
  throw badRequest(proof.code ? 'code' : 'password', MSG.badProof);
}

export async function disableSecondFactor(db: Db, cfg: Config, scope: Scope, proof: { code?: string; password?: string }): Promise<void> {
  const u = await me(db, scope);
  if (!u.totp_secret) throw badRequest(undefined, MSG.notEnrolled);
  if (secondFactorRequired(cfg, u.role)) throw forbidden(MSG.cannotDisable);
  await proveOwner(db, cfg, u, scope, proof);
  await inTx(db, async (trx) => {
    await removeSecondFactor(trx, u.id);
    await auditAccount(trx, scope, 'auth.2fa.disable', u.id, { username: u.username });
  });
}

/** A new set of recovery codes (the old set stops working). */
export async function renewRecoveryCodes(
  db: Db,
  cfg: Config,
  scope: Scope,
  proof: { code?: string; password?: string },
): Promise<{ recoveryCodes: string[] }> {
  const u = await me(db, scope);
  if (!u.totp_secret) throw badRequest(undefined, MSG.notEnrolled);
  await proveOwner(db, cfg, u, scope, proof);
  const codes = newRecoveryCodes();
  await inTx(db, async (trx) => {
    await replaceRecoveryCodes(trx, u.id, codes.map(recoveryCodeHash), iso(Date.now()));
    await auditAccount(trx, scope, 'auth.2fa.recovery', u.id, { username: u.username });
  });
  return { recoveryCodes: codes };
}

async function removeSecondFactor(db: Db, userId: string): Promise<void> {
  await updateUser(db, userId, { totp_secret: null, totp_enrolled_at: null, totp_last_step: null });
  await deleteRecoveryCodes(db, userId);
}

// ── 安全管理员 and the CLI ─────────────────────────────────────────────────────────────────────

/**
 * Removes a user's second factor (a lost phone): the user enrols again at the next login when the
 * role requires it. Ends the user's sessions. Without a scope: the CLI.
 */
export async function resetSecondFactorUnchecked(db: Db, actor: Actor, user: UserRow): Promise<void> {
  await inTx(db, async (trx) => {
    await removeSecondFactor(trx, user.id);
    await clearChallenges(trx, user.id, ['second-factor', 'enrol-second-factor', ACCOUNT_ENROL], iso(Date.now()));
    await deleteSessionsOfUser(trx, user.id);
    await auditAccount(trx, actor, 'auth.2fa.reset', user.id, { username: user.username });
  });
}

export async function resetSecondFactor(db: Db, scope: Scope, userId: string): Promise<void> {
  requirePerm(scope, 'user.security');
  const u = await userInScope(db, scope, userId);
  if (u.id === scope.userId) throw forbidden(RULE_MSG.self);
  requireRule(scope, 'resetSecondFactor', u.role, RULE_MSG.resetSecondFactor(scope.role, u.role));
  await resetSecondFactorUnchecked(db, scope, u);
}

/**
 * Enrols a known secret without a first code (the demo, whose accounts are printed with their
 * secrets for a newcomer's authenticator app). Never reached from the API.
 */
export async function presetSecondFactorUnchecked(db: Db, actor: Actor, userId: string, username: string, secret: string): Promise<void> {
  await inTx(db, async (trx) => {
    await updateUser(trx, userId, { totp_secret: secret, totp_enrolled_at: iso(Date.now()), totp_last_step: null });
    await auditAccount(trx, actor, 'auth.2fa.enrol', userId, { username, preset: true });
  });
}

/** Ends a login lock (the account's and its username's count). Used by the 安全管理员's unlock and the CLI. */
export async function unlockAccount(db: Db, actor: Actor, user: UserRow): Promise<void> {
  await inTx(db, async (trx) => {
    await clearAccountFailures(trx, user.id, `user:${user.username}`);
    await auditAccount(trx, actor, 'auth.unlock', user.id, { username: user.username, lockedUntil: user.locked_until });
  });
}

/** The account named `username` for the CLI, or a Chinese 404. */
export async function userByUsername(db: Db, username: string): Promise<UserRow> {
  const u = await findUserByUsername(db, username);
  if (!u) throw badRequest('username', `${MSG.userNotFound}：${username}`);
  return u;
}
