/**
 * 行政规范性文件 figures and deadlines. 备案 and 有效期 rules differ by province (RULES.md §2), so both
 * deadlines are configurable; `filed_on_time` counts on the same rule as the reminders, so a bureau's
 * own filing period applies to both.
 */
import { deadlineRule, defineDeadlineRules } from '../../calendar/rules.ts';
import { defineFigures, figure } from '../../figures/define.ts';
import { normdoc, normdocCleanup } from './normdoc.ledger.ts';

/** Default 备案 period: 公布之日起30日内 (most provincial rules). */
export const FILING_DAYS = 30;

export const filingRule = deadlineRule(normdoc, {
  key: 'normdoc.filing',
  label: '行政规范性文件报送备案期限',
  start: 'publishedOn',
  amount: FILING_DAYS,
  unit: 'day',
  doneField: 'filedOn',
  configurable: true,
  basis: '省级行政规范性文件管理规定（各地规定不一，一般为公布之日起30日内报本级人民政府备案）',
});

// The due date lies before 有效期至, so the ledger derives it (expiryReviewDue) and the clock adds nothing.
export const expiryReviewRule = deadlineRule(normdoc, {
  key: 'normdoc.expiry_review',
  label: '规范性文件有效期届满前评估',
  start: 'expiryReviewDue',
  amount: 0,
  unit: 'day',
  doneField: 'expiryReviewedOn',
  when: (w) => w.eq('status', '有效'),
  basis: '省、市行政规范性文件管理规定（有效期届满前6个月组织评估，决定继续施行、修改或废止）',
});

defineFigures([
  figure.count(normdoc, { key: 'normdoc.issued', label: '制发行政规范性文件件数', unit: '件' }),
  figure.count(normdoc, {
    key: 'normdoc.reviewed',
    label: '经合法性审核的规范性文件件数',
    unit: '件',
    where: (w) => w.set('legalReviewOn'),
  }),
  figure.count(normdoc, {
    key: 'normdoc.filed',
    label: '报送备案的规范性文件件数',
    unit: '件',
    where: (w) => w.set('filedOn'),
  }),
  figure.deadline(normdoc, {
    key: 'normdoc.filed_on_time',
    label: '按时报送备案的规范性文件件数',
    unit: '件',
    rule: filingRule,
    statuses: ['按期办结'],
  }),
  figure.ratio({
    key: 'normdoc.filed_on_time_rate',
    module: 'normdoc',
    label: '规范性文件按时备案率',
    unit: '%',
    num: 'normdoc.filed_on_time',
    den: 'normdoc.issued',
    percent: true,
  }),
  figure.sum(normdocCleanup, { key: 'normdoc.repealed', label: '清理废止规范性文件件数', unit: '件', field: 'repealed' }),
  figure.count(normdoc, {
    key: 'normdoc.in_force',
    label: '现行有效规范性文件件数',
    unit: '件',
    span: 'to-date',
    where: (w) => w.and(w.eq('status', '有效'), w.or(w.not(w.set('validUntil')), w.range('validUntil', { gte: w.asOf }))),
  }),
  figure.count(normdocCleanup, { key: 'normdoc.cleanups', label: '规范性文件清理次数', unit: '次' }),
]);

/** 定期清理 every two years (24 months), counted from the last one on record. */
export const CLEANUP_MONTHS = 24;

/**
 * The two-yearly 定期清理: each cleanup on record starts the next two years, and the next 定期清理
 * closes it. 专项清理 and 动态清理 answer a particular change and do not restart the cycle. With no
 * 定期清理 on record there is no start to count from, so no due date is shown. The source is only
 * restated locally (RULES.md §2, unconfirmed), so a bureau may set its own period.
 */
export const cleanupCycleRule = deadlineRule(normdocCleanup, {
  key: 'normdoc.cleanup_cycle',
  label: '规范性文件定期清理（每2年一次）',
  start: 'date',
  amount: CLEANUP_MONTHS,
  unit: 'month',
  doneByNext: true,
  configurable: true,
  when: (w) => w.eq('kind', '定期清理'),
  basis: '规范性文件一般每隔2年清理一次（国发〔2010〕33号，出处待核实，可按单位设定）',
});

defineDeadlineRules([filingRule, expiryReviewRule, cleanupCycleRule]);
