/**
 * Statement reuse: the prepared session query (compiled once, padded to a few list lengths, reused
 * from SQLite's statement cache or sent as a named statement on PostgreSQL) answers each id with its
 * own row.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findSessionsWithUser, insertSession } from '../src/org/session.repo.ts';
import { makeDb, makeWorld, type TestDb, type World } from './helpers.ts';

describe('statement reuse', () => {
  let t: TestDb;
  let w: World;
  const ids: string[] = [];
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    const users = Object.values(w.users);
    const now = new Date().toISOString();
    for (let i = 0; i < 40; i++) {
      const id = `s${String(i).padStart(3, '0')}`;
      await insertSession(t.db, { id, user_id: users[i % users.length], created_at: now, last_seen_at: now, ip: `ip${i}` });
      ids.push(id);
    }
  });
  after(async () => {
    await t?.close();
  });

  it('finds each session with its own account, for lists of every length around the prepared ones', async () => {
    const users = Object.values(w.users);
    for (let n = 1; n <= 40; n++) {
      const asked = [...ids.slice(0, n), 'no-such-session'];
      const rows = await findSessionsWithUser(t.db, asked);
      assert.deepEqual(rows.map((r) => r.sid).sort(), ids.slice(0, n), `${n} ids`);
      for (const r of rows) assert.equal(r.id, users[Number(r.sid.slice(1)) % users.length]);
      assert.ok(rows.every((r) => Number(r.tree_version) >= 1));
    }
  });
});
