/**
 * 普法宣传 figures: activities, audience, and materials handed out by kind ("八五普法以来" totals are
 * the same figures counted since 2021, see reports/since2021.ts).
 */
import { defineFigures, type FigureDecl } from '../../figures/define.ts';
import { CAMPUS_COMMUNITY_VENUES, MATERIAL_FIELDS, MATERIAL_KINDS } from './publicity.ledger.ts';

const materials: FigureDecl[] = MATERIAL_FIELDS.map((field): FigureDecl => {
  const m = MATERIAL_KINDS[field];
  return {
    key: m.figure,
    module: 'publicity',
    label: `发放${m.label}数量`,
    unit: m.unit,
    kind: 'sum',
    ledger: 'publicity_activity',
    field,
  };
});

defineFigures([
  { key: 'publicity.activities', module: 'publicity', label: '普法宣传活动场次', unit: '场', kind: 'count', ledger: 'publicity_activity' },
  {
    key: 'publicity.audience',
    module: 'publicity',
    label: '普法宣传受众人数',
    unit: '人次',
    kind: 'sum',
    ledger: 'publicity_activity',
    field: 'audience',
  },
  {
    key: 'publicity.consultations',
    module: 'publicity',
    label: '解答群众咨询人次',
    unit: '人次',
    kind: 'sum',
    ledger: 'publicity_activity',
    field: 'consultations',
  },
  {
    key: 'publicity.campus_community',
    module: 'publicity',
    label: '进校园、进社区（村居）普法活动场次',
    unit: '场',
    kind: 'count',
    ledger: 'publicity_activity',
    where: (d) => typeof d.venueType === 'string' && CAMPUS_COMMUNITY_VENUES.includes(d.venueType),
  },
  {
    key: 'publicity.materials',
    module: 'publicity',
    label: '发放宣传资料合计',
    unit: '份（件）',
    kind: 'sum',
    ledger: 'publicity_activity',
    field: 'materialsTotal',
  },
  ...materials,
  {
    key: 'publicity.by_theme',
    module: 'publicity',
    label: '普法宣传活动场次（按宣传节点）',
    unit: '场',
    kind: 'group',
    ledger: 'publicity_activity',
    groupBy: 'keyDate',
  },
  { key: 'publicity.case_teachings', module: 'publicity', label: '以案释法次数', unit: '次', kind: 'count', ledger: 'case_teaching' },
  {
    key: 'publicity.duty_items',
    module: 'publicity',
    label: '普法责任清单事项数',
    unit: '项',
    kind: 'count',
    span: 'to-date',
    ledger: 'duty_item',
    where: (d) => !d.removedOn,
  },
]);
