/** SQL of in-app notifications. Every read and write names the user; nothing here checks permissions. */
import type { Insertable } from 'kysely';
import type { Db, NotificationTable } from '../db/types.ts';

export async function insertNotification(db: Db, row: Insertable<NotificationTable>): Promise<void> {
  await db.insertInto('notification').values(row).execute();
}

/** A user's notifications, newest first. */
export async function notificationsOf(db: Db, userId: string, q: { limit: number; unreadOnly: boolean }) {
  let sel = db.selectFrom('notification').selectAll().where('user_id', '=', userId);
  if (q.unreadOnly) sel = sel.where('read_at', 'is', null);
  return sel.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
}

export async function unreadCountOf(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Marks one of the user's notifications read; false when the user has no such notification. */
export async function markNotificationRead(db: Db, userId: string, id: string, at: string): Promise<boolean> {
  const own = await db.selectFrom('notification').select('read_at').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!own) return false;
  if (own.read_at === null) {
    await db
      .updateTable('notification')
      .set({ read_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .execute();
  }
  return true;
}

/** Marks every unread notification of the user read; how many were. */
export async function markAllNotificationsRead(db: Db, userId: string, at: string): Promise<number> {
  const r = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
