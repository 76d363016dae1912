/**
 * 政务公开、监督与救济、行政执法 ledgers over the real HTTP API: lifecycle gates, cross-field rules,
 * the deadline rules through the calendar engine, and the seed-001 figures.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Client, client, figuresWithSources, makeDb, makeWorld, type Server, startServer, type TestDb } from './helpers.ts';

/** The figures with the ids of their records (each figure's sources endpoint). */
const figures = figuresWithSources;

async function create(c: Client, ledger: string, data: Record<string, unknown>): Promise<{ id: string; data: Record<string, unknown> }> {
  const r = await c.post(`/api/ledgers/${ledger}/records`, { data });
  assert.equal(r.status, 201, `${ledger}: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function refused(c: Client, ledger: string, data: Record<string, unknown>, re: RegExp, field?: string): Promise<void> {
  const r = await c.post(`/api/ledgers/${ledger}/records`, { data });
  assert.equal(r.status, 400, `${ledger} should refuse ${JSON.stringify(data)}: ${JSON.stringify(r.body)}`);
  assert.match(r.body.detail, re);
  if (field) assert.equal(r.body.field, field);
}

describe('modules: disclosure, oversight, enforcement', () => {
  let t: TestDb;
  let s: Server;
  before(async () => {
    t = await makeDb();
    await makeWorld(t.db);
    s = await startServer(t.db);
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  it('defines every figure key of docs/CONTRACTS.md for disclosure, oversight and enforcement', async () => {
    const c = await client(s.base, 'officer');
    const keys = [
      'disclosure.proactive',
      'disclosure.proactive_by_category',
      'disclosure.requests',
      'disclosure.requests_by_outcome',
      'disclosure.requests_answered',
      'disclosure.requests_on_time',
      'disclosure.requests_on_time_rate',
      'oversight.npc',
      'oversight.cppcc',
      'oversight.suggestions_answered',
      'oversight.suggestions_answer_rate',
      'oversight.lawsuits',
      'oversight.reconsiderations',
      'oversight.cases_lost',
      'oversight.head_appearances',
      'oversight.petitions',
      'enforcement.cases',
      'enforcement.legal_reviews',
      'enforcement.random_single',
      'enforcement.random_joint_initiated',
      'enforcement.random_joint_received',
      'enforcement.inspected_objects',
      'enforcement.leads_transferred',
      'enforcement.results_published_rate',
      'enforcement.joint_ratio',
      'enforcement.officers',
    ];
    const f = await figures(c, 2024, keys);
    for (const k of keys) assert.ok(f[k], `figure ${k} missing`);
  });

  it('gates a major enforcement decision behind 法制审核, and saves nothing when refused', async () => {
    const c = await client(s.base, 'officer');
    const base = { kind: '行政处罚', matter: '未按规定办理年检', party: '某社会组织', filedOn: '2025-03-01', major: true };
    await refused(
      c,
      'enforcement_case',
      { ...base, decidedOn: '2025-04-01', result: '作出处罚决定' },
      /未经法制审核，不得作出决定：请先填写法制审核日期/,
      'decidedOn',
    );
    await refused(
      c,
      'enforcement_case',
      { ...base, legalReviewOn: '2025-03-20', decidedOn: '2025-04-01', result: '作出处罚决定' },
      /法制审核人员/,
      'decidedOn',
    );
    await refused(
      c,
      'enforcement_case',
      { ...base, legalReviewOn: '2025-04-02', legalReviewer: '张律师', decidedOn: '2025-04-01', result: '作出处罚决定' },
      /法制审核日期不能晚于决定日期/,
    );
    await refused(
      c,
      'enforcement_case',
      {
        ...base,
        legalReviewOn: '2025-03-20',
        legalReviewer: '张律师',
        legalReviewOpinion: '不同意',
        decidedOn: '2025-04-01',
        result: '作出处罚决定',
      },
      /不同意的，不得作出决定/,
    );
    await refused(
      c,
      'enforcement_case',
      { ...base, legalReviewOn: '2025-03-20', legalReviewer: '张律师', publicizedOn: '2025-04-03' },
      /作出决定后才能公示/,
    );
    assert.equal((await c.get('/api/ledgers/enforcement_case/records')).body.total, 0);

    // A major case may be filed and reviewed before the decision; the gate bites only at 决定.
    const open = await create(c, 'enforcement_case', base);
    assert.equal(open.data.result, '办理中');
    const put = await c.put(`/api/ledgers/enforcement_case/records/${open.id}`, {
      data: { ...base, decidedOn: '2025-04-01', result: '作出处罚决定' },
      version: 1,
    });
    assert.equal(put.status, 400);
    assert.match(put.body.detail, /未经法制审核/);
    const ok = await c.put(`/api/ledgers/enforcement_case/records/${open.id}`, {
      data: {
        ...base,
        legalReviewOn: '2025-03-20',
        legalReviewer: '张律师',
        legalReviewOpinion: '同意',
        decidedOn: '2025-04-01',
        publicizedOn: '2025-04-03',
        result: '作出处罚决定',
        fullRecord: true,
        avRecord: true,
      },
      version: 1,
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    // An ordinary case needs no review.
    await create(c, 'enforcement_case', {
      kind: '行政处罚',
      matter: '一般案件',
      filedOn: '2025-05-01',
      decidedOn: '2025-05-20',
      result: '不予处罚',
    });
    const f = await figures(c, 2025, ['enforcement.cases', 'enforcement.legal_reviews', 'enforcement.major_cases']);
    assert.equal(f['enforcement.cases'].value, 2);
    assert.equal(f['enforcement.major_cases'].value, 1);
    assert.deepEqual(f['enforcement.legal_reviews'].sources, [open.id]);
  });

  it('keeps 依申请公开 outcomes, sub-reasons, 补正 and reply dates consistent', async () => {
    const c = await client(s.base, 'officer');
    const base = { receivedOn: '2024-03-04', channel: '互联网在线', applicantType: '自然人', content: '申请公开某养老机构补贴发放情况' };
    await refused(c, 'disclosure_request', { ...base, outcome: '不予公开', repliedOn: '2024-03-20' }, /请选择具体情形/, 'outcomeReason');
    await refused(
      c,
      'disclosure_request',
      { ...base, outcome: '不予公开', outcomeReason: '重复申请', repliedOn: '2024-03-20' },
      /不属于“不予公开”的情形/,
      'outcomeReason',
    );
    await refused(
      c,
      'disclosure_request',
      { ...base, outcome: '予以公开', outcomeReason: '重复申请', repliedOn: '2024-03-20' },
      /不填写具体情形/,
    );
    await refused(c, 'disclosure_request', { ...base, outcome: '予以公开' }, /同时填写答复日期/);
    await refused(c, 'disclosure_request', { ...base, repliedOn: '2024-03-20' }, /请填写办理结果/);
    await refused(c, 'disclosure_request', { ...base, correctedReceivedOn: '2024-03-10' }, /请先填写补正通知日期/);
    await refused(
      c,
      'disclosure_request',
      { ...base, correctionNoticeOn: '2024-03-08', correctedReceivedOn: '2024-03-06' },
      /不能早于补正通知日期/,
    );
    await refused(c, 'disclosure_request', { ...base, applicantType: '外星人' }, /申请人类型应为以下之一/);
    const ok = await create(c, 'disclosure_request', {
      ...base,
      outcome: '不予公开',
      outcomeReason: '保护第三方合法权益',
      repliedOn: '2024-03-20',
    });
    assert.equal(ok.data.status, '已答复');
    const pending = await create(c, 'disclosure_request', base);
    assert.equal(pending.data.status, '办理中');
  });

  it('declares the statutory clocks: 20 working days, 补正 restarts, an approved extension adds its days, consultation pauses', async () => {
    const c = await client(s.base, 'officer');
    const rules = await c.get('/api/calendar/rules');
    assert.equal(rules.status, 200);
    const keys = (rules.body as Array<{ key: string }>).map((r) => r.key);
    for (const k of [
      'disclosure.proactive_publish',
      'disclosure.request_reply',
      'oversight.npc_reply',
      'oversight.cppcc_reply',
      'oversight.reconsideration_answer',
      'oversight.litigation_answer',
      'enforcement.case_decision',
      'enforcement.decision_publicity',
      'enforcement.random_result_publish',
    ]) {
      assert.ok(keys.includes(k), `missing rule ${k}`);
    }
    const base = { receivedOn: '2025-09-26', channel: '当面提交', applicantType: '商业企业', outcome: '予以公开' };
    // 2025-09-26 + 20 working days over 国庆/中秋 (with the 9-28 and 10-11 make-up days) = 2025-10-30.
    const onTime = await create(c, 'disclosure_request', { ...base, content: 'A按期', repliedOn: '2025-10-30' });
    const late = await create(c, 'disclosure_request', { ...base, content: 'B逾期', repliedOn: '2025-10-31' });
    // Extended by 20 working days (approved 10-28): 10-30 + 20 → 11-27.
    const extended = await create(c, 'disclosure_request', {
      ...base,
      content: 'C延期',
      extensionDays: 20,
      extensionApprover: '信息公开办主任',
      extensionApprovedOn: '2025-10-28',
      repliedOn: '2025-11-20',
    });
    const restarted = await create(c, 'disclosure_request', {
      ...base,
      content: 'D补正',
      correctionNoticeOn: '2025-09-30',
      correctedReceivedOn: '2025-10-20',
      repliedOn: '2025-11-14',
    });
    // Third-party consultation 10-09 → 10-29: 15 working days (10-11 is a 调休 working day) not
    // counted, so 10-30 + 15 → 11-20.
    const paused = await create(c, 'disclosure_request', {
      ...base,
      content: 'E征求意见',
      consultationFrom: '2025-10-09',
      consultationTo: '2025-10-29',
      repliedOn: '2025-11-19',
    });
    const r = await c.get('/api/deadlines?status=done&module=disclosure');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const by = new Map(
      (r.body as Array<{ recordId: string; ruleKey: string; status: string; due: string; start: string }>)
        .filter((d) => d.ruleKey === 'disclosure.request_reply')
        .map((d) => [d.recordId, d]),
    );
    assert.equal(by.get(onTime.id)?.due, '2025-10-30');
    assert.equal(by.get(onTime.id)?.status, '按期办结');
    assert.equal(by.get(late.id)?.status, '逾期办结');
    assert.deepEqual([by.get(extended.id)?.due, by.get(extended.id)?.status], ['2025-11-27', '按期办结']);
    assert.equal(by.get(restarted.id)?.start, '2025-10-20');
    assert.equal(by.get(restarted.id)?.status, '按期办结');
    assert.deepEqual([by.get(paused.id)?.due, by.get(paused.id)?.status], ['2025-11-20', '按期办结']);
    // The 按期答复 figure is counted on the same calendar: one of five replies was a day late.
    const fig = new Map(Object.entries(await figures(c, 2025, ['disclosure.requests_on_time', 'disclosure.requests_on_time_rate'])));
    assert.equal(fig.get('disclosure.requests_on_time')?.value, 4);
    assert.ok(!fig.get('disclosure.requests_on_time')?.sources.includes(late.id));
    assert.equal(fig.get('disclosure.requests_on_time_rate')?.value, 80);
  });

  it('puts the answer and reply clocks on 复议 (10 working days), 诉讼 (15 days) and 人大建议 (3 or 6 months)', async () => {
    const c = await client(s.base, 'officer');
    const rec = await create(c, 'dispute_case', { kind: '行政复议', role: '被申请人', matter: '复议时钟', copyReceivedOn: '2025-09-26' });
    const simple = await create(c, 'dispute_case', {
      kind: '行政复议',
      role: '被申请人',
      procedure: '简易程序',
      matter: '简易程序时钟',
      copyReceivedOn: '2025-09-26',
    });
    const suit = await create(c, 'dispute_case', { kind: '行政诉讼', role: '被告', matter: '诉讼时钟', copyReceivedOn: '2025-09-26' });
    const third = await create(c, 'dispute_case', {
      kind: '行政诉讼',
      role: '第三人',
      matter: '第三人无答辩期限',
      copyReceivedOn: '2025-09-26',
    });
    const npc = await create(c, 'suggestion', {
      kind: '人大代表建议',
      title: '时钟',
      proposer: '代表甲',
      assignedOn: '2025-03-31',
      role: '主办',
    });
    const hard = await create(c, 'suggestion', {
      kind: '人大代表建议',
      title: '难办的建议',
      proposer: '代表乙',
      assignedOn: '2025-03-31',
      role: '主办',
      difficult: true,
    });
    const r = await c.get('/api/deadlines?status=all&module=oversight');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const list = r.body as Array<{ recordId: string; ruleKey: string; due: string }>;
    const due = (id: string) => list.filter((d) => d.recordId === id).map((d) => `${d.ruleKey}=${d.due}`);
    // 2025-09-26 + 10 working days over 国庆/中秋 (9-28 and 10-11 are make-up working days).
    assert.deepEqual(due(rec.id), ['oversight.reconsideration_answer=2025-10-16']);
    assert.deepEqual(due(simple.id), ['oversight.reconsideration_answer_simple=2025-10-10']);
    assert.deepEqual(due(suit.id), ['oversight.litigation_answer=2025-10-11']);
    assert.deepEqual(due(third.id), []);
    assert.deepEqual(due(npc.id), ['oversight.npc_reply=2025-06-30']);
    assert.deepEqual(due(hard.id), ['oversight.npc_reply_difficult=2025-09-30']);
  });

  it('counts seed 001: 142 items published, 13 + 11 suggestions all answered = 100%, 5 lawsuits, none lost', async () => {
    const c = await client(s.base, 'county');
    const cats = ['工作动态、信息公告', '规范性文件', '机关职能、机构设置、负责人等', '社会救助'] as const;
    for (let i = 0; i < 142; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const month = String((i % 12) + 1).padStart(2, '0');
      await create(c, 'disclosure_item', {
        title: `信息${i}`,
        category: cats[i % 4],
        formedOn: `2023-${month}-${day}`,
        publishedOn: `2023-${month}-${day}`,
        channel: '政府网站',
      });
    }
    const draft = await create(c, 'disclosure_item', { title: '尚未公开', category: '社会救助', formedOn: '2023-12-20' });
    assert.equal(draft.data.status, '待公开');
    await create(c, 'disclosure_item', {
      title: '上年公开',
      category: '社会救助',
      formedOn: '2022-12-01',
      publishedOn: '2022-12-05',
      channel: '政府网站',
    });

    for (let i = 0; i < 13; i++) {
      await create(c, 'suggestion', {
        kind: '人大代表建议',
        number: `第${i + 1}号`,
        title: `关于养老服务的建议${i}`,
        proposer: `代表${i}`,
        assignedOn: '2023-04-10',
        role: i < 10 ? '主办' : '协办',
        repliedOn: '2023-06-30',
        resultClass: 'A类（已解决或采纳）',
        satisfaction: '满意',
      });
    }
    for (let i = 0; i < 11; i++) {
      await create(c, 'suggestion', {
        kind: '政协提案',
        number: `第${i + 1}号`,
        title: `关于社区管理的提案${i}`,
        proposer: `委员${i}`,
        assignedOn: '2023-04-12',
        role: '主办',
        repliedOn: '2023-07-05',
        satisfaction: '基本满意',
      });
    }
    for (let i = 0; i < 5; i++) {
      await create(c, 'dispute_case', {
        kind: '行政诉讼',
        role: '被告',
        caseNumber: `（2023）某0101行初${i + 1}号`,
        matter: '婚姻登记历史遗留问题',
        copyReceivedOn: `2023-0${i + 3}-10`,
        answeredOn: `2023-0${i + 3}-20`,
        headAppeared: i < 2,
        headName: i < 2 ? '王局长' : null,
        headPosition: i < 2 ? '局长' : null,
        result: '调解撤诉',
        closedOn: `2023-0${i + 4}-15`,
      });
    }
    await create(c, 'lead_transfer', { transferredOn: '2023-08-01', matter: '非法社会组织线索', receiver: '县综合行政执法局' });
    const tasks: Array<[string, number]> = [
      ['跨部门发起', 5],
      ['跨部门接收', 6],
      ['跨部门接收', 4],
      ['单部门', 5],
      ['单部门', 5],
    ];
    for (const [i, [kind, n]] of tasks.entries()) {
      await create(c, 'inspection_task', {
        name: `抽查任务${i}`,
        kind,
        plannedOn: '2023-05-01',
        objectsInspected: n,
        completedOn: '2023-06-01',
        publishedOn: '2023-06-15',
        creditLinked: i !== 0,
        viaMobile: true,
      });
    }

    const f = await figures(c, 2023, [
      'disclosure.proactive',
      'disclosure.proactive_by_category',
      'oversight.npc',
      'oversight.cppcc',
      'oversight.suggestions_answered',
      'oversight.suggestions_answer_rate',
      'oversight.lawsuits',
      'oversight.reconsiderations',
      'oversight.cases_lost',
      'oversight.head_appearances',
      'enforcement.random_single',
      'enforcement.random_joint_initiated',
      'enforcement.random_joint_received',
      'enforcement.inspected_objects',
      'enforcement.leads_transferred',
      'enforcement.results_published_rate',
      'enforcement.joint_ratio',
      'enforcement.credit_linked_rate',
    ]);
    assert.equal(f['disclosure.proactive'].value, 142);
    assert.equal(f['disclosure.proactive_by_category'].breakdown?.find((b) => b.label === '社会救助')?.value, 35);
    assert.equal(f['oversight.npc'].value, 13);
    assert.equal(f['oversight.cppcc'].value, 11);
    assert.equal(f['oversight.suggestions_answered'].value, 24);
    assert.equal(f['oversight.suggestions_answer_rate'].value, 100);
    assert.equal(f['oversight.lawsuits'].value, 5);
    assert.equal(f['oversight.reconsiderations'].value, 0);
    assert.equal(f['oversight.cases_lost'].value, 0);
    assert.equal(f['oversight.head_appearances'].value, 2);
    assert.equal(f['enforcement.random_joint_initiated'].value, 1);
    assert.equal(f['enforcement.random_joint_received'].value, 2);
    assert.equal(f['enforcement.random_single'].value, 2);
    assert.equal(f['enforcement.inspected_objects'].value, 25);
    assert.equal(f['enforcement.leads_transferred'].value, 1);
    assert.equal(f['enforcement.results_published_rate'].value, 100);
    assert.equal(f['enforcement.joint_ratio'].value, 60);
    assert.equal(f['enforcement.credit_linked_rate'].value, 80);

    // One suggestion left unanswered: the rate drops below 100%, and a lost case counts.
    const open = await create(c, 'suggestion', {
      kind: '政协提案',
      title: '未办结提案',
      proposer: '委员X',
      assignedOn: '2023-11-01',
      role: '主办',
    });
    assert.equal(open.data.status, '办理中');
    await create(c, 'dispute_case', {
      kind: '行政复议',
      role: '被申请人',
      matter: '最低生活保障',
      copyReceivedOn: '2023-09-01',
      result: '撤销',
      closedOn: '2023-11-01',
    });
    const g = await figures(c, 2023, ['oversight.suggestions_answer_rate', 'oversight.cases_lost', 'oversight.reconsiderations']);
    assert.equal(g['oversight.suggestions_answer_rate'].value, 96);
    assert.equal(g['oversight.cases_lost'].value, 1);
    assert.equal(g['oversight.reconsiderations'].value, 1);
  });

  it('refuses inconsistent oversight and inspection records with Chinese details', async () => {
    const c = await client(s.base, 'officer');
    await refused(
      c,
      'dispute_case',
      { kind: '行政诉讼', role: '被告', matter: 'x', copyReceivedOn: '2025-01-02', headAppeared: true },
      /出庭负责人姓名/,
      'headAppeared',
    );
    await refused(
      c,
      'dispute_case',
      { kind: '行政复议', role: '被告', matter: 'x', copyReceivedOn: '2025-01-02' },
      /被申请人或第三人/,
      'role',
    );
    await refused(
      c,
      'dispute_case',
      { kind: '行政诉讼', role: '被告', matter: 'x', copyReceivedOn: '2025-01-02', result: '维持' },
      /请填写审结日期/,
      'closedOn',
    );
    await refused(
      c,
      'suggestion',
      { kind: '人大代表建议', title: 'x', proposer: 'y', assignedOn: '2025-03-01', role: '主办', satisfaction: '满意' },
      /答复后才能登记/,
    );
    await refused(
      c,
      'suggestion',
      { kind: '人大代表建议', title: 'x', proposer: 'y', assignedOn: '2025-03-01', role: '主办', repliedOn: '2025-02-01' },
      /不能早于交办日期/,
    );
    await refused(
      c,
      'inspection_task',
      { name: 'x', kind: '单部门', plannedOn: '2025-03-01', publishedOn: '2025-04-01' },
      /检查完成后才能公示/,
    );
    await refused(c, 'inspection_object', { name: '某养老院', type: '养老机构', status: '在库', creditCode: '123' }, /统一社会信用代码/);
    await refused(c, 'petition', { receivedOn: '2025-03-01', channel: '来访', matter: '低保', firstResponder: '' }, /首问责任人不能为空/);
    const p = await create(c, 'petition', { receivedOn: '2025-03-01', channel: '来访', matter: '低保', firstResponder: '李科长' });
    assert.equal(p.data.result, '办理中');
  });
});
