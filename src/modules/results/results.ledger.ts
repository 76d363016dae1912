/** 工作成效: results in the bureau's business areas that a report quotes (注销僵尸型社会组织11家). */
import { defineLedger } from '../../ledger/define.ts';
import { f } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';

/** The bureau's business areas (民政业务领域). */
export const BUSINESS_DOMAINS = [
  '社会组织管理',
  '社会救助',
  '养老服务',
  '儿童福利和未成年人保护',
  '婚姻登记',
  '殡葬管理',
  '区划地名和界线管理',
  '基层政权和社区治理',
  '慈善事业和社会工作',
  '残疾人福利',
  '社会事务',
  '综合',
  '其他',
] as const;

export const result = defineLedger({
  key: 'result',
  module: 'results',
  label: '工作成效台账',
  titleField: 'description',
  dateField: 'date',
  unitField: 'unitId',
  fields: {
    date: f.date('日期', { required: true, list: true, help: '成效取得或统计截止的日期' }),
    domain: f.enum('业务领域', BUSINESS_DOMAINS, { required: true, list: true }),
    description: f.text('成效内容', { required: true, list: true, help: '例如：注销“僵尸型”社会组织' }),
    quantity: f.number('数量', { list: true }),
    countUnit: f.text('计量单位', { list: true, help: '例如：家、名、件' }),
    unitId: f.unit('责任科室'),
    basis: f.text('依据', { help: '例如：《社会团体登记管理条例》' }),
    note: f.longtext('说明'),
  },
});

registerLedgers([result]);
