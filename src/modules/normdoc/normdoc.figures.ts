/**
 * 行政规范性文件 figures and deadlines. 备案 and 有效期 rules differ by province (RULES.md §2), so both
 * deadlines are configurable; `filed_on_time` counts on the same rule as the reminders, so a bureau's
 * own filing period applies to both.
 */
import { defineDeadlineRules } from '../../calendar/rules.ts';
import { asOf, defineFigures } from '../../figures/define.ts';

/** Default 备案 period: 公布之日起30日内 (most provincial rules). */
export const FILING_DAYS = 30;

const date = (v: unknown): v is string => typeof v === 'string' && v !== '';

defineFigures([
  { key: 'normdoc.issued', module: 'normdoc', label: '制发行政规范性文件件数', unit: '件', kind: 'count', ledger: 'normdoc' },
  {
    key: 'normdoc.reviewed',
    module: 'normdoc',
    label: '经合法性审核的规范性文件件数',
    unit: '件',
    kind: 'count',
    ledger: 'normdoc',
    where: (d) => date(d.legalReviewOn),
  },
  {
    key: 'normdoc.filed',
    module: 'normdoc',
    label: '报送备案的规范性文件件数',
    unit: '件',
    kind: 'count',
    ledger: 'normdoc',
    where: (d) => date(d.filedOn),
  },
  {
    key: 'normdoc.filed_on_time',
    module: 'normdoc',
    label: '按时报送备案的规范性文件件数',
    unit: '件',
    kind: 'deadline',
    ledger: 'normdoc',
    rule: 'normdoc.filing',
    statuses: ['按期办结'],
  },
  {
    key: 'normdoc.filed_on_time_rate',
    module: 'normdoc',
    label: '规范性文件按时备案率',
    unit: '%',
    kind: 'ratio',
    num: 'normdoc.filed_on_time',
    den: 'normdoc.issued',
    percent: true,
  },
  {
    key: 'normdoc.repealed',
    module: 'normdoc',
    label: '清理废止规范性文件件数',
    unit: '件',
    kind: 'sum',
    ledger: 'normdoc_cleanup',
    field: 'repealed',
  },
  {
    key: 'normdoc.in_force',
    module: 'normdoc',
    label: '现行有效规范性文件件数',
    unit: '件',
    kind: 'count',
    span: 'to-date',
    ledger: 'normdoc',
    where: (d, p) => d.status === '有效' && (!date(d.validUntil) || d.validUntil >= asOf(p)),
  },
  { key: 'normdoc.cleanups', module: 'normdoc', label: '规范性文件清理次数', unit: '次', kind: 'count', ledger: 'normdoc_cleanup' },
]);

defineDeadlineRules([
  {
    key: 'normdoc.filing',
    label: '行政规范性文件报送备案期限',
    module: 'normdoc',
    ledger: 'normdoc',
    start: 'publishedOn',
    amount: FILING_DAYS,
    unit: 'day',
    doneField: 'filedOn',
    configurable: true,
    basis: '省级行政规范性文件管理规定（各地规定不一，一般为公布之日起30日内报本级人民政府备案）',
  },
  {
    // The due date lies before 有效期至, so the ledger derives it (expiryReviewDue) and the clock adds nothing.
    key: 'normdoc.expiry_review',
    label: '规范性文件有效期届满前评估',
    module: 'normdoc',
    ledger: 'normdoc',
    start: 'expiryReviewDue',
    amount: 0,
    unit: 'day',
    doneField: 'expiryReviewedOn',
    when: (d) => d.status === '有效',
    basis: '省、市行政规范性文件管理规定（有效期届满前6个月组织评估，决定继续施行、修改或废止）',
  },
]);
