/**
 * SQL for ledger records. Every read takes the org ids the caller may see; nothing here trusts a
 * route to have filtered. Soft-deleted rows are invisible.
 */
import type { Selectable } from 'kysely';
import { containsText, jsonField } from '../db/dialect.ts';
import type { Db, RecordTable } from '../db/types.ts';
import { upgradePayload } from './define.ts';
import type { RecordView } from '../contract.ts';
import type { RecordData } from './field.ts';
import { findLedger } from './registry.ts';

export type RecordRow = Selectable<RecordTable>;

export type { RecordView };

/** The stored payload, upgraded to the current declaration of its ledger (old versions, renamed fields). */
function readPayload(r: RecordRow): RecordData {
  const data = JSON.parse(r.data) as RecordData;
  const ledger = findLedger(r.ledger);
  return ledger ? upgradePayload(ledger, data, Number(r.data_version ?? 1)) : data;
}

export function toView(r: RecordRow): RecordView {
  return {
    id: r.id,
    orgId: r.org_id,
    ledger: r.ledger,
    unitId: r.unit_id,
    occurredOn: r.occurred_on,
    year: r.year === null ? null : Number(r.year),
    title: r.title,
    status: r.status,
    data: readPayload(r),
    version: Number(r.version),
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export type RecordQuery = {
  orgIds: string[];
  ledger: string;
  year?: number;
  from?: string;
  to?: string;
  unitId?: string;
  status?: string;
  q?: string;
  /** Exact match on top-level data fields. */
  where?: Record<string, string>;
  limit?: number;
  offset?: number;
};

function base(db: Db, q: RecordQuery) {
  let s = db
    .selectFrom('record')
    .where('ledger', '=', q.ledger)
    .where('org_id', 'in', q.orgIds.length ? q.orgIds : ['-'])
    .where('deleted_at', 'is', null);
  if (q.year !== undefined) s = s.where('year', '=', q.year);
  if (q.from) s = s.where('occurred_on', '>=', q.from);
  if (q.to) s = s.where('occurred_on', '<=', q.to);
  if (q.unitId) s = s.where('unit_id', '=', q.unitId);
  if (q.status) s = s.where('status', '=', q.status);
  if (q.q) s = s.where(containsText(db, 'title', q.q));
  for (const [k, v] of Object.entries(q.where ?? {})) s = s.where(jsonField(db, k), '=', v);
  return s;
}

export async function findRecords(db: Db, q: RecordQuery): Promise<{ items: RecordView[]; total: number }> {
  const totalRow = await base(db, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  let s = base(db, q).selectAll().orderBy('occurred_on', 'desc').orderBy('created_at', 'desc').orderBy('id');
  if (q.limit !== undefined) s = s.limit(q.limit).offset(q.offset ?? 0);
  const rows = await s.execute();
  return { items: rows.map(toView), total: Number(totalRow?.n ?? 0) };
}

export async function findRecordById(db: Db, orgIds: string[], id: string): Promise<RecordView | null> {
  const r = await db
    .selectFrom('record')
    .selectAll()
    .where('id', '=', id)
    .where('org_id', 'in', orgIds.length ? orgIds : ['-'])
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? toView(r) : null;
}
