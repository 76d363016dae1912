/**
 * 普法宣传 figures: activities, audience, and materials handed out by kind ("八五普法以来" totals are
 * the same figures counted since 2021, see figures/define.ts).
 */
import { defineFigures, figure } from '../../figures/define.ts';
import { dutyItem } from '../plan/plan.ledger.ts';
import {
  CAMPUS_COMMUNITY_VENUES,
  caseTeaching,
  MATERIAL_FIELDS,
  MATERIAL_KINDS,
  type MaterialField,
  publicityActivity,
} from './publicity.ledger.ts';

const materials = MATERIAL_FIELDS.map((field) => {
  const m = MATERIAL_KINDS[field];
  return figure.sum(publicityActivity, { key: m.figure, label: `发放${m.label}数量`, unit: m.unit, field });
});

defineFigures([
  figure.count(publicityActivity, { key: 'publicity.activities', label: '普法宣传活动场次', unit: '场' }),
  figure.sum(publicityActivity, { key: 'publicity.audience', label: '普法宣传受众人数', unit: '人次', field: 'audience' }),
  figure.sum(publicityActivity, { key: 'publicity.consultations', label: '解答群众咨询人次', unit: '人次', field: 'consultations' }),
  figure.count(publicityActivity, {
    key: 'publicity.campus_community',
    label: '进校园、进社区（村居）普法活动场次',
    unit: '场',
    where: (w) => w.in('venueType', CAMPUS_COMMUNITY_VENUES),
  }),
  figure.sum(publicityActivity, { key: 'publicity.materials', label: '发放宣传资料合计', unit: '份（件）', field: 'materialsTotal' }),
  ...materials,
  figure.group(publicityActivity, { key: 'publicity.by_theme', label: '普法宣传活动场次（按宣传节点）', unit: '场', groupBy: 'keyDate' }),
  figure.count(caseTeaching, { key: 'publicity.case_teachings', label: '以案释法次数', unit: '次' }),
  figure.count(dutyItem, {
    key: 'publicity.duty_items',
    module: 'publicity',
    label: '普法责任清单事项数',
    unit: '项',
    span: 'to-date',
    where: (w) => w.not(w.set('removedOn')),
  }),
]);

/** The figure of one kind of material per activity (by 活动主题): "发放《宪法》宣传手册100本" of one activity. */
export const materialByActivityKey = (field: MaterialField): string => `${MATERIAL_KINDS[field].figure}_by_activity`;

defineFigures(
  MATERIAL_FIELDS.map((field) =>
    figure.group(publicityActivity, {
      key: materialByActivityKey(field),
      label: `发放${MATERIAL_KINDS[field].label}数量（按活动主题）`,
      unit: MATERIAL_KINDS[field].unit,
      groupBy: 'theme',
      field,
      where: (w) => w.range(field, { gt: 0 }),
    }),
  ),
);
