/**
 * Importing many rows into a ledger of the caller's bureau (the Excel/CSV import reads the file and
 * calls this). A row with a record id updates that record, a row without one creates a record; a
 * row equal to its record is left alone (no write, no version bump, no audit row). Every problem of
 * every row is reported at once, before anything is written; then all rows are saved in one
 * transaction, or none.
 *
 * Everything the rows are checked against is read once per import, not once per row: the records
 * the file names, the keys of the stored records (suspected duplicates), the bureau's 科室, the
 * records that references name. New records are written with multi-row INSERTs of IMPORT_BATCH
 * rows, each batch with one audit entry naming who imported which file and the ids it created, so
 * the hash chain advances per batch in the same transaction. The rules are the forms' (checkData,
 * requireWrite, refProblems); an update still goes through updateRecord (one audit row per record,
 * with what changed), as an edited export changes few rows.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db, RecordTable } from '../db/types.ts';
import { AppError, atRow, badRequest, conflict, type FieldError, forbidden, invalid, summarize } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { nowIso } from '../util/time.ts';
import type { Ledger } from './define.ts';
import type { FieldValue, RecordData } from './field.ts';
import { findImportTargets, findRecordKeys, findRefTargets, findUnitIds, insertLinks, insertRecords, type KeySpan } from './import.repo.ts';
import { refProblems, refsOf } from './link.service.ts';
import type { RecordView } from './record.repo.ts';
import { checkData, columns, RECORD_MSG, requireWrite, updateRecord } from './record.service.ts';
import { getLedger } from './registry.ts';
import { peopleOf, userFieldProblems, userFieldsOf } from './user-field.ts';

/** Every Chinese word this file shows, in one place. */
const MSG = {
  noRows: '文件中没有数据行',
  unknownId: '记录编号不存在（只能更新本单位本台账中未删除的记录；新增记录请把记录编号留空）',
  repeatedId: (first: number) => `记录编号与第${first}行相同，同一条记录只能出现一次`,
  stale: (was: number, now: number) => `这条记录在导出后已被修改（导出时版本${was}，现为版本${now}），请重新导出后再改`,
  moreErrors: (total: number, listed: number) => `（共${total}处错误，下面只列出前${listed}处）`,
};

/**
 * Rows per multi-row INSERT: 500 rows × 15 columns = 7,500 bound parameters, within SQLite's 32,766
 * and PostgreSQL's 65,535, and few enough statements that 50,000 rows are 100 round trips.
 */
export const IMPORT_BATCH = 500;

/** Problems one refusal lists (a file of 50,000 bad rows would otherwise answer megabytes); the detail gives the total. */
export const MAX_LISTED_ERRORS = 200;

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

/**
 * How far an import has come: reading the file, checking the rows, writing them. `inTransaction`:
 * reported from inside the import's transaction (a listener writing elsewhere in the same database
 * must not wait for that transaction; see writesBesideTransaction).
 */
export type ImportProgress = {
  phase: 'reading' | 'checking' | 'writing';
  done: number;
  total: number | null;
  inTransaction?: boolean;
};

export type ImportOpts = {
  dryRun?: boolean;
  /** The uploaded file's name, for the audit entry. */
  fileName?: string;
  onProgress?: (p: ImportProgress) => Promise<void> | void;
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

type Create = { kind: 'create'; row: number; data: RecordData; unitId: string | null };
type Update = { kind: 'update'; row: number; data: RecordData; id: string; version: number };

/** The key two records share when they are probably the same, from the indexed columns a payload fills (see duplicateKey). */
function storedKey(ledger: Ledger, r: { title: string; occurred_on: string | null; year: number | null }): string {
  const when = ledger.dateField ? r.occurred_on : ledger.yearField ? (r.year === null ? null : Number(r.year)) : null;
  return JSON.stringify([r.title.trim(), when]);
}

/** The dates (or years) the new rows span, so that only stored records there are read for their keys. */
function keySpan(ledger: Ledger, creates: readonly Create[]): KeySpan | null {
  const column = ledger.dateField ? 'occurred_on' : ledger.yearField ? 'year' : null;
  if (!column) return null;
  let from: string | number | null = null;
  let to: string | number | null = null;
  let undated = false;
  for (const w of creates) {
    const c = columns(ledger, w.data);
    const v = column === 'occurred_on' ? c.occurred_on : c.year;
    if (v === null) undated = true;
    else {
      if (from === null || v < from) from = v;
      if (to === null || v > to) to = v;
    }
  }
  return { column, from, to, undated };
}

/** A refusal listing at most MAX_LISTED_ERRORS problems, in row order; the detail says how many there are. */
function refusal(errors: FieldError[], make: (detail: string, listed: FieldError[]) => AppError): AppError {
  const sorted = [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const listed = sorted.slice(0, MAX_LISTED_ERRORS);
  const more = sorted.length > listed.length ? MSG.moreErrors(sorted.length, listed.length) : '';
  return make(`${summarize(sorted)}${more}`, listed);
}

/** The catalog's 400 for these rows, its detail counting every problem of the file. */
const refused = (errors: FieldError[]) =>
  refusal(errors, (detail, listed) => {
    const e = invalid(listed);
    return new AppError(e.id, e.status, e.title, detail, e.field, e.errors);
  });

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
  return storedKey(ledger, columns(ledger, data));
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
 * versions, 科室, references) and reports all problems at once; with `dryRun` only counts what an
 * import would do.
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
  const progress = opts.onProgress;
  await progress?.({ phase: 'checking', done: 0, total: rows.length });

  return inTx(db, async (trx) => {
    // A row of another bureau names no record of this one: its id is not looked up.
    const named = (r: ImportRow) => r.id !== undefined && !r.errors.some((e) => e.field === ORG_FIELD);
    const byId = await findImportTargets(
      trx,
      scope.orgId,
      ledger.key,
      rows.flatMap((r) => (named(r) && r.id !== undefined ? [r.id] : [])),
    );
    const unitIds = ledger.unitField ? await findUnitIds(trx, scope.orgId) : new Set<string>();
    const people = userFieldsOf(ledger).length ? await peopleOf(trx, [scope.orgId]) : [];
    const errors: FieldError[] = [];
    const stale: FieldError[] = [];
    const firstRowOf = new Map<string, number>();
    const creates: Create[] = [];
    const updates: Update[] = [];
    let forbiddenAt: AppError | null = null;
    let unchanged = 0;

    for (const r of rows) {
      const rowErrors = [...r.errors];
      let target: RecordView | undefined;
      if (named(r) && r.id !== undefined) {
        target = byId.get(r.id);
        const first = firstRowOf.get(r.id);
        if (!target) rowErrors.push({ field: ID_FIELD, message: MSG.unknownId });
        else if (first !== undefined) rowErrors.push({ field: ID_FIELD, message: MSG.repeatedId(first) });
        else firstRowOf.set(r.id, r.row);
      }
      const checked = checkData(ledger, target ? updateInput(ledger, target.data, r, opts.fields) : r.data);
      if (checked.errors) rowErrors.push(...checked.errors.filter((e) => !r.errors.some((x) => x.field === e.field)));
      if (checked.data) rowErrors.push(...userFieldProblems(ledger, checked.data, scope.orgId, people, { before: target?.data }));
      if (!rowErrors.length && checked.data && !target) {
        // The 科室 rule of createRecord, against the 科室 read once.
        const data = checked.data;
        const given = ledger.unitField ? data[ledger.unitField] : null;
        let unitId: string | null = null;
        if (ledger.unitField && typeof given === 'string' && given !== '') {
          if (unitIds.has(given)) unitId = given;
          else rowErrors.push({ field: ledger.unitField, message: RECORD_MSG.notOwnUnit(ledger.fields[ledger.unitField].label) });
        } else if (ledger.unitField && scope.role === 'staff') {
          unitId = scope.unitId;
          if (unitId) data[ledger.unitField] = unitId;
        }
        if (!rowErrors.length) {
          try {
            requireWrite(scope, scope.orgId, ledger.unitField ? unitId : scope.unitId);
            creates.push({ kind: 'create', row: r.row, data, unitId });
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            forbiddenAt ??= atRow(e, r.row);
          }
        }
      }
      if (rowErrors.length) {
        errors.push(...rowErrors.map((e) => ({ ...e, row: r.row })));
        continue;
      }
      if (!checked.data || !target) continue;
      if (sameData(target.data, checked.data)) unchanged++;
      else if (r.version !== undefined && r.version !== target.version)
        stale.push({ row: r.row, field: VERSION_FIELD, message: MSG.stale(r.version, target.version) });
      else updates.push({ kind: 'update', row: r.row, id: target.id, version: target.version, data: checked.data });
    }

    // References of new records, against the records they name, read once for all rows.
    const refsOfCreate = creates.map((w) => refsOf(ledger, w.data));
    const refTargets = await findRefTargets(
      trx,
      scope.orgId,
      refsOfCreate.flatMap((refs) => refs.map((x) => x.toId)),
    );
    creates.forEach((w, i) => {
      for (const e of refProblems(ledger, '', refsOfCreate[i], refTargets)) errors.push({ ...e, row: w.row });
    });

    if (errors.length) throw refused([...errors, ...stale]);
    if (forbiddenAt) throw forbiddenAt;
    if (stale.length) throw refusal(stale, (detail, listed) => conflict(detail, listed));

    const storedKeys = creates.length
      ? new Set((await findRecordKeys(trx, scope.orgId, ledger.key, keySpan(ledger, creates))).map((r) => storedKey(ledger, r)))
      : new Set<string>();
    const newKeys = new Map<string, number>();
    const keyOf = creates.map((w) => duplicateKey(ledger, w.data));
    for (const k of keyOf) newKeys.set(k, (newKeys.get(k) ?? 0) + 1);
    const duplicates = keyOf.filter((k) => storedKeys.has(k) || (newKeys.get(k) ?? 0) > 1).length;
    const result: ImportResult = {
      created: creates.length,
      updated: updates.length,
      unchanged,
      duplicates,
      dryRun,
      count: rows.length,
    };
    const total = creates.length + updates.length;
    if (dryRun || total === 0) return result;

    let done = 0;
    for (const w of updates) {
      await onRow(w.row, () => updateRecord(trx, scope, w.id, w.data, w.version));
      done++;
      if (done % IMPORT_BATCH === 0) await progress?.({ phase: 'writing', done, total, inTransaction: true });
    }

    const totals = { count: total, created: result.created, updated: result.updated, unchanged };
    const audit = (detail: Record<string, unknown>) =>
      appendAudit(trx, {
        userId: scope.userId,
        username: scope.username,
        orgId: scope.orgId,
        ip: scope.ip,
        action: 'record.import',
        entity: ledger.key,
        detail: { file: opts.fileName ?? null, ...detail },
      });
    const now = nowIso(scope.clock);
    const batches = Math.ceil(creates.length / IMPORT_BATCH);
    for (let b = 0; b < batches; b++) {
      const batch = creates.slice(b * IMPORT_BATCH, (b + 1) * IMPORT_BATCH);
      const records: Insertable<RecordTable>[] = batch.map((w) => ({
        id: randomUUID(),
        org_id: scope.orgId,
        ledger: ledger.key,
        unit_id: w.unitId,
        ...columns(ledger, w.data),
        data: JSON.stringify(w.data),
        version: 1,
        data_version: ledger.version,
        created_at: now,
        created_by: scope.userId,
        updated_at: now,
        updated_by: scope.userId,
        deleted_at: null,
      }));
      await insertRecords(trx, records);
      await insertLinks(
        trx,
        batch.flatMap((_, i) =>
          refsOfCreate[b * IMPORT_BATCH + i].map((x) => ({ from_id: records[i].id, field: x.field, to_id: x.toId, org_id: scope.orgId })),
        ),
      );
      // One entry per batch: which rows of which file became which records; the last one also carries the totals.
      await audit({
        batch: b + 1,
        batches,
        rows: [batch[0].row, batch[batch.length - 1].row],
        ids: records.map((x) => x.id),
        ...(b === batches - 1 ? totals : {}),
      });
      done += batch.length;
      await progress?.({ phase: 'writing', done, total, inTransaction: true });
    }
    if (batches === 0) await audit({ ...totals, ids: [] });
    return result;
  });
}
