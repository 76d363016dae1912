/**
 * The org, plan, publicity, decision, normdoc and results declarations over the real HTTP API: the
 * lifecycle gates refuse with a Chinese detail naming the field, and the figures a report quotes are
 * computed from the records, with the records as sources.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type Client,
  client,
  figuresWithSources,
  makeDb,
  makeWorld,
  type Res,
  type Server,
  startServer,
  type TestDb,
  type World,
} from './helpers.ts';

/** The figures with the ids of their records (each figure's sources endpoint). */
const figures = figuresWithSources;

async function create(c: Client, ledger: string, data: Record<string, unknown>): Promise<Res> {
  const r = await c.post(`/api/ledgers/${ledger}/records`, { data });
  assert.equal(r.status, 201, `${ledger}: ${JSON.stringify(r.body)}`);
  return r;
}

async function refused(c: Client, ledger: string, data: Record<string, unknown>, field: string, detail: RegExp): Promise<void> {
  const r = await c.post(`/api/ledgers/${ledger}/records`, { data });
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.field, field, JSON.stringify(r.body));
  assert.match(r.body.detail, detail);
}

const sorted = (a: string[]) => [...a].sort();

describe('modules: org, plan, publicity, decision, normdoc, results', () => {
  let t: TestDb;
  let s: Server;
  let w: World;
  let c: Client;
  before(async () => {
    t = await makeDb();
    w = await makeWorld(t.db);
    s = await startServer(t.db);
    c = await client(s.base, 'officer');
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  it('refuses a major decision discussed without legality review, or consulted under 30 days without a reason', async () => {
    const base = { title: '养老服务设施布局规划', category: '重要规划', startedOn: '2025-02-01', unitId: w.units.welfare };
    await refused(c, 'major_decision', { ...base, collectiveOn: '2025-05-10' }, 'collectiveOn', /未经合法性审查.*不得提交集体讨论/);
    await refused(
      c,
      'major_decision',
      { ...base, legalReviewOn: '2025-05-01', legalOpinion: '不合法', collectiveOn: '2025-05-10' },
      'collectiveOn',
      /不合法.*不得提交集体讨论/,
    );
    await refused(
      c,
      'major_decision',
      { ...base, legalReviewOn: '2025-05-12', legalOpinion: '合法', collectiveOn: '2025-05-10' },
      'collectiveOn',
      /集体讨论日期不能早于合法性审查日期/,
    );
    await refused(c, 'major_decision', { ...base, publishedOn: '2025-06-01' }, 'publishedOn', /未经集体讨论决定的决策不得公布/);
    await refused(
      c,
      'major_decision',
      { ...base, participationFrom: '2025-03-01', participationTo: '2025-03-20' },
      'participationTo',
      /征求意见期限为19日，少于30日的，应当填写缩短期限的理由/,
    );
    assert.equal((await c.get('/api/ledgers/major_decision/records')).body.total, 0);

    const urgent = await create(c, 'major_decision', {
      ...base,
      participationFrom: '2025-03-01',
      participationTo: '2025-03-20',
      urgencyReason: '寒潮应对，情况紧急',
    });
    assert.equal(urgent.body.data.status, '公众参与中');
    const full = await create(c, 'major_decision', {
      ...base,
      title: '最低生活保障标准调整',
      category: '重大公共政策和措施',
      participationFrom: '2025-03-01',
      participationTo: '2025-03-31',
      expertOn: '2025-04-05',
      riskOn: '2025-04-08',
      legalReviewOn: '2025-04-20',
      legalOpinion: '修改后合法',
      collectiveOn: '2025-05-10',
      publishedOn: '2025-05-20',
    });
    assert.equal(full.body.data.status, '已公布');
    assert.equal(full.body.status, '已公布');
    await create(c, 'major_decision', { ...base, title: '2024年的决策', startedOn: '2024-06-01' });

    const col1 = await create(c, 'collective_decision', {
      date: '2025-03-02',
      meeting: '局党组会议',
      kind: '大额资金使用',
      matter: '养老服务补贴资金安排',
      amount: 120,
      outcome: '通过',
    });
    const col2 = await create(c, 'collective_decision', {
      date: '2025-04-02',
      meeting: '局党组会议',
      kind: '重要人事任免',
      matter: '科室负责人任免',
      outcome: '通过',
    });
    const col3 = await create(c, 'collective_decision', {
      date: '2025-09-02',
      meeting: '局长办公会议',
      kind: '大额资金使用',
      matter: '殡仪馆设备采购',
      outcome: '通过',
    });

    const f = await figures(c, 2025, ['decision.major', 'decision.major_reviewed', 'decision.collective', 'decision.collective_by_kind']);
    assert.equal(f['decision.major'].value, 2);
    assert.deepEqual(sorted(f['decision.major'].sources), sorted([urgent.body.id, full.body.id]));
    assert.equal(f['decision.major_reviewed'].value, 1);
    assert.deepEqual(f['decision.major_reviewed'].sources, [full.body.id]);
    assert.equal(f['decision.collective'].value, 3);
    assert.deepEqual(
      f['decision.collective_by_kind'].breakdown?.map((g) => ({ ...g, sources: sorted(g.sources) })),
      [
        { label: '大额资金使用', value: 2, sourceCount: 2, sources: sorted([col1.body.id, col3.body.id]) },
        { label: '重要人事任免', value: 1, sourceCount: 1, sources: [col2.body.id] },
      ],
    );
  });

  it('refuses a normative document out of order or with a bad 文号, and counts documents in force', async () => {
    const ok = {
      docNo: '某民发〔2025〕5号',
      title: '社会救助家庭经济状况核对办法',
      legalReviewOn: '2025-03-01',
      legalOpinion: '合法',
      deliberatedOn: '2025-03-10',
      publishedOn: '2025-03-20',
      status: '有效',
    };
    await refused(c, 'normdoc', { ...ok, deliberatedOn: null }, 'publishedOn', /未经集体审议的文件不得公布/);
    await refused(
      c,
      'normdoc',
      { ...ok, legalReviewOn: null, legalOpinion: null },
      'deliberatedOn',
      /未经合法性审核的文件不得提交集体审议/,
    );
    await refused(c, 'normdoc', { ...ok, deliberatedOn: '2025-02-20' }, 'deliberatedOn', /集体审议日期不能早于合法性审核日期/);
    await refused(c, 'normdoc', { ...ok, publishedOn: '2025-03-05' }, 'publishedOn', /公布日期不能早于集体审议日期/);
    for (const bad of ['某民发[2025]5号', '某民发（2025）5号', '某民发〔2025〕05号', '某民发〔25〕5号', '〔2025〕5号', '某民发〔2025〕5']) {
      await refused(c, 'normdoc', { ...ok, docNo: bad }, 'docNo', /文号格式应为.*某民发〔2026〕5号/);
    }
    await refused(c, 'normdoc', { ...ok, docNo: '某民发〔2024〕5号' }, 'docNo', /文号中的年份2024与公布日期的年份2025不一致/);
    await refused(c, 'normdoc', { title: '草案', status: '有效' }, 'status', /尚未公布，状态只能为“起草中”/);
    await refused(c, 'normdoc', { ...ok, filedOn: '2025-03-01' }, 'filedOn', /备案日期不能早于公布日期/);
    assert.equal((await c.get('/api/ledgers/normdoc/records')).body.total, 0);

    const old = await create(c, 'normdoc', {
      ...ok,
      docNo: '某民发〔2022〕3号',
      title: '临时救助实施细则',
      legalReviewOn: '2022-01-05',
      deliberatedOn: '2022-01-10',
      publishedOn: '2022-01-20',
      validUntil: '2099-01-19',
    });
    const onTime = await create(c, 'normdoc', { ...ok, filedOn: '2025-04-19' });
    const late = await create(c, 'normdoc', { ...ok, docNo: '某民政〔2025〕12号', title: '养老机构等级评定办法', filedOn: '2025-05-04' });
    const draft = await create(c, 'normdoc', {
      title: '殡葬管理办法（征求意见稿）',
      status: '起草中',
      legalReviewOn: '2025-11-01',
      legalOpinion: '修改后合法',
    });
    await create(c, 'normdoc', {
      ...ok,
      docNo: '某民发〔2023〕2号',
      title: '已废止的文件',
      legalReviewOn: '2023-01-05',
      deliberatedOn: '2023-01-10',
      publishedOn: '2023-01-20',
      status: '已废止',
      changedOn: '2025-06-01',
    });
    const expired = await create(c, 'normdoc', {
      ...ok,
      docNo: '某民发〔2020〕1号',
      title: '有效期已过的文件',
      legalReviewOn: '2020-01-05',
      deliberatedOn: '2020-01-10',
      publishedOn: '2020-01-20',
      validUntil: '2024-12-31',
    });
    await create(c, 'normdoc', {
      ...ok,
      docNo: '某民发〔2026〕1号',
      title: '下一年的文件',
      legalReviewOn: '2026-01-05',
      deliberatedOn: '2026-01-10',
      publishedOn: '2026-01-20',
    });
    assert.equal(draft.body.status, '起草中');

    await refused(
      c,
      'normdoc_cleanup',
      { date: '2025-11-01', kind: '定期清理', scope: '全部现行文件', reviewed: 5, kept: 3, amended: 1, repealed: 2 },
      'reviewed',
      /合计6件，多于清理文件总数5件/,
    );
    const cl = await create(c, 'normdoc_cleanup', {
      date: '2025-11-01',
      kind: '定期清理',
      scope: '2024年以前制发的文件',
      reviewed: 8,
      kept: 5,
      amended: 1,
      repealed: 2,
    });

    const f = await figures(c, 2025, [
      'normdoc.issued',
      'normdoc.reviewed',
      'normdoc.filed',
      'normdoc.filed_on_time',
      'normdoc.filed_on_time_rate',
      'normdoc.repealed',
      'normdoc.in_force',
      'normdoc.cleanups',
    ]);
    assert.equal(f['normdoc.issued'].value, 2);
    assert.deepEqual(sorted(f['normdoc.issued'].sources), sorted([onTime.body.id, late.body.id]));
    assert.equal(f['normdoc.reviewed'].value, 2);
    assert.equal(f['normdoc.filed'].value, 2);
    assert.equal(f['normdoc.filed_on_time'].value, 1);
    assert.deepEqual(f['normdoc.filed_on_time'].sources, [onTime.body.id]);
    assert.equal(f['normdoc.filed_on_time_rate'].value, 50);
    assert.equal(f['normdoc.repealed'].value, 2);
    assert.deepEqual(f['normdoc.repealed'].sources, [cl.body.id]);
    assert.equal(f['normdoc.cleanups'].value, 1);
    // The 2022 document still in force counts; repealed, expired, draft and next year's do not.
    assert.equal(f['normdoc.in_force'].value, 3);
    assert.deepEqual(sorted(f['normdoc.in_force'].sources), sorted([old.body.id, onTime.body.id, late.body.id]));

    // Deadlines: 备案 within 30 days of 公布; evaluation 6 months before 有效期至 (derived on save).
    assert.equal(old.body.data.expiryReviewDue, '2098-07-19');
    assert.equal(expired.body.data.expiryReviewDue, '2024-06-30');
    const dl = await c.get('/api/deadlines?status=all&module=normdoc');
    assert.equal(dl.status, 200, JSON.stringify(dl.body));
    const find = (rule: string, id: string) =>
      (dl.body as Array<{ ruleKey: string; recordId: string; status: string; due: string }>).find(
        (x) => x.ruleKey === rule && x.recordId === id,
      );
    assert.equal(find('normdoc.filing', onTime.body.id)?.status, '按期办结');
    assert.equal(find('normdoc.filing', late.body.id)?.status, '逾期办结');
    assert.equal(find('normdoc.filing', old.body.id)?.status, '逾期');
    assert.equal(find('normdoc.filing', draft.body.id), undefined);
    assert.equal(find('normdoc.expiry_review', expired.body.id)?.status, '逾期');
    assert.ok((find('normdoc.expiry_review', old.body.id)?.due ?? '') >= '2098-07-19');
  });

  it('sums publicity materials by kind, with sources, per period', async () => {
    const a = await create(c, 'publicity_activity', {
      date: '2025-06-01',
      theme: '未成年人保护法进校园',
      keyDate: '未成年人保护宣传月',
      venueType: '进校园',
      forms: ['法治讲座', '发放宣传资料'],
      audience: 300,
      consultations: 40,
      matGifts: 500,
      matLeaflets: 1200,
      matPosters: 10,
    });
    const b = await create(c, 'publicity_activity', {
      date: '2025-12-03',
      theme: '宪法进社区',
      keyDate: '宪法宣传周',
      venueType: '进社区',
      consultations: 60,
      matHandbooks: 100,
      matBoards: 2,
    });
    const d = await create(c, 'publicity_activity', {
      date: '2025-05-20',
      theme: '婚姻家庭普法',
      keyDate: '520婚姻登记',
      venueType: '服务窗口',
      matHandbooks: 200,
      matVideos: 1,
    });
    const old = await create(c, 'publicity_activity', {
      date: '2023-04-15',
      theme: '国家安全教育日宣传',
      keyDate: '全民国家安全教育日',
      venueType: '公共场所',
      matBanners: 50,
      matLeaflets: 2500,
    });
    await refused(
      c,
      'publicity_activity',
      { date: '2025-06-02', theme: 'x', keyDate: '喝茶节', venueType: '进校园' },
      'keyDate',
      /宣传节点应为以下之一/,
    );
    await refused(
      c,
      'publicity_activity',
      { date: '2025-06-02', theme: 'x', keyDate: '日常宣传', venueType: '进校园', matPosters: -3 },
      'matPosters',
      /海报（张）不能小于0/,
    );
    assert.equal(a.body.data.materialsTotal, 1710);

    const ct = await create(c, 'case_teaching', {
      date: '2025-08-01',
      caseName: '冒用他人身份婚姻登记撤销案',
      domain: '婚姻登记',
      form: '以案说法讲座',
      audience: 50,
    });
    const duty = await create(c, 'duty_item', {
      law: '《中华人民共和国民法典》婚姻家庭编',
      audience: ['婚姻登记当事人'],
      methods: ['窗口宣传'],
      keyDates: ['520婚姻登记', '民法典宣传月'],
      listedOn: '2022-03-01',
    });
    await create(c, 'duty_item', { law: '《社会救助暂行办法》', listedOn: '2022-03-01', removedOn: '2024-12-31' });
    await create(c, 'duty_item', { law: '《地名管理条例》', listedOn: '2026-02-01' });

    const keys = [
      'publicity.activities',
      'publicity.audience',
      'publicity.consultations',
      'publicity.campus_community',
      'publicity.materials',
      'publicity.mat_gifts',
      'publicity.mat_banners',
      'publicity.mat_posters',
      'publicity.mat_leaflets',
      'publicity.mat_handbooks',
      'publicity.mat_boards',
      'publicity.mat_videos',
      'publicity.by_theme',
      'publicity.case_teachings',
      'publicity.duty_items',
    ];
    const f = await figures(c, 2025, keys);
    assert.equal(f['publicity.activities'].value, 3);
    assert.equal(f['publicity.audience'].value, 300);
    assert.equal(f['publicity.consultations'].value, 100);
    assert.deepEqual(sorted(f['publicity.consultations'].sources), sorted([a.body.id, b.body.id]));
    assert.equal(f['publicity.campus_community'].value, 2);
    assert.deepEqual(sorted(f['publicity.campus_community'].sources), sorted([a.body.id, b.body.id]));
    assert.equal(f['publicity.mat_gifts'].value, 500);
    assert.equal(f['publicity.mat_banners'].value, 0);
    assert.deepEqual(f['publicity.mat_banners'].sources, []);
    assert.equal(f['publicity.mat_posters'].value, 10);
    assert.equal(f['publicity.mat_leaflets'].value, 1200);
    assert.deepEqual(f['publicity.mat_leaflets'].sources, [a.body.id]);
    assert.equal(f['publicity.mat_handbooks'].value, 300);
    assert.deepEqual(sorted(f['publicity.mat_handbooks'].sources), sorted([b.body.id, d.body.id]));
    assert.equal(f['publicity.mat_boards'].value, 2);
    assert.equal(f['publicity.mat_videos'].value, 1);
    assert.equal(f['publicity.materials'].value, 500 + 1200 + 10 + 100 + 2 + 200 + 1);
    assert.equal(f['publicity.by_theme'].value, 3);
    assert.deepEqual(
      sorted((f['publicity.by_theme'].breakdown ?? []).map((g) => `${g.label}:${g.value}`)),
      sorted(['未成年人保护宣传月:1', '宪法宣传周:1', '520婚姻登记:1']),
    );
    assert.equal(f['publicity.case_teachings'].value, 1);
    assert.deepEqual(f['publicity.case_teachings'].sources, [ct.body.id]);
    assert.equal(f['publicity.duty_items'].value, 1);
    assert.deepEqual(f['publicity.duty_items'].sources, [duty.body.id]);
    const f2023 = await figures(c, 2023, ['publicity.mat_leaflets', 'publicity.mat_banners', 'publicity.activities']);
    assert.equal(f2023['publicity.mat_leaflets'].value, 2500);
    assert.deepEqual(f2023['publicity.mat_banners'].sources, [old.body.id]);
    assert.equal(f2023['publicity.activities'].value, 1);
  });

  it('computes the plan done rate and the rectification rate', async () => {
    await refused(c, 'plan_task', { year: 2025, content: '开展规范性文件清理', status: '已完成' }, 'completedOn', /请填写完成日期/);
    await refused(
      c,
      'plan_task',
      { year: 2025, content: '开展规范性文件清理', status: '推进中', completedOn: '2025-06-01' },
      'status',
      /完成情况应为“已完成”/,
    );
    const done1 = await create(c, 'plan_task', {
      year: 2025,
      no: 7,
      heading: '（二）加大法制创制力度',
      content: '开展规范性文件专项清理',
      leadUnit: w.units.office,
      deadline: '2025-06-30',
      status: '已完成',
      completedOn: '2025-06-20',
    });
    const done2 = await create(c, 'plan_task', {
      year: 2025,
      no: 8,
      content: '双随机任务关联信用规则率不低于90%',
      target: '≥90%',
      status: '已完成',
      completedOn: '2025-12-01',
    });
    const open = await create(c, 'plan_task', {
      year: 2025,
      no: 9,
      content: '掌上执法率达到95%',
      target: '95%',
      status: '推进中',
      progress: '已达到88%',
    });
    await create(c, 'plan_task', { year: 2025, no: 10, content: '取消的任务', status: '已取消' });
    await create(c, 'plan_task', { year: 2024, no: 1, content: '上一年的任务', status: '已完成', completedOn: '2024-05-01' });

    await refused(
      c,
      'problem',
      { year: 2024, foundYear: 2025, source: '督察', description: 'x', status: '未整改' },
      'foundYear',
      /发现年度不能晚于整改年度/,
    );
    const p1 = await create(c, 'problem', {
      year: 2025,
      foundYear: 2024,
      source: '上年度法治政府建设报告',
      description: '普法宣传形式不够丰富',
      measures: '利用微信群、短视频开展宣传',
      status: '已整改',
      rectifiedOn: '2025-10-01',
    });
    const p2 = await create(c, 'problem', {
      year: 2025,
      foundYear: 2024,
      source: '上年度法治政府建设报告',
      description: '执法文书不规范',
      status: '整改中',
    });

    const f = await figures(c, 2025, [
      'plan.tasks',
      'plan.tasks_done',
      'plan.tasks_done_rate',
      'plan.problems',
      'plan.problems_rectified',
      'plan.rectify_rate',
    ]);
    assert.equal(f['plan.tasks'].value, 3);
    assert.deepEqual(sorted(f['plan.tasks'].sources), sorted([done1.body.id, done2.body.id, open.body.id]));
    assert.equal(f['plan.tasks_done'].value, 2);
    assert.equal(f['plan.tasks_done_rate'].value, 66.7);
    assert.equal(f['plan.problems'].value, 2);
    assert.deepEqual(sorted(f['plan.problems'].sources), sorted([p1.body.id, p2.body.id]));
    assert.equal(f['plan.problems_rectified'].value, 1);
    assert.equal(f['plan.rectify_rate'].value, 50);
  });

  it('counts legal adviser work by kind, per period', async () => {
    await create(c, 'adviser', {
      name: '孙律师',
      kind: '法律顾问',
      firm: '某某律师事务所',
      contractFrom: '2022-01-01',
      contractTo: '2099-12-31',
    });
    await create(c, 'adviser', {
      name: '前任律师',
      kind: '法律顾问',
      firm: '另一律师事务所',
      contractFrom: '2020-01-01',
      contractTo: '2021-12-31',
    });
    await refused(
      c,
      'adviser',
      { name: 'x', kind: '法律顾问', contractFrom: '2025-01-01', contractTo: '2024-12-31' },
      'contractTo',
      /合同终止日期不能早于起始日期/,
    );
    const op = await create(c, 'adviser_work', {
      date: '2025-04-01',
      adviserName: '孙律师',
      kind: '法律意见书',
      matter: '养老服务中心委托运营',
      count: 3,
    });
    const lec = await create(c, 'adviser_work', {
      date: '2025-06-01',
      adviserName: '孙律师',
      kind: '法治讲座',
      matter: '行政复议法讲座',
      count: 1,
    });
    const c1 = await create(c, 'adviser_work', {
      date: '2025-07-01',
      adviserName: '孙律师',
      kind: '合同审查',
      matter: '2025年各类合同',
      count: 25,
    });
    const c0 = await create(c, 'adviser_work', {
      date: '2022-07-01',
      adviserName: '孙律师',
      kind: '合同审查',
      matter: '2022年各类合同',
      count: 20,
    });
    const nd = await create(c, 'adviser_work', {
      date: '2023-07-01',
      adviserName: '孙律师',
      kind: '规范性文件合法性审查',
      matter: '规范性文件审查',
      count: 19,
    });
    const lit = await create(c, 'adviser_work', {
      date: '2025-09-01',
      adviserName: '孙律师',
      kind: '参与诉讼',
      matter: '婚姻登记行政诉讼',
      count: 5,
    });
    await refused(
      c,
      'adviser_work',
      { date: '2025-09-01', adviserName: '孙律师', kind: '合同审查', matter: 'x', count: 0 },
      'count',
      /件（次）数不能小于1/,
    );

    const f = await figures(c, 2025, [
      'adviser.opinions',
      'adviser.lectures',
      'adviser.normdoc_reviews',
      'adviser.contract_reviews',
      'adviser.litigation',
      'adviser.advisers',
    ]);
    assert.equal(f['adviser.opinions'].value, 3);
    assert.deepEqual(f['adviser.opinions'].sources, [op.body.id]);
    assert.equal(f['adviser.lectures'].value, 1);
    assert.deepEqual(f['adviser.lectures'].sources, [lec.body.id]);
    assert.equal(f['adviser.normdoc_reviews'].value, 0);
    assert.equal(f['adviser.contract_reviews'].value, 25);
    assert.deepEqual(f['adviser.contract_reviews'].sources, [c1.body.id]);
    assert.equal(f['adviser.litigation'].value, 5);
    assert.deepEqual(f['adviser.litigation'].sources, [lit.body.id]);
    const f22 = await figures(c, 2022, ['adviser.contract_reviews']);
    assert.equal(f22['adviser.contract_reviews'].value, 20);
    assert.deepEqual(f22['adviser.contract_reviews'].sources, [c0.body.id]);
    const f23 = await figures(c, 2023, ['adviser.normdoc_reviews']);
    assert.equal(f23['adviser.normdoc_reviews'].value, 19);
    assert.deepEqual(f23['adviser.normdoc_reviews'].sources, [nd.body.id]);
    assert.equal(f['adviser.advisers'].value, 1);
  });

  it('keeps leading-group membership over time when people move, and counts valid enforcement certificates', async () => {
    const head = await create(c, 'leading_member', {
      group: '法治政府建设工作领导小组',
      name: '王局长',
      post: '局党组书记、局长',
      role: '组长',
      fromDate: '2022-03-01',
      basisDoc: '某民发〔2022〕8号',
    });
    const deputy = await create(c, 'leading_member', {
      group: '法治政府建设工作领导小组',
      name: '李副局长',
      post: '副局长',
      role: '副组长',
      fromDate: '2022-03-01',
    });
    const office = await create(c, 'leading_member', {
      group: '法治政府建设工作领导小组',
      name: '张科长',
      post: '政策法规科科长',
      role: '办公室主任',
      fromDate: '2023-05-01',
    });
    assert.equal(head.body.data.status, '在任');
    await refused(
      c,
      'leading_member',
      { group: '法治政府建设工作领导小组', name: 'x', post: 'x', role: '组员', fromDate: '2025-01-01' },
      'role',
      /小组职务应为以下之一：组长、副组长、成员、办公室主任/,
    );
    await refused(
      c,
      'leading_member',
      { group: '法治政府建设工作领导小组', name: 'x', post: 'x', role: '成员', fromDate: '2025-01-01', toDate: '2024-01-01' },
      'toDate',
      /任职终止日期不能早于任职起始日期/,
    );

    let f = await figures(c, 2025, ['org.leading_group_members']);
    assert.equal(f['org.leading_group_members'].value, 3);

    // The head of bureau moves: his tenure ends, the successor's begins.
    const moved = await c.put(`/api/ledgers/leading_member/records/${head.body.id}`, {
      data: { ...head.body.data, toDate: '2025-06-30' },
      version: head.body.version,
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.data.status, '已调整');
    const successor = await create(c, 'leading_member', {
      group: '法治政府建设工作领导小组',
      name: '赵局长',
      post: '局党组书记、局长',
      role: '组长',
      fromDate: '2025-07-01',
      basisDoc: '某民发〔2025〕20号',
    });

    f = await figures(c, 2025, ['org.leading_group_members', 'org.leading_group_by_role']);
    assert.equal(f['org.leading_group_members'].value, 3);
    assert.deepEqual(
      sorted((f['org.leading_group_by_role'].breakdown ?? []).map((g) => `${g.label}:${g.value}`)),
      sorted(['组长:1', '副组长:1', '办公室主任:1']),
    );
    assert.deepEqual(sorted(f['org.leading_group_members'].sources), sorted([deputy.body.id, office.body.id, successor.body.id]));
    // A past year counts the group as it stood then: the head who left in 2025 was 组长 in 2022;
    // those appointed after the period do not count in it.
    f = await figures(c, 2022, ['org.leading_group_members']);
    assert.deepEqual(sorted(f['org.leading_group_members'].sources), sorted([head.body.id, deputy.body.id]));

    const current = await c.get(`/api/ledgers/leading_member/records?status=${encodeURIComponent('在任')}`);
    assert.deepEqual(sorted(current.body.items.map((r: { title: string }) => r.title)), sorted(['李副局长', '张科长', '赵局长']));
    const past = await c.get(`/api/ledgers/leading_member/records?status=${encodeURIComponent('已调整')}`);
    assert.deepEqual(
      past.body.items.map((r: { title: string }) => r.title),
      ['王局长'],
    );
    const history = await c.get('/api/ledgers/leading_member/records?to=2024-12-31');
    assert.equal(history.body.total, 3);

    const valid = await create(c, 'person', {
      name: '执法员甲',
      unitId: w.units.welfare,
      joinedOn: '2020-01-01',
      status: '在职',
      certNo: '民执字2201001',
      certValidTo: '2099-12-31',
      lawQualification: true,
    });
    await create(c, 'person', {
      name: '执法员乙',
      joinedOn: '2018-01-01',
      status: '在职',
      certNo: '民执字2201002',
      certValidTo: '2020-12-31',
    });
    await create(c, 'person', {
      name: '已调离人员',
      joinedOn: '2018-01-01',
      status: '调离',
      leftOn: '2024-03-01',
      certNo: '民执字2201003',
      certValidTo: '2099-12-31',
    });
    await create(c, 'person', { name: '未持证人员', joinedOn: '2021-01-01', status: '在职' });
    await refused(c, 'person', { name: 'x', joinedOn: '2021-01-01', status: '调离' }, 'leftOn', /调离或退休的人员请填写离岗日期/);
    await refused(
      c,
      'person',
      { name: 'x', joinedOn: '2021-01-01', status: '在职', certValidTo: '2030-01-01' },
      'certValidTo',
      /请先填写行政执法证号/,
    );
    f = await figures(c, 2025, ['org.officers_certified', 'org.law_qualified']);
    assert.equal(f['org.officers_certified'].value, 1);
    assert.deepEqual(f['org.officers_certified'].sources, [valid.body.id]);
    assert.equal(f['org.law_qualified'].value, 1);
  });

  it('groups work results by business area, summing the quantities', async () => {
    const zombie = await create(c, 'result', {
      date: '2025-10-01',
      domain: '社会组织管理',
      description: '注销“僵尸型”社会组织',
      quantity: 11,
      countUnit: '家',
    });
    const kids = await create(c, 'result', {
      date: '2025-11-01',
      domain: '儿童福利和未成年人保护',
      description: '完成无户籍儿童落户登记',
      quantity: 38,
      countUnit: '名',
    });
    const dna = await create(c, 'result', {
      date: '2025-09-01',
      domain: '儿童福利和未成年人保护',
      description: '为无户籍儿童做亲子鉴定',
      quantity: 19,
      countUnit: '名',
    });
    await refused(c, 'result', { date: '2025-10-01', domain: '外交', description: 'x', quantity: 1 }, 'domain', /业务领域应为以下之一/);
    const f = await figures(c, 2025, ['results.items']);
    assert.equal(f['results.items'].value, 68);
    assert.deepEqual(
      f['results.items'].breakdown?.map((g) => ({ ...g, sources: sorted(g.sources) })),
      [
        { label: '儿童福利和未成年人保护', value: 57, sourceCount: 2, sources: sorted([dna.body.id, kids.body.id]) },
        { label: '社会组织管理', value: 11, sourceCount: 1, sources: [zombie.body.id] },
      ],
    );
  });

  it('publishes the declarations with their Chinese option lists', async () => {
    const r = await c.get('/api/ledgers');
    assert.equal(r.status, 200);
    const list = (Array.isArray(r.body) ? r.body : r.body.items) as Array<{
      key: string;
      label: string;
      fields: Array<{ name: string; options?: string[] }>;
    }>;
    const keys = new Set(list.map((l) => l.key));
    for (const k of [
      'person',
      'leading_member',
      'plan_task',
      'problem',
      'duty_item',
      'publicity_activity',
      'case_teaching',
      'adviser',
      'adviser_work',
      'collective_decision',
      'major_decision',
      'normdoc',
      'normdoc_cleanup',
      'result',
    ]) {
      assert.ok(keys.has(k), k);
    }
    const kinds = list.find((l) => l.key === 'collective_decision')?.fields.find((fd) => fd.name === 'kind')?.options;
    assert.deepEqual(kinds, ['重大决策', '重要人事任免', '重大项目安排', '大额资金使用']);
  });
});
