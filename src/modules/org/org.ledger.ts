/**
 * 法治队伍: the people register (执法证, 法律职业资格) and the membership of the leading groups
 * (领导小组), kept as tenures so the group can be read as it stood on any date.
 */
import { defineLedger, rule } from '../../ledger/define.ts';
import { f, isSet, type RecordData } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';

export const PERSON_STATUSES = ['在职', '调离', '退休'] as const;
export const LEADING_ROLES = ['组长', '副组长', '成员', '办公室主任'] as const;
export const MEMBER_STATUSES = ['在任', '已调整'] as const;
export const LEADING_GROUPS = [
  '法治政府建设工作领导小组',
  '全面依法治市（县）工作领导小组',
  '“八五”普法工作领导小组',
  '依法行政工作领导小组',
  '其他领导小组',
] as const;

export const person = defineLedger({
  key: 'person',
  module: 'org',
  label: '法治工作人员名册',
  titleField: 'name',
  dateField: 'joinedOn',
  unitField: 'unitId',
  statusField: 'status',
  fields: {
    name: f.text('姓名', { required: true, list: true }),
    unitId: f.unit('所在科室', { list: true }),
    post: f.text('职务', { list: true, help: '例如：局长、政策法规科科长、法治专干' }),
    joinedOn: f.date('到岗日期', { required: true }),
    status: f.enum('在岗状态', PERSON_STATUSES, { required: true, list: true }),
    leftOn: f.date('离岗日期'),
    certNo: f.text('行政执法证号', { list: true }),
    certIssuedOn: f.date('执法证发证日期'),
    certValidTo: f.date('执法证有效期至', { list: true }),
    lawQualification: f.bool('具有法律职业资格'),
    qualificationNo: f.text('法律职业资格证书编号'),
    note: f.longtext('备注'),
  },
  rules: [
    rule.order('joinedOn', 'leftOn', '离岗日期不能早于到岗日期'),
    (d: RecordData) => (d.status !== '在职' && !isSet(d.leftOn) ? { field: 'leftOn', message: '调离或退休的人员请填写离岗日期' } : null),
    (d: RecordData) =>
      d.status === '在职' && isSet(d.leftOn) ? { field: 'status', message: '已填写离岗日期的，在岗状态应为调离或退休' } : null,
    rule.requires('certValidTo', 'certNo', '填写执法证有效期前请先填写行政执法证号'),
    rule.order('certIssuedOn', 'certValidTo', '执法证有效期至不能早于发证日期'),
    rule.requires('qualificationNo', 'lawQualification', '填写法律职业资格证书编号的，请勾选“具有法律职业资格”'),
  ],
});

export const leadingMember = defineLedger({
  key: 'leading_member',
  module: 'org',
  label: '领导小组成员台账',
  titleField: 'name',
  dateField: 'fromDate',
  statusField: 'status',
  fields: {
    group: f.enum('领导小组', LEADING_GROUPS, { required: true, list: true }),
    name: f.text('姓名', { required: true, list: true }),
    personId: f.ref('人员名册中的本人', person, { help: '人员调离或退休而仍在任的，系统提示调整领导小组' }),
    post: f.text('职务', { required: true, list: true, help: '例如：局党组书记、局长' }),
    role: f.enum('小组职务', LEADING_ROLES, { required: true, list: true }),
    fromDate: f.date('任职起始日期', { required: true, list: true }),
    toDate: f.date('任职终止日期', { list: true, help: '人员变动、小组调整时填写' }),
    basisDoc: f.text('成立或调整文件', { help: '例如：某民发〔2026〕3号' }),
    status: f.enum('状态', MEMBER_STATUSES, { help: '系统按任职终止日期自动填写' }),
  },
  rules: [rule.order('fromDate', 'toDate', '任职终止日期不能早于任职起始日期')],
  derive: (d) => ({ ...d, status: isSet(d.toDate) ? '已调整' : '在任' }),
});

registerLedgers([person, leadingMember]);
