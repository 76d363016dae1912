/**
 * Portable logical backup: every table as JSON rows (binary columns base64), readable by either
 * database. The audit chain is verified before a backup is written and after a restore; a restore goes
 * only into an empty, migrated database, in one transaction.
 */
import { sql } from 'kysely';
import { appendAudit, verifyAuditChain } from '../audit/audit.service.ts';
import { AppError } from '../errors.ts';
import { nowIso } from '../util/time.ts';
import { dialectOf } from './dialect.ts';
import type { Db } from './types.ts';

export const BACKUP_FORMAT = 'fazhi-backup';

type Cell = string | number | null | { $base64: string };
type Row = Record<string, Cell>;
export type Backup = {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  dialect: string;
  migrations: string[];
  audit: { checked: number; head: string };
  /** table → rows, in an order that satisfies the foreign keys */
  tables: Record<string, Row[]>;
};

/**
 * Tables never backed up: the migrator's own, sessions and logins under way (everyone logs in again
 * after a restore), the login failure counters, and the org tree version (a cache check the migration
 * creates and the org triggers keep).
 */
const SKIP = new Set(['kysely_migration', 'kysely_migration_lock', 'session', 'login_challenge', 'login_throttle', 'org_tree_version']);

const fail = (detail: string) => new AppError('backup', 400, '备份与恢复', detail);

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

export async function createBackup(db: Db, opts: { actor?: string } = {}): Promise<Backup> {
  const check = await verifyAuditChain(db);
  if (!check.ok) throw fail(`审计日志哈希链校验失败（第 ${check.brokenAt} 条：${check.reason}），已停止备份；请先由审计管理员核查`);
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
    return {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: nowIso(),
      dialect: dialectOf(trx),
      migrations: migrations.rows.map((m) => m.name),
      audit: { checked: check.checked + 1, head: String(head?.hash ?? '') },
      tables: out,
    };
  };
  if (dialectOf(db) === 'postgres') return db.transaction().setIsolationLevel('repeatable read').execute(run);
  return db.transaction().execute(run);
}

export function parseBackup(text: string): Backup {
  let b: unknown;
  try {
    b = JSON.parse(text);
  } catch {
    throw fail('备份文件不是有效的 JSON，可能已损坏');
  }
  const x = b as Partial<Backup>;
  if (!x || x.format !== BACKUP_FORMAT || x.version !== 1 || typeof x.tables !== 'object' || x.tables === null) {
    throw fail('不是本系统的备份文件（格式标识不符）');
  }
  return x as Backup;
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

export async function restoreBackup(db: Db, backup: Backup): Promise<{ counts: Record<string, number>; auditChecked: number }> {
  const current = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  const have = new Set(current.rows.map((r) => r.name));
  const missing = backup.migrations.filter((m) => !have.has(m));
  if (missing.length) throw fail(`备份来自较新的版本（缺少数据库迁移：${missing.join('、')}），请先升级本系统`);
  const e = await isEmpty(db);
  if (!e.empty) throw fail(`目标数据库不是空的（表 ${e.table} 中已有数据）。恢复只能装入新建并已迁移的空数据库，以免覆盖现有数据`);
  const { tables, fks } = await tablesAndKeys(db);
  for (const t of Object.keys(backup.tables)) if (!tables.includes(t)) throw fail(`备份中的表 ${t} 在当前数据库中不存在`);
  const pg = dialectOf(db) === 'postgres';
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
    if (!check.ok) throw fail(`恢复后的审计日志哈希链校验失败（第 ${check.brokenAt} 条：${check.reason}），已全部撤销，数据库保持为空`);
    await appendAudit(trx, {
      userId: null,
      username: 'cli',
      orgId: null,
      ip: 'cli',
      action: 'system.restore',
      entity: 'database',
      detail: { createdAt: backup.createdAt, from: backup.dialect },
    });
  });
  const check = await verifyAuditChain(db);
  return { counts: await tableCounts(db), auditChecked: check.checked };
}
