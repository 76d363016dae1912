/**
 * In-app notifications: the reminder engine writes them (in the transaction that claims the
 * reminder's log row); each user reads and marks only their own. Another user's notification is
 * "not found", whatever bureau it belongs to.
 */
import type { NotificationList, NotificationView } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import type { Scope } from '../org/scope.ts';
import { nowIso } from '../util/time.ts';
import { markAllNotificationsRead, markNotificationRead, notificationsOf, unreadCountOf } from './notification.repo.ts';
import { NOTIFY_MSG } from './notify.messages.ts';

export type { NotificationList, NotificationView };

/** The caller's notifications, newest first, with the number unread. */
export async function listMyNotifications(db: Db, scope: Scope, q: { limit?: number; unread?: boolean } = {}): Promise<NotificationList> {
  const rows = await notificationsOf(db, scope.userId, { limit: q.limit ?? 50, unreadOnly: q.unread === true });
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      link: r.link,
      recordId: r.record_id,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    unread: await unreadCountOf(db, scope.userId),
  };
}

export async function myUnreadCount(db: Db, scope: Scope): Promise<{ unread: number }> {
  return { unread: await unreadCountOf(db, scope.userId) };
}

export async function markRead(db: Db, scope: Scope, id: string): Promise<{ unread: number }> {
  if (!(await markNotificationRead(db, scope.userId, id, nowIso(scope.clock)))) throw notFound(NOTIFY_MSG.notFound);
  return myUnreadCount(db, scope);
}

export async function markAllRead(db: Db, scope: Scope): Promise<{ marked: number; unread: number }> {
  const marked = await markAllNotificationsRead(db, scope.userId, nowIso(scope.clock));
  return { marked, unread: await unreadCountOf(db, scope.userId) };
}
