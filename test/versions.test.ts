/** Versioned payloads: a row written under an older version, or under a field's old name, reads as the current declaration. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defineLedger } from '../src/ledger/define.ts';
import { f } from '../src/ledger/field.ts';
import { createRecord, getRecord } from '../src/ledger/record.service.ts';
import { registerLedgers } from '../src/ledger/registry.ts';
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

  it('refuses a declaration whose upgrades do not lead to its version', () => {
    assert.throws(
      () => defineLedger({ key: 'vbad', module: 'v', label: 'x', titleField: 'a', version: 3, fields: { a: f.text('a') } }),
      /needs 2 upgrades/,
    );
  });
});
