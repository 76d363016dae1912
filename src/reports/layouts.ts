/**
 * The section layouts of the 法治政府建设年度报告. The statutory one follows 《法治政府建设与责任落实督察
 * 工作规定》 (厅字〔2019〕28号) 第二十四条 and is the default; some places ask for a local one (seed 004:
 * 举措 → 第一责任人 → 上年度问题整改 → 不足 → 下一年度), which a bureau may choose as its setting.
 */
export const ANNUAL_LAYOUTS = {
  statutory: {
    label: '法定结构（厅字〔2019〕28号：举措和成效、不足和原因、第一责任人、下一年度安排、其他情况）',
    keys: ['measures', 'shortcomings', 'first-responsible', 'next-year', 'other'],
  },
  local: {
    label: '本地结构（举措和成效、第一责任人、上年度问题整改、不足和原因、下一年度安排）',
    keys: ['measures', 'first-responsible', 'rectification', 'shortcomings', 'next-year'],
  },
} as const;

export type AnnualLayout = keyof typeof ANNUAL_LAYOUTS;
export const ANNUAL_LAYOUT_KEYS = Object.keys(ANNUAL_LAYOUTS) as AnnualLayout[];
export const DEFAULT_ANNUAL_LAYOUT: AnnualLayout = 'statutory';
export const SETTING_ANNUAL_LAYOUT = 'report.annual_layout';

export const isAnnualLayout = (v: unknown): v is AnnualLayout => typeof v === 'string' && v in ANNUAL_LAYOUTS;

/** Whether sections come in one of the layouts, in its order. */
export function matchesAnnualLayout(keys: readonly string[]): boolean {
  return Object.values(ANNUAL_LAYOUTS).some((l) => l.keys.join(',') === keys.join(','));
}
