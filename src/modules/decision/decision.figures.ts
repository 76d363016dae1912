/**
 * 法律顾问 and 依法决策 figures, and the 重大行政决策 公众参与 period. "“八五”普法以来，法律顾问参与……
 * 合法性审查19件，审查合同45件" is the same figures counted since 2021 (reports/since2021.ts).
 */
import { defineDeadlineRules } from '../../calendar/rules.ts';
import { defineFigures, type FigureDecl } from '../../figures/define.ts';
import { MIN_COMMENT_DAYS } from './decision.ledger.ts';

const adviserWork = (key: string, label: string, unit: string, kind: string): FigureDecl => ({
  key: `adviser.${key}`,
  module: 'adviser',
  label,
  unit,
  kind: 'sum',
  ledger: 'adviser_work',
  field: 'count',
  where: (d) => d.kind === kind,
});

defineFigures([
  adviserWork('opinions', '法律顾问出具法律意见书份数', '份', '法律意见书'),
  adviserWork('lectures', '法律顾问开展法治讲座次数', '次', '法治讲座'),
  adviserWork('normdoc_reviews', '法律顾问参与规范性文件合法性审查件数', '件', '规范性文件合法性审查'),
  adviserWork('contract_reviews', '法律顾问审查合同件数', '件', '合同审查'),
  adviserWork('litigation', '法律顾问参与诉讼案件数', '件', '参与诉讼'),
  {
    key: 'adviser.advisers',
    module: 'adviser',
    label: '法律顾问和公职律师人数',
    unit: '人',
    kind: 'count',
    span: 'to-date',
    ledger: 'adviser',
    // Serving at some time in the period: the contract began by its end and had not ended before its start.
    where: (d, p) => typeof d.contractTo !== 'string' || d.contractTo >= p.from,
  },
  { key: 'decision.major', module: 'decision', label: '重大行政决策事项数', unit: '件', kind: 'count', ledger: 'major_decision' },
  {
    key: 'decision.major_reviewed',
    module: 'decision',
    label: '经合法性审查的重大行政决策数',
    unit: '件',
    kind: 'count',
    ledger: 'major_decision',
    where: (d) => typeof d.legalReviewOn === 'string' && d.legalReviewOn !== '',
  },
  {
    key: 'decision.collective',
    module: 'decision',
    label: '“三重一大”事项集体决策数',
    unit: '项',
    kind: 'count',
    ledger: 'collective_decision',
  },
  {
    key: 'decision.collective_by_kind',
    module: 'decision',
    label: '“三重一大”事项集体决策数（按类别）',
    unit: '项',
    kind: 'group',
    ledger: 'collective_decision',
    groupBy: 'kind',
  },
]);

/**
 * The 公众参与 period is a minimum, not a time limit: the calendar engine would call a longer period
 * 逾期办结. So the rule only covers consultations still open (no 截止日期 yet): it shows the day the
 * 30 days are complete, after which the consultation may be closed and its end date recorded. A
 * recorded period shorter than 30 days without a reason is refused by the ledger itself.
 */
defineDeadlineRules([
  {
    key: 'decision.participation_period',
    label: '重大行政决策公众参与征求意见满30日',
    module: 'decision',
    ledger: 'major_decision',
    start: 'participationFrom',
    amount: MIN_COMMENT_DAYS,
    unit: 'day',
    doneField: 'participationTo',
    when: (d) => !d.participationTo && !d.urgencyReason,
    basis: '《重大行政决策程序暂行条例》第十五条',
  },
]);
