/**
 * The keyed audit chain, its anchors and the lease scheduler, on a real database: a database owner
 * who drops the trigger, rewrites a row and rehashes the rest without the key is caught; with the
 * key (or by cutting the tail) the anchors catch it; a wrong key is one clear message; rows from
 * before the keyed chain still verify, and are protected by the first keyed row; of two schedulers
 * on one database only one runs a tick, and the other takes over when the lease expires.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAudit, writeAnchor } from '../src/audit/anchor.service.ts';
import { appendAudit, keyedAuditHash, legacyAuditHash, verifyAuditChain, walkAuditChain } from '../src/audit/audit.service.ts';
import { loadConfig } from '../src/config.ts';
import { dialectOf } from '../src/db/dialect.ts';
import { migrateTo, migrateToLatest } from '../src/db/migrate.ts';
import type { Db } from '../src/db/types.ts';
import { deploymentKeys, deriveKeys, readDeploymentKey } from '../src/keys/deployment-key.ts';
import { auditAnchorJob } from '../src/scheduler/jobs.ts';
import { createScheduler, type Job } from '../src/scheduler/scheduler.ts';
import type { Clock } from '../src/util/time.ts';
import { client, makeDb, makeWorld, serverSuite, subprocessUrl, type TestDb, TEST_KEY_FILE } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-audit-key-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let files = 0;
const anchorFile = () => path.join(tmp, `anchors-${++files}.jsonl`);

async function dropAuditTriggers(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`DROP TRIGGER audit_log_no_update ON audit_log`.execute(db);
  else {
    await sql`DROP TRIGGER audit_log_no_update`.execute(db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
  }
}

type Hasher = Parameters<typeof legacyAuditHash>[0];

/** What a database owner does after editing a row: recompute every hash from `fromSeq` on and the head. */
async function rehashFrom(db: Db, fromSeq: number, hash: (row: Hasher, keyId: string | null) => string): Promise<void> {
  const prev = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('seq', '=', fromSeq - 1)
    .executeTakeFirst();
  let prevHash = prev?.hash ?? '0'.repeat(64);
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', fromSeq).orderBy('seq').execute();
  for (const r of rows) {
    const row = { ...r, seq: Number(r.seq), success: Number(r.success), prev_hash: prevHash };
    const h = hash(row, r.key_id);
    await db.updateTable('audit_log').set({ prev_hash: prevHash, hash: h }).where('seq', '=', row.seq).execute();
    prevHash = h;
  }
  await db.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
}

const unkeyedRehash = (row: Hasher) => legacyAuditHash(row);
const keyedRehash = (row: Hasher, keyId: string | null) => (keyId ? keyedAuditHash(row, deploymentKeys().audit) : legacyAuditHash(row));

async function firstSeqOf(db: Db, action: string): Promise<number> {
  const r = await db.selectFrom('audit_log').select('seq').where('action', '=', action).orderBy('seq').executeTakeFirstOrThrow();
  return Number(r.seq);
}

describe('deployment key', () => {
  it('is created once with mode 0600 and 32 bytes, said so on stderr, and read back the same', () => {
    const file = path.join(tmp, 'keys', 'fazhi.key');
    const said: string[] = [];
    const a = readDeploymentKey({ keyFile: file, secret: null }, (l) => said.push(l));
    assert.equal(a.length, 32);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.match(said.join('\n'), /已生成部署密钥 .*fazhi\.key/);
    const b = readDeploymentKey({ keyFile: file, secret: null }, (l) => said.push(l));
    assert.deepEqual(b, a);
    assert.equal(said.length, 1, 'created once');
    // FAZHI_SECRET wins over the file; the subkeys differ per purpose.
    const k = deriveKeys(readDeploymentKey({ keyFile: file, secret: 'x'.repeat(40) }));
    assert.notDeepEqual(k.audit, k.backup);
    assert.notDeepEqual(k.audit, k.anchor);
    assert.notDeepEqual(deriveKeys(a).audit, k.audit);
  });

  it('refuses a key file of the wrong size in Chinese', () => {
    const file = path.join(tmp, 'short.key');
    fs.writeFileSync(file, randomBytes(10), { mode: 0o600 });
    assert.throws(() => readDeploymentKey({ keyFile: file, secret: null }), /应为 32 字节，实际 10 字节/);
  });

  it('defaults beside the SQLite file, or ./data for PostgreSQL; the anchor file beside the key', () => {
    const lite = loadConfig({ DATABASE_URL: '/srv/fazhi/db/fazhi.db' });
    assert.equal(lite.keyFile, '/srv/fazhi/db/fazhi.key');
    assert.equal(lite.auditAnchorFile, '/srv/fazhi/db/audit-anchors.jsonl');
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).keyFile, path.resolve('data/fazhi.key'));
    assert.equal(loadConfig({ FAZHI_KEY_FILE: '/k/a.key', AUDIT_ANCHOR_FILE: '/l/x.jsonl' }).auditAnchorFile, '/l/x.jsonl');
  });
});

describe('keyed audit chain', () => {
  let t: TestDb;
  before(async () => {
    t = await makeDb();
    await makeWorld(t.db);
  });
  after(async () => {
    await t.close();
  });

  it('chains new rows with HMAC under the audit key and names the key on each row', async () => {
    const rows = await t.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    assert.ok(rows.length > 5);
    const keys = deploymentKeys();
    for (const r of rows) {
      assert.equal(r.key_id, keys.auditKeyId);
      const fields = { ...r, seq: Number(r.seq), success: Number(r.success) };
      assert.equal(r.hash, keyedAuditHash(fields, keys.audit));
      assert.notEqual(r.hash, legacyAuditHash(fields));
    }
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, checked: rows.length, brokenAt: null, reason: null });
  });

  it('gives one clear Chinese message for a wrong key, not a mismatch per row', async () => {
    const other = deriveKeys(randomBytes(32));
    const check = await verifyAuditChain(t.db, other);
    assert.equal(check.ok, false);
    assert.equal(check.checked, 0);
    assert.equal(check.part, 'keyed');
    assert.match(check.reason ?? '', /本机的部署密钥与写入审计日志的密钥不同.*FAZHI_KEY_FILE/);
    const full = await verifyAudit(t.db, anchorFile(), other);
    assert.equal(full.ok, false);
    assert.equal(full.anchors, null, 'the anchors are not checked against a wrong key');
  });

  it('anchors the head to a file and the database, and verifies the anchors', async () => {
    const file = anchorFile();
    const logged: string[] = [];
    const res = await writeAnchor(t.db, { file, writtenBy: 'test', log: (l) => logged.push(l) });
    assert.equal(res.ok, true, res.message);
    const head = await t.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    assert.equal(res.anchor?.seq, Number(head.seq));
    assert.equal(res.anchor?.hash, head.hash);
    assert.match(logged[0], new RegExp(`审计锚点：第 ${head.seq} 条 哈希 ${head.hash}`));
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]), res.anchor);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const again = await writeAnchor(t.db, { file, writtenBy: 'test' });
    assert.equal(again.anchor, null, 'no new anchor while the head has not moved');
    assert.match(again.message, /没有新记录/);
    const v = await verifyAudit(t.db, file);
    assert.equal(v.ok, true, JSON.stringify(v));
    assert.equal(v.anchors?.checked, 1);
    assert.deepEqual(v.anchors?.newest?.sources, ['file', 'database']);
    assert.equal(v.anchors?.newest?.seq, Number(head.seq));
    // An edited anchor line is found by its MAC.
    const edited = { ...JSON.parse(lines[0]), seq: Number(head.seq) - 1 };
    const forged = anchorFile();
    fs.writeFileSync(forged, `${JSON.stringify(edited)}\nnot json\n`);
    const bad = await verifyAudit(t.db, forged);
    assert.equal(bad.ok, false);
    assert.deepEqual(
      bad.anchors?.failures.map((f) => f.reason),
      ['锚点签名无效（锚点被改动，或部署密钥不同）', '锚点文件第 2 行无法解析'],
    );
  });
});

describe('a database owner without the key', () => {
  let t: TestDb;
  let file: string;
  before(async () => {
    t = await makeDb();
    await makeWorld(t.db);
    file = anchorFile();
    assert.equal((await writeAnchor(t.db, { file, writtenBy: 'test' })).ok, true);
    for (let i = 0; i < 5; i++) await appendAudit(t.db, { userId: null, username: 'x', orgId: null, action: `later.${i}`, entity: 'test' });
    await dropAuditTriggers(t.db);
  });
  after(async () => {
    await t.close();
  });

  it('cannot rewrite a row and rehash the rest: the keyed chain names the row, in the keyed part', async () => {
    const seq = await firstSeqOf(t.db, 'user.create');
    await sql`UPDATE audit_log SET detail = ${'{"username":"someone-else"}'} WHERE seq = ${seq}`.execute(t.db);
    await rehashFrom(t.db, seq, unkeyedRehash);
    const check = await verifyAuditChain(t.db);
    assert.equal(check.ok, false);
    assert.equal(check.brokenAt, seq);
    assert.equal(check.part, 'keyed');
    assert.equal(check.reason, '加密钥部分：记录内容与哈希值不一致');
  });

  it('with the key rehashed (a key holder), the chain holds but the anchor finds the rewrite', async () => {
    const seq = await firstSeqOf(t.db, 'user.create');
    await rehashFrom(t.db, seq, keyedRehash);
    assert.equal((await verifyAuditChain(t.db)).ok, true, 'the rehash is valid under the key');
    const v = await verifyAudit(t.db, file);
    assert.equal(v.chainOk, true);
    assert.equal(v.ok, false);
    assert.match(v.anchors?.failures[0]?.reason ?? '', /记录的哈希与锚点不符：记录被改写并重新计算了哈希/);
  });

  it('cannot cut the tail: the anchor finds its row gone', async () => {
    const anchored = JSON.parse(fs.readFileSync(file, 'utf8').trim()).seq as number;
    const keep = anchored - 3;
    await sql`DELETE FROM audit_log WHERE seq > ${keep}`.execute(t.db);
    const last = await t.db.selectFrom('audit_log').select('hash').where('seq', '=', keep).executeTakeFirstOrThrow();
    await t.db.updateTable('audit_head').set({ seq: keep, hash: last.hash }).where('id', '=', 1).execute();
    await sql`DELETE FROM audit_anchor`.execute(t.db);
    assert.equal((await verifyAuditChain(t.db)).ok, true, 'a cut tail with a rewound head is a valid chain on its own');
    const v = await verifyAudit(t.db, file);
    assert.equal(v.ok, false);
    assert.deepEqual(
      v.anchors?.failures.map((f) => f.reason),
      [`第 ${anchored} 条记录已不存在：审计日志的链尾被截断`],
    );
  });
});

describe('rows from before the keyed chain', () => {
  let t: TestDb;
  let legacy: number;
  before(async () => {
    t = await makeDb();
    // A deployment as it was before migration 0014: plain SHA-256 rows, as the old appendAudit wrote them.
    await migrateTo(t.db, '0011-account-security');
    for (let i = 1; i <= 4; i++) {
      const head = await t.db
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb('seq', '+', 1) }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      const row = {
        seq: Number(head.seq),
        at: `2025-01-0${i}T00:00:00.000Z`,
        user_id: null,
        username: 'old',
        org_id: null,
        action: `old.${i}`,
        entity: 'test',
        entity_id: null,
        success: 1,
        ip: '',
        detail: '{}',
        prev_hash: head.hash,
      };
      const hash = legacyAuditHash(row);
      await sql`INSERT INTO audit_log (seq, at, user_id, username, org_id, action, entity, entity_id, success, ip, detail, prev_hash, hash)
        VALUES (${row.seq}, ${row.at}, NULL, ${row.username}, NULL, ${row.action}, ${row.entity}, NULL, 1, '', '{}', ${row.prev_hash}, ${hash})`.execute(
        t.db,
      );
      await t.db.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
    }
    legacy = 4;
    await migrateToLatest(t.db);
    await makeWorld(t.db);
  });
  after(async () => {
    await t.close();
  });

  it('verify together with the keyed rows after them; the keyed part begins after the last of them', async () => {
    const w = await walkAuditChain(t.db);
    assert.equal(w.ok, true, JSON.stringify(w));
    assert.equal(w.keyedFrom, legacy + 1);
    const rows = await t.db.selectFrom('audit_log').select(['seq', 'key_id']).orderBy('seq').execute();
    assert.deepEqual(
      rows.slice(0, legacy + 1).map((r) => r.key_id === null),
      [true, true, true, true, false],
    );
    assert.equal((await verifyAudit(t.db, anchorFile())).ok, true);
  });

  it('an edited early row is reported in the early part; rehashed without the key, the first keyed row catches it', async () => {
    await dropAuditTriggers(t.db);
    await sql`UPDATE audit_log SET username = 'forged' WHERE seq = 2`.execute(t.db);
    const edited = await verifyAuditChain(t.db);
    assert.deepEqual([edited.brokenAt, edited.part, edited.reason], [2, 'legacy', '未加密钥的早期部分：记录内容与哈希值不一致']);
    // The owner rehashes the early rows (plain SHA-256 needs no key) up to the keyed part.
    let prev = (await t.db.selectFrom('audit_log').select('hash').where('seq', '=', 1).executeTakeFirstOrThrow()).hash;
    for (let seq = 2; seq <= legacy; seq++) {
      const r = await t.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
      const hash = legacyAuditHash({ ...r, seq, success: Number(r.success), prev_hash: prev });
      await t.db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', seq).execute();
      prev = hash;
    }
    const rehashed = await verifyAuditChain(t.db);
    assert.deepEqual([rehashed.brokenAt, rehashed.part, rehashed.reason], [legacy + 1, 'keyed', '加密钥部分：与上一条记录的链接不一致']);
  });
});

/** A clock the test moves by hand. */
function handClock(start: string): Clock & { advance: (ms: number) => void } {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

describe('lease scheduler', () => {
  let t: TestDb;
  before(async () => {
    t = await makeDb();
  });
  after(async () => {
    await t.close();
  });

  it('of two schedulers on one database exactly one runs each tick; the other takes over when the lease expires', async () => {
    const clock = handClock('2026-03-01T00:00:00.000Z');
    const runs: string[] = [];
    const job = (who: string): Job => ({
      name: 'test.every-hour',
      everyMs: 3_600_000,
      run: async () => {
        runs.push(who);
      },
    });
    const leaseMs = 90_000;
    const a = createScheduler(t.db, [job('a')], { holder: 'server-a', clock, leaseMs, log: () => {} });
    const b = createScheduler(t.open(), [job('b')], { holder: 'server-b', clock, leaseMs, log: () => {} });
    // Both tick at the same instant: one wins the lease.
    const first = await Promise.all([a.tick(), b.tick()]);
    assert.equal(first.flat().length, 1, JSON.stringify(first));
    const winner = first[0].length ? a : b;
    const loser = winner === a ? b : a;
    const wName = winner === a ? 'a' : 'b';
    const lName = winner === a ? 'b' : 'a';
    clock.advance(30_000);
    assert.deepEqual(await winner.tick(), [], 'not due again within the hour');
    assert.deepEqual(await loser.tick(), [], 'the lease is held');
    clock.advance(3_600_000);
    assert.deepEqual(await winner.tick(), ['test.every-hour']);
    assert.deepEqual(await loser.tick(), []);
    // The winner stops ticking (its server died); its lease runs out.
    clock.advance(leaseMs - 1);
    assert.deepEqual(await loser.tick(), [], 'the lease has not yet expired');
    clock.advance(2);
    assert.deepEqual(await loser.tick(), [], 'taken over, but the job ran less than an hour ago');
    clock.advance(3_600_000);
    assert.deepEqual(await loser.tick(), ['test.every-hour']);
    assert.deepEqual(await winner.tick(), [], 'the old holder, back, does not run it');
    assert.deepEqual(runs, [wName, wName, lName]);
    const lease = await t.db.selectFrom('job_lease').selectAll().executeTakeFirstOrThrow();
    assert.equal(lease.holder, `server-${lName}`);
    // A clean stop gives the lease up at once.
    await loser.stop();
    clock.advance(3_600_000);
    assert.deepEqual(await winner.tick(), ['test.every-hour']);
    await winner.stop();
  });

  it('runs the audit anchor job on the holder only, writing one anchor', async () => {
    await makeWorld(t.db);
    const file = anchorFile();
    const clock = handClock('2026-03-01T00:00:00.000Z');
    const job = auditAnchorJob({ auditAnchorMinutes: 60, auditAnchorFile: file });
    const logged: string[] = [];
    const a = createScheduler(t.db, [job], { holder: 'server-a', clock, log: (l) => logged.push(l) });
    const b = createScheduler(t.open(), [job], { holder: 'server-b', clock, log: (l) => logged.push(l) });
    const ran = await Promise.all([a.tick(), b.tick()]);
    assert.equal(ran.flat().length, 1);
    assert.equal(fs.readFileSync(file, 'utf8').trim().split('\n').length, 1);
    const rows = await t.db.selectFrom('audit_anchor').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].at, '2026-03-01T00:00:00.000Z');
    assert.match(rows[0].written_by, /^server-[ab]$/);
    assert.equal(logged.filter((l) => l.startsWith('审计锚点')).length, 1);
    await a.stop();
    await b.stop();
  });
});

describe('audit verification over HTTP and on the command line', () => {
  const suite = serverSuite();

  it('/api/audit/verify checks the chain and lists the anchors; /api/audit/anchors shows the last ones', async () => {
    const file = loadConfig({ FAZHI_KEY_FILE: TEST_KEY_FILE }).auditAnchorFile;
    fs.rmSync(file, { force: true });
    const res = await writeAnchor(suite.t.db, { file, writtenBy: 'test' });
    assert.equal(res.ok, true);
    const aud = await client(suite.s.base, 'auditor');
    const v = await aud.get('/api/audit/verify');
    assert.equal(v.status, 200);
    assert.equal(v.body.ok, true, JSON.stringify(v.body));
    assert.equal(v.body.anchors.checked, 1);
    assert.equal(v.body.anchors.fileFound, true);
    assert.equal(v.body.anchors.newest.seq, res.anchor?.seq);
    const list = await aud.get('/api/audit/anchors');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.map((a: { seq: number; writtenBy: string }) => [a.seq, a.writtenBy]),
      [[res.anchor?.seq, 'test']],
    );
    assert.equal(list.body[0].mac, undefined);
    const officer = await client(suite.s.base, 'officer');
    assert.equal((await officer.get('/api/audit/anchors')).status, 403);
    fs.rmSync(file, { force: true });
  });

  it('fazhi audit anchor and fazhi audit verify (exit 1 with a Chinese line once the tail is cut)', async () => {
    const root = path.resolve(import.meta.dirname, '..');
    const url = await subprocessUrl(suite.t.db);
    const file = anchorFile();
    const fazhi = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: url, AUDIT_ANCHOR_FILE: file, FAZHI_DEBUG: '' },
        timeout: 60_000,
      });
    await appendAudit(suite.t.db, { userId: null, username: 'x', orgId: null, action: 'cli.test', entity: 'test' });
    const a = fazhi(['audit', 'anchor']);
    assert.equal(a.status, 0, a.stderr);
    assert.match(a.stdout, /审计锚点：第 \d+ 条/);
    const ok = fazhi(['audit', 'verify']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /审计日志哈希链校验通过（\d+ 条：未加密钥的早期部分 0 条/);
    assert.match(ok.stdout, /共核对锚点 \d+ 个[\s\S]*最新锚点：第 \d+ 条/);
    await dropAuditTriggers(suite.t.db);
    const head = await suite.t.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const keep = Number(head.seq) - 1;
    await sql`DELETE FROM audit_log WHERE seq > ${keep}`.execute(suite.t.db);
    const last = await suite.t.db.selectFrom('audit_log').select('hash').where('seq', '=', keep).executeTakeFirstOrThrow();
    await suite.t.db.updateTable('audit_head').set({ seq: keep, hash: last.hash }).where('id', '=', 1).execute();
    const cut = fazhi(['audit', 'verify']);
    assert.equal(cut.status, 1);
    assert.match(cut.stderr, new RegExp(`^错误：审计日志锚点校验失败：第 ${head.seq} 条记录已不存在：审计日志的链尾被截断`));
  });
});
