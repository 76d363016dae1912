/**
 * 政务公开: 主动公开 items (《政府信息公开条例》第二十条、第二十一条、第二十六条) and the 依申请公开 log
 * (第三十条至第三十六条), with the outcome classes of the annual report template (国办公开办函〔2021〕30号 表三).
 */
import { deadlineRule, defineDeadlineRules } from '../../calendar/rules.ts';
import { defineLedger, type Issue, rule } from '../../ledger/define.ts';
import { f, isSet, type RecordData } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';

/** 条例第二十条 items that a 民政局 publishes, plus the 第二十一条 local items relevant to 民政. */
export const PROACTIVE_CATEGORIES = [
  '规范性文件',
  '机关职能、机构设置、负责人等',
  '规划及相关政策',
  '统计信息',
  '行政许可和对外管理服务事项',
  '行政处罚、行政强制',
  '财政预算、决算',
  '行政事业性收费',
  '政府集中采购',
  '社会保障等政策措施及实施情况',
  '突发公共事件应对',
  '环境保护、公共卫生、安全生产、食品药品、产品质量监督检查',
  '公务员招考录用',
  '社会救助',
  '公共服务、公益事业',
  '工作动态、信息公告',
  '其他',
] as const;

export const PROACTIVE_CHANNELS = [
  '政府网站',
  '政府信息公开平台',
  '政务新媒体',
  '政府公报',
  '新闻发布会',
  '报刊广播电视',
  '公开栏、查阅点',
  '其他',
] as const;

/** 条例第三十一条: how the request arrived decides its receipt date. */
export const REQUEST_CHANNELS = ['当面提交', '邮政挂号/快递', '平常信函', '互联网在线', '电子邮件', '传真', '其他'] as const;

/** Columns of 年度报告 表三. */
export const APPLICANT_TYPES = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const;

export const REQUEST_OUTCOMES = ['予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理'] as const;

/** Sub-reasons per outcome (表三 rows; the wording follows the 2021 template and should be checked against it). */
export const OUTCOME_REASONS: Readonly<Record<(typeof REQUEST_OUTCOMES)[number], readonly string[]>> = {
  予以公开: [],
  部分公开: [],
  不予公开: [
    '属于国家秘密',
    '其他法律行政法规禁止公开',
    '危及“三安全一稳定”',
    '保护第三方合法权益',
    '属于三类内部事务信息',
    '属于四类过程性信息',
    '属于行政执法案卷',
    '属于行政查询事项',
  ],
  无法提供: ['本机关不掌握相关政府信息', '没有现成信息需要另行制作', '补正后申请内容仍不明确'],
  不予处理: ['信访举报投诉类申请', '重复申请', '要求提供公开出版物', '无正当理由大量反复申请', '要求行政机关确认或重新出具已获取信息'],
  其他处理: [
    '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '其他',
  ],
};

export const ALL_OUTCOME_REASONS: readonly string[] = Object.values(OUTCOME_REASONS).flat();

export const REQUEST_STATUSES = ['办理中', '已答复', '结转下年度'] as const;

export const disclosureItem = defineLedger({
  key: 'disclosure_item',
  module: 'disclosure',
  label: '主动公开信息台账',
  titleField: 'title',
  dateField: 'countedOn',
  unitField: 'unitId',
  statusField: 'status',
  fields: {
    title: f.text('信息标题', { required: true, list: true }),
    category: f.enum('公开类别', PROACTIVE_CATEGORIES, { required: true, list: true, help: '按《政府信息公开条例》第二十条、第二十一条' }),
    formedOn: f.date('信息形成或变更日期', { required: true, list: true, help: '自此日起20个工作日内应当公开（条例第二十六条）' }),
    publishedOn: f.date('公开日期', { list: true }),
    channel: f.enum('公开渠道', PROACTIVE_CHANNELS, { list: true }),
    docNumber: f.text('文号或索引号'),
    unitId: f.unit('责任科室'),
    note: f.longtext('备注'),
    countedOn: f.date('统计日期', { help: '系统自动填写：已公开的为公开日期，未公开的为信息形成日期' }),
    status: f.enum('状态', ['待公开', '已公开'], { help: '系统按公开日期自动填写' }),
  },
  rules: [
    rule.order('formedOn', 'publishedOn', '公开日期不能早于信息形成或变更日期'),
    rule.requires('publishedOn', 'channel', '已公开的信息请填写公开渠道'),
  ],
  derive: (d) => ({
    ...d,
    countedOn: typeof d.publishedOn === 'string' ? d.publishedOn : typeof d.formedOn === 'string' ? d.formedOn : null,
    status: isSet(d.publishedOn) ? '已公开' : '待公开',
  }),
});

/** 条例第三十三条第二款: an extension is at most 20 working days. */
export const MAX_EXTENSION_WORKDAYS = 20;
/** 条例第三十二条、第三十四条: the consulted party answers within 15 working days. */
export const MAX_CONSULTATION_WORKDAYS = 15;

/** An extension needs its approval on record, except one carried over from the old yes/no field. */
function extensionApproval(d: RecordData): Issue | null {
  if (!isSet(d.extensionDays) || isSet(d.extensionLegacy)) return null;
  if (!isSet(d.extensionApprover))
    return { field: 'extensionApprover', message: '延长答复期限应经政府信息公开工作机构负责人同意，请填写延长审批人' };
  if (!isSet(d.extensionApprovedOn)) return { field: 'extensionApprovedOn', message: '请填写延长审批日期' };
  return null;
}

/** Outcome, sub-reason and reply date must agree with each other. */
function outcomeRule(d: RecordData): Issue | null {
  const outcome = d.outcome;
  const reason = d.outcomeReason;
  if (typeof outcome !== 'string') {
    if (isSet(reason)) return { field: 'outcomeReason', message: '请先选择办理结果，再选择具体情形' };
    return null;
  }
  const reasons = OUTCOME_REASONS[outcome as (typeof REQUEST_OUTCOMES)[number]] ?? [];
  if (reasons.length === 0 && isSet(reason)) return { field: 'outcomeReason', message: `办理结果为“${outcome}”时不填写具体情形` };
  if (reasons.length > 0 && !isSet(reason)) return { field: 'outcomeReason', message: `办理结果为“${outcome}”时请选择具体情形` };
  if (reasons.length > 0 && typeof reason === 'string' && !reasons.includes(reason)) {
    return { field: 'outcomeReason', message: `“${reason}”不属于“${outcome}”的情形，应为以下之一：${reasons.join('、')}` };
  }
  return null;
}

export const disclosureRequest = defineLedger({
  key: 'disclosure_request',
  module: 'disclosure',
  label: '依申请公开办理台账',
  titleField: 'content',
  dateField: 'receivedOn',
  unitField: 'unitId',
  ownerField: 'handler',
  statusField: 'status',
  fields: {
    receivedOn: f.date('收到申请日期', {
      required: true,
      list: true,
      help: '条例第三十一条：当面提交为提交之日；邮政挂号/快递为签收之日；平常信函为与申请人确认之日；网上或传真为双方确认之日',
    }),
    channel: f.enum('申请方式', REQUEST_CHANNELS, { required: true, list: true }),
    applicantType: f.enum('申请人类型', APPLICANT_TYPES, { required: true, list: true }),
    applicantName: f.text('申请人'),
    content: f.text('申请内容', { required: true, list: true }),
    correctionNoticeOn: f.date('补正通知日期', { help: '应在收到申请之日起7个工作日内一次性告知（条例第三十条）' }),
    correctedReceivedOn: f.date('收到补正申请日期', { help: '答复期限自此日重新计算（条例第三十条）' }),
    extensionDays: f.int('经批准延长答复期限（工作日）', {
      min: 1,
      max: MAX_EXTENSION_WORKDAYS,
      help: '经政府信息公开工作机构负责人同意并告知申请人，延长不超过20个工作日（条例第三十三条第二款）',
    }),
    extensionApprover: f.text('延长审批人', { help: '政府信息公开工作机构负责人' }),
    extensionApprovedOn: f.date('延长审批日期'),
    extensionLegacy: f.bool('延长记录来自旧版台账', {
      help: '旧版只登记“是否延长”，按延长20个工作日计算，审批人和审批日期未登记；补录后可取消勾选',
    }),
    consultationFrom: f.date('征求第三方或其他机关意见开始日期', {
      help: '发出征求意见书之日；征求意见期间不计入答复期限（条例第三十三条第三款）',
    }),
    consultationTo: f.date('征求意见结束日期', {
      help: '收到意见之日，或被征求意见方15个工作日期满之日（条例第三十二条、第三十四条）；计入不超过15个工作日',
    }),
    consultationDays: f.int('征求意见所需工作日（旧版数据）', {
      max: 200,
      help: '旧版台账只登记了天数；仅在未填写征求意见起止日期时计入，新记录请填写起止日期',
    }),
    outcome: f.enum('办理结果', REQUEST_OUTCOMES, { list: true }),
    outcomeReason: f.enum('具体情形', ALL_OUTCOME_REASONS),
    repliedOn: f.date('答复日期', { list: true }),
    carriedOver: f.bool('结转下年度继续办理'),
    reconsiderationFiled: f.bool('申请人就此申请行政复议'),
    lawsuitFiled: f.bool('申请人就此提起行政诉讼'),
    fee: f.number('收取信息处理费（元）', {
      help: '按《政府信息公开信息处理费管理办法》向申请人收取信息处理费的，填写实收金额；未收取的不填',
    }),
    unitId: f.unit('承办科室'),
    handler: f.user('承办人', { help: '本单位负责办理的人员；填写后，期限提醒和“我的待办”以其为期限的责任人' }),
    note: f.longtext('备注'),
    status: f.enum('状态', REQUEST_STATUSES, { help: '系统自动填写' }),
  },
  rules: [
    rule.order('receivedOn', 'correctionNoticeOn', '补正通知日期不能早于收到申请日期'),
    rule.order('correctionNoticeOn', 'correctedReceivedOn', '收到补正申请日期不能早于补正通知日期'),
    rule.requires('correctedReceivedOn', 'correctionNoticeOn', '填写收到补正申请日期前请先填写补正通知日期'),
    rule.order('receivedOn', 'repliedOn', '答复日期不能早于收到申请日期'),
    rule.order('correctedReceivedOn', 'repliedOn', '答复日期不能早于收到补正申请日期'),
    rule.requires('repliedOn', 'outcome', '已答复的申请请填写办理结果'),
    rule.requires('outcome', 'repliedOn', '填写办理结果的，请同时填写答复日期'),
    rule.requires('extensionApprover', 'extensionDays', '填写延长审批人的，请填写延长的工作日数'),
    rule.requires('extensionApprovedOn', 'extensionDays', '填写延长审批日期的，请填写延长的工作日数'),
    extensionApproval,
    rule.order('receivedOn', 'extensionApprovedOn', '延长审批日期不能早于收到申请日期'),
    rule.order('extensionApprovedOn', 'repliedOn', '延长审批日期不能晚于答复日期'),
    rule.requires('consultationTo', 'consultationFrom', '请填写征求意见开始日期'),
    rule.order('receivedOn', 'consultationFrom', '征求意见开始日期不能早于收到申请日期'),
    rule.order('consultationFrom', 'consultationTo', '征求意见结束日期不能早于开始日期'),
    rule.order('consultationTo', 'repliedOn', '答复日期不能早于征求意见结束日期'),
    (d) =>
      isSet(d.consultationDays) && isSet(d.consultationFrom)
        ? { field: 'consultationDays', message: '已填写征求意见起止日期的，不再填写旧版的征求意见工作日数' }
        : null,
    outcomeRule,
    (d) =>
      isSet(d.carriedOver) && isSet(d.repliedOn) && String(d.repliedOn).slice(0, 4) === String(d.receivedOn).slice(0, 4)
        ? { field: 'carriedOver', message: '当年已答复的申请不能标记为结转下年度' }
        : null,
  ],
  derive: (d) => ({ ...d, status: isSet(d.repliedOn) ? '已答复' : isSet(d.carriedOver) ? '结转下年度' : '办理中' }),
  version: 2,
  upgrades: [
    {
      from: 1,
      note: '“经批准延长答复期限”由是否延长改为延长的工作日数、审批人和审批日期：旧版“是”按延长20个工作日，标为旧版记录',
      up: ({ extended, ...rest }) => (extended === true ? { ...rest, extensionDays: MAX_EXTENSION_WORKDAYS, extensionLegacy: true } : rest),
    },
  ],
});

registerLedgers([disclosureItem, disclosureRequest]);

export const proactivePublishRule = deadlineRule(disclosureItem, {
  key: 'disclosure.proactive_publish',
  label: '主动公开期限',
  start: 'formedOn',
  amount: 20,
  unit: 'workday',
  doneField: 'publishedOn',
  basis: '《政府信息公开条例》第二十六条',
});

export const requestReplyRule = deadlineRule(disclosureRequest, {
  key: 'disclosure.request_reply',
  label: '依申请公开答复期限',
  start: 'receivedOn',
  restartField: 'correctedReceivedOn',
  // A 补正通知 stops the clock until the corrected request comes back (条例第三十条).
  awaitField: 'correctionNoticeOn',
  amount: 20,
  unit: 'workday',
  extendDaysField: 'extensionDays',
  extendByField: 'extensionApprover',
  extendOnField: 'extensionApprovedOn',
  extendAmount: MAX_EXTENSION_WORKDAYS,
  pauseFrom: 'consultationFrom',
  pauseTo: 'consultationTo',
  pauseMax: MAX_CONSULTATION_WORKDAYS,
  pauseField: 'consultationDays',
  doneField: 'repliedOn',
  basis: '《政府信息公开条例》第三十条至第三十三条',
});

export const requestCorrectionRule = deadlineRule(disclosureRequest, {
  key: 'disclosure.request_correction',
  label: '依申请公开补正告知期限',
  start: 'receivedOn',
  amount: 7,
  unit: 'workday',
  doneField: 'correctionNoticeOn',
  // Only a request that needed correction carries this deadline; it is known once the notice is entered.
  when: (w) => w.set('correctionNoticeOn'),
  basis: '《政府信息公开条例》第三十条',
});

defineDeadlineRules([proactivePublishRule, requestReplyRule, requestCorrectionRule]);
