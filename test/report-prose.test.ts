/**
 * Documents that say only what the records show: each conditional sentence of the work summary, the
 * disclosure report (sections 一, 五, 六), the self-inspection and the next-year plan, both ways; the
 * officer's own words and negative statements as slots that block finalizing until a person confirms.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Client, client, serverSuite } from './helpers.ts';

type Issue = { code: string; level: string; message: string; confirm?: { kind: string; id: string } };
type Report = { id: string; version: number; status: string; issues: Issue[]; content: { sections: Section[] } };
type Section = { key: string; blocks: Array<{ type: string; lead?: { text: string }; runs?: unknown[] }> };

async function add(c: Client, ledger: string, data: Record<string, unknown>): Promise<string> {
  const r = await c.post(`/api/ledgers/${ledger}/records`, { data });
  assert.equal(r.status, 201, `${ledger}: ${JSON.stringify(r.body)}`);
  return r.body.id;
}

async function generate(c: Client, kind: string, year = 2025, extra: Record<string, unknown> = {}): Promise<Report> {
  const r = await c.post('/api/reports', { kind, year, ...extra });
  assert.equal(r.status, 201, `${kind}: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function html(c: Client, id: string): Promise<string> {
  const r = await c.raw(`/api/reports/${id}/html`);
  assert.equal(r.status, 200);
  return r.text();
}

/** The document's text without markup (numbers and marked words inline), up to the figure list. */
const text = (h: string) =>
  h
    .split('<div class="sources">')[0]
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '');

/** Open confirmations by slot, or by figure for a negative (its id is the figure, '::' and its words). */
const openIds = (r: Report, code: string) => r.issues.filter((i) => i.code === code).map((i) => i.confirm?.id.split('::')[0]);

/** Text of the section with `key`. */
async function sectionText(c: Client, r: Report, key: string): Promise<string> {
  const h = await html(c, r.id);
  const i = r.content.sections.findIndex((s) => s.key === key);
  assert.ok(i >= 0, key);
  const parts = h.split(/<p class="h1" data-section=/);
  return text(`<p ${parts[i + 1].split('<div class="sources">')[0].split('<p class="sig"')[0]}`);
}

const request = (receivedOn: string, repliedOn?: string, extra: Record<string, unknown> = {}) => ({
  receivedOn,
  channel: '互联网在线',
  applicantType: '自然人',
  content: `申请公开${receivedOn}收到的事项`,
  ...(repliedOn ? { repliedOn, outcome: '予以公开' } : {}),
  ...extra,
});

describe('disclosure report: sections 一, 五 and 六 from the records', () => {
  const s = serverSuite();
  let officer: Client;

  it('says 均在法定期限内 only while every request was answered on time, else counts the late ones', async () => {
    officer = await client(s.s.base, 'officer');
    await add(officer, 'disclosure_request', request('2025-03-03', '2025-03-20'));
    await add(officer, 'disclosure_request', request('2025-05-06', '2025-05-20'));
    const onTime = await generate(officer, 'disclosure-report');
    const t1 = await sectionText(officer, onTime, 'overall');
    assert.match(t1, /全年新收政府信息公开申请2件，已答复2件，均在法定期限内依法答复。/);
    assert.doesNotMatch(t1, /逾期/);
    // No item published yet: the negative waits for a person; no channel is named.
    assert.match(await html(officer, onTime.id), /data-none="disclosure\.proactive"[^>]*>2025年未主动公开政府信息。/);
    assert.match(t1, /（四）平台建设。依托政府门户网站/);
    assert.doesNotMatch(t1, /主动公开的政府信息中|均在信息形成或变更之日起/);

    // 2025-04-01 + 20 working days is long before 06-30: answered late (逾期办结).
    await add(officer, 'disclosure_request', request('2025-04-01', '2025-06-30'));
    const late = await generate(officer, 'disclosure-report');
    assert.equal(late.content.sections[0].key, 'overall');
    const t2 = await sectionText(officer, late, 'overall');
    assert.match(t2, /全年新收政府信息公开申请3件，已答复3件，其中逾期答复1件，按期答复率66\.7%。/);
    assert.doesNotMatch(t2, /均在法定期限内/);

    // Still open long after its deadline.
    await add(officer, 'disclosure_request', request('2025-10-09'));
    const open = await generate(officer, 'disclosure-report');
    const t3 = await sectionText(officer, open, 'overall');
    assert.match(t3, /已答复3件，其中逾期答复1件，按期答复率66\.7%，1件超过法定答复期限仍未答复。/);
    assert.doesNotMatch(t3, /均在法定期限内/);
  });

  it('names the categories and channels the year’s published items had, and their timeliness', async () => {
    const item = (title: string, category: string, formedOn: string, publishedOn?: string, channel = '政府网站') => ({
      title,
      category,
      formedOn,
      ...(publishedOn ? { publishedOn, channel } : {}),
    });
    await add(officer, 'disclosure_item', item('低保标准调整公告', '社会救助', '2025-02-03', '2025-02-10'));
    await add(officer, 'disclosure_item', item('临时救助办法解读', '社会救助', '2025-03-03', '2025-03-05', '政务新媒体'));
    await add(officer, 'disclosure_item', item('养老服务规范性文件', '规范性文件', '2025-04-01', '2025-04-03'));
    const r = await generate(officer, 'disclosure-report');
    const t = await sectionText(officer, r, 'overall');
    assert.match(t, /2025年主动公开政府信息3条，其中“规范性文件”类1条、“社会救助”类2条。/);
    assert.doesNotMatch(t, /机构职能|涵盖/);
    assert.match(t, /主动公开的政府信息中，通过政府网站发布2条，通过政务新媒体发布1条。/);
    assert.match(t, /本年度公开的政府信息均在信息形成或变更之日起20个工作日内公开。/);

    // Not published (its 20 working days long past): no category of what was published, but late.
    await add(officer, 'disclosure_item', item('尚未公开的统计信息', '统计信息', '2025-12-01'));
    const unpublished = await generate(officer, 'disclosure-report');
    const t2 = await sectionText(officer, unpublished, 'overall');
    assert.match(t2, /2025年主动公开政府信息3条，其中“规范性文件”类1条、“社会救助”类2条。/);
    assert.doesNotMatch(t2, /统计信息/);
    assert.match(t2, /本年度有1条政府信息未在信息形成或变更之日起20个工作日内公开。/);
    assert.doesNotMatch(t2, /均在信息形成或变更之日起/);

    // Formed in January, published in May: more than 20 working days.
    await add(officer, 'disclosure_item', item('迟延公开的工作动态', '工作动态、信息公告', '2025-01-06', '2025-05-06'));
    const late = await generate(officer, 'disclosure-report');
    const t3 = await sectionText(officer, late, 'overall');
    assert.match(t3, /本年度有2条政府信息未在信息形成或变更之日起20个工作日内公开。/);
    assert.match(t3, /、“工作动态、信息公告”类1条。/);
  });

  it('puts the fixed sentences of 一 and 五 in her words, and 未收取信息处理费 behind a confirmation', async () => {
    const r = await generate(officer, 'disclosure-report');
    const h = await html(officer, r.id);
    for (const id of ['dr-management', 'dr-platform', 'dr-oversight', 'dr-problems']) {
      assert.match(h, new RegExp(`<span class="own open" data-own="${id}"`), id);
      assert.ok(openIds(r, 'own-unconfirmed').includes(id), id);
    }
    assert.match(h, /<span class="none open" data-none="disclosure\.fee_requests"[^>]*>本年度未收取信息处理费。/);
    assert.ok(openIds(r, 'none-unconfirmed').includes('disclosure.fee_requests'));
    assert.match(h, /data-none="oversight\.npc"[^>]*>全年未承办人大代表建议。/);

    const leader = await client(s.s.base, 'leader');
    const blocked = await leader.post(`/api/reports/${r.id}/finalize`, { force: true, confirmSecrecy: true });
    assert.equal(blocked.status, 400);
    assert.match(blocked.body.detail, /本年度未收取信息处理费/);
    const ok = await officer.post(`/api/reports/${r.id}/confirm`, { none: ['disclosure.fee_requests::本年度未收取信息处理费。'] });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.ok(!openIds(ok.body, 'none-unconfirmed').includes('disclosure.fee_requests'));
  });

  it('reports the fees charged when a request records one, and the suggestions handled', async () => {
    await add(officer, 'disclosure_request', request('2023-03-01', '2023-03-15', { fee: 50 }));
    await add(officer, 'suggestion', {
      kind: '人大代表建议',
      title: '加强社区养老服务设施建设',
      proposer: '王代表',
      assignedOn: '2023-04-01',
      role: '主办',
      repliedOn: '2023-06-20',
    });
    const r = await generate(officer, 'disclosure-report', 2023);
    const h = await html(officer, r.id);
    const t = await sectionText(officer, r, 'other');
    assert.match(t, /本年度对1件政府信息公开申请收取信息处理费，共计50元。/);
    assert.doesNotMatch(h, /data-none="disclosure\.fee_requests"/);
    assert.match(t, /全年办理人大代表建议1件。/);
    assert.match(t, /建议提案已答复1件。/);
    assert.match(h, /data-none="oversight\.cppcc"[^>]*>全年未承办政协提案。/);
    assert.match(h, /data-own="dr-suggestions-public"/);
    // A year without any request: the negative waits for a person.
    assert.match(await sectionText(officer, await generate(officer, 'disclosure-report', 2022), 'overall'), /全年未收到政府信息公开申请。/);
  });
});

describe('work summary: tasks, problems and the leading group from the records', () => {
  const s = serverSuite();
  let officer: Client;

  it('counts every 双随机 task and says the split by kind, with the unit of each figure', async () => {
    officer = await client(s.s.base, 'officer');
    const task = (name: string, kind: string, plannedOn: string, objectsInspected: number) => ({
      name,
      kind,
      plannedOn,
      objectsInspected,
      completedOn: plannedOn.replace(/-\d\d$/, '-20'),
      publishedOn: plannedOn.replace(/-\d\d$/, '-28'),
    });
    await add(officer, 'inspection_task', task('社会组织年度抽查', '单部门', '2025-03-10', 6));
    await add(officer, 'inspection_task', task('养老机构服务质量抽查', '单部门', '2025-05-10', 4));
    await add(officer, 'inspection_task', task('养老机构消防和食品安全联合抽查', '跨部门发起', '2025-06-10', 6));
    await add(officer, 'inspection_task', task('社会组织登记事项联合抽查', '跨部门接收', '2025-07-10', 5));
    await add(officer, 'inspection_task', task('公墓经营行为联合抽查', '跨部门接收', '2025-09-10', 4));
    for (const [name, post, role] of [
      ['张局长', '党组书记、局长', '组长'],
      ['李副局长', '党组成员、副局长', '副组长'],
      ['王科长', '政策法规科科长', '成员'],
    ]) {
      await add(officer, 'leading_member', { group: '全面依法治市（县）工作领导小组', name, post, role, fromDate: '2025-02-18' });
    }
    await add(officer, 'adviser', { name: '赵律师', kind: '法律顾问', firm: '衡平律师事务所', contractFrom: '2024-01-01' });
    await add(officer, 'adviser_work', { date: '2025-04-01', adviserName: '赵律师', kind: '法律意见书', matter: '养老服务合同', count: 2 });
    const r = await generate(officer, 'work-summary');
    const t = text(await html(officer, r.id));
    assert.match(t, /三是聘请衡平律师事务所律师担任常年法律顾问，现有法律顾问和公职律师1人，出具法律意见书2份。/);
    assert.ok(!openIds(r, 'own-unconfirmed').includes('ws-adviser'));
    assert.match(
      t,
      /全年开展抽查任务5个（其中单部门抽查2个、发起跨部门联合抽查1个、参与其他部门发起的跨部门联合抽查2个），检查对象25家，已完成抽查任务的检查结果公示率100%。/,
    );
    assert.match(t, /全面依法治市（县）工作领导小组由党组书记、局长任组长，党组成员、副局长任副组长，政策法规科科长为成员，现有成员3人。/);
    assert.doesNotMatch(t, /成员3名/, 'the unit word is the figure’s (人), not a typed one');
  });

  it('lists all of next year’s tasks by 序号', async () => {
    const order = [7, 3, 12, 1, 9, 5, 11, 2, 8, 4, 10, 6];
    for (const no of order) await add(officer, 'plan_task', { year: 2026, no, content: `第${no}号任务`, status: '未启动' });
    await add(officer, 'plan_task', { year: 2026, no: 13, content: '已取消的任务', status: '已取消' });
    const r = await generate(officer, 'work-summary');
    const next = r.content.sections.find((x) => x.key === 'next');
    assert.ok(next);
    const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
    assert.deepEqual(
      next.blocks.map((b) => b.lead?.text),
      cn.map((c, i) => `（${c}）第${i + 1}号任务。`),
    );
  });

  it('lists the year’s problems as found, with their measures and effect', async () => {
    const problem = (description: string, extra: Record<string, unknown> = {}) => ({
      year: 2026,
      foundYear: 2025,
      source: '自查',
      description,
      status: '整改中',
      ...extra,
    });
    await add(officer, 'problem', problem('执法案卷归档不及时', { foundOn: '2025-06-01', measures: '每月检查案卷归档' }));
    await add(officer, 'problem', problem('普法宣传形式单一', { foundOn: '2025-03-01', cause: '新媒体运用不足' }));
    await add(officer, 'problem', problem('法治工作力量薄弱'));
    await add(
      officer,
      'problem',
      problem('学法考试组织不规范', { status: '已整改', rectifiedOn: '2026-03-01', measures: '统一命题', effect: '考试已规范' }),
    );
    await add(officer, 'problem', { ...problem('去年的问题'), year: 2025, foundYear: 2024 });
    const r = await generate(officer, 'work-summary');
    const t = await sectionText(officer, r, 'problems');
    const first = t.indexOf('一是普法宣传形式单一。主要原因：新媒体运用不足。');
    const second = t.indexOf('二是执法案卷归档不及时。整改措施：每月检查案卷归档。');
    const third = t.indexOf('三是法治工作力量薄弱。');
    const fourth = t.indexOf('四是学法考试组织不规范。整改措施：统一命题。整改成效：考试已规范。');
    assert.ok(first >= 0 && first < second && second < third && third < fourth, t);
    assert.doesNotMatch(t, /去年的问题/);
    assert.equal(openIds(r, 'own-unconfirmed').includes('ws-problems'), false);
  });

  it('speaks as 全市民政系统 in a roll-up, never 我局', async () => {
    const county = await client(s.s.base, 'county');
    await add(county, 'problem', { year: 2026, foundYear: 2025, source: '自查', description: '法治工作力量薄弱', status: '未整改' });
    const r = await generate(officer, 'work-summary', 2025, { rollup: true });
    const t = text(await html(officer, r.id));
    assert.match(t, /全市民政系统依法治市工作还存在以下不足/);
    assert.doesNotMatch(t, /我局/);
    assert.equal(t.match(/是法治工作力量薄弱。/g)?.length, 1, 'a problem two bureaus share is listed once');
    assert.match(t, /全市各级民政部门成立法治建设工作领导小组/);
  });
});

describe('no problems recorded: her words, and finalizing waits for them', () => {
  const s = serverSuite();

  it('work summary: an own slot with a hint blocks finalizing until she confirms it', async () => {
    const officer = await client(s.s.base, 'officer');
    const leader = await client(s.s.base, 'leader');
    const r = await generate(officer, 'work-summary');
    const h = await html(officer, r.id);
    assert.match(h, /<span class="own open" data-own="ws-problems"[^>]*>2025年，我局依法治市工作还存在一些不足/);
    const issue = r.issues.find((i) => i.confirm?.id === 'ws-problems');
    assert.equal(issue?.code, 'own-unconfirmed');
    assert.equal(issue?.level, 'error');
    // No next-year tasks, leading group, plan, adviser or disclosure records either: her words too.
    for (const id of ['ws-next', 'ws-group', 'ws-plan', 'ws-adviser', 'ws-disclosure', 'ws-publicity', 'ws-reform']) {
      assert.ok(openIds(r, 'own-unconfirmed').includes(id), id);
    }
    assert.doesNotMatch(text(h), /抽查任务|领导小组由|现有成员/);

    const blocked = await leader.post(`/api/reports/${r.id}/finalize`, { force: true });
    assert.equal(blocked.status, 400);
    assert.match(blocked.body.detail, /2025年，我局依法治市工作还存在一些不足/);

    const one = await officer.post(`/api/reports/${r.id}/confirm`, { own: ['ws-problems'] });
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.equal(
      one.body.issues.find((i: Issue) => i.confirm?.id === 'ws-problems'),
      undefined,
    );
    assert.ok(one.body.issues.some((i: Issue) => i.code === 'own-confirmed' && /我局依法治市工作还存在一些不足/.test(i.message)));
    const still = await leader.post(`/api/reports/${r.id}/finalize`, { force: true });
    assert.equal(still.status, 400, 'the other slots still wait');
    assert.doesNotMatch(still.body.detail, /还存在一些不足/);

    assert.equal((await officer.post(`/api/reports/${r.id}/confirm`, { all: true })).status, 200);
    const fin = await leader.post(`/api/reports/${r.id}/finalize`, { force: true });
    assert.equal(fin.status, 200, JSON.stringify(fin.body));
    assert.equal(fin.body.status, 'final');
  });

  it('self-inspection and next-year plan: her slots instead of fixed text', async () => {
    const officer = await client(s.s.base, 'officer');
    const si = await generate(officer, 'self-inspection');
    for (const id of ['si-problems', 'si-duties', 'si-group', 'si-first-responsible', 'si-publicity', 'si-plan', 'si-adviser']) {
      assert.ok(openIds(si, 'own-unconfirmed').includes(id), id);
    }
    assert.match(await html(officer, si.id), /data-none="enforcement\.cases"[^>]*>本年度未办理行政执法案件。/);

    const empty = await generate(officer, 'next-plan');
    assert.ok(openIds(empty, 'own-unconfirmed').includes('np-default-1'));
    assert.equal(
      empty.issues.some((i) => i.code === 'placeholder'),
      false,
    );

    await add(officer, 'plan_task', { year: 2025, no: 2, content: '修订法律顾问工作规则', status: '推进中' });
    await add(officer, 'plan_task', { year: 2025, no: 1, content: '开展规范性文件清理', status: '已完成', completedOn: '2025-06-30' });
    const skeleton = await generate(officer, 'next-plan');
    const t = text(await html(officer, skeleton.id));
    assert.match(t, /1\.开展规范性文件清理。\n2\.修订法律顾问工作规则。/);
    assert.deepEqual(
      ['np-task-1', 'np-task-2'].filter((id) => openIds(skeleton, 'own-unconfirmed').includes(id)),
      ['np-task-1', 'np-task-2'],
      "this year's tasks are only suggestions for next year",
    );
    assert.doesNotMatch(t, /本要点依据/);
  });
});

describe('self-inspection and next-year plan from the records', () => {
  const s = serverSuite();
  let officer: Client;

  it('prints the problems with their measures, her words where none are recorded, and this year’s rectification', async () => {
    officer = await client(s.s.base, 'officer');
    const withMeasures = await add(officer, 'problem', {
      year: 2026,
      foundYear: 2025,
      foundOn: '2025-04-01',
      source: '自查',
      description: '执法人员持证率偏低',
      cause: '新进人员未参加执法资格考试',
      measures: '组织新进人员参加执法资格考试',
      status: '整改中',
    });
    const without = await add(officer, 'problem', {
      year: 2026,
      foundYear: 2025,
      foundOn: '2025-08-01',
      source: '督察',
      description: '普法责任清单未及时更新',
      status: '未整改',
    });
    await add(officer, 'problem', {
      year: 2025,
      foundYear: 2024,
      source: '上年度法治政府建设报告',
      description: '普法宣传形式单一',
      measures: '开设政务新媒体普法专栏',
      status: '已整改',
      rectifiedOn: '2025-06-30',
      effect: '专栏全年发布普法信息40期',
    });
    await add(officer, 'enforcement_case', { kind: '行政处罚', matter: '未按规定办理年检', filedOn: '2025-05-01' });
    await add(officer, 'duty_item', { law: '中华人民共和国民法典', listedOn: '2024-03-01' });
    await add(officer, 'duty_item', { law: '《社会救助暂行办法》', listedOn: '2025-03-01' });
    await add(officer, 'duty_item', { law: '已移出的条例', listedOn: '2024-03-01', removedOn: '2025-01-10' });
    await add(officer, 'result', {
      date: '2025-10-01',
      domain: '社会组织管理',
      description: '注销“僵尸型”社会组织',
      quantity: 11,
      countUnit: '家',
    });
    const r = await generate(officer, 'self-inspection');
    const t = await sectionText(officer, r, 'problems');
    assert.match(t, /（一）执法人员持证率偏低。新进人员未参加执法资格考试。\n改进措施：组织新进人员参加执法资格考试。目前整改中。/);
    assert.match(t, /（二）普法责任清单未及时更新。\n改进措施：/);
    assert.ok(t.indexOf('（一）执法人员持证率偏低') < t.indexOf('（二）普法责任清单未及时更新'));
    assert.ok(openIds(r, 'own-unconfirmed').includes(`si-measures-${without}`));
    assert.ok(!openIds(r, 'own-unconfirmed').includes(`si-measures-${withMeasures}`));
    assert.ok(!openIds(r, 'own-unconfirmed').includes('si-problems'));
    assert.match(t, /2025年需整改的问题1个，已整改1个，整改完成率100%。已整改的问题及成效：“普法宣传形式单一”，专栏全年发布普法信息40期。/);
    const work = await sectionText(officer, r, 'work');
    assert.match(work, /在社会组织管理方面，注销“僵尸型”社会组织11家。全年依法办理行政执法案件1件。/);
    assert.ok(!openIds(r, 'own-unconfirmed').includes('si-duties'));
    assert.match(work, /普法责任清单列明《中华人民共和国民法典》《社会救助暂行办法》等法律法规的普法责任。/);
    assert.doesNotMatch(work, /已移出的条例/);
    assert.ok(!openIds(r, 'own-unconfirmed').includes('si-publicity'));
    assert.doesNotMatch(await html(officer, r.id), /data-none="enforcement\.cases"/);
  });

  it('prints all of next year’s tasks by 序号, and nothing else but her words', async () => {
    const order = [12, 1, 6, 3, 9, 2, 11, 4, 7, 10, 5, 8];
    for (const no of order) {
      await add(officer, 'plan_task', {
        year: 2026,
        no,
        heading: no <= 6 ? '一、依法行政工作' : '二、法治宣传教育',
        content: `第${no}号任务`,
        status: '未启动',
      });
    }
    const r = await generate(officer, 'next-plan');
    const t = text(await html(officer, r.id));
    const printed = [...t.matchAll(/(\d+)\.第(\d+)号任务。/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.deepEqual(
      printed,
      Array.from({ length: 12 }, (_, i) => [i + 1, i + 1]),
    );
    assert.deepEqual(
      r.content.sections.map((x) => x.key),
      ['part-1', 'part-2'],
    );
    assert.deepEqual(openIds(r, 'own-unconfirmed'), ['np-preamble']);
  });
});
