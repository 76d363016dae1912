/**
 * 法律顾问 and 依法决策 figures, and the 重大行政决策 公众参与 period. "“八五”普法以来，法律顾问参与……
 * 合法性审查19件，审查合同45件" is the same figures counted since 2021 (figures/define.ts, getFigureDecl).
 */
import { deadlineRule, defineDeadlineRules } from '../../calendar/rules.ts';
import { defineFigures, figure } from '../../figures/define.ts';
import {
  type ADVISER_WORK_KINDS,
  adviser,
  adviserWork,
  collectiveDecision,
  MIN_COMMENT_DAYS,
  MIN_LEGAL_REVIEW_WORKDAYS,
  majorDecision,
} from './decision.ledger.ts';

const adviserWorkSum = (key: string, label: string, unit: string, kind: (typeof ADVISER_WORK_KINDS)[number]) =>
  figure.sum(adviserWork, {
    key: `adviser.${key}`,
    module: 'adviser',
    label,
    unit,
    field: 'count',
    where: (w) => w.eq('kind', kind),
  });

defineFigures([
  adviserWorkSum('opinions', '法律顾问出具法律意见书份数', '份', '法律意见书'),
  adviserWorkSum('lectures', '法律顾问开展法治讲座次数', '次', '法治讲座'),
  adviserWorkSum('normdoc_reviews', '法律顾问参与规范性文件合法性审查件数', '件', '规范性文件合法性审查'),
  adviserWorkSum('contract_reviews', '法律顾问审查合同件数', '件', '合同审查'),
  adviserWorkSum('litigation', '法律顾问参与诉讼案件数', '件', '参与诉讼'),
  figure.count(adviser, {
    key: 'adviser.advisers',
    module: 'adviser',
    label: '法律顾问和公职律师人数',
    unit: '人',
    span: 'to-date',
    // Serving at some time in the period: the contract began by its end and had not ended before its start.
    where: (w) => w.or(w.not(w.set('contractTo')), w.range('contractTo', { gte: w.periodStart })),
  }),
  figure.count(majorDecision, { key: 'decision.major', label: '重大行政决策事项数', unit: '件' }),
  figure.count(majorDecision, {
    key: 'decision.major_reviewed',
    label: '经合法性审查的重大行政决策数',
    unit: '件',
    where: (w) => w.set('legalReviewOn'),
  }),
  figure.count(collectiveDecision, { key: 'decision.collective', label: '“三重一大”事项集体决策数', unit: '项' }),
  figure.group(collectiveDecision, {
    key: 'decision.collective_by_kind',
    label: '“三重一大”事项集体决策数（按类别）',
    unit: '项',
    groupBy: 'kind',
  }),
]);

/**
 * The 公众参与 period is a minimum, not a time limit: the record shows "不早于 <date>" and an open
 * consultation is never 逾期. A 截止日期 before that date is 依法缩短 when the reason 条例第十五条 asks
 * for is stated (the ledger refuses it otherwise); a 截止日期 still ahead is the announced end.
 */
export const participationPeriodRule = deadlineRule(majorDecision, {
  key: 'decision.participation_period',
  label: '重大行政决策公开征求意见期限（不少于30日）',
  kind: 'minimum',
  start: 'participationFrom',
  amount: MIN_COMMENT_DAYS,
  unit: 'day',
  doneField: 'participationTo',
  shortenReasonField: 'urgencyReason',
  basis: '《重大行政决策程序暂行条例》第十五条第一款',
});

/**
 * 合法性审查 gets at least 7 working days from the day the draft is sent (条例第二十六条第二款, "一般
 * 不少于"): an opinion dated earlier is 期限不足. The 条例 names no reason that shortens it, so none
 * is read here.
 */
export const legalReviewPeriodRule = deadlineRule(majorDecision, {
  key: 'decision.legal_review_period',
  label: '重大行政决策合法性审查时间（不少于7个工作日）',
  kind: 'minimum',
  start: 'legalSubmittedOn',
  amount: MIN_LEGAL_REVIEW_WORKDAYS,
  unit: 'workday',
  doneField: 'legalReviewOn',
  basis: '《重大行政决策程序暂行条例》第二十六条第二款',
});

/** Days before a legal adviser's contract ends at which the bureau is warned to renew or reselect. */
export const ADVISER_CONTRACT_WARN_DAYS = [90, 30] as const;

/**
 * The end of a legal adviser's contract, as the register records it. Past the date the contract has
 * simply ended (已到期, closed): serving is read from the dates, so nothing is left to act on.
 */
export const adviserContractRule = deadlineRule(adviser, {
  key: 'decision.adviser_contract_end',
  label: '法律顾问聘用合同届满',
  kind: 'expiry',
  start: 'contractTo',
  amount: 0,
  unit: 'day',
  warnDays: ADVISER_CONTRACT_WARN_DAYS,
  basis: '法律顾问聘用合同约定的终止日期（届满前续聘或另行选聘）',
});

defineDeadlineRules([participationPeriodRule, legalReviewPeriodRule, adviserContractRule]);

/**
 * The statutory steps a 重大行政决策 went through, one figure per step, so a report states per step
 * what the records show; `major_steps_incomplete` is 0 only when every decision has every step of
 * 公众参与、专家论证、风险评估、合法性审查、集体讨论决定 on record (then, and only then, "均履行").
 */
const majorStep = (key: string, label: string, field: 'participationFrom' | 'hearingOn' | 'expertOn' | 'riskOn' | 'collectiveOn') =>
  figure.count(majorDecision, { key: `decision.${key}`, label, unit: '件', where: (w) => w.set(field) });

defineFigures([
  majorStep('major_participation', '经公众参与的重大行政决策数', 'participationFrom'),
  majorStep('major_hearing', '举行听证的重大行政决策数', 'hearingOn'),
  majorStep('major_expert', '经专家论证的重大行政决策数', 'expertOn'),
  majorStep('major_risk', '经风险评估的重大行政决策数', 'riskOn'),
  majorStep('major_collective', '经集体讨论决定的重大行政决策数', 'collectiveOn'),
  figure.count(majorDecision, {
    key: 'decision.major_steps_incomplete',
    label: '未完整履行五项法定程序的重大行政决策数',
    unit: '件',
    where: (w) =>
      w.not(w.and(w.set('participationFrom'), w.set('expertOn'), w.set('riskOn'), w.set('legalReviewOn'), w.set('collectiveOn'))),
  }),
  figure.group(adviserWork, {
    key: 'adviser.work_by_kind',
    module: 'adviser',
    label: '法律顾问工作件（次）数（按工作类别）',
    unit: '件（次）',
    groupBy: 'kind',
    field: 'count',
  }),
]);
