/**
 * 普法宣传: activities (with the key date, venue and materials handed out by kind, so a report can say
 * "发放宣传单及宣传册3700余份") and 以案释法 records.
 */
import { defineLedger } from '../../ledger/define.ts';
import { f, type LedgerRef, type RecordData } from '../../ledger/field.ts';
import { registerLedgers } from '../../ledger/registry.ts';
// plan.ledger.ts imports this file too: the reference names dutyItem lazily (a function), not at load.
import { dutyItem } from '../plan/plan.ledger.ts';
import { BUSINESS_DOMAINS } from '../results/results.ledger.ts';
import { PUBLICITY_KEY_DATES } from './key-dates.ts';

export { PUBLICITY_KEY_DATES } from './key-dates.ts';

export const VENUE_TYPES = [
  '进校园',
  '进社区',
  '进村居',
  '进机关',
  '进企业',
  '进社会组织',
  '进养老机构',
  '服务窗口',
  '公共场所',
  '线上',
  '其他',
] as const;
/** Venue types a report sums as 进校园、进社区 activities. */
export const CAMPUS_COMMUNITY_VENUES: readonly (typeof VENUE_TYPES)[number][] = ['进校园', '进社区', '进村居'];

export const PUBLICITY_FORMS = [
  '集中宣传',
  '现场咨询',
  '法治讲座',
  '发放宣传资料',
  '悬挂标语',
  '张贴海报',
  '展板展示',
  '新媒体推送',
  '播放宣传片',
  '知识竞赛',
  '文艺演出',
  '宪法宣誓',
  '倡议书',
  '其他',
] as const;

export const CASE_TEACHING_FORMS = [
  '案例发布',
  '以案说法讲座',
  '旁听庭审',
  '执法办案中释法',
  '新媒体推送',
  '编印案例汇编',
  '其他',
] as const;

/** Materials handed out, by kind: field name → label and counting word. Figures and forms read this. */
export const MATERIAL_KINDS = {
  matGifts: { label: '宣传品', unit: '件次', figure: 'publicity.mat_gifts' },
  matBanners: { label: '标语条幅', unit: '条', figure: 'publicity.mat_banners' },
  matPosters: { label: '海报', unit: '张', figure: 'publicity.mat_posters' },
  matLeaflets: { label: '宣传单及宣传册', unit: '份', figure: 'publicity.mat_leaflets' },
  matHandbooks: { label: '宣传手册', unit: '本', figure: 'publicity.mat_handbooks' },
  matBoards: { label: '展板', unit: '个', figure: 'publicity.mat_boards' },
  matVideos: { label: '电子宣传片', unit: '个', figure: 'publicity.mat_videos' },
} as const;
export type MaterialField = keyof typeof MATERIAL_KINDS;
export const MATERIAL_FIELDS = Object.keys(MATERIAL_KINDS) as MaterialField[];

const material = (k: MaterialField) => f.int(`${MATERIAL_KINDS[k].label}（${MATERIAL_KINDS[k].unit}）`);
const materialFields = {
  matGifts: material('matGifts'),
  matBanners: material('matBanners'),
  matPosters: material('matPosters'),
  matLeaflets: material('matLeaflets'),
  matHandbooks: material('matHandbooks'),
  matBoards: material('matBoards'),
  matVideos: material('matVideos'),
} satisfies Record<MaterialField, unknown>;

const materialsTotal = (d: RecordData): number =>
  MATERIAL_FIELDS.reduce((s, k) => s + (typeof d[k] === 'number' ? (d[k] as number) : 0), 0);

export const publicityActivity = defineLedger({
  key: 'publicity_activity',
  module: 'publicity',
  label: '普法宣传活动台账',
  titleField: 'theme',
  dateField: 'date',
  unitField: 'unitId',
  fields: {
    date: f.date('活动日期', { required: true, list: true }),
    theme: f.text('活动主题', { required: true, list: true, help: '例如：“美好生活·民法典相伴”主题宣传' }),
    keyDate: f.enum('宣传节点', PUBLICITY_KEY_DATES, { required: true, list: true }),
    laws: f.text('宣传的法律法规', { help: '多部用顿号分隔', citesLaws: true }),
    dutyItems: f.refs('落实的普法责任清单事项', (): LedgerRef => dutyItem, { help: '本次活动宣传的是普法责任清单中的哪些事项' }),
    venueType: f.enum('活动场所类型', VENUE_TYPES, { required: true, list: true }),
    place: f.text('具体地点', { help: '例如：婚姻登记处大厅、某社区广场' }),
    forms: f.tags('活动形式', PUBLICITY_FORMS),
    unitId: f.unit('组织科室', { list: true }),
    audience: f.int('受众人数', { list: true }),
    consultations: f.int('解答咨询（人次）', { list: true }),
    ...materialFields,
    materialsTotal: f.int('发放宣传资料合计', { help: '系统按各类宣传资料自动合计' }),
    note: f.longtext('活动情况'),
  },
  derive: (d) => ({ ...d, materialsTotal: materialsTotal(d) }),
});

export const caseTeaching = defineLedger({
  key: 'case_teaching',
  module: 'publicity',
  label: '以案释法台账',
  titleField: 'caseName',
  dateField: 'date',
  unitField: 'unitId',
  fields: {
    date: f.date('日期', { required: true, list: true }),
    caseName: f.text('案例名称', { required: true, list: true }),
    domain: f.enum('业务领域', BUSINESS_DOMAINS, { list: true }),
    form: f.enum('释法形式', CASE_TEACHING_FORMS, { required: true, list: true }),
    laws: f.text('涉及的法律法规', { citesLaws: true }),
    audience: f.int('受众人数', { list: true }),
    unitId: f.unit('组织科室'),
    summary: f.longtext('案情及释法要点'),
  },
});

registerLedgers([publicityActivity, caseTeaching]);
