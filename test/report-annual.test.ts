/**
 * Section 一 of the 法治政府建设年度报告 says only what the records show: each conditional sentence is
 * proved both ways. With records it prints the computed sentence with its numbers (figure links); without
 * them its negative appears only as a 需确认 item, blocks finalizing until a person confirms it, and
 * then prints. Each scenario has a year of its own, so the records of one do not reach another.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type Client, client, serverSuite } from './helpers.ts';

type Issue = { code: string; level: string; at?: string; message: string; confirm?: { kind: 'own' | 'none'; id: string } };

const reFig = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The HTML of a printed number: <a … data-figure="key" [data-part="part"] …>value</a>. */
function fig(key: string, value: string | number, part?: string): string {
  const p = part === undefined ? '' : ` data-part="${reFig(part)}"`;
  return `<a [^>]*data-figure="${reFig(key)}"${p}[^>]*>${reFig(String(value))}</a>`;
}

/** Section 一 of the HTML preview. */
function measuresHtml(html: string): string {
  const from = html.indexOf('data-section="measures"');
  const to = html.indexOf('data-section="shortcomings"');
  assert.ok(from > 0 && to > from, 'the preview has section 一');
  return html.slice(from, to);
}

const plain = (html: string) => html.replace(/<[^>]+>/g, '');

/** The figure a negative's confirmation id names (the id is the figure, '::' and the words). */
const figureOf = (i: Issue) => i.confirm?.id.split('::')[0] ?? '';
/** The negatives of section 一 still to confirm, by figure. */
const openNones = (issues: Issue[]) => issues.filter((i) => i.code === 'none-unconfirmed' && i.at?.startsWith('s:0:')).map(figureOf);

describe('annual report, section 一: every sentence answers to the records', () => {
  const suite = serverSuite();
  let officer: Client;
  let county: Client;
  let leader: Client;
  before(async () => {
    officer = await client(suite.s.base, 'officer');
    county = await client(suite.s.base, 'county');
    leader = await client(suite.s.base, 'leader');
  });

  const post = async (c: Client, ledger: string, data: Record<string, unknown>) => {
    const r = await c.post(`/api/ledgers/${ledger}/records`, { data });
    assert.equal(r.status, 201, `${ledger}: ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const report = async (c: Client, year: number, rollup = false) => {
    const r = await c.post('/api/reports', { kind: 'annual-report', year, ...(rollup ? { rollup: true } : {}) });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const html = await (await c.raw(`/api/reports/${r.body.id}/html`)).text();
    return {
      id: r.body.id as string,
      body: r.body,
      issues: r.body.issues as Issue[],
      html: measuresHtml(html),
      text: plain(measuresHtml(html)),
    };
  };

  it('with no records, every negative of section 一 is a 需确认 item that blocks finalizing until confirmed, then prints', async () => {
    const r = await report(officer, 2019);
    const expected: Record<string, string> = {
      'study.central_group': '本年度党组理论学习中心组尚未开展专题学法',
      'study.exam_participants': '本年度尚未组织干部职工参加学法考试',
      'publicity.activities': '本年度尚未组织专项法治宣传活动',
      'adviser.advisers': '本年度未聘请法律顾问和公职律师',
      'adviser.work_by_kind': '本年度法律顾问未出具书面法律意见，未参与文件和合同审查',
      'decision.major': '本年度未作出重大行政决策事项',
      'normdoc.issued': '本年度未制发行政规范性文件',
      'disclosure.proactive': '本年度未主动公开政府信息',
      'disclosure.requests': '全年未收到政府信息公开申请',
      'oversight.suggestions': '2019年我局未承办人大代表建议和政协提案',
      'oversight.lawsuits': '全年未发生行政诉讼案件',
      'oversight.reconsiderations': '未收到行政复议申请',
      'org.officers_certified': '截至2019年底尚无持有效行政执法证件人员',
      'enforcement.cases': '全年未办理行政执法案件，未发生重大执法决定法制审核情况',
      'enforcement.random_tasks': '本年度未开展“双随机、一公开”抽查',
    };
    assert.deepEqual(openNones(r.issues).sort(), Object.keys(expected).sort());
    for (const [id, text] of Object.entries(expected)) {
      assert.match(r.html, new RegExp(`<span class="none open" data-none="${reFig(id)}"[^>]*>${reFig(text)}</span>`), id);
      const issue = r.issues.find((i) => i.confirm?.kind === 'none' && figureOf(i) === id);
      assert.equal(issue?.level, 'error');
      assert.match(issue?.message ?? '', new RegExp(reFig(text)));
    }
    // No number is printed for a zero, and nothing the records cannot show stands as a fact.
    assert.doesNotMatch(r.html, /data-figure=/);
    for (const id of ['study', 'publicity', 'decision', 'disclosure', 'enforcement', 'plan']) {
      assert.match(r.html, new RegExp(`<span class="own open" data-own="measures\\.${id}\\.intro"`), id);
      assert.ok(r.issues.some((i) => i.code === 'own-unconfirmed' && i.confirm?.id === `measures.${id}.intro`));
    }
    assert.doesNotMatch(r.text, /均履行|均在法定期限内|没有发生败诉/);

    // Everything else confirmed: each negative of section 一 still blocks, until the last is confirmed.
    const mine = new Set(Object.keys(expected));
    const others = r.issues.filter((i) => i.confirm && !(i.confirm.kind === 'none' && i.at?.startsWith('s:0:') && mine.has(figureOf(i))));
    const ids = (kind: 'own' | 'none') => others.filter((i) => i.confirm?.kind === kind).map((i) => i.confirm?.id ?? '');
    assert.equal((await officer.post(`/api/reports/${r.id}/confirm`, { own: ids('own'), none: ids('none') })).status, 200);
    const pending = Object.keys(expected);
    while (pending.length) {
      const blocked = await leader.post(`/api/reports/${r.id}/finalize`, { force: true, confirmSecrecy: true });
      assert.equal(blocked.status, 400, `finalized with ${pending.join(', ')} unconfirmed`);
      for (const id of pending) assert.match(blocked.body.detail, new RegExp(reFig(expected[id])), id);
      const id = pending.shift() ?? '';
      const ok = await officer.post(`/api/reports/${r.id}/confirm`, { none: [`${id}::${expected[id]}`] });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.ok(ok.body.issues.some((i: Issue) => i.code === 'none-confirmed' && i.message.includes(expected[id])));
    }
    const fin = await leader.post(`/api/reports/${r.id}/finalize`, { force: true, confirmSecrecy: true });
    assert.equal(fin.status, 200, JSON.stringify(fin.body));
    const html = measuresHtml(await (await officer.raw(`/api/reports/${r.id}/html`)).text());
    for (const [id, text] of Object.entries(expected)) {
      assert.match(html, new RegExp(`<span class="none" data-none="${reFig(id)}" title="已确认本年度确无">${reFig(text)}</span>`), id);
    }
  });

  it('with records, each sentence is computed: numbers as figures, names and units from the records', async () => {
    const c = officer;
    await post(c, 'study_session', { date: '2022-03-01', kind: '党组理论学习中心组学法', topic: '学习宪法', laws: '宪法', attendees: 9 });
    await post(c, 'law_exam', { name: '2022年学法考试', date: '2022-11-01', eligible: 10, participants: 10, passed: 9 });
    // Publicity: three key dates, two activities handing out handbooks (listed one by one), one without.
    await post(c, 'publicity_activity', {
      date: '2022-05-15',
      theme: '助残日政策宣传',
      keyDate: '全国助残日',
      venueType: '公共场所',
      matLeaflets: 300,
    });
    await post(c, 'publicity_activity', {
      date: '2022-05-20',
      theme: '“囍事新办·幸福相约”婚姻登记主题活动',
      keyDate: '520婚姻登记',
      venueType: '服务窗口',
      place: '婚姻登记处大厅',
      laws: '反家庭暴力法、婚姻登记条例',
      matHandbooks: 200,
      matGifts: 300,
    });
    await post(c, 'publicity_activity', {
      date: '2022-12-04',
      theme: '“宪法进社区”宣传活动',
      keyDate: '国家宪法日',
      venueType: '进社区',
      place: '幸福里社区',
      laws: '宪法',
      matHandbooks: 100,
      matBoards: 2,
    });
    await post(c, 'case_teaching', { date: '2022-06-01', caseName: '婚姻登记撤销案', form: '案例发布' });
    await post(c, 'adviser', { name: '孙竹全', kind: '法律顾问', firm: '恒太律师事务所', contractFrom: '2022-01-01' });
    await post(c, 'adviser_work', { date: '2022-04-01', adviserName: '孙竹全', kind: '法律意见书', matter: '养老服务合同纠纷', count: 2 });
    await post(c, 'adviser_work', {
      date: '2022-05-01',
      adviserName: '孙竹全',
      kind: '合同审查',
      matter: '养老服务中心运营合同',
      count: 3,
    });
    await post(c, 'collective_decision', {
      date: '2022-02-01',
      meeting: '局党组会议',
      kind: '大额资金使用',
      matter: '养老服务补贴资金安排',
      outcome: '通过',
    });
    await post(c, 'normdoc', {
      title: '临时救助实施细则',
      docNo: '某民发〔2022〕1号',
      legalReviewOn: '2022-03-01',
      legalOpinion: '合法',
      deliberatedOn: '2022-03-05',
      publishedOn: '2022-03-10',
      filedOn: '2022-03-20',
      status: '有效',
    });
    // Disclosure: categories from the records; one request answered in time, one late.
    for (const [title, category, channel] of [
      ['2022年第一季度低保资金发放情况', '社会救助', '政府网站'],
      ['2022年临时救助政策解读', '社会救助', '政务新媒体'],
      ['2022年部门预算公开', '财政预算、决算', '政府网站'],
    ]) {
      await post(c, 'disclosure_item', { title, category, formedOn: '2022-03-01', publishedOn: '2022-03-05', channel });
    }
    await post(c, 'disclosure_request', {
      receivedOn: '2022-03-01',
      channel: '当面提交',
      applicantType: '自然人',
      content: '申请公开低保审批材料',
      outcome: '予以公开',
      repliedOn: '2022-03-10',
    });
    await post(c, 'disclosure_request', {
      receivedOn: '2022-04-01',
      channel: '当面提交',
      applicantType: '自然人',
      content: '申请公开养老机构检查结果',
      outcome: '予以公开',
      repliedOn: '2022-06-30',
    });
    await post(c, 'suggestion', {
      kind: '人大代表建议',
      title: '关于加强社区养老的建议',
      proposer: '王建华代表',
      assignedOn: '2022-03-15',
      role: '主办',
      repliedOn: '2022-05-15',
    });
    await post(c, 'suggestion', {
      kind: '政协提案',
      title: '关于规范殡葬收费的提案',
      proposer: '李秀梅委员',
      assignedOn: '2022-03-20',
      role: '主办',
    });
    // Lawsuits with their outcomes, and a reconsideration.
    const lawsuit = (matter: string, result: string, closedOn: string, head = false) =>
      post(c, 'dispute_case', {
        kind: '行政诉讼',
        role: '被告',
        matter,
        copyReceivedOn: '2022-02-10',
        result,
        closedOn,
        ...(head ? { headAppeared: true, headName: '张局长', headPosition: '局长' } : {}),
      });
    await lawsuit('请求撤销婚姻登记', '调解撤诉', '2022-04-10', true);
    await lawsuit('请求确认婚姻登记无效', '调解撤诉', '2022-05-10');
    await lawsuit('不服低保审核决定', '驳回', '2022-06-10');
    await post(c, 'dispute_case', {
      kind: '行政复议',
      role: '被申请人',
      matter: '不服临时救助不予批准决定',
      copyReceivedOn: '2022-07-01',
      result: '维持',
      closedOn: '2022-08-20',
    });
    await post(c, 'petition', { receivedOn: '2022-03-03', channel: '来访', matter: '反映低保认定问题', firstResponder: '王某' });
    await post(c, 'person', { name: '张执法', joinedOn: '2020-01-01', status: '在职', certNo: 'ZF001', certValidTo: '2030-12-31' });
    await post(c, 'enforcement_case', {
      kind: '行政处罚',
      matter: '未经登记开展社会组织活动',
      filedOn: '2022-06-01',
      major: true,
      legalReviewOn: '2022-06-10',
      legalReviewer: '李法制',
      decidedOn: '2022-06-20',
      result: '作出处罚决定',
    });
    await post(c, 'inspection_task', {
      name: '养老机构双随机抽查',
      kind: '单部门',
      plannedOn: '2022-05-01',
      objectsInspected: 5,
      completedOn: '2022-05-20',
      publishedOn: '2022-05-25',
    });
    await post(c, 'lead_transfer', { transferredOn: '2022-07-01', matter: '非法社会组织线索', receiver: '县综合行政执法局' });
    // Results with their quantities and counting words (seed 002).
    await post(c, 'result', {
      date: '2022-10-01',
      domain: '社会组织管理',
      description: '对名存实亡的“僵尸型”社会组织进行注销登记',
      quantity: 11,
      countUnit: '家',
      basis: '社会团体登记管理条例',
    });
    await post(c, 'result', {
      date: '2022-11-01',
      domain: '儿童福利和未成年人保护',
      description: '完成无户籍未成年人落户登记',
      quantity: 38,
      countUnit: '名',
    });

    const r = await report(c, 2022);
    const { html, text } = r;
    // Study.
    assert.match(html, new RegExp(`全年开展党组理论学习中心组学法${fig('study.central_group', 1)}次`));
    assert.match(html, new RegExp(`合格率${fig('study.exam_pass_rate', '90%')}`));
    // Publicity: the key dates the activities had, in their order, and no others.
    assert.match(text, /结合全国助残日、“520”婚姻登记日、国家宪法日等重要时间节点，全年开展法治宣传活动3场/);
    assert.doesNotMatch(text, /宪法宣传周|民法典宣传月|全民国家安全教育日/);
    assert.match(text, /包括“助残日政策宣传”、“囍事新办·幸福相约”婚姻登记主题活动、“宪法进社区”宣传活动等主题活动/);
    assert.match(html, new RegExp(`发放普法宣传手册${fig('publicity.mat_handbooks', 300)}本`));
    // Per activity: what that activity handed out, with the laws of its handbooks.
    const hb = 'publicity.mat_handbooks_by_activity';
    assert.match(
      html,
      new RegExp(
        `其中，全国助残日期间，开展助残日政策宣传，发放宣传单及宣传册${fig('publicity.mat_leaflets_by_activity', 300, '助残日政策宣传')}份；“520”婚姻登记日期间，在婚姻登记处大厅开展“囍事新办·幸福相约”婚姻登记主题活动，发放《反家庭暴力法》《婚姻登记条例》宣传手册${fig(hb, 200, '“囍事新办·幸福相约”婚姻登记主题活动')}本，发放宣传品${fig('publicity.mat_gifts_by_activity', 300, '“囍事新办·幸福相约”婚姻登记主题活动')}件次；`,
      ),
    );
    assert.match(
      html,
      new RegExp(
        `国家宪法日期间，在幸福里社区开展“宪法进社区”宣传活动，发放《宪法》宣传手册${fig(hb, 100, '“宪法进社区”宣传活动')}本，摆放宣传展板${fig('publicity.mat_boards_by_activity', 2, '“宪法进社区”宣传活动')}个。`,
      ),
    );
    assert.match(html, new RegExp(`全年开展以案释法${fig('publicity.case_teachings', 1)}次，形式包括案例发布。`));
    // Adviser: named from the register, work by kind.
    assert.match(text, /聘请恒太律师事务所孙竹全担任我局常年法律顾问。/);
    assert.match(
      html,
      new RegExp(`全年法律顾问出具法律意见书${fig('adviser.opinions', 2)}份，审查合同${fig('adviser.contract_reviews', 3)}件。`),
    );
    // Decisions and normative documents.
    assert.match(
      html,
      new RegExp(
        `全年通过局党组会议集体研究决定“三重一大”事项${fig('decision.collective', 1)}项，其中大额资金使用${fig('decision.collective_by_kind', 1, '大额资金使用')}项。`,
      ),
    );
    assert.match(
      html,
      new RegExp(
        `全年制发行政规范性文件${fig('normdoc.issued', 1)}件，经合法性审核${fig('normdoc.reviewed', 1)}件，报送备案${fig('normdoc.filed', 1)}件，其中按时备案${fig('normdoc.filed_on_time', 1)}件`,
      ),
    );
    // Disclosure: channels and categories from the records; the late reply is counted, not glossed over.
    assert.match(
      html,
      new RegExp(`全年通过政府网站、政务新媒体等渠道主动公开政府信息${fig('disclosure.proactive', 3)}条，涵盖社会救助、财政预决算等方面；`),
    );
    assert.doesNotMatch(text, /政策文件|办事指南/);
    assert.match(
      html,
      new RegExp(`受理政府信息公开申请${fig('disclosure.requests', 2)}件，其中逾期答复${fig('disclosure.requests_late', 1)}件。`),
    );
    assert.doesNotMatch(text, /均在法定期限内/);
    // Oversight: suggestions with what is still open; lawsuit outcomes; the reconsideration's outcome.
    assert.match(
      html,
      new RegExp(
        `2022年我局共承办人大代表建议${fig('oversight.npc', 1)}件、政协提案${fig('oversight.cppcc', 1)}件，已办结答复${fig('oversight.suggestions_answered', 1)}件，办复率${fig('oversight.suggestions_answer_rate', '50%')}，尚在办理${fig('oversight.suggestions_pending', 1)}件。`,
      ),
    );
    const lr = 'oversight.lawsuits_by_result';
    assert.match(
      html,
      new RegExp(
        `全年发生行政诉讼案件${fig('oversight.lawsuits', 3)}起，其中经调解原告撤诉${fig(lr, 2, '调解撤诉')}起、判决驳回原告诉讼请求${fig(lr, 1, '驳回')}起，行政机关负责人出庭应诉${fig('oversight.head_appearances', 1)}次；`,
      ),
    );
    assert.match(
      html,
      new RegExp(
        `收到行政复议申请${fig('oversight.reconsiderations', 1)}件，其中维持原行政行为${fig('oversight.reconsiderations_by_result', 1, '维持')}件；<span class="none open" data-none="oversight\\.cases_lost"[^>]*>没有发生败诉或被纠错案件</span>。`,
      ),
    );
    assert.match(html, new RegExp(`依法办理信访事项${fig('oversight.petitions', 1)}件`));
    // Enforcement.
    assert.match(html, new RegExp(`截至2022年底，全局持有效行政执法证件人员${fig('org.officers_certified', 1)}人`));
    assert.match(
      html,
      new RegExp(
        `全年办理行政执法案件${fig('enforcement.cases', 1)}件，其中重大执法决定${fig('enforcement.major_cases', 1)}件，经法制审核${fig('enforcement.legal_reviews', 1)}件。`,
      ),
    );
    assert.match(
      html,
      new RegExp(
        `设置单部门抽查任务${fig('enforcement.random_single', 1)}个，共检查机构${fig('enforcement.inspected_objects', 5)}家，检查结果公示率${fig('enforcement.results_published_rate', '100%')}。`,
      ),
    );
    assert.match(html, new RegExp(`移交案件线索${fig('enforcement.leads_transferred', 1)}例。`));
    // Results keep their numbers and the ledger's counting words.
    const q = 'results.quantity_by_item';
    assert.match(
      html,
      new RegExp(
        `依据《社会团体登记管理条例》，对名存实亡的“僵尸型”社会组织进行注销登记${fig(q, 11, '对名存实亡的“僵尸型”社会组织进行注销登记')}家`,
      ),
    );
    assert.match(html, new RegExp(`完成无户籍未成年人落户登记${fig(q, 38, '完成无户籍未成年人落户登记')}名`));
    assert.match(text, /一是在社会组织管理方面，.*二是在儿童福利和未成年人保护方面，/);
    // Of section 一's negatives only these stand: the records show no major decision and no case lost.
    assert.deepEqual(openNones(r.issues).sort(), ['decision.major', 'oversight.cases_lost']);
  });

  it('states per step what the records show of the major decisions, and "均履行" only when every decision has every step', async () => {
    const c = officer;
    const full = (year: number, title: string, hearing: boolean) =>
      post(c, 'major_decision', {
        title,
        category: '重大公共政策和措施',
        startedOn: `${year}-02-01`,
        participationFrom: `${year}-03-01`,
        participationTo: `${year}-04-05`,
        ...(hearing ? { hearingOn: `${year}-04-08` } : {}),
        expertOn: `${year}-04-10`,
        riskOn: `${year}-04-12`,
        legalReviewOn: `${year}-04-20`,
        legalOpinion: '合法',
        collectiveOn: `${year}-05-01`,
      });
    await full(2020, '制定特困人员救助供养实施办法', false);
    await post(c, 'major_decision', {
      title: '编制养老服务设施布局规划',
      category: '重要规划',
      startedOn: '2020-06-01',
      participationFrom: '2020-06-05',
    });
    const partial = await report(c, 2020);
    assert.match(
      partial.html,
      new RegExp(
        `全年办理重大行政决策事项${fig('decision.major', 2)}件，包括“制定特困人员救助供养实施办法”“编制养老服务设施布局规划”，其中经公众参与${fig('decision.major_participation', 2)}件、专家论证${fig('decision.major_expert', 1)}件、风险评估${fig('decision.major_risk', 1)}件、合法性审查${fig('decision.major_reviewed', 1)}件、集体讨论决定${fig('decision.major_collective', 1)}件。`,
      ),
    );
    assert.doesNotMatch(partial.text, /均履行|听证/);
    assert.equal(partial.body.figures.values['decision.major_steps_incomplete'].value, 1);

    await full(2021, '调整城乡最低生活保障标准', true);
    const complete = await report(c, 2021);
    assert.match(
      complete.html,
      new RegExp(
        `全年办理重大行政决策事项${fig('decision.major', 1)}件，为“调整城乡最低生活保障标准”，均履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序，其中举行听证${fig('decision.major_hearing', 1)}件。`,
      ),
    );
    assert.ok(!openNones(complete.issues).includes('decision.major'));
  });

  it('says "均在法定期限内依法答复" only when every request was answered in time, and no loss is claimed when a case was lost', async () => {
    const c = officer;
    await post(c, 'disclosure_request', {
      receivedOn: '2021-03-01',
      channel: '当面提交',
      applicantType: '自然人',
      content: '申请公开救助资金发放名单',
      outcome: '部分公开',
      repliedOn: '2021-03-12',
    });
    await post(c, 'dispute_case', {
      kind: '行政诉讼',
      role: '被告',
      matter: '不服最低生活保障审核决定',
      copyReceivedOn: '2021-03-01',
      result: '撤销',
      closedOn: '2021-06-01',
    });
    const r = await report(c, 2021);
    assert.match(r.html, new RegExp(`受理政府信息公开申请${fig('disclosure.requests', 1)}件，均在法定期限内依法答复。`));
    assert.match(
      r.html,
      new RegExp(
        `全年发生行政诉讼案件${fig('oversight.lawsuits', 1)}起，其中被判决撤销${fig('oversight.lawsuits_by_result', 1, '撤销')}起；`,
      ),
    );
    assert.doesNotMatch(r.text, /没有发生败诉/);
    assert.ok(!openNones(r.issues).includes('oversight.cases_lost'));
  });

  it('speaks as 全市民政系统 in a roll-up, never as 我局 or 全局, and sums the bureaus below', async () => {
    for (const [c, who] of [
      [officer, '市局'],
      [county, '县局'],
    ] as const) {
      await post(c, 'study_session', { date: '2023-04-01', kind: '党组理论学习中心组学法', topic: `${who}学习民法典`, laws: '民法典' });
      await post(c, 'suggestion', {
        kind: '人大代表建议',
        title: `关于${who}养老服务的建议`,
        proposer: '陈国庆代表',
        assignedOn: '2023-03-15',
        role: '主办',
        repliedOn: '2023-05-10',
      });
      await post(c, 'publicity_activity', {
        date: '2023-12-04',
        theme: '“宪法进社区”宣传活动',
        keyDate: '国家宪法日',
        venueType: '进社区',
        place: `${who}幸福里社区`,
        laws: '宪法',
        matHandbooks: 50,
      });
      await post(c, 'person', {
        name: `${who}执法员`,
        joinedOn: '2023-01-01',
        status: '在职',
        certNo: `${who}001`,
        certValidTo: '2030-12-31',
      });
      await post(c, 'adviser', { name: `${who}顾问`, kind: '法律顾问', firm: '恒太律师事务所', contractFrom: '2023-01-01' });
    }
    const roll = await report(officer, 2023, true);
    assert.equal(roll.body.figures.values['study.central_group'].value, 2);
    assert.doesNotMatch(roll.text, /我局|全局/);
    assert.match(roll.text, /各级民政部门党组理论学习中心组/);
    assert.match(roll.html, new RegExp(`2023年全市民政系统共承办人大代表建议${fig('oversight.npc', 2)}件，均已办结答复。`));
    assert.match(
      roll.html,
      new RegExp(`全市民政系统共有法律顾问和公职律师${fig('adviser.advisers', 3)}人`),
      'the 2022 adviser still serves',
    );
    assert.match(roll.text, /截至2023年底，全市民政系统持有效行政执法证件人员\d+人/);
    // One theme across bureaus: summed, and no single place is named for it.
    assert.match(
      roll.html,
      new RegExp(
        `国家宪法日期间，开展“宪法进社区”宣传活动，发放《宪法》宣传手册${fig('publicity.mat_handbooks_by_activity', 100, '“宪法进社区”宣传活动')}本。`,
      ),
    );
    assert.doesNotMatch(roll.text, /幸福里社区/);

    const single = await report(officer, 2023);
    assert.match(single.html, new RegExp(`2023年我局共承办人大代表建议${fig('oversight.npc', 1)}件`));
    assert.match(single.text, /在市局幸福里社区开展“宪法进社区”宣传活动/);
    assert.match(single.text, /全局持有效行政执法证件人员/);
    assert.match(single.text, /聘请恒太律师事务所孙竹全、市局顾问担任我局常年法律顾问。/, 'one firm is named once');
    assert.match(single.text, /结合国家宪法日，全年开展法治宣传活动1场，主题为“宪法进社区”宣传活动/);
  });
});
