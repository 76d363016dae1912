/**
 * The demo's law library: the catalogue facts (title, category, 制定机关, 公布 and 施行 dates of the
 * version in force) of the laws and regulations a county 民政局 enforces, publicises or is bound by
 * in its rule-of-law work. Only facts that the official texts state: the dates of each version come
 * from its history lines and commencement clause (cross-checked against the texts in
 * ../shared/laws by test/demo-laws.test.ts where a text is there). No article text is generated:
 * `fazhi demo --laws DIR` imports the real texts, which then fill these entries.
 *
 * Left out on purpose: 婚姻登记条例 and 中国公民收养子女登记办法, whose current versions' dates the
 * project could not confirm from a text it holds.
 */
import type { DataOf } from '../ledger/define.ts';
import { lawLedger } from '../modules/law/law.ledger.ts';
import { relevanceOf } from '../modules/law/law.service.ts';
import { generator, registerGenerators, type ValueIn } from './generators.ts';

type Entry = readonly [
  title: string,
  category: ValueIn<typeof lawLedger, 'category'>,
  issuer: string,
  promulgatedOn: string,
  effectiveOn: string,
];

const NPC = '全国人民代表大会';
const NPCSC = '全国人民代表大会常务委员会';
const SC = '国务院';

/** The version in force of each law: 公布 = the latest adoption (通过/修正/修订), 施行 = when it took effect. */
export const DEMO_LAWS: readonly Entry[] = [
  ['中华人民共和国宪法', '宪法', NPC, '2018-03-11', '2018-03-11'],
  ['中华人民共和国国家安全法', '宪法相关法', NPCSC, '2015-07-01', '2015-07-01'],
  ['中华人民共和国城市居民委员会组织法', '宪法相关法', NPCSC, '2018-12-29', '2018-12-29'],
  ['中华人民共和国村民委员会组织法', '宪法相关法', NPCSC, '2018-12-29', '2018-12-29'],
  ['中华人民共和国民法典', '民法典', NPC, '2020-05-28', '2021-01-01'],
  ['中华人民共和国老年人权益保障法', '社会法', NPCSC, '2018-12-29', '2018-12-29'],
  ['中华人民共和国未成年人保护法', '社会法', NPCSC, '2024-04-26', '2024-04-26'],
  ['中华人民共和国残疾人保障法', '社会法', NPCSC, '2018-10-26', '2018-10-26'],
  ['中华人民共和国妇女权益保障法', '社会法', NPCSC, '2022-10-30', '2023-01-01'],
  ['中华人民共和国反家庭暴力法', '社会法', NPCSC, '2015-12-27', '2016-03-01'],
  ['中华人民共和国慈善法', '社会法', NPCSC, '2023-12-29', '2024-09-05'],
  ['中华人民共和国行政处罚法', '行政法', NPCSC, '2021-01-22', '2021-07-15'],
  ['中华人民共和国行政许可法', '行政法', NPCSC, '2019-04-23', '2019-04-23'],
  ['中华人民共和国行政强制法', '行政法', NPCSC, '2011-06-30', '2012-01-01'],
  ['中华人民共和国行政复议法', '诉讼与非诉讼程序法', NPCSC, '2023-09-01', '2024-01-01'],
  ['中华人民共和国行政诉讼法', '诉讼与非诉讼程序法', NPCSC, '2017-06-27', '2017-07-01'],
  ['中华人民共和国政府信息公开条例', '行政法规', SC, '2019-04-03', '2019-05-15'],
  ['重大行政决策程序暂行条例', '行政法规', SC, '2019-04-20', '2019-09-01'],
  ['社会救助暂行办法', '行政法规', SC, '2019-03-02', '2019-03-02'],
  ['殡葬管理条例', '行政法规', SC, '2012-11-09', '2013-01-01'],
  ['社会团体登记管理条例', '行政法规', SC, '2016-02-06', '2016-02-06'],
  ['基金会管理条例', '行政法规', SC, '2004-03-08', '2004-06-01'],
  ['民办非企业单位登记管理暂行条例', '行政法规', SC, '1998-10-25', '1998-10-25'],
  ['地名管理条例', '行政法规', SC, '2022-03-30', '2022-05-01'],
  ['全国年节及纪念日放假办法', '行政法规', SC, '2024-11-10', '2025-01-01'],
];

const lawRows = generator(lawLedger, () =>
  DEMO_LAWS.map(
    ([title, category, issuer, promulgatedOn, effectiveOn]): DataOf<typeof lawLedger> => ({
      title,
      category,
      issuer,
      promulgatedOn,
      effectiveOn,
      status: '现行有效',
      relevance: relevanceOf(title) as DataOf<typeof lawLedger>['relevance'],
      note: '演示目录：名称、制定机关和日期按法规文本核对；全文可用 fazhi demo --laws <文件夹> 导入',
    }),
  ),
);

registerGenerators([lawRows]);
