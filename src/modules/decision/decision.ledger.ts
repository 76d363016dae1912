/**
 * 依法决策: the 法律顾问 register and their work, "三重一大" collective decisions, and 重大行政决策
 * with the statutory steps of 《重大行政决策程序暂行条例》 as dates. The gates refuse a step taken out
 * of order (no 集体讨论 without 合法性审查, Art 27); they must never be relaxed for convenience.
 */
import { defineLedger, type Issue, rule } from '../../ledger/define.ts';
import { f, isSet, type LedgerRef, type RecordData } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';
import { daysBetween } from '../../util/time.ts';
import { normdoc } from '../normdoc/normdoc.ledger.ts';

export const ADVISER_KINDS = ['法律顾问', '公职律师'] as const;
export const ADVISER_WORK_KINDS = [
  '法律意见书',
  '法治讲座',
  '规范性文件合法性审查',
  '重大决策合法性审查',
  '合同审查',
  '参与诉讼',
  '信访处置',
  '法律咨询',
  '其他',
] as const;
export const COLLECTIVE_KINDS = ['重大决策', '重要人事任免', '重大项目安排', '大额资金使用'] as const;
export const COLLECTIVE_MEETINGS = ['局党组会议', '局长办公会议', '局务会议', '其他会议'] as const;
export const COLLECTIVE_OUTCOMES = ['通过', '原则通过', '不通过', '暂缓'] as const;
/** 《重大行政决策程序暂行条例》第三条. */
export const MAJOR_DECISION_CATEGORIES = [
  '重大公共政策和措施',
  '重要规划',
  '重要资源开发利用政策',
  '重大公共建设项目',
  '其他重大事项',
] as const;
export const LEGALITY_OPINIONS = ['合法', '修改后合法', '不合法'] as const;
export const MAJOR_DECISION_STATUSES = ['已启动', '公众参与中', '审查中', '已决定', '已公布', '已归档'] as const;

/** 公众参与 comment period (条例第十五条), natural days. */
export const MIN_COMMENT_DAYS = 30;
/** 合法性审查 time (条例第二十六条第二款), working days. */
export const MIN_LEGAL_REVIEW_WORKDAYS = 7;

export const adviser = defineLedger({
  key: 'adviser',
  module: 'decision',
  label: '法律顾问名册',
  titleField: 'name',
  dateField: 'contractFrom',
  fields: {
    name: f.text('姓名', { required: true, list: true }),
    kind: f.enum('类别', ADVISER_KINDS, { required: true, list: true }),
    firm: f.text('律师事务所（工作单位）', { list: true, help: '例如：某某律师事务所' }),
    licenseNo: f.text('执业证号'),
    contractFrom: f.date('聘用（合同）起始日期', { required: true, list: true }),
    contractTo: f.date('聘用（合同）终止日期', { list: true }),
    fee: f.number('合同金额（万元）'),
    note: f.longtext('备注'),
  },
  rules: [rule.order('contractFrom', 'contractTo', '合同终止日期不能早于起始日期')],
});

export const adviserWork = defineLedger({
  key: 'adviser_work',
  module: 'decision',
  label: '法律顾问工作台账',
  titleField: 'matter',
  dateField: 'date',
  unitField: 'unitId',
  fields: {
    date: f.date('日期', { required: true, list: true }),
    adviserName: f.text('法律顾问', { required: true, list: true }),
    kind: f.enum('工作类别', ADVISER_WORK_KINDS, { required: true, list: true }),
    matter: f.text('事项', { required: true, list: true, help: '例如：某养老服务中心运营合同审查' }),
    reviewed: f.ref('审查或服务的对象', [(): LedgerRef => normdoc, (): LedgerRef => majorDecision, (): LedgerRef => collectiveDecision], {
      help: '审查的规范性文件、重大行政决策或“三重一大”事项（含合同）',
    }),
    count: f.int('件（次）数', { required: true, list: true, min: 1 }),
    unitId: f.unit('提请科室'),
    outcome: f.longtext('意见要点及采纳情况'),
  },
});

export const collectiveDecision = defineLedger({
  key: 'collective_decision',
  module: 'decision',
  label: '“三重一大”集体决策台账',
  titleField: 'matter',
  dateField: 'date',
  statusField: 'outcome',
  fields: {
    date: f.date('会议日期', { required: true, list: true }),
    meeting: f.enum('会议', COLLECTIVE_MEETINGS, { required: true, list: true }),
    session: f.text('会议届次', { help: '例如：2026年第3次局党组会议' }),
    kind: f.enum('事项类别', COLLECTIVE_KINDS, { required: true, list: true }),
    matter: f.text('议题', { required: true, list: true }),
    amount: f.number('涉及金额（万元）'),
    attendees: f.int('应到人数'),
    present: f.int('实到人数'),
    outcome: f.enum('决定结果', COLLECTIVE_OUTCOMES, { required: true, list: true }),
    adviserHeard: f.bool('听取法律顾问意见'),
    legalReviewRef: f.ref('合法性审查记录', (): LedgerRef => adviserWork, { help: '上会前的合法性审查（法律顾问工作台账）' }),
    minutes: f.longtext('会议纪要要点'),
  },
  rules: [rule.notMore('present', 'attendees', '实到人数不能多于应到人数')],
});

/** 公众参与 shorter than 30 days needs a stated reason (条例第十五条). */
function commentPeriod(d: RecordData): Issue | null {
  const a = d.participationFrom;
  const b = d.participationTo;
  if (typeof a !== 'string' || typeof b !== 'string' || b < a) return null;
  const days = daysBetween(a, b);
  if (days < MIN_COMMENT_DAYS && !isSet(d.urgencyReason)) {
    return { field: 'participationTo', message: `公众参与征求意见期限为${days}日，少于${MIN_COMMENT_DAYS}日的，应当填写缩短期限的理由` };
  }
  return null;
}

function notUnlawful(d: RecordData): Issue | null {
  return isSet(d.collectiveOn) && d.legalOpinion === '不合法'
    ? { field: 'collectiveOn', message: '合法性审查意见为“不合法”的决策草案，不得提交集体讨论' }
    : null;
}

function majorStatus(d: RecordData): (typeof MAJOR_DECISION_STATUSES)[number] {
  if (isSet(d.archivedOn)) return '已归档';
  if (isSet(d.publishedOn)) return '已公布';
  if (isSet(d.collectiveOn)) return '已决定';
  if (isSet(d.legalReviewOn)) return '审查中';
  if (isSet(d.participationFrom)) return '公众参与中';
  return '已启动';
}

export const majorDecision = defineLedger({
  key: 'major_decision',
  module: 'decision',
  label: '重大行政决策台账',
  titleField: 'title',
  dateField: 'startedOn',
  unitField: 'unitId',
  statusField: 'status',
  fields: {
    title: f.text('决策事项', { required: true, list: true }),
    category: f.enum('事项类别', MAJOR_DECISION_CATEGORIES, { required: true, list: true }),
    unitId: f.unit('承办科室', { list: true }),
    startedOn: f.date('决策启动日期', { required: true, list: true }),
    participationFrom: f.date('公众参与开始日期'),
    participationTo: f.date('公众参与截止日期'),
    urgencyReason: f.text('缩短征求意见期限的理由', { help: '征求意见少于30日时必填' }),
    hearingOn: f.date('听证会日期'),
    expertOn: f.date('专家论证日期'),
    riskOn: f.date('风险评估日期'),
    legalSubmittedOn: f.date('送请合法性审查日期', {
      help: '送审时应保证必要的审查时间，一般不少于7个工作日（条例第二十六条第二款）',
    }),
    legalReviewOn: f.date('合法性审查日期', { list: true, help: '负责合法性审查的部门提出审查意见的日期' }),
    legalOpinion: f.enum('合法性审查意见', LEGALITY_OPINIONS),
    legalReviewer: f.text('合法性审查机构（人员）', { help: '例如：局法规科、法律顾问某某' }),
    legalReviewRef: f.ref('合法性审查记录', (): LedgerRef => adviserWork, { help: '法律顾问工作台账中的审查记录' }),
    collectiveOn: f.date('集体讨论日期', { list: true }),
    meeting: f.text('集体讨论会议', { help: '例如：2026年第3次局党组会议' }),
    partyReportOn: f.date('向党委请示报告日期'),
    publishedOn: f.date('公布日期', { list: true }),
    archivedOn: f.date('归档日期'),
    status: f.enum('进度', MAJOR_DECISION_STATUSES, { help: '系统按已完成的程序自动填写' }),
    note: f.longtext('备注'),
  },
  rules: [
    rule.requires('participationTo', 'participationFrom', '请填写公众参与开始日期'),
    rule.order('startedOn', 'participationFrom', '公众参与开始日期不能早于决策启动日期'),
    rule.order('participationFrom', 'participationTo', '公众参与截止日期不能早于开始日期'),
    commentPeriod,
    rule.requires('legalReviewOn', 'legalOpinion', '已进行合法性审查的，请选择合法性审查意见'),
    rule.requires('legalOpinion', 'legalReviewOn', '请填写合法性审查日期'),
    rule.order('startedOn', 'legalReviewOn', '合法性审查日期不能早于决策启动日期'),
    rule.order('startedOn', 'legalSubmittedOn', '送请合法性审查日期不能早于决策启动日期'),
    rule.order('legalSubmittedOn', 'legalReviewOn', '合法性审查日期不能早于送请合法性审查日期'),
    rule.requires('collectiveOn', 'legalReviewOn', '未经合法性审查的决策草案不得提交集体讨论，请先填写合法性审查日期'),
    notUnlawful,
    rule.order('legalReviewOn', 'collectiveOn', '集体讨论日期不能早于合法性审查日期'),
    rule.order('participationTo', 'collectiveOn', '集体讨论日期不能早于公众参与截止日期'),
    rule.requires('publishedOn', 'collectiveOn', '未经集体讨论决定的决策不得公布，请先填写集体讨论日期'),
    rule.order('collectiveOn', 'publishedOn', '公布日期不能早于集体讨论日期'),
    rule.requires('archivedOn', 'collectiveOn', '决策尚未集体讨论决定，不能归档'),
    rule.order('collectiveOn', 'archivedOn', '归档日期不能早于集体讨论日期'),
  ],
  derive: (d) => ({ ...d, status: majorStatus(d) }),
});

registerLedgers([adviser, adviserWork, collectiveDecision, majorDecision]);
