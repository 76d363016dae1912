/** A bureau's report settings: the layout of its annual report. Audited with the change. */
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { findSetting, upsertSetting } from '../org/setting.repo.ts';
import { nowIso } from '../util/time.ts';
import {
  ANNUAL_LAYOUT_KEYS,
  ANNUAL_LAYOUTS,
  type AnnualLayout,
  DEFAULT_ANNUAL_LAYOUT,
  isAnnualLayout,
  SETTING_ANNUAL_LAYOUT,
} from './layouts.ts';
import { MSG } from './messages.ts';

export type ReportSettings = { annualLayout: AnnualLayout; layouts: Array<{ key: AnnualLayout; label: string }> };

/** The layout a bureau chose for its annual report (the statutory one unless it chose another). */
export async function annualLayoutOf(db: Db, orgId: string): Promise<AnnualLayout> {
  const row = await findSetting(db, orgId, SETTING_ANNUAL_LAYOUT);
  return isAnnualLayout(row?.value) ? row.value : DEFAULT_ANNUAL_LAYOUT;
}

const view = (annualLayout: AnnualLayout): ReportSettings => ({
  annualLayout,
  layouts: ANNUAL_LAYOUT_KEYS.map((key) => ({ key, label: ANNUAL_LAYOUTS[key].label })),
});

export async function getReportSettings(db: Db, scope: Scope): Promise<ReportSettings> {
  requirePerm(scope, 'report.read');
  return view(await annualLayoutOf(db, scope.orgId));
}

export async function setReportSettings(db: Db, scope: Scope, input: { annualLayout: string }): Promise<ReportSettings> {
  requirePerm(scope, 'report.write');
  const layout = input.annualLayout;
  if (!isAnnualLayout(layout)) throw badRequest('annualLayout', MSG.layoutInvalid);
  return inTx(db, async (trx) => {
    const before = await annualLayoutOf(trx, scope.orgId);
    await upsertSetting(trx, {
      orgId: scope.orgId,
      key: SETTING_ANNUAL_LAYOUT,
      value: layout,
      updatedBy: scope.userId,
      updatedAt: nowIso(scope.clock),
    });
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'report.settings',
      entity: 'setting',
      entityId: SETTING_ANNUAL_LAYOUT,
      detail: { before, after: layout },
    });
    return view(layout);
  });
}
