/**
 * SQL for logins in steps and login abuse: challenges, recovery codes, the TOTP replay guard and the
 * failure counters. Every check that two app servers could race on is one conditional statement here
 * (a row consumed, a step moved forward, a counter raised), so the database decides which one wins.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db, LoginChallengeTable } from '../db/types.ts';

export type ChallengeRow = Selectable<LoginChallengeTable>;

export async function insertChallenge(db: Db, row: Insertable<LoginChallengeTable>): Promise<void> {
  await db.insertInto('login_challenge').values(row).execute();
}

/** A challenge still running at `now`. */
export async function findChallenge(db: Db, id: string, now: string): Promise<ChallengeRow | undefined> {
  return db.selectFrom('login_challenge').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
}

/** Counts one wrong answer; true while the challenge may still be answered (below `max`). */
export async function countChallengeAttempt(db: Db, id: string, max: number): Promise<boolean> {
  const row = await db
    .updateTable('login_challenge')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  if (row && Number(row.attempts) < max) return true;
  await deleteChallenge(db, id);
  return false;
}

/** Deletes the challenge; true for the one caller that deleted it (a challenge is used once). */
export async function deleteChallenge(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('login_challenge').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Removes the user's challenges of these kinds and every expired challenge (they are never read again). */
export async function clearChallenges(db: Db, userId: string, kinds: readonly string[], now: string): Promise<void> {
  await db
    .deleteFrom('login_challenge')
    .where((eb) => eb.or([eb.and([eb('user_id', '=', userId), eb('kind', 'in', [...kinds])]), eb('expires_at', '<=', now)]))
    .execute();
}

/** Moves the user's last accepted TOTP step to `step`; false when that step (or a later one) was already used. */
export async function advanceTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces the user's recovery codes with these hashes. */
export async function replaceRecoveryCodes(db: Db, userId: string, hashes: readonly string[], now: string): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  if (hashes.length)
    await db
      .insertInto('recovery_code')
      .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now, used_at: null })))
      .execute();
}

/** Marks an unused recovery code used; false when there is none such (wrong or used already). */
export async function spendRecoveryCode(db: Db, userId: string, hash: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('recovery_code')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function deleteRecoveryCodes(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
}

/**
 * Counts one attempt under `key` in a window of `windowMs` (a window older than that starts again at 1)
 * and answers the count. The count is raised before the password is checked, so parallel attempts on
 * several servers cannot all slip under the limit.
 */
export async function countAttempt(db: Db, key: string, now: string, windowStartedBefore: string): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ key, window_start: now, failures: 1, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_throttle.window_start', '<', windowStartedBefore)
          .then(1)
          .else(eb('login_throttle.failures', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('login_throttle.window_start', '<', windowStartedBefore)
          .then(now)
          .else(eb.ref('login_throttle.window_start'))
          .end(),
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** Gives back an attempt counted by `countAttempt` (a login that succeeded is not abuse). */
export async function uncountAttempt(db: Db, key: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

export type FailureState = { lockedUntil: string | null };

/**
 * Counts one failed login of an account: at `max` failures the account is locked until `lockUntil`
 * and its count starts again, so after the lock ends it takes `max` new failures to lock it again.
 * Nothing changes while it is locked (no renewal). `table` is the account's own row for a known user
 * (app_user), or the throttle row of a username that names no active account.
 */
export async function countAccountFailure(
  db: Db,
  target: { userId: string } | { throttleKey: string },
  now: string,
  max: number,
  lockUntil: string,
): Promise<FailureState> {
  if ('userId' in target) {
    const row = await db
      .updateTable('app_user')
      .set((eb) => ({
        failed_count: eb
          .case()
          .when('failed_count', '>=', max - 1)
          .then(0)
          .else(eb('failed_count', '+', 1))
          .end(),
        locked_until: eb
          .case()
          .when('failed_count', '>=', max - 1)
          .then(lockUntil)
          .else(eb.ref('locked_until'))
          .end(),
      }))
      .where('id', '=', target.userId)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning('locked_until')
      .executeTakeFirst();
    return { lockedUntil: row?.locked_until ?? null };
  }
  // One statement, as for an account row: the first failure inserts, a later one counts unless locked.
  const locking = max <= 1;
  const row = await db
    .insertInto('login_throttle')
    .values({ key: target.throttleKey, window_start: now, failures: locking ? 0 : 1, locked_until: locking ? lockUntil : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const isLocked = eb.and([eb('login_throttle.locked_until', 'is not', null), eb('login_throttle.locked_until', '>', now)]);
        const reaches = eb('login_throttle.failures', '>=', max - 1);
        return {
          failures: eb
            .case()
            .when(isLocked)
            .then(eb.ref('login_throttle.failures'))
            .when(reaches)
            .then(0)
            .else(eb('login_throttle.failures', '+', 1))
            .end(),
          locked_until: eb
            .case()
            .when(isLocked)
            .then(eb.ref('login_throttle.locked_until'))
            .when(reaches)
            .then(lockUntil)
            .else(eb.ref('login_throttle.locked_until'))
            .end(),
        };
      }),
    )
    .returning('locked_until')
    .executeTakeFirstOrThrow();
  return { lockedUntil: row.locked_until };
}

/** The lock of a username that names no active account (its throttle row), or null. */
export async function throttleLockOf(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('login_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
  return row?.locked_until ?? null;
}

/** Ends a lock and its count: the account's own and any throttle row of its username. */
export async function clearAccountFailures(db: Db, userId: string, throttleKey: string): Promise<void> {
  await db.updateTable('app_user').set({ failed_count: 0, locked_until: null }).where('id', '=', userId).execute();
  await db.deleteFrom('login_throttle').where('key', '=', throttleKey).execute();
}
