/** Versioned payloads: a row written under an older version, or under a field's old name, reads as the current declaration. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defineLedger } from '../src/ledger/define.ts';
import { f } from '../src/ledger/field.ts';
import { findFieldsAsOf, findRecordsAsOf } from '../src/ledger/record.repo.ts';
import { createRecord, getRecord } from '../src/ledger/record.service.ts';
import { registerLedgers } from '../src/ledger/registry.ts';
import { upgradeStoredPayloads } from '../src/ledger/upgrade.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { makeDb, makeWorld, type TestDb, type World } from './helpers.ts';

// Version 2 renamed `name` to `title` and turned a 是/否 text into a bool.
const vtest = defineLedger({
  key: 'vtest_item',
  module: 'vtest',
  label: '版本测试台账',
  titleField: 'title',
  version: 2,
  upgrades: [{ from: 1, note: '“是否完成”由文字改为是/否', up: (d) => ({ ...d, done: d.done === '是' }) }],
  fields: {
    title: f.text('名称', { required: true, renamedFrom: ['name'] }),
    done: f.bool('是否完成'),
  },
});
registerLedgers([vtest]);

describe('versioned payloads', () => {
  let t: TestDb;
  let w: World;
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
  });
  after(async () => t.close());

  it('upgrades an old row and a renamed field on read, and validates the result', async () => {
    const scope = systemScope(w.city);
    const rec = await createRecord(t.db, scope, vtest.key, { title: '新写入', done: true });
    const stored = await t.db.selectFrom('record').select('data_version').where('id', '=', rec.id).executeTakeFirstOrThrow();
    assert.equal(Number(stored.data_version), 2);
    // A row as version 1 wrote it.
    await t.db
      .updateTable('record')
      .set({ data: JSON.stringify({ name: '旧记录', done: '是' }), data_version: 1 })
      .where('id', '=', rec.id)
      .execute();
    const read = await getRecord(t.db, scope, rec.id);
    assert.deepEqual(read.data, { title: '旧记录', done: true });
    assert.ok(vtest.schema.safeParse(read.data).success, 'the upgraded payload validates against the current declaration');
  });

  it('reads chosen fields of old and renamed rows as whole reads do (findFieldsAsOf = findRecordsAsOf)', async () => {
    const scope = systemScope(w.otherCounty);
    const current = await createRecord(t.db, scope, vtest.key, { title: '当前版本', done: true });
    const old = await createRecord(t.db, scope, vtest.key, { title: '占位', done: false });
    const renamed = await createRecord(t.db, scope, vtest.key, { title: '占位' });
    await t.db
      .updateTable('record')
      .set({ data: JSON.stringify({ name: '第一版', done: '是' }), data_version: 1 })
      .where('id', '=', old.id)
      .execute();
    // Written under the current version but still holding the field under its old name.
    await t.db
      .updateTable('record')
      .set({ data: JSON.stringify({ name: '旧字段名' }) })
      .where('id', '=', renamed.id)
      .execute();
    const instant = '2999-01-01T00:00:00.000Z';
    const whole = await findRecordsAsOf(t.db, w.otherCounty, vtest, instant);
    const some = await findFieldsAsOf(t.db, w.otherCounty, vtest, instant, ['title', 'done']);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(
      byId(some).map((r) => [r.id, r.data]),
      byId(whole).map((r) => [r.id, { title: r.data.title, ...(r.data.done === undefined ? {} : { done: r.data.done }) }]),
    );
    const got = Object.fromEntries(some.map((r) => [r.id, r.data]));
    assert.deepEqual(got[current.id], { title: '当前版本', done: true });
    assert.deepEqual(got[old.id], { title: '第一版', done: true });
    assert.deepEqual(got[renamed.id], { title: '旧字段名' });
    // Only the fields asked for, absent ones left out.
    assert.deepEqual((await findFieldsAsOf(t.db, w.otherCounty, vtest, instant, ['done'])).find((r) => r.id === renamed.id)?.data, {});
  });

  it('rewrites old rows with `fazhi ledgers upgrade` in one audited transaction, and then has nothing left to do', async () => {
    const scope = systemScope(w.city);
    const rec = await createRecord(t.db, scope, vtest.key, { title: '待升级', done: false });
    await t.db
      .updateTable('record')
      .set({ data: JSON.stringify({ name: '待升级', done: '否' }), data_version: 1 })
      .where('id', '=', rec.id)
      .execute();
    const dry = await upgradeStoredPayloads(t.db, { username: 'system', ip: 'cli' }, true);
    assert.ok(dry.total >= 1);
    const before = await t.db
      .selectFrom('record')
      .select(['data', 'data_version', 'version'])
      .where('id', '=', rec.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(before.data_version), 1, 'a dry run writes nothing');
    const done = await upgradeStoredPayloads(t.db, { username: 'system', ip: 'cli' });
    assert.equal(done.total, dry.total);
    const row = await t.db
      .selectFrom('record')
      .select(['data', 'data_version', 'version'])
      .where('id', '=', rec.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(row.data), { title: '待升级', done: false });
    assert.deepEqual([Number(row.data_version), Number(row.version)], [2, Number(before.version) + 1]);
    const audit = await t.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'ledger.upgrade').execute();
    assert.ok(audit.some((a) => JSON.parse(a.detail).records.includes(rec.id)));
    assert.equal((await upgradeStoredPayloads(t.db, { username: 'system', ip: 'cli' })).total, 0);
  });

  it('refuses a declaration whose upgrades do not lead to its version', () => {
    assert.throws(
      () => defineLedger({ key: 'vbad', module: 'v', label: 'x', titleField: 'a', version: 3, fields: { a: f.text('a') } }),
      /needs 2 upgrades/,
    );
  });
});
