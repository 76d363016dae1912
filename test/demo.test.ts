/**
 * The demo loader on a fresh database: every ledger of the registry gets records, every account can log
 * in, the audit chain holds, and the key figures of a county look like the seeds.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import { DEMO_LAWS } from '../src/demo/laws.ts';
import { loadDemo, type DemoResult } from '../src/demo/load.ts';
import { getFigureDecl } from '../src/figures/define.ts';
import { evaluateFigures, type Period } from '../src/figures/evaluate.ts';
import { findRecords } from '../src/ledger/record.repo.ts';
import { allLedgers } from '../src/ledger/registry.ts';
import { upgradeStoredPayloads } from '../src/ledger/upgrade.service.ts';
import { lawFilesUnder } from '../src/modules/law/law-files.ts';
import { decodeLawText, parseLaw } from '../src/modules/law/law.parse.ts';
import { searchLaws } from '../src/modules/law/law.service.ts';
import { systemScope } from '../src/org/scope.ts';
import { client, makeDb, type Server, startServer, type TestDb } from './helpers.ts';

const TODAY = '2026-11-23';
/** The law texts the demo imports with --laws; absent on a machine without them, then only the catalogue is checked. */
const LAWS = path.resolve(import.meta.dirname, '../../shared/laws');
const HAVE_LAWS = fs.existsSync(LAWS);

describe('demo data', () => {
  let t: TestDb;
  let demo: DemoResult;
  before(async () => {
    t = await makeDb();
    demo = await loadDemo(t.db, { today: TODAY, lawsDir: HAVE_LAWS ? LAWS : undefined });
  });
  after(async () => {
    await t?.close();
  });

  it('puts records in every ledger of the registry, for every bureau', async () => {
    const ledgers = allLedgers();
    assert.ok(ledgers.length >= 2);
    const empty: string[] = [];
    for (const l of ledgers) {
      for (const org of Object.values(demo.orgs)) {
        const n = await t.db
          .selectFrom('record')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('ledger', '=', l.key)
          .where('org_id', '=', org.id)
          .executeTakeFirst();
        if (Number(n?.n ?? 0) < 1) empty.push(`${l.key}@${org.shortName}`);
      }
    }
    assert.deepEqual(empty, [], `empty ledgers: ${empty.join(', ')}`);
    const late = await t.db.selectFrom('record').select(['ledger', 'occurred_on']).where('occurred_on', '>', TODAY).execute();
    assert.deepEqual(late, [], 'no record is dated after today');
  });

  it('fills each law library with the true catalogue, and the texts where given, one record per law', async () => {
    const texts = HAVE_LAWS
      ? lawFilesUnder(LAWS).map((f) => parseLaw(decodeLawText(fs.readFileSync(f)), { category: null, filename: path.basename(f) }))
      : [];
    const expected = [...new Set([...DEMO_LAWS.map(([title]) => title), ...texts.map((l) => l.title)])].sort();
    for (const org of Object.values(demo.orgs)) {
      const { items } = await findRecords(t.db, { orgIds: [org.id], ledger: 'law', limit: 500 });
      assert.deepEqual(items.map((r) => r.title).sort(), expected, org.shortName);
      for (const law of texts) {
        const rec = items.find((r) => r.title === law.title);
        assert.equal(rec?.data.articleCount, law.articles.length, `${org.shortName} ${law.title}`);
        const entry = DEMO_LAWS.find(([title]) => title === law.title);
        // Two sources for one fact: the catalogue's 公布日期 and the text's own history.
        if (entry) assert.equal(entry[3], law.promulgatedOn, `${law.title} 公布日期`);
      }
    }
    if (!HAVE_LAWS) return;
    const found = await searchLaws(t.db, systemScope(demo.orgs.shifan.id), '最低生活保障');
    assert.ok(found.hits.some((h) => h.title === '社会救助暂行办法' && h.no === '第九条'));
  });

  it('links records through every reference field of the registry', async () => {
    const missing: string[] = [];
    for (const l of allLedgers()) {
      for (const [field, def] of Object.entries(l.fields)) {
        if (!def.ref) continue;
        const n = await t.db
          .selectFrom('record_link')
          .innerJoin('record', 'record.id', 'record_link.from_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('record.ledger', '=', l.key)
          .where('record_link.field', '=', field)
          .executeTakeFirst();
        if (Number(n?.n ?? 0) < 1) missing.push(`${l.key}.${field}`);
      }
    }
    assert.deepEqual(missing, [], `reference fields without a link in the demo: ${missing.join(', ')}`);
  });

  it('stores only payloads that validate against the current declarations, with nothing to upgrade', async () => {
    const bad: string[] = [];
    for (const l of allLedgers()) {
      const { items } = await findRecords(t.db, { orgIds: Object.values(demo.orgs).map((o) => o.id), ledger: l.key });
      for (const r of items) if (!l.schema.safeParse(r.data).success) bad.push(`${l.key}/${r.id}`);
    }
    assert.deepEqual(bad, []);
    assert.equal((await upgradeStoredPayloads(t.db, { username: 'system', ip: 'test' }, true)).total, 0);
  });

  it('creates an account for every role, each able to log in with the printed password (and the admins with a code of the printed secret)', async () => {
    const roles = new Set(demo.accounts.map((a) => a.role));
    assert.deepEqual([...roles].sort(), ['auditor', 'leader', 'officer', 'secadmin', 'staff', 'sysadmin']);
    assert.deepEqual(
      demo.accounts
        .filter((a) => a.totp)
        .map((a) => a.role)
        .sort(),
      ['auditor', 'secadmin', 'sysadmin'],
    );
    let s: Server | undefined;
    try {
      s = await startServer(t.db, { env: { SECOND_FACTOR: 'admins' } });
      for (const a of demo.accounts) {
        const c = await client(s.base);
        const r = await c.post('/api/auth/login', { username: a.username, password: a.password });
        assert.equal(r.status, 200, `${a.username}: ${JSON.stringify(r.body)}`);
        if (a.totp) {
          assert.equal(r.body.next, 'second-factor', a.username);
          assert.match(a.totp.uri, /^otpauth:\/\/totp\//);
          const code = TOTP.generate({ secret: Secret.fromBase32(a.totp.secret), algorithm: 'SHA1', digits: 6, period: 30 });
          const done = await c.post('/api/auth/login/second-factor', { challenge: r.body.challenge, code });
          assert.equal(done.status, 200, `${a.username}: ${JSON.stringify(done.body)}`);
        } else assert.equal(r.body.next, undefined, `${a.username} logs in directly`);
        assert.equal((await c.get('/api/me')).body.username, a.username);
      }
    } finally {
      await s?.close();
    }
  });

  it("adds evidence files and last year's report drafts", async () => {
    const att = await t.db
      .selectFrom('attachment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    assert.ok(Number(att?.n) >= 3);
    assert.ok(demo.reports.length >= 3, demo.reports.join(','));
    const drafts = await t.db.selectFrom('report_draft').select(['org_id', 'kind', 'year']).execute();
    assert.equal(drafts.length, demo.reports.length);
    assert.ok(drafts.every((d) => Number(d.year) === 2025));
    assert.deepEqual(demo.skipped, []);
  });

  it('audits every demo write and keeps the chain valid', async () => {
    const records = await t.db
      .selectFrom('record')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const audited = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'record.create')
      .executeTakeFirst();
    // Every record is audited (draws and report drafts write records through their own services too).
    assert.ok(Number(audited?.n) >= Number(records?.n));
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  it('gives a county figures like the seeds', async () => {
    const county = demo.orgs.shifan.id;
    const year: Period = { from: '2025-01-01', to: '2025-12-31' };
    const keys = [
      'study.central_group',
      'study.sessions',
      'study.attendance',
      'study.exam_participation_rate',
      'study.exam_pass_rate',
      'publicity.activities',
      'publicity.materials',
      'adviser.normdoc_reviews',
      'adviser.contract_reviews',
      'disclosure.proactive',
      'oversight.npc',
      'oversight.cppcc',
      'oversight.lawsuits',
      'enforcement.inspected_objects',
      'enforcement.random_single',
    ].filter((k) => getFigureDecl(k));
    const f = await evaluateFigures(t.db, [county], year, keys);
    const zero = keys.filter((k) => !f[k].value);
    assert.deepEqual(zero, [], `zero figures: ${zero.join(', ')}`);
    assert.equal(f['study.exam_pass_rate'].value, 100);
    if (f['oversight.cases_lost']) assert.equal(f['oversight.cases_lost'].value, 0);
    const all = await evaluateFigures(t.db, [county], year);
    const nonZero = Object.values(all).filter((x) => x.value);
    assert.ok(nonZero.length >= Object.keys(all).length * 0.6, `only ${nonZero.length} of ${Object.keys(all).length} figures are non-zero`);
  });
});
