/** 我的待办 and the menu's badges. */
import type { Config } from '../config.ts';
import type { Router } from '../http/router.ts';
import { myTodo, todoCounts } from './todo.service.ts';

const TAG = '我的待办';

export function todoRoutes(r: Router, cfg: Pick<Config, 'auditAnchorMinutes'>): void {
  const opts = { anchorEveryMinutes: cfg.auditAnchorMinutes };
  r.add({
    method: 'GET',
    url: '/api/todo',
    summary: '我的待办：本人、本科室（法治专干和领导为本单位）逾期、本周、本月届满的期限，以及等待本人处理的事项',
    tag: TAG,
    auth: 'login',
    handler: async ({ db, scope }) => myTodo(db, scope, opts),
  });
  r.add({
    method: 'GET',
    url: '/api/todo/counts',
    summary: '我的待办的计数（菜单角标）',
    tag: TAG,
    auth: 'login',
    handler: async ({ db, scope }) => todoCounts(db, scope, opts),
  });
}
