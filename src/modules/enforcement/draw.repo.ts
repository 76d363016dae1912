/** SQL for the draw: the records of one bureau's ledger as they stood at an instant. */
import type { Db } from '../../db/types.ts';
import { type RecordView, toView } from '../../ledger/record.repo.ts';

/**
 * Records created at or before `instant` and not deleted by then. Edits made after the instant are
 * visible (the record table keeps only the current data); they change the candidate fingerprint,
 * which is what verification is meant to reveal.
 */
export async function recordsAsOf(db: Db, orgId: string, ledger: string, instant: string): Promise<RecordView[]> {
  const rows = await db
    .selectFrom('record')
    .selectAll()
    .where('ledger', '=', ledger)
    .where('org_id', '=', orgId)
    .where('created_at', '<=', instant)
    .where((eb) => eb.or([eb('deleted_at', 'is', null), eb('deleted_at', '>', instant)]))
    .orderBy('id')
    .execute();
  return rows.map(toView);
}
