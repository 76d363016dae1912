/**
 * 行政执法: the 权责清单 of enforcement items, enforcement cases with the 三项制度 (公示, 全过程记录,
 * 重大执法决定法制审核 as a hard gate), case leads transferred to 综合执法, and 双随机、一公开 (object library,
 * tasks, and the record of each verifiable draw, written only by draw.service.ts).
 */
import { deadlineRule, defineDeadlineRules } from '../../calendar/rules.ts';
import { defineLedger, rule } from '../../ledger/define.ts';
import { f, isSet, type RecordData } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';

export const ENFORCEMENT_KINDS = ['行政处罚', '行政检查', '行政强制', '行政许可', '行政确认', '行政给付'] as const;
export const CASE_RESULTS = [
  '办理中',
  '作出处罚决定',
  '不予处罚',
  '作出许可决定',
  '不予许可',
  '作出其他决定',
  '撤销立案',
  '移送处理',
] as const;
export const OBJECT_TYPES = [
  '社会组织',
  '养老机构',
  '殡葬服务单位',
  '儿童福利机构',
  '未成年人救助保护机构',
  '婚姻登记机关',
  '其他',
] as const;
export const TASK_KINDS = ['单部门', '跨部门发起', '跨部门接收'] as const;

/** 统一社会信用代码: 18 characters, digits and upper-case letters without I, O, S, V, Z. */
const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const enforcementItem = defineLedger({
  key: 'enforcement_item',
  module: 'enforcement',
  label: '行政执法事项（权责清单）',
  titleField: 'name',
  unitField: 'unitId',
  fields: {
    name: f.text('事项名称', { required: true, list: true }),
    kind: f.enum('事项类别', ENFORCEMENT_KINDS, { required: true, list: true }),
    code: f.text('事项编码'),
    basis: f.longtext('实施依据', { required: true }),
    transferred: f.bool('已划转综合行政执法部门', { list: true }),
    transferredOn: f.date('划转日期'),
    unitId: f.unit('实施科室'),
    note: f.longtext('备注'),
  },
  rules: [rule.requires('transferredOn', 'transferred', '填写划转日期的，请勾选“已划转综合行政执法部门”')],
});

export const enforcementCase = defineLedger({
  key: 'enforcement_case',
  module: 'enforcement',
  label: '行政执法案件台账',
  titleField: 'matter',
  dateField: 'filedOn',
  unitField: 'unitId',
  ownerField: 'handler',
  statusField: 'result',
  fields: {
    caseNumber: f.text('案件编号', { list: true }),
    itemId: f.ref('执法事项', enforcementItem, { help: '权责清单中本案依据的行政执法事项' }),
    kind: f.enum('执法类别', ENFORCEMENT_KINDS, { required: true, list: true }),
    matter: f.text('案由', { required: true, list: true }),
    party: f.text('当事人', { list: true }),
    filedOn: f.date('立案日期', { required: true, list: true }),
    major: f.bool('重大执法决定', {
      list: true,
      help: '涉及重大公共利益、经过听证、案情疑难复杂等，决定前须经法制审核（行政处罚法第五十八条）',
    }),
    legalReviewOn: f.date('法制审核日期'),
    legalReviewer: f.text('法制审核人员', { help: '初次从事法制审核的人员应取得法律职业资格' }),
    legalReviewOpinion: f.enum('法制审核意见', ['同意', '修改后同意', '不同意']),
    collective: f.bool('经负责人集体讨论'),
    decidedOn: f.date('决定日期', { list: true }),
    publicizedOn: f.date('公示日期', { list: true, help: '行政处罚、行政许可决定7个工作日内公示，其他决定20个工作日内' }),
    hearingOn: f.date('听证日期', { help: '当事人要求听证的，举行听证的日期（行政处罚法第六十三条、第六十四条）' }),
    hearingNoticeOn: f.date('听证通知日期', {
      help: '应在举行听证的7个工作日前通知当事人及有关人员听证的时间、地点（行政处罚法第六十四条第二项）',
    }),
    partyAbsent: f.bool('宣告时当事人不在场', { help: '当事人不在场的，决定书应在7个工作日内送达（行政处罚法第六十一条）' }),
    servedOn: f.date('决定书送达日期'),
    revisedOn: f.date('决定被变更、撤销或确认违法、无效日期', {
      help: '已公示的行政处罚决定被变更、撤销、确认违法或无效的，3个工作日内撤回公示信息（行政处罚法第四十八条）',
    }),
    withdrawnOn: f.date('撤回公示信息日期'),
    fullRecord: f.bool('全过程记录'),
    avRecord: f.bool('音像记录'),
    result: f.enum('办理结果', CASE_RESULTS, { list: true }),
    closedOn: f.date('结案日期'),
    unitId: f.unit('承办科室'),
    handler: f.user('承办人', { help: '本单位负责办理的人员；填写后，期限提醒和“我的待办”以其为期限的责任人' }),
    note: f.longtext('备注'),
  },
  rules: [
    rule.requires('decidedOn', 'legalReviewOn', '重大执法决定未经法制审核，不得作出决定：请先填写法制审核日期', 'major'),
    rule.requires('decidedOn', 'legalReviewer', '重大执法决定未经法制审核，不得作出决定：请填写法制审核人员', 'major'),
    (d: RecordData) =>
      isSet(d.major) && isSet(d.decidedOn) && d.legalReviewOpinion === '不同意'
        ? { field: 'decidedOn', message: '法制审核意见为不同意的，不得作出决定' }
        : null,
    rule.order('legalReviewOn', 'decidedOn', '法制审核日期不能晚于决定日期'),
    rule.order('filedOn', 'legalReviewOn', '法制审核日期不能早于立案日期'),
    rule.order('filedOn', 'decidedOn', '决定日期不能早于立案日期'),
    rule.requires('publicizedOn', 'decidedOn', '作出决定后才能公示'),
    rule.order('decidedOn', 'publicizedOn', '公示日期不能早于决定日期'),
    rule.order('filedOn', 'closedOn', '结案日期不能早于立案日期'),
    rule.order('filedOn', 'hearingOn', '听证日期不能早于立案日期'),
    rule.requires('hearingNoticeOn', 'hearingOn', '填写听证通知日期的，请填写听证日期'),
    rule.order('filedOn', 'hearingNoticeOn', '听证通知日期不能早于立案日期'),
    rule.order('hearingNoticeOn', 'hearingOn', '听证通知日期不能晚于听证日期'),
    rule.order('hearingOn', 'decidedOn', '经听证的案件，决定日期不能早于听证日期（行政处罚法第六十五条）'),
    rule.requires('servedOn', 'decidedOn', '作出决定后才能送达决定书'),
    rule.order('decidedOn', 'servedOn', '送达日期不能早于决定日期'),
    rule.requires('revisedOn', 'publicizedOn', '决定公示后才有撤回公示：请先填写公示日期'),
    rule.order('publicizedOn', 'revisedOn', '决定被变更或撤销的日期不能早于公示日期'),
    rule.requires('withdrawnOn', 'revisedOn', '请先填写决定被变更、撤销或确认违法、无效的日期'),
    rule.order('revisedOn', 'withdrawnOn', '撤回公示信息日期不能早于决定被变更或撤销的日期'),
    (d: RecordData) =>
      isSet(d.decidedOn) && (!isSet(d.result) || d.result === '办理中')
        ? { field: 'result', message: '已作出决定的案件请选择办理结果' }
        : null,
  ],
  derive: (d) => ({ ...d, result: isSet(d.result) ? d.result : '办理中' }),
});

export const leadTransfer = defineLedger({
  key: 'lead_transfer',
  module: 'enforcement',
  label: '案件线索移交台账',
  titleField: 'matter',
  dateField: 'transferredOn',
  unitField: 'unitId',
  fields: {
    transferredOn: f.date('移交日期', { required: true, list: true }),
    matter: f.text('线索内容', { required: true, list: true }),
    receiver: f.text('接收单位', { required: true, list: true, help: '例如：县综合行政执法局' }),
    source: f.text('线索来源', { help: '例如：双随机抽查、群众举报' }),
    feedback: f.longtext('处理反馈'),
    unitId: f.unit('移交科室'),
  },
});

export const inspectionObject = defineLedger({
  key: 'inspection_object',
  module: 'enforcement',
  label: '随机抽查检查对象名录库',
  titleField: 'name',
  unitField: 'unitId',
  statusField: 'status',
  fields: {
    name: f.text('对象名称', { required: true, list: true }),
    type: f.enum('对象类型', OBJECT_TYPES, { required: true, list: true }),
    creditCode: f.text('统一社会信用代码', { list: true }),
    region: f.text('所在区域', { list: true, help: '乡镇（街道）' }),
    address: f.text('地址'),
    status: f.enum('状态', ['在库', '已注销或移出'], { required: true, list: true, help: '只有“在库”的对象参加随机抽取' }),
    unitId: f.unit('监管科室'),
    note: f.longtext('备注'),
  },
  rules: [
    (d: RecordData) =>
      typeof d.creditCode === 'string' && d.creditCode !== '' && !CREDIT_CODE_RE.test(d.creditCode)
        ? { field: 'creditCode', message: '统一社会信用代码应为18位数字或大写字母' }
        : null,
  ],
});

export const inspectionTask = defineLedger({
  key: 'inspection_task',
  module: 'enforcement',
  label: '双随机抽查任务台账',
  titleField: 'name',
  dateField: 'plannedOn',
  unitField: 'unitId',
  statusField: 'status',
  fields: {
    name: f.text('任务名称', { required: true, list: true }),
    kind: f.enum('任务类别', TASK_KINDS, { required: true, list: true }),
    partners: f.text('联合部门', { help: '跨部门任务填写发起或参加的部门' }),
    matters: f.text('抽查事项'),
    objectType: f.enum('抽查对象类型', OBJECT_TYPES, { list: true, help: '限定本任务从名录库中抽取的对象类型；不填则不限' }),
    plannedOn: f.date('计划日期', { required: true, list: true }),
    objectsInspected: f.int('检查对象数', { list: true }),
    creditLinked: f.bool('与信用监管规则关联'),
    viaMobile: f.bool('通过掌上执法开展'),
    completedOn: f.date('检查完成日期', { list: true }),
    publishedOn: f.date('结果公示日期', { list: true, help: '检查结束之日起20日内公示（期限性质待核实）' }),
    problemsFound: f.int('发现问题数'),
    followedUp: f.bool('问题已跟踪整改'),
    unitId: f.unit('牵头科室'),
    note: f.longtext('备注'),
    status: f.enum('状态', ['计划中', '已完成', '已公示'], { help: '系统自动填写' }),
  },
  rules: [
    rule.order('plannedOn', 'completedOn', '检查完成日期不能早于计划日期'),
    rule.requires('publishedOn', 'completedOn', '检查完成后才能公示结果'),
    rule.order('completedOn', 'publishedOn', '结果公示日期不能早于检查完成日期'),
    rule.requires('followedUp', 'problemsFound', '标记问题已跟踪整改的，请填写发现问题数'),
  ],
  derive: (d) => ({ ...d, status: isSet(d.publishedOn) ? '已公示' : isSet(d.completedOn) ? '已完成' : '计划中' }),
});

/** The stored result of one verifiable draw (see draw.service.ts); JSON parts are kept as text. */
export const randomDraw = defineLedger({
  key: 'random_draw',
  module: 'enforcement',
  label: '双随机抽取记录',
  serviceOnly: '抽取记录只能由“随机抽查摇号”生成，不能手工新增、修改或删除',
  titleField: 'taskName',
  dateField: 'drawnOn',
  fields: {
    taskId: f.ref('抽查任务', inspectionTask, { required: true }),
    taskName: f.text('抽查任务', { required: true, list: true }),
    drawnOn: f.date('抽取日期', { required: true, list: true }),
    drawnAt: f.text('抽取时间', { required: true }),
    witness: f.text('监督人', { required: true, list: true }),
    seed: f.text('公开随机种子', { required: true, list: true }),
    algorithm: f.text('算法版本', { required: true }),
    params: f.longtext('抽取参数', { required: true }),
    objectCandidates: f.int('候选检查对象数', { list: true }),
    objectFingerprint: f.text('候选检查对象指纹', { required: true }),
    inspectorCandidates: f.int('候选检查人员数', { list: true }),
    inspectorFingerprint: f.text('候选检查人员指纹', { required: true }),
    excluded: f.longtext('排除人员及原因'),
    result: f.longtext('抽取结果', { required: true }),
    resultFingerprint: f.text('结果指纹', { required: true }),
  },
});

registerLedgers([enforcementItem, enforcementCase, leadTransfer, inspectionObject, inspectionTask, randomDraw]);

/** Kinds whose decisions are published within 7 working days; the others within the local period. */
const SEVEN_DAY_KINDS: readonly (typeof ENFORCEMENT_KINDS)[number][] = ['行政处罚', '行政许可'];

export const randomResultPublishRule = deadlineRule(inspectionTask, {
  key: 'enforcement.random_result_publish',
  label: '双随机抽查结果公示期限',
  start: 'completedOn',
  amount: 20,
  unit: 'workday',
  doneField: 'publishedOn',
  configurable: true,
  when: (w) => w.set('completedOn'),
  basis: '检查结束之日起20日内公示（见福建省2019年做法；国发〔2019〕5号的具体条款及是否为工作日待核实，UNCONFIRMED）',
});

defineDeadlineRules([
  deadlineRule(enforcementCase, {
    key: 'enforcement.case_decision',
    label: '行政处罚案件办理期限',
    start: 'filedOn',
    amount: 90,
    unit: 'day',
    doneField: 'decidedOn',
    when: (w) => w.eq('kind', '行政处罚'),
    basis: '《行政处罚法》第六十条',
  }),
  deadlineRule(enforcementCase, {
    key: 'enforcement.decision_publicity',
    label: '行政处罚、行政许可决定公示期限',
    start: 'decidedOn',
    amount: 7,
    unit: 'workday',
    doneField: 'publicizedOn',
    when: (w) => w.and(w.set('decidedOn'), w.in('kind', SEVEN_DAY_KINDS)),
    basis: '国办发〔2018〕118号（行政执法公示制度）；《行政处罚法》第四十八条',
  }),
  deadlineRule(enforcementCase, {
    key: 'enforcement.decision_publicity_other',
    label: '其他行政执法决定公示期限',
    start: 'decidedOn',
    amount: 20,
    unit: 'workday',
    doneField: 'publicizedOn',
    configurable: true,
    when: (w) => w.and(w.set('decidedOn'), w.set('kind'), w.not(w.in('kind', SEVEN_DAY_KINDS))),
    basis: '国办发〔2018〕118号（行政执法公示制度，各地细则不一）',
  }),
  // "七日" and "三日" are working days (行政处罚法第八十五条). The 决定日期 is taken as the day the
  // decision was announced (宣告): the ledger records no separate announcement date.
  deadlineRule(enforcementCase, {
    key: 'enforcement.decision_service',
    label: '行政处罚决定书送达期限（当事人不在场）',
    start: 'decidedOn',
    amount: 7,
    unit: 'workday',
    doneField: 'servedOn',
    when: (w) => w.and(w.eq('kind', '行政处罚'), w.set('partyAbsent')),
    basis: '《行政处罚法》第六十一条、第八十五条',
  }),
  deadlineRule(enforcementCase, {
    key: 'enforcement.publicity_withdrawal',
    label: '撤回行政处罚决定公示信息期限',
    start: 'revisedOn',
    amount: 3,
    unit: 'workday',
    doneField: 'withdrawnOn',
    when: (w) => w.and(w.eq('kind', '行政处罚'), w.set('publicizedOn')),
    basis: '《行政处罚法》第四十八条第二款、第八十五条',
  }),
  // Counted back from the hearing: "七日" is working days (第八十五条), and a last day is never moved
  // later, which would shorten the notice the party is owed.
  deadlineRule(enforcementCase, {
    key: 'enforcement.hearing_notice',
    label: '听证通知期限（听证7个工作日前）',
    kind: 'before',
    start: 'hearingOn',
    amount: 7,
    unit: 'workday',
    doneField: 'hearingNoticeOn',
    basis: '《行政处罚法》第六十四条第二项、第八十五条',
  }),
  randomResultPublishRule,
]);
