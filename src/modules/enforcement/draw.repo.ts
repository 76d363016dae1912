/** SQL for the draw: the records of one bureau's ledger as they stood at an instant. */
import type { Db } from '../../db/types.ts';
import type { DataOf, Ledger } from '../../ledger/define.ts';
import { type RecordView, toView } from '../../ledger/record.repo.ts';

/**
 * Records created at or before `instant` and not deleted by then. Edits made after the instant are
 * visible (the record table keeps only the current data); they change the candidate fingerprint,
 * which is what verification is meant to reveal.
 */
export async function recordsAsOf<L extends Ledger>(db: Db, orgId: string, ledger: L, instant: string): Promise<RecordView<DataOf<L>>[]> {
  const rows = await db
    .selectFrom('record')
    .selectAll()
    .where('ledger', '=', ledger.key)
    .where('org_id', '=', orgId)
    .where('created_at', '<=', instant)
    .where((eb) => eb.or([eb('deleted_at', 'is', null), eb('deleted_at', '>', instant)]))
    .orderBy('id')
    .execute();
  // Stored payloads were validated against this ledger's declaration when written.
  return rows.map(toView) as RecordView<DataOf<L>>[];
}
