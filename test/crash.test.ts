/**
 * kill -9 of the real server (`fazhi serve` as a child process) in the middle of a stream of writes
 * and an Excel import of a few thousand rows; then, on the same database: every write answered 2xx
 * before the kill is there, the import is there in full or not at all, every record has its audit
 * row, the keyed audit chain verifies (in this process and by `fazhi audit verify`), and the server
 * starts again on the database and answers. The kill comes after a number of acknowledged writes,
 * never after a sleep, and nothing is timed. On SQLite this is synchronous=FULL with WAL.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import ExcelJS from 'exceljs';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import type { Db } from '../src/db/types.ts';
import { type Client, client, DIALECT, makeDb, makeWorld, subprocessUrl, TEST_KEY_FILE, type TestDb } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows of the import (6 batches of IMPORT_BATCH, so a kill can fall between its batches). */
const IMPORT_ROWS = 3000;
/** Parallel writers posting records one after another. */
const WRITERS = 4;
/** Acknowledged record creates after which the server is killed (first case). */
const KILL_AFTER = 80;
/** How often the second case asks an import job how far it has come (a pace, not a deadline). */
const POLL_MS = 20;
const IMPORTED = '导入行';
const WRITTEN = '逐条写入';

type Serve = { child: ChildProcess; base: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

/** Starts `fazhi serve` on a free port and resolves once it prints its address. */
function serve(env: Record<string, string>): Promise<Serve> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, FAZHI_DEBUG: '', ...env },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /已启动：(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ child, base: m[1], exited });
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    void exited.then((e) => reject(new Error(`serve exited early (${e.code ?? e.signal}): ${out}${err}`)));
  });
}

async function importFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['*日期', '*形式', '*学习主题', '参加人数', '组织科室']);
  for (let i = 0; i < IMPORT_ROWS; i++)
    ws.addRow([`2025-${String((i % 12) + 1).padStart(2, '0')}-10`, '在线学法', `${IMPORTED}${i}`, i % 50]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function postImport(c: Client, file: Buffer, query = ''): Promise<{ status: number; body: { id?: string } }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), 'crash.xlsx');
  const res = await c.raw(`/api/ledgers/study_session/import${query}`, { method: 'POST', body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

const titlesLike = async (db: Db, prefix: string) =>
  (await db.selectFrom('record').select(['id', 'title']).where('title', 'like', `${prefix}%`).execute()).map((r) => r.id);

/**
 * How the server is killed: after KILL_AFTER acknowledged creates while a waited-for import runs
 * beside them; or, with the import as a job (async=1), once the job reports its writing phase
 * (inside its transaction, where the database lets progress be written beside it: PostgreSQL) or
 * its checking phase (the transaction is next: SQLite), or has finished. On SQLite the poll waits
 * behind the import's transaction on the one connection, so it mostly sees the end: the case then
 * proves an acknowledged job import survives the kill whole.
 */
type Trigger = 'acks' | 'import-job';

type Run = { acked: string[]; importAcked: boolean; seen: string };

/** Starts the server, writes and imports until the trigger fires, kills it with SIGKILL. */
async function writeAndKill(env: Record<string, string>, trigger: Trigger): Promise<Run> {
  const file = await importFile();
  const server = await serve(env);
  const c = await client(server.base, 'officer');
  const run: Run = { acked: [], importAcked: false, seen: 'nothing' };
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    server.child.kill('SIGKILL');
  };
  let n = 0;
  const writer = async () => {
    while (!killed) {
      const i = n++;
      try {
        const r = await c.post('/api/ledgers/study_session/records', {
          data: { date: '2025-06-01', kind: '在线学法', topic: `${WRITTEN}${i}`, attendees: i % 30 },
        });
        if (r.status >= 200 && r.status < 300) run.acked.push(r.body.id);
        else assert.fail(`create ${i}: ${r.status} ${JSON.stringify(r.body)}`);
      } catch (e) {
        if (!killed) throw e;
      }
      if (trigger === 'acks' && run.acked.length >= KILL_AFTER) kill();
    }
  };
  const importing = async () => {
    try {
      if (trigger === 'acks') {
        const r = await postImport(c, file);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        run.importAcked = true;
        return;
      }
      const started = await postImport(c, file, '?async=1');
      assert.equal(started.status, 202, JSON.stringify(started.body));
      const past = DIALECT === 'postgres' ? ['writing'] : ['checking', 'writing'];
      for (;;) {
        const job = await c.get(`/api/import-jobs/${started.body.id}`);
        assert.equal(job.status, 200, JSON.stringify(job.body));
        if (job.body.status !== 'running') {
          assert.equal(job.body.status, 'done', JSON.stringify(job.body));
          run.importAcked = true;
          run.seen = 'done';
          break;
        }
        if (past.includes(job.body.phase)) {
          run.seen = `${job.body.phase} ${job.body.rowsDone}/${job.body.rowsTotal}`;
          break;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      kill();
    } catch (e) {
      if (!killed) throw e;
    }
  };
  await Promise.all([...Array.from({ length: WRITERS }, writer), importing()]);
  const exit = await server.exited;
  assert.equal(exit.signal, 'SIGKILL');
  return run;
}

/** The database after the kill: acknowledged writes, the import whole or absent, audit rows, the keyed chain; the server starts again. */
async function checkAfterKill(ctx: TestContext, db: Db, env: Record<string, string>, run: Run): Promise<void> {
  const present = new Set((await db.selectFrom('record').select('id').execute()).map((r) => r.id));
  const missing = run.acked.filter((id) => !present.has(id));
  assert.deepEqual(missing, [], 'every create answered 2xx before the kill is in the database');

  const importIds = await titlesLike(db, IMPORTED);
  ctx.diagnostic(
    `acknowledged creates ${run.acked.length}, records ${present.size}; import acknowledged ${run.importAcked} (job seen: ${run.seen}), imported rows ${importIds.length}`,
  );
  assert.ok(importIds.length === 0 || importIds.length === IMPORT_ROWS, `import all or nothing, found ${importIds.length} rows`);
  if (run.importAcked) assert.equal(importIds.length, IMPORT_ROWS, 'an acknowledged import is there in full');

  // No record without its audit row: each create has its record.create row, the imported ids are named by record.import rows.
  const written = await titlesLike(db, WRITTEN);
  const creates = await db.selectFrom('audit_log').select('entity_id').where('action', '=', 'record.create').execute();
  assert.equal(creates.length, written.length, 'one record.create audit row per record');
  assert.deepEqual(new Set(creates.map((r) => r.entity_id)), new Set(written));
  const importAudit = await db.selectFrom('audit_log').select('detail').where('action', '=', 'record.import').execute();
  const auditedImport = importAudit.flatMap((r) => (JSON.parse(r.detail) as { ids: string[] }).ids);
  assert.deepEqual(new Set(auditedImport), new Set(importIds), 'the import batches name exactly the imported records');

  const chain = await verifyAuditChain(db);
  assert.equal(chain.ok, true, JSON.stringify(chain));
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'audit', 'verify'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FAZHI_DEBUG: '', ...env },
    timeout: 60_000,
  });
  assert.equal(cli.status, 0, cli.stdout + cli.stderr);
  assert.match(cli.stdout, /审计日志哈希链校验通过/);

  // The server starts again on the same database, answers reads and takes writes.
  const again = await serve(env);
  try {
    const c = await client(again.base, 'officer');
    const list = await c.get('/api/ledgers/study_session/records?pageSize=1');
    assert.equal(list.status, 200);
    assert.equal(list.body.total, written.length + importIds.length);
    const more = await c.post('/api/ledgers/study_session/records', {
      data: { date: '2025-06-02', kind: '在线学法', topic: '重启后写入' },
    });
    assert.equal(more.status, 201, JSON.stringify(more.body));
  } finally {
    again.child.kill('SIGTERM');
    await again.exited;
  }
  assert.equal((await verifyAuditChain(db)).ok, true);
}

describe('kill -9 during writes and an import', () => {
  const dbs: TestDb[] = [];
  const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-crash-'));
  /** A fresh database with the standard world, and the environment of a server on it. */
  const fresh = async (name: string) => {
    const t = await makeDb();
    dbs.push(t);
    await makeWorld(t.db);
    const env = {
      DATABASE_URL: await subprocessUrl(t.db),
      FAZHI_KEY_FILE: TEST_KEY_FILE,
      AUDIT_ANCHOR_FILE: path.join(anchorDir, `${name}.jsonl`),
      SECOND_FACTOR: 'off',
      PORT: '0',
      HOST: '127.0.0.1',
    };
    return { t, env };
  };
  after(async () => {
    for (const t of dbs) await t.close();
    fs.rmSync(anchorDir, { recursive: true, force: true });
  });

  it('killed after 80 acknowledged creates beside an import: every acknowledged write, the import whole or not at all, an audit row per record, the keyed chain', async (ctx) => {
    const { t, env } = await fresh('acks');
    const run = await writeAndKill(env, 'acks');
    await checkAfterKill(ctx, t.open(), env, run);
  });

  it('killed once an import job reports its writing phase (PostgreSQL: inside its transaction) or its end: the import not there at all or whole, the rest as above', async (ctx) => {
    const { t, env } = await fresh('job');
    const run = await writeAndKill(env, 'import-job');
    await checkAfterKill(ctx, t.open(), env, run);
  });
});
