/**
 * The seeds as acceptance test: on data that reproduces seeds 001, 002 and 004 (shared/seeds), entered
 * through the API in fresh bureaus, the documents print every figure the seed prints, with the seed's
 * unit word, as a figure link whose source records are the records entered for it; per-activity
 * material counts stand next to their material; no claim the records contradict; and no negative
 * statement that is not a negative to confirm (`span.none`). Only records that make a seed's numbers
 * (and the problems and tasks its sections list) are entered; a "余" number is entered as its round value.
 *
 * Bureaus: 001 (a 2023 annual report) in the county, 002 (a 2023 self-inspection, "八五"普法以来 =
 * 2021–2023) in a third county made here, 004 (东辽县's 2024 annual report, local layout) in the other
 * county. The world has no leader in the counties, so each gets one here.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createOrgUnchecked, createUserUnchecked } from '../src/org/org.service.ts';
import { type Client, client, PASSWORD, serverSuite } from './helpers.ts';

/** A number a seed prints, and where it must come from. */
type SeedNumber = {
  /** The seed's words (the assertion's message). */
  says: string;
  /** The number as printed ("余" numbers entered as their round value; a rate with its %). */
  n: string;
  /** The counting word right after the number ('' for a rate). */
  unit: string;
  /** The group of entered records that make the number: the link's source records include them all. */
  from: string;
  /** The activity's material, which must stand before the number in the same sentence. */
  near?: string;
};

/** A negative statement the seed prints: the records hold none, so it prints as a negative to confirm. */
type SeedNone = { says: string; word: string };

const SEED_001: SeedNumber[] = [
  { says: '一是主动公开。政府信息142条', n: '142', unit: '条', from: 'proactive' },
  { says: '2023年我局共收到人大建议13件', n: '13', unit: '件', from: 'npc' },
  { says: '政协提案11件', n: '11', unit: '件', from: 'cppcc' },
  { says: '2023年共接到行政诉讼5起', n: '5', unit: '起', from: 'lawsuits' },
  { says: '向行政综合执法局移交案件线索1例', n: '1', unit: '例', from: 'leads' },
  { says: '制订双随机跨部门抽查任务1个', n: '1', unit: '个', from: 'jointInitiated' },
  { says: '接收跨部门任务2个', n: '2', unit: '个', from: 'jointReceived' },
  { says: '设置单部门任务2个', n: '2', unit: '个', from: 'single' },
  { says: '共检查机构25家', n: '25', unit: '家', from: 'tasks' },
];
const NONE_001: SeedNone[] = [
  { says: '没有发生败诉现象', word: '败诉' },
  { says: '2023年没有收到行政复议件', word: '复议' },
];

const SEED_002: SeedNumber[] = [
  { says: '“八五”普法以来，法律顾问参与重要行政规范性合法性审查19件', n: '19', unit: '件', from: 'normdocReviews' },
  { says: '（“八五”普法以来）审查合同45件', n: '45', unit: '件', from: 'contracts' },
  { says: '“八五”普法以来，共开展党组理论学习中心组学法11次', n: '11', unit: '次', from: 'centralGroup' },
  { says: '年度任务参学率……均达到100％', n: '100%', unit: '', from: 'exam' },
  { says: '年度任务……合格率均达到100％', n: '100%', unit: '', from: 'exam' },
  { says: '累计发放宣传品5000余件次', n: '5000', unit: '件次', from: 'gifts' },
  { says: '接受政策咨询1千余人次', n: '1000', unit: '人次', from: 'consultations' },
  { says: '开展法治、心理健康进校园、进社区共护未来活动11场', n: '11', unit: '场', from: 'campus' },
  { says: '“八五”普法以来，全县民政系统共悬挂相关标语条幅50余条', n: '50', unit: '条', from: 'banners' },
  { says: '张贴海报40余张', n: '40', unit: '张', from: 'posters' },
  { says: '发放宣传单及宣传册3700余份', n: '3700', unit: '份', from: 'leaflets' },
  { says: '制作电子宣传片1个', n: '1', unit: '个', from: 'videos' },
  { says: '已为19名儿童做了亲子鉴定', n: '19', unit: '名', from: 'paternity' },
  { says: '完成38名儿童落户登记', n: '38', unit: '名', from: 'hukou' },
  { says: '对11家名存实亡的“僵尸型”社会组织进行注销登记', n: '11', unit: '家', from: 'zombies' },
];

const SEED_004: SeedNumber[] = [
  // The seed counts this 手册 in 份; the ledger's kind counted in 份 is 宣传单及宣传册 (宣传手册 counts 本).
  { says: '发放《东辽县民政系统普法宣传手册》50份', n: '50', unit: '份', from: 'dongliaoHandbook', near: '东辽县民政系统普法宣传手册' },
  {
    says: '发放《中华人民共和国妇女权益保障法》《中华人民共和国反家庭暴力法》《婚姻登记管理条例》宣传手册200本',
    n: '200',
    unit: '本',
    from: 'marriageHall',
    near: '反家庭暴力法',
  },
  { says: '发放《中华人民共和国宪法》宣传手册100本', n: '100', unit: '本', from: 'constitutionWeek', near: '宪法' },
  { says: '在社区摆放宣传展板2个', n: '2', unit: '个', from: 'constitutionWeek', near: '展板' },
];
const NONE_004: SeedNone[] = [{ says: '今年以来，民政局暂未发生重大执法决定法制审核情况', word: '法制审核' }];

const LOCAL_LAYOUT = ['measures', 'first-responsible', 'rectification', 'shortcomings', 'next-year'];

/** A claim of absence. 未成年人 and 未来 are no claim. */
const NEGATIVE = /未(?!成年|来)|没有|尚无|从未|均无/g;

// ---- entering records ----------------------------------------------------------------------------

/** One bureau's data entry: the records of each group, and every text entered (records may say 未…). */
class Entry {
  readonly groups = new Map<string, string[]>();
  readonly texts: string[] = [];
  constructor(readonly c: Client) {}

  async add(ledger: string, data: Record<string, unknown>, ...into: string[]): Promise<string> {
    const r = await this.c.post(`/api/ledgers/${ledger}/records`, { data });
    assert.equal(r.status, 201, `POST ${ledger} ${JSON.stringify(data)} → ${r.status} ${JSON.stringify(r.body)}`);
    for (const g of into) this.groups.set(g, [...(this.groups.get(g) ?? []), r.body.id]);
    for (const v of Object.values(data)) if (typeof v === 'string') this.texts.push(v);
    return r.body.id;
  }

  ids(group: string): string[] {
    const ids = this.groups.get(group) ?? [];
    assert.ok(ids.length, `no records were entered for ${group}`);
    return ids;
  }
}

const pad = (x: number) => String(x).padStart(2, '0');

/** Seed 001: 2023, a county bureau (主动公开, 建议提案, 行政诉讼, 线索移交, 双随机). */
async function enter001(e: Entry): Promise<void> {
  // 主动公开政府信息142条，涵盖领导变动、政策文件、工作动态、信息公告等多个方面.
  const kinds: Array<[string, string, number]> = [
    ['机关职能、机构设置、负责人等', '领导变动', 12],
    ['规划及相关政策', '政策文件', 30],
    ['工作动态、信息公告', '工作动态和信息公告', 100],
  ];
  let i = 0;
  for (const [category, label, count] of kinds) {
    for (let k = 0; k < count; k++, i++) {
      const day = 1 + (i % 20);
      const month = pad(1 + (i % 12));
      await e.add(
        'disclosure_item',
        {
          title: `${label}信息第${k + 1}条`,
          category,
          formedOn: `2023-${month}-${pad(day)}`,
          publishedOn: `2023-${month}-${pad(day + 3)}`,
          channel: '政府信息公开平台',
        },
        'proactive',
      );
    }
  }
  // 人大建议13件、政协提案11件，涵盖社区管理、养老服务、社会组织、社会救助，均已办理完毕.
  const topics = ['社区管理', '养老服务', '社会组织', '社会救助'];
  for (const [kind, count, group] of [
    ['人大代表建议', 13, 'npc'],
    ['政协提案', 11, 'cppcc'],
  ] as const) {
    for (let k = 0; k < count; k++) {
      await e.add(
        'suggestion',
        {
          kind,
          number: `${kind === '人大代表建议' ? '建议' : '提案'}第${k + 1}号`,
          title: `关于加强${topics[k % 4]}工作的${kind === '人大代表建议' ? '建议' : '提案'}`,
          proposer: `${kind === '人大代表建议' ? '代表' : '委员'}${k + 1}`,
          assignedOn: `2023-03-${pad(10 + (k % 10))}`,
          role: '主办',
          repliedOn: `2023-05-${pad(10 + (k % 10))}`,
          resultClass: 'A类（已解决或采纳）',
        },
        group,
      );
    }
  }
  // 行政诉讼5起，主要涉及婚姻登记等历史遗留问题，均在案前达成调解协议，没有发生败诉；没有行政复议.
  for (let k = 0; k < 5; k++) {
    const m = pad(3 + 2 * k);
    await e.add(
      'dispute_case',
      {
        kind: '行政诉讼',
        role: '被告',
        counterpart: `原告${k + 1}`,
        matter: '婚姻登记行为（历史遗留问题）',
        copyReceivedOn: `2023-${m}-06`,
        answeredOn: `2023-${m}-15`,
        result: '调解撤诉',
        closedOn: `2023-${m}-28`,
        note: '对接局法律顾问应诉，主动与当事人沟通，案前达成调解协议',
      },
      'lawsuits',
    );
  }
  await e.add(
    'lead_transfer',
    { transferredOn: '2023-08-15', matter: '非法社会组织活动线索', receiver: '县综合行政执法局', source: '打击整治非法社会组织专项行动' },
    'leads',
  );
  // 双随机: 跨部门发起1个、接收2个、单部门2个，共检查机构25家.
  const tasks: Array<[string, string, string, number, string]> = [
    ['打击整治非法社会组织跨部门联合抽查', '跨部门发起', '社会组织', 6, 'jointInitiated'],
    ['养老机构食品安全跨部门联合抽查', '跨部门接收', '养老机构', 5, 'jointReceived'],
    ['殡葬服务单位跨部门联合抽查', '跨部门接收', '殡葬服务单位', 4, 'jointReceived'],
    ['社会组织年度检查随机抽查', '单部门', '社会组织', 6, 'single'],
    ['养老机构服务质量随机抽查', '单部门', '养老机构', 4, 'single'],
  ];
  for (const [k, [name, kind, objectType, objectsInspected, group]] of tasks.entries()) {
    const m = pad(4 + k);
    await e.add(
      'inspection_task',
      {
        name,
        kind,
        objectType,
        partners: kind === '单部门' ? undefined : '县市场监管局、县公安局',
        plannedOn: `2023-${m}-05`,
        objectsInspected,
        completedOn: `2023-${m}-20`,
        publishedOn: `2023-${pad(5 + k)}-05`,
      },
      group,
      'tasks',
    );
  }
  // 五、不足和原因 (rectified in 2024) and 六、2024年工作计划.
  for (const [description, cause] of [
    ['“大综合一体化”行政执法改革过程中，民政执法事项移交后部分职能未完全理顺', ''],
    [
      '部门协作机制不健全',
      '同公安、法院、检察院等部门之间的管理系统信息不统一、数据不共享，对大中型水库移民、低保、残疾人员服刑等相关信息掌握不够及时，造成资金多发',
    ],
  ]) {
    await e.add('problem', { year: 2024, foundYear: 2023, source: '自查', description, cause: cause || undefined, status: '未整改' });
  }
  for (const [no, content] of [
    '行政规范性文件备案和清理工作。加强对文件制发的管理，严格按照规定及时向司法局备案，对已经失效或不符合上级规定的文件及时予以废止或修改',
    '深化政务公开工作。对网上政务信息进行全面清理，向社会公示与公民、法人和其他组织利益相关的办事内容、条件、程序和投诉渠道',
    '强化法治培训和普法教育。积极参加各级组织的依法行政知识培训，组织全体干部职工学习《宪法》《民法典》等法律法规',
  ].entries()) {
    await e.add('plan_task', {
      year: 2024,
      plan: '2024年法治政府建设工作计划',
      no: no + 1,
      content,
      deadline: '2024-12-31',
      status: '未启动',
    });
  }
}

/** Seed 002: the 2023 self-inspection; "八五"普法以来 figures spread over 2021–2023. */
async function enter002(e: Entry): Promise<void> {
  // 法律顾问参与重要行政规范性合法性审查19件，审查合同45件（“八五”普法以来）.
  for (const [date, count] of [
    ['2021-04-12', 3],
    ['2021-10-20', 3],
    ['2022-03-15', 4],
    ['2022-09-08', 3],
    ['2023-04-18', 3],
    ['2023-10-10', 3],
  ] as const) {
    await e.add(
      'adviser_work',
      { date, adviserName: '海南外经律师事务所', kind: '规范性文件合法性审查', matter: `${date.slice(0, 4)}年规范性文件合法性审查`, count },
      'normdocReviews',
    );
  }
  for (const [date, count] of [
    ['2021-12-20', 15],
    ['2022-12-20', 14],
    ['2023-12-20', 16],
  ] as const) {
    await e.add(
      'adviser_work',
      { date, adviserName: '海南外经律师事务所', kind: '合同审查', matter: `${date.slice(0, 4)}年度合同审查`, count },
      'contracts',
    );
  }
  // 党组理论学习中心组学法11次（“八五”普法以来）.
  const central: Array<[string, string]> = [
    ['2021-03-18', '宪法'],
    ['2021-07-15', '民法典'],
    ['2021-11-25', '重大行政决策程序暂行条例'],
    ['2022-02-24', '宪法'],
    ['2022-05-19', '民法典'],
    ['2022-08-25', '社会救助暂行办法'],
    ['2022-11-24', '地名管理条例'],
    ['2023-02-23', '宪法'],
    ['2023-05-25', '民法典'],
    ['2023-08-24', '婚姻登记条例'],
    ['2023-11-23', '重大行政决策程序暂行条例'],
  ];
  for (const [date, laws] of central) {
    await e.add(
      'study_session',
      { date, kind: '党组理论学习中心组学法', topic: `专题学习《${laws}》`, laws, attendees: 9 },
      'centralGroup',
    );
  }
  // 年度任务参学率和合格率均达到100％.
  await e.add('law_exam', { name: '2023年度干部职工学法考试', date: '2023-11-20', eligible: 32, participants: 32, passed: 32 }, 'exam');
  // 累计发放宣传品5000余件次，接受政策咨询1千余人次: “累计” read as since 2021, like the 八五 figures around it
  // (社会救助 publicity each year, so the 2023 figure alone is only part of it).
  for (const [year, matGifts, consultations] of [
    [2021, 2000, 400],
    [2022, 1500, 300],
    [2023, 1500, 300],
  ] as const) {
    await e.add(
      'publicity_activity',
      {
        date: `${year}-09-15`,
        theme: `${year}年社会救助政策主题宣传和政策咨询`,
        keyDate: '日常宣传',
        laws: '社会救助暂行办法',
        venueType: '公共场所',
        forms: ['集中宣传', '现场咨询', '发放宣传资料'],
        consultations,
        matGifts,
      },
      'gifts',
      'consultations',
    );
  }
  // 打击整治养老诈骗: 标语条幅50余条，海报40余张，宣传单及宣传册3700余份，电子宣传片1个（“八五”普法以来）.
  for (const [year, matBanners, matPosters, matLeaflets, matVideos] of [
    [2021, 15, 10, 1000, 0],
    [2022, 20, 15, 1500, 1],
    [2023, 15, 15, 1200, 0],
  ] as const) {
    await e.add(
      'publicity_activity',
      {
        date: `${year}-06-10`,
        theme: `${year}年打击整治养老领域非法集资和养老诈骗宣传`,
        keyDate: '防范非法集资宣传月',
        venueType: '公共场所',
        forms: ['悬挂标语', '张贴海报', '发放宣传资料', ...(matVideos ? ['播放宣传片'] : [])],
        matBanners,
        matPosters,
        matLeaflets,
        ...(matVideos ? { matVideos } : {}),
      },
      'banners',
      'posters',
      'leaflets',
      ...(matVideos ? ['videos'] : []),
    );
  }
  // “未成年人保护宣传月”：法治、心理健康进校园、进社区共护未来活动11场 (2023).
  const places = [
    '县第一小学',
    '城东社区',
    '县第二小学',
    '城西社区',
    '县民族中学',
    '南门社区',
    '县第三小学',
    '北城社区',
    '县职业中学',
    '新区社区',
    '县第一中学',
  ];
  for (const [k, place] of places.entries()) {
    await e.add(
      'publicity_activity',
      {
        date: `2023-06-${pad(1 + 2 * k)}`,
        theme: `“共护未来”法治和心理健康宣传（${place}）`,
        keyDate: '未成年人保护宣传月',
        laws: '未成年人保护法',
        venueType: place.endsWith('社区') ? '进社区' : '进校园',
        place,
        forms: ['法治讲座'],
      },
      'campus',
    );
  }
  // 四、依法履职尽责: 亲子鉴定19名，落户登记38名，注销“僵尸型”社会组织11家.
  await e.add(
    'result',
    { date: '2023-11-30', domain: '儿童福利和未成年人保护', description: '为无户籍儿童做亲子鉴定', quantity: 19, countUnit: '名' },
    'paternity',
  );
  await e.add(
    'result',
    {
      date: '2023-11-30',
      domain: '儿童福利和未成年人保护',
      description: '完成无户籍儿童落户登记',
      quantity: 38,
      countUnit: '名',
      basis: '《关于无户籍未成年人落户登记实施方案》',
    },
    'hukou',
  );
  await e.add(
    'result',
    {
      date: '2023-12-20',
      domain: '社会组织管理',
      description: '注销名存实亡的“僵尸型”社会组织',
      quantity: 11,
      countUnit: '家',
      basis: '《社会团体登记管理条例》《民办非企业单位登记管理暂行条例》',
    },
    'zombies',
  );
  // 二、存在的主要问题及下一步改进措施.
  for (const [description, cause, measures] of [
    [
      '队伍建设相对薄弱',
      '受人员编制限制，我局只有办公室一名同志具体负责法治工作，而且还要兼顾其它工作，遇到工作头绪多、任务压茬时，工作落实不够及时；执证执法人员数量少，日常法制工作与民政业务工作衔接方面有待提高',
      '加强法治人员力量，健全行政执法人员的培训、考核和持证上岗制度，切实提高行政执法人员的政治素质和执法水平',
    ],
    [
      '执法意识有待加强',
      '日常监管与执法经验丰富的部门联合执法多，独立开展执法行动少；对民政服务对象采取口头劝导多，运用行政手段少',
      '定期举办民政法律讲座和执法实务培训，注重以案释法和实务性操作，规范各业务领域执法工作',
    ],
    [
      '计划落实不够全面',
      '虽然制定了普法工作计划及普法责任清单，但因客观原因，有的普法工作宣传还不到位，不够全面细致',
      '严格落实“八五”普法规划要求和“谁执法谁普法”普法责任制，围绕重要节点加强新颁布、新修订法律法规的普法宣传',
    ],
  ]) {
    await e.add('problem', { year: 2023, foundYear: 2023, source: '自查', description, cause, measures, status: '整改中' });
  }
}

/** Seed 004: 东辽县's 2024 annual report (handbooks per activity, 展板, 整改, 不足, 下一年度). */
async function enter004(e: Entry): Promise<void> {
  await e.add(
    'publicity_activity',
    {
      date: '2024-04-18',
      theme: '编印发放《东辽县民政系统普法宣传手册》',
      keyDate: '日常宣传',
      venueType: '进机关',
      place: '民政系统各科室、局属事业单位和乡镇社会事务办公室',
      forms: ['发放宣传资料'],
      matLeaflets: 50,
      note: '把民政工作涉及的主要法律法规和条例编辑汇总、装订成册，在民政系统内发放',
    },
    'dongliaoHandbook',
  );
  await e.add(
    'publicity_activity',
    {
      date: '2024-05-20',
      theme: '婚姻登记处大厅民政法律法规宣传点',
      keyDate: '日常宣传',
      laws: '中华人民共和国妇女权益保障法、中华人民共和国反家庭暴力法、婚姻登记管理条例',
      venueType: '服务窗口',
      place: '婚姻登记处大厅',
      forms: ['发放宣传资料'],
      matHandbooks: 200,
    },
    'marriageHall',
  );
  await e.add(
    'publicity_activity',
    {
      date: '2024-12-04',
      theme: '“宪法进社区”活动',
      keyDate: '宪法宣传周',
      laws: '中华人民共和国宪法',
      venueType: '进社区',
      place: '社区及广场',
      forms: ['发放宣传资料', '展板展示'],
      matHandbooks: 100,
      matBoards: 2,
    },
    'constitutionWeek',
  );
  // 三、上年度报告中存在问题的整改情况 (problems of the 2023 report, rectified in 2024).
  for (const [description, measures] of [
    [
      '民政法律知识学习与民政工作实际结合不够紧密',
      '加大对《中华人民共和国老年人权益保障法》《社会团体登记管理条例》《殡葬管理条例》《社会救助暂行办法》等法律知识的学习力度，理论结合具体案例和民政工作实际来学习',
    ],
    [
      '执法工作不够规范',
      '规范执法文书，建立行政执法全过程数据化记录工作机制和数字化归档管理制度、行政执法人员持证上岗和着装管理规范制度、执法音像记录管理制度',
    ],
    ['群众对民政相关法律的知晓率不高', '民政局干部职工通过转发微信群、朋友圈等形式开展宣传，把民政法治宣传作为日常工作来抓'],
  ]) {
    await e.add('problem', {
      year: 2024,
      foundYear: 2023,
      source: '上年度法治政府建设报告',
      description,
      measures,
      status: '已整改',
      rectifiedOn: '2024-12-20',
    });
  }
  // 四、推进法治政府建设存在的不足和原因 (to rectify in 2025).
  for (const [description, cause] of [
    ['普法宣传教育形式不够丰富', '对重点普法内容的法治宣传教育还有待于加强，受客观因素制约，法治宣传有时流于形式，效果不太理想'],
    [
      '干部职工的法治意识还有待提高',
      '部分干部职工学法的积极性和自觉性还不是很高，没有摆正民政工作和法治建设工作的关系，学法、用法、遵法的积极性不高、自觉性不强',
    ],
    [
      '部分养老机构食品安全管理不规范',
      '对《中华人民共和国食品安全法》认知不到位，部分养老机构经营者食品安全管理意识不强，食品留样柜使用不规范，部分养老机构无专门负责食品留样人员',
    ],
  ]) {
    await e.add('problem', { year: 2025, foundYear: 2024, source: '自查', description, cause, status: '未整改' });
  }
  // 五、下一年度推进法治政府建设的具体工作思路和重点工作安排.
  for (const [no, content] of [
    '以党的二十大精神为统领，进一步推进依法行政工作',
    '加强普法宣传，创新宣传形式，充分利用微信群、短视频等新媒体开展法治宣传',
    '加强民政法治化和标准化建设，健全“双随机、一公开”等新型监管机制，落实“谁执法谁普法”普法责任制',
  ].entries()) {
    await e.add('plan_task', {
      year: 2025,
      plan: '2025年法治政府建设工作安排',
      no: no + 1,
      content,
      deadline: '2025-12-31',
      status: '未启动',
    });
  }
}

// ---- reading the preview -------------------------------------------------------------------------

type Link = { key: string; part?: string; sources: string[]; text: string; para: number; at: number };
type Para = { text: string; plain: string; nones: string[]; links: Link[] };

const decodeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const strip = (s: string) => decodeHtml(s.replace(/<[^>]+>/g, ''));
const attr = (attrs: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1] ?? '';
const NONE_SPAN = /<span class="none[^"]*"[^>]*>([\s\S]*?)<\/span>/g;

/**
 * The paragraphs of the document page (not the source list): printed text, the text outside negative
 * statements, the negative statements, and each figure link with its position in the printed text.
 */
function readPreview(html: string): Para[] {
  const start = html.indexOf('<div class="page">');
  const end = html.indexOf('<div class="sources">');
  assert.ok(start >= 0 && end > start, 'the preview has a document page and a source list');
  const page = html.slice(start, end);
  return [...page.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((m, i) => {
    const inner = m[1];
    const links = [...inner.matchAll(/<a\b([^>]*)>([^<]*)<\/a>/g)].map((a) => ({
      key: decodeHtml(attr(a[1], 'data-figure')),
      part: attr(a[1], 'data-part') ? decodeHtml(attr(a[1], 'data-part')) : undefined,
      // The preview carries no ids; a number's records are read from the report's sources endpoint.
      sources: [] as string[],
      text: decodeHtml(a[2]),
      para: i,
      at: strip(inner.slice(0, a.index ?? 0)).length,
    }));
    return {
      text: strip(inner),
      plain: strip(inner.replace(NONE_SPAN, '')),
      nones: [...inner.matchAll(NONE_SPAN)].map((x) => strip(x[1])),
      links,
    };
  });
}

/** The words the material stands in: before the number, in the same sentence, at most 60 characters back. */
function nearBefore(text: string, at: number, words: string): boolean {
  const sentence =
    text
      .slice(Math.max(0, at - 60), at)
      .split(/[。；]/)
      .pop() ?? '';
  return sentence.includes(words);
}

/** A figure link printing the seed number with its unit, made of (at least) the records entered for it. */
function findLink(paras: Para[], x: SeedNumber, ids: readonly string[], used: Set<string>): Link | undefined {
  for (const p of paras) {
    for (const l of p.links) {
      if (used.has(`${l.para}:${l.at}`) || l.text !== x.n) continue;
      if (!p.text.startsWith(x.unit, l.at + l.text.length)) continue;
      if (!ids.every((id) => l.sources.includes(id))) continue;
      if (x.near && !nearBefore(p.text, l.at, x.near)) continue;
      return l;
    }
  }
  return undefined;
}

/** What the document printed instead, for the message: links over those records, and links with the number. */
function printedInstead(paras: Para[], x: SeedNumber, ids: readonly string[]): string {
  const show = (l: Link) => {
    const t = paras[l.para].text;
    return `${l.key}: …${t.slice(Math.max(0, l.at - 20), l.at + l.text.length + 4)}…`;
  };
  const links = paras.flatMap((p) => p.links);
  const over = links.filter((l) => ids.every((id) => l.sources.includes(id))).map(show);
  const same = links.filter((l) => l.text === x.n).map(show);
  return `links over these records: ${over.length ? over.join(' | ') : 'none'}; links printing ${x.n}: ${same.length ? same.join(' | ') : 'none'}`;
}

/** Negative words printed outside a negative statement, unless a record entered says them (a problem's cause). */
function plainNegatives(paras: Para[], recordTexts: readonly string[]): string[] {
  const norm = (s: string) => s.replace(/[“”‘’"《》]/g, '');
  const recs = recordTexts.map(norm);
  const out: string[] = [];
  for (const p of paras) {
    for (const m of p.plain.matchAll(NEGATIVE)) {
      const i = m.index ?? 0;
      const words = norm(
        p.plain
          .slice(i)
          .split(/[，。；：,;]/)[0]
          .slice(0, 10),
      );
      if (recs.some((r) => r.includes(words))) continue;
      out.push(`…${p.plain.slice(Math.max(0, i - 16), i + 24)}…`);
    }
  }
  return out;
}

// ---- the suite -----------------------------------------------------------------------------------

type Issue = { level: string; code: string; message: string; confirm?: unknown };

type Generated = { id: string; content: { sections: Array<{ key: string }> }; issues: Issue[]; html: string; paras: Para[] };

async function generate(c: Client, kind: string, year: number): Promise<Generated> {
  const r = await c.post('/api/reports', { kind, year });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const res = await c.raw(`/api/reports/${r.body.id}/html`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const paras = readPreview(html);
  const ids = new Map<string, Promise<string[]>>();
  for (const l of paras.flatMap((p) => p.links)) {
    const k = `${l.key}\u0000${l.part ?? ''}`;
    if (!ids.has(k)) ids.set(k, reportSourceIds(c, r.body.id, l.key, l.part));
    l.sources = await (ids.get(k) as Promise<string[]>);
  }
  return { id: r.body.id, content: r.body.content, issues: r.body.issues, html, paras };
}

/** Every id on the pages of a report number's sources (GET /api/reports/:id/figures/:figure/sources). */
async function reportSourceIds(c: Client, id: string, figure: string, part?: string): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const q = new URLSearchParams({ page: String(page), pageSize: '100', ...(part ? { part } : {}) });
    const r = await c.get(`/api/reports/${id}/figures/${encodeURIComponent(figure)}/sources?${q}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    out.push(...(r.body.items as Array<{ id: string }>).map((x) => x.id));
    if (out.length >= r.body.total || r.body.items.length === 0) return out;
  }
}

const actor = { userId: 'test', username: 'test', orgId: '', ip: 'test' };

type SeedCase = {
  seed: string;
  kind: 'annual-report' | 'self-inspection';
  year: number;
  officer: string;
  leader: string;
  numbers: SeedNumber[];
  nones: SeedNone[];
  enter: (e: Entry) => Promise<void>;
  local?: boolean;
};

const CASES: SeedCase[] = [
  {
    seed: '001',
    kind: 'annual-report',
    year: 2023,
    officer: 'county',
    leader: 'county-leader',
    numbers: SEED_001,
    nones: NONE_001,
    enter: enter001,
  },
  {
    seed: '002',
    kind: 'self-inspection',
    year: 2023,
    officer: 'seed002',
    leader: 'seed002-leader',
    numbers: SEED_002,
    nones: [],
    enter: enter002,
  },
  {
    seed: '004',
    kind: 'annual-report',
    year: 2024,
    officer: 'other',
    leader: 'other-leader',
    numbers: SEED_004,
    nones: NONE_004,
    enter: enter004,
    local: true,
  },
];

describe('documents on data that reproduces the seeds', () => {
  const suite = serverSuite();
  before(async () => {
    const { db } = suite.t;
    const { w } = suite;
    const seed002 = await createOrgUnchecked(db, actor, { name: '某自治县民政局', shortName: '自治县', level: 'county', parentId: w.city });
    const user = (username: string, role: 'officer' | 'leader', orgId: string) =>
      createUserUnchecked(db, actor, { username, displayName: username, password: PASSWORD, role, orgId }, { oneTime: false });
    await user('county-leader', 'leader', w.county);
    await user('other-leader', 'leader', w.otherCounty);
    await user('seed002', 'officer', seed002);
    await user('seed002-leader', 'leader', seed002);
  });

  for (const sc of CASES) {
    describe(`seed ${sc.seed} (${sc.kind} ${sc.year})`, () => {
      let e: Entry;
      let doc: Generated;
      const used = new Set<string>();

      it('enters the records through the API and generates the document', async () => {
        const officer = await client(suite.s.base, sc.officer);
        e = new Entry(officer);
        await sc.enter(e);
        if (sc.local) {
          const set = await officer.put('/api/reports/settings', { annualLayout: 'local' });
          assert.equal(set.status, 200, JSON.stringify(set.body));
        }
        doc = await generate(officer, sc.kind, sc.year);
      });

      for (const x of sc.numbers) {
        it(`prints ${x.n}${x.unit}: seed ${sc.seed} prints “${x.says}”`, () => {
          assert.ok(doc, 'the document was generated');
          const ids = e.ids(x.from);
          const l = findLink(doc.paras, x, ids, used);
          assert.ok(
            l,
            `seed ${sc.seed} prints “${x.says}”: expected a figure link ${x.n} followed by “${x.unit || '(nothing: a rate)'}”${
              x.near ? ` after “${x.near}” in the same sentence` : ''
            }, made of the ${ids.length} record(s) entered for it. Printed: ${printedInstead(doc.paras, x, ids)}`,
          );
          used.add(`${l.para}:${l.at}`);
        });
      }

      for (const x of sc.nones) {
        it(`prints “${x.says}” as a negative statement to confirm`, () => {
          assert.ok(doc, 'the document was generated');
          const nones = doc.paras.flatMap((p) => p.nones);
          assert.ok(
            nones.some((t) => t.includes(x.word)),
            `seed ${sc.seed} prints “${x.says}”: the records hold none, so the document says so in a negative statement (span.none) naming ${x.word}; its negative statements: ${JSON.stringify(nones)}`,
          );
        });
      }

      if (sc.seed === '001') {
        it('says how the lawsuits ended: seed 001 prints “均在案前达成调解协议”', () => {
          const l = doc.paras
            .flatMap((p) => p.links)
            .find((x) => x.text === '5' && e.ids('lawsuits').every((id) => x.sources.includes(id)));
          assert.ok(l, 'seed 001 prints “2023年共接到行政诉讼5起”');
          assert.match(
            doc.paras[l.para].text,
            /调解/,
            `seed 001 prints that all 5 lawsuits ended in 调解 (each record's result is 调解撤诉); the paragraph reads: ${doc.paras[l.para].text}`,
          );
        });
      }

      it('prints no negative statement except as one to confirm', () => {
        assert.ok(doc, 'the document was generated');
        assert.deepEqual(
          plainNegatives(doc.paras, e.texts),
          [],
          `seed ${sc.seed}: every “未…/没有…/尚无…/暂未…” the document says on its own is a negative statement (span.none) that a person confirms`,
        );
      });

      it('makes no claim the records contradict', () => {
        assert.ok(doc, 'the document was generated');
        const bad = doc.issues.filter((i) => i.code === 'none-contradicted');
        assert.deepEqual(bad, [], `seed ${sc.seed}: no negative statement is printed while its records say otherwise`);
      });

      if (sc.local) {
        it('lays the annual report out in the local layout: 举措 → 第一责任人 → 上年度问题整改 → 不足 → 下一年度', () => {
          assert.deepEqual(
            doc.content.sections.map((s) => s.key),
            LOCAL_LAYOUT,
            'seed 004 prints its sections as 举措和成效, 第一责任人, 上年度问题整改, 不足和原因, 下一年度',
          );
        });
      }

      it('is confirmed by the officer and finalized by the leader of the bureau', async () => {
        assert.ok(doc, 'the document was generated');
        const officer = await client(suite.s.base, sc.officer);
        let issues = doc.issues;
        // Confirming all when nothing awaits a person is refused (请指定需确认的内容): confirm only what is open.
        if (issues.some((i) => i.confirm)) {
          const confirmed = await officer.post(`/api/reports/${doc.id}/confirm`, { all: true });
          assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
          issues = confirmed.body.issues;
        }
        const errors = issues.filter((i) => i.level === 'error');
        assert.deepEqual(errors, [], `seed ${sc.seed}: nothing blocks the confirmed document`);
        const leader = await client(suite.s.base, sc.leader);
        const final = await leader.post(`/api/reports/${doc.id}/finalize`, { force: true, confirmSecrecy: true });
        assert.equal(final.status, 200, JSON.stringify(final.body));
        assert.equal(final.body.status, 'final');
      });
    });
  }
});
