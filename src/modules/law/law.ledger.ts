/**
 * 法律法规库: one record per law and version a bureau imported. The record holds the catalogue data;
 * the parsed text (chapters and articles) is kept as a JSON attachment of the record (law.service.ts),
 * because a law is far longer than any record field may be.
 */
import { defineLedger } from '../../ledger/define.ts';
import { f } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';

export const LAW_CATEGORIES = [
  '宪法',
  '宪法相关法',
  '民法典',
  '社会法',
  '行政法',
  '行政法规',
  '诉讼与非诉讼程序法',
  '部门规章',
  '地方性法规',
  '其他',
] as const;

export const LAW_STATUSES = ['现行有效', '已修改', '已废止'] as const;

export const LAW_RELEVANCE = [
  '社会救助',
  '养老服务',
  '婚姻登记',
  '殡葬管理',
  '社会组织',
  '儿童福利',
  '地名区划',
  '慈善社工',
  '综合',
] as const;

export const lawLedger = defineLedger({
  key: 'law',
  module: 'law',
  label: '法律法规库',
  titleField: 'title',
  dateField: 'effectiveOn',
  statusField: 'status',
  fields: {
    title: f.text('法规名称', { required: true, list: true }),
    category: f.enum('类别', LAW_CATEGORIES, { required: true, list: true }),
    issuer: f.text('制定机关', { list: true }),
    promulgatedOn: f.date('公布日期'),
    effectiveOn: f.date('施行日期', { list: true, help: '本版本开始施行的日期；导入时从文本的修改沿革中推定，请核对' }),
    status: f.enum('时效性', LAW_STATUSES, { required: true, list: true }),
    articleCount: f.int('条文数', { list: true }),
    relevance: f.tags('相关业务', LAW_RELEVANCE, { list: true }),
    sourceFile: f.text('来源文件'),
    note: f.longtext('备注'),
  },
});

registerLedgers([lawLedger]);
