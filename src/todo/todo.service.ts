/**
 * 我的待办: for the signed-in user, the deadlines they answer for and what the system holds that
 * waits for them. Everything here is read from data the system really has (deadlines computed on
 * read, report drafts, import jobs, 工作任务, ledger notices, accounts); nothing is stored, so an
 * edited record or a finalised report leaves the list in the next answer. Only the caller's own
 * bureau counts for business roles (a supervisor's roll-up is the dashboard's, not a to-do), and the
 * 三员 see the accounts they administer.
 */
import type { Deadline, TodoCounts, TodoDeadline, TodoDeadlineGroup, TodoItem, TodoReason, TodoView } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { findAnchors, findAuditHead, findAuditRowsAfter } from '../audit/audit.repo.ts';
import { dueWindow, listDeadlines } from '../calendar/deadlines.ts';
import { loadWorkCalendar, uncoveredWarning } from '../calendar/workdays.ts';
import { findFinishedImportJobs } from '../ledger/import.repo.ts';
import { allLedgerNotices } from '../ledger/notices.ts';
import { findRecords } from '../ledger/record.repo.ts';
import { findLedger } from '../ledger/registry.ts';
import { planTask, type TASK_STATUSES } from '../modules/plan/plan.ledger.ts';
import { findUsers } from '../org/org.repo.ts';
import { can, type Scope } from '../org/scope.ts';
import { findReportDrafts } from '../reports/report.repo.ts';
import { type Clock, nowIso, today as todayOf } from '../util/time.ts';
import { TODO_MSG } from './todo.messages.ts';

/** From this month on, next year's holiday arrangement is asked for too. */
const NEXT_YEAR_FROM_MONTH = 10;

/** How many deadlines of each group the answer lists (the totals count them all). */
export const TODO_GROUP_LIMIT = 50;

/** 工作任务 in this status have not been taken up: the nearest thing to "a task to accept" the data has. */
const TASK_NOT_STARTED: (typeof TASK_STATUSES)[number] = '未启动';

const timeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Why the caller answers for a deadline, or null when they do not. */
function reasonOf(scope: Scope, d: Deadline): TodoReason | null {
  if (d.orgId !== scope.orgId) return null;
  if (d.owner.userId !== null && d.owner.userId === scope.userId) return 'person';
  if (scope.unitId !== null && d.owner.unitId === scope.unitId) return 'unit';
  // 法治专干 and 领导 answer for every deadline of their bureau (the officer keeps the ledgers, the
  // leader is whom overdue work is escalated to); 科室人员 only for their own and their 科室's.
  if (scope.role === 'officer' || scope.role === 'leader') return 'bureau';
  return null;
}

function group(list: TodoDeadline[]): TodoDeadlineGroup {
  return { total: list.length, items: list.slice(0, TODO_GROUP_LIMIT) };
}

/** Past its day and still open: a late limit, or a certificate expired while its holder is still on duty. */
const isOverdue = (d: Deadline): boolean => d.status === '逾期' || d.status === '已到期';

/**
 * Open, yet nothing is due from us by a day: a clock stopped until the applicant's 补正 comes back,
 * or a minimum period (公众参与, 合法性审查), which may not end sooner and is never late while open.
 */
const waitsOnOthers = (d: Deadline): boolean => d.status === '等待补正' || d.kind === 'minimum';

/** The deadlines the caller answers for: overdue, due this week (Monday to Sunday), due later this month. */
async function myDeadlines(db: Db, scope: Scope, today: string) {
  const week = dueWindow(today, 'week');
  const month = dueWindow(today, 'month');
  const empty = { week, month, overdue: group([]), thisWeek: group([]), thisMonth: group([]) };
  if (!can(scope, 'ledger.read')) return empty;
  const open = await listDeadlines(db, scope, { status: 'open', orgIds: [scope.orgId] }, { today });
  const mine: TodoDeadline[] = [];
  for (const d of open) {
    const why = reasonOf(scope, d);
    if (why) mine.push({ ...d, why });
  }
  const overdue = mine.filter(isOverdue);
  const upcoming = mine.filter((d) => !isOverdue(d) && !waitsOnOthers(d));
  const inWeek = upcoming.filter((d) => d.due >= week.from && d.due <= week.to);
  // A week that runs into next month keeps its days in 本周; 本月 lists the rest of this month.
  const inMonth = upcoming.filter((d) => d.due >= month.from && d.due <= month.to && !(d.due >= week.from && d.due <= week.to));
  return { week, month, overdue: group(overdue), thisWeek: group(inWeek), thisMonth: group(inMonth) };
}

async function reportItems(db: Db, scope: Scope): Promise<TodoItem[]> {
  const finalizes = can(scope, 'report.finalize');
  if (!finalizes && !can(scope, 'report.write')) return [];
  const drafts = (await findReportDrafts(db, [scope.orgId], {})).filter((r) => r.status === 'draft');
  return drafts.map((r) => ({
    kind: finalizes ? 'report.finalize' : 'report.draft',
    id: r.id,
    title: finalizes ? TODO_MSG.reportFinalize(r.title) : TODO_MSG.reportDraft(r.title),
    detail: finalizes ? TODO_MSG.reportFinalizeDetail(Number(r.version), r.updated_by_name) : TODO_MSG.reportDraftDetail(Number(r.version)),
    link: '/reports',
    orgId: r.org_id,
    at: r.updated_at,
  }));
}

/** The caller's own imports that failed and were not followed by a successful import of the same ledger. */
async function importItems(db: Db, scope: Scope): Promise<TodoItem[]> {
  if (!can(scope, 'ledger.write')) return [];
  const jobs = await findFinishedImportJobs(db, scope.userId, scope.orgId);
  const settled = new Set<string>();
  const out: TodoItem[] = [];
  // Newest first: a ledger whose latest import succeeded has nothing left to redo.
  for (const j of jobs) {
    if (settled.has(j.ledger)) continue;
    settled.add(j.ledger);
    if (j.status !== 'failed') continue;
    const error = j.error ? (JSON.parse(j.error) as { detail?: string }) : null;
    out.push({
      kind: 'import.failed',
      id: j.id,
      title: TODO_MSG.importFailed(findLedger(j.ledger)?.label ?? j.ledger, j.file_name),
      detail: TODO_MSG.importFailedDetail(error?.detail ?? TODO_MSG.importFailedUnknown),
      link: `/ledgers/${j.ledger}`,
      orgId: j.org_id,
      at: j.finished_at,
    });
  }
  return out;
}

/** 工作任务 not started: of the caller's 科室 (科室人员), or of the whole bureau (法治专干). */
async function taskItems(db: Db, scope: Scope): Promise<TodoItem[]> {
  if (!can(scope, 'ledger.write')) return [];
  const unitId = scope.role === 'officer' ? undefined : scope.unitId;
  if (unitId === null) return [];
  const { items } = await findRecords(db, { orgIds: [scope.orgId], ledger: planTask.key, status: TASK_NOT_STARTED, unitId, limit: 200 });
  return items.map((r) => {
    const deadline = typeof r.data.deadline === 'string' ? r.data.deadline : null;
    return {
      kind: 'task.start',
      id: r.id,
      title: TODO_MSG.taskStart(r.title),
      detail: TODO_MSG.taskStartDetail(deadline),
      link: `/records/${r.id}`,
      orgId: r.orgId,
      at: deadline,
    };
  });
}

/** What the ledgers' own checks say someone has to act on (e.g. a retired 领导小组 member), for the officer who keeps them. */
async function noticeItems(db: Db, scope: Scope): Promise<TodoItem[]> {
  if (scope.role !== 'officer') return [];
  const own: Scope = { ...scope, readOrgIds: [scope.orgId] };
  return (await allLedgerNotices(db, own)).map((n) => ({
    kind: 'ledger.notice',
    id: n.recordId,
    title: TODO_MSG.notice(findLedger(n.ledger)?.label ?? n.ledger),
    detail: n.message,
    link: `/records/${n.recordId}`,
    orgId: scope.orgId,
    at: null,
  }));
}

/** Locked accounts of the bureaus the 安全管理员 administers. */
async function lockedItems(db: Db, scope: Scope): Promise<TodoItem[]> {
  if (!can(scope, 'user.security')) return [];
  const now = nowIso(scope.clock);
  return (await findUsers(db, scope.manageOrgIds))
    .filter((u) => u.locked_until !== null && u.locked_until > now)
    .map((u) => ({
      kind: 'account.locked',
      id: u.id,
      title: TODO_MSG.locked(u.display_name, u.username),
      detail: TODO_MSG.lockedDetail(timeFmt.format(new Date(u.locked_until ?? now))),
      link: '/admin/security',
      orgId: u.org_id,
      at: u.locked_until,
    }));
}

/**
 * Years whose holiday arrangement the calendar lacks, for whoever enters it (系统管理员, calendar.manage):
 * this year, and from October (the State Council publishes the next year's notice late in the year)
 * the next. Deadlines falling in such a year are counted Monday to Friday until it is entered.
 */
async function calendarItems(db: Db, scope: Scope, today: string): Promise<TodoItem[]> {
  if (!can(scope, 'calendar.manage')) return [];
  const cal = await loadWorkCalendar(db);
  const year = Number(today.slice(0, 4));
  const years = Number(today.slice(5, 7)) >= NEXT_YEAR_FROM_MONTH ? [year, year + 1] : [year];
  return years
    .filter((y) => !cal.covered(y))
    .map((y) => ({
      kind: 'calendar.uncovered',
      id: String(y),
      title: TODO_MSG.uncovered(y),
      detail: TODO_MSG.uncoveredDetail(uncoveredWarning(y)),
      link: '/admin/system',
      orgId: scope.orgId,
      at: null,
    }));
}

/**
 * The audit chain's rows not anchored outside the database for more than two anchor intervals (审计
 * 管理员): the periodic anchoring has stopped, so a truncated chain tail would go unnoticed. A quiet
 * deployment whose head has not moved since its last anchor has nothing to anchor and is not flagged.
 * Checked only when the caller knows the interval (the server's AUDIT_ANCHOR_MINUTES).
 */
async function auditItems(db: Db, scope: Scope, everyMinutes: number | undefined): Promise<TodoItem[]> {
  if (!can(scope, 'audit.read') || everyMinutes === undefined) return [];
  const head = await findAuditHead(db);
  const [anchor] = await findAnchors(db, 1);
  const anchoredUpTo = anchor ? Number(anchor.seq) : 0;
  if (Number(head.seq) <= anchoredUpTo) return [];
  const since = anchor?.at ?? (await findAuditRowsAfter(db, 0, Number(head.seq), 1))[0]?.at;
  if (!since) return [];
  const hours = (scope.clock.now().getTime() - Date.parse(since)) / 3_600_000;
  if (hours * 60 <= 2 * everyMinutes) return [];
  return [
    {
      kind: 'audit.anchor',
      id: String(head.seq),
      title: anchor ? TODO_MSG.anchorStale(Math.floor(hours)) : TODO_MSG.anchorNone(Math.floor(hours)),
      detail: TODO_MSG.anchorDetail(Number(head.seq) - anchoredUpTo),
      link: '/admin/audit',
      orgId: scope.orgId,
      at: since,
    },
  ];
}

function countsOf(v: Omit<TodoView, 'counts'>): TodoCounts {
  const of = (kinds: readonly TodoItem['kind'][]) => v.items.filter((i) => kinds.includes(i.kind)).length;
  const calendar = v.overdue.total + v.thisWeek.total;
  const reports = of(['report.finalize', 'report.draft']);
  const system = of(['calendar.uncovered']);
  const security = of(['account.locked']);
  const audit = of(['audit.anchor']);
  // The home badge is what needs doing now: overdue, due this week, and every waiting item (not the
  // rest of the month, which the list shows without pressing).
  const total = calendar + v.items.length;
  const menu: TodoCounts['menu'] = {};
  for (const [k, n] of [
    ['home', total],
    ['calendar', calendar],
    ['reports', reports],
    ['system', system],
    ['security', security],
    ['audit', audit],
  ] as const) {
    if (n > 0) menu[k] = n;
  }
  return { total, menu };
}

/** `anchorEveryMinutes`: the deployment's AUDIT_ANCHOR_MINUTES, for the auditor's anchor check (skipped without it). */
export type TodoOpts = { today?: string; clock?: Clock; anchorEveryMinutes?: number };

/**
 * 我的待办 of the caller. `today` is injectable for tests; it defaults to today in Asia/Shanghai by
 * the request's clock.
 */
export async function myTodo(db: Db, scope: Scope, opts: TodoOpts = {}): Promise<TodoView> {
  const today = opts.today ?? todayOf(opts.clock ?? scope.clock);
  const deadlines = await myDeadlines(db, scope, today);
  const items = [
    ...(await reportItems(db, scope)),
    ...(await importItems(db, scope)),
    ...(await taskItems(db, scope)),
    ...(await noticeItems(db, scope)),
    ...(await lockedItems(db, scope)),
    ...(await calendarItems(db, scope, today)),
    ...(await auditItems(db, scope, opts.anchorEveryMinutes)),
  ];
  const view = { today, ...deadlines, items };
  return { ...view, counts: countsOf(view) };
}

/** The menu's badges: the counts of 我的待办 without its lists. */
export async function todoCounts(db: Db, scope: Scope, opts: TodoOpts = {}): Promise<TodoCounts> {
  return (await myTodo(db, scope, opts)).counts;
}
