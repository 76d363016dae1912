/**
 * Backups you can trust: a backup's manifest (per-table counts and digests) is signed with the
 * deployment's backup key, and a restore refuses, before writing anything and naming the table, an
 * edited cell, a truncated table or file, a forged manifest, another key and an unsigned backup
 * (unless told to accept it); text PostgreSQL cannot store (U+0000) is refused naming table, row and
 * column; SQLite → PostgreSQL → SQLite gives the same table digests.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import {
  type AnyBackup,
  type Backup,
  createBackup,
  readBackupFile,
  restoreBackup,
  tableCounts,
  tableDigest,
  type UnsignedBackup,
} from '../src/db/backup.ts';
import type { Db } from '../src/db/types.ts';
import { deriveKeys } from '../src/keys/deployment-key.ts';
import { createRecord } from '../src/ledger/record.service.ts';
import '../src/modules/index.ts';
import { systemScope } from '../src/org/scope.ts';
import { DIALECT, makeDb, makeDbOf, makeWorld, subprocessUrl, type TestDb } from './helpers.ts';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/** A bureau with records (payload keys in no sorted order) and an attachment, so every kind of cell is there. */
async function fill(db: Db): Promise<void> {
  const w = await makeWorld(db);
  const scope = systemScope(w.city);
  for (const topic of ['宪法学习', '民法典专题', '行政复议法']) {
    await createRecord(db, scope, 'study_session', { topic, kind: '干部职工集中学法', date: '2025-03-01', attendees: 12 });
  }
  const rec = await db.selectFrom('record').select('id').executeTakeFirstOrThrow();
  await db
    .insertInto('attachment')
    .values({
      id: `att-${randomBytes(4).toString('hex')}`,
      record_id: rec.id,
      org_id: w.city,
      filename: '签到表.pdf',
      mime: 'application/pdf',
      size: 4,
      sha256: 'x',
      note: '',
      effective_on: null,
      content: Buffer.from([0, 1, 2, 255]),
      uploaded_by: 'test',
      uploaded_at: '2025-03-01T00:00:00.000Z',
    })
    .execute();
}

/** The same backup as version 1 wrote it: no manifest, no signature. */
function unsignedOf(b: Backup): UnsignedBackup {
  const { manifest, tables } = clone(b);
  return {
    format: 'fazhi-backup',
    version: 1,
    createdAt: manifest.createdAt,
    dialect: manifest.dialect,
    migrations: manifest.migrations,
    tables,
  };
}

/** Only the migration's own rows: nothing was written. */
async function assertEmpty(db: Db): Promise<void> {
  const counts = await tableCounts(db);
  for (const [t, n] of Object.entries(counts)) assert.equal(n, t === 'audit_head' ? 1 : 0, `table ${t} has ${n} rows`);
}

describe('signed backups', () => {
  let src: TestDb;
  let backup: Backup;
  before(async () => {
    src = await makeDb();
    await fill(src.db);
    backup = clone(await createBackup(src.db));
  });
  after(async () => {
    await src.close();
  });

  /** Restores `b` into a fresh database, expects the error `re`, and that nothing was written. */
  async function refused(b: AnyBackup, re: RegExp, opts: Parameters<typeof restoreBackup>[2] = {}): Promise<void> {
    const target = await makeDb();
    try {
      await assert.rejects(restoreBackup(target.db, b, opts), (e: Error & { detail?: string }) => {
        assert.match(e.detail ?? e.message, re);
        return true;
      });
      await assertEmpty(target.db);
    } finally {
      await target.close();
    }
  }

  it('carries a manifest with format version, time and each table’s row count and digest', () => {
    const m = backup.manifest;
    assert.equal(m.format, 'fazhi-backup');
    assert.equal(m.version, 2);
    assert.match(m.createdAt, /^\d{4}-\d{2}-\d{2}T/);
    assert.deepEqual(Object.keys(m.tables).sort(), Object.keys(backup.tables).sort());
    for (const [t, rows] of Object.entries(backup.tables)) assert.deepEqual(m.tables[t], tableDigest(t, rows), t);
    assert.equal(m.tables.record.rows, 3);
    assert.match(backup.mac, /^[0-9a-f]{64}$/);
  });

  it('restores intact, with the same digests read back', async () => {
    const target = await makeDb();
    try {
      const res = await restoreBackup(target.db, clone(backup));
      assert.equal(res.signed, true);
      assert.equal((await verifyAuditChain(target.db)).ok, true);
      const again = await createBackup(target.db);
      for (const [t, d] of Object.entries(backup.manifest.tables)) {
        if (!t.startsWith('audit_')) assert.deepEqual(again.manifest.tables[t], d, t);
      }
    } finally {
      await target.close();
    }
  });

  it('refuses an edited cell, naming the table', async () => {
    const b = clone(backup);
    b.tables.record[1].title = '改过的标题';
    await refused(b, /表 record 的内容与备份清单的摘要不符：备份文件被改动过/);
  });

  it('refuses an edited cell even when the manifest digest is recomputed (the signature)', async () => {
    const b = clone(backup);
    b.tables.app_user[0].role = 'sysadmin';
    b.manifest.tables.app_user = tableDigest('app_user', b.tables.app_user);
    await refused(b, /备份清单的签名不符：备份文件被改动过/);
  });

  it('refuses a truncated table, a missing table and a truncated file', async () => {
    const short = clone(backup);
    short.tables.audit_log = short.tables.audit_log.slice(0, -2);
    const n = backup.manifest.tables.audit_log.rows;
    await refused(short, new RegExp(`表 audit_log 的行数与备份清单不符（清单 ${n} 行，文件中 ${n - 2} 行）：备份文件被截断或改动过`));
    const missing = clone(backup);
    delete (missing.tables as Record<string, unknown>).record_link;
    await refused(missing, /备份中缺少表 record_link：备份文件被截断或改动过/);
    const bytes = gzipSync(JSON.stringify(backup));
    assert.throws(() => readBackupFile(bytes.subarray(0, Math.floor(bytes.length / 2))), /备份文件无法解压，可能已损坏或被截断/);
    const text = Buffer.from(JSON.stringify(backup));
    assert.throws(() => readBackupFile(text.subarray(0, text.length - 10)), /备份文件不是有效的 JSON，可能已损坏或被截断/);
    assert.deepEqual(readBackupFile(bytes), backup, 'the whole file reads back');
  });

  it('refuses a backup signed with another deployment key', async () => {
    await refused(clone(backup), /备份由另一部署密钥签名（备份中的密钥标识 [0-9a-f]{16}，本机 [0-9a-f]{16}）/, {
      keys: deriveKeys(randomBytes(32)),
    });
  });

  it('refuses an unsigned (version 1) backup unless --allow-unsigned, which restores it', async () => {
    const old = unsignedOf(backup);
    await refused(old, /备份文件没有签名清单.*可加 --allow-unsigned 恢复/);
    const stripped = clone(backup) as Partial<Backup>;
    delete stripped.mac;
    assert.throws(() => readBackupFile(Buffer.from(JSON.stringify(stripped))), /备份文件没有签名清单/);
    const target = await makeDb();
    try {
      const res = await restoreBackup(target.db, old, { allowUnsigned: true });
      assert.equal(res.signed, false);
      assert.equal(res.counts.record, 3);
      assert.equal((await verifyAuditChain(target.db)).ok, true);
    } finally {
      await target.close();
    }
  });
});

describe('text PostgreSQL cannot store', () => {
  it('a SQLite backup with U+0000 is refused by PostgreSQL before writing, naming table, row and column (SQLite keeps it)', async () => {
    const lite = await makeDbOf('sqlite');
    try {
      await fill(lite.db);
      const rec = await lite.db.selectFrom('record').select(['id', 'data']).orderBy('id').executeTakeFirstOrThrow();
      // Stored before input hygiene refused it: a NUL inside the JSON payload, escaped as JSON writes it.
      const data = JSON.stringify({ ...JSON.parse(rec.data), topic: 'a\u0000b' });
      await sql`UPDATE record SET data = ${data} WHERE id = ${rec.id}`.execute(lite.db);
      const b = clone(await createBackup(lite.db));
      const row = b.tables.record.findIndex((r) => r.id === rec.id) + 1;
      const target = await makeDbOf(DIALECT);
      try {
        if (DIALECT === 'postgres') {
          await assert.rejects(restoreBackup(target.db, b), (e: Error & { detail?: string }) => {
            assert.equal(
              e.detail,
              `表 record 第 ${row} 行（编号 ${rec.id}）的字段 data 含有 PostgreSQL 无法保存的字符 U+0000，已拒绝恢复，数据库未写入任何内容；请在原系统中改正该字段后重新备份，或恢复到 SQLite`,
            );
            return true;
          });
          await assertEmpty(target.db);
          // The same in a plain text column.
          await sql`UPDATE record SET data = ${rec.data}, title = ${'x\u0000y'} WHERE id = ${rec.id}`.execute(lite.db);
          await assert.rejects(
            restoreBackup(target.db, clone(await createBackup(lite.db))),
            /表 record 第 \d+ 行（编号 [^）]+）的字段 title 含有 PostgreSQL 无法保存的字符 U\+0000/,
          );
          await assertEmpty(target.db);
        } else {
          await restoreBackup(target.db, b);
          const back = await target.db.selectFrom('record').select('data').where('id', '=', rec.id).executeTakeFirstOrThrow();
          assert.equal(JSON.parse(back.data).topic, 'a\u0000b', 'SQLite stores it losslessly');
        }
      } finally {
        await target.close();
      }
    } finally {
      await lite.close();
    }
  });
});

describe('round trip across databases', () => {
  it(`SQLite → ${DIALECT === 'postgres' ? 'PostgreSQL' : 'SQLite'} → SQLite gives the same table digests`, async () => {
    const a = await makeDbOf('sqlite');
    const b = await makeDbOf(DIALECT);
    const c = await makeDbOf('sqlite');
    try {
      await fill(a.db);
      // A payload whose keys PostgreSQL's jsonb reorders and respaces.
      const rec = await a.db.selectFrom('record').select('id').orderBy('id').executeTakeFirstOrThrow();
      await sql`UPDATE record SET data = ${'{"topic":"宪法学习","kind":"干部职工集中学法","date":"2025-03-01","attendees":12}'} WHERE id = ${rec.id}`.execute(
        a.db,
      );
      const b1 = clone(await createBackup(a.db));
      await restoreBackup(b.db, clone(b1));
      const b2 = clone(await createBackup(b.db));
      await restoreBackup(c.db, clone(b2));
      const b3 = clone(await createBackup(c.db));
      assert.equal(b2.manifest.dialect, DIALECT);
      for (const [t, d] of Object.entries(b1.manifest.tables)) {
        if (t === 'audit_log' || t === 'audit_head') continue;
        assert.deepEqual(b2.manifest.tables[t], d, `${t} after the first restore`);
        assert.deepEqual(b3.manifest.tables[t], d, `${t} after the round trip`);
      }
      // The audit rows of the first backup come back unchanged, followed by the restores' and backups' own rows.
      const n = b1.tables.audit_log.length;
      assert.equal(tableDigest('audit_log', b3.tables.audit_log.slice(0, n)).sha256, b1.manifest.tables.audit_log.sha256);
      assert.deepEqual(
        b3.tables.audit_log.slice(n).map((r) => r.action),
        ['system.restore', 'system.backup', 'system.restore', 'system.backup'],
      );
      const att = await c.db.selectFrom('attachment').select('content').executeTakeFirstOrThrow();
      assert.deepEqual([...Buffer.from(att.content)], [0, 1, 2, 255]);
    } finally {
      await a.close();
      await b.close();
      await c.close();
    }
  });
});

describe('on the command line', () => {
  it('fazhi restore refuses an unsigned backup naming --allow-unsigned, and restores it with the flag', async () => {
    const src = await makeDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-backup-cli-'));
    const dst = await makeDb();
    try {
      await fill(src.db);
      const old = unsignedOf(await createBackup(src.db));
      const file = path.join(dir, 'old.json.gz');
      fs.writeFileSync(file, gzipSync(JSON.stringify(old)));
      const url = await subprocessUrl(dst.db);
      const restore = (args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'restore', '--in', file, ...args], {
          cwd: path.resolve(import.meta.dirname, '..'),
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: url, FAZHI_DEBUG: '' },
          timeout: 60_000,
        });
      const refusedRun = restore([]);
      assert.equal(refusedRun.status, 1);
      assert.match(refusedRun.stderr, /^错误：备份文件没有签名清单.*--allow-unsigned/);
      await assertEmpty(dst.db);
      const ok = restore(['--allow-unsigned']);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /注意：该备份没有签名清单，已按 --allow-unsigned 恢复[\s\S]*审计日志哈希链校验通过/);
      assert.equal((await tableCounts(dst.db)).record, 3);
    } finally {
      await src.close();
      await dst.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
