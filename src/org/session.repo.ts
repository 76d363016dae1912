/** SQL for login sessions. A session's id is the hash of its token; the token itself is never stored. */
import type { Insertable } from 'kysely';
import type { Db, SessionTable } from '../db/types.ts';

export async function insertSession(db: Db, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

/** A session with the account it belongs to (the fields a scope is built from). */
export async function findSessionWithUser(db: Db, id: string) {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.id as sid',
      'session.last_seen_at',
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.role',
      'app_user.org_id',
      'app_user.unit_id',
      'app_user.active',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Ends every session of a user (after a password reset, role change or deactivation). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}
