/**
 * The calendar commands as a subprocess on a real database: `deadlines list` (filters, the table,
 * the note of a year without the arrangement), `calendar import-year` (a dry run writes nothing, a
 * notice of another year is refused, --complete marks the year) and `calendar years`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRecord } from '../src/ledger/record.service.ts';
import '../src/modules/index.ts';
import { createOrgUnchecked } from '../src/org/org.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { addDays, today } from '../src/util/time.ts';
import { makeDb, subprocessUrl, type TestDb } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-cli-cal-'));

function fazhi(url: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, FAZHI_DEBUG: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** An example 2027 notice in the State Council's wording (not a published one): its weekdays are 2027's. */
const NOTICE_2027 = `一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月14日（周日）、2月20日（周六）上班。
`;

describe('calendar commands', () => {
  let t: TestDb;
  let url: string;
  const now = today();
  before(async () => {
    t = await makeDb();
    url = await subprocessUrl(t.db);
    const org = await createOrgUnchecked(
      t.db,
      { userId: 'test', username: 'test', orgId: '', ip: 'test' },
      { name: '示范县民政局', level: 'county' },
    );
    const scope = systemScope(org);
    const item = (title: string, formedOn: string) =>
      createRecord(t.db, scope, 'disclosure_item', { title, category: '规范性文件', formedOn });
    await item('早已逾期的文件', addDays(now, -60));
    await item('今天形成的文件', now);
    await item('2030年春节前的文件', '2030-01-28');
    fs.writeFileSync(path.join(dir, 'notice-2027.txt'), NOTICE_2027);
  });
  after(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists open deadlines as a table, with the note of a year without the arrangement on its own line', () => {
    const r = fazhi(url, ['deadlines', 'list']);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0], /示范县民政局 的法定期限（未办结）：共 3 项/);
    assert.match(lines[1], /^届满日\s+状态\s+期限规则\s+记录\s+依据$/);
    const row2030 = lines.findIndex((l) => l.includes('2030年春节前的文件'));
    // 20 working days after 2030-01-28 across the statutory 春节 2-02..2-05.
    assert.match(lines[row2030], /^2030-02-27\s+进行中.*主动公开期限\s+2030年春节前的文件\s+《政府信息公开条例》第二十六条$/);
    assert.equal(lines[row2030 + 1], '  注：2030年放假安排未录入，按法定节日推算，未计调休');
    assert.match(lines[2], /早已逾期的文件/, 'soonest first');
    assert.match(lines[2], /逾期（\d+个工作日）/);
  });

  it('filters by --due-within (natural days, overdue included) and --status', () => {
    const week = fazhi(url, ['deadlines', 'list', '--due-within', '7']);
    assert.equal(week.code, 0, week.err);
    assert.match(week.out, new RegExp(`届满日不晚于 ${addDays(now, 7)}`));
    assert.match(week.out, /共 1 项/);
    assert.match(week.out, /早已逾期的文件/);
    assert.doesNotMatch(week.out, /今天形成的文件|2030年/);
    const overdue = fazhi(url, ['deadlines', 'list', '--status', 'overdue']);
    assert.match(overdue.out, /（已逾期）：共 1 项/);
    const done = fazhi(url, ['deadlines', 'list', '--status', 'done']);
    assert.match(done.out, /（已办结）：共 0 项/);
    const bad = fazhi(url, ['deadlines', 'list', '--status', 'late']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /状态“late”无效/);
    assert.match(fazhi(url, ['deadlines', 'list', '--due-within', 'x']).err, /天数“x”无效/);
  });

  it('imports a year from a notice: a dry run writes nothing, another year’s notice is refused, --complete marks the year', async () => {
    const file = path.join(dir, 'notice-2027.txt');
    const counts = async () => ({
      overrides: (await t.db.selectFrom('calendar_override').selectAll().execute()).length,
      years: (await t.db.selectFrom('calendar_year').selectAll().execute()).length,
      audit: (await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'calendar_year').execute()).length,
    });
    const dry = fazhi(url, ['calendar', 'import-year', '2027', '--file', file, '--dry-run', '--complete']);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /2027-02-05\s+放假\s+春节\s+新增/);
    assert.match(dry.out, /2027-02-14\s+上班\s+春节调休上班\s+新增/);
    assert.match(dry.out, /2027年：放假 11 天，调休上班 2 天，删除原有调整 0 天（试运行，未写入）/);
    assert.deepEqual(await counts(), { overrides: 0, years: 0, audit: 0 });

    fs.writeFileSync(path.join(dir, 'notice-2026.txt'), fs.readFileSync(path.join(ROOT, 'test/fixtures/notice-2026.txt')));
    const wrong = fazhi(url, ['calendar', 'import-year', '--year', '2027', '--file', path.join(dir, 'notice-2026.txt')]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.out, /问题：2027-01-01通知写周四，实为周五/);
    assert.match(wrong.err, /未写入/);
    assert.deepEqual(await counts(), { overrides: 0, years: 0, audit: 0 });
    assert.match(fazhi(url, ['calendar', 'import-year', '2026', '--file', path.join(dir, 'notice-2026.txt')]).err, /2026年放假安排已内置/);

    const before1 = fazhi(url, ['calendar', 'years']);
    assert.match(before1.out, /^2027\s+否\s+尚未录入，按法定节日推算\s+0\s+0\s*$/m);
    const real = fazhi(url, ['calendar', 'import-year', '--year', '2027', '--file', file, '--complete']);
    assert.equal(real.code, 0, real.err);
    assert.match(real.out, /已录入 2027年：放假 11 天，调休上班 2 天，删除原有调整 0 天；该年已确认完整录入/);
    assert.deepEqual(await counts(), { overrides: 13, years: 1, audit: 2 });
    const years = fazhi(url, ['calendar', 'years']);
    assert.equal(years.code, 0, years.err);
    assert.match(years.out, /^年度\s+已覆盖\s+情况/);
    assert.match(years.out, /^2026\s+是\s+已内置/m);
    assert.match(years.out, /^2027\s+是\s+管理员已录入并确认完整\s+11\s+2\s+命令行 \d{4}-\d{2}-\d{2}$/m);
  });
});
