/**
 * SQL for the audit log and its head row. Only inserts and the head update write here; audit rows
 * are never updated or deleted. The hash chain itself is computed by audit.service.
 */
import type { Insertable, Selectable } from 'kysely';
import type { AuditAnchorTable, AuditHeadTable, AuditLogTable, Db } from '../db/types.ts';

export type AuditRow = Selectable<AuditLogTable>;

/** Takes the next sequence number: increments the head (locking it until the transaction ends). */
export async function advanceAuditHead(db: Db): Promise<Pick<Selectable<AuditHeadTable>, 'seq' | 'hash'>> {
  return db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
}

export async function insertAuditRow(db: Db, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export async function setAuditHeadHash(db: Db, hash: string): Promise<void> {
  await db.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
}

export async function findAuditHead(db: Db): Promise<Selectable<AuditHeadTable>> {
  return db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

/** Up to `limit` rows after sequence number `after` and not after `upTo`, in chain order. */
export async function findAuditRowsAfter(db: Db, after: number, upTo: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', after).where('seq', '<=', upTo).orderBy('seq').limit(limit).execute();
}

/** Whether any row lies after `seq` (rows beyond the head mean the head was rewound). */
export async function hasAuditRowsAfter(db: Db, seq: number): Promise<boolean> {
  return (await db.selectFrom('audit_log').select('seq').where('seq', '>', seq).limit(1).executeTakeFirst()) !== undefined;
}

export async function findAuditRow(db: Db, seq: number): Promise<AuditRow | undefined> {
  return db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirst();
}

/** The first row of the keyed chain (the first with a key fingerprint), if any. */
export async function findFirstKeyedSeq(db: Db): Promise<number | null> {
  const r = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .where('key_id', 'is not', null)
    .executeTakeFirst();
  return r?.seq === null || r?.seq === undefined ? null : Number(r.seq);
}

export type AnchorRow = Selectable<AuditAnchorTable>;

export async function insertAnchor(db: Db, row: Insertable<AuditAnchorTable>): Promise<void> {
  await db.insertInto('audit_anchor').values(row).execute();
}

/** The newest anchors first (`limit` of them; all when absent). */
export async function findAnchors(db: Db, limit?: number): Promise<AnchorRow[]> {
  let q = db.selectFrom('audit_anchor').selectAll().orderBy('at', 'desc').orderBy('seq', 'desc');
  if (limit !== undefined) q = q.limit(limit);
  return q.execute();
}

export type AuditFilter = { action?: string; username?: string; from?: string; to?: string };

/** One page of the rows of the given bureaus (and, with `orNone`, the rows of no bureau), newest first, with the total. */
export async function findAuditPage(
  db: Db,
  orgs: { orgIds: string[]; orNone: boolean },
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: AuditRow[] }> {
  let q = db
    .selectFrom('audit_log')
    .where((eb) => (orgs.orNone ? eb.or([eb('org_id', 'in', orgs.orgIds), eb('org_id', 'is', null)]) : eb('org_id', 'in', orgs.orgIds)));
  if (f.action) q = q.where('action', '=', f.action);
  if (f.username) q = q.where('username', '=', f.username);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const items = await q.selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
  return { total: Number(total?.n ?? 0), items };
}

/**
 * The audit trail of one record, oldest first; null when no record (deleted ones included) with
 * that id belongs to the given bureaus.
 */
/** The audit rows about one entity, oldest first. */
export async function findEntityHistory(
  db: Db,
  entityId: string,
): Promise<Array<Pick<AuditRow, 'seq' | 'at' | 'username' | 'action' | 'detail'>>> {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'username', 'action', 'detail'])
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
}
