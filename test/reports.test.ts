import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { checkReport } from '../src/reports/check.ts';
import { type Client, client, makeDb, makeWorld, type Server, startServer, type TestDb, type World } from './helpers.ts';

const ANNUAL_HEADINGS = [
  '一、2025年度推进法治政府建设的主要举措和成效',
  '二、2025年度推进法治政府建设存在的不足和原因',
  '三、2025年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况',
  '四、2026年度推进法治政府建设的主要安排',
  '五、其他需要报告的情况',
];

const central = (date: string, topic: string, laws = '宪法、民法典') => ({
  date,
  kind: '党组理论学习中心组学法',
  topic,
  laws,
  attendees: 9,
});

/** The number printed for a figure in the HTML preview. */
function printed(html: string, key: string): string[] {
  const re = new RegExp(`data-figure="${key.replace(/\./g, '\\.')}"[^>]*>([^<]*)</a>`, 'g');
  return [...html.matchAll(re)].map((m) => m[1]);
}

describe('reports', () => {
  let t: TestDb;
  let s: Server;
  let w: World;
  let officer: Client;
  let leader: Client;
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    s = await startServer(t.db);
    officer = await client(s.base, 'officer');
    leader = await client(s.base, 'leader');
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  let reportId = '';
  const ids: string[] = [];

  it('generates the annual report: five statutory sections in order, numbers equal to the records', async () => {
    for (const [d, topic] of [
      ['2025-02-10', '学习宪法'],
      ['2025-05-12', '学习民法典'],
      ['2025-09-03', '学习行政复议法'],
    ]) {
      const r = await officer.post('/api/ledgers/study_session/records', { data: central(d, topic) });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids.push(r.body.id);
    }
    // Another kind and another year must not count.
    assert.equal(
      (await officer.post('/api/ledgers/study_session/records', { data: { date: '2025-03-01', kind: '在线学法', topic: '网上学法' } }))
        .status,
      201,
    );
    assert.equal((await officer.post('/api/ledgers/study_session/records', { data: central('2024-12-30', '去年的学法') })).status, 201);
    const exam = await officer.post('/api/ledgers/law_exam/records', {
      data: { name: '2025年度学法考试', date: '2025-11-01', eligible: 40, participants: 40, passed: 38, excellent: 20 },
    });
    assert.equal(exam.status, 201, JSON.stringify(exam.body));

    const r = await officer.post('/api/reports', { kind: 'annual-report', year: 2025 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    reportId = r.body.id;
    assert.deepEqual(
      r.body.content.sections.map((x: { heading: string }) => x.heading),
      ANNUAL_HEADINGS,
    );
    assert.equal(r.body.status, 'draft');
    assert.match(r.body.title, /某市民政局2025年度法治政府建设情况报告/);
    const fig = r.body.figures.values['study.central_group'];
    assert.equal(fig.value, 3);
    assert.equal(fig.sourceCount, 3);
    const src = await officer.get(`/api/reports/${reportId}/figures/study.central_group/sources`);
    assert.deepEqual(src.body.items.map((i: { id: string }) => i.id).sort(), [...ids].sort());
    assert.equal(r.body.figures.values['study.exam_pass_rate'].value, 95);

    const html = await officer.raw(`/api/reports/${reportId}/html`);
    assert.equal(html.status, 200);
    const text = await html.text();
    assert.deepEqual([...new Set(printed(text, 'study.central_group'))], ['3']);
    assert.match(text, /全年开展党组理论学习中心组学法<a [^>]*data-figure="study\.central_group"[^>]*>3<\/a>次/);
    assert.match(text, /合格率<a [^>]*>95%<\/a>/);
    assert.match(text, /重点学习《宪法》《民法典》等法律法规/);
    assert.match(text, /本报告最迟于2026年2月28日报送市委、市政府和上一级民政部门，经保密审查后最迟于2026年3月31日向社会公开/);
    // The check lists issues in Chinese, with the deadlines.
    const got = await officer.get(`/api/reports/${reportId}`);
    assert.equal(got.status, 200);
    const msgs = got.body.issues.map((i: { message: string }) => i.message).join('\n');
    assert.match(msgs, /2026年2月28日/, 'the check gives the day the calendar gives (每年3月1日前 = 2月28日)');
    assert.match(msgs, /2026年3月31日/);
    assert.match(msgs, /保密审查/);
  });

  it('prints wording for zero instead of "0" and lists no placeholder in a generated report', async () => {
    const r = await officer.post('/api/reports', { kind: 'annual-report', year: 2023 });
    assert.equal(r.status, 201);
    const text = await (await officer.raw(`/api/reports/${r.body.id}/html`)).text();
    assert.equal(printed(text, 'study.central_group').length, 0);
    assert.match(text, /本年度党组理论学习中心组尚未开展专题学法/);
    assert.match(text, /本年度尚未组织干部职工参加学法考试/);
    assert.equal(
      r.body.issues.some((i: { code: string }) => i.code === 'placeholder'),
      false,
    );
    const central = r.body.issues.filter((i: { figure?: string }) => i.figure === 'study.central_group');
    assert.deepEqual(
      [...new Set(central.map((i: { code: string }) => i.code))].sort(),
      ['figure-required-zero', 'none-unconfirmed'],
      'a zero is worded, not printed; the negative waits for a confirmation and the zero is flagged for checking',
    );
    assert.match(central.find((i: { code: string }) => i.code === 'figure-required-zero').message, /党组理论学习中心组学法次数.*为0/);
  });

  it('refresh follows the records; a finalized report is frozen', async () => {
    const more = await officer.post('/api/ledgers/study_session/records', { data: central('2025-11-20', '学习行政处罚法') });
    assert.equal(more.status, 201);
    let html = await (await officer.raw(`/api/reports/${reportId}/html`)).text();
    assert.deepEqual([...new Set(printed(html, 'study.central_group'))], ['3'], 'the draft keeps its snapshot until refreshed');
    const staleIssues = (await officer.get(`/api/reports/${reportId}`)).body.issues.filter(
      (i: { code: string }) => i.code === 'figure-stale',
    );
    assert.ok(
      staleIssues.some((i: { message: string }) => /党组理论学习中心组学法次数”由3变为4/.test(i.message)),
      JSON.stringify(staleIssues),
    );
    const ref = await officer.post(`/api/reports/${reportId}/refresh`, {});
    assert.equal(ref.status, 200, JSON.stringify(ref.body));
    assert.equal(ref.body.figures.values['study.central_group'].value, 4);
    assert.equal(
      (await officer.get(`/api/reports/${reportId}`)).body.issues.filter((i: { code: string }) => i.code === 'figure-stale').length,
      0,
    );
    html = await (await officer.raw(`/api/reports/${reportId}/html`)).text();
    assert.deepEqual([...new Set(printed(html, 'study.central_group'))], ['4']);

    // Only a leader finalizes.
    assert.equal((await officer.post(`/api/reports/${reportId}/finalize`, { force: true })).status, 403);

    // The officer confirms her sentences and the negative statements (who and when are recorded).
    const confirmed = await officer.post(`/api/reports/${reportId}/confirm`, { all: true });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.issues.filter((i: { confirm?: unknown }) => i.confirm).length, 0);

    // A figure that cannot be given blocks finalizing, with a Chinese detail; forcing is allowed.
    const cur = (await officer.get(`/api/reports/${reportId}`)).body;
    const content = structuredClone(cur.content);
    // Typed past the template, a claim is refused; her own paragraph is taken, marked as hers.
    const typed = structuredClone(cur.content);
    typed.sections[4].blocks.push({ type: 'paragraph', runs: [{ t: '全年未发生行政诉讼案件。' }] });
    const refusedEdit = await officer.put(`/api/reports/${reportId}`, { content: typed, version: cur.version });
    assert.equal(refusedEdit.status, 400);
    assert.match(refusedEdit.body.detail, /只能修改“专干撰写”的内容/);
    const computed = structuredClone(cur.content);
    const firstRun = computed.sections[0].blocks.find((b: { type: string }) => b.type === 'paragraph').runs;
    firstRun.push({ t: '另有三项重要成果。' });
    assert.equal((await officer.put(`/api/reports/${reportId}`, { content: computed, version: cur.version })).status, 400);
    content.sections[4].blocks.push({
      type: 'paragraph',
      runs: [{ own: 'added-1', runs: [{ t: '全年办理某事项' }, { fig: 'no.such_figure' }, { t: '件。' }] }],
    });
    const put = await officer.put(`/api/reports/${reportId}`, { content, version: cur.version });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.ok(
      put.body.issues.some((i: { code: string; figure?: string }) => i.code === 'figure-undefined' && i.figure === 'no.such_figure'),
    );
    assert.ok(
      put.body.issues.some((i: { code: string; confirm?: { id: string } }) => i.code === 'own-unconfirmed' && i.confirm?.id === 'added-1'),
    );
    // A condition on a figure no module declares is flagged too (templates only; the editor cannot add one).
    const snap = put.body.figures;
    const conditional = structuredClone(put.body.content);
    conditional.sections[4].blocks.push({
      type: 'paragraph',
      runs: [{ when: 'no.such_condition', some: [{ t: '有。' }], zero: [{ t: '无。' }] }],
    });
    assert.ok(
      checkReport('annual-report', conditional, snap, { published: true, today: '2026-01-05', dueDates: [] }).some(
        (i) => i.code === 'figure-undefined' && i.figure === 'no.such_condition',
      ),
    );
    const stale = await officer.put(`/api/reports/${reportId}`, { content, version: cur.version });
    assert.equal(stale.status, 409);
    const mine = await officer.post(`/api/reports/${reportId}/confirm`, { own: ['added-1'] });
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    const blocked = await leader.post(`/api/reports/${reportId}/finalize`, {});
    assert.equal(blocked.status, 400);
    assert.match(blocked.body.detail, /no\.such_figure/);
    assert.match(blocked.body.detail, /保密审查/);

    // Placeholders block even a forced finalize.
    const withStars = structuredClone(mine.body.content);
    withStars.sections[0].blocks.push({
      type: 'paragraph',
      runs: [{ own: 'added-2', runs: [{ t: '截至**月共学习**余次，参考率***%。' }] }],
    });
    const put2 = await officer.put(`/api/reports/${reportId}`, { content: withStars, version: mine.body.version });
    assert.equal(put2.status, 200);
    const refused = await leader.post(`/api/reports/${reportId}/finalize`, { force: true, confirmSecrecy: true });
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail, /占位符/);
    const put3 = await officer.put(`/api/reports/${reportId}`, { content, version: put2.body.version });
    assert.equal(put3.status, 200);

    const fin = await leader.post(`/api/reports/${reportId}/finalize`, { force: true, confirmSecrecy: true });
    assert.equal(fin.status, 200, JSON.stringify(fin.body));
    assert.equal(fin.body.status, 'final');
    assert.equal(fin.body.content.secrecyReviewed, true);
    assert.ok(fin.body.finalizedAt);

    // After finalizing: records change, the report does not.
    assert.equal((await officer.post('/api/ledgers/study_session/records', { data: central('2025-12-01', '学习宪法修正案') })).status, 201);
    assert.equal((await officer.post(`/api/reports/${reportId}/refresh`, {})).status, 409);
    assert.equal((await officer.put(`/api/reports/${reportId}`, { content, version: fin.body.version })).status, 409);
    html = await (await officer.raw(`/api/reports/${reportId}/html`)).text();
    assert.deepEqual([...new Set(printed(html, 'study.central_group'))], ['4']);
    assert.match(html, /已定稿/);
    const figs = await officer.get('/api/figures?year=2025&keys=study.central_group');
    assert.equal(figs.body.figures[0].value, 5);

    const auditor = await client(s.base, 'auditor');
    const log = await auditor.get('/api/audit?action=report.finalize');
    assert.equal(log.status, 200);
    assert.ok(JSON.stringify(log.body).includes(reportId));
  });

  it('renders .docx in the GB/T 9704 layout', async () => {
    const res = await officer.raw(`/api/reports/${reportId}/docx`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /wordprocessingml/);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const doc = await zip.file('word/document.xml')?.async('string');
    assert.ok(doc);
    assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/, 'A4');
    assert.match(doc, /w:top="2098"/, '37 mm top margin');
    assert.match(doc, /w:left="1587"/, '28 mm left margin');
    assert.match(doc, /w:right="1474"/, '26 mm right margin');
    assert.match(doc, /w:bottom="1984"/, '35 mm bottom margin');
    assert.match(doc, /w:eastAsia="仿宋_GB2312"/);
    // The 19-character title does not fit one 2号 line safely: it breaks at a word boundary.
    assert.match(
      doc,
      /w:eastAsia="方正小标宋简体"[\s\S]*?<w:sz w:val="44"\/>[\s\S]*?某市民政局2025年度<\/w:t>[\s\S]*?<w:br\/><w:t xml:space="preserve">法治政府建设情况报告/,
    );
    assert.match(doc, /<w:docGrid w:type="lines" w:linePitch="578"\/>/);
    assert.match(doc, /w:eastAsia="黑体"[\s\S]*?一、2025年度推进法治政府建设的主要举措和成效/);
    assert.match(doc, /w:eastAsia="楷体_GB2312"[\s\S]*?（一）/);
    assert.match(doc, /<w:spacing w:before="0" w:after="0" w:line="578" w:lineRule="exact"\/>|w:line="578"[^>]*w:lineRule="exact"/);
    assert.match(doc, /w:firstLine="640"/);
    assert.match(doc, /党组理论学习中心组学法<\/w:t>[\s\S]*?<w:t[^>]*>4<\/w:t>/);
    assert.doesNotMatch(doc, /<w:rFonts(?![^>]*w:eastAsia)[^>]*\/>/, 'every run names its East Asian font');
    assert.match(doc, /<w:footerReference w:type="default"/);
    assert.match(doc, /<w:footerReference w:type="even"/);
    const settings = await zip.file('word/settings.xml')?.async('string');
    assert.match(settings ?? '', /<w:evenAndOddHeaders\/>/);
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .map((f) => zip.file(f)?.async('string') ?? ''),
    );
    const numbered = footers.filter((f) => /PAGE/.test(f));
    assert.equal(numbered.length, 2, 'odd and even page-number footers');
    assert.equal(footers.length, 4, 'plus the empty footers of the 版记 page');
    // The 版记 sits on its own page at the foot of the type area, without a page number.
    assert.match(doc, /抄送[\s\S]*<w:vAlign w:val="bottom"\/>/);
    assert.equal((doc.match(/<w:sectPr/g) ?? []).length, 2);
    for (const f of numbered) {
      assert.match(f, /— <\/w:t>/);
      assert.match(f, /PAGE/);
      assert.match(f, /w:eastAsia="宋体"/);
      assert.match(f, /<w:sz w:val="28"\/>/);
    }
    assert.ok(numbered.some((f) => /<w:jc w:val="right"\/>/.test(f)) && numbered.some((f) => /<w:jc w:val="left"\/>/.test(f)));
    // 成文日期: Arabic numerals without leading zeros, right side; 版记 with 抄送 and 印发.
    const date = /(\d{4})年(\d{1,2})月(\d{1,2})日<\/w:t>/.exec(doc);
    assert.ok(date);
    assert.doesNotMatch(`${date[2]}/${date[3]}`, /^0|\/0/);
    assert.match(doc, /抄送：市委全面依法治市委员会办公室。/);
    assert.match(doc, /某市民政局办公室/);
    assert.match(doc, /印发<\/w:t>/);
  });

  it('every kind generates and renders; the disclosure report has its tables', async () => {
    for (const kind of ['self-inspection', 'work-summary', 'next-plan', 'disclosure-report']) {
      const r = await officer.post('/api/reports', { kind, year: 2025 });
      assert.equal(r.status, 201, `${kind}: ${JSON.stringify(r.body)}`);
      assert.ok(r.body.content.sections.length >= 2);
      const docx = await officer.raw(`/api/reports/${r.body.id}/docx`);
      assert.equal(docx.status, 200, kind);
      const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
      const doc = (await zip.file('word/document.xml')?.async('string')) ?? '';
      if (kind === 'disclosure-report') {
        assert.deepEqual(
          r.body.content.sections.map((x: { heading: string }) => x.heading.slice(0, 2)),
          ['一、', '二、', '三、', '四、', '五、', '六、'],
        );
        assert.ok((doc.match(/<w:tbl>/g) ?? []).length >= 5, 'tables 二 (3 parts), 三, 四');
        assert.match(doc, /本年新收政府信息公开申请数量/);
      }
      if (kind === 'self-inspection') {
        assert.match(
          doc,
          /某市民政局2025年关于<\/w:t>[\s\S]{0,400}?<w:br\/>[\s\S]{0,100}?“谁执法谁普法”自查工作情况的报告/,
          'a long title breaks at a natural point',
        );
        assert.equal(r.body.figures.values['study.central_group.since_2021'].value, 6, '八五普法以来 counts 2024 and 2025');
        assert.deepEqual(
          r.body.content.sections.map((x: { heading: string }) => x.heading),
          ['一、工作开展情况', '二、存在的主要问题及改进措施'],
        );
      }
    }
    assert.equal((await officer.post('/api/reports', { kind: 'poem', year: 2025 })).status, 400);
    const kinds = await officer.get('/api/reports/kinds');
    assert.equal(kinds.body.length, 5);
    const list = await officer.get('/api/reports?year=2025');
    assert.ok(list.body.length >= 5);
  });

  it('regenerates text on request and survives a stored draft in a foreign format', async () => {
    const r = await officer.post('/api/reports', { kind: 'work-summary', year: 2025 });
    assert.equal(r.status, 201);
    const edited = { ...r.body.content, title: '临时标题' };
    const put = await officer.put(`/api/reports/${r.body.id}`, { content: edited, version: r.body.version });
    assert.equal(put.status, 200);
    assert.equal(put.body.title, '临时标题');
    const kept = await officer.post(`/api/reports/${r.body.id}/refresh`, { version: put.body.version });
    assert.equal(kept.body.content.title, '临时标题', 'a plain refresh keeps the edited text');
    const regen = await officer.post(`/api/reports/${r.body.id}/refresh`, { version: kept.body.version, regenerate: true });
    assert.equal(regen.status, 200);
    assert.equal(regen.body.content.title, '某市民政局2025年依法治市工作总结');
    const bad = await officer.put(`/api/reports/${r.body.id}`, { content: { title: 'x' }, version: regen.body.version });
    assert.equal(bad.status, 400);

    const id = randomUUID();
    const now = new Date().toISOString();
    await t.db
      .insertInto('report_draft')
      .values({
        id,
        org_id: w.city,
        kind: 'annual-report',
        year: 2025,
        title: '旧格式报告',
        status: 'draft',
        content: '{"title":"旧","blocks":[]}',
        figures: '{}',
        version: 1,
        created_at: now,
        created_by: 'test',
        updated_at: now,
        updated_by: 'test',
        finalized_at: null,
        finalized_by: null,
      })
      .execute();
    const got = await officer.get(`/api/reports/${id}`);
    assert.equal(got.status, 200);
    assert.ok(got.body.issues.some((i: { code: string }) => i.code === 'annual-structure'));
    // Not passed off as an empty draft: the reader is told, and the stored text stays as it was.
    const unreadable = got.body.issues.find((i: { code: string }) => i.code === 'content-unreadable');
    assert.equal(unreadable?.level, 'error');
    assert.match(unreadable.message, /草稿内容无法按当前格式读取/);
    const stored = await t.db.selectFrom('report_draft').select('content').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.content, '{"title":"旧","blocks":[]}');
    const fin = await leader.post(`/api/reports/${id}/finalize`, { force: true });
    assert.equal(fin.status, 400);
    assert.match(fin.body.detail, /五个法定部分/);
    // Content written by a newer format version is named as such.
    await t.db
      .updateTable('report_draft')
      .set({ content: JSON.stringify({ ...regen.body.content, contentVersion: 99 }) })
      .where('id', '=', id)
      .execute();
    const newer = await officer.get(`/api/reports/${id}`);
    assert.ok(newer.body.issues.some((i: { message: string }) => /格式版本99/.test(i.message)));
    // A draft saved now carries its format version and reads back whole.
    const savedRow = await t.db.selectFrom('report_draft').select('content').where('id', '=', r.body.id).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(savedRow.content).contentVersion, 1);
    assert.equal((await officer.get(`/api/reports/${r.body.id}`)).body.contentProblem, null);
  });

  it("weaves plan tasks and problem rectification into the annual report and next year's plan", async () => {
    const post = async (ledger: string, data: Record<string, unknown>) => {
      const r = await officer.post(`/api/ledgers/${ledger}/records`, { data });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };
    await post('plan_task', { year: 2025, content: '开展规范性文件清理', status: '已完成', completedOn: '2025-06-30' });
    await post('plan_task', { year: 2025, content: '修订法律顾问工作规则', status: '推进中' });
    await post('plan_task', {
      year: 2026,
      no: 2,
      heading: '一、依法行政工作（三）加强“互联网+监管”平台应用',
      content: '完善“双随机、一公开”抽查工作机制',
      target: '掌上执法率达到95%',
      status: '未启动',
      deadline: '2026-12-31',
    });
    await post('plan_task', {
      year: 2026,
      no: 1,
      heading: '一、依法行政工作（一）强化统筹协调',
      content: '深入学习贯彻习近平法治思想',
      status: '未启动',
    });
    await post('plan_task', { year: 2026, no: 3, heading: '二、法治宣传教育', content: '开展宪法宣传周活动', status: '未启动' });
    await post('problem', {
      year: 2025,
      foundYear: 2024,
      source: '上年度法治政府建设报告',
      description: '普法宣传形式单一',
      measures: '开展以案释法进社区活动',
      status: '已整改',
      rectifiedOn: '2025-05-01',
      effect: '群众知晓率明显提高。',
    });
    await post('problem', { year: 2025, foundYear: 2024, source: '督察', description: '执法案卷不规范', status: '整改中' });

    const r = await officer.post('/api/reports', { kind: 'annual-report', year: 2025 });
    assert.equal(r.status, 201);
    const v = r.body.figures.values;
    assert.deepEqual([v['plan.tasks'].value, v['plan.tasks_done'].value, v['plan.tasks_done_rate'].value], [2, 1, 50]);
    assert.deepEqual([v['plan.problems'].value, v['plan.problems_rectified'].value, v['plan.rectify_rate'].value], [2, 1, 50]);
    const html = await (await officer.raw(`/api/reports/${r.body.id}/html`)).text();
    assert.match(html, /完成率<a [^>]*data-figure="plan\.tasks_done_rate"[^>]*>50%<\/a>/);
    assert.match(html, /共梳理问题<a [^>]*>2<\/a>个，已完成整改<a [^>]*>1<\/a>个/);
    assert.match(html, /“普法宣传形式单一”：整改措施：开展以案释法进社区活动；已于2025年5月1日完成整改，群众知晓率明显提高。/);
    assert.match(html, /“执法案卷不规范”：整改中。/);
    assert.match(html, /1\.深入学习贯彻习近平法治思想。/);
    assert.match(html, /量化指标：掌上执法率达到95%。/);

    const plan = await officer.post('/api/reports', { kind: 'next-plan', year: 2025 });
    assert.equal(plan.status, 201);
    assert.equal(plan.body.content.title, '某市民政局2026年法治建设工作要点');
    assert.deepEqual(
      plan.body.content.sections.map((x: { heading: string }) => x.heading),
      ['一、依法行政工作', '二、法治宣传教育'],
    );
    const blocks = plan.body.content.sections[0].blocks;
    assert.deepEqual(
      blocks.filter((b: { type: string }) => b.type === 'heading').map((b: { text: string }) => b.text),
      ['（一）强化统筹协调', '（二）加强“互联网+监管”平台应用'],
    );
    const planHtml = await (await officer.raw(`/api/reports/${plan.body.id}/html`)).text();
    assert.match(planHtml, /2\.完善“双随机、一公开”抽查工作机制。量化指标：掌上执法率达到95%。（完成时限：2026年12月31日）/);
    assert.match(planHtml, /3\.开展宪法宣传周活动。/);
    assert.match(planHtml, /2025年安排法治建设工作任务<a [^>]*>2<\/a>项/);
  });

  it('keeps bureaus apart, rolls up the bureaus below, and checks permissions', async () => {
    const county = await client(s.base, 'county');
    const other = await client(s.base, 'other');
    const staff = await client(s.base, 'staff');
    assert.equal((await county.post('/api/ledgers/study_session/records', { data: central('2025-06-01', '县局学法') })).status, 201);
    assert.equal((await county.post('/api/ledgers/study_session/records', { data: central('2025-07-01', '县局再学法') })).status, 201);

    const own = await county.post('/api/reports', { kind: 'work-summary', year: 2025 });
    assert.equal(own.status, 201);
    assert.equal(own.body.figures.values['study.central_group'].value, 2);
    assert.equal((await other.get(`/api/reports/${own.body.id}`)).status, 404);
    assert.equal((await other.raw(`/api/reports/${own.body.id}/docx`)).status, 404);
    assert.equal((await county.get(`/api/reports/${reportId}`)).status, 404);
    assert.equal((await county.post(`/api/reports/${reportId}/refresh`, {})).status, 404);
    assert.equal((await officer.get(`/api/reports/${own.body.id}`)).status, 200, 'the city reads the county draft');
    assert.equal((await officer.post(`/api/reports/${own.body.id}/refresh`, {})).status, 404, 'but cannot change it');
    assert.equal((await other.get('/api/reports')).body.length, 0);

    const roll = await officer.post('/api/reports', { kind: 'annual-report', year: 2025, rollup: true });
    assert.equal(roll.status, 201);
    assert.equal(roll.body.figures.values['study.central_group'].value, 5 + 2);
    assert.equal(roll.body.figures.orgIds.length, 3);
    assert.match(JSON.stringify(roll.body.content.preamble), /全市民政系统/);
    const single = await officer.post('/api/reports', { kind: 'annual-report', year: 2025 });
    assert.equal(single.body.figures.values['study.central_group'].value, 5);
    const countyRoll = await county.post('/api/reports', { kind: 'annual-report', year: 2025, orgId: w.city });
    assert.equal(countyRoll.status, 404);

    assert.equal((await staff.post('/api/reports', { kind: 'annual-report', year: 2025 })).status, 403);
    assert.equal((await staff.get(`/api/reports/${reportId}`)).status, 200);
    assert.equal((await leader.post('/api/reports', { kind: 'annual-report', year: 2025 })).status, 403);
    const anon = await client(s.base);
    assert.equal((await anon.get('/api/reports')).status, 401);
  });
});
