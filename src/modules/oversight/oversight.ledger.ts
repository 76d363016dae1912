/**
 * 监督与救济: 人大代表建议 / 政协提案 handled by the bureau, 行政复议 and 行政诉讼 cases in which it is the
 * respondent, and 信访 (petitions) with 首问负责.
 */
import { deadlineRule, defineDeadlineRules } from '../../calendar/rules.ts';
import { defineLedger, rule } from '../../ledger/define.ts';
import { f, isSet, type RecordData } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';

export const SUGGESTION_KINDS = ['人大代表建议', '政协提案'] as const;
export const HANDLING_ROLES = ['主办', '协办', '分办'] as const;
/** 办理结果分类 (local practice: A 已解决 / B 正在解决 / C 列入规划 / D 留作参考). */
export const RESULT_CLASSES = [
  'A类（已解决或采纳）',
  'B类（正在解决或列入计划）',
  'C类（列入规划逐步解决）',
  'D类（因条件限制留作参考）',
] as const;
export const SATISFACTION = ['满意', '基本满意', '不满意'] as const;

export const CASE_KINDS = ['行政复议', '行政诉讼'] as const;
export const CASE_ROLES = ['被申请人', '被告', '第三人'] as const;
export const RECONSIDERATION_PROCEDURES = ['普通程序', '简易程序'] as const;
export const CASE_RESULTS = ['尚未审结', '维持', '驳回', '撤销', '确认违法', '调解撤诉', '败诉', '其他'] as const;
/** Results that count as 败诉 (litigation) or 被纠错 (reconsideration). */
export const LOST_RESULTS: readonly (typeof CASE_RESULTS)[number][] = ['撤销', '确认违法', '败诉'];
/** The bureau answers the case (not a third party): the answer deadlines apply. */
const RESPONDENT_ROLES: readonly (typeof CASE_ROLES)[number][] = ['被申请人', '被告'];

export const PETITION_CHANNELS = ['来信', '来访', '网上信访', '电话', '领导信箱', '其他'] as const;
export const PETITION_RESULTS = ['办理中', '已办结', '已转送有权机关', '不予受理', '其他'] as const;

export const suggestion = defineLedger({
  key: 'suggestion',
  module: 'oversight',
  label: '人大代表建议和政协提案办理台账',
  titleField: 'title',
  dateField: 'assignedOn',
  unitField: 'unitId',
  statusField: 'status',
  fields: {
    kind: f.enum('类别', SUGGESTION_KINDS, { required: true, list: true }),
    number: f.text('建议或提案编号', { list: true }),
    title: f.text('案由', { required: true, list: true }),
    proposer: f.text('代表或委员', { required: true, list: true, help: '联名的填写领衔人' }),
    assignedOn: f.date('交办日期', { required: true, list: true }),
    role: f.enum('办理方式', HANDLING_ROLES, { required: true, list: true }),
    content: f.longtext('主要内容'),
    difficult: f.bool('涉及面广、处理难度大', { help: '人大代表建议为六个月内答复（代表法第五十一条）' }),
    repliedOn: f.date('答复日期', { list: true }),
    resultClass: f.enum('办理结果分类', RESULT_CLASSES, { list: true }),
    satisfaction: f.enum('代表或委员评价', SATISFACTION, { list: true }),
    unitId: f.unit('承办科室'),
    note: f.longtext('备注'),
    status: f.enum('状态', ['办理中', '已答复'], { help: '系统按答复日期自动填写' }),
  },
  rules: [
    rule.order('assignedOn', 'repliedOn', '答复日期不能早于交办日期'),
    rule.requires('resultClass', 'repliedOn', '填写办理结果分类前请先填写答复日期'),
    rule.requires('satisfaction', 'repliedOn', '答复后才能登记代表或委员的评价'),
  ],
  derive: (d) => ({ ...d, status: isSet(d.repliedOn) ? '已答复' : '办理中' }),
});

export const disputeCase = defineLedger({
  key: 'dispute_case',
  module: 'oversight',
  label: '行政复议和行政应诉案件台账',
  titleField: 'matter',
  dateField: 'copyReceivedOn',
  unitField: 'unitId',
  statusField: 'result',
  fields: {
    kind: f.enum('案件类别', CASE_KINDS, { required: true, list: true }),
    role: f.enum('本机关地位', CASE_ROLES, { required: true, list: true }),
    caseNumber: f.text('案号', { list: true }),
    counterpart: f.text('申请人或原告'),
    matter: f.text('案由（被申请或被诉行为）', { required: true, list: true }),
    procedure: f.enum('复议程序', RECONSIDERATION_PROCEDURES, { help: '仅行政复议填写；简易程序的答复期限为5日' }),
    afterReconsideration: f.bool('经复议后起诉', { help: '仅行政诉讼填写' }),
    disclosureRelated: f.bool('涉及政府信息公开', { help: '计入政府信息公开工作年度报告表四' }),
    copyReceivedOn: f.date('收到申请书或起诉状副本日期', { required: true, list: true }),
    answeredOn: f.date('提交答复或答辩状日期', { list: true }),
    hearingOn: f.date('开庭或听证日期'),
    headAppeared: f.bool('负责人出庭应诉', { list: true }),
    headName: f.text('出庭负责人姓名'),
    headPosition: f.text('出庭负责人职务', { help: '正职、副职或分管该事项的负责人（法释〔2020〕3号第二条）' }),
    result: f.enum('结果', CASE_RESULTS, { list: true }),
    closedOn: f.date('审结日期'),
    unitId: f.unit('承办科室'),
    note: f.longtext('备注'),
  },
  rules: [
    (d: RecordData) =>
      d.kind === '行政复议' && d.role === '被告' ? { field: 'role', message: '行政复议案件中本机关应为被申请人或第三人' } : null,
    (d: RecordData) =>
      d.kind === '行政诉讼' && d.role === '被申请人' ? { field: 'role', message: '行政诉讼案件中本机关应为被告或第三人' } : null,
    (d: RecordData) =>
      d.kind === '行政诉讼' && isSet(d.procedure) ? { field: 'procedure', message: '复议程序仅适用于行政复议案件' } : null,
    rule.order('copyReceivedOn', 'answeredOn', '提交答复日期不能早于收到副本日期'),
    rule.order('copyReceivedOn', 'closedOn', '审结日期不能早于收到副本日期'),
    rule.requires('headAppeared', 'headName', '负责人出庭应诉的，请填写出庭负责人姓名'),
    rule.requires('headAppeared', 'headPosition', '负责人出庭应诉的，请填写出庭负责人职务'),
    (d: RecordData) =>
      isSet(d.result) && d.result !== '尚未审结' && !isSet(d.closedOn)
        ? { field: 'closedOn', message: '已审结的案件请填写审结日期' }
        : null,
    (d: RecordData) =>
      isSet(d.closedOn) && (!isSet(d.result) || d.result === '尚未审结')
        ? { field: 'result', message: '填写审结日期的，请选择审结结果' }
        : null,
  ],
  derive: (d) => ({ ...d, result: isSet(d.result) ? d.result : '尚未审结' }),
});

export const petition = defineLedger({
  key: 'petition',
  module: 'oversight',
  label: '信访事项台账',
  titleField: 'matter',
  dateField: 'receivedOn',
  unitField: 'unitId',
  statusField: 'result',
  fields: {
    receivedOn: f.date('登记日期', { required: true, list: true }),
    channel: f.enum('信访形式', PETITION_CHANNELS, { required: true, list: true }),
    petitioner: f.text('信访人'),
    matter: f.text('信访事项', { required: true, list: true }),
    firstResponder: f.text('首问责任人', { required: true, list: true }),
    handledOn: f.date('办结日期', { list: true }),
    result: f.enum('办理结果', PETITION_RESULTS, { list: true }),
    unitId: f.unit('承办科室'),
    note: f.longtext('处理情况'),
  },
  rules: [
    rule.order('receivedOn', 'handledOn', '办结日期不能早于登记日期'),
    (d: RecordData) =>
      isSet(d.handledOn) && (!isSet(d.result) || d.result === '办理中')
        ? { field: 'result', message: '填写办结日期的，请选择办理结果' }
        : null,
  ],
  derive: (d) => ({ ...d, result: isSet(d.result) ? d.result : '办理中' }),
});

registerLedgers([suggestion, disputeCase, petition]);

const replies = (
  key: string,
  label: string,
  amount: number,
  kind: (typeof SUGGESTION_KINDS)[number],
  difficult: boolean,
  basis: string,
  configurable?: boolean,
) =>
  deadlineRule(suggestion, {
    key,
    label,
    start: 'assignedOn',
    amount,
    unit: 'month',
    doneField: 'repliedOn',
    configurable,
    when: (w) => w.and(w.eq('kind', kind), difficult ? w.set('difficult') : w.not(w.set('difficult'))),
    basis,
  });

const NPC_BASIS = '《全国人民代表大会和地方各级人民代表大会代表法》第五十一条';
const CPPCC_BASIS = '地方政协提案工作条例或办法（各地规定不一，全国统一条款待核实）';

defineDeadlineRules([
  replies('oversight.npc_reply', '人大代表建议答复期限', 3, '人大代表建议', false, NPC_BASIS),
  replies('oversight.npc_reply_difficult', '人大代表建议答复期限（涉及面广、难度大）', 6, '人大代表建议', true, NPC_BASIS),
  replies('oversight.cppcc_reply', '政协提案答复期限', 3, '政协提案', false, CPPCC_BASIS, true),
  replies('oversight.cppcc_reply_difficult', '政协提案答复期限（难度大、经说明延期）', 6, '政协提案', true, CPPCC_BASIS, true),
  deadlineRule(disputeCase, {
    key: 'oversight.reconsideration_answer',
    label: '行政复议书面答复期限',
    start: 'copyReceivedOn',
    amount: 10,
    unit: 'workday',
    doneField: 'answeredOn',
    when: (w) => w.and(w.eq('kind', '行政复议'), w.in('role', RESPONDENT_ROLES), w.not(w.eq('procedure', '简易程序'))),
    basis: '《行政复议法》第四十八条、第八十八条',
  }),
  deadlineRule(disputeCase, {
    key: 'oversight.reconsideration_answer_simple',
    label: '行政复议书面答复期限（简易程序）',
    start: 'copyReceivedOn',
    amount: 5,
    unit: 'workday',
    doneField: 'answeredOn',
    when: (w) => w.and(w.eq('kind', '行政复议'), w.in('role', RESPONDENT_ROLES), w.eq('procedure', '简易程序')),
    basis: '《行政复议法》第五十四条、第八十八条',
  }),
  deadlineRule(disputeCase, {
    key: 'oversight.litigation_answer',
    label: '行政诉讼提交答辩状和证据期限',
    start: 'copyReceivedOn',
    amount: 15,
    unit: 'day',
    doneField: 'answeredOn',
    when: (w) => w.and(w.eq('kind', '行政诉讼'), w.in('role', RESPONDENT_ROLES)),
    basis: '《行政诉讼法》第六十七条',
  }),
]);
