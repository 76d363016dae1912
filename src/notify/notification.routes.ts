/** The signed-in user's in-app notifications: list, unread count, mark read. */
import { z } from 'zod';
import { idParams, type Router } from '../http/router.ts';
import { listMyNotifications, markAllRead, markRead, myUnreadCount } from './notification.service.ts';
import { NOTIFY_MSG } from './notify.messages.ts';

const listQuery = z.object({
  unread: z.enum(['0', '1'], { error: '参数 unread 应为 0 或 1' }).optional(),
  limit: z.coerce
    .number({ error: '参数 limit 应为数字' })
    .int('参数 limit 应为整数')
    .min(1, '参数 limit 至少为1')
    .max(200, '参数 limit 最大为200')
    .optional(),
});

export function notificationRoutes(r: Router): void {
  r.add({
    method: 'GET',
    url: '/api/notifications',
    summary: '我的通知（最新在前），含未读数',
    tag: NOTIFY_MSG.tag,
    auth: 'login',
    query: listQuery,
    handler: async ({ db, scope, query }) => listMyNotifications(db, scope, { limit: query.limit, unread: query.unread === '1' }),
  });
  r.add({
    method: 'GET',
    url: '/api/notifications/unread-count',
    summary: '我的未读通知数',
    tag: NOTIFY_MSG.tag,
    auth: 'login',
    handler: async ({ db, scope }) => myUnreadCount(db, scope),
  });
  r.add({
    method: 'POST',
    url: '/api/notifications/:id/read',
    summary: '标记一条通知为已读',
    tag: NOTIFY_MSG.tag,
    auth: 'login',
    params: idParams,
    handler: async ({ db, scope, params }) => markRead(db, scope, params.id),
  });
  r.add({
    method: 'POST',
    url: '/api/notifications/read-all',
    summary: '全部标记为已读',
    tag: NOTIFY_MSG.tag,
    auth: 'login',
    handler: async ({ db, scope }) => markAllRead(db, scope),
  });
}
