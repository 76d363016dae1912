/**
 * 法治队伍 figures. Both are stocks (`to-date`). Membership counts tenures without an end date;
 * certificates count in-post people whose 执法证 has not expired today.
 */
import { defineFigures } from '../../figures/define.ts';
import { today } from '../../util/time.ts';

defineFigures([
  {
    key: 'org.leading_group_members',
    module: 'org',
    label: '领导小组现任成员人数',
    unit: '人',
    kind: 'count',
    span: 'to-date',
    ledger: 'leading_member',
    where: (d) => !d.toDate,
  },
  {
    key: 'org.officers_certified',
    module: 'org',
    label: '持有效行政执法证人数',
    unit: '人',
    kind: 'count',
    span: 'to-date',
    ledger: 'person',
    where: (d) =>
      d.status === '在职' &&
      typeof d.certNo === 'string' &&
      d.certNo !== '' &&
      (typeof d.certValidTo !== 'string' || d.certValidTo >= today()),
  },
  {
    key: 'org.law_qualified',
    module: 'org',
    label: '具有法律职业资格人数',
    unit: '人',
    kind: 'count',
    span: 'to-date',
    ledger: 'person',
    where: (d) => d.status === '在职' && d.lawQualification === true,
  },
]);
