/**
 * Drafts people can tell apart: one working draft per bureau, kind, year and roll-up flag that
 * generating again turns into a new version; finals that supersede each other with exactly one
 * current final (the database refuses a second); the 成文日期 of a final; the version record; and
 * migration 0005 on drafts written before it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { migrateTo, migrateToLatest } from '../src/db/migrate.ts';
import type { Db } from '../src/db/types.ts';
import { findUserByUsername } from '../src/org/org.repo.ts';
import { createUserUnchecked } from '../src/org/org.service.ts';
import { isRole } from '../src/org/roles.ts';
import { buildScope } from '../src/org/scope.ts';
import { confirmReport, createReport, finalizeReport, getReport, updateReport } from '../src/reports/report.service.ts';
import { dayClock } from '../src/util/time.ts';
import { type Client, client, makeDb, makeWorld, PASSWORD, serverSuite, type TestDb, type World } from './helpers.ts';

const ANNUAL = { kind: 'annual-report', year: 2025 };

/** A user's scope on a fixed day (the server runs on the real clock). */
async function scopeOn(db: Db, username: string, day: string) {
  const u = await findUserByUsername(db, username);
  assert.ok(u && isRole(u.role));
  return buildScope(db, { ...u, role: u.role }, 'test', dayClock(day));
}

/** A raw report_draft row, as a repository or an old version of the system would have written it. */
function row(w: World, over: Record<string, unknown> = {}) {
  const at = '2026-01-05T02:00:00.000Z';
  return {
    id: randomUUID(),
    org_id: w.city,
    kind: 'annual-report',
    year: 2025,
    title: '某市民政局2025年度法治政府建设情况报告',
    status: 'draft',
    content: JSON.stringify({ title: '旧稿', date: '2026-01-05' }),
    figures: JSON.stringify({ computedAt: at, rollup: false, orgIds: [w.city], values: {}, undefinedKeys: [] }),
    version: 1,
    created_at: at,
    created_by: w.users.officer,
    updated_at: at,
    updated_by: w.users.officer,
    finalized_at: null,
    finalized_by: null,
    ...over,
  };
}

describe('report versions', () => {
  const s = serverSuite();
  let officer: Client;
  let leader: Client;
  let firstId = '';
  let secondId = '';
  before(async () => {
    officer = await client(s.s.base, 'officer');
    leader = await client(s.s.base, 'leader');
  });

  const listOf = async (q = '?year=2025&kind=annual-report') => {
    const r = await officer.get(`/api/reports${q}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as Array<Record<string, unknown> & { id: string; status: string; rollup: boolean }>;
  };

  it('generating twice gives one working draft with two versions; the roll-up is another document', async () => {
    const a = await officer.post('/api/reports', ANNUAL);
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(a.body.regenerated, false);
    assert.equal(a.body.version, 1);
    const b = await officer.post('/api/reports', ANNUAL);
    assert.equal(b.status, 201, JSON.stringify(b.body));
    assert.equal(b.body.regenerated, true);
    assert.equal(b.body.id, a.body.id);
    assert.equal(b.body.version, 2);
    firstId = a.body.id;

    const list = await listOf();
    assert.equal(list.length, 1);
    assert.equal(list[0].version, 2);
    assert.equal(list[0].status, 'draft');
    // Names, not ids.
    assert.equal(list[0].updatedByName, 'officer');
    assert.equal(list[0].finalizedByName, null);
    assert.ok(list[0].generatedAt);

    const v = await officer.get(`/api/reports/${firstId}/versions`);
    assert.equal(v.status, 200, JSON.stringify(v.body));
    assert.equal(v.body.total, 2);
    assert.deepEqual(
      v.body.items.map((x: { version: number; change: string; createdByName: string }) => [x.version, x.change, x.createdByName]),
      [
        [2, 'generate', 'officer'],
        [1, 'generate', 'officer'],
      ],
    );

    const roll = await officer.post('/api/reports', { ...ANNUAL, rollup: true });
    assert.equal(roll.status, 201);
    assert.equal(roll.body.regenerated, false);
    assert.notEqual(roll.body.id, firstId);
    assert.equal(roll.body.rollup, true);
    const both = await listOf();
    assert.deepEqual(both.map((r) => r.rollup).sort(), [false, true]);
  });

  it('asks before overwriting edits; a stale version is refused', async () => {
    const cur = (await officer.get(`/api/reports/${firstId}`)).body;
    const edited = { ...cur.content, title: '改过的标题' };
    const put = await officer.put(`/api/reports/${firstId}`, { content: edited, version: cur.version });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.version, 3);
    const stale = await officer.put(`/api/reports/${firstId}`, { content: edited, version: cur.version });
    assert.equal(stale.status, 409);

    const ask = await officer.post('/api/reports', ANNUAL);
    assert.equal(ask.status, 409);
    assert.equal(ask.body.field, 'overwrite');
    assert.match(ask.body.detail, /^已有草稿（第3版，修改人officer，\d{4}年\d{1,2}月\d{1,2}日修改），重新生成将覆盖改写和新增的段落/);
    assert.equal((await officer.get(`/api/reports/${firstId}`)).body.title, '改过的标题', 'nothing was written');

    const over = await officer.post('/api/reports', { ...ANNUAL, overwrite: true });
    assert.equal(over.status, 201, JSON.stringify(over.body));
    assert.equal(over.body.regenerated, true);
    assert.equal(over.body.id, firstId);
    assert.equal(over.body.version, 4);
    assert.equal(over.body.title, '某市民政局2025年度法治政府建设情况报告');
    // Regenerated text, not edited since: generating again needs no confirmation.
    const again = await officer.post('/api/reports', ANNUAL);
    assert.equal(again.status, 201);
    assert.equal(again.body.version, 5);
    const v = await officer.get(`/api/reports/${firstId}/versions?pageSize=2`);
    assert.equal(v.body.total, 5);
    assert.deepEqual(
      v.body.items.map((x: { version: number }) => x.version),
      [5, 4],
    );
    assert.equal((await officer.get(`/api/reports/${firstId}/versions?page=3&pageSize=2`)).body.items[0].change, 'generate');
  });

  it('a new draft after a final continues the numbering and, finalized, supersedes the earlier final', async () => {
    // The officer confirms her words and the negatives first (a version of its own).
    const confirmed = await officer.post(`/api/reports/${firstId}/confirm`, { all: true });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.version, 6);
    const fin = await leader.post(`/api/reports/${firstId}/finalize`, { force: true, confirmSecrecy: true });
    assert.equal(fin.status, 200, JSON.stringify(fin.body));
    assert.equal(fin.body.status, 'final');
    assert.equal(fin.body.version, 7);

    const next = await officer.post('/api/reports', ANNUAL);
    assert.equal(next.status, 201, JSON.stringify(next.body));
    assert.equal(next.body.regenerated, false);
    assert.notEqual(next.body.id, firstId);
    assert.equal(next.body.version, 8);
    assert.equal(next.body.status, 'draft');
    assert.deepEqual(
      next.body.issues.filter((i: { confirm?: unknown }) => i.confirm),
      [],
      'the new draft starts from the words confirmed in the final',
    );
    secondId = next.body.id;
    const own = (await listOf()).filter((r) => !r.rollup);
    assert.deepEqual(own.map((r) => [r.status, r.version]).sort(), [
      ['draft', 8],
      ['final', 7],
    ]);

    const fin2 = await leader.post(`/api/reports/${secondId}/finalize`, { force: true, confirmSecrecy: true });
    assert.equal(fin2.status, 200, JSON.stringify(fin2.body));
    assert.equal(fin2.body.version, 9);
    const old = await officer.get(`/api/reports/${firstId}`);
    assert.equal(old.body.status, 'superseded');
    assert.deepEqual(old.body.supersededBy, { id: secondId, version: 9 });
    assert.ok(old.body.supersededAt);

    const rows = (await listOf()).filter((r) => !r.rollup);
    assert.equal(rows.filter((r) => r.status === 'final').length, 1, 'exactly one current final');
    const current = rows.find((r) => r.status === 'final');
    assert.equal(current?.id, secondId);
    assert.equal(current?.finalizedByName, 'leader');
    const superseded = rows.find((r) => r.id === firstId);
    assert.equal(superseded?.status, 'superseded');
    assert.deepEqual(superseded?.supersededBy, { id: secondId, version: 9 });

    // A superseded final stays locked.
    assert.equal((await officer.put(`/api/reports/${firstId}`, { content: old.body.content, version: old.body.version })).status, 409);
    assert.equal((await officer.post(`/api/reports/${firstId}/refresh`, {})).status, 409);
    assert.equal((await leader.post(`/api/reports/${firstId}/finalize`, { force: true })).status, 409);

    // One numbering for the key: the history shows both documents.
    const v = await officer.get(`/api/reports/${secondId}/versions`);
    assert.equal(v.body.total, 9);
    assert.deepEqual(
      v.body.items.map((x: { version: number; change: string; reportStatus: string }) => [x.version, x.change, x.reportStatus]),
      [
        [9, 'finalize', 'final'],
        [8, 'generate', 'final'],
        [7, 'finalize', 'superseded'],
        [6, 'confirm', 'superseded'],
        [5, 'generate', 'superseded'],
        [4, 'generate', 'superseded'],
        [3, 'edit', 'superseded'],
        [2, 'generate', 'superseded'],
        [1, 'generate', 'superseded'],
      ],
    );
    assert.equal(v.body.items[0].createdByName, 'leader');

    const auditor = await client(s.s.base, 'auditor');
    const log = await auditor.get('/api/audit?action=report.supersede');
    assert.ok(JSON.stringify(log.body).includes(firstId));
  });

  it('the database refuses a second working draft or a second current final for the same key', async () => {
    const db = s.t.db;
    await assert.rejects(
      db
        .insertInto('report_draft')
        .values(row(s.w, { status: 'final', finalized_at: '2026-01-06T00:00:00.000Z' }))
        .execute(),
    );
    const rollupDraft = (await listOf()).find((r) => r.rollup && r.status === 'draft');
    assert.ok(rollupDraft, 'the roll-up has a working draft');
    await assert.rejects(
      db
        .insertInto('report_draft')
        .values(row(s.w, { rollup: 1 }))
        .execute(),
    );
    // Another kind, year or bureau is another document.
    await db
      .insertInto('report_draft')
      .values(row(s.w, { kind: 'work-summary' }))
      .execute();
    await db
      .insertInto('report_draft')
      .values(row(s.w, { status: 'final', year: 2023 }))
      .execute();
  });

  it('the 成文日期 of a final is the finalizing day unless it was set by hand', async () => {
    const db = s.t.db;
    const generatedOn = '2026-01-10';
    const finalizedOn = '2026-02-03';
    const made = await createReport(db, await scopeOn(db, 'officer', generatedOn), { kind: 'annual-report', year: 2024 });
    assert.equal(made.content.date, generatedOn);
    assert.equal(made.content.printer?.date, generatedOn);
    await confirmReport(db, await scopeOn(db, 'officer', generatedOn), made.id, { all: true });
    const leaderLater = await scopeOn(db, 'leader', finalizedOn);
    const fin = await finalizeReport(db, leaderLater, made.id, { force: true, confirmSecrecy: true });
    assert.equal(fin.content.date, finalizedOn);
    assert.equal(fin.content.printer?.date, finalizedOn);

    // Set by hand (here: both dates) — kept as set.
    const county = await scopeOn(db, 'county', generatedOn);
    const c = await createReport(db, county, { kind: 'annual-report', year: 2024 });
    assert.ok(c.content.printer);
    const byHand = { ...c.content, date: '2026-01-20', printer: { ...c.content.printer, date: '2026-01-21' } };
    const saved = await updateReport(db, county, c.id, byHand, c.version);
    const actor = { userId: 'test', username: 'test', orgId: '', ip: 'test' };
    const leaderInfo = { username: 'countyleader', displayName: '县局领导', password: PASSWORD, role: 'leader' as const };
    await createUserUnchecked(db, actor, { ...leaderInfo, orgId: s.w.county, unitId: null }, { oneTime: false });
    const countyLeader = await scopeOn(db, 'countyleader', finalizedOn);
    const confirmed = await confirmReport(db, county, c.id, { version: saved.version, all: true });
    const kept = await finalizeReport(db, countyLeader, c.id, { version: confirmed.version, force: true, confirmSecrecy: true });
    assert.equal(kept.content.date, '2026-01-20');
    assert.equal(kept.content.printer?.date, '2026-01-21');
    assert.equal((await getReport(db, county, c.id)).content.date, '2026-01-20');
  });
});

describe('migration 0005 on drafts written before it', () => {
  let t: TestDb;
  let w: World;
  const ids = { oldDraft: '', newDraft: '', oldFinal: '', newFinal: '', rollup: '' };
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    await migrateTo(t.db, '0004-record-links-and-payload-version');
    const rows = [
      row(w, { updated_at: '2026-01-01T00:00:00.000Z' }),
      row(w, { version: 3, updated_at: '2026-03-01T00:00:00.000Z', content: JSON.stringify({ title: '改过', date: '2026-02-28' }) }),
      row(w, { status: 'final', version: 2, finalized_at: '2026-02-01T00:00:00.000Z', finalized_by: w.users.leader }),
      row(w, { status: 'final', version: 4, finalized_at: '2026-04-01T00:00:00.000Z', finalized_by: w.users.leader }),
      row(w, { figures: JSON.stringify({ computedAt: '', rollup: true, orgIds: [w.city, w.county], values: {}, undefinedKeys: [] }) }),
    ];
    [ids.oldDraft, ids.newDraft, ids.oldFinal, ids.newFinal, ids.rollup] = rows.map((r) => r.id);
    // Written with the columns of 0004 only.
    for (const r of rows) await t.db.insertInto('report_draft').values(r).execute();
    await migrateToLatest(t.db);
  });
  after(async () => {
    await t.close();
  });

  it('keeps the newest draft and the newest final of each key, supersedes the older ones, and records a version each', async () => {
    const got = await t.db.selectFrom('report_draft').select(['id', 'status', 'rollup', 'superseded_by', 'generated_date']).execute();
    const by = new Map(got.map((r) => [r.id, r]));
    assert.deepEqual(
      [ids.oldDraft, ids.newDraft, ids.oldFinal, ids.newFinal, ids.rollup].map((id) => {
        const r = by.get(id);
        return [r?.status, Number(r?.rollup), r?.superseded_by];
      }),
      [
        ['superseded', 0, ids.newDraft],
        ['draft', 0, null],
        ['superseded', 0, ids.newFinal],
        ['final', 0, null],
        ['draft', 1, null],
      ],
    );
    assert.equal(by.get(ids.rollup)?.generated_date, '2026-01-05', 'never edited: its date is the generated one');
    assert.equal(by.get(ids.newDraft)?.generated_date, null, 'edited: we cannot tell');
    const versions = await t.db.selectFrom('report_version').select(['report_id', 'version', 'change']).execute();
    assert.equal(versions.length, 5);
    assert.deepEqual(
      versions.find((v) => v.report_id === ids.newDraft),
      { report_id: ids.newDraft, version: 3, change: 'edit' },
    );
  });

  it('an edited draft from before asks before it is regenerated; the next draft numbers after the key', async () => {
    const officer = await scopeOn(t.db, 'officer', '2026-05-01');
    await assert.rejects(
      createReport(t.db, officer, ANNUAL),
      (e: { status?: number; field?: string }) => e.status === 409 && e.field === 'overwrite',
    );
    const r = await createReport(t.db, officer, { ...ANNUAL, overwrite: true });
    assert.equal(r.id, ids.newDraft);
    assert.equal(r.version, 4);
    assert.equal(r.regenerated, true);
  });
});
