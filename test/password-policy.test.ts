/**
 * The password policy (等保 身份鉴别 a): length, classes, the common-password dictionary (case-folded,
 * through l33t substitutions), the username, and the history of the last 5 — in the service and over
 * the API's own change of password, on the real database.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oneTimePassword, PASSWORD_MSG, passwordProblem } from '../src/org/password-policy.ts';
import { client, PASSWORD, serverSuite } from './helpers.ts';

describe('password policy', () => {
  const s = serverSuite();

  it('refuses short, one-class-short, username-bearing and common passwords with one Chinese reason each', async () => {
    assert.equal(await passwordProblem('Ab1!xyzuv'), PASSWORD_MSG.tooShort);
    assert.equal(await passwordProblem(`Ab1!${'x'.repeat(125)}`), PASSWORD_MSG.tooLong);
    assert.equal(await passwordProblem('onlylower1234'), PASSWORD_MSG.classes);
    assert.equal(await passwordProblem('Wang.Wu#2026x', 'wang.wu'), PASSWORD_MSG.username);
    assert.equal(await passwordProblem('Wang.Wu#2026x', 'WANG.WU'), PASSWORD_MSG.username, 'case-folded');
    // The four named in the issue: refused, whatever reason comes first.
    for (const pw of ['Password1', 'P@ssw0rd', 'Admin@12345', 'Qwerty1234!']) assert.notEqual(await passwordProblem(pw), null, pw);
    // Long enough and of three classes, yet one dictionary word or common password with a little decoration.
    for (const pw of ['Admin@12345', 'Qwerty1234!', 'Password1!', 'P@ssw0rd!!', 'PASSW0RD2026!', 'Welcome2024!', 'Iloveyou123!']) {
      assert.equal(await passwordProblem(pw), PASSWORD_MSG.common, pw);
    }
    for (const pw of ['Strong#2026x', 'Tenancy#2026ok', PASSWORD, 'Ab3kx9qz@K47']) assert.equal(await passwordProblem(pw), null, pw);
    for (let i = 0; i < 10; i++) {
      const pw = oneTimePassword();
      assert.equal(pw.length, 16);
      assert.equal(await passwordProblem(pw), null, pw);
    }
  });

  it('refuses the last 5 passwords (the current one included) and accepts the one before them', async () => {
    const c = await client(s.s.base, 'officer');
    const seq = ['Hist#Pw2026a', 'Hist#Pw2026b', 'Hist#Pw2026c', 'Hist#Pw2026d', 'Hist#Pw2026e'];
    let current = PASSWORD;
    for (const next of seq) {
      const r = await c.post('/api/me/password', { oldPassword: current, newPassword: next });
      assert.equal(r.status, 200, `${next}: ${JSON.stringify(r.body)}`);
      current = next;
    }
    const history = await s.t.db.selectFrom('password_history').select('password_hash').where('user_id', '=', s.w.users.officer).execute();
    assert.equal(history.length, 5, 'one old hash per change');
    for (const again of seq) {
      const r = await c.post('/api/me/password', { oldPassword: current, newPassword: again });
      assert.equal(r.status, 400, again);
      assert.equal(r.body.field, 'newPassword');
      assert.equal(r.body.detail, PASSWORD_MSG.reused);
    }
    // PASSWORD is six passwords back now: allowed again.
    const back = await c.post('/api/me/password', { oldPassword: current, newPassword: PASSWORD });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    const weak = await c.post('/api/me/password', { oldPassword: PASSWORD, newPassword: 'P@ssw0rd2026' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.detail, PASSWORD_MSG.common);
  });
});
