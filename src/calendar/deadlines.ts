/**
 * Statutory deadlines of ledger records, computed on read from the rules (calendar/rules.ts), the
 * working-day calendar and the bureau's settings. Nothing is stored or cached: an edited record, a
 * new calendar override or a changed setting shows in the next answer.
 */
import type { AnnualDuty, Deadline, DeadlineStatus, DeadlineSummary } from '../contract.ts';
import type { RecordData } from '../ledger/field.ts';
import type { Db } from '../db/types.ts';
import type { FieldValue } from '../ledger/field.ts';
import type { FieldOf } from '../ledger/define.ts';
import { findLiveFields } from '../ledger/record.repo.ts';
import { condFields, explainCond, matches as matchesCond } from '../figures/filter.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { addDays, addMonths, type Clock, daysBetween, isValidDate, today as todayOf, weekday } from '../util/time.ts';
import { daysBefore, workdaysBefore } from './backward.ts';
import { DEADLINE_MSG as MSG } from './deadlines.messages.ts';
import { deadlineValuesOf } from './deadline-settings.repo.ts';
import { allDeadlineRules, type DeadlineRule } from './rules.ts';
import { type DueComputation, loadWorkCalendar, uncoveredNote, type WorkCalendar } from './workdays.ts';
import { YEARS_MSG } from './years.messages.ts';

export const DEADLINE_STATUSES = [
  '进行中',
  '临期',
  '逾期',
  '按期办结',
  '逾期办结',
  '等待补正',
  '未满期',
  '已满期',
  '期限不足',
  '依法缩短',
  '已到期',
] as const satisfies readonly DeadlineStatus[];
export type { Deadline, DeadlineStatus };

/** 临期: at most this many working days left. */
export const DUE_SOON_WORKDAYS = 3;

export type DeadlineFilter = {
  /**
   * open = not yet done (进行中, 临期, 逾期, 等待补正, 未满期, 已满期, and an expiry still to act on);
   * overdue = 逾期; done = those with a closing date. Default open.
   */
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

function textOf(v: FieldValue | undefined): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function fieldLabel(rule: DeadlineRule, field: string): string {
  return rule.ledger.fields[field]?.label ?? field;
}

function compute(cal: WorkCalendar, unit: DeadlineRule['unit'], start: string, n: number): DueComputation {
  if (unit === 'workday') return cal.addWorkdays(start, n);
  if (unit === 'day') return cal.addCalendarDays(start, n);
  return cal.addMonths(start, n);
}

/** The period counted back from the event (kind `before`). */
function computeBefore(cal: WorkCalendar, unit: DeadlineRule['unit'], event: string, n: number): DueComputation {
  if (unit === 'workday') return workdaysBefore(cal, event, n);
  if (unit === 'day') return daysBefore(cal, event, n);
  throw new Error('a period counted back is in days or working days');
}

/**
 * The end of a minimum period (kind `minimum`). It is not rolled to the next working day: the roll
 * protects someone who must act within a period, while "不少于" only asks for the period's length,
 * which the ledgers check in natural days (e.g. 公众参与 ≥ 30 日).
 */
function computeMinimum(cal: WorkCalendar, unit: DeadlineRule['unit'], start: string, n: number): DueComputation {
  if (unit === 'workday') {
    const c = cal.addWorkdays(start, n);
    return { ...c, explanation: [...c.explanation, MSG.minimumWorkdays(n, c.due)] };
  }
  const last = unit === 'day' ? addDays(start, n) : addMonths(start, n);
  const explanation = [MSG.startNotCounted(start), MSG.minimumDays(n, UNIT_CN[unit], last)];
  return { start, due: last, explanation, uncovered: false, uncoveredYears: [] };
}

/** Where a deadline stands on `today`, by kind; `c.due` is the day the kind is about. */
function judge(
  cal: WorkCalendar,
  rule: DeadlineRule,
  due: string,
  doneOn: string | null,
  today: string,
  shortenReason: string | null,
): { status: DeadlineStatus; remaining: number | null; doneOn: string | null; lines: string[] } {
  const doneLabel = rule.doneField ? fieldLabel(rule, rule.doneField) : '';
  const lines: string[] = [];
  switch (rule.kind) {
    case 'minimum': {
      if (doneOn && doneOn < due) {
        const status = shortenReason ? '依法缩短' : '期限不足';
        lines.push(MSG.tooShort(doneOn, due));
        if (shortenReason && rule.shortenReasonField) lines.push(MSG.shortened(fieldLabel(rule, rule.shortenReasonField), shortenReason));
        lines.push(MSG.done(doneLabel, doneOn, status));
        return { status, remaining: null, doneOn, lines };
      }
      // A closing date still ahead is the announced end, not a closing: the period is still running.
      if (doneOn && doneOn <= today) {
        lines.push(MSG.done(doneLabel, doneOn, '按期办结'));
        return { status: '按期办结', remaining: null, doneOn, lines };
      }
      if (doneOn) lines.push(MSG.planned(doneLabel, doneOn));
      if (today >= due) return { status: '已满期', remaining: null, doneOn: null, lines };
      return { status: '未满期', remaining: cal.workdaysBetween(today, due), doneOn: null, lines };
    }
    case 'expiry': {
      const warn = rule.warnDays ?? [];
      if (today > due) {
        lines.push(MSG.expired(due));
        return {
          status: '已到期',
          remaining: -Math.max(1, cal.workdaysBetween(due, today)),
          doneOn: rule.openAfterExpiry ? null : due,
          lines,
        };
      }
      const soon = warn.length > 0 && daysBetween(today, due) <= Math.max(...warn);
      return { status: soon ? '临期' : '进行中', remaining: cal.workdaysBetween(today, due), doneOn: null, lines };
    }
    default: {
      if (doneOn) {
        const status = doneOn <= due ? '按期办结' : '逾期办结';
        lines.push(MSG.done(doneLabel || MSG.doneFallback, doneOn, status));
        return { status, remaining: null, doneOn, lines };
      }
      if (today > due) return { status: '逾期', remaining: -Math.max(1, cal.workdaysBetween(due, today)), doneOn: null, lines };
      const remaining = cal.workdaysBetween(today, due);
      return { status: remaining <= DUE_SOON_WORKDAYS ? '临期' : '进行中', remaining, doneOn: null, lines };
    }
  }
}

/** Units a dated or legacy pause adds to the period, with the lines explaining them. */
function pauseOf(cal: WorkCalendar, rule: DeadlineRule, d: RecordData, today: string): { units: number; lines: string[] } {
  const unitCn = UNIT_CN[rule.unit];
  const from = rule.pauseFrom ? dateOf(d[rule.pauseFrom]) : null;
  if (from) {
    const to = rule.pauseTo ? dateOf(d[rule.pauseTo]) : null;
    const end = to ?? (today > from ? today : from);
    const n = rule.unit === 'workday' ? cal.workdaysBetween(from, end) : daysBetween(from, end);
    const units = rule.pauseMax !== undefined ? Math.min(n, rule.pauseMax) : n;
    const span = to ? MSG.pausedDated(from, to, n, unitCn) : MSG.pausedOpen(from, end, n, unitCn);
    return { units, lines: [span + (units < n ? MSG.pauseCapped(units, n - units, unitCn) : MSG.pauseCounted)] };
  }
  if (rule.pauseField) {
    const pause = d[rule.pauseField];
    if (typeof pause === 'number' && Number.isInteger(pause) && pause > 0) {
      const label = fieldLabel(rule, rule.pauseField);
      return { units: pause, lines: [rule.pauseFrom ? MSG.pausedLegacy(label, pause, unitCn) : MSG.paused(label, pause, unitCn)] };
    }
  }
  return { units: 0, lines: [] };
}

/** What a record can tell a deadline beyond its own fields: the start of the next record of a recurring duty. */
export type DeadlineContext = { nextStart?: string | null };

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
  ctx: DeadlineContext = {},
): Deadline | null {
  const d = rec.data;
  if (rule.when && !matchesCond(rule.when, d, { start: today, end: today, asOf: today })) return null;
  const original = dateOf(d[rule.start]);
  const restart = rule.restartField ? dateOf(d[rule.restartField]) : null;
  const start = restart ?? original;
  if (!start) return null;
  const recordedDone = rule.doneField ? dateOf(d[rule.doneField]) : rule.doneByNext ? (ctx.nextStart ?? null) : null;
  const base = {
    ruleKey: rule.key,
    label: rule.label,
    basis: rule.basis,
    module: rule.module,
    kind: rule.kind,
    recordId: rec.id,
    ledger: rec.ledger,
    title: rec.title,
    orgId: rec.orgId,
    warnDays: [...(rule.warnDays ?? [])],
    owner: { unitId: rec.unitId ?? null, userId: ownerOf(rule, d) },
    /** Set where a due date was counted over a year without the State Council's arrangement. */
    calendarNote: null as string | null,
  };

  // 补正 asked for and not yet back: no due date runs (条例第三十条), so nothing can be late.
  const awaiting = rule.awaitField ? dateOf(d[rule.awaitField]) : null;
  if (awaiting && !restart && rule.awaitField && rule.restartField) {
    const explanation = [MSG.awaiting(fieldLabel(rule, rule.awaitField), awaiting, fieldLabel(rule, rule.restartField))];
    if (recordedDone && rule.doneField) explanation.push(MSG.closedWhileAwaiting(fieldLabel(rule, rule.doneField), recordedDone));
    return {
      ...base,
      start,
      due: awaiting,
      doneOn: recordedDone,
      status: recordedDone ? '按期办结' : '等待补正',
      remainingWorkdays: null,
      explanation,
      uncovered: false,
    };
  }

  const notes: string[] = [];
  const unitCn = UNIT_CN[rule.unit];
  let amount = rule.amount;
  if (configuredAmount !== undefined && configuredAmount !== rule.amount) {
    amount = configuredAmount;
    notes.push(MSG.configured(amount, unitCn, rule.amount));
  } else if (rule.kind !== 'expiry') {
    notes.push(MSG.legal(amount, unitCn, rule.basis));
  }
  if (restart && rule.restartField) notes.push(MSG.restarted(fieldLabel(rule, rule.restartField), restart));
  if (rule.extendField && d[rule.extendField] === true && rule.extendAmount) {
    amount += rule.extendAmount;
    notes.push(MSG.extended(rule.extendAmount, unitCn));
  }
  if (rule.extendDaysField && rule.extendAmount) {
    const asked = d[rule.extendDaysField];
    if (typeof asked === 'number' && Number.isInteger(asked) && asked > 0) {
      const granted = Math.min(asked, rule.extendAmount);
      if (granted < asked) notes.push(MSG.extensionCapped(asked, rule.extendAmount, unitCn));
      const by = rule.extendByField ? textOf(d[rule.extendByField]) : null;
      const on = rule.extendOnField ? dateOf(d[rule.extendOnField]) : null;
      notes.push(MSG.extendedDays(granted, unitCn, by, on, rule.extendAmount));
      amount += granted;
    }
  }
  const pause = pauseOf(cal, rule, d, today);
  amount += pause.units;
  notes.push(...pause.lines);

  let c: DueComputation;
  if (rule.kind === 'expiry') {
    c = {
      start,
      due: start,
      explanation: [MSG.expiry(fieldLabel(rule, rule.start), start), ...(rule.warnDays?.length ? [MSG.warn(rule.warnDays)] : [])],
      uncovered: false,
      uncoveredYears: [],
    };
  } else if (rule.kind === 'before') {
    c = computeBefore(cal, rule.unit, start, amount);
  } else if (rule.kind === 'minimum') {
    c = computeMinimum(cal, rule.unit, start, amount);
  } else {
    c = amount === 0 ? cal.fixedDate(start) : compute(cal, rule.unit, start, amount);
  }
  const fixed = rule.kind === 'limit' && amount === 0;
  const reason = rule.shortenReasonField ? textOf(d[rule.shortenReasonField]) : null;
  const j = judge(cal, rule, c.due, recordedDone, today, reason);
  const [head, ...rest] = c.explanation;
  const explanation = fixed ? [head, MSG.basisLine(rule.basis), ...rest] : [head, ...notes, ...rest];
  explanation.push(...j.lines);
  return {
    ...base,
    start,
    due: c.due,
    doneOn: j.doneOn,
    status: j.status,
    remainingWorkdays: j.remaining,
    explanation,
    uncovered: c.uncovered,
    calendarNote: uncoveredNote(c.uncoveredYears),
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
    const next = new Map(ledgerRules.filter((r) => r.doneByNext).map((r) => [r.key, nextStarts(r, items, today)]));
    for (const rec of items) {
      for (const rule of ledgerRules) {
        const configured = rule.configurable ? settings.get(rec.orgId)?.get(settingKeyOf(rule)) : undefined;
        const dl = computeDeadline(cal, rule, rec, today, configured, { nextStart: next.get(rule.key)?.get(rec.id) });
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

/**
 * For a recurring duty (`doneByNext`): each record's id → the start of the next record of the same
 * bureau that carries the rule (records are ordered by start date, then id, so ties are stable).
 */
export function nextStarts(rule: DeadlineRule, records: readonly RecordInput[], today: string): Map<string, string> {
  const byOrg = new Map<string, Array<{ id: string; start: string }>>();
  for (const rec of records) {
    if (rule.when && !matchesCond(rule.when, rec.data, { start: today, end: today, asOf: today })) continue;
    const start = dateOf(rec.data[rule.start]);
    if (!start) continue;
    byOrg.set(rec.orgId, [...(byOrg.get(rec.orgId) ?? []), { id: rec.id, start }]);
  }
  const out = new Map<string, string>();
  for (const list of byOrg.values()) {
    list.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    for (let i = 0; i + 1 < list.length; i++) out.set(list[i].id, list[i + 1].start);
  }
  return out;
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
    r.awaitField,
    r.extendField,
    r.extendDaysField,
    r.extendByField,
    r.extendOnField,
    r.pauseField,
    r.pauseFrom,
    r.pauseTo,
    r.doneField,
    r.shortenReasonField,
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
  // A recurring duty's records are closed by their successors; the caller passes all of them.
  const next = rule.doneByNext ? nextStarts(rule, records, today) : new Map<string, string>();
  for (const rec of records) {
    const configured = rule.configurable ? settings.get(rec.orgId)?.get(settingKeyOf(rule)) : undefined;
    const dl = computeDeadline(cal, rule, rec, today, configured, { nextStart: next.get(rec.id) });
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
    kind: r.kind,
    ledger: r.ledger.key,
    start: r.start,
    restartField: r.restartField ?? null,
    awaitField: r.awaitField ?? null,
    amount: r.amount,
    unit: r.unit,
    unitLabel: UNIT_CN[r.unit],
    extendField: r.extendField ?? r.extendDaysField ?? null,
    extendAmount: r.extendAmount ?? null,
    pauseField: r.pauseField ?? null,
    pauseFrom: r.pauseFrom ?? null,
    pauseTo: r.pauseTo ?? null,
    pauseMax: r.pauseMax ?? null,
    doneField: r.doneField ?? null,
    doneByNext: r.doneByNext === true,
    warnDays: [...(r.warnDays ?? [])],
    conditional: r.when !== undefined,
    condition: r.when ? explainCond(r.when, r.ledger.fields) : null,
    basis: r.basis,
    configurable: r.configurable === true,
    settingKey: r.configurable ? settingKeyOf(r) : null,
  }));
}

export type { AnnualDuty };

/**
 * "每年M月D日前" read strictly, the one way the product reads it: the last day is the day before
 * M月D日 (so 3月1日前 is the last day of February). The rule text says so, with the day.
 */
function beforeDay(year: number, month: number, day: number): { due: string; phrase: string } {
  const due = addDays(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, -1);
  const last = `${Number(due.slice(5, 7))}月${Number(due.slice(8, 10))}日`;
  return { due, phrase: YEARS_MSG.beforeReading(`每年${month}月${day}日前`, last) };
}

/**
 * The yearly reporting duties with fixed dates, for `year`. "X月X日前" is read strictly (the day
 * before, see `beforeDay`); fixed administrative dates are not statutory periods and do not roll forward.
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
  const govInfo = beforeDay(year, 1, 31);
  const submit = beforeDay(year, 3, 1);
  const publish = beforeDay(year, 4, 1);
  return [
    {
      key: 'gov_info.annual_report.publish',
      label: `公布${prev}年度政府信息公开工作年度报告`,
      due: govInfo.due,
      rule: `${govInfo.phrase}向本级政府信息公开工作主管部门提交并向社会公布`,
      basis: '《政府信息公开条例》第四十九条',
    },
    {
      key: 'rule_of_law.annual_report.submit',
      label: `报送${prev}年度法治政府建设年度报告`,
      due: submit.due,
      rule: `${submit.phrase}向本级党委和政府、上一级政府有关部门报告，抄送本级党委法治建设议事协调机构办事机构`,
      basis: '《法治政府建设与责任落实督察工作规定》第四章',
    },
    {
      key: 'rule_of_law.annual_report.publish',
      label: `公开${prev}年度法治政府建设年度报告`,
      due: publish.due,
      rule: `${publish.phrase}通过报刊、网站等新闻媒体向社会公开（公开前进行保密审查）`,
      basis: '《法治政府建设与责任落实督察工作规定》第二十四条',
    },
  ];
}
