/**
 * SQL for ledger records. Every read takes the org ids the caller may see; nothing here trusts a
 * route to have filtered. Soft-deleted rows are invisible.
 */
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { inCodePointOrder, jsonField, jsonText, parsedData, parsesDataPerField, titleContains } from '../db/dialect.ts';
import type { Db, RecordTable } from '../db/types.ts';
import { type DataOf, type FieldOf, type Ledger, upgradePayload } from './define.ts';
import type { RecordView } from '../contract.ts';
import type { FieldDef, FieldValue, RecordData } from './field.ts';
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
  /** Only the rows after this one in the list's order (keyset: the next page starts here). */
  after?: ListKey;
};

/**
 * Where a row stands in the list's order: date descending with undated rows last (on both
 * databases: the empty string sorts below every date), then created_at and id descending. The
 * index record_live_order (migration 0006) holds exactly this order.
 */
export type ListKey = { date: string; createdAt: string; id: string };

const listDate = sql<string>`coalesce(occurred_on, '')`;

export function listKeyOf(r: RecordView): ListKey {
  return { date: r.occurredOn ?? '', createdAt: r.createdAt, id: r.id };
}

/** Records of the given bureaus: the one place a read of `record` applies the bureau filter. */
function ofOrgs(db: Db, orgIds: readonly string[]) {
  return db.selectFrom('record').where('org_id', 'in', orgIds.length ? [...orgIds] : ['-']);
}

/** Live records of one ledger in the given bureaus. */
function live(db: Db, orgIds: readonly string[], ledger: string) {
  return ofOrgs(db, orgIds).where('ledger', '=', ledger).where('deleted_at', 'is', null);
}

function base(db: Db, q: RecordQuery) {
  let s = live(db, q.orgIds, q.ledger);
  if (q.year !== undefined) s = s.where('year', '=', q.year);
  if (q.from) s = s.where('occurred_on', '>=', q.from);
  if (q.to) s = s.where('occurred_on', '<=', q.to);
  if (q.unitId) s = s.where('unit_id', '=', q.unitId);
  if (q.status) s = s.where('status', '=', q.status);
  if (q.q) s = s.where(titleContains(db, q.q, q.orgIds.length > 1));
  for (const [k, v] of Object.entries(q.where ?? {})) s = s.where(jsonField(db, k), '=', v);
  return s;
}

/** The query behind `findRecords` (the bench reads its plan with EXPLAIN). */
export function recordListQuery(db: Db, q: RecordQuery) {
  let s = base(db, q).selectAll();
  if (q.after) {
    const a = q.after;
    // The first bound lets SQLite start the index range at the date (it does not use a row value
    // over an expression column); the row value then skips what the last page already showed.
    s = s
      .where(sql<boolean>`${listDate} <= ${a.date}`)
      .where(sql<boolean>`(${listDate}, created_at, id) < (${a.date}, ${a.createdAt}, ${a.id})`);
  }
  s = s.orderBy(listDate, 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (q.limit !== undefined) s = s.limit(q.limit).offset(q.offset ?? 0);
  return s;
}

/** One page of a list (all rows without `limit`), in the list's order. */
export async function findRecords(db: Db, q: RecordQuery): Promise<{ items: RecordView[] }> {
  const rows = await recordListQuery(db, q).execute();
  return { items: rows.map(toView) };
}

/** How many rows the list's filters select (without `after`, `limit` and `offset`). */
export async function countRecords(db: Db, q: RecordQuery): Promise<number> {
  const row = await base(db, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findRecordById(db: Db, orgIds: string[], id: string): Promise<RecordView | null> {
  const r = await ofOrgs(db, orgIds).selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return r ? toView(r) : null;
}

/** Whether a record of these bureaus exists, deleted ones included (its history stays readable). */
export async function recordExists(db: Db, orgIds: readonly string[], id: string): Promise<boolean> {
  return (await ofOrgs(db, orgIds).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

// Rows read for a known ledger: their payloads were validated against its declaration when written
// and are upgraded to it on read, hence the typed view.
const typed = <L extends Ledger>(rows: RecordRow[]) => rows.map(toView) as RecordView<DataOf<L>>[];

/** Every live record of a ledger in the given bureaus, typed by its declaration. */
export async function findLedgerRecords<L extends Ledger>(db: Db, orgIds: readonly string[], ledger: L): Promise<RecordView<DataOf<L>>[]> {
  return typed<L>(await live(db, orgIds, ledger.key).selectAll().orderBy('occurred_on').orderBy('id').execute());
}

/**
 * The live records of one ledger in the given bureaus and a period, as a query to select from: dated
 * records by date, undated ones by year. What figures count (figure.repo.ts) starts here.
 */
export function liveInPeriod(db: Db, orgIds: readonly string[], ledger: string, p: { from: string; to: string }) {
  const y1 = Number(p.from.slice(0, 4));
  const y2 = Number(p.to.slice(0, 4));
  return live(db, orgIds, ledger).where((eb) =>
    eb.or([
      eb.and([eb('occurred_on', '>=', p.from), eb('occurred_on', '<=', p.to)]),
      eb.and([eb('occurred_on', 'is', null), eb('year', '>=', y1), eb('year', '<=', y2)]),
    ]),
  );
}

/** Records of one ledger in a period: dated records by date, undated ones by year. */
export async function findRecordsInPeriod<L extends Ledger>(
  db: Db,
  orgIds: readonly string[],
  ledger: L,
  p: { from: string; to: string },
): Promise<RecordView<DataOf<L>>[]> {
  const rows = await liveInPeriod(db, orgIds, ledger.key, p).selectAll().orderBy('occurred_on').orderBy('id').execute();
  return typed<L>(rows);
}

/**
 * One bureau's records of a ledger as they stood at an instant: created at or before it and not
 * deleted by then. Edits made after the instant are visible (the record table keeps only the
 * current data); they change a draw's candidate fingerprint, which is what verification reveals.
 */
export async function findRecordsAsOf<L extends Ledger>(
  db: Db,
  orgId: string,
  ledger: L,
  instant: string,
): Promise<RecordView<DataOf<L>>[]> {
  const rows = await asOf(db, [orgId], ledger.key, instant).selectAll().orderBy('id').execute();
  return typed<L>(rows);
}

/** One bureau's rows of a ledger that existed at an instant (findRecordsAsOf). */
function asOf(db: Db, orgIds: readonly string[], ledger: string, instant: string) {
  return ofOrgs(db, orgIds)
    .where('ledger', '=', ledger)
    .where('created_at', '<=', instant)
    .where((eb) => eb.or([eb('deleted_at', 'is', null), eb('deleted_at', '>', instant)]));
}

/** A record with only some fields of its payload. */
export type RecordFields<D> = { id: string; orgId: string; unitId: string | null; title: string; data: D };

/** A field whose stored value is a string: read as SQL text, with no JSON left to parse in JS. */
const isTextField = (def: FieldDef | undefined) =>
  def !== undefined && !['int', 'number', 'bool', 'tags'].includes(def.kind) && !(def.kind === 'ref' && def.ref?.many);

/**
 * findRecordsAsOf reading only `fields` of each payload (absent fields stay absent, and a null may
 * read as absent): a draw over a province's 100k inspection objects reads five short fields, not
 * 100k whole records. Rows come by id in code-point order, so a caller sorting them as JS compares
 * strings finds them sorted (the database sorts faster than a JS comparator); rows read whole come
 * last. A row written under an older payload version, or
 * lacking a field the declaration renamed, is read whole and upgraded, so every value is the one
 * findRecordsAsOf gives.
 */
export async function findFieldsAsOf<L extends Ledger, K extends FieldOf<L>>(
  db: Db,
  orgId: string,
  ledger: L,
  instant: string,
  fields: readonly K[],
): Promise<RecordFields<Pick<DataOf<L>, K>>[]> {
  return readFields(db, [orgId], ledger, fields, () => asOf(db, [orgId], ledger.key, instant));
}

/** The live records of a ledger in the given bureaus with only `fields` of each payload, as findFieldsAsOf reads them. */
export async function findLiveFields<L extends Ledger, K extends FieldOf<L>>(
  db: Db,
  orgIds: readonly string[],
  ledger: L,
  fields: readonly K[],
): Promise<RecordFields<Pick<DataOf<L>, K>>[]> {
  return readFields(db, orgIds, ledger, fields, () => live(db, orgIds, ledger.key));
}

async function readFields<L extends Ledger, K extends FieldOf<L>>(
  db: Db,
  orgIds: readonly string[],
  ledger: L,
  fields: readonly K[],
  rowsOf: () => ReturnType<typeof live>,
): Promise<RecordFields<Pick<DataOf<L>, K>>[]> {
  const text = fields.map((f) => isTextField(ledger.fields[f]));
  const picks = fields.map((f, i) => (text[i] ? jsonField(db, f) : jsonText(db, f)).as(`v${i}`));
  const cols = ['id', 'org_id', 'unit_id', 'title', 'data_version'] as const;
  const rows = (
    parsesDataPerField(db)
      ? await db
          .with(
            (wb) => wb('field_row').materialized(),
            () => rowsOf().select([...cols, parsedData(db).as('data')]),
          )
          .selectFrom('field_row')
          .select([...cols, ...picks])
          .orderBy(inCodePointOrder(db, 'id'))
          .execute()
      : await rowsOf()
          .select([...cols, ...picks])
          .orderBy(inCodePointOrder(db, 'id'))
          .execute()
  ) as Array<Record<string, unknown>>;
  const renamed = fields.filter((f) => ledger.fields[f]?.renamedFrom?.length);
  const out: RecordFields<RecordData>[] = [];
  const stale: string[] = [];
  for (const r of rows) {
    const data: RecordData = {};
    for (const [i, f] of fields.entries()) {
      const v = r[`v${i}`];
      if (v !== null && v !== undefined) data[f] = text[i] ? String(v) : (JSON.parse(String(v)) as FieldValue);
    }
    const id = String(r.id);
    if (Number(r.data_version ?? 1) !== ledger.version || renamed.some((f) => !(f in data))) stale.push(id);
    else out.push({ id, orgId: String(r.org_id), unitId: r.unit_id === null ? null : String(r.unit_id), title: String(r.title), data });
  }
  for (let i = 0; i < stale.length; i += ID_CHUNK) {
    const whole = await ofOrgs(db, orgIds)
      .selectAll()
      .where('id', 'in', stale.slice(i, i + ID_CHUNK))
      .execute();
    for (const v of whole.map(toView)) {
      const data: RecordData = {};
      for (const f of fields) if (f in v.data) data[f] = v.data[f];
      out.push({ id: v.id, orgId: v.orgId, unitId: v.unitId, title: v.title, data });
    }
  }
  // Payloads were validated against the declaration when written and are upgraded to it above.
  return out as RecordFields<Pick<DataOf<L>, K>>[];
}

export async function insertRecord(db: Db, row: Insertable<RecordTable>): Promise<void> {
  await db.insertInto('record').values(row).execute();
}

/** Writes a record if it still has `expectedVersion`; false when someone else changed it first. */
export async function updateRecordIfVersion(db: Db, id: string, expectedVersion: number, set: Updateable<RecordTable>): Promise<boolean> {
  const res = await db.updateTable('record').set(set).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Soft delete: the row stays for the audit trail and as-of reads. A deletion is the row's last write. */
export async function markRecordDeleted(db: Db, id: string, at: string, by: string): Promise<void> {
  await db.updateTable('record').set({ deleted_at: at, updated_at: at, updated_by: by }).where('id', '=', id).execute();
}

/**
 * What changes with every write to the bureaus' records, whatever the writers' clocks say: the rows
 * (deleted ones included), the deletions, the sum of row versions (every edit adds one) and the
 * last write. Read from the covering index record_write_mark, without touching the rows.
 */
export async function recordWriteMark(db: Db, orgIds: readonly string[]): Promise<string> {
  const r = await ofOrgs(db, orgIds)
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('deleted_at').as('d'),
      eb.fn.sum<number>('version').as('v'),
      eb.fn.max('updated_at').as('last'),
    ])
    .executeTakeFirst();
  return [Number(r?.n ?? 0), Number(r?.d ?? 0), Number(r?.v ?? 0), r?.last ?? ''].join('/');
}

/** Every stored row of a ledger (deleted ones too: they are kept and may be read as of a past instant). */
export async function findStoredPayloads(db: Db, ledger: string) {
  return db
    .selectFrom('record')
    .select(['id', 'org_id', 'data', 'data_version', 'version'])
    .where('ledger', '=', ledger)
    .orderBy('id')
    .execute();
}

export type LinkTarget = { id: string; ledger: string };

/** Which of these ids are live records of the bureau, and of which ledger (a reference may only name those). */
export async function findLinkTargets(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, LinkTarget>> {
  if (!ids.length) return new Map();
  const rows = await ofOrgs(db, [orgId])
    .select(['id', 'ledger'])
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, ledger: r.ledger }]));
}

/** What a list of the records behind a number shows of each. */
export type RecordSummary = Pick<RecordView, 'id' | 'orgId' | 'ledger' | 'unitId' | 'occurredOn' | 'year' | 'title'> & { deleted: boolean };

/** Ids per query: well under the bound-parameter limits of both databases. */
const ID_CHUNK = 500;

/**
 * The records among `ids` that the given bureaus keep, deleted ones included and marked (a report
 * still names what its numbers were computed from); ids of other bureaus are left out.
 */
export async function findRecordSummaries(db: Db, orgIds: readonly string[], ids: readonly string[]): Promise<RecordSummary[]> {
  const unique = [...new Set(ids)];
  const out: RecordSummary[] = [];
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    const rows = await ofOrgs(db, orgIds)
      .select(['id', 'org_id', 'ledger', 'unit_id', 'occurred_on', 'year', 'title', 'deleted_at'])
      .where('id', 'in', unique.slice(i, i + ID_CHUNK))
      .execute();
    for (const r of rows) {
      out.push({
        id: r.id,
        orgId: r.org_id,
        ledger: r.ledger,
        unitId: r.unit_id,
        occurredOn: r.occurred_on,
        year: r.year === null ? null : Number(r.year),
        title: r.title,
        deleted: r.deleted_at !== null,
      });
    }
  }
  return out;
}
