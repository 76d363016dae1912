/** The report kinds, one template file each. */
import type { Template } from '../builder.ts';
import { annualReport } from './annual-report.ts';
import { disclosureReport } from './disclosure-report.ts';
import { nextPlan } from './next-plan.ts';
import { selfInspection } from './self-inspection.ts';
import { workSummary } from './work-summary.ts';

export const TEMPLATES: readonly Template[] = [annualReport, selfInspection, workSummary, nextPlan, disclosureReport];

export const REPORT_KINDS = ['annual-report', 'self-inspection', 'work-summary', 'next-plan', 'disclosure-report'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export function templateOf(kind: string): Template | undefined {
  return TEMPLATES.find((t) => t.kind === kind);
}
