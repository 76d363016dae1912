/**
 * SQL for the links between records (`record_link`), the mirror of every `ref` field. The service
 * keeps it in step with the payloads in the same transaction; reads never cross the caller's bureaus.
 */
import type { Db } from '../db/types.ts';

export type LinkedRecord = { field: string; id: string; orgId: string; ledger: string; title: string; occurredOn: string | null };

/** Replaces the links a record's fields make. */
export async function replaceLinks(
  db: Db,
  fromId: string,
  orgId: string,
  links: ReadonlyArray<{ field: string; toId: string }>,
): Promise<void> {
  await db.deleteFrom('record_link').where('from_id', '=', fromId).execute();
  if (links.length) {
    await db
      .insertInto('record_link')
      .values(links.map((l) => ({ from_id: fromId, field: l.field, to_id: l.toId, org_id: orgId })))
      .execute();
  }
}

/**
 * The live records at the other end of `id`'s links, with the field that makes each link:
 * 'from' the records pointing at `id` (被引用), 'to' the records `id` points at (关联记录).
 */
async function linkedRecords(db: Db, id: string, side: 'from' | 'to', orgIds: readonly string[]): Promise<LinkedRecord[]> {
  const [own, other] = side === 'from' ? (['to_id', 'from_id'] as const) : (['from_id', 'to_id'] as const);
  const rows = await db
    .selectFrom('record_link')
    .innerJoin('record', 'record.id', `record_link.${other}`)
    .select(['record_link.field', 'record.id', 'record.org_id', 'record.ledger', 'record.title', 'record.occurred_on'])
    .where(`record_link.${own}`, '=', id)
    .where('record.deleted_at', 'is', null)
    .where('record.org_id', 'in', orgIds.length ? [...orgIds] : ['-'])
    .orderBy('record.ledger')
    .orderBy('record.occurred_on')
    .execute();
  return rows.map((r) => ({ field: r.field, id: r.id, orgId: r.org_id, ledger: r.ledger, title: r.title, occurredOn: r.occurred_on }));
}

/** Live records that point at `toId`, with the field they point from. */
export const findReferrers = (db: Db, toId: string, orgIds: readonly string[]) => linkedRecords(db, toId, 'from', orgIds);

/** Live records `fromId` points at. */
export const findLinked = (db: Db, fromId: string, orgIds: readonly string[]) => linkedRecords(db, fromId, 'to', orgIds);

/** How many live records of `fromLedger` dated in the period point at each target through `field`. */
export async function countReferrersByTarget(
  db: Db,
  orgIds: readonly string[],
  fromLedger: string,
  field: string,
  period: { from: string; to: string },
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('record_link')
    .innerJoin('record', 'record.id', 'record_link.from_id')
    .select(['record_link.to_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('record.ledger', '=', fromLedger)
    .where('record_link.field', '=', field)
    .where('record.deleted_at', 'is', null)
    .where('record.org_id', 'in', orgIds.length ? [...orgIds] : ['-'])
    .where('record.occurred_on', '>=', period.from)
    .where('record.occurred_on', '<=', period.to)
    .groupBy('record_link.to_id')
    .execute();
  return new Map(rows.map((r) => [r.to_id, Number(r.n)]));
}
