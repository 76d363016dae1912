/**
 * Use cases on ledger records: create, update, delete, list (many rows at once: import.service.ts).
 * Each runs in one transaction with its audit row; permission and tenancy checks live here so the
 * CLI cannot go around them.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest, conflict, type FieldError, forbidden, invalid, notFound } from '../errors.ts';
import { unitExists } from '../org/org.repo.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { nowIso } from '../util/time.ts';
import type { DataOf, Ledger } from './define.ts';
import type { RecordData } from './field.ts';
import { replaceLinks } from './link.repo.ts';
import { peopleOf, userFieldProblems, userFieldsOf } from './user-field.ts';
import { linksOf, referrersBeforeDelete, withoutRef, writeLinks } from './link.service.ts';
import type { RecordPage } from '../contract.ts';
import {
  countRecords,
  findRecordById,
  findRecords,
  insertRecord,
  type ListKey,
  listKeyOf,
  markRecordDeleted,
  type RecordQuery,
  type RecordView,
  updateRecordIfVersion,
} from './record.repo.ts';
import { getLedger } from './registry.ts';

const MSG = {
  stale: '记录已被他人修改，请刷新后再改',
  staffOwnUnit: '科室人员只能填报本科室的记录',
  notOwnUnit: (label: string) => `${label}不是本单位的科室`,
  badCursor: '翻页位置 after 无效（应为上一页返回的 next），请从第一页重新加载',
  cursorAndPage: '按翻页位置 after 取下一页时不能同时指定页码 page',
};
/** The words of these rules, for the import that applies them to many rows at once. */
export const RECORD_MSG = MSG;

export type ListInput = Omit<RecordQuery, 'orgIds' | 'ledger' | 'after'> & {
  orgId?: string;
  page?: number;
  pageSize?: number;
  /** The `next` of the previous page. */
  after?: string;
};

/** The cursor of a row: its place in the list's order, opaque to clients (base64url JSON). */
export function encodeCursor(k: ListKey): string {
  return Buffer.from(JSON.stringify([k.date, k.createdAt, k.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): ListKey {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('after', MSG.badCursor);
  }
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'string')) throw badRequest('after', MSG.badCursor);
  const [date, createdAt, id] = v as string[];
  return { date, createdAt, id };
}

/**
 * One page of a ledger's records in the list's order. Without `after`: the first page (or page
 * `page`, by offset) and the total; with `after`: the rows after that cursor, no count.
 */
export async function listRecords(db: Db, scope: Scope, ledgerKey: string, input: ListInput): Promise<RecordPage<RecordView>> {
  requirePerm(scope, 'ledger.read');
  getLedger(ledgerKey);
  if (input.after !== undefined && input.page !== undefined) throw badRequest('page', MSG.cursorAndPage);
  const orgIds = input.orgId ? scope.readOrgIds.filter((o) => o === input.orgId) : scope.readOrgIds;
  const pageSize = Math.min(Math.max(input.pageSize ?? 20, 1), 500);
  const { orgId: _o, page: _p, pageSize: _s, after: cursor, ...rest } = input;
  const q: RecordQuery = { ...rest, orgIds, ledger: ledgerKey };
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const page = Math.max(input.page ?? 1, 1);
  // One row more than the page tells whether there is a next page without counting.
  const { items } = await findRecords(db, { ...q, after, limit: pageSize + 1, offset: after ? 0 : (page - 1) * pageSize });
  const more = items.length > pageSize;
  const shown = more ? items.slice(0, pageSize) : items;
  const last = shown.at(-1);
  const next = more && last ? encodeCursor(listKeyOf(last)) : null;
  if (after) return { items: shown, pageSize, next };
  // Counted once per list, and not at all when the first page already holds every row.
  const total = page === 1 && !more ? shown.length : await countRecords(db, q);
  return { items: shown, pageSize, next, page, total };
}

export async function getRecord(db: Db, scope: Scope, id: string): Promise<RecordView> {
  requirePerm(scope, 'ledger.read');
  const r = await findRecordById(db, scope.readOrgIds, id);
  if (!r) throw notFound();
  return r;
}

/** 关联记录 and 被引用 of a record the caller may read. */
export async function recordLinks(db: Db, scope: Scope, id: string) {
  const rec = await getRecord(db, scope, id);
  return linksOf(db, scope, rec);
}

/** Field name of a problem with the record as a whole (not an object, unknown keys). */
const WHOLE_RECORD = '';

/**
 * Checks raw input against the declaration: clean (derived) data, or every problem found — the
 * first the schema reports for each field; the cross-field rules run once the fields are clean.
 */
export function checkData(ledger: Ledger, input: unknown): { data: RecordData; errors: null } | { data: null; errors: FieldError[] } {
  const parsed = ledger.schema.safeParse(input);
  const byField = new Map<string, FieldError>();
  const add = (field: string, message: string) => {
    if (!byField.has(field)) byField.set(field, { field, message });
  };
  if (!parsed.success) {
    for (const iss of parsed.error.issues) add(iss.path[0] === undefined ? WHOLE_RECORD : String(iss.path[0]), iss.message);
    return { data: null, errors: [...byField.values()] };
  }
  const data = ledger.derive ? ledger.derive(parsed.data) : parsed.data;
  for (const r of ledger.checks) {
    const issue = r(data);
    if (issue) add(issue.field, issue.message);
  }
  return byField.size ? { data: null, errors: [...byField.values()] } : { data, errors: null };
}

/** Validates raw input against the declaration; returns clean data or throws a Chinese 400 naming every bad field. */
export function validateData(ledger: Ledger, input: unknown): RecordData {
  const checked = checkData(ledger, input);
  if (checked.errors) throw invalid(checked.errors);
  return checked.data;
}

async function checkUnit(db: Db, scope: Scope, ledger: Ledger, data: RecordData, rowLabel: string): Promise<string | null> {
  if (!ledger.unitField) return null;
  const unitId = data[ledger.unitField];
  if (typeof unitId !== 'string' || unitId === '') {
    if (scope.role === 'staff') return scope.unitId;
    return null;
  }
  if (!(await unitExists(db, scope.orgId, { id: unitId })))
    throw badRequest(ledger.unitField, `${rowLabel}${MSG.notOwnUnit(ledger.fields[ledger.unitField].label)}`);
  return unitId;
}

/** The `user` fields must name active business accounts of the record's bureau (400 naming each field otherwise). */
async function checkPeople(db: Db, ledger: Ledger, data: RecordData, orgId: string, rowLabel: string, before?: RecordData): Promise<void> {
  if (userFieldsOf(ledger).length === 0) return;
  const problems = userFieldProblems(ledger, data, orgId, await peopleOf(db, [orgId]), { rowLabel, before });
  if (problems.length) throw invalid(problems);
}

/** The indexed columns a payload fills (date, year, title, status). */
export function columns(ledger: Ledger, data: RecordData) {
  const date = ledger.dateField ? data[ledger.dateField] : null;
  const occurredOn = typeof date === 'string' ? date : null;
  const yearVal = ledger.yearField ? data[ledger.yearField] : null;
  const year = typeof yearVal === 'number' ? yearVal : occurredOn ? Number(occurredOn.slice(0, 4)) : null;
  const title = String(data[ledger.titleField] ?? '').slice(0, 500);
  const status = ledger.statusField ? ((data[ledger.statusField] as string | null) ?? null) : null;
  return { occurred_on: occurredOn, year, title, status };
}

/** Write access to a record of `orgId` owned by `unitId`: the bureau must be writable, staff only their 科室. */
export function requireWrite(scope: Scope, orgId: string, unitId: string | null): void {
  requirePerm(scope, 'ledger.write');
  if (!scope.writeOrgIds.includes(orgId)) throw notFound();
  if (scope.role === 'staff' && unitId !== scope.unitId) throw forbidden(MSG.staffOwnUnit);
}

/** `service`: set by the service that owns a service-only ledger; the generic routes never set it. */
export type WriteOpts = { service?: boolean };

function refuseServiceOnly(ledger: Ledger, opts: WriteOpts): void {
  if (ledger.serviceOnly && !opts.service) throw forbidden(ledger.serviceOnly);
}

/**
 * Creates a record. Code names the ledger by its declaration and gets the payload type-checked; a
 * route or an import names it by the key it received (then the payload is whatever the user sent).
 */
export async function createRecord<L extends Ledger>(
  db: Db,
  scope: Scope,
  ledger: L,
  input: DataOf<L>,
  rowLabel?: string,
  opts?: WriteOpts,
): Promise<RecordView<DataOf<L>>>;
export async function createRecord(
  db: Db,
  scope: Scope,
  ledgerKey: string,
  input: unknown,
  rowLabel?: string,
  opts?: WriteOpts,
): Promise<RecordView>;
export async function createRecord(
  db: Db,
  scope: Scope,
  which: Ledger | string,
  input: unknown,
  rowLabel = '',
  opts: WriteOpts = {},
): Promise<RecordView> {
  const ledger = typeof which === 'string' ? getLedger(which) : which;
  requirePerm(scope, 'ledger.write');
  refuseServiceOnly(ledger, opts);
  const data = validateData(ledger, input);
  return inTx(db, async (trx) => {
    const unitId = await checkUnit(trx, scope, ledger, data, rowLabel);
    if (ledger.unitField && unitId && !data[ledger.unitField]) data[ledger.unitField] = unitId;
    await checkPeople(trx, ledger, data, scope.orgId, rowLabel);
    requireWrite(scope, scope.orgId, ledger.unitField ? unitId : scope.unitId);
    const now = nowIso(scope.clock);
    const id = randomUUID();
    await insertRecord(trx, {
      id,
      org_id: scope.orgId,
      ledger: ledger.key,
      unit_id: unitId,
      ...columns(ledger, data),
      data: JSON.stringify(data),
      version: 1,
      data_version: ledger.version,
      created_at: now,
      created_by: scope.userId,
      updated_at: now,
      updated_by: scope.userId,
      deleted_at: null,
    });
    await writeLinks(trx, ledger, id, scope.orgId, data);
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'record.create',
      entity: ledger.key,
      entityId: id,
      detail: { data },
    });
    const view = await findRecordById(trx, [scope.orgId], id);
    if (!view) throw new Error('record vanished');
    return view;
  });
}

export async function updateRecord(db: Db, scope: Scope, id: string, input: unknown, expectedVersion?: number): Promise<RecordView> {
  return inTx(db, async (trx) => {
    const existing = await findRecordById(trx, scope.readOrgIds, id);
    if (!existing) throw notFound();
    requireWrite(scope, existing.orgId, existing.unitId);
    if (expectedVersion !== undefined && expectedVersion !== existing.version) {
      throw conflict(MSG.stale);
    }
    const ledger = getLedger(existing.ledger);
    refuseServiceOnly(ledger, {});
    const data = validateData(ledger, input);
    const unitId = await checkUnit(trx, scope, ledger, data, '');
    if (scope.role === 'staff' && ledger.unitField && unitId !== scope.unitId) throw forbidden(MSG.staffOwnUnit);
    await checkPeople(trx, ledger, data, existing.orgId, '', existing.data);
    const written = await updateRecordIfVersion(trx, id, existing.version, {
      unit_id: unitId,
      ...columns(ledger, data),
      data: JSON.stringify(data),
      version: existing.version + 1,
      data_version: ledger.version,
      updated_at: nowIso(scope.clock),
      updated_by: scope.userId,
    });
    if (!written) throw conflict(MSG.stale);
    await writeLinks(trx, ledger, id, existing.orgId, data);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of new Set([...Object.keys(existing.data), ...Object.keys(data)])) {
      if (JSON.stringify(existing.data[k] ?? null) !== JSON.stringify(data[k] ?? null)) {
        changed[k] = { from: existing.data[k] ?? null, to: data[k] ?? null };
      }
    }
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: existing.orgId,
      ip: scope.ip,
      action: 'record.update',
      entity: ledger.key,
      entityId: id,
      detail: { changed },
    });
    const view = await findRecordById(trx, [existing.orgId], id);
    if (!view) throw new Error('record vanished');
    return view;
  });
}

export async function deleteRecord(db: Db, scope: Scope, id: string): Promise<void> {
  await inTx(db, async (trx) => {
    const existing = await findRecordById(trx, scope.readOrgIds, id);
    if (!existing) throw notFound();
    requireWrite(scope, existing.orgId, existing.unitId);
    refuseServiceOnly(getLedger(existing.ledger), {});
    const now = nowIso(scope.clock);
    // Referrers through an 'unlink' field lose the reference (audited); any other referrer refuses the delete.
    for (const r of await referrersBeforeDelete(trx, existing)) {
      const referrer = await findRecordById(trx, [existing.orgId], r.id);
      if (!referrer) continue;
      const data = withoutRef(referrer.data, r.field, id);
      const referrerLedger = getLedger(referrer.ledger);
      const written = await updateRecordIfVersion(trx, r.id, referrer.version, {
        data: JSON.stringify(data),
        // The payload was read upgraded, so it is written under the current declaration.
        data_version: referrerLedger.version,
        version: referrer.version + 1,
        updated_at: now,
        updated_by: scope.userId,
      });
      if (!written) throw conflict(MSG.stale);
      await writeLinks(trx, referrerLedger, r.id, referrer.orgId, data);
      await appendAudit(trx, {
        userId: scope.userId,
        username: scope.username,
        orgId: existing.orgId,
        ip: scope.ip,
        action: 'record.unlink',
        entity: referrer.ledger,
        entityId: r.id,
        detail: { field: r.field, removed: id },
      });
    }
    await markRecordDeleted(trx, id, now, scope.userId);
    // A deleted record points at nothing: its own links would otherwise keep others from being deleted.
    await replaceLinks(trx, id, existing.orgId, []);
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: existing.orgId,
      ip: scope.ip,
      action: 'record.delete',
      entity: existing.ledger,
      entityId: id,
      detail: { title: existing.title },
    });
  });
}
