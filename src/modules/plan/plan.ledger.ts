/**
 * 年度工作要点 / 工作任务台账 (numbered tasks tracked to done), 问题整改 (problems found and their
 * rectification, reported in the next annual report), and the 普法责任清单 (谁执法谁普法).
 */
import { defineLedger, rule } from '../../ledger/define.ts';
import { f, isSet, type LedgerRef, type RecordData } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';
import { adviserWork, collectiveDecision, majorDecision } from '../decision/decision.ledger.ts';
import { disclosureItem } from '../disclosure/disclosure.ledger.ts';
import { normdoc } from '../normdoc/normdoc.ledger.ts';
import { PUBLICITY_KEY_DATES } from '../publicity/key-dates.ts';
import { publicityActivity } from '../publicity/publicity.ledger.ts';
import { studySession } from '../study/study.ledger.ts';

/** Ledgers whose records can show that a plan task was done (named lazily: some import this file). */
const EVIDENCE_LEDGERS = [
  (): LedgerRef => studySession,
  (): LedgerRef => publicityActivity,
  (): LedgerRef => normdoc,
  (): LedgerRef => majorDecision,
  (): LedgerRef => collectiveDecision,
  (): LedgerRef => adviserWork,
  (): LedgerRef => disclosureItem,
];

export const TASK_STATUSES = ['未启动', '推进中', '已完成', '未完成', '已取消'] as const;
export const PROBLEM_SOURCES = ['上年度法治政府建设报告', '督察', '考核', '巡察', '审计', '执法监督', '自查', '群众反映', '其他'] as const;
export const PROBLEM_STATUSES = ['未整改', '整改中', '已整改'] as const;
export const DUTY_AUDIENCES = [
  '社会公众',
  '民政服务对象',
  '困难群众',
  '老年人',
  '未成年人及监护人',
  '残疾人',
  '婚姻登记当事人',
  '社会组织',
  '养老机构',
  '殡葬服务机构',
  '村（居）委会',
  '行政相对人',
  '民政干部职工',
] as const;
export const DUTY_METHODS = [
  '主题宣传活动',
  '政策解读',
  '窗口宣传',
  '现场咨询',
  '发放宣传资料',
  '以案释法',
  '执法办案中普法',
  '进校园',
  '进社区',
  '进村居',
  '新媒体宣传',
  '法治讲座',
  '培训',
] as const;
export const DUTY_STATUSES = ['有效', '已移出'] as const;

export const planTask = defineLedger({
  key: 'plan_task',
  module: 'plan',
  label: '工作任务台账',
  titleField: 'content',
  yearField: 'year',
  unitField: 'leadUnit',
  statusField: 'status',
  fields: {
    year: f.int('年度', { required: true, list: true, min: 2000, max: 2100 }),
    plan: f.text('所属计划', { help: '例如：2026年普法依法治理工作要点' }),
    no: f.int('序号', { list: true, min: 1 }),
    heading: f.text('所属部分', { list: true, help: '例如：一、依法行政工作（一）强化统筹协调' }),
    content: f.longtext('任务内容', { required: true, list: true }),
    leadUnit: f.unit('牵头科室', { list: true }),
    assistUnits: f.text('配合科室', { help: '多个科室用顿号分隔' }),
    deadline: f.date('完成时限', { list: true }),
    target: f.text('量化指标', { help: '例如：掌上执法率达到95%' }),
    status: f.enum('完成情况', TASK_STATUSES, { required: true, list: true }),
    progress: f.longtext('推进情况'),
    completedOn: f.date('完成日期', { list: true }),
    evidence: f.refs('完成佐证记录', EVIDENCE_LEDGERS, {
      onDelete: 'unlink',
      reason: '佐证记录被删除时，任务仍在，只是少了一条佐证；不应因此阻止删除',
      help: '完成这项任务的台账记录，例如学法活动、宣传活动、规范性文件',
    }),
  },
  rules: [
    (d: RecordData) =>
      d.status === '已完成' && !isSet(d.completedOn) ? { field: 'completedOn', message: '完成情况为“已完成”的，请填写完成日期' } : null,
    (d: RecordData) =>
      d.status !== '已完成' && isSet(d.completedOn) ? { field: 'status', message: '已填写完成日期的任务，完成情况应为“已完成”' } : null,
  ],
});

export const problem = defineLedger({
  key: 'problem',
  module: 'plan',
  label: '问题整改台账',
  titleField: 'description',
  yearField: 'year',
  unitField: 'unitId',
  statusField: 'status',
  fields: {
    year: f.int('整改年度', {
      required: true,
      list: true,
      min: 2000,
      max: 2100,
      help: '在哪一年整改并报告，例如2023年度报告提出的问题填2024',
    }),
    foundYear: f.int('发现年度', { list: true, min: 2000, max: 2100 }),
    foundOn: f.date('发现日期', { help: '检查、督察、自查等发现问题的日期；报告按发现先后列出问题' }),
    source: f.enum('问题来源', PROBLEM_SOURCES, { required: true, list: true }),
    description: f.longtext('问题描述', { required: true, list: true }),
    cause: f.longtext('原因分析'),
    measures: f.longtext('整改措施'),
    unitId: f.unit('责任科室', { list: true }),
    dueDate: f.date('整改时限'),
    status: f.enum('整改状态', PROBLEM_STATUSES, { required: true, list: true }),
    rectifiedOn: f.date('整改完成日期', { list: true }),
    effect: f.longtext('整改成效'),
    carriedFrom: f.ref('上年度同一问题', (): LedgerRef => problem, {
      onDelete: 'unlink',
      reason: '上年度的问题记录删除后，本年度的整改记录仍然有效',
      help: '延续整改的，选择上年度报告中的同一问题',
    }),
  },
  rules: [
    rule.notMore('foundYear', 'year', '发现年度不能晚于整改年度'),
    (d: RecordData) =>
      isSet(d.foundOn) && isSet(d.foundYear) && String(d.foundOn).slice(0, 4) !== String(d.foundYear)
        ? { field: 'foundOn', message: '发现日期应在发现年度内' }
        : null,
    (d: RecordData) =>
      d.status === '已整改' && !isSet(d.rectifiedOn) ? { field: 'rectifiedOn', message: '整改状态为“已整改”的，请填写整改完成日期' } : null,
    (d: RecordData) =>
      d.status !== '已整改' && isSet(d.rectifiedOn) ? { field: 'status', message: '已填写整改完成日期的，整改状态应为“已整改”' } : null,
  ],
});

export const dutyItem = defineLedger({
  key: 'duty_item',
  module: 'plan',
  label: '普法责任清单',
  titleField: 'law',
  dateField: 'listedOn',
  unitField: 'unitId',
  statusField: 'status',
  fields: {
    law: f.text('法律法规', { required: true, list: true, help: '例如：《中华人民共和国民法典》婚姻家庭编', citesLaws: true }),
    unitId: f.unit('责任科室', { list: true }),
    audience: f.tags('普法对象', DUTY_AUDIENCES, { list: true }),
    methods: f.tags('普法方式', DUTY_METHODS),
    keyDates: f.tags('重要时间节点', PUBLICITY_KEY_DATES),
    content: f.longtext('普法重点内容'),
    listedOn: f.date('列入清单日期', { required: true }),
    removedOn: f.date('移出清单日期'),
    status: f.enum('状态', DUTY_STATUSES, { help: '系统按移出日期自动填写' }),
  },
  rules: [rule.order('listedOn', 'removedOn', '移出清单日期不能早于列入日期')],
  derive: (d) => ({ ...d, status: isSet(d.removedOn) ? '已移出' : '有效' }),
});

registerLedgers([planTask, problem, dutyItem]);
