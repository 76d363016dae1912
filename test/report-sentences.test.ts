/**
 * A rule for every sentence, checked on every template: generated for a bureau-year with no records,
 * a document may print fixed words only as connectives and 公文 formulas; everything else is a
 * figure, a record, the officer's own words (marked, to confirm) or a negative statement that prints
 * only once a person confirmed it. Finalizing is refused while any of these waits for confirmation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FigureSnapshot, ReportContent, Run } from '../src/contract.ts';
import { whenBranch } from '../src/reports/model.ts';
import { REPORT_KINDS } from '../src/reports/templates/index.ts';
import { client, serverSuite } from './helpers.ts';

/** 公文 formulas that claim nothing about the year's work (an opening, a basis, a closing). */
const FORMULAS: readonly RegExp[] = [
  /现将.*(报告|总结)如下：$/,
  /^本报告根据《[^》]+》第[^条]+条和《[^》]+》（[^）]+）要求编制。报告所列数据的统计期限自\d{4}年1月1日起至\d{4}年12月31日止。$/,
  /^按照《法治政府建设与责任落实督察工作规定》，本报告最迟于\d{4}年\d{1,2}月\d{1,2}日报送[^，]+，经保密审查后最迟于\d{4}年\d{1,2}月\d{1,2}日向社会公开。$/,
  /^\d{4}年(以来)?，(我局|全[县区市省]民政系统)在[^，]+的(正确)?领导下，$/,
];

/** Connective text: what is left after numbers and punctuation is a few characters ("，全年开展", "件"). */
const MAX_CONNECTIVE = 12;
const NEGATIVE = /未|尚无|没有|尚未|从未|均无/;

type Found = { at: string; text: string };

/** Text printed on the path the snapshot chooses, outside the officer's words and negative statements. */
function fixedTexts(c: ReportContent, snap: FigureSnapshot): Found[] {
  const out: Found[] = [];
  const walk = (at: string, rs: Run[]) => {
    for (const r of rs) {
      if ('t' in r) out.push({ at, text: r.t });
      else if ('when' in r) walk(at, whenBranch(snap, r));
    }
  };
  const blocks = [
    ...c.preamble.map((b, i) => ({ at: `p:${i}`, b })),
    ...c.sections.flatMap((s, si) => s.blocks.map((b, i) => ({ at: `${s.heading} ${si}:${i}`, b }))),
  ];
  for (const { at, b } of blocks) {
    if (b.type === 'paragraph') walk(at, b.runs);
    // A table cell of text alone is a row or column label of the statutory form, not a claim.
    else if (b.type === 'table')
      for (const row of b.rows) for (const cell of row) if (cell.runs.some((r) => !('t' in r))) walk(at, cell.runs);
  }
  return out;
}

const core = (s: string) => s.replace(/[\s\p{P}\d%]/gu, '');

describe('a rule for every sentence', () => {
  const suite = serverSuite();

  for (const kind of REPORT_KINDS) {
    it(`${kind}: with no records it claims nothing, and every negative waits for a person`, async () => {
      const officer = await client(suite.s.base, 'officer');
      const leader = await client(suite.s.base, 'leader');
      const r = await officer.post('/api/reports', { kind, year: 2019 });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const content = r.body.content as ReportContent;
      const snap = r.body.figures as FigureSnapshot;

      const claims = fixedTexts(content, snap).filter(
        (f) => core(f.text).length > MAX_CONNECTIVE && !FORMULAS.some((re) => re.test(f.text.trim())),
      );
      assert.deepEqual(claims, [], 'fixed sentences must be figures, records, the officer’s words or confirmed negatives');
      const negatives = fixedTexts(content, snap).filter((f) => NEGATIVE.test(f.text));
      assert.deepEqual(negatives, [], 'a negative statement is a none() run, printed only once confirmed');

      const confirmations = r.body.issues.filter((i: { confirm?: unknown }) => i.confirm);
      assert.ok(confirmations.length > 0, 'an empty year leaves things to confirm');
      const html = await (await officer.raw(`/api/reports/${r.body.id}/html`)).text();
      assert.ok(/class="(own|none) open"/.test(html), 'unconfirmed words are marked in the preview');

      const refused = await leader.post(`/api/reports/${r.body.id}/finalize`, { force: true, confirmSecrecy: true });
      assert.equal(refused.status, 400);
      assert.match(refused.body.detail, /需确认/);

      const confirmed = await officer.post(`/api/reports/${r.body.id}/confirm`, { all: true });
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      const open = confirmed.body.issues.filter((i: { confirm?: unknown }) => i.confirm);
      assert.deepEqual(open, []);
      const byWhom = confirmed.body.issues.filter((i: { code: string }) => i.code === 'none-confirmed' || i.code === 'own-confirmed');
      assert.ok(byWhom.length >= confirmations.length);
      assert.ok(byWhom.every((i: { message: string }) => /确认/.test(i.message)));
      const after = await (await officer.raw(`/api/reports/${r.body.id}/html`)).text();
      assert.ok(!/class="(own|none) open"/.test(after), 'confirmed words are no longer marked');

      const errors = confirmed.body.issues.filter((i: { level: string }) => i.level === 'error');
      assert.deepEqual(errors, [], 'nothing else blocks an honest empty report');
      const final = await leader.post(`/api/reports/${r.body.id}/finalize`, { force: true, confirmSecrecy: true });
      assert.equal(final.status, 200, JSON.stringify(final.body));
    });
  }

  it('keeps a confirmation only for the words confirmed: an edited sentence is unconfirmed again', async () => {
    const officer = await client(suite.s.base, 'officer');
    const r = await officer.post('/api/reports', { kind: 'annual-report', year: 2018 });
    const confirmed = await officer.post(`/api/reports/${r.body.id}/confirm`, { all: true });
    assert.equal(confirmed.status, 200);
    const content = structuredClone(confirmed.body.content) as ReportContent;
    // Edit the first officer sentence; forge a confirmation on it and on a negative of the same draft.
    let edited = '';
    const touch = (rs: Run[]) => {
      for (const x of rs) {
        if ('own' in x && !edited) {
          edited = x.own;
          x.runs = [{ t: '本年度，我们做了很多工作。' }];
          x.ok = { by: 'forged', name: '伪造', at: '2000-01-01T00:00:00Z' };
        } else if ('when' in x) {
          touch(x.some);
          touch(x.zero);
        }
      }
    };
    for (const s of content.sections) for (const b of s.blocks) if (b.type === 'paragraph') touch(b.runs);
    assert.ok(edited);
    const put = await officer.put(`/api/reports/${r.body.id}`, { content, version: confirmed.body.version });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const open = put.body.issues.filter((i: { confirm?: { id: string } }) => i.confirm);
    assert.deepEqual(
      open.map((i: { confirm: { id: string } }) => i.confirm.id),
      [edited],
      'only the edited sentence waits again; a confirmation sent by the client is ignored',
    );
    const audit = await suite.t.db.selectFrom('audit_log').select(['action']).where('entity_id', '=', r.body.id).execute();
    assert.ok(audit.some((a) => a.action === 'report.confirm'));
  });

  it('lays the annual report out as the bureau chose, and a roll-up speaks for the whole system with its scope as 附注', async () => {
    const officer = await client(suite.s.base, 'officer');
    const bad = await officer.put('/api/reports/settings', { annualLayout: 'poem' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /章节结构/);
    const set = await officer.put('/api/reports/settings', { annualLayout: 'local' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const local = await officer.post('/api/reports', { kind: 'annual-report', year: 2017 });
    assert.deepEqual(
      local.body.content.sections.map((x: { key: string }) => x.key),
      ['measures', 'first-responsible', 'rectification', 'shortcomings', 'next-year'],
    );
    assert.equal(local.body.content.sections[2].heading, '三、上年度报告中存在问题的整改情况');
    assert.ok(!local.body.issues.some((i: { code: string }) => i.code === 'annual-structure'));
    assert.equal((await officer.put('/api/reports/settings', { annualLayout: 'statutory' })).status, 200);
    const statutory = await officer.post('/api/reports', { kind: 'annual-report', year: 2017 });
    assert.deepEqual(
      statutory.body.content.sections.map((x: { key: string }) => x.key),
      ['measures', 'shortcomings', 'first-responsible', 'next-year', 'other'],
    );
    const audit = await suite.t.db.selectFrom('audit_log').select(['action']).where('action', '=', 'report.settings').execute();
    assert.equal(audit.length, 2);

    const roll = await officer.post('/api/reports', { kind: 'annual-report', year: 2017, rollup: true });
    assert.equal(roll.status, 201, JSON.stringify(roll.body));
    const html = await (await officer.raw(`/api/reports/${roll.body.id}/html`)).text();
    assert.match(html, /2017年，全市民政系统在/);
    assert.ok(!/我局|全局/.test(html.replace(/<[^>]+>/g, '')), 'a roll-up never speaks as one bureau');
    assert.match(roll.body.content.note, /^本报告数据汇总某市民政局、(某县民政局、另一县民政局|另一县民政局、某县民政局)共3个单位$/);
    assert.match(html, /（本报告数据汇总某市民政局/);
  });
});
