/** Reminder policy per deadline rule (the bureau's own steps) and the bureau's reminder log. */
import { z } from 'zod';
import type { Router } from '../http/router.ts';
import { listReminderPolicies, resetReminderPolicy, setReminderPolicy } from './policy.service.ts';
import { REMINDER_MSG } from './reminders.messages.ts';
import { reminderLog } from './reminder-log.service.ts';

const ruleParams = z.object({ ruleKey: z.string().min(1).max(100) });
// The steps are checked by the service (the CLI and the API share the rules and their messages).
const stepsBody = z.object({ steps: z.unknown() }, { error: REMINDER_MSG.stepsRequired });
const logQuery = z.object({
  limit: z.coerce
    .number({ error: '参数 limit 应为数字' })
    .int('参数 limit 应为整数')
    .min(1, '参数 limit 至少为1')
    .max(500, '参数 limit 最大为500')
    .optional(),
});

export function reminderRoutes(r: Router): void {
  r.add({
    method: 'GET',
    url: '/api/reminders/policies',
    summary: '各期限规则的提醒步骤（默认与本单位设定）',
    tag: REMINDER_MSG.tag,
    auth: 'ledger.read',
    handler: async ({ db, scope }) => listReminderPolicies(db, scope),
  });
  r.add({
    method: 'PUT',
    url: '/api/reminders/policies/:ruleKey',
    summary: '设定本单位某一期限规则的提醒步骤（法治专干）',
    tag: REMINDER_MSG.tag,
    auth: 'settings.manage',
    params: ruleParams,
    body: stepsBody,
    handler: async ({ db, scope, params, body }) => setReminderPolicy(db, scope, params.ruleKey, body.steps),
  });
  r.add({
    method: 'DELETE',
    url: '/api/reminders/policies/:ruleKey',
    summary: '恢复某一期限规则的默认提醒步骤（法治专干）',
    tag: REMINDER_MSG.tag,
    auth: 'settings.manage',
    params: ruleParams,
    handler: async ({ db, scope, params }) => resetReminderPolicy(db, scope, params.ruleKey),
  });
  r.add({
    method: 'GET',
    url: '/api/reminders/log',
    summary: '本单位最近发送的提醒（对象、渠道、时间、结果）',
    tag: REMINDER_MSG.tag,
    auth: 'settings.manage',
    query: logQuery,
    handler: async ({ db, scope, query }) => reminderLog(db, scope, query.limit ?? 100),
  });
}
