/** SQL for login sessions. A session's id is the hash of its token; the token itself is never stored. */
import type { Insertable } from 'kysely';
import { preparedQuery } from '../db/prepared.ts';
import type { Db, SessionTable } from '../db/types.ts';

export async function insertSession(db: Db, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

/**
 * Sessions with the accounts they belong to (the fields a scope is built from) and the version of the
 * org tree: the one query authenticated requests run (several requests arriving together share one,
 * see session-lookup.ts). It is the check too: a session ended or an account changed through any
 * server is seen here, so nothing of it is kept between requests.
 */
const sessionsWithUser = (db: Db, ids: string[]) =>
  db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select((eb) => [
      eb.selectFrom('org_tree_version').select('version').where('org_tree_version.id', '=', eb.lit(1)).as('tree_version'),
      'session.id as sid',
      'session.created_at',
      'session.last_seen_at',
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.role',
      'app_user.org_id',
      'app_user.unit_id',
      'app_user.active',
    ])
    .where('session.id', 'in', ids);

/** Prepared once per list length; a shorter list is padded to the next length, so the statements stay few. */
const PREPARED = [1, 2, 4, 8, 16, 32].map((n) => ({ n, query: preparedQuery((db: Db, ...ids: string[]) => sessionsWithUser(db, ids), n) }));
const LARGEST = PREPARED[PREPARED.length - 1];

export type SessionWithUser = Awaited<ReturnType<ReturnType<typeof sessionsWithUser>['execute']>>[number];

export async function findSessionsWithUser(db: Db, ids: readonly string[]): Promise<SessionWithUser[]> {
  const out: SessionWithUser[] = [];
  for (let i = 0; i < ids.length; i += LARGEST.n) {
    const chunk = ids.slice(i, i + LARGEST.n);
    const { n, query } = PREPARED.find((p) => p.n >= chunk.length) ?? LARGEST;
    while (chunk.length < n) chunk.push(chunk[0]);
    out.push(...(await query(db, ...chunk)));
  }
  return out;
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Ends every session of a user (after a password reset, role change or deactivation). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A user's sessions (id = token hash, never the token), newest first. */
export async function findSessionsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('session')
    .select(['id', 'created_at', 'last_seen_at', 'ip'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Ends one session of a user; false when the user has no such session. */
export async function deleteSessionOfUser(db: Db, userId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('session').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
