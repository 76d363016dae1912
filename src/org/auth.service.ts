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
import { findUserById, type UserRow, updateUser } from './org.repo.ts';
import { OrgTreeCache } from './org-tree.ts';
import { isRole } from './roles.ts';
import { buildScope, type Scope } from './scope.ts';
import { SessionLookup } from './session-lookup.ts';
import { deleteSession, touchSession } from './session.repo.ts';

/** Returns a Chinese reason when the password is too weak, else null. */
export function passwordProblem(pw: string, username = ''): string | null {
  if (pw.length < 8) return '密码长度不能少于8位';
  if (pw.length > 128) return '密码长度不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类';
  if (username && pw.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

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
   * The scope of a session token, or null; expires idle sessions. last_seen_at is written only when it
   * is more than 30 s old, so a session expires between `sessionIdleMinutes` and that plus 30 s after
   * its last request.
   */
  async resolve(token: string, ip: string): Promise<Scope | null> {
    const id = tokenHash(token);
    const row = await this.#lookup.find(id);
    if (!row || !Number(row.active) || !isRole(row.role)) return null;
    const idleMs = Date.now() - Date.parse(row.last_seen_at);
    if (idleMs > this.cfg.sessionIdleMinutes * 60_000) {
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

export async function changeOwnPassword(db: Db, scope: Scope, oldPw: string, newPw: string): Promise<void> {
  const user = await findUserById(db, scope.userId);
  if (!user || !(await verify(user.password_hash, oldPw))) throw badRequest('oldPassword', '原密码不正确');
  if (oldPw === newPw) throw badRequest('newPassword', '新密码不能与原密码相同');
  await setOwnPassword(db, user, newPw, scope);
}

/**
 * The user's own new password, once they have proved who they are (the old password, or the first
 * steps of a login): the policy, the hash, the end of a one-time password, the audit row. Runs in the
 * caller's transaction when given one.
 */
export async function setOwnPassword(
  db: Db,
  user: UserRow,
  newPw: string,
  actor: Pick<Scope, 'userId' | 'username' | 'orgId' | 'ip'>,
): Promise<void> {
  const p = passwordProblem(newPw, user.username);
  if (p) throw badRequest('newPassword', p);
  if (await verify(user.password_hash, newPw)) throw badRequest('newPassword', '新密码不能与原密码相同');
  const h = await hashPassword(newPw);
  await inTx(db, async (trx) => {
    await updateUser(trx, user.id, { password_hash: h, password_changed_at: nowIso(), must_change_password: 0 });
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
