/**
 * 行政规范性文件: the life of each document (征求意见 → 合法性审核 → 集体审议 → 公布 → 施行 → 备案 →
 * 有效期届满评估) and the periodic 清理. The gates follow 国办发〔2018〕37号/115号: no 集体审议 before
 * 合法性审核, no 公布 before 集体审议; an unpublished document is never 有效.
 */
import { defineLedger, type Issue, rule } from '../../ledger/define.ts';
import { f, isSet, type RecordData } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';
import { addMonths } from '../../util/time.ts';

export const NORMDOC_STATUSES = ['起草中', '有效', '已修改', '已废止', '已失效'] as const;
export const NORMDOC_REVIEW_OPINIONS = ['合法', '修改后合法', '不合法'] as const;
export const CLEANUP_KINDS = ['定期清理', '专项清理', '动态清理'] as const;
/** Months before 有效期至 by which the document is evaluated (continue, revise or repeal). */
export const EXPIRY_REVIEW_MONTHS = 6;
export const EXPIRY_REVIEW_RESULTS = ['继续有效', '修改', '废止', '到期失效'] as const;

/** 文号 per GB/T 9704-2012 7.2.4: 机关代字 + 年份 in 六角括号〔〕 + 序号 without leading zero + 号. */
export const DOC_NO_RE = /^[\u4e00-\u9fa5A-Za-z]{1,20}〔(\d{4})〕([1-9]\d{0,4})号$/;
export const DOC_NO_MESSAGE = '文号格式应为“机关代字〔年份〕序号号”，例如：某民发〔2026〕5号（年份用六角括号〔〕，序号不编虚位）';

function docNo(d: RecordData): Issue | null {
  const no = d.docNo;
  if (typeof no !== 'string' || no === '') return null;
  const m = DOC_NO_RE.exec(no);
  if (!m) return { field: 'docNo', message: DOC_NO_MESSAGE };
  if (typeof d.publishedOn === 'string' && d.publishedOn.slice(0, 4) !== m[1]) {
    return { field: 'docNo', message: `文号中的年份${m[1]}与公布日期的年份${d.publishedOn.slice(0, 4)}不一致` };
  }
  return null;
}

function publishedBeforeInForce(d: RecordData): Issue | null {
  if (d.status !== '起草中' && !isSet(d.publishedOn)) {
    return { field: 'status', message: '文件尚未公布，状态只能为“起草中”；未经公布的规范性文件不得作为行政管理依据' };
  }
  if (d.status === '起草中' && isSet(d.publishedOn)) return { field: 'status', message: '已公布的文件，状态不能为“起草中”' };
  return null;
}

function notUnlawful(d: RecordData): Issue | null {
  return isSet(d.deliberatedOn) && d.legalOpinion === '不合法'
    ? { field: 'deliberatedOn', message: '合法性审核意见为“不合法”的文件草案，不得提交集体审议' }
    : null;
}

export const normdoc = defineLedger({
  key: 'normdoc',
  module: 'normdoc',
  label: '行政规范性文件台账',
  titleField: 'title',
  dateField: 'publishedOn',
  unitField: 'unitId',
  statusField: 'status',
  fields: {
    docNo: f.text('文号', { list: true, help: '例如：某民发〔2026〕5号；公布前可暂不填写' }),
    title: f.text('文件名称', { required: true, list: true }),
    unitId: f.unit('起草科室', { list: true }),
    commentFrom: f.date('征求意见开始日期'),
    commentTo: f.date('征求意见截止日期'),
    legalReviewOn: f.date('合法性审核日期', { list: true }),
    legalOpinion: f.enum('合法性审核意见', NORMDOC_REVIEW_OPINIONS),
    deliberatedOn: f.date('集体审议日期', { list: true }),
    meeting: f.text('集体审议会议', { help: '例如：2026年第3次局党组会议' }),
    publishedOn: f.date('公布日期', { list: true }),
    effectiveOn: f.date('施行日期'),
    validUntil: f.date('有效期至', { list: true }),
    filedOn: f.date('备案日期', { list: true }),
    filedWith: f.text('备案机关', { help: '例如：县人民政府（县司法局）' }),
    status: f.enum('效力状态', NORMDOC_STATUSES, { required: true, list: true }),
    expiryReviewDue: f.date('有效期届满评估截止日期', { help: '系统按有效期至前6个月自动计算' }),
    expiryReviewedOn: f.date('有效期届满评估日期'),
    expiryReviewResult: f.enum('评估结论', EXPIRY_REVIEW_RESULTS),
    changedOn: f.date('修改、废止或失效日期'),
    note: f.longtext('备注'),
  },
  rules: [
    docNo,
    rule.order('commentFrom', 'commentTo', '征求意见截止日期不能早于开始日期'),
    rule.requires('commentTo', 'commentFrom', '请填写征求意见开始日期'),
    rule.requires('legalReviewOn', 'legalOpinion', '已进行合法性审核的，请选择合法性审核意见'),
    rule.requires('legalOpinion', 'legalReviewOn', '请填写合法性审核日期'),
    rule.requires('deliberatedOn', 'legalReviewOn', '未经合法性审核的文件不得提交集体审议，请先填写合法性审核日期'),
    notUnlawful,
    rule.order('legalReviewOn', 'deliberatedOn', '集体审议日期不能早于合法性审核日期'),
    rule.requires('publishedOn', 'deliberatedOn', '未经集体审议的文件不得公布，请先填写集体审议日期'),
    rule.order('deliberatedOn', 'publishedOn', '公布日期不能早于集体审议日期'),
    rule.requires('publishedOn', 'docNo', '公布的文件应统一编号，请填写文号'),
    rule.order('publishedOn', 'effectiveOn', '施行日期不能早于公布日期'),
    rule.order('effectiveOn', 'validUntil', '有效期至不能早于施行日期'),
    rule.order('publishedOn', 'validUntil', '有效期至不能早于公布日期'),
    rule.requires('filedOn', 'publishedOn', '文件尚未公布，不能备案'),
    rule.order('publishedOn', 'filedOn', '备案日期不能早于公布日期'),
    publishedBeforeInForce,
    rule.requires('expiryReviewResult', 'expiryReviewedOn', '请填写有效期届满评估日期'),
    rule.order('publishedOn', 'changedOn', '修改、废止或失效日期不能早于公布日期'),
  ],
  derive: (d) => ({
    ...d,
    expiryReviewDue: typeof d.validUntil === 'string' && d.validUntil !== '' ? addMonths(d.validUntil, -EXPIRY_REVIEW_MONTHS) : null,
  }),
});

function cleanupCounts(d: RecordData): Issue | null {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const parts = n(d.kept) + n(d.amended) + n(d.repealed) + n(d.expired);
  return typeof d.reviewed === 'number' && parts > d.reviewed
    ? { field: 'reviewed', message: `保留、修改、废止、宣布失效的件数合计${parts}件，多于清理文件总数${d.reviewed}件` }
    : null;
}

export const normdocCleanup = defineLedger({
  key: 'normdoc_cleanup',
  module: 'normdoc',
  label: '规范性文件清理台账',
  titleField: 'scope',
  dateField: 'date',
  fields: {
    date: f.date('清理完成日期', { required: true, list: true }),
    kind: f.enum('清理类别', CLEANUP_KINDS, { required: true, list: true }),
    scope: f.text('清理范围', { required: true, list: true, help: '例如：2026年以前制发的现行有效规范性文件' }),
    reviewed: f.int('清理文件总数（件）', { required: true, list: true }),
    kept: f.int('保留（件）', { list: true }),
    amended: f.int('修改（件）', { list: true }),
    repealed: f.int('废止（件）', { list: true }),
    expired: f.int('宣布失效（件）'),
    publishedOn: f.date('清理结果公布日期'),
    note: f.longtext('说明'),
  },
  rules: [cleanupCounts, rule.order('date', 'publishedOn', '清理结果公布日期不能早于清理完成日期')],
});

registerLedgers([normdoc, normdocCleanup]);
