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
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import type { Db } from '../src/db/types.ts';
import { type Client, client, makeDb, makeWorld, subprocessUrl, TEST_KEY_FILE, type TestDb } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows of the import (6 batches of IMPORT_BATCH, so a kill can fall between its batches). */
const IMPORT_ROWS = 3000;
/** Parallel writers posting records one after another. */
const WRITERS = 4;
/** Acknowledged record creates after which the server is killed. */
const KILL_AFTER = 80;
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

async function postImport(c: Client, file: Buffer): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), 'crash.xlsx');
  const res = await c.raw('/api/ledgers/study_session/import', { method: 'POST', body: form });
  await res.text();
  return res.status;
}

const titlesLike = async (db: Db, prefix: string) =>
  (await db.selectFrom('record').select(['id', 'title']).where('title', 'like', `${prefix}%`).execute()).map((r) => r.id);

describe('kill -9 during writes and an import', () => {
  let t: TestDb;
  let after1: Db;
  let env: Record<string, string>;
  const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-crash-'));
  before(async () => {
    t = await makeDb();
    await makeWorld(t.db);
    env = {
      DATABASE_URL: await subprocessUrl(t.db),
      FAZHI_KEY_FILE: TEST_KEY_FILE,
      AUDIT_ANCHOR_FILE: path.join(anchorDir, 'anchors.jsonl'),
      SECOND_FACTOR: 'off',
      PORT: '0',
      HOST: '127.0.0.1',
    };
  });
  after(async () => {
    await t.close();
    fs.rmSync(anchorDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, the import whole or not at all, an audit row per record and the keyed chain', async (ctx) => {
    const file = await importFile();
    const server = await serve(env);
    const c = await client(server.base, 'officer');

    const acked: string[] = [];
    const answer: { import: number | 'lost' } = { import: 'lost' };
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
          if (r.status >= 200 && r.status < 300) acked.push(r.body.id);
          else assert.fail(`create ${i}: ${r.status} ${JSON.stringify(r.body)}`);
        } catch (e) {
          if (!killed) throw e;
        }
        if (acked.length >= KILL_AFTER) kill();
      }
    };
    // The import starts with the writers; the kill comes after KILL_AFTER acknowledged creates, whatever
    // the import has reached by then (reading, writing its batches, or done).
    const imported = postImport(c, file).then(
      (s) => {
        answer.import = s;
      },
      (e: unknown) => {
        if (!killed) throw e;
      },
    );
    await Promise.all([...Array.from({ length: WRITERS }, writer), imported]);
    const exit = await server.exited;
    assert.equal(exit.signal, 'SIGKILL');
    assert.ok(acked.length >= KILL_AFTER);

    after1 = t.open();
    const present = new Set((await after1.selectFrom('record').select('id').execute()).map((r) => r.id));
    const missing = acked.filter((id) => !present.has(id));
    assert.deepEqual(missing, [], 'every create answered 2xx before the kill is in the database');

    const importIds = await titlesLike(after1, IMPORTED);
    ctx.diagnostic(
      `acknowledged creates ${acked.length}, present ${present.size}; import answered ${answer.import}, rows ${importIds.length}`,
    );
    assert.ok(importIds.length === 0 || importIds.length === IMPORT_ROWS, `import all or nothing, found ${importIds.length} rows`);
    if (answer.import === 200) assert.equal(importIds.length, IMPORT_ROWS, 'an acknowledged import is there in full');
    else assert.equal(answer.import, 'lost', `the import was answered ${answer.import}`);

    // No record without its audit row: each create has its record.create row, the imported ids are named by record.import rows.
    const written = await titlesLike(after1, WRITTEN);
    const creates = await after1.selectFrom('audit_log').select('entity_id').where('action', '=', 'record.create').execute();
    assert.equal(creates.length, written.length, 'one record.create audit row per record');
    assert.deepEqual(new Set(creates.map((r) => r.entity_id)), new Set(written));
    const importAudit = await after1.selectFrom('audit_log').select('detail').where('action', '=', 'record.import').execute();
    const auditedImport = importAudit.flatMap((r) => (JSON.parse(r.detail) as { ids: string[] }).ids);
    assert.deepEqual(new Set(auditedImport), new Set(importIds), 'the import batches name exactly the imported records');

    const chain = await verifyAuditChain(after1);
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
      const c2 = await client(again.base, 'officer');
      const list = await c2.get('/api/ledgers/study_session/records?pageSize=1');
      assert.equal(list.status, 200);
      assert.equal(list.body.total, written.length + importIds.length);
      const more = await c2.post('/api/ledgers/study_session/records', {
        data: { date: '2025-06-02', kind: '在线学法', topic: '重启后写入' },
      });
      assert.equal(more.status, 201, JSON.stringify(more.body));
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
    assert.equal((await verifyAuditChain(after1)).ok, true);
  });
});
