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

/** 一审裁判文书: the appeal window differs (行政诉讼法第八十五条). */
export const FIRST_INSTANCE_DOCS = ['判决', '裁定'] as const;
export const APPEAL_DECISIONS = ['提起上诉', '不上诉'] as const;

export const PETITION_CHANNELS = ['来信', '来访', '网上信访', '电话', '领导信箱', '其他'] as const;
export const PETITION_RESULTS = ['办理中', '已办结', '已转送有权机关', '不予受理', '其他'] as const;
export const PETITION_REVIEW_KINDS = ['复查', '复核'] as const;

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
    firstInstanceDoc: f.enum('一审裁判文书', FIRST_INSTANCE_DOCS, { help: '仅行政诉讼填写：上诉期限判决15日、裁定10日' }),
    firstInstanceServedOn: f.date('一审判决书或裁定书送达日期'),
    appealDecision: f.enum('是否上诉', APPEAL_DECISIONS),
    appealDecidedOn: f.date('提起上诉或决定不上诉日期'),
    unitId: f.unit('承办科室'),
    note: f.longtext('备注'),
  },
  rules: [
    (d: RecordData) =>
      d.kind !== '行政诉讼' && (isSet(d.firstInstanceDoc) || isSet(d.firstInstanceServedOn))
        ? { field: 'firstInstanceDoc', message: '一审裁判文书仅适用于行政诉讼案件' }
        : null,
    rule.requires('firstInstanceServedOn', 'firstInstanceDoc', '填写一审文书送达日期的，请选择一审裁判文书是判决还是裁定'),
    rule.requires('appealDecidedOn', 'firstInstanceServedOn', '请先填写一审判决书或裁定书送达日期'),
    rule.requires('appealDecidedOn', 'appealDecision', '填写提起上诉或决定不上诉日期的，请选择是否上诉'),
    rule.requires('appealDecision', 'appealDecidedOn', '选择是否上诉的，请填写提起上诉或决定不上诉日期'),
    rule.order('copyReceivedOn', 'firstInstanceServedOn', '一审文书送达日期不能早于收到起诉状副本日期'),
    rule.order('firstInstanceServedOn', 'appealDecidedOn', '提起上诉或决定不上诉日期不能早于一审文书送达日期'),
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
  ownerField: 'handler',
  statusField: 'result',
  fields: {
    receivedOn: f.date('登记日期', { required: true, list: true }),
    channel: f.enum('信访形式', PETITION_CHANNELS, { required: true, list: true }),
    petitioner: f.text('信访人'),
    matter: f.text('信访事项', { required: true, list: true }),
    firstResponder: f.text('首问责任人', { required: true, list: true }),
    acceptNoticeOn: f.date('告知是否受理日期', { help: '收到信访事项之日起15日内告知信访人是否受理' }),
    acceptedOn: f.date('受理日期', { help: '办理期限自受理之日起算' }),
    extended: f.bool('经批准延长办理期限', { help: '情况复杂的，经本机关负责人批准可延长，延长不超过30日' }),
    handledOn: f.date('办结日期', { list: true }),
    result: f.enum('办理结果', PETITION_RESULTS, { list: true }),
    reviewKind: f.enum('复查或复核', PETITION_REVIEW_KINDS, { help: '本机关收到信访人的复查或复核请求时填写' }),
    reviewRequestedOn: f.date('收到复查或复核请求日期'),
    reviewAnsweredOn: f.date('提出复查或复核意见日期'),
    unitId: f.unit('承办科室'),
    handler: f.user('承办人', { help: '本单位负责办理的人员；填写后，期限提醒和“我的待办”以其为期限的责任人' }),
    note: f.longtext('处理情况'),
  },
  rules: [
    rule.order('receivedOn', 'handledOn', '办结日期不能早于登记日期'),
    rule.order('receivedOn', 'acceptNoticeOn', '告知是否受理日期不能早于登记日期'),
    rule.order('receivedOn', 'acceptedOn', '受理日期不能早于登记日期'),
    rule.order('acceptedOn', 'handledOn', '办结日期不能早于受理日期'),
    rule.order('reviewRequestedOn', 'reviewAnsweredOn', '复查或复核意见日期不能早于收到请求日期'),
    rule.requires('reviewRequestedOn', 'reviewKind', '填写收到复查或复核请求日期的，请选择复查或复核'),
    rule.requires('extended', 'acceptedOn', '延长办理期限前请先填写受理日期'),
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

/**
 * 信访工作条例 (中共中央、国务院 2022, in force 2022-05-01). Its periods are written "X日" and the
 * 条例 says nothing else, so they are natural days counted as RULES.md §0 (day of the event not
 * counted, a last day on a holiday rolls to the next working day). The day counts were confirmed in
 * official secondary material (广东省信访局 问答: 复核 "自收到复核请求之日起30日内"), but the article
 * numbers were not: public copies disagree (第三十二/三十三/三十四条 for 60 日), so the basis says so
 * and each amount is configurable per bureau like the other unconfirmed rules.
 */
const PETITION_BASIS = '《信访工作条例》（2022）';
const PETITION_UNCONFIRMED = '（条款序号待核实）';

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
  ...FIRST_INSTANCE_DOCS.map((doc) =>
    deadlineRule(disputeCase, {
      key: doc === '判决' ? 'oversight.litigation_appeal_judgment' : 'oversight.litigation_appeal_ruling',
      label: `行政诉讼一审${doc}上诉期限`,
      start: 'firstInstanceServedOn',
      amount: doc === '判决' ? 15 : 10,
      unit: 'day',
      doneField: 'appealDecidedOn',
      when: (w) => w.and(w.eq('kind', '行政诉讼'), w.eq('firstInstanceDoc', doc)),
      // Natural days: 行政诉讼法第一百零一条 applies 民事诉讼法's periods (RULES.md §0).
      basis: `《行政诉讼法》第八十五条（${doc}书送达之日起${doc === '判决' ? '十五' : '十'}日内）、第一百零一条`,
    }),
  ),
  deadlineRule(petition, {
    key: 'oversight.petition_accept_notice',
    label: '信访事项告知是否受理期限',
    start: 'receivedOn',
    amount: 15,
    unit: 'day',
    doneField: 'acceptNoticeOn',
    // Petitions closed before the notice date was a field carry no record of it: judge only those
    // still open or whose notice date is on record, so old ledgers do not turn 逾期 overnight.
    when: (w) => w.or(w.set('acceptNoticeOn'), w.not(w.set('handledOn'))),
    basis: `${PETITION_BASIS}信访事项受理条款：收到之日起15日内决定是否受理并告知信访人${PETITION_UNCONFIRMED}`,
    configurable: true,
  }),
  deadlineRule(petition, {
    key: 'oversight.petition_handle',
    label: '信访事项办理期限',
    start: 'acceptedOn',
    amount: 60,
    unit: 'day',
    extendField: 'extended',
    extendAmount: 30,
    doneField: 'handledOn',
    basis: `${PETITION_BASIS}信访事项办理条款：自受理之日起60日内办结，情况复杂的经负责人批准可延长不超过30日${PETITION_UNCONFIRMED}`,
    configurable: true,
  }),
  deadlineRule(petition, {
    key: 'oversight.petition_recheck',
    label: '信访事项复查意见期限',
    start: 'reviewRequestedOn',
    amount: 30,
    unit: 'day',
    doneField: 'reviewAnsweredOn',
    when: (w) => w.eq('reviewKind', '复查'),
    basis: `${PETITION_BASIS}复查条款：自收到复查请求之日起30日内提出复查意见${PETITION_UNCONFIRMED}`,
    configurable: true,
  }),
  deadlineRule(petition, {
    key: 'oversight.petition_review',
    label: '信访事项复核意见期限',
    start: 'reviewRequestedOn',
    amount: 30,
    unit: 'day',
    doneField: 'reviewAnsweredOn',
    when: (w) => w.eq('reviewKind', '复核'),
    basis: `${PETITION_BASIS}复核条款：自收到复核请求之日起30日内提出复核意见（听证时间不计入）${PETITION_UNCONFIRMED}`,
    configurable: true,
  }),
]);
