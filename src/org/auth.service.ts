/**
 * Login, sessions and the password policy (等保2.0: complexity, periodic change, lockout after
 * repeated failures, idle timeout). Every login attempt, good or bad, is audited.
 */
import { createHash } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { appendAudit } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest } from '../errors.ts';
import { nowIso, systemClock } from '../util/time.ts';
import { findPasswordHistory, findUserById, insertPasswordHistory, type UserRow, updateUser } from './org.repo.ts';
import { OrgTreeCache } from './org-tree.ts';
import { PASSWORD_HISTORY, PASSWORD_MSG, passwordProblem, reusedPassword } from './password-policy.ts';
import { isRole } from './roles.ts';
import { buildScope, type Scope } from './scope.ts';
import { SessionLookup } from './session-lookup.ts';
import { deleteSession, touchSession } from './session.repo.ts';

export { passwordProblem } from './password-policy.ts';

export async function hashPassword(pw: string): Promise<string> {
  return hash(pw, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

/** The stored form of a session token or a login challenge (the token itself is never stored). */
export const tokenHash = (t: string): string => createHash('sha256').update(t).digest('hex');

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
  await setOwnPassword(db, user, newPw, scope);
}

/**
 * The user's own new password, once they have proved who they are (the old password, or the first
 * steps of a login): the policy, the history, the end of a one-time password, the audit row.
 */
export async function setOwnPassword(
  db: Db,
  user: UserRow,
  newPw: string,
  actor: Pick<Scope, 'userId' | 'username' | 'orgId' | 'ip'>,
): Promise<void> {
  const p = await passwordProblem(newPw, user.username);
  if (p) throw badRequest('newPassword', p);
  if (await reusedPassword(newPw, await recentHashes(db, user))) throw badRequest('newPassword', PASSWORD_MSG.reused);
  const h = await hashPassword(newPw);
  await inTx(db, async (trx) => {
    await storePassword(trx, user, h, false);
    await appendAudit(trx, {
      userId: actor.userId,
      username: actor.username,
      orgId: actor.orgId,
      ip: actor.ip,
      action: 'user.password',
      entity: 'app_user',
      entityId: user.id,
    });
  });
}
