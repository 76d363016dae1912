/**
 * Login, sessions and the password policy (等保2.0: complexity, periodic change, lockout after
 * repeated failures, idle timeout). Every login attempt, good or bad, is audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { appendAudit } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { type AppError, badRequest, locked, unauthorized } from '../errors.ts';
import { nowIso, systemClock } from '../util/time.ts';
import { findPasswordHistory, findUserById, findUserByUsername, insertPasswordHistory, type UserRow, updateUser } from './org.repo.ts';
import { OrgTreeCache } from './org-tree.ts';
import { PASSWORD_HISTORY, PASSWORD_MSG, passwordProblem, reusedPassword } from './password-policy.ts';
import { isRole } from './roles.ts';
import { buildScope, type Scope } from './scope.ts';
import { SessionLookup } from './session-lookup.ts';
import { deleteSession, insertSession, touchSession } from './session.repo.ts';

export { passwordProblem } from './password-policy.ts';

export async function hashPassword(pw: string): Promise<string> {
  return hash(pw, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

const tokenHash = (t: string) => createHash('sha256').update(t).digest('hex');

export type LoginResult = { token: string; scope: Scope; mustChangePassword: boolean };

export async function login(db: Db, cfg: Config, username: string, password: string, ip: string): Promise<LoginResult> {
  const user = await findUserByUsername(db, username);
  const fail = async (reason: string, err: AppError) => {
    await inTx(db, async (trx) => {
      if (user) {
        const failed = Number(user.failed_count) + 1;
        const lock = failed >= cfg.loginMaxFailures ? new Date(Date.now() + cfg.loginLockMinutes * 60_000).toISOString() : null;
        await updateUser(trx, user.id, { failed_count: failed, locked_until: lock ?? user.locked_until });
      }
      await appendAudit(trx, {
        userId: user?.id ?? null,
        username,
        orgId: user?.org_id ?? null,
        ip,
        action: 'auth.login',
        entity: 'session',
        success: false,
        detail: { reason },
      });
    });
    throw err;
  };
  const bad = unauthorized('用户名或密码错误');
  if (!user || !Number(user.active)) return fail('no-user-or-inactive', bad);
  if (user.locked_until && user.locked_until > nowIso()) {
    return fail(
      'locked',
      locked(`登录失败次数过多，账户已锁定至 ${new Date(user.locked_until).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`),
    );
  }
  if (!(await verify(user.password_hash, password))) return fail('bad-password', bad);
  if (!isRole(user.role)) return fail('bad-role', bad);

  const token = randomBytes(32).toString('base64url');
  const now = nowIso();
  await inTx(db, async (trx) => {
    await updateUser(trx, user.id, { failed_count: 0, locked_until: null });
    await insertSession(trx, { id: tokenHash(token), user_id: user.id, created_at: now, last_seen_at: now, ip });
    await appendAudit(trx, { userId: user.id, username, orgId: user.org_id, ip, action: 'auth.login', entity: 'session' });
  });
  const scope = await buildScope(db, { ...user, role: user.role }, ip);
  const age = (Date.now() - Date.parse(user.password_changed_at)) / 86_400_000;
  return { token, scope, mustChangePassword: cfg.passwordMaxAgeDays > 0 && age > cfg.passwordMaxAgeDays };
}

/**
 * Turns session tokens into scopes for one app server. What it keeps between requests decides
 * nothing on its own: every request reads its session and account from the database (one query,
 * shared by the requests that arrive together), and the org tree it keeps is checked against the
 * version that query returns.
 */
export class SessionResolver {
  readonly #tree = new OrgTreeCache();
  readonly #lookup: SessionLookup;

  constructor(
    private readonly db: Db,
    private readonly cfg: Config,
  ) {
    this.#lookup = new SessionLookup(db);
  }

  /**
   * The scope of a session token, or null; expires idle sessions and sessions older than
   * `sessionMaxHours` however busy (等保: an absolute lifetime; the age is read from the session row, so
   * every server ends it at the same time). last_seen_at is written only when it is more than 30 s old,
   * so a session expires between `sessionIdleMinutes` and that plus 30 s after its last request.
   */
  async resolve(token: string, ip: string): Promise<Scope | null> {
    const id = tokenHash(token);
    const row = await this.#lookup.find(id);
    if (!row || !Number(row.active) || !isRole(row.role)) return null;
    const now = Date.now();
    const idleMs = now - Date.parse(row.last_seen_at);
    const ageMs = now - Date.parse(row.created_at);
    if (idleMs > this.cfg.sessionIdleMinutes * 60_000 || ageMs > this.cfg.sessionMaxHours * 3_600_000) {
      await deleteSession(this.db, id);
      return null;
    }
    if (idleMs > 30_000) await touchSession(this.db, id, nowIso());
    // Without the version row (removed by hand) the tree is read afresh.
    const tree = row.tree_version === null ? undefined : await this.#tree.at(this.db, Number(row.tree_version));
    return buildScope(this.db, { ...row, role: row.role }, ip, systemClock, tree);
  }
}

export async function logout(db: Db, scope: Scope, token: string): Promise<void> {
  await inTx(db, async (trx) => {
    await deleteSession(trx, tokenHash(token));
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'auth.logout',
      entity: 'session',
    });
  });
}

/** The hashes a new password must not match: the current one and the ones before it (PASSWORD_HISTORY in all). */
async function recentHashes(db: Db, user: UserRow): Promise<string[]> {
  return [user.password_hash, ...(await findPasswordHistory(db, user.id, PASSWORD_HISTORY - 1))];
}

/**
 * Replaces an account's password inside the caller's transaction: the old hash goes to
 * password_history, and `mustChange` marks the new one one-time (set by someone other than the owner).
 */
export async function storePassword(
  trx: Db,
  user: Pick<UserRow, 'id' | 'password_hash'>,
  newHash: string,
  mustChange: boolean,
): Promise<void> {
  const now = nowIso();
  await insertPasswordHistory(trx, { user_id: user.id, password_hash: user.password_hash, changed_at: now });
  await updateUser(trx, user.id, { password_hash: newHash, password_changed_at: now, must_change_password: mustChange ? 1 : 0 });
}

/** The owner's own change: the one that ends a one-time password (clears must_change_password). */
export async function changeOwnPassword(db: Db, scope: Scope, oldPw: string, newPw: string): Promise<void> {
  const user = await findUserById(db, scope.userId);
  if (!user || !(await verify(user.password_hash, oldPw))) throw badRequest('oldPassword', '原密码不正确');
  const p = await passwordProblem(newPw, user.username);
  if (p) throw badRequest('newPassword', p);
  if (await reusedPassword(newPw, await recentHashes(db, user))) throw badRequest('newPassword', PASSWORD_MSG.reused);
  const h = await hashPassword(newPw);
  await inTx(db, async (trx) => {
    await storePassword(trx, user, h, false);
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'user.password',
      entity: 'app_user',
      entityId: user.id,
    });
  });
}
