/**
 * Figures only the 政府信息公开工作年度报告 tables need (国办公开办函〔2021〕30号 表二/三/四): the
 * module figures split by applicant type, outcome reason and case result. They are ordinary
 * declarations over the modules' ledgers, so each cell of the tables carries its source records.
 */
import { defineFigures, figure } from '../figures/define.ts';
import type { Cond, WhereKit } from '../figures/filter.ts';
import type { FieldsOf } from '../ledger/define.ts';
import { disclosureRequest, OUTCOME_REASONS, REQUEST_OUTCOMES } from '../modules/disclosure/disclosure.ledger.ts';
import { enforcementCase } from '../modules/enforcement/enforcement.ledger.ts';
import { disputeCase } from '../modules/oversight/oversight.ledger.ts';

const base = { module: 'reports', unit: '件' } as const;

export const DISCLOSURE_OUTCOMES = REQUEST_OUTCOMES;
export const DISCLOSURE_REASONS = OUTCOME_REASONS;

export const outcomeKey = (i: number) => `report.disclosure_outcome_${i}`;
export const reasonKey = (i: number, j: number) => `report.disclosure_reason_${i}_${j}`;

type Where<L> = (w: WhereKit<FieldsOf<L>>) => Cond;

const byApplicant = (key: string, label: string, where?: Where<typeof disclosureRequest>) =>
  figure.group(disclosureRequest, { ...base, key, label, groupBy: 'applicantType', where });
/**
 * 表三 rows 二 to 四 are about a request's reply, not its receipt: they count requests received in
 * any earlier year too ('to-date' loads every request received up to the period's end), so that
 * 一 + 二 = 三（七） + 四 holds in every column by construction. A request counts as answered on its
 * 答复日期; the 结转下年度 flag is only a reminder, an unanswered request is carried whether flagged or not.
 */
const byApplicantToDate = (key: string, label: string, where: Where<typeof disclosureRequest>) =>
  figure.group(disclosureRequest, { ...base, key, label, groupBy: 'applicantType', span: 'to-date', where });
const answeredInPeriod: Where<typeof disclosureRequest> = (w) => w.range('repliedOn', { gte: w.periodStart, lte: w.periodEnd });
const disputes = (key: string, label: string, where: Where<typeof disputeCase>) =>
  figure.group(disputeCase, { ...base, key, label, groupBy: 'result', where: (w) => w.and(w.set('disclosureRelated'), where(w)) });

defineFigures([
  byApplicant('report.disclosure_new', '本年新收政府信息公开申请（按申请人）'),
  // Received before the year and not answered before it: still open on 1 January.
  byApplicantToDate('report.disclosure_carried_in', '上年结转政府信息公开申请（按申请人）', (w) =>
    w.and(w.range('receivedOn', { lt: w.periodStart }), w.or(w.not(w.set('repliedOn')), w.range('repliedOn', { gte: w.periodStart }))),
  ),
  byApplicantToDate('report.disclosure_handled', '本年度办理结果总计（按申请人）', answeredInPeriod),
  // Not answered by the year's end, received this year or carried in.
  byApplicantToDate('report.disclosure_carry_next', '结转下年度继续办理（按申请人）', (w) =>
    w.or(w.not(w.set('repliedOn')), w.range('repliedOn', { gt: w.periodEnd })),
  ),
  ...DISCLOSURE_OUTCOMES.map((o, i) =>
    byApplicantToDate(outcomeKey(i), `办理结果：${o}（按申请人）`, (w) => w.and(answeredInPeriod(w), w.eq('outcome', o))),
  ),
  ...DISCLOSURE_OUTCOMES.flatMap((o, i) =>
    DISCLOSURE_REASONS[o].map((r, j) =>
      byApplicantToDate(reasonKey(i, j), `办理结果：${o}—${r}（按申请人）`, (w) =>
        w.and(answeredInPeriod(w), w.eq('outcome', o), w.eq('outcomeReason', r)),
      ),
    ),
  ),
  disputes('report.disclosure_reconsideration', '政府信息公开行政复议（按结果）', (w) => w.eq('kind', '行政复议')),
  disputes('report.disclosure_lawsuit_direct', '政府信息公开行政诉讼—未经复议直接起诉（按结果）', (w) =>
    w.and(w.eq('kind', '行政诉讼'), w.not(w.set('afterReconsideration'))),
  ),
  disputes('report.disclosure_lawsuit_after', '政府信息公开行政诉讼—复议后起诉（按结果）', (w) =>
    w.and(w.eq('kind', '行政诉讼'), w.set('afterReconsideration')),
  ),
  figure.group(enforcementCase, {
    ...base,
    key: 'report.enforcement_decisions',
    label: '本年处理决定数量（按执法类别）',
    groupBy: 'kind',
    where: (w) => w.set('decidedOn'),
  }),
]);

/** Case results → the four result columns of 表四 ('|' separates the groups a cell adds up). */
export const RESULT_COLUMNS: ReadonlyArray<[string, string]> = [
  ['结果维持', '维持|驳回'],
  ['结果纠正', '撤销|确认违法|败诉'],
  ['其他结果', '调解撤诉|其他'],
  ['尚未审结', '尚未审结|未分类'],
];
