/**
 * Ledger lists at scale: title search through the title index gives exactly a plain substring
 * filter (Chinese and Latin, 1–3+ characters, LIKE metacharacters); keyset pages walk the whole
 * list in one defined order (undated rows last on both databases) with the total counted once; the
 * cursor is checked; a NUL in a text field is refused; migration 0006 carries existing records over; a SQLite backup restores into
 * PostgreSQL with the payload and the search intact.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createBackup, restoreBackup } from '../src/db/backup.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrateTo, migrateToLatest } from '../src/db/migrate.ts';
import type { Db } from '../src/db/types.ts';
import { findRecordById, findRecords, insertRecord, updateRecordIfVersion } from '../src/ledger/record.repo.ts';
import { client, DIALECT, makeDb, makeWorld, type Server, startServer, type TestDb, type World } from './helpers.ts';

const LEDGER = 'study_session';

/** A stored study_session row with this title, straight into the table (as the bench does). */
async function put(db: Db, orgId: string, title: string, opts: { on?: string | null; at?: string; deleted?: boolean } = {}) {
  const id = randomUUID();
  const on = opts.on === undefined ? '2025-03-01' : opts.on;
  const at = opts.at ?? new Date().toISOString();
  await insertRecord(db, {
    id,
    org_id: orgId,
    ledger: LEDGER,
    unit_id: null,
    occurred_on: on,
    year: on ? Number(on.slice(0, 4)) : 2026,
    title,
    status: null,
    data: JSON.stringify({ date: on ?? '2025-03-01', kind: '干部职工集中学法', topic: title }),
    version: 1,
    created_at: at,
    created_by: 'test',
    updated_at: at,
    updated_by: 'test',
    deleted_at: opts.deleted ? at : null,
  });
  return id;
}

// LIKE folds ASCII letters only (SQLite); the titles below keep ILIKE (PostgreSQL) to the same.
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

const TITLES = [
  '低保',
  '低保对象复核',
  '城乡低保审批办法',
  '特困供养',
  '保障',
  '低',
  'Administrative Law',
  'ADMIN review',
  'admin',
  'Ab',
  '完成率100%',
  '100 percent',
  'snake_case 规则',
  'snakeXcase',
  'back\\slash',
  'backslash',
  '引号"说明',
  '50%_\\混合',
  '%',
  '_',
];

const QUERIES = [
  '低',
  '保',
  '低保',
  '低保对',
  '城乡低保审批',
  'a',
  'Ab',
  'adm',
  'ADMIN',
  'n r',
  'law',
  '%',
  '0%',
  '100%',
  '_',
  'e_c',
  'snake_case',
  '\\',
  'k\\s',
  'back\\slash',
  '"',
  '引号"说',
  '%_\\',
  '50%_\\混',
  '不存在的标题',
  'zzz',
];

describe('record lists', () => {
  let t: TestDb;
  let w: World;
  let s: Server;
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    s = await startServer(t.db);
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  it('finds by title exactly what a plain substring filter finds, through the title index', async () => {
    const ids = new Map<string, string>();
    for (const title of TITLES) ids.set(await put(t.db, w.otherCounty, title), title);
    await put(t.db, w.otherCounty, '低保已删除', { deleted: true });
    const renamed = await put(t.db, w.otherCounty, '旧标题甲乙丙');
    const updated = await updateRecordIfVersion(t.db, renamed, 1, { title: '新标题丁戊己', version: 2 });
    assert.equal(updated, true);
    ids.set(renamed, '新标题丁戊己');
    // One bureau (LIKE over the list index) and several (on SQLite: the FTS5 index, then LIKE).
    for (const orgIds of [[w.otherCounty], [w.otherCounty, w.city]]) {
      for (const q of [...QUERIES, '旧标题甲', '新标题丁', '已删除']) {
        const { items } = await findRecords(t.db, { orgIds, ledger: LEDGER, q });
        const got = items.map((r) => r.id).sort();
        const want = [...ids]
          .filter(([, title]) => fold(title).includes(fold(q)))
          .map(([id]) => id)
          .sort();
        assert.deepEqual(got, want, `orgs=${orgIds.length} q=${JSON.stringify(q)}`);
      }
    }
    // The HTTP list answers with the same rows.
    const c = await client(s.base, 'other');
    const r = await c.get(`/api/ledgers/${LEDGER}/records?q=${encodeURIComponent('低保')}&pageSize=50`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.items.map((x: { title: string }) => x.title).sort(), ['低保', '低保对象复核', '城乡低保审批办法'].sort());
  });

  it('walks the list by cursor in one order, undated rows last, and counts only the first page', async () => {
    const at = '2026-01-05T08:00:00.000Z';
    const made: Array<{ id: string; on: string | null; at: string }> = [];
    const add = async (on: string | null, created: string) =>
      made.push({ id: await put(t.db, w.county, `学法${made.length}`, { on, at: created }), on, at: created });
    for (let i = 0; i < 4; i++) await add(null, `2026-01-0${i + 1}T00:00:00.000Z`);
    for (let i = 0; i < 5; i++) await add('2025-06-01', at); // ties on date and created_at: id decides
    for (let i = 0; i < 4; i++) await add(`2025-0${i + 1}-15`, `2026-01-0${i + 1}T00:00:00.000Z`);
    await add('2024-12-31', at);
    await put(t.db, w.county, '已删除', { deleted: true });
    const want = [...made]
      .sort((a, b) => (b.on ?? '').localeCompare(a.on ?? '') || b.at.localeCompare(a.at) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0))
      .map((r) => r.id);
    assert.equal(made.filter((r) => r.on === null).length, 4);
    assert.deepEqual(
      want.slice(-4).sort(),
      made
        .filter((r) => r.on === null)
        .map((r) => r.id)
        .sort(),
      'undated rows sort last',
    );

    const c = await client(s.base, 'county');
    const first = await c.get(`/api/ledgers/${LEDGER}/records?pageSize=4`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.total, made.length);
    assert.equal(first.body.page, 1);
    const seen: string[] = first.body.items.map((x: { id: string }) => x.id);
    let next: string | null = first.body.next;
    let pages = 1;
    while (next) {
      const p = await c.get(`/api/ledgers/${LEDGER}/records?pageSize=4&after=${encodeURIComponent(next)}`);
      assert.equal(p.status, 200, JSON.stringify(p.body));
      assert.equal('total' in p.body, false, 'a page by cursor is not counted again');
      seen.push(...p.body.items.map((x: { id: string }) => x.id));
      next = p.body.next;
      pages++;
    }
    assert.equal(pages, Math.ceil(made.length / 4));
    assert.deepEqual(seen, want);

    // Numbered pages still work and agree with the cursor's order; the filters apply to both.
    const p2 = await c.get(`/api/ledgers/${LEDGER}/records?pageSize=4&page=2`);
    assert.deepEqual(
      p2.body.items.map((x: { id: string }) => x.id),
      want.slice(4, 8),
    );
    const y = await c.get(`/api/ledgers/${LEDGER}/records?pageSize=2&year=2025`);
    assert.equal(y.body.total, 9);
    const y2 = await c.get(`/api/ledgers/${LEDGER}/records?pageSize=20&year=2025&after=${encodeURIComponent(y.body.next)}`);
    assert.equal(y2.body.items.length, 7);
    assert.equal(y2.body.next, null);
  });

  it('refuses a bad cursor, and a cursor with a page number, naming the field in Chinese', async () => {
    const c = await client(s.base, 'county');
    for (const bad of ['xyz', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const r = await c.get(`/api/ledgers/${LEDGER}/records?after=${encodeURIComponent(bad)}`);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.field, 'after');
      assert.match(r.body.detail, /翻页位置/);
    }
    const first = await c.get(`/api/ledgers/${LEDGER}/records?pageSize=1`);
    const r = await c.get(`/api/ledgers/${LEDGER}/records?page=2&after=${encodeURIComponent(first.body.next)}`);
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'page');
    assert.match(r.body.detail, /页码/);
  });

  it('refuses a NUL character in a text field (PostgreSQL cannot store it in jsonb), naming the field', async () => {
    const c = await client(s.base, 'county');
    const r = await c.post(`/api/ledgers/${LEDGER}/records`, {
      data: { date: '2025-03-05', kind: '干部职工集中学法', topic: '学习', laws: '宪法\u0000民法典' },
    });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    // refused at the edge (util/text.ts), named by its path in the body
    assert.equal(r.body.field, 'data.laws');
    assert.match(r.body.detail, /空字符/);
  });
});

describe('migration 0006', () => {
  it('carries existing records over: payload readable, title searchable', async () => {
    const t = await makeDb();
    try {
      const w = await makeWorld(t.db);
      await migrateTo(t.db, '0005-report-versions');
      const id = await put(t.db, w.city, '城乡低保审批办法');
      await put(t.db, w.city, 'Other title');
      await migrateToLatest(t.db);
      const r = await findRecordById(t.db, [w.city], id);
      assert.deepEqual(r?.data, { date: '2025-03-01', kind: '干部职工集中学法', topic: '城乡低保审批办法' });
      const { items } = await findRecords(t.db, { orgIds: [w.city, w.county], ledger: LEDGER, q: '低保审批' });
      assert.deepEqual(
        items.map((x) => x.id),
        [id],
      );
      if (DIALECT === 'postgres') {
        const col = await sql<{ t: string }>`SELECT data_type AS t FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'record' AND column_name = 'data'`.execute(t.db);
        assert.equal(col.rows[0]?.t, 'jsonb');
      }
    } finally {
      await t.close();
    }
  });
});

describe('backup of records', () => {
  it('restores a SQLite backup (into PostgreSQL when testing it) with payloads and title search intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-lists-'));
    const src = openDatabase(path.join(dir, 'src.db'));
    const target = await makeDb();
    try {
      await migrateToLatest(src);
      const w = await makeWorld(src);
      const id = await put(src, w.city, '特困人员供养标准');
      await put(src, w.city, 'Unrelated');
      const backup = await createBackup(src);
      assert.equal(
        Object.keys(backup.tables).some((n) => n.startsWith('record_title_fts')),
        false,
        'the search index is not backed up',
      );
      await restoreBackup(target.db, JSON.parse(JSON.stringify(backup)));
      const r = await findRecordById(target.db, [w.city], id);
      assert.deepEqual(r?.data, { date: '2025-03-01', kind: '干部职工集中学法', topic: '特困人员供养标准' });
      const { items } = await findRecords(target.db, { orgIds: [w.city, w.county], ledger: LEDGER, q: '供养标' });
      assert.deepEqual(
        items.map((x) => x.id),
        [id],
      );
    } finally {
      await src.destroy();
      await target.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
