/**
 * 普法责任清单覆盖情况: each duty-list item in force during a year, with the number of 普法宣传活动
 * of that year that name it (through their 落实的普法责任清单事项 references). Items at 0 are the
 * gaps the officer has to close before the 谁执法谁普法 self-inspection.
 */
import type { DutyCoverage } from '../../contract.ts';
import type { Db } from '../../db/types.ts';
import { badRequest } from '../../errors.ts';
import { countReferrersByTarget } from '../../ledger/link.repo.ts';
import { findLedgerRecords } from '../../ledger/record.repo.ts';
import { listUnits } from '../../org/org.service.ts';
import { requirePerm, type Scope } from '../../org/scope.ts';
import { dutyItem } from '../plan/plan.ledger.ts';
import { publicityActivity } from './publicity.ledger.ts';

const MSG = { noOrg: '无权查看该单位' };

export async function dutyCoverage(db: Db, scope: Scope, year: number, orgId = scope.orgId): Promise<DutyCoverage> {
  requirePerm(scope, 'ledger.read');
  if (!scope.readOrgIds.includes(orgId)) throw badRequest('orgId', MSG.noOrg);
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const items = await findLedgerRecords(db, [orgId], dutyItem);
  const inForce = items.filter((r) => r.data.listedOn <= period.to && (!r.data.removedOn || r.data.removedOn >= period.from));
  const counts = await countReferrersByTarget(
    db,
    [orgId],
    publicityActivity.key,
    'dutyItems' satisfies keyof typeof publicityActivity.fields,
    period,
  );
  const units = new Map((await listUnits(db, scope)).map((u) => [u.id, u.name]));
  const rows = inForce
    .map((r) => ({
      id: r.id,
      law: r.title,
      unitId: r.unitId,
      unitName: r.unitId ? (units.get(r.unitId) ?? null) : null,
      activities: counts.get(r.id) ?? 0,
    }))
    .sort((a, b) => a.activities - b.activities || (a.unitName ?? '').localeCompare(b.unitName ?? '') || a.law.localeCompare(b.law));
  return { year, orgId, items: rows, total: rows.length, uncovered: rows.filter((r) => r.activities === 0).length };
}
