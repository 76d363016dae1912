/**
 * Import jobs: an import the client does not wait for. The upload is read, a job row is written, the
 * import runs on in this process and writes its progress to the job row, and any app server answers
 * the polls from that row (several servers share one database; progress kept in one process would
 * be invisible to the others). The import itself is the same all-or-nothing importLedgerXlsx; a job
 * only observes it. A job whose server stopped mid-way is reported interrupted once it has not moved
 * for INTERRUPTED_AFTER_MS (its transaction was never committed, so nothing was written).
 */
import { randomUUID } from 'node:crypto';
import type { ImportCounts, ImportJob } from '../contract.ts';
import { writesBesideTransaction } from '../db/dialect.ts';
import type { Db } from '../db/types.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { nowIso } from '../util/time.ts';
import { type ExcelImportOpts, importBusy, importLedgerXlsx } from './excel.ts';
import { deleteJobsFinishedBefore, findImportJob, type ImportJobRow, insertImportJob, updateRunningJob } from './import.repo.ts';
import type { ImportProgress } from './import.service.ts';
import { getLedger } from './registry.ts';

const MSG = {
  interrupted: '导入已中断（服务器可能已重启），未导入任何记录，请重新导入',
  internal: (id: string) => `导入时发生服务器内部错误，未导入任何记录，请联系管理员（导入任务 ${id}）`,
};

/** A running job not updated for this long was left by a server that stopped. */
const INTERRUPTED_AFTER_MS = 10 * 60_000;
/** Finished jobs are kept this long for their page to show the outcome. */
const KEEP_FINISHED_MS = 7 * 24 * 3_600_000;
/** Progress is written at most this often (a batch of 500 rows takes a few milliseconds). */
const PROGRESS_EVERY_MS = 300;

function toJob(r: ImportJobRow, now = Date.now()): ImportJob {
  const interrupted = r.status === 'running' && now - Date.parse(r.updated_at) > INTERRUPTED_AFTER_MS;
  return {
    id: r.id,
    ledger: r.ledger,
    fileName: r.file_name,
    dryRun: Number(r.dry_run) === 1,
    status: interrupted ? 'failed' : r.status === 'done' || r.status === 'failed' ? r.status : 'running',
    phase: r.phase === 'checking' || r.phase === 'writing' ? r.phase : 'reading',
    rowsDone: Number(r.rows_done),
    rowsTotal: r.rows_total === null ? null : Number(r.rows_total),
    result: r.result ? (JSON.parse(r.result) as ImportCounts) : null,
    error: interrupted ? { status: 500, detail: MSG.interrupted } : r.error ? (JSON.parse(r.error) as ImportJob['error']) : null,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** The job's answer when the import is refused: the problem fields a synchronous import would have answered. */
function problemOf(e: unknown, jobId: string): NonNullable<ImportJob['error']> {
  if (e instanceof AppError) {
    return {
      status: e.status,
      detail: e.detail,
      ...(e.field ? { field: e.field } : {}),
      ...(e.errors.length ? { errors: [...e.errors] } : {}),
    };
  }
  console.error(`[import ${jobId}]`, e);
  return { status: 500, detail: MSG.internal(jobId) };
}

/**
 * Writes progress to the job row, throttled, in order. From inside the import's transaction a write
 * is not awaited: with every pooled connection held by a running import, awaiting it would stall
 * them all; `flush` waits for the writes still queued. Where the database cannot write beside the
 * transaction at all (SQLite), progress from inside it is not written.
 */
function progressWriter(db: Db, id: string) {
  let last = 0;
  let queue: Promise<void> = Promise.resolve();
  const write = async (p: ImportProgress): Promise<void> => {
    if (p.inTransaction && !writesBesideTransaction(db)) return;
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && p.done !== p.total) return;
    last = now;
    queue = queue
      .then(() => updateRunningJob(db, id, { phase: p.phase, rows_done: p.done, rows_total: p.total, updated_at: nowIso() }))
      .catch((e: unknown) => console.error(`[import ${id}] progress not recorded`, e));
    if (!p.inTransaction) await queue;
  };
  return { write, flush: () => queue };
}

/**
 * Starts an import of `content` the caller does not wait for: checks the permission, writes the job
 * and returns it with `finished`, which settles when the import has ended (it never rejects: the
 * outcome is in the job row). `db` must be the root handle, not a transaction.
 */
export async function startImportJob(
  db: Db,
  scope: Scope,
  ledgerKey: string,
  file: { name: string; content: Buffer },
  opts: Omit<ExcelImportOpts, 'onProgress' | 'fileName'>,
): Promise<{ job: ImportJob; finished: Promise<void> }> {
  const ledger = getLedger(ledgerKey);
  requirePerm(scope, 'ledger.write');
  if (ledger.serviceOnly) throw forbidden(ledger.serviceOnly);
  // The slot is taken before the job exists (a refused import leaves no job) and held until it ends.
  const { slots, ...limits } = opts;
  const release = slots?.acquire(importBusy) ?? (() => undefined);
  try {
    return await startJob(db, scope, ledger.key, file, limits, release);
  } catch (e) {
    release();
    throw e;
  }
}

async function startJob(
  db: Db,
  scope: Scope,
  ledgerKey: string,
  file: { name: string; content: Buffer },
  opts: Omit<ExcelImportOpts, 'onProgress' | 'fileName' | 'slots'>,
  release: () => void,
): Promise<{ job: ImportJob; finished: Promise<void> }> {
  const ledger = getLedger(ledgerKey);
  const id = randomUUID();
  const started = nowIso();
  const row: ImportJobRow = {
    id,
    org_id: scope.orgId,
    ledger: ledger.key,
    user_id: scope.userId,
    file_name: file.name,
    dry_run: opts.dryRun ? 1 : 0,
    status: 'running',
    phase: 'reading',
    rows_done: 0,
    rows_total: null,
    result: null,
    error: null,
    started_at: started,
    updated_at: started,
    finished_at: null,
  };
  await deleteJobsFinishedBefore(db, new Date(Date.now() - KEEP_FINISHED_MS).toISOString());
  await insertImportJob(db, row);
  const finish = async (set: { status: 'done' | 'failed'; result?: string; error?: string; rows_done?: number; rows_total?: number }) => {
    const at = nowIso();
    await updateRunningJob(db, id, { ...set, updated_at: at, finished_at: at });
  };
  const progress = progressWriter(db, id);
  const finished = (async () => {
    try {
      const result = await importLedgerXlsx(db, scope, ledger.key, file.content, {
        ...opts,
        fileName: file.name,
        onProgress: progress.write,
      });
      await progress.flush();
      await finish({ status: 'done', result: JSON.stringify(result), rows_done: result.count, rows_total: result.count });
    } catch (e) {
      await progress.flush();
      await finish({ status: 'failed', error: JSON.stringify(problemOf(e, id)) });
    }
  })()
    .catch((e: unknown) => console.error(`[import ${id}] could not record the outcome`, e))
    .finally(release);
  return { job: toJob(row), finished };
}

/** A job the caller started (anyone else's answers "not found"). */
export async function getImportJob(db: Db, scope: Scope, id: string): Promise<ImportJob> {
  requirePerm(scope, 'ledger.write');
  const row = await findImportJob(db, id, scope.userId, scope.readOrgIds);
  if (!row) throw notFound();
  return toJob(row);
}
