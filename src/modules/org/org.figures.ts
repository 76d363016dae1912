/**
 * 法治队伍 figures. All are stocks (`to-date`), judged as of the period's end (or today, for a period
 * that has not ended yet), so a past year's report counts the people of that year.
 */
import { deadlineRule, defineDeadlineRules } from '../../calendar/rules.ts';
import { defineFigures, figure, type WhereOf } from '../../figures/define.ts';
import { leadingMember, person } from './org.ledger.ts';

/** Still a member on the day judged: no end date, or an end date after it. */
const memberAt = (w: WhereOf<typeof leadingMember>) => w.or(w.not(w.set('toDate')), w.range('toDate', { gt: w.asOf }));
/** In post on the day judged: 在职, or left after it. */
export const inPostAt = (w: WhereOf<typeof person>) => w.or(w.eq('status', '在职'), w.range('leftOn', { gt: w.asOf }));
/** Holds a 执法证 valid on the day judged (no end date counts as valid). */
const certifiedAt = (w: WhereOf<typeof person>) =>
  w.and(inPostAt(w), w.set('certNo'), w.or(w.not(w.set('certValidTo')), w.range('certValidTo', { gte: w.asOf })));

defineFigures([
  figure.count(leadingMember, {
    key: 'org.leading_group_members',
    label: '领导小组现任成员人数',
    unit: '人',
    span: 'to-date',
    where: memberAt,
  }),
  figure.group(leadingMember, {
    key: 'org.leading_group_by_role',
    label: '领导小组现任成员（按小组职务）',
    unit: '人',
    span: 'to-date',
    groupBy: 'role',
    where: memberAt,
  }),
  figure.count(person, {
    key: 'org.officers_certified',
    label: '持有效行政执法证人数',
    unit: '人',
    span: 'to-date',
    where: certifiedAt,
  }),
  figure.count(person, {
    key: 'org.law_qualified',
    label: '具有法律职业资格人数',
    unit: '人',
    span: 'to-date',
    where: (w) => w.and(inPostAt(w), w.eq('lawQualification', true)),
  }),
  figure.count(leadingMember, {
    key: 'org.leading_group_changes',
    label: '领导小组本年度调整涉及人数',
    unit: '人',
    span: 'to-date',
    // Joined or left within the period: seed 004's 及时调整领导小组成员, as the member records show it.
    where: (w) =>
      w.or(w.range('fromDate', { gte: w.periodStart, lte: w.periodEnd }), w.range('toDate', { gte: w.periodStart, lte: w.periodEnd })),
  }),
]);

/** Days before a 执法证 expires at which its holder and unit are warned (renewal takes time). */
export const CERT_WARN_DAYS = [90, 30] as const;

/**
 * A serving officer's 执法证 expiry. It stays open (已到期) after the date while the holder is still
 * 在职: without a valid card they may not enforce (行政处罚法第四十二条、第五十五条) and the random
 * draw already leaves them out; renewing (a later 有效期至) or leaving post closes it.
 */
export const certExpiryRule = deadlineRule(person, {
  key: 'org.cert_expiry',
  label: '行政执法证件有效期届满',
  kind: 'expiry',
  start: 'certValidTo',
  amount: 0,
  unit: 'day',
  warnDays: CERT_WARN_DAYS,
  openAfterExpiry: true,
  when: (w) => w.and(w.eq('status', '在职'), w.set('certNo')),
  basis: '《行政处罚法》第四十二条、第五十五条（持有效执法证件执法；有效期按发证机关规定）',
});

defineDeadlineRules([certExpiryRule]);
