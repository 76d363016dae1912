/** Deadlines, the working-day calendar and its overrides, key dates, annual duties and the ICS feed. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { badRequest } from '../errors.ts';
import type { Router } from '../http/router.ts';
import { daysBetween, isValidDate, today } from '../util/time.ts';
import { DEADLINE_SETTING_MSG } from './deadline-settings.messages.ts';
import { listDeadlineSettings, resetDeadlineSetting, setDeadlineSetting } from './deadline-settings.service.ts';
import { annualDuties, deadlineSummary, listDeadlines, ruleCatalog } from './deadlines.ts';
import { calendarFeed } from './ics.ts';
import { keyDates } from './keydates.ts';
import { createSubscription, revokeSubscription, subscribedFeed, subscriptionStatus } from './subscription.service.ts';
import { deleteOverride, setOverride } from './overrides.ts';
import { listOverrides, loadWorkCalendar } from './workdays.ts';
import { MAX_ENTRIES, markYearComplete, parseYearNotice, saveYearArrangement, unmarkYearComplete, yearCoverage } from './years.service.ts';

const TAG = '期限与日历';
const MAX_DAYS_SPAN = 366;

const yearSchema = z.coerce
  .number({ error: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度不能早于2000年')
  .max(2100, '年度不能晚于2100年');

const dateSchema = (label: string) => z.string({ error: `${label}不能为空` }).refine(isValidDate, `${label}应为有效日期，格式为YYYY-MM-DD`);

const deadlineQuery = z.object({
  status: z.enum(['open', 'overdue', 'done', 'all'], { error: '状态应为 open、overdue、done 或 all' }).optional(),
  year: yearSchema.optional(),
  module: z.string().max(60, '模块名称过长').optional(),
  within: z.enum(['week', 'month'], { error: '参数 within 应为 week（本周）或 month（本月）' }).optional(),
});
const yearQuery = z.object({ year: yearSchema.optional() });
const dayParams = z.object({ day: dateSchema('日期') });
const overrideBody = z.object(
  {
    kind: z.enum(['holiday', 'workday'], { error: '类型应为 holiday（放假）或 workday（上班）' }),
    name: z.string({ error: '名称不能为空' }).trim().min(1, '名称不能为空').max(30, '名称不能超过30字'),
  },
  { error: '请求应包含 kind 和 name' },
);
const daysQuery = z.object({ from: dateSchema('开始日期'), to: dateSchema('结束日期') });
const ruleParams = z.object({ ruleKey: z.string().min(1).max(100) });
// Only the type here: the bounds depend on the rule's unit and are checked by the service (the CLI too).
const settingBody = z.object(
  { amount: z.number({ error: DEADLINE_SETTING_MSG.amountType }).int(DEADLINE_SETTING_MSG.amountType) },
  { error: DEADLINE_SETTING_MSG.bodyRequired },
);

const tokenParams = z.object({ token: z.string().max(100) });

const yearParams = z.object({ year: yearSchema });
const noticeBody = z.object(
  { text: z.string({ error: '请粘贴放假通知的正文' }).max(10_000, '通知正文不能超过10000字') },
  { error: '请求应包含 text' },
);
// Shapes only; the dates, names and ranges are checked by the service (the CLI goes through it too).
const arrangementBody = z.object(
  {
    entries: z
      .array(
        z.object({
          name: z.string({ error: '名称不能为空' }).max(100, '名称过长'),
          kind: z.enum(['holiday', 'workday'], { error: '类型应为 holiday（放假）或 workday（上班）' }),
          from: z.string({ error: '开始日期不能为空' }).max(20, '开始日期格式有误'),
          to: z.string({ error: '结束日期不能为空' }).max(20, '结束日期格式有误'),
        }),
        { error: '请求应包含 entries（放假与上班安排）' },
      )
      .max(MAX_ENTRIES, `一次最多录入${MAX_ENTRIES}项安排`),
    complete: z.boolean({ error: 'complete 应为 true 或 false' }).optional(),
    dryRun: z.boolean({ error: 'dryRun 应为 true 或 false' }).optional(),
  },
  { error: '请求应包含 entries' },
);

/** An ICS answer: never cached by a proxy, saved under a Chinese file name when downloaded. */
function sendIcs(reply: FastifyReply, ics: string): string {
  reply.header('content-type', 'text/calendar; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="fazhi.ics"; filename*=UTF-8''${encodeURIComponent('法治民政工作台.ics')}`);
  reply.header('cache-control', 'no-store');
  return ics;
}

const currentYear = (): number => Number(today().slice(0, 4));

export function calendarRoutes(r: Router): void {
  r.add({
    method: 'GET',
    url: '/api/deadlines',
    summary: '法定期限列表（按届满日排序；within=week 为本周一至周日届满的，month 为本月届满的）',
    tag: TAG,
    auth: 'ledger.read',
    query: deadlineQuery,
    handler: async ({ db, scope, query }) => listDeadlines(db, scope, query),
  });
  r.add({
    method: 'GET',
    url: '/api/deadlines/summary',
    summary: '未办结期限概况（本单位，或 rollup=1 含下级单位：总数、逾期、临期及最近届满的若干项）',
    tag: TAG,
    auth: 'ledger.read',
    query: z.object({
      limit: z.coerce
        .number({ error: '参数 limit 应为数字' })
        .int('参数 limit 应为整数')
        .min(1, '参数 limit 应不小于1')
        .max(100, '参数 limit 不能大于100')
        .optional(),
      module: z.string().max(60, '模块名称过长').optional(),
      rollup: z.enum(['0', '1'], { error: '参数 rollup 应为 0 或 1' }).optional(),
    }),
    handler: async ({ db, scope, query }) =>
      deadlineSummary(db, scope, { limit: query.limit ?? 30, module: query.module, rollup: query.rollup === '1' }),
  });
  r.add({ method: 'GET', url: '/api/calendar/rules', summary: '期限规则', tag: TAG, auth: 'login', handler: async () => ruleCatalog() });
  r.add({
    method: 'GET',
    url: '/api/calendar/overrides',
    summary: '节假日调整列表',
    tag: TAG,
    auth: 'login',
    handler: async ({ db }) => listOverrides(db),
  });
  r.add({
    method: 'PUT',
    url: '/api/calendar/overrides/:day',
    summary: '设置某日为放假或上班',
    tag: TAG,
    auth: 'calendar.manage',
    params: dayParams,
    body: overrideBody,
    handler: async ({ db, scope, params, body }) => setOverride(db, scope, params.day, body),
  });
  r.add({
    method: 'DELETE',
    url: '/api/calendar/overrides/:day',
    summary: '删除节假日调整',
    tag: TAG,
    auth: 'calendar.manage',
    params: dayParams,
    status: 204,
    handler: async ({ db, scope, params }) => {
      await deleteOverride(db, scope, params.day);
      return undefined;
    },
  });
  r.add({
    method: 'GET',
    url: '/api/calendar/years',
    summary: '各年度放假安排是否已覆盖（内置、管理员录入并确认完整、部分调整、未录入）',
    tag: TAG,
    auth: 'login',
    handler: async ({ db, scope }) => yearCoverage(db, { today: today(scope.clock) }),
  });
  r.add({
    method: 'POST',
    url: '/api/calendar/years/:year/parse',
    summary: '识别粘贴的国务院办公厅放假通知正文（只识别，不保存）',
    tag: TAG,
    auth: 'calendar.manage',
    params: yearParams,
    body: noticeBody,
    handler: async ({ scope, params, body }) => parseYearNotice(scope, params.year, body.text),
  });
  r.add({
    method: 'POST',
    url: '/api/calendar/years/:year/arrangement',
    summary: '录入一年的放假与调休上班安排（替换该年已有调整；dryRun 只预览；complete 同时确认该年已完整录入）',
    tag: TAG,
    auth: 'calendar.manage',
    params: yearParams,
    body: arrangementBody,
    handler: async ({ db, scope, params, body }) =>
      saveYearArrangement(db, scope, params.year, {
        entries: body.entries,
        complete: body.complete ?? false,
        dryRun: body.dryRun ?? false,
      }),
  });
  r.add({
    method: 'PUT',
    url: '/api/calendar/years/:year/complete',
    summary: '确认该年放假安排已完整录入',
    tag: TAG,
    auth: 'calendar.manage',
    params: yearParams,
    handler: async ({ db, scope, params }) => markYearComplete(db, scope, params.year),
  });
  r.add({
    method: 'DELETE',
    url: '/api/calendar/years/:year/complete',
    summary: '取消该年“已完整录入”的确认（已录入的调整保留，未录入的日子重新按法定节日推算）',
    tag: TAG,
    auth: 'calendar.manage',
    params: yearParams,
    handler: async ({ db, scope, params }) => unmarkYearComplete(db, scope, params.year),
  });
  r.add({
    method: 'GET',
    url: '/api/calendar/settings',
    summary: '本单位可设定的期限（法定默认值与本单位设定值）',
    tag: TAG,
    auth: 'ledger.read',
    handler: async ({ db, scope }) => listDeadlineSettings(db, scope),
  });
  r.add({
    method: 'PUT',
    url: '/api/calendar/settings/:ruleKey',
    summary: '设定本单位的期限数值',
    tag: TAG,
    auth: 'settings.manage',
    params: ruleParams,
    body: settingBody,
    handler: async ({ db, scope, params, body }) => setDeadlineSetting(db, scope, params.ruleKey, body.amount),
  });
  r.add({
    method: 'DELETE',
    url: '/api/calendar/settings/:ruleKey',
    summary: '恢复期限的默认数值',
    tag: TAG,
    auth: 'settings.manage',
    params: ruleParams,
    handler: async ({ db, scope, params }) => resetDeadlineSetting(db, scope, params.ruleKey),
  });
  r.add({
    method: 'GET',
    url: '/api/calendar/key-dates',
    summary: '普法与民政重要日期',
    tag: TAG,
    auth: 'login',
    query: yearQuery,
    handler: async ({ query }) => keyDates(query.year ?? currentYear()),
  });
  r.add({
    method: 'GET',
    url: '/api/calendar/annual-duties',
    summary: '年度法定工作时限',
    tag: TAG,
    auth: 'login',
    query: yearQuery,
    handler: async ({ db, query }) => annualDuties(query.year ?? currentYear(), await loadWorkCalendar(db)),
  });
  r.add({
    method: 'GET',
    url: '/api/calendar/feed.ics',
    summary: '日历文件（iCalendar，需登录会话）',
    tag: TAG,
    auth: 'login',
    handler: async ({ db, scope, reply }) => sendIcs(reply, await calendarFeed(db, scope)),
  });
  r.add({
    method: 'GET',
    url: '/api/calendar/subscription',
    summary: '本人的日历订阅是否已开启（从不返回订阅令牌）',
    tag: TAG,
    auth: 'login',
    handler: async ({ db, scope }) => subscriptionStatus(db, scope),
  });
  r.add({
    method: 'POST',
    url: '/api/calendar/subscription',
    summary: '生成（或更换）本人的日历订阅链接；链接只在此次返回',
    tag: TAG,
    auth: 'login',
    status: 201,
    handler: async ({ db, scope, req }) => createSubscription(db, scope, `${req.protocol}://${req.host}`),
  });
  r.add({
    method: 'DELETE',
    url: '/api/calendar/subscription',
    summary: '停止日历订阅（订阅链接立即失效）',
    tag: TAG,
    auth: 'login',
    status: 204,
    handler: async ({ db, scope }) => {
      await revokeSubscription(db, scope);
      return undefined;
    },
  });
  r.add({
    method: 'GET',
    url: '/api/calendar/subscribe/:token.ics',
    summary: '日历订阅（iCalendar，凭订阅链接中的令牌，供日历软件定时刷新）',
    tag: TAG,
    auth: 'public',
    params: tokenParams,
    handler: async ({ db, params, req, reply }) => sendIcs(reply, await subscribedFeed(db, params.token, req.ip)),
  });
  r.add({
    method: 'GET',
    url: '/api/calendar/days',
    summary: '逐日工作日与节假日',
    tag: TAG,
    auth: 'login',
    query: daysQuery,
    handler: async ({ db, query }) => {
      const span = daysBetween(query.from, query.to);
      if (span < 0) throw badRequest('to', '结束日期不能早于开始日期');
      if (span >= MAX_DAYS_SPAN) throw badRequest('to', `查询范围不能超过${MAX_DAYS_SPAN}天`);
      return (await loadWorkCalendar(db)).days(query.from, query.to);
    },
  });
}
