/**
 * The source records of a report's numbers (GET /api/reports/:id/figures/:figure/sources): for a
 * draft read from the ledgers over the draft's bureaus and period (saying when they changed since
 * its numbers), for a finalized report the records kept when it was finalized; paged, named by
 * bureau in a roll-up, deleted records marked, and never a record of a bureau the caller may not read. Also the record by id (GET /api/records/:id) that the
 * app's record page opens, and the preview's appendix, which names figures in Chinese only.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type Client, client, serverSuite } from './helpers.ts';

const central = (date: string, topic: string, unitId?: string) => ({
  data: { date, kind: '党组理论学习中心组学法', topic, laws: '宪法', attendees: 9, ...(unitId ? { unitId } : {}) },
});

const sourcesUrl = (report: string, figure: string, q: Record<string, string | number> = {}) => {
  const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
  return `/api/reports/${report}/figures/${encodeURIComponent(figure)}/sources${qs ? `?${qs}` : ''}`;
};

/** What a reader sees of an HTML page: its text without tags and attributes. */
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z]+;/g, ' ');

describe('report sources', () => {
  const s = serverSuite();
  let officer: Client;
  let county: Client;
  let other: Client;
  let staff: Client;
  const cityIds: string[] = [];
  const countyIds: string[] = [];
  let rollup = '';
  let countyReport = '';

  before(async () => {
    officer = await client(s.s.base, 'officer');
    county = await client(s.s.base, 'county');
    other = await client(s.s.base, 'other');
    staff = await client(s.s.base, 'staff');
    const add = async (c: Client, body: unknown, into: string[]) => {
      const r = await c.post('/api/ledgers/study_session/records', body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      into.push(r.body.id);
    };
    await add(officer, central('2025-02-10', '市局学习宪法', s.w.units.office), cityIds);
    await add(officer, central('2025-05-12', '市局学习民法典'), cityIds);
    await add(officer, central('2025-09-03', '市局学习行政复议法'), cityIds);
    await add(county, central('2025-06-01', '县局学习宪法', s.w.units.countyOffice), countyIds);
    await add(county, central('2025-07-01', '县局学习民法典'), countyIds);
    const roll = await officer.post('/api/reports', { kind: 'annual-report', year: 2025, rollup: true });
    assert.equal(roll.status, 201, JSON.stringify(roll.body));
    rollup = roll.body.id;
    assert.equal(roll.body.figures.values['study.central_group'].value, 5);
    const own = await county.post('/api/reports', { kind: 'annual-report', year: 2025 });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    countyReport = own.body.id;
  });

  it('lists a number’s records with title, date, unit and bureau; in a roll-up the bureau names the county', async () => {
    const r = await officer.get(sourcesUrl(rollup, 'study.central_group'));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.figure, {
      key: 'study.central_group',
      part: null,
      label: '党组理论学习中心组学法次数',
      value: 5,
      unit: '次',
      defined: true,
    });
    assert.equal(r.body.total, 5);
    assert.equal(r.body.withheld, 0);
    assert.equal(r.body.page, 1);
    assert.equal(r.body.pageSize, 20);
    assert.deepEqual(
      r.body.items.map((i: { title: string; date: string; orgName: string }) => [i.date, i.title, i.orgName]),
      [
        ['2025-09-03', '市局学习行政复议法', '某市民政局'],
        ['2025-07-01', '县局学习民法典', '某县民政局'],
        ['2025-06-01', '县局学习宪法', '某县民政局'],
        ['2025-05-12', '市局学习民法典', '某市民政局'],
        ['2025-02-10', '市局学习宪法', '某市民政局'],
      ],
      'newest first',
    );
    const byTitle = new Map(r.body.items.map((i: { title: string }) => [i.title, i]));
    assert.deepEqual(byTitle.get('市局学习宪法'), {
      id: cityIds[0],
      ledger: 'study_session',
      ledgerLabel: '学法活动台账',
      title: '市局学习宪法',
      date: '2025-02-10',
      year: 2025,
      unitName: '政策法规科',
      orgName: '某市民政局',
      deleted: false,
    });
    assert.equal((byTitle.get('县局学习宪法') as { unitName: string }).unitName, '办公室');
    assert.equal((byTitle.get('市局学习民法典') as { unitName: string | null }).unitName, null);
  });

  it('pages the records', async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const r = await officer.get(sourcesUrl(rollup, 'study.central_group', { page, pageSize: 2 }));
      assert.equal(r.status, 200);
      assert.equal(r.body.total, 5);
      assert.equal(r.body.page, page);
      assert.equal(r.body.pageSize, 2);
      assert.equal(r.body.items.length, page < 3 ? 2 : 1);
      seen.push(...r.body.items.map((i: { id: string }) => i.id));
    }
    assert.deepEqual([...seen].sort(), [...cityIds, ...countyIds].sort(), 'every record once');
    const past = await officer.get(sourcesUrl(rollup, 'study.central_group', { page: 9, pageSize: 2 }));
    assert.deepEqual([past.body.total, past.body.items.length], [5, 0]);
  });

  it('refuses a bad figure key or paging with a Chinese detail naming the parameter', async () => {
    const bad = await officer.get(sourcesUrl(rollup, 'no.such_figure'));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'figure');
    assert.match(bad.body.detail, /^参数 figure 有误：本报告没有引用指标“no\.such_figure”$/);
    const size = await officer.get(sourcesUrl(rollup, 'study.central_group', { pageSize: 1000 }));
    assert.equal(size.status, 400);
    assert.match(size.body.detail, /pageSize/);
    const page = await officer.get(sourcesUrl(rollup, 'study.central_group', { page: 'x' }));
    assert.equal(page.status, 400);
    assert.match(page.body.detail, /参数 page 应为数字/);
  });

  it('keeps bureaus apart: no draft of another bureau, no record the caller may not read', async () => {
    // A county cannot read the city's report, nor a sibling county's.
    assert.equal((await county.get(sourcesUrl(rollup, 'study.central_group'))).status, 404);
    assert.equal((await other.get(sourcesUrl(countyReport, 'study.central_group'))).status, 404);
    // The city supervises the county: it reads the county's report and its records.
    const down = await officer.get(sourcesUrl(countyReport, 'study.central_group'));
    assert.equal(down.status, 200);
    assert.deepEqual(
      down.body.items.map((i: { orgName: string }) => i.orgName),
      ['某县民政局', '某县民政局'],
    );
    const own = await county.get(sourcesUrl(countyReport, 'study.central_group'));
    assert.deepEqual([...own.body.items.map((i: { id: string }) => i.id)].sort(), [...countyIds].sort());
    // 科室人员 read only their own bureau: the county's records in the roll-up are withheld, and counted.
    const mine = await staff.get(sourcesUrl(rollup, 'study.central_group'));
    assert.equal(mine.status, 200);
    assert.equal(mine.body.figure.value, 5, 'the number is the report’s');
    assert.equal(mine.body.total, 3);
    assert.equal(mine.body.withheld, 2);
    assert.deepEqual([...mine.body.items.map((i: { id: string }) => i.id)].sort(), [...cityIds].sort());
    assert.ok(!JSON.stringify(mine.body).includes(countyIds[0]));
    // No report.read, no sources; no session, 401.
    const auditor = await client(s.s.base, 'auditor');
    assert.equal((await auditor.get(sourcesUrl(rollup, 'study.central_group'))).status, 403);
    assert.equal((await (await client(s.s.base)).get(sourcesUrl(rollup, 'study.central_group'))).status, 401);
  });

  it('a draft lists what the ledgers hold now and says when they changed since its numbers were computed', async () => {
    const before = await officer.get(sourcesUrl(rollup, 'study.central_group'));
    assert.deepEqual([before.body.kept, before.body.changedSince], [false, false]);
    const later = await officer.post('/api/ledgers/study_session/records', central('2025-12-01', '市局后来的学法'));
    assert.equal(later.status, 201);
    const added = await officer.get(sourcesUrl(rollup, 'study.central_group'));
    assert.equal(added.body.figure.value, 5, 'the number is the draft’s until it is refreshed');
    assert.deepEqual([added.body.changedSince, added.body.total], [true, 6]);
    assert.ok(added.body.items.some((i: { id: string }) => i.id === later.body.id));
    // The check says the same: the number is stale, an error until 刷新数据.
    const check = await officer.get(`/api/reports/${rollup}`);
    assert.ok(
      check.body.issues.some((i: { code: string; figure?: string }) => i.code === 'figure-stale' && i.figure === 'study.central_group'),
    );
    assert.equal((await officer.del(`/api/ledgers/study_session/records/${cityIds[1]}`)).status, 204);
    const r = await officer.get(sourcesUrl(rollup, 'study.central_group'));
    assert.deepEqual([r.body.changedSince, r.body.total], [true, 5]);
    assert.ok(!r.body.items.some((i: { id: string }) => i.id === cityIds[1]), 'a deleted record is no longer in the ledgers');
  });

  it('a finalized report lists the records it was computed from, kept at finalizing: later ones not, deleted ones marked', async () => {
    const leader = await client(s.s.base, 'leader');
    const rep = await officer.post('/api/reports', { kind: 'annual-report', year: 2025 });
    assert.equal(rep.status, 201, JSON.stringify(rep.body));
    assert.equal((await officer.post(`/api/reports/${rep.body.id}/confirm`, { all: true })).status, 200);
    const fin = await leader.post(`/api/reports/${rep.body.id}/finalize`, { force: true, confirmSecrecy: true });
    assert.equal(fin.status, 200, JSON.stringify(fin.body));
    const kept = await officer.get(sourcesUrl(rep.body.id, 'study.central_group'));
    assert.equal(kept.body.kept, true);
    const ids = kept.body.items.map((i: { id: string }) => i.id);
    assert.equal(kept.body.total, fin.body.figures.values['study.central_group'].value);
    assert.equal(kept.body.total, fin.body.figures.values['study.central_group'].sourceCount);
    const added = await officer.post('/api/ledgers/study_session/records', central('2025-12-02', '定稿后补录的学法'));
    assert.equal(added.status, 201);
    assert.equal((await officer.del(`/api/ledgers/study_session/records/${ids[0]}`)).status, 204);
    const after = await officer.get(sourcesUrl(rep.body.id, 'study.central_group'));
    assert.equal(after.body.total, kept.body.total);
    assert.deepEqual(
      after.body.items.map((i: { id: string }) => i.id),
      ids,
    );
    assert.ok(!after.body.items.some((i: { id: string }) => i.id === added.body.id));
    const gone = after.body.items.find((i: { id: string }) => i.id === ids[0]);
    assert.equal(gone.deleted, true);
    assert.equal(after.body.items.filter((i: { deleted: boolean }) => i.deleted).length, 1);
    // A group figure's groups and a ratio (its parts' records) are kept as well.
    const rate = await officer.get(sourcesUrl(rep.body.id, 'study.exam_pass_rate'));
    assert.equal(rate.status, 200, JSON.stringify(rate.body));
    assert.equal(rate.body.kept, true);
  });

  it('lists one group of a group figure (part), groups added up with "|"', async () => {
    const req = (applicantType: string, content: string) => ({
      data: { receivedOn: '2025-04-01', channel: '互联网在线', applicantType, content },
    });
    for (const [type, content] of [
      ['自然人', '申请公开低保名单'],
      ['自然人', '申请公开养老补贴标准'],
      ['商业企业', '申请公开采购结果'],
    ]) {
      const r = await officer.post('/api/ledgers/disclosure_request/records', req(type, content));
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const rep = await officer.post('/api/reports', { kind: 'disclosure-report', year: 2025 });
    assert.equal(rep.status, 201, JSON.stringify(rep.body));
    const part = (p?: string) => officer.get(sourcesUrl(rep.body.id, 'report.disclosure_new', p === undefined ? {} : { part: p }));
    const people = await part('自然人');
    assert.equal(people.status, 200, JSON.stringify(people.body));
    assert.deepEqual(people.body.figure, {
      key: 'report.disclosure_new',
      part: '自然人',
      label: '本年新收政府信息公开申请（按申请人）（自然人）',
      value: 2,
      unit: '件',
      defined: true,
    });
    assert.deepEqual(people.body.items.map((i: { title: string }) => i.title).sort(), ['申请公开低保名单', '申请公开养老补贴标准'].sort());
    const both = await part('自然人|商业企业');
    assert.deepEqual([both.body.figure.value, both.body.total], [3, 3]);
    assert.match(both.body.figure.label, /（自然人、商业企业）$/);
    const none = await part('科研机构');
    assert.deepEqual([none.body.figure.value, none.body.total, none.body.items.length], [0, 0, 0], 'as printed: 0');
    const all = await part();
    assert.deepEqual([all.body.figure.value, all.body.total], [3, 3]);
  });

  it('opens a record by id for the record page, within the caller’s bureaus', async () => {
    const r = await officer.get(`/api/records/${countyIds[0]}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.ledger, 'study_session');
    assert.equal(r.body.title, '县局学习宪法');
    assert.equal((await county.get(`/api/records/${cityIds[0]}`)).status, 404);
    assert.equal((await other.get(`/api/records/${countyIds[0]}`)).status, 404);
    assert.equal((await officer.get(`/api/records/${cityIds[1]}`)).status, 404, 'deleted');
    assert.equal((await (await client(s.s.base, 'auditor')).get(`/api/records/${cityIds[0]}`)).status, 403);
  });

  it('names figures in the preview appendix by label, value and count: no keys, no record ids, no data-sources', async () => {
    const res = await officer.raw(`/api/reports/${rollup}/html`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.doesNotMatch(html, /data-sources/);
    assert.doesNotMatch(html, /href="\/records\//);
    assert.match(html, /<a class="fig" href="#[^"]+" data-figure="study\.central_group" title="[^"]*">5<\/a>/);
    const appendix = visibleText(html.slice(html.indexOf('<div class="sources">')));
    assert.match(appendix, /数字来源/);
    assert.match(appendix, /党组理论学习中心组学法次数：5次；来源记录5条/);
    assert.match(appendix, /学法考试合格率：/);
    const text = visibleText(html);
    for (const id of [...cityIds, ...countyIds]) {
      assert.ok(!html.includes(id), `record id ${id} in the page`);
      assert.ok(!text.includes(id.slice(0, 8)), 'no short id either');
    }
    assert.doesNotMatch(appendix, /study\.|plan\.|[0-9a-f]{8}/, 'no figure key or hex id in the appendix');
  });
});
