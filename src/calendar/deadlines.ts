/**
 * Statutory deadlines of ledger records, computed on read from the rules (calendar/rules.ts), the
 * working-day calendar and the bureau's settings. Nothing is stored or cached: an edited record, a
 * new calendar override or a changed setting shows in the next answer.
 */
import type { AnnualDuty, Deadline, DeadlineStatus, DeadlineSummary } from '../contract.ts';
import type { Db } from '../db/types.ts';
import type { FieldValue, RecordData } from '../ledger/field.ts';
import type { FieldOf } from '../ledger/define.ts';
import { findLiveFields } from '../ledger/record.repo.ts';
import { condFields, explainCond, matches as matchesCond } from '../figures/filter.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { addDays, type Clock, isValidDate, today as todayOf, weekday } from '../util/time.ts';
import { deadlineValuesOf } from './deadline-settings.repo.ts';
import { allDeadlineRules, type DeadlineRule } from './rules.ts';
import { type DueComputation, loadWorkCalendar, type WorkCalendar } from './workdays.ts';

export const DEADLINE_STATUSES = ['进行中', '临期', '逾期', '按期办结', '逾期办结'] as const satisfies readonly DeadlineStatus[];
export type { Deadline, DeadlineStatus };

/** 临期: at most this many working days left. */
export const DUE_SOON_WORKDAYS = 3;

export type DeadlineFilter = {
  /** open = not yet done (进行中, 临期, 逾期); overdue = 逾期; done = 按期办结 and 逾期办结. Default open. */
  status?: 'open' | 'overdue' | 'done' | 'all';
  /** Year of the due date. */
  year?: number;
  module?: string;
  /** Only these of the caller's readable bureaus (default: all of them). */
  orgIds?: readonly string[];
  /** Due within today's week (Monday to Sunday) or month, in Asia/Shanghai. */
  within?: DueWindow;
};

export type DueWindow = 'week' | 'month';

/**
 * The days of `today`'s week (Monday to Sunday: the working week as the calendar page and 我的待办
 * show it, not the Sunday-first week of some calendars) or of its month, both ends included.
 */
export function dueWindow(today: string, within: DueWindow): { from: string; to: string } {
  if (within === 'week') {
    const from = addDays(today, -((weekday(today) + 6) % 7));
    return { from, to: addDays(from, 6) };
  }
  const first = `${today.slice(0, 7)}-01`;
  const [y, m] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: first, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

export type RecordInput = { id: string; orgId: string; unitId?: string | null; ledger: string; title: string; data: RecordData };

export const UNIT_CN: Record<DeadlineRule['unit'], string> = { workday: '个工作日', day: '日', month: '个月' };

export const settingKeyOf = (rule: DeadlineRule): string => `deadline.${rule.key}.amount`;

function dateOf(v: FieldValue | undefined): string | null {
  return typeof v === 'string' && isValidDate(v) ? v : null;
}

function fieldLabel(rule: DeadlineRule, field: string): string {
  return rule.ledger.fields[field]?.label ?? field;
}

function compute(cal: WorkCalendar, unit: DeadlineRule['unit'], start: string, n: number): DueComputation {
  if (unit === 'workday') return cal.addWorkdays(start, n);
  if (unit === 'day') return cal.addCalendarDays(start, n);
  return cal.addMonths(start, n);
}

/**
 * The deadline one rule puts on one record, or null when the rule does not apply (the `when`
 * condition fails or the start date is not filled in yet).
 */
export function computeDeadline(
  cal: WorkCalendar,
  rule: DeadlineRule,
  rec: RecordInput,
  today: string,
  configuredAmount?: number,
): Deadline | null {
  const d = rec.data;
  if (rule.when && !matchesCond(rule.when, d, { start: today, end: today, asOf: today })) return null;
  const original = dateOf(d[rule.start]);
  const restart = rule.restartField ? dateOf(d[rule.restartField]) : null;
  const start = restart ?? original;
  if (!start) return null;

  const notes: string[] = [];
  const unitCn = UNIT_CN[rule.unit];
  let amount = rule.amount;
  if (configuredAmount !== undefined && configuredAmount !== rule.amount) {
    amount = configuredAmount;
    notes.push(`本单位设定期限为 ${amount} ${unitCn}（法定默认 ${rule.amount} ${unitCn}）`);
  } else {
    notes.push(`期限 ${amount} ${unitCn}（${rule.basis}）`);
  }
  if (restart && rule.restartField) {
    notes.push(`${fieldLabel(rule, rule.restartField)} ${restart}，期限自该日重新起算`);
  }
  if (rule.extendField && d[rule.extendField] === true && rule.extendAmount) {
    amount += rule.extendAmount;
    notes.push(`经批准延长 ${rule.extendAmount} ${unitCn}`);
  }
  if (rule.pauseField) {
    const pause = d[rule.pauseField];
    if (typeof pause === 'number' && Number.isInteger(pause) && pause > 0) {
      amount += pause;
      notes.push(`${fieldLabel(rule, rule.pauseField)} ${pause} ${unitCn}不计入期限`);
    }
  }
  const fixed = amount === 0;
  const c = fixed ? cal.fixedDate(start) : compute(cal, rule.unit, start, amount);
  const doneOn = dateOf(d[rule.doneField]);

  let status: DeadlineStatus;
  let remaining: number | null = null;
  if (doneOn) {
    status = doneOn <= c.due ? '按期办结' : '逾期办结';
  } else if (today > c.due) {
    status = '逾期';
    remaining = -Math.max(1, cal.workdaysBetween(c.due, today));
  } else {
    remaining = cal.workdaysBetween(today, c.due);
    status = remaining <= DUE_SOON_WORKDAYS ? '临期' : '进行中';
  }
  const [head, ...rest] = c.explanation;
  const explanation = fixed ? [head, `依据：${rule.basis}`, ...rest] : [head, ...notes, ...rest];
  if (doneOn) explanation.push(`${fieldLabel(rule, rule.doneField)} ${doneOn}，${status}`);
  return {
    ruleKey: rule.key,
    label: rule.label,
    basis: rule.basis,
    module: rule.module,
    recordId: rec.id,
    ledger: rec.ledger,
    title: rec.title,
    orgId: rec.orgId,
    start,
    due: c.due,
    doneOn,
    status,
    remainingWorkdays: remaining,
    explanation,
    uncovered: c.uncovered,
    owner: { unitId: rec.unitId ?? null, userId: ownerOf(rule, d) },
  };
}

function matches(dl: Deadline, f: DeadlineFilter, window: { from: string; to: string } | null): boolean {
  if (f.year !== undefined && Number(dl.due.slice(0, 4)) !== f.year) return false;
  if (window && (dl.due < window.from || dl.due > window.to)) return false;
  switch (f.status ?? 'open') {
    case 'open':
      return dl.doneOn === null;
    case 'overdue':
      return dl.status === '逾期';
    case 'done':
      return dl.doneOn !== null;
    case 'all':
      return true;
  }
}

/** `deadline.<key>.amount` settings of the given bureaus: orgId → key → amount. */
async function configuredAmounts(db: Db, orgIds: string[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of await deadlineValuesOf(db, orgIds)) {
    const n = Number(r.value);
    if (!Number.isInteger(n) || n <= 0) continue;
    const m = out.get(r.orgId) ?? new Map<string, number>();
    m.set(r.key, n);
    out.set(r.orgId, m);
  }
  return out;
}

/**
 * Every deadline over all rules, for the records the caller may read, soonest due first.
 * `today` is injectable for tests; it defaults to today in Asia/Shanghai.
 */
export async function listDeadlines(
  db: Db,
  scope: Scope,
  filter: DeadlineFilter = {},
  opts: { today?: string; clock?: Clock } = {},
): Promise<Deadline[]> {
  requirePerm(scope, 'ledger.read');
  const today = opts.today ?? todayOf(opts.clock);
  const cal = await loadWorkCalendar(db);
  const rules = allDeadlineRules().filter((r) => !filter.module || r.module === filter.module);
  const orgIds = filter.orgIds ? scope.readOrgIds.filter((o) => filter.orgIds?.includes(o)) : scope.readOrgIds;
  const settings = rules.some((r) => r.configurable) ? await configuredAmounts(db, orgIds) : new Map<string, Map<string, number>>();
  const window = filter.within ? dueWindow(today, filter.within) : null;
  const out: Deadline[] = [];
  const byLedger = new Map<string, DeadlineRule[]>();
  for (const r of rules) byLedger.set(r.ledger.key, [...(byLedger.get(r.ledger.key) ?? []), r]);
  for (const ledgerRules of byLedger.values()) {
    // Only the fields the ledger's rules read (start, restart, extension, pause, done, condition).
    const ledger = ledgerRules[0].ledger;
    const fields = [...new Set(ledgerRules.flatMap(ruleFields))] as FieldOf<typeof ledger>[];
    const items = (await findLiveFields(db, orgIds, ledger, fields)).map((r) => ({ ...r, ledger: ledger.key }));
    for (const rec of items) {
      for (const rule of ledgerRules) {
        const configured = rule.configurable ? settings.get(rec.orgId)?.get(settingKeyOf(rule)) : undefined;
        const dl = computeDeadline(cal, rule, rec, today, configured);
        if (dl && matches(dl, filter, window)) out.push(dl);
      }
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due) || a.ruleKey.localeCompare(b.ruleKey) || a.recordId.localeCompare(b.recordId));
}

/**
 * Open deadlines in brief (the dashboard's panel): how many, how many overdue or due soon, and the
 * first by due date; of the caller's own bureau, or with `rollup` of every bureau it may read.
 */
export async function deadlineSummary(
  db: Db,
  scope: Scope,
  q: { limit: number; module?: string; rollup?: boolean },
  opts: { today?: string; clock?: Clock } = {},
): Promise<DeadlineSummary> {
  const orgIds = q.rollup ? undefined : [scope.orgId];
  const open = await listDeadlines(db, scope, { status: 'open', module: q.module, orgIds }, opts);
  return {
    total: open.length,
    overdue: open.filter((d) => d.status === '逾期').length,
    soon: open.filter((d) => d.status === '临期').length,
    items: open.slice(0, q.limit),
  };
}

/** The person the record names as answering for it (its ledger's `ownerField`), or null. */
function ownerOf(rule: DeadlineRule, d: RecordData): string | null {
  const v = rule.ledger.ownerField ? d[rule.ledger.ownerField] : null;
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The payload fields a rule reads (with the owner field, so each deadline names its person). */
export function ruleFields(r: DeadlineRule): string[] {
  const fields = [
    r.start,
    r.restartField,
    r.extendField,
    r.pauseField,
    r.doneField,
    r.ledger.ownerField,
    ...(r.when ? condFields(r.when) : []),
  ];
  return [...new Set(fields.filter((f): f is string => f !== undefined))];
}

/**
 * The deadline one rule puts on each of the given records (records the rule does not apply to are
 * absent). Used by figures such as 按期答复率, so they are counted on the same calendar as the reminders.
 */
export async function deadlinesOf(
  db: Db,
  rule: DeadlineRule,
  records: RecordInput[],
  opts: { today?: string; clock?: Clock } = {},
): Promise<Map<string, Deadline>> {
  const today = opts.today ?? todayOf(opts.clock);
  const cal = await loadWorkCalendar(db);
  const settings = rule.configurable
    ? await configuredAmounts(db, [...new Set(records.map((r) => r.orgId))])
    : new Map<string, Map<string, number>>();
  const out = new Map<string, Deadline>();
  for (const rec of records) {
    const configured = rule.configurable ? settings.get(rec.orgId)?.get(settingKeyOf(rule)) : undefined;
    const dl = computeDeadline(cal, rule, rec, today, configured);
    if (dl) out.set(rec.id, dl);
  }
  return out;
}

/** The rules as JSON for the web UI, with the condition a record must meet in Chinese. */
export function ruleCatalog() {
  return allDeadlineRules().map((r) => ({
    key: r.key,
    label: r.label,
    module: r.module,
    ledger: r.ledger.key,
    start: r.start,
    restartField: r.restartField ?? null,
    amount: r.amount,
    unit: r.unit,
    unitLabel: UNIT_CN[r.unit],
    extendField: r.extendField ?? null,
    extendAmount: r.extendAmount ?? null,
    pauseField: r.pauseField ?? null,
    doneField: r.doneField,
    conditional: r.when !== undefined,
    condition: r.when ? explainCond(r.when, r.ledger.fields) : null,
    basis: r.basis,
    configurable: r.configurable === true,
    settingKey: r.configurable ? settingKeyOf(r) : null,
  }));
}

export type { AnnualDuty };

function lastDayOfFebruary(year: number): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-02-${leap ? 29 : 28}`;
}

/**
 * The yearly reporting duties with fixed dates, for `year`. "X月X日前" is read strictly (the day
 * before); fixed administrative dates are not statutory periods and do not roll forward.
 */
export function annualDuties(year: number, cal: WorkCalendar): AnnualDuty[] {
  return annualDutyDates(year).map((d) => {
    const info = cal.dayInfo(d.due);
    return {
      ...d,
      dueIsWorkday: info.workday,
      note: info.workday ? null : `${d.due} 为休息日（${info.name ?? '休息日'}），请在此前的工作日办理`,
      uncovered: !info.covered,
    };
  });
}

/** The yearly duties and their last days, as fixed by their rules (no calendar needed: they do not roll). */
export function annualDutyDates(year: number): Array<Omit<AnnualDuty, 'dueIsWorkday' | 'note' | 'uncovered'>> {
  const prev = year - 1;
  return [
    {
      key: 'gov_info.annual_report.publish',
      label: `公布${prev}年度政府信息公开工作年度报告`,
      due: `${year}-01-31`,
      rule: '每年1月31日前向本级政府信息公开工作主管部门提交并向社会公布',
      basis: '《政府信息公开条例》第四十九条',
    },
    {
      key: 'rule_of_law.annual_report.submit',
      label: `报送${prev}年度法治政府建设年度报告`,
      due: lastDayOfFebruary(year),
      rule: '每年3月1日前向本级党委和政府、上一级政府有关部门报告，抄送本级党委法治建设议事协调机构办事机构',
      basis: '《法治政府建设与责任落实督察工作规定》第四章',
    },
    {
      key: 'rule_of_law.annual_report.publish',
      label: `公开${prev}年度法治政府建设年度报告`,
      due: `${year}-03-31`,
      rule: '每年4月1日前通过报刊、网站等新闻媒体向社会公开（公开前进行保密审查）',
      basis: '《法治政府建设与责任落实督察工作规定》第二十四条',
    },
  ];
}
