/**
 * 法治队伍 figures. All are stocks (`to-date`), judged as of the period's end (or today, for a period
 * that has not ended yet), so a past year's report counts the people of that year.
 */
import { asOf, defineFigures, type Period } from '../../figures/define.ts';
import type { RecordData } from '../../ledger/field.ts';

const memberAt = (d: RecordData, p: Period): boolean => !d.toDate || String(d.toDate) > asOf(p);
const inPostAt = (d: RecordData, p: Period): boolean => d.status === '在职' || (typeof d.leftOn === 'string' && d.leftOn > asOf(p));

defineFigures([
  {
    key: 'org.leading_group_members',
    module: 'org',
    label: '领导小组现任成员人数',
    unit: '人',
    kind: 'count',
    span: 'to-date',
    ledger: 'leading_member',
    where: memberAt,
  },
  {
    key: 'org.leading_group_by_role',
    module: 'org',
    label: '领导小组现任成员（按小组职务）',
    unit: '人',
    kind: 'group',
    span: 'to-date',
    ledger: 'leading_member',
    groupBy: 'role',
    where: memberAt,
  },
  {
    key: 'org.officers_certified',
    module: 'org',
    label: '持有效行政执法证人数',
    unit: '人',
    kind: 'count',
    span: 'to-date',
    ledger: 'person',
    where: (d, p) =>
      inPostAt(d, p) && typeof d.certNo === 'string' && d.certNo !== '' && (typeof d.certValidTo !== 'string' || d.certValidTo >= asOf(p)),
  },
  {
    key: 'org.law_qualified',
    module: 'org',
    label: '具有法律职业资格人数',
    unit: '人',
    kind: 'count',
    span: 'to-date',
    ledger: 'person',
    where: (d, p) => inPostAt(d, p) && d.lawQualification === true,
  },
]);
