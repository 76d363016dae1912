/**
 * Importing many rows into a ledger of the caller's bureau (the Excel/CSV import reads the file and
 * calls this). A row with a record id updates that record, a row without one creates a record; a
 * row equal to its record is left alone (no write, no version bump, no audit row). Every problem of
 * every row is reported at once, before anything is written; then all rows are saved in one
 * transaction, or none. Each write goes through createRecord/updateRecord, so the rules, tenancy
 * checks and audit rows are the same as the forms'.
 */
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { AppError, atRow, badRequest, conflict, type FieldError, forbidden, invalid, summarize } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import type { Ledger } from './define.ts';
import type { FieldValue, RecordData } from './field.ts';
import { findRecords, type RecordView } from './record.repo.ts';
import { checkData, createRecord, updateRecord } from './record.service.ts';
import { getLedger } from './registry.ts';

/** Every Chinese word this file shows, in one place. */
const MSG = {
  noRows: '文件中没有数据行',
  unknownId: '记录编号不存在（只能更新本单位本台账中未删除的记录；新增记录请把记录编号留空）',
  repeatedId: (first: number) => `记录编号与第${first}行相同，同一条记录只能出现一次`,
  stale: (was: number, now: number) => `这条记录在导出后已被修改（导出时版本${was}，现为版本${now}），请重新导出后再改`,
};

/** Field names of the system columns, for the errors they cause. */
export const ID_FIELD = 'id';
export const VERSION_FIELD = 'version';
export const ORG_FIELD = 'orgId';

/** One row read from a file. */
export type ImportRow = {
  /** The row number in the sheet, as the officer sees it. */
  row: number;
  /** The record this row updates; absent for a new record. */
  id?: string;
  /** The record's version when it was exported; when given, a changed row must still be at it. */
  version?: number;
  data: Record<string, FieldValue>;
  /** Problems already found while reading the cells (without `row`); those fields are not checked again. */
  errors: FieldError[];
};

export type ImportOpts = {
  dryRun?: boolean;
  /**
   * The fields the file has columns for. An update keeps the stored value of every other field;
   * absent: every field (a row is the whole record).
   */
  fields?: readonly string[];
};

export type ImportResult = {
  created: number;
  updated: number;
  unchanged: number;
  /** New rows whose key fields equal an existing record of the ledger and bureau, or another new row. */
  duplicates: number;
  dryRun: boolean;
  /** Rows read (created + updated + unchanged). */
  count: number;
};

type Write = { row: number; data: RecordData } & ({ kind: 'create' } | { kind: 'update'; id: string; version: number });

/** Empty values are one value: a cleared cell equals a field never set. */
const normalized = (v: FieldValue | undefined) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ? null : v;

function sameData(a: RecordData, b: RecordData): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(normalized(a[k])) !== JSON.stringify(normalized(b[k]))) return false;
  }
  return true;
}

/** The fields two records of one ledger share when they are probably the same: title and date (or year). */
function duplicateKey(ledger: Ledger, data: RecordData): string {
  const when = ledger.dateField ? data[ledger.dateField] : ledger.yearField ? data[ledger.yearField] : null;
  const title = data[ledger.titleField];
  return JSON.stringify([typeof title === 'string' ? title.trim() : normalized(title), normalized(when)]);
}

/** The input an update row stands for: the stored values of the fields the file has no column for, then the row's. */
function updateInput(
  ledger: Ledger,
  stored: RecordData,
  row: ImportRow,
  fields: readonly string[] | undefined,
): Record<string, FieldValue> {
  if (!fields) return row.data;
  const kept = Object.keys(ledger.fields).filter((k) => !fields.includes(k) && stored[k] !== undefined);
  return { ...Object.fromEntries(kept.map((k) => [k, stored[k]])), ...row.data };
}

/** Runs a write of one row; a refusal raised while saving names that row. */
async function onRow<T>(row: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw e instanceof AppError ? atRow(e, row) : e;
  }
}

/**
 * Imports rows into a ledger of the caller's bureau: checks every row (cells, rules, record ids and
 * versions) and reports all problems at once; with `dryRun` only counts what an import would do.
 */
export async function importRecords(
  db: Db,
  scope: Scope,
  ledgerKey: string,
  rows: readonly ImportRow[],
  opts: ImportOpts = {},
): Promise<ImportResult> {
  const ledger = getLedger(ledgerKey);
  requirePerm(scope, 'ledger.write');
  if (ledger.serviceOnly) throw forbidden(ledger.serviceOnly);
  if (rows.length === 0) throw badRequest(undefined, MSG.noRows);
  const dryRun = opts.dryRun ?? false;

  return inTx(db, async (trx) => {
    const stored = (await findRecords(trx, { orgIds: [scope.orgId], ledger: ledger.key })).items;
    const byId = new Map<string, RecordView>(stored.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    const stale: FieldError[] = [];
    const firstRowOf = new Map<string, number>();
    const writes: Write[] = [];
    let unchanged = 0;

    for (const r of rows) {
      const rowErrors = [...r.errors];
      let target: RecordView | undefined;
      // A row of another bureau names no record of this one: its id is not looked up.
      if (r.id !== undefined && !rowErrors.some((e) => e.field === ORG_FIELD)) {
        target = byId.get(r.id);
        const first = firstRowOf.get(r.id);
        if (!target) rowErrors.push({ field: ID_FIELD, message: MSG.unknownId });
        else if (first !== undefined) rowErrors.push({ field: ID_FIELD, message: MSG.repeatedId(first) });
        else firstRowOf.set(r.id, r.row);
      }
      const checked = checkData(ledger, target ? updateInput(ledger, target.data, r, opts.fields) : r.data);
      if (checked.errors) rowErrors.push(...checked.errors.filter((e) => !r.errors.some((x) => x.field === e.field)));
      if (rowErrors.length) {
        errors.push(...rowErrors.map((e) => ({ ...e, row: r.row })));
        continue;
      }
      if (!checked.data) continue;
      if (!target) writes.push({ kind: 'create', row: r.row, data: checked.data });
      else if (sameData(target.data, checked.data)) unchanged++;
      else if (r.version !== undefined && r.version !== target.version)
        stale.push({ row: r.row, field: VERSION_FIELD, message: MSG.stale(r.version, target.version) });
      else writes.push({ kind: 'update', row: r.row, id: target.id, version: target.version, data: checked.data });
    }
    if (errors.length) throw invalid([...errors, ...stale].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
    if (stale.length) throw conflict(summarize(stale), stale);

    const creates = writes.filter((w) => w.kind === 'create');
    const storedKeys = new Set(stored.map((r) => duplicateKey(ledger, r.data)));
    const newKeys = new Map<string, number>();
    for (const w of creates) {
      const k = duplicateKey(ledger, w.data);
      newKeys.set(k, (newKeys.get(k) ?? 0) + 1);
    }
    const duplicates = creates.filter((w) => {
      const k = duplicateKey(ledger, w.data);
      return storedKeys.has(k) || (newKeys.get(k) ?? 0) > 1;
    }).length;
    const result: ImportResult = {
      created: creates.length,
      updated: writes.length - creates.length,
      unchanged,
      duplicates,
      dryRun,
      count: rows.length,
    };
    if (dryRun || writes.length === 0) return result;

    for (const w of writes) {
      await onRow(w.row, () =>
        w.kind === 'create' ? createRecord(trx, scope, ledger.key, w.data) : updateRecord(trx, scope, w.id, w.data, w.version),
      );
    }
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'record.import',
      entity: ledger.key,
      detail: { count: writes.length, created: result.created, updated: result.updated, unchanged },
    });
    return result;
  });
}
