/**
 * The command line as a subprocess (node --import tsx src/cli.ts …) on a real database: migrate, the
 * first bureau and admin, backup → restore into a fresh database with identical counts and a valid
 * audit chain, and Chinese errors with exit code 1 and no stack trace.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import { tableCounts } from '../src/db/backup.ts';
import { openDatabase } from '../src/db/connect.ts';
import type { Db } from '../src/db/types.ts';
import { createRecord } from '../src/ledger/record.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { DIALECT, PG_URL } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-cli-'));

type Target = { url: string; open: () => Db; drop: () => Promise<void> };

/** A fresh database the subprocess can reach by DATABASE_URL alone. */
async function target(name: string): Promise<Target> {
  if (DIALECT === 'postgres') {
    const schema = `c_${randomBytes(6).toString('hex')}`;
    const admin = openDatabase(PG_URL, { poolMax: 1 });
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin);
    await admin.destroy();
    const sep = PG_URL.includes('?') ? '&' : '?';
    return {
      url: `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      open: () => openDatabase(PG_URL, { schema, poolMax: 2 }),
      drop: async () => {
        const a = openDatabase(PG_URL, { poolMax: 1 });
        await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(a);
        await a.destroy();
      },
    };
  }
  const file = path.join(dir, `${name}.db`);
  return { url: file, open: () => openDatabase(file), drop: async () => {} };
}

function fazhi(url: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, FAZHI_DEBUG: '', FAZHI_PASSWORD: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking: independent invocations run side by side. */
function fazhiAsync(url: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, FAZHI_DEBUG: '', FAZHI_PASSWORD: '' },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

const noStack = (s: string) => assert.doesNotMatch(s, /\n\s+at |\.ts:\d+|node:internal/, s);

describe('command line', () => {
  let src: Target;
  let dst: Target;
  before(async () => {
    src = await target('src');
    dst = await target('dst');
  });
  after(async () => {
    await src?.drop();
    await dst?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints Chinese help', () => {
    const r = fazhi(src.url, ['help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /法治民政工作台 命令行工具/);
    assert.match(r.out, /user add/);
  });

  it('migrates, then creates the first bureau, a unit and users (admin = sysadmin)', async () => {
    const m = fazhi(src.url, ['migrate']);
    assert.equal(m.code, 0, m.err);
    assert.match(m.out, /已完成数据库迁移|已是最新/);
    const none = fazhi(src.url, ['user', 'add', '--username', 'admin', '--role', 'admin', '--password', 'First#Root2026x']);
    assert.equal(none.code, 1);
    assert.match(none.err, /还没有任何单位.*fazhi org add/);
    const o = fazhi(src.url, ['org', 'add', '--name', '某市民政局', '--short-name', '市民政局', '--level', 'city']);
    assert.equal(o.code, 0, o.err);
    assert.match(o.out, /已新建单位“某市民政局”/);
    const c = fazhi(src.url, ['org', 'add', '--name', '示范县民政局', '--level', 'county', '--parent', '市民政局']);
    assert.equal(c.code, 0, c.err);
    const u = fazhi(src.url, ['unit', 'add', '--org', '示范县民政局', '--name', '办公室']);
    assert.equal(u.code, 0, u.err);
    const a = fazhi(src.url, ['user', 'add', '--username', 'admin', '--role', 'admin'], { FAZHI_PASSWORD: 'First#Root2026x' });
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /系统管理员.*某市民政局/);
    const s = fazhi(src.url, [
      'user',
      'add',
      '--username',
      'zhangsan',
      '--name',
      '张三',
      '--role',
      'staff',
      '--org',
      '示范县民政局',
      '--unit',
      '办公室',
      '--password',
      'Staff#Pass2026',
    ]);
    assert.equal(s.code, 0, s.err);
    const db = src.open();
    try {
      const users = await db.selectFrom('app_user').select(['username', 'role', 'display_name']).orderBy('username').execute();
      assert.deepEqual(
        users.map((x) => [x.username, x.role]),
        [
          ['admin', 'sysadmin'],
          ['zhangsan', 'staff'],
        ],
      );
      const audit = await db.selectFrom('audit_log').select(['action', 'username']).orderBy('seq').execute();
      assert.deepEqual(
        audit.map((x) => x.action),
        ['org.create', 'org.create', 'unit.create', 'user.create', 'user.create'],
      );
      assert.ok(audit.every((x) => x.username === 'cli'));
      // Some business records, written through the service (validated, audited), and an attachment.
      const county = await db.selectFrom('org').select('id').where('name', '=', '示范县民政局').executeTakeFirstOrThrow();
      const rec = await createRecord(db, systemScope(county.id), 'study_session', {
        date: '2026-03-05',
        kind: '党组理论学习中心组学法',
        topic: '学习宪法',
        attendees: 9,
      });
      await createRecord(db, systemScope(county.id), 'law_exam', {
        name: '2025年学法考试',
        date: '2025-11-01',
        eligible: 40,
        participants: 40,
        passed: 40,
        excellent: 30,
      });
      const now = new Date().toISOString();
      await db
        .insertInto('attachment')
        .values({
          id: 'att-1',
          org_id: county.id,
          record_id: rec.id,
          filename: '签到表.pdf',
          mime: 'application/pdf',
          size: 4,
          sha256: 'x',
          content: Buffer.from([0, 1, 2, 255]),
          note: '',
          effective_on: null,
          uploaded_by: 'cli',
          uploaded_at: now,
        })
        .execute();
    } finally {
      await db.destroy();
    }
  });

  it('exports a ledger to Excel, dry-runs its import, and renders a report to Word', async () => {
    const xlsx = path.join(dir, 'study.xlsx');
    const docx = path.join(dir, 'annual.docx');
    const [exp, rep] = await Promise.all([
      fazhiAsync(src.url, ['export', '--ledger', 'study_session', '--org', '示范县民政局', '--out', xlsx]),
      fazhiAsync(src.url, ['report', '--kind', 'annual-report', '--year', '2025', '--org', '示范县民政局', '--out', docx]),
    ]);
    assert.equal(exp.code, 0, exp.err);
    assert.match(exp.out, /已导出 示范县民政局“学法活动台账”/);
    assert.equal(rep.code, 0, rep.err);
    assert.match(rep.out, /已生成 示范县民政局 2025 年度报告/);
    assert.equal(fs.readFileSync(docx).subarray(0, 2).toString(), 'PK');
    const imp = fazhi(src.url, ['import', '--ledger', 'study_session', '--org', '示范县民政局', '--file', xlsx, '--dry-run']);
    assert.equal(imp.code, 0, imp.err);
    assert.match(
      imp.out,
      /试导入检查通过：1 行可以导入 示范县民政局“学法活动台账”：新增 0 条，更新 0 条，未变 1 条，疑似重复 0 条（未写入）/,
    );
    assert.match(imp.err, /^导入进度：读取文件 1\/1 行（100%）$/m, 'progress goes to stderr, the result alone to stdout');
    const wrong = fazhi(src.url, ['import', '--ledger', 'study_session', '--org', '某市民政局', '--file', xlsx]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /不是本单位/);
    const db = src.open();
    try {
      const n = await db
        .selectFrom('record')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ledger', '=', 'study_session')
        .executeTakeFirst();
      assert.equal(Number(n?.n), 1, 'a dry run and a refused import write nothing');
    } finally {
      await db.destroy();
    }
  });

  it('sets, lists and resets a bureau deadline setting (validated and audited like the API)', async () => {
    const set = fazhi(src.url, ['deadlines', 'set', '--rule', 'normdoc.filing', '--amount', '20', '--org', '示范县民政局']);
    assert.equal(set.code, 0, set.err);
    assert.match(set.out, /已设定 示范县民政局 的期限/);
    assert.match(set.out, /normdoc\.filing {2}行政规范性文件报送备案期限：本单位 20 日（默认 30 日；系统（命令行）/);
    const list = fazhi(src.url, ['deadlines', 'settings', '--org', '示范县民政局']);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /示范县民政局 可设定的期限（\d+ 项）/);
    assert.match(list.out, /normdoc\.filing {2}行政规范性文件报送备案期限：本单位 20 日/);
    assert.match(list.out, /oversight\.cppcc_reply {2}政协提案答复期限：按默认 3 个月/);
    const city = fazhi(src.url, ['deadlines', 'settings', '--org', '某市民政局']);
    assert.match(city.out, /normdoc\.filing {2}行政规范性文件报送备案期限：按默认 30 日/, 'another bureau keeps the default');
    const bad = fazhi(src.url, ['deadlines', 'set', '--rule', 'normdoc.filing', '--amount', '0', '--org', '示范县民政局']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^错误：期限数值应在 1 至 365 日之间/);
    noStack(bad.err);
    const db = src.open();
    try {
      const county = await db.selectFrom('org').select('id').where('name', '=', '示范县民政局').executeTakeFirstOrThrow();
      const rows = await db.selectFrom('setting').select(['org_id', 'key', 'value', 'updated_by']).execute();
      assert.deepEqual(rows, [{ org_id: county.id, key: 'deadline.normdoc.filing.amount', value: '20', updated_by: 'system' }]);
      const reset = fazhi(src.url, ['deadlines', 'set', '--rule', 'normdoc.filing', '--reset', '--org', '示范县民政局']);
      assert.equal(reset.code, 0, reset.err);
      assert.match(reset.out, /已恢复 示范县民政局 的默认期限[\s\S]*按默认 30 日/);
      assert.deepEqual(await db.selectFrom('setting').selectAll().execute(), []);
      const audit = await db.selectFrom('audit_log').select(['action', 'org_id']).where('entity', '=', 'setting').orderBy('seq').execute();
      assert.deepEqual(audit, [
        { action: 'deadline_setting.set', org_id: county.id },
        { action: 'deadline_setting.reset', org_id: county.id },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses bad arguments with a Chinese error, exit code 1 and no stack trace', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /不认识的命令“frobnicate”/],
      [['user', 'add', '--username', 'x1', '--role', 'boss', '--password', 'Good#Pass2026'], /角色“boss”无效/],
      [['user', 'add', '--username', 'weakling', '--role', 'officer', '--password', 'weak'], /密码长度不能少于10位/],
      [['user', 'add', '--username', 'admin', '--role', 'officer', '--password', 'Other#Pass2026'], /用户名“admin”已被使用/],
      [['user', 'add', '--role', 'officer'], /缺少参数 --username/],
      [['user', 'add', '--username', 'nopw', '--role', 'officer'], /FAZHI_PASSWORD/],
      [['user', 'add', '--username', 'x2', '--role', 'staff', '--org', '不存在局', '--password', 'Good#Pass2026'], /找不到单位“不存在局”/],
      [['org', 'add', '--name', '某局', '--level', 'town'], /级别“town”无效/],
      [['report', '--kind', 'annual', '--year', '20x5', '--out', 'x.docx'], /年度“20x5”无效/],
      [['import', '--ledger', 'no_such', '--file', 'x.xlsx'], /台账“no_such”不存在/],
      [['restore', '--in', path.join(dir, 'missing.json')], /找不到备份文件/],
      [['migrate', '--bogus'], /不认识的选项 --bogus/],
      [['deadlines', 'set', '--rule', 'normdoc.filing'], /缺少参数 --amount/],
      [['deadlines', 'set', '--rule', 'normdoc.filing', '--amount', '5', '--reset'], /--amount 与 --reset 只能选一个/],
      [['deadlines', 'set', '--rule', 'no.such', '--amount', '5', '--org', '示范县民政局'], /期限规则不存在/],
      [['deadlines', 'frob'], /用法：fazhi deadlines settings/],
    ];
    const results = await Promise.all(cases.map(([args]) => fazhiAsync(src.url, args)));
    for (const [i, [args, re]] of cases.entries()) {
      const r = results[i];
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err, /^错误：/);
      assert.match(r.err, re);
      noStack(r.err);
    }
  });

  it('backs up and restores into a fresh database with identical counts and a valid chain', async () => {
    const file = path.join(dir, 'backup.json.gz');
    const b = fazhi(src.url, ['backup', '--out', file]);
    assert.equal(b.code, 0, b.err);
    assert.match(b.out, /审计日志哈希链校验通过/);
    const srcDb = src.open();
    const before = await tableCounts(srcDb);
    const srcRecords = await srcDb.selectFrom('record').selectAll().orderBy('id').execute();
    const srcAtt = await srcDb.selectFrom('attachment').select(['content']).executeTakeFirstOrThrow();
    await srcDb.destroy();

    assert.equal(fazhi(dst.url, ['migrate']).code, 0);
    const r = fazhi(dst.url, ['restore', '--in', file]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /审计日志哈希链校验通过/);
    const dstDb = dst.open();
    try {
      const afterCounts = await tableCounts(dstDb);
      for (const [t, n] of Object.entries(before)) {
        if (t === 'session') continue;
        // The restore itself is audited: one more audit row.
        assert.equal(afterCounts[t], t === 'audit_log' ? n + 1 : n, `table ${t}`);
      }
      assert.deepEqual(await dstDb.selectFrom('record').selectAll().orderBy('id').execute(), srcRecords);
      const att = await dstDb.selectFrom('attachment').select(['content']).executeTakeFirstOrThrow();
      assert.deepEqual(Buffer.from(att.content), Buffer.from(srcAtt.content));
      const chain = await verifyAuditChain(dstDb);
      assert.equal(chain.ok, true, JSON.stringify(chain));
      const last = await dstDb.selectFrom('audit_log').select('action').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(last.action, 'system.restore');
    } finally {
      await dstDb.destroy();
    }
    // The restored users can log in with their passwords: the hashes came across unchanged.
    const again = fazhi(dst.url, ['restore', '--in', file]);
    assert.equal(again.code, 1);
    assert.match(again.err, /目标数据库不是空的/);
    noStack(again.err);
  });

  it('restores the same backup into a SQLite file (across databases when the source is PostgreSQL)', async () => {
    const file = path.join(dir, 'backup.json.gz');
    const lite = path.join(dir, 'other.db');
    assert.equal(fazhi(lite, ['migrate']).code, 0);
    const r = fazhi(lite, ['restore', '--in', file]);
    assert.equal(r.code, 0, r.err);
    const db = openDatabase(lite);
    try {
      assert.equal((await verifyAuditChain(db)).ok, true);
      const n = await db
        .selectFrom('record')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      assert.equal(Number(n?.n), 2);
      const att = await db.selectFrom('attachment').select(['content']).executeTakeFirstOrThrow();
      assert.deepEqual([...Buffer.from(att.content)], [0, 1, 2, 255]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses to back up a tampered audit chain', async () => {
    const db = src.open();
    try {
      if (DIALECT === 'postgres') await sql`DROP TRIGGER audit_log_no_update ON audit_log`.execute(db);
      else await sql`DROP TRIGGER audit_log_no_update`.execute(db);
      await sql`UPDATE audit_log SET username = 'someone' WHERE seq = 2`.execute(db);
    } finally {
      await db.destroy();
    }
    const r = fazhi(src.url, ['backup', '--out', path.join(dir, 'bad.json')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /审计日志哈希链校验失败（第 2 条/);
    assert.equal(fs.existsSync(path.join(dir, 'bad.json')), false);
  });
});
