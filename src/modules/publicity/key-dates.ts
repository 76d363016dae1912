/**
 * The 普法 and 民政 key dates activities are tied to. Kept apart from the ledgers that use them
 * (宣传活动, 普法责任清单), which reference each other: a plain list with no imports breaks the cycle.
 */
/** 普法 and 民政 key dates (RULES.md §11); '日常宣传' for activities tied to no date. */
export const PUBLICITY_KEY_DATES = [
  '宪法宣传周',
  '国家宪法日',
  '民法典宣传月',
  '全民国家安全教育日',
  '未成年人保护宣传月',
  '儿童节',
  '社会工作宣传周',
  '国际社工日',
  '清明节',
  '520婚姻登记',
  '七夕节',
  '中华慈善日',
  '全国助残日',
  '国际残疾人日',
  '老年节',
  '国际老年人日',
  '国际家庭日',
  '国际禁毒日',
  '防范非法集资宣传月',
  '全国防灾减灾日',
  '国际志愿者日',
  '法律施行日',
  '其他节点',
  '日常宣传',
] as const;
