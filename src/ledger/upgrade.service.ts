/**
 * Rewrites stored payloads written under an older declaration (an earlier `version`, or a field
 * under a name now listed in `renamedFrom`) into the current one, so the data itself catches up
 * with what reads already show. All ledgers in one transaction: every upgraded payload must pass
 * the current declaration, or nothing is written. One audit row per bureau and ledger.
 */
import { isDeepStrictEqual } from 'node:util';
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { type FieldError, invalid } from '../errors.ts';
import { nowIso, systemClock } from '../util/time.ts';
import { upgradePayload } from './define.ts';
import { findStoredPayloads, updateRecordIfVersion } from './record.repo.ts';
import { columns } from './record.service.ts';
import { allLedgers } from './registry.ts';

const MSG = {
  invalid: (label: string, id: string, message: string) => `${label}记录 ${id} 升级后不符合当前声明：${message}`,
  stale: (id: string) => `记录 ${id} 在升级过程中被修改，请重新运行`,
};

export type UpgradeReport = { ledgers: Array<{ ledger: string; label: string; rows: number }>; total: number; dryRun: boolean };

/** Upgrades every stored payload that differs from its current reading; `dryRun` only counts them. */
export async function upgradeStoredPayloads(db: Db, actor: { username: string; ip: string }, dryRun = false): Promise<UpgradeReport> {
  return inTx(db, async (trx) => {
    const report: UpgradeReport = { ledgers: [], total: 0, dryRun };
    const errors: FieldError[] = [];
    for (const ledger of allLedgers()) {
      const byOrg = new Map<string, string[]>();
      for (const row of await findStoredPayloads(trx, ledger.key)) {
        const stored = JSON.parse(row.data);
        const data = upgradePayload(ledger, stored, Number(row.data_version));
        // Compared as values, not as text: PostgreSQL's jsonb gives its own spacing and key order.
        if (Number(row.data_version) === ledger.version && isDeepStrictEqual(data, stored)) continue;
        const checked = ledger.schema.safeParse(data);
        if (!checked.success) {
          errors.push({ field: ledger.key, message: MSG.invalid(ledger.label, row.id, checked.error.issues[0]?.message ?? '') });
          continue;
        }
        byOrg.set(row.org_id, [...(byOrg.get(row.org_id) ?? []), row.id]);
        if (dryRun) continue;
        const written = await updateRecordIfVersion(trx, row.id, Number(row.version), {
          ...columns(ledger, checked.data),
          data: JSON.stringify(checked.data),
          data_version: ledger.version,
          version: Number(row.version) + 1,
          updated_at: nowIso(systemClock),
          updated_by: 'system',
        });
        if (!written) throw invalid([{ field: ledger.key, message: MSG.stale(row.id) }]);
      }
      const rows = [...byOrg.values()].reduce((n, ids) => n + ids.length, 0);
      if (!rows) continue;
      report.ledgers.push({ ledger: ledger.key, label: ledger.label, rows });
      report.total += rows;
      if (dryRun) continue;
      for (const [orgId, ids] of byOrg) {
        await appendAudit(trx, {
          userId: null,
          username: actor.username,
          orgId,
          ip: actor.ip,
          action: 'ledger.upgrade',
          entity: ledger.key,
          entityId: null,
          detail: { toVersion: ledger.version, records: ids },
        });
      }
    }
    if (errors.length) throw invalid(errors);
    return report;
  });
}
