/**
 * Portable logical backup: every table as JSON rows (binary columns base64), readable by either
 * database. A backup carries a manifest (format version, time, per-table row counts and the SHA-256
 * of each table's canonical content) signed with HMAC-SHA256 under the backup subkey of the
 * deployment key; a restore checks the signature and every table against the manifest before it
 * writes anything, and refuses unsigned (version 1) backups unless told to accept them. The audit
 * chain is verified before a backup is written and after a restore; a restore goes only into an
 * empty, migrated database, in one transaction. Table digests do not depend on the database a
 * backup was made on, so SQLite → PostgreSQL → SQLite gives the same digests.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { appendAudit, verifyAuditChain } from '../audit/audit.service.ts';
import { AppError } from '../errors.ts';
import { type DeploymentKeys, deploymentKeys } from '../keys/deployment-key.ts';
import { nowIso } from '../util/time.ts';
import { BACKUP_MSG } from './backup.messages.ts';
import { dialectOf } from './dialect.ts';
import type { Db } from './types.ts';

export const BACKUP_FORMAT = 'fazhi-backup';
export const BACKUP_VERSION = 2;

type Cell = string | number | null | { $base64: string };
type Row = Record<string, Cell>;

export type TableDigest = { rows: number; sha256: string };
export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  dialect: string;
  migrations: string[];
  audit: { checked: number; head: string };
  /** fingerprint of the backup key the manifest is signed with (public; names a wrong key as such) */
  keyId: string;
  tables: Record<string, TableDigest>;
};

/** A signed backup: the manifest, its HMAC, and table → rows in an order that satisfies the foreign keys. */
export type Backup = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  manifest: BackupManifest;
  mac: string;
  tables: Record<string, Row[]>;
};

/** A backup of format version 1 (before manifests): no digests, no signature. */
export type UnsignedBackup = {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  dialect: string;
  migrations: string[];
  tables: Record<string, Row[]>;
};

export type AnyBackup = Backup | UnsignedBackup;

/**
 * Columns that PostgreSQL stores as jsonb, which it gives back normalised (keys reordered, spaces
 * added): their digest is over the parsed document with sorted keys, so it is the same on both
 * databases. A jsonb column missing here is refused when a backup is made on PostgreSQL.
 */
const JSON_COLUMNS: Record<string, readonly string[]> = { record: ['data'] };

/**
 * Tables never backed up: the migrator's own, sessions and logins under way (everyone logs in again
 * after a restore), the login failure counters, the org tree version (a cache check the migration
 * creates and the org triggers keep), and job leases (which server runs a periodic job now).
 */
const SKIP = new Set([
  'kysely_migration',
  'kysely_migration_lock',
  'session',
  'login_challenge',
  'login_throttle',
  'org_tree_version',
  'job_lease',
]);

const fail = (detail: string) => new AppError('backup', 400, '备份与恢复', detail);

/** JSON with object keys sorted at every depth: one text per value. */
function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
    .join(',')}}`;
}

function canonicalCell(table: string, column: string, v: Cell): unknown {
  if (typeof v === 'string' && JSON_COLUMNS[table]?.includes(column)) {
    try {
      return { $json: JSON.parse(v) };
    } catch {
      return v;
    }
  }
  return v;
}

/** SHA-256 of a table's rows, each as sorted-key JSON of its canonical cells, in sorted order (row order does not count). */
export function tableDigest(table: string, rows: Row[]): TableDigest {
  const lines = rows
    .map((r) => stableStringify(Object.fromEntries(Object.entries(r).map(([c, v]) => [c, canonicalCell(table, c, v)]))))
    .sort();
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return { rows: rows.length, sha256: h.digest('hex') };
}

function manifestMac(keys: DeploymentKeys, m: BackupManifest): string {
  return createHmac('sha256', keys.backup).update(stableStringify(m)).digest('hex');
}

export function backupKeyId(keys: DeploymentKeys): string {
  return createHmac('sha256', keys.backup).update('fazhi backup key id').digest('hex').slice(0, 16);
}

type Fk = { table: string; column: string; refTable: string };

async function tablesAndKeys(db: Db): Promise<{ tables: string[]; fks: Fk[] }> {
  if (dialectOf(db) === 'postgres') {
    const t = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
    const f = await sql<Fk>`SELECT kcu.table_name AS "table", kcu.column_name AS "column", ccu.table_name AS "refTable"
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`.execute(db);
    return { tables: t.rows.map((r) => r.name).filter((n) => !SKIP.has(n)), fks: f.rows };
  }
  // Ordinary tables only: the title search index (FTS5, a virtual table and its shadow tables) is
  // derived from record and rebuilt by its triggers as the rows are restored.
  const t = await sql<{
    name: string;
  }>`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
  const tables = t.rows.map((r) => r.name).filter((n) => !SKIP.has(n));
  const fks: Fk[] = [];
  for (const table of tables) {
    const r = await sql<{ table: string; from: string }>`SELECT "table", "from" FROM pragma_foreign_key_list(${table})`.execute(db);
    for (const k of r.rows) fks.push({ table, column: k.from, refTable: k.table });
  }
  return { tables, fks };
}

/** Parents before children. */
function orderTables(tables: string[], fks: Fk[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (seen.has(t) || path.has(t)) return;
    path.add(t);
    for (const fk of fks) if (fk.table === t && fk.refTable !== t && tables.includes(fk.refTable)) visit(fk.refTable, path);
    seen.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** Rows of a self-referencing table (org.parent_id) ordered parents first. */
function orderSelfRef(rows: Row[], column: string): Row[] {
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const out: Row[] = [];
  const done = new Set<string>();
  const visit = (r: Row, depth: number) => {
    const id = String(r.id);
    if (done.has(id) || depth > rows.length) return;
    const parent = r[column];
    if (typeof parent === 'string' && byId.has(parent)) visit(byId.get(parent) as Row, depth + 1);
    done.add(id);
    out.push(r);
  };
  for (const r of rows) visit(r, 0);
  return out;
}

function encode(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { $base64: Buffer.from(v).toString('base64') };
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

function decode(v: Cell): unknown {
  if (v !== null && typeof v === 'object') return Buffer.from(v.$base64, 'base64');
  return v;
}

/** PostgreSQL: every jsonb column is one JSON_COLUMNS knows, else its digest would differ across databases. */
async function checkJsonColumns(db: Db): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  const r = await sql<{ t: string; c: string }>`SELECT table_name AS t, column_name AS c FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type IN ('json', 'jsonb')`.execute(db);
  for (const { t, c } of r.rows)
    if (!JSON_COLUMNS[t]?.includes(c)) throw new Error(`backup: jsonb column ${t}.${c} is not in JSON_COLUMNS`);
}

const hasNul = (v: unknown): boolean =>
  typeof v === 'string'
    ? v.includes('\u0000')
    : Array.isArray(v)
      ? v.some(hasNul)
      : v !== null && typeof v === 'object'
        ? Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x))
        : false;

/**
 * PostgreSQL cannot store U+0000 in text or jsonb (SQLite can). Such a backup is refused before
 * anything is written, naming the first table, row and column, rather than failing halfway.
 */
function refuseNul(tables: Record<string, Row[]>): void {
  for (const [t, rows] of Object.entries(tables)) {
    rows.forEach((r, i) => {
      for (const [c, v] of Object.entries(r)) {
        if (typeof v !== 'string') continue;
        let nul = v.includes('\u0000');
        if (!nul && JSON_COLUMNS[t]?.includes(c) && v.includes('\\u0000')) {
          try {
            nul = hasNul(JSON.parse(v));
          } catch {
            nul = false;
          }
        }
        if (nul) throw fail(BACKUP_MSG.nul(t, i + 1, String(r.id ?? r.seq ?? r.job ?? ''), c));
      }
    });
  }
}

export async function createBackup(db: Db, opts: { actor?: string; keys?: DeploymentKeys } = {}): Promise<Backup> {
  const keys = opts.keys ?? deploymentKeys();
  const check = await verifyAuditChain(db);
  if (!check.ok) throw fail(BACKUP_MSG.chainBeforeBackup(check.brokenAt, check.reason));
  await appendAudit(db, {
    userId: null,
    username: opts.actor ?? 'cli',
    orgId: null,
    ip: 'cli',
    action: 'system.backup',
    entity: 'database',
  });
  const run = async (trx: Db): Promise<Backup> => {
    const { tables, fks } = await tablesAndKeys(trx);
    await checkJsonColumns(trx);
    const out: Record<string, Row[]> = {};
    for (const t of orderTables(tables, fks)) {
      const r = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(trx);
      let rows = r.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encode(v)])) as Row);
      const self = fks.find((k) => k.table === t && k.refTable === t);
      if (self) rows = orderSelfRef(rows, self.column);
      if (t === 'audit_log') rows.sort((a, b) => Number(a.seq) - Number(b.seq));
      out[t] = rows;
    }
    const migrations = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(trx);
    const head = (out.audit_head ?? [])[0];
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: nowIso(),
      dialect: dialectOf(trx),
      migrations: migrations.rows.map((m) => m.name),
      audit: { checked: check.checked + 1, head: String(head?.hash ?? '') },
      keyId: backupKeyId(keys),
      tables: Object.fromEntries(Object.entries(out).map(([t, rows]) => [t, tableDigest(t, rows)])),
    };
    return { format: BACKUP_FORMAT, version: BACKUP_VERSION, manifest, mac: manifestMac(keys, manifest), tables: out };
  };
  if (dialectOf(db) === 'postgres') return db.transaction().setIsolationLevel('repeatable read').execute(run);
  return db.transaction().execute(run);
}

/** A backup file's bytes (gzip or plain JSON) as a backup; a damaged or foreign file is refused in Chinese. */
export function readBackupFile(raw: Buffer): AnyBackup {
  let text: string;
  try {
    text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  } catch {
    throw fail(BACKUP_MSG.notGzip);
  }
  return parseBackup(text);
}

export function parseBackup(text: string): AnyBackup {
  let b: unknown;
  try {
    b = JSON.parse(text);
  } catch {
    throw fail(BACKUP_MSG.notJson);
  }
  const x = b as Partial<Backup> | Partial<UnsignedBackup> | null;
  if (!x || x.format !== BACKUP_FORMAT || typeof x.tables !== 'object' || x.tables === null) throw fail(BACKUP_MSG.notOurs);
  if (x.version === 1) return x as UnsignedBackup;
  if (x.version !== BACKUP_VERSION) throw fail(BACKUP_MSG.unknownVersion(String(x.version)));
  const v2 = x as Partial<Backup>;
  if (typeof v2.mac !== 'string' || typeof v2.manifest !== 'object' || v2.manifest === null) throw fail(BACKUP_MSG.unsigned);
  return v2 as Backup;
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks a backup before anything is written: the manifest's signature under this deployment's
 * backup key, then each table's row count and digest. An unsigned (version 1) backup passes only
 * with `allowUnsigned`. Returns the manifest's fields a restore reports.
 */
export function verifyBackup(
  b: AnyBackup,
  opts: { allowUnsigned?: boolean; keys?: DeploymentKeys } = {},
): { createdAt: string; dialect: string; migrations: string[]; signed: boolean } {
  if (b.version === 1) {
    if (!opts.allowUnsigned) throw fail(BACKUP_MSG.unsigned);
    return { createdAt: b.createdAt, dialect: b.dialect, migrations: b.migrations ?? [], signed: false };
  }
  const keys = opts.keys ?? deploymentKeys();
  const m = b.manifest;
  if (!sameHex(b.mac, manifestMac(keys, m))) {
    throw fail(m.keyId && m.keyId !== backupKeyId(keys) ? BACKUP_MSG.wrongKey(m.keyId, backupKeyId(keys)) : BACKUP_MSG.badMac);
  }
  for (const [t, want] of Object.entries(m.tables)) {
    const rows = b.tables[t];
    if (!Array.isArray(rows)) throw fail(BACKUP_MSG.tableMissing(t));
    const got = tableDigest(t, rows);
    if (got.rows !== want.rows) throw fail(BACKUP_MSG.rowCount(t, want.rows, got.rows));
    if (got.sha256 !== want.sha256) throw fail(BACKUP_MSG.digest(t));
  }
  for (const t of Object.keys(b.tables)) if (!m.tables[t]) throw fail(BACKUP_MSG.tableExtra(t));
  return { createdAt: m.createdAt, dialect: m.dialect, migrations: m.migrations, signed: true };
}

/** Counts of rows per table (for the report after a restore and for tests). */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const { tables } = await tablesAndKeys(db);
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

/** True when nothing but the migration's own rows is there (audit_head at seq 0). */
async function isEmpty(db: Db): Promise<{ empty: boolean; table?: string }> {
  const counts = await tableCounts(db);
  for (const [t, n] of Object.entries(counts)) {
    if (t === 'audit_head') {
      const h = await db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst();
      if (n > 1 || Number(h?.seq ?? 0) !== 0) return { empty: false, table: t };
    } else if (n > 0) return { empty: false, table: t };
  }
  return { empty: true };
}

export async function restoreBackup(
  db: Db,
  backup: AnyBackup,
  opts: { allowUnsigned?: boolean; keys?: DeploymentKeys } = {},
): Promise<{ counts: Record<string, number>; auditChecked: number; signed: boolean; createdAt: string }> {
  const info = verifyBackup(backup, opts);
  const current = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  const have = new Set(current.rows.map((r) => r.name));
  const missing = info.migrations.filter((m) => !have.has(m));
  if (missing.length) throw fail(BACKUP_MSG.newerVersion(missing));
  const e = await isEmpty(db);
  if (!e.empty) throw fail(BACKUP_MSG.notEmpty(e.table ?? ''));
  const { tables, fks } = await tablesAndKeys(db);
  for (const t of Object.keys(backup.tables)) if (!tables.includes(t)) throw fail(BACKUP_MSG.unknownTable(t));
  const pg = dialectOf(db) === 'postgres';
  if (pg) refuseNul(backup.tables);
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM audit_head`.execute(trx);
    for (const t of orderTables(tables, fks)) {
      const rows = backup.tables[t] ?? [];
      if (rows.length === 0) continue;
      const cols = Object.keys(rows[0]);
      const batch = Math.max(1, Math.floor(30000 / cols.length / (pg ? 1 : 1)));
      for (let i = 0; i < rows.length; i += batch) {
        const chunk = rows.slice(i, i + batch);
        const values = chunk.map((r) => sql`(${sql.join(cols.map((c) => sql`${decode(r[c] ?? null)}`))})`);
        await sql`INSERT INTO ${sql.table(t)} (${sql.join(cols.map((c) => sql.id(c)))}) VALUES ${sql.join(values)}`.execute(trx);
      }
    }
    if (pg) {
      // Serial / identity columns continue after the restored values.
      const seqs = await sql<{ t: string; c: string }>`SELECT table_name AS t, column_name AS c FROM information_schema.columns
        WHERE table_schema = current_schema() AND (column_default LIKE 'nextval%' OR is_identity = 'YES')`.execute(trx);
      for (const s of seqs.rows) {
        await sql`SELECT setval(pg_get_serial_sequence(${s.t}, ${s.c}), COALESCE((SELECT max(${sql.id(s.c)}) FROM ${sql.table(s.t)}), 0) + 1, false)`.execute(
          trx,
        );
      }
    }
    const check = await verifyAuditChain(trx);
    if (!check.ok) throw fail(BACKUP_MSG.chainAfterRestore(check.brokenAt, check.reason));
    await appendAudit(trx, {
      userId: null,
      username: 'cli',
      orgId: null,
      ip: 'cli',
      action: 'system.restore',
      entity: 'database',
      detail: { createdAt: info.createdAt, from: info.dialect, signed: info.signed },
    });
  });
  const check = await verifyAuditChain(db);
  return { counts: await tableCounts(db), auditChecked: check.checked, signed: info.signed, createdAt: info.createdAt };
}
