/**
 * Demo generators for the module ledgers. The numbers follow the seeds: for 示范县 in 2025 about 11
 * 中心组学法 since 2025, 5000+ 宣传品, 19 规范性文件审查 and 45 合同审查 by the 法律顾问 since 2021,
 * 13 人大建议 + 11 政协提案 all answered, 5 行政诉讼 none lost, 142 主动公开, 双随机 tasks 1/2/2 with
 * 25 institutions inspected, 1 case lead transferred. The other bureaus get similar, varied numbers.
 */
import { workdaysBefore } from '../calendar/backward.ts';
import { WorkCalendar } from '../calendar/workdays.ts';
import type { DataOf } from '../ledger/define.ts';
import { adviser, adviserWork, collectiveDecision, majorDecision } from '../modules/decision/decision.ledger.ts';
import { disclosureItem, disclosureRequest } from '../modules/disclosure/disclosure.ledger.ts';
import {
  enforcementCase,
  enforcementItem,
  inspectionObject,
  inspectionTask,
  leadTransfer,
} from '../modules/enforcement/enforcement.ledger.ts';
import { normdoc, normdocCleanup } from '../modules/normdoc/normdoc.ledger.ts';
import { leadingMember, person } from '../modules/org/org.ledger.ts';
import { disputeCase, petition, suggestion } from '../modules/oversight/oversight.ledger.ts';
import { dutyItem, planTask, problem } from '../modules/plan/plan.ledger.ts';
import { caseTeaching, type MaterialField, publicityActivity } from '../modules/publicity/publicity.ledger.ts';
import { result } from '../modules/results/results.ledger.ts';
import { lawExam, studySession } from '../modules/study/study.ledger.ts';
import { addDays, addMonths } from '../util/time.ts';
import { ELDER_HOMES, LAW_FIRMS, LAWS, PLACES, SOCIAL_ORGS, STUDY_TOPICS } from './content.ts';
import { type GenCtx, generator, isCounty, registerGenerators, type ValueIn, years } from './generators.ts';
import type { Rng } from './rng.ts';

const unit = (ctx: GenCtx, name: string): string => ctx.org.units[name] ?? Object.values(ctx.org.units)[0];
const clampTo = (ctx: GenCtx, d: string): string | null => (d > ctx.to ? null : d);
/** The State Council's arrangement without overrides: the demo's dates are chosen before any exist. */
const OFFICIAL_CALENDAR = new WorkCalendar();
const prefix = (ctx: GenCtx): string => (ctx.org.key === 'city' ? '某民规' : ctx.org.key === 'shifan' ? '示民规' : '和民规');
const docPrefix = (ctx: GenCtx): string => (ctx.org.key === 'city' ? '某民发' : ctx.org.key === 'shifan' ? '示民发' : '和民发');
/** 示范县 reproduces the seeds; 和平县 is a little smaller; the city a little larger. */
const scale = (ctx: GenCtx, n: number): number =>
  Math.max(1, Math.round(n * (ctx.org.key === 'shifan' ? 1 : ctx.org.key === 'heping' ? 0.8 : 1.3)));
/** Share of a year already passed (the current year ends today). */
const share = (y: { from: string; to: string }): number =>
  Math.min(1, (Number(y.to.slice(5, 7)) - 1 + Number(y.to.slice(8, 10)) / 31) / 12);

function onOrBefore(ctx: GenCtx, date: string, rng: Rng, spread = 10): string {
  const d = addDays(date, rng.int(0, spread));
  return [d, ctx.to].sort()[0];
}

// ───────────── study ─────────────

const studySessionRows = generator(studySession, (ctx) => {
  const { rng, org } = ctx;
  const out: DataOf<typeof studySession>[] = [];
  // per year: [kind, count, unit, attendees range]
  const plan: Array<[ValueIn<typeof studySession, 'kind'>, number, string, number, number, number]> = [
    ['党组理论学习中心组学法', 6, '办公室', 7, 11, 3],
    ['领导干部法治讲座', 2, '政策法规科', 30, 60, 2],
    ['局务会会前学法', 8, '办公室', 12, 20, 1],
    ['干部职工集中学法', 4, '政策法规科', 35, 70, 2],
    ['执法人员培训', 2, '殡葬管理所', 10, 25, 4],
    ['旁听庭审', 1, '政策法规科', 8, 15, 3],
    ['在线学法', 2, '办公室', 40, 70, 2],
  ];
  for (const y of years(ctx)) {
    const yearShare = Math.min(1, (Number(y.to.slice(5, 7)) + 0.5) / 12);
    for (const [kind, perYear, unitName, lo, hi, hours] of plan) {
      const count = Math.max(1, Math.round(perYear * yearShare) - (kind === '党组理论学习中心组学法' && y.year > 2025 ? 1 : 0));
      for (let i = 0; i < count; i++) {
        const topic = rng.pick(STUDY_TOPICS);
        const laws = rng.some(LAWS, 2).join('、');
        const lecturer =
          kind === '领导干部法治讲座'
            ? `${rng.pick(['孙立平', '沈文博'])}（法律顾问）`
            : kind === '党组理论学习中心组学法'
              ? org.head
              : rng.pick([org.deputy, org.officer]);
        out.push({
          date: rng.workday(y.from, y.to),
          kind,
          topic: kind === '旁听庭审' ? `组织旁听${rng.pick(['行政诉讼', '婚姻登记行政诉讼', '社会救助行政诉讼'])}案件庭审` : topic,
          laws,
          lecturer,
          attendees: rng.int(lo, hi),
          hours,
          unitId: unit(ctx, unitName),
          note: kind === '旁听庭审' ? `地点：${PLACES[6]}` : '',
        });
      }
    }
  }
  return out;
});

const lawExamRows = generator(lawExam, (ctx) => {
  const { rng } = ctx;
  const out: DataOf<typeof lawExam>[] = [];
  for (const y of years(ctx)) {
    const date = `${y.year}-11-${String(rng.int(10, 20)).padStart(2, '0')}`;
    if (date > ctx.to) continue;
    const eligible = isCounty(ctx) ? rng.int(38, 52) : rng.int(60, 80);
    const participants = eligible;
    const passed = participants;
    const excellent = passed - rng.int(3, 9);
    out.push({ name: `${y.year}年度国家工作人员学法考试`, date, platform: '法宣在线', eligible, participants, passed, excellent });
  }
  return out;
});

// ───────────── org: people and the leading group ─────────────

const POSTS = ['局长', '副局长', '法治专干', '科长', '副科长', '科员', '所长', '主任', '执法队员'] as const;

const personRows = generator(person, (ctx) => {
  const { rng, org } = ctx;
  const out: DataOf<typeof person>[] = [];
  const people: Array<[string, string, string]> = [
    [org.head, '局长', '办公室'],
    [org.deputy, '副局长', '办公室'],
    [org.officer, '法治专干', org.units.政策法规科 && org.level === 'city' ? '政策法规科' : '办公室'],
    ...org.staff.map((n, i): [string, string, string] => [
      n,
      rng.pick(POSTS.slice(3)),
      ['社会救助科', '殡葬管理所', '婚姻登记处', '养老服务科', '社会组织管理局', '社会事务科', '儿童福利科', '区划地名科'][i % 8],
    ]),
  ];
  people.forEach(([name, post, unitName], i) => {
    const joined = `${rng.int(2008, 2022)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const enforcer = i >= 2 && i < 8;
    const issued = `${rng.int(2021, 2024)}-${String(rng.int(3, 10)).padStart(2, '0')}-15`;
    const retired = i === people.length - 1;
    out.push({
      name,
      unitId: unit(ctx, unitName),
      post,
      joinedOn: joined,
      status: retired ? '退休' : '在职',
      leftOn: retired ? '2025-09-30' : undefined,
      certNo: enforcer ? `${org.key === 'city' ? '22' : '22'}${String(rng.int(100000, 999999))}${String(i).padStart(3, '0')}` : undefined,
      certIssuedOn: enforcer ? issued : undefined,
      certValidTo: enforcer ? addMonths(issued, 60) : undefined,
      lawQualification: i === 2 ? true : undefined,
      qualificationNo: i === 2 ? `A${rng.int(20150000, 20219999)}` : undefined,
      note: enforcer ? '持证上岗，已参加年度执法培训' : undefined,
    });
  });
  return out;
});

const leadingMemberRows = generator(leadingMember, (ctx) => {
  const { org, rng } = ctx;
  const group: ValueIn<typeof leadingMember, 'group'> = '法治政府建设工作领导小组';
  const basis = `${docPrefix(ctx)}〔2025〕${rng.int(3, 9)}号`;
  const from = '2025-02-18';
  const members: Array<[string, string, ValueIn<typeof leadingMember, 'role'>]> = [
    [org.head, '党组书记、局长', '组长'],
    [org.deputy, '党组成员、副局长', '副组长'],
    [org.staff[1], '社会救助科科长', '成员'],
    [org.staff[2], '养老服务科科长', '成员'],
    [org.staff[3], '社会事务科科长', '成员'],
    [org.staff[4], '婚姻登记处主任', '成员'],
    [org.staff[5], '殡葬管理所所长', '成员'],
    [org.officer, '办公室主任', '办公室主任'],
  ];
  const out = members.map(
    ([name, post, role]): DataOf<typeof leadingMember> => ({ group, name, post, role, fromDate: from, basisDoc: basis }),
  );
  // 2026: a member moved; the group was adjusted (seed 004: 及时调整领导小组成员).
  if (ctx.to >= '2026-04-01') {
    out[3] = { ...out[3], toDate: '2026-03-31' };
    out.push({
      group,
      name: org.staff[6] ?? org.staff[0],
      post: '养老服务科科长',
      role: '成员',
      fromDate: '2026-04-01',
      basisDoc: `${docPrefix(ctx)}〔2026〕${rng.int(5, 12)}号`,
    });
  }
  return out;
});

// ───────────── results ─────────────

const resultRows = generator(result, (ctx) => {
  const out: DataOf<typeof result>[] = [];
  const items: Array<[ValueIn<typeof result, 'domain'>, string, number, string, string, string]> = [
    ['社会组织管理', '对名存实亡的“僵尸型”社会组织进行注销登记', 11, '家', '社会组织管理局', '社会团体登记管理条例'],
    ['儿童福利和未成年人保护', '完成无户籍儿童落户登记', 38, '名', '儿童福利科', '无户籍未成年人落户登记实施方案'],
    ['儿童福利和未成年人保护', '为无户籍儿童做亲子鉴定', 19, '名', '儿童福利科', ''],
    ['社会组织管理', '完成社会组织年度检查', 86, '家', '社会组织管理局', '民办非企业单位登记管理暂行条例'],
    ['社会救助', '建立社会救助对象信用信息档案', 420, '户', '社会救助科', '社会救助诚信评价机制实施办法'],
    ['婚姻登记', '办理婚姻登记“跨省通办”', 57, '对', '婚姻登记处', ''],
    ['区划地名和界线管理', '开展平安边界联检', 3, '次', '区划地名科', '行政区域界线管理条例'],
    ['基层政权和社区治理', '梳理村级小微权力事项清单', 28, '项', '社会事务科', ''],
  ];
  for (const y of years(ctx)) {
    for (const [domain, description, q, countUnit, unitName, basis] of items) {
      if (!ctx.rng.chance(y.year === 2025 ? 0.95 : 0.7)) continue;
      const qty = Math.max(1, Math.round(scale(ctx, q) * (y.year === 2025 ? 1 : (share(y) * ctx.rng.int(70, 110)) / 100)));
      out.push({
        date: ctx.rng.workday(y.from, y.to),
        domain,
        description,
        quantity: qty,
        countUnit,
        unitId: unit(ctx, unitName),
        basis: basis || undefined,
      });
    }
  }
  return out;
});

// ───────────── publicity ─────────────

type Activity = DataOf<typeof publicityActivity>;
type Act = {
  md: string;
  keyDate: Activity['keyDate'];
  theme: string;
  venue: Activity['venueType'];
  forms: ValueIn<typeof publicityActivity, 'forms'>;
  unit: string;
  laws: string;
  mats: Pick<Activity, MaterialField>;
  consult: number;
  audience: number;
};

const ACTS: Act[] = [
  {
    md: '03-16',
    keyDate: '社会工作宣传周',
    theme: '“社会工作宣传周”主题宣传',
    venue: '进社区',
    forms: ['集中宣传', '展板展示'],
    unit: '社会事务科',
    laws: '慈善法',
    mats: { matGifts: 300, matLeaflets: 300, matBoards: 1 },
    consult: 60,
    audience: 400,
  },
  {
    md: '04-03',
    keyDate: '清明节',
    theme: '文明祭扫、绿色殡葬宣传',
    venue: '公共场所',
    forms: ['倡议书', '发放宣传资料', '悬挂标语'],
    unit: '殡葬管理所',
    laws: '殡葬管理条例',
    mats: { matGifts: 500, matBanners: 10, matLeaflets: 400 },
    consult: 80,
    audience: 1200,
  },
  {
    md: '04-15',
    keyDate: '全民国家安全教育日',
    theme: '全民国家安全教育日普法宣传',
    venue: '进机关',
    forms: ['集中宣传', '悬挂标语'],
    unit: '办公室',
    laws: '国家安全法',
    mats: { matGifts: 200, matBanners: 6, matPosters: 8 },
    consult: 40,
    audience: 300,
  },
  {
    md: '05-10',
    keyDate: '民法典宣传月',
    theme: '“美好生活·民法典相伴”主题宣传',
    venue: '进村居',
    forms: ['现场咨询', '发放宣传资料'],
    unit: '政策法规科',
    laws: '民法典',
    mats: { matGifts: 800, matLeaflets: 600, matPosters: 6 },
    consult: 160,
    audience: 900,
  },
  {
    md: '05-20',
    keyDate: '520婚姻登记',
    theme: '“囍事新办·幸福相约”520婚姻登记活动',
    venue: '服务窗口',
    forms: ['现场咨询', '发放宣传资料'],
    unit: '婚姻登记处',
    laws: '婚姻登记条例、反家庭暴力法',
    mats: { matGifts: 300, matHandbooks: 200 },
    consult: 90,
    audience: 260,
  },
  {
    md: '06-01',
    keyDate: '未成年人保护宣传月',
    theme: '法治、心理健康进校园',
    venue: '进校园',
    forms: ['法治讲座', '发放宣传资料'],
    unit: '儿童福利科',
    laws: '未成年人保护法',
    mats: { matGifts: 600, matLeaflets: 500, matPosters: 6 },
    consult: 50,
    audience: 800,
  },
  {
    md: '06-15',
    keyDate: '防范非法集资宣传月',
    theme: '打击整治养老诈骗专项宣传',
    venue: '进养老机构',
    forms: ['现场咨询', '张贴海报'],
    unit: '养老服务科',
    laws: '防范和处置非法集资条例、老年人权益保障法',
    mats: { matGifts: 600, matBanners: 12, matPosters: 10, matLeaflets: 700 },
    consult: 180,
    audience: 700,
  },
  {
    md: '06-26',
    keyDate: '国际禁毒日',
    theme: '禁毒宣传进社区',
    venue: '进社区',
    forms: ['集中宣传', '展板展示'],
    unit: '社会事务科',
    laws: '禁毒法',
    mats: { matGifts: 300, matBanners: 5 },
    consult: 40,
    audience: 500,
  },
  {
    md: '07-10',
    keyDate: '日常宣传',
    theme: '社会救助政策宣传进村居',
    venue: '进村居',
    forms: ['集中宣传', '现场咨询'],
    unit: '社会救助科',
    laws: '社会救助暂行办法',
    mats: { matGifts: 700, matLeaflets: 500, matBanners: 6 },
    consult: 220,
    audience: 1100,
  },
  {
    md: '09-05',
    keyDate: '中华慈善日',
    theme: '“中华慈善日”慈善法宣传',
    venue: '公共场所',
    forms: ['集中宣传', '新媒体推送'],
    unit: '社会组织管理局',
    laws: '慈善法',
    mats: { matGifts: 300, matPosters: 6, matVideos: 1 },
    consult: 60,
    audience: 600,
  },
  {
    md: '10-18',
    keyDate: '老年节',
    theme: '“敬老月”老年人权益保障法宣传',
    venue: '进养老机构',
    forms: ['法治讲座', '现场咨询'],
    unit: '养老服务科',
    laws: '老年人权益保障法',
    mats: { matGifts: 400, matLeaflets: 400, matBanners: 6 },
    consult: 100,
    audience: 500,
  },
  {
    md: '11-08',
    keyDate: '法律施行日',
    theme: '《地名管理条例》宣传解读',
    venue: '线上',
    forms: ['新媒体推送'],
    unit: '区划地名科',
    laws: '地名管理条例',
    mats: {},
    consult: 20,
    audience: 3000,
  },
  {
    md: '12-04',
    keyDate: '国家宪法日',
    theme: '“宪法进社区”宣传活动',
    venue: '进社区',
    forms: ['集中宣传', '展板展示', '发放宣传资料'],
    unit: '政策法规科',
    laws: '宪法',
    mats: { matGifts: 300, matHandbooks: 100, matBoards: 2, matBanners: 5, matPosters: 4 },
    consult: 60,
    audience: 700,
  },
  {
    md: '12-03',
    keyDate: '国际残疾人日',
    theme: '残疾人权益保障政策宣传',
    venue: '进社区',
    forms: ['现场咨询'],
    unit: '社会事务科',
    laws: '无障碍环境建设法',
    mats: { matGifts: 200, matLeaflets: 300 },
    consult: 60,
    audience: 300,
  },
];

const publicityActivityRows = generator(publicityActivity, (ctx) => {
  const { rng } = ctx;
  const out: DataOf<typeof publicityActivity>[] = [];
  for (const y of years(ctx)) {
    for (const a of ACTS) {
      const date = clampTo(ctx, `${y.year}-${a.md}`);
      if (!date || date < y.from) continue;
      const k = (n: number) => Math.max(0, Math.round((scale(ctx, n) * rng.int(85, 115)) / 100));
      const mats: Act['mats'] = {};
      for (const [f, n] of Object.entries(a.mats) as Array<[MaterialField, number]>)
        mats[f] = f === 'matVideos' || f === 'matBoards' ? n : k(n);
      out.push({
        date,
        theme: a.theme,
        keyDate: a.keyDate,
        laws: a.laws,
        venueType: a.venue,
        place: rng.pick(['幸福里社区', '城关镇文化广场', '实验小学', '婚姻登记处大厅', '康乐养老院', '局机关一楼大厅']),
        forms: a.forms,
        unitId: unit(ctx, a.unit),
        audience: k(a.audience),
        consultations: k(a.consult),
        ...mats,
        note: `${ctx.org.shortName}${a.theme}，${a.forms.join('、')}。`,
      });
    }
    // 进校园、进社区 series (seed 002: 11场)
    const series = Math.round(scale(ctx, 9) * share(y));
    for (let i = 0; i < series; i++) {
      out.push({
        date: rng.workday(y.from, y.to),
        theme: `社工站“法治进校园、进社区”共护未来活动（第${i + 1}场）`,
        keyDate: '日常宣传',
        laws: '未成年人保护法',
        venueType: i % 2 ? '进校园' : '进社区',
        forms: ['法治讲座'],
        unitId: unit(ctx, '儿童福利科'),
        audience: rng.int(40, 120),
        consultations: rng.int(5, 20),
      });
    }
  }
  return out;
});

const caseTeachingRows = generator(caseTeaching, (ctx) => {
  const cases: Array<[string, ValueIn<typeof caseTeaching, 'domain'>, string, ValueIn<typeof caseTeaching, 'form'>]> = [
    ['冒领低保金被追回并列入失信名单案', '社会救助', '社会救助暂行办法', '案例发布'],
    ['以“养老服务”为名非法集资案', '养老服务', '防范和处置非法集资条例', '以案说法讲座'],
    ['婚姻登记中使用虚假身份证件被撤销登记案', '婚姻登记', '民法典、婚姻登记条例', '执法办案中释法'],
    ['擅自建设经营性公墓被责令改正案', '殡葬管理', '殡葬管理条例', '执法办案中释法'],
    ['非法社会组织“某某国际慈善总会”被取缔案', '社会组织管理', '社会团体登记管理条例', '新媒体推送'],
    ['婚姻登记行政诉讼旁听', '婚姻登记', '行政诉讼法', '旁听庭审'],
  ];
  const out: DataOf<typeof caseTeaching>[] = [];
  let i = 0;
  for (const y of years(ctx)) {
    const n = Math.max(1, Math.round(4 * share(y)));
    for (let k = 0; k < n; k++) {
      const [caseName, domain, laws, form] = cases[i++ % cases.length];
      out.push({
        date: ctx.rng.workday(y.from, y.to),
        caseName,
        domain,
        form,
        laws,
        audience: ctx.rng.int(20, 200),
        unitId: unit(ctx, '政策法规科'),
        summary: `结合${caseName}讲解${laws}相关规定。`,
      });
    }
  }
  return out;
});

type DutyRow = DataOf<typeof dutyItem>;
const DUTY: Array<
  [string, string, ValueIn<typeof dutyItem, 'audience'>, ValueIn<typeof dutyItem, 'methods'>, ValueIn<typeof dutyItem, 'keyDates'>]
> = [
  ['中华人民共和国宪法', '政策法规科', ['社会公众', '民政干部职工'], ['主题宣传活动', '发放宣传资料'], ['国家宪法日', '宪法宣传周']],
  ['中华人民共和国民法典', '政策法规科', ['社会公众', '婚姻登记当事人'], ['主题宣传活动', '现场咨询', '新媒体宣传'], ['民法典宣传月']],
  ['社会救助暂行办法', '社会救助科', ['困难群众', '村（居）委会'], ['政策解读', '进村居'], ['日常宣传']],
  ['婚姻登记条例', '婚姻登记处', ['婚姻登记当事人'], ['窗口宣传'], ['520婚姻登记', '七夕节']],
  ['殡葬管理条例', '殡葬管理所', ['社会公众', '殡葬服务机构'], ['主题宣传活动', '执法办案中普法'], ['清明节']],
  ['中华人民共和国老年人权益保障法', '养老服务科', ['老年人', '养老机构'], ['法治讲座', '现场咨询'], ['老年节', '防范非法集资宣传月']],
  ['中华人民共和国未成年人保护法', '儿童福利科', ['未成年人及监护人'], ['进校园', '法治讲座'], ['未成年人保护宣传月', '儿童节']],
  ['社会团体登记管理条例', '社会组织管理局', ['社会组织'], ['培训', '执法办案中普法'], ['日常宣传']],
  ['中华人民共和国慈善法', '社会组织管理局', ['社会组织', '社会公众'], ['主题宣传活动'], ['中华慈善日']],
  ['地名管理条例', '区划地名科', ['社会公众'], ['新媒体宣传'], ['法律施行日']],
  ['行政区域界线管理条例', '区划地名科', ['村（居）委会'], ['进村居'], ['日常宣传']],
  ['中华人民共和国无障碍环境建设法', '社会事务科', ['残疾人', '社会公众'], ['主题宣传活动'], ['全国助残日', '国际残疾人日']],
];

const dutyItemRows = generator(dutyItem, (ctx) =>
  DUTY.map(
    ([law, u, audience, methods, keyDates]): DutyRow => ({
      law,
      unitId: unit(ctx, u),
      audience,
      methods: methods.filter(Boolean),
      keyDates,
      content: `围绕《${law}》开展“谁执法谁普法”宣传，重点宣传与群众切身利益相关的条款。`,
      listedOn: '2025-02-20',
    }),
  ),
);

// ───────────── plan and problems ─────────────

const TASKS: Array<[string, string, string, string]> = [
  ['一、加强党对法治民政建设的领导', '制定年度普法依法治理工作要点和普法责任清单', '办公室', '3月底前印发'],
  ['一、加强党对法治民政建设的领导', '调整法治政府建设工作领导小组，召开年度法治建设工作会议', '办公室', ''],
  ['一、加强党对法治民政建设的领导', '党组理论学习中心组专题学法不少于4次', '办公室', '≥4次'],
  ['二、推进依法行政', '规范性文件合法性审核率、备案率达到100%', '政策法规科', '100%'],
  ['二、推进依法行政', '落实重大行政决策程序规定，法律顾问参与率100%', '政策法规科', '100%'],
  ['二、推进依法行政', '做好人大代表建议和政协提案办理，按期答复率100%', '办公室', '100%'],
  ['三、规范行政执法', '双随机任务关联信用规则率不低于90%，掌上执法率达到95%', '社会组织管理局', '≥90%；95%'],
  ['三、规范行政执法', '落实行政执法“三项制度”，建立执法影像电子档案', '殡葬管理所', ''],
  ['三、规范行政执法', '组织执法人员参加执法资格考试和线上培训', '政策法规科', '持证率100%'],
  ['四、深化普法宣传', '围绕宪法宣传周、民法典宣传月等节点开展主题宣传', '政策法规科', '≥10场'],
  ['四、深化普法宣传', '开展法治进校园、进社区活动', '儿童福利科', '≥10场'],
  ['五、深化政务公开', '主动公开政府信息，更新政务公开标准目录', '办公室', ''],
];

const planTaskRows = generator(planTask, (ctx) => {
  const out: DataOf<typeof planTask>[] = [];
  for (const y of years(ctx)) {
    TASKS.forEach(([heading, content, u, target], i) => {
      const deadline = `${y.year}-${i < 3 ? '03-31' : i % 2 ? '11-30' : '12-15'}`;
      const done = y.year < Number(ctx.to.slice(0, 4)) ? i !== 8 || ctx.org.key !== 'heping' : deadline <= ctx.to || ctx.rng.chance(0.5);
      const completedOn = done ? onOrBefore(ctx, addDays(deadline, -ctx.rng.int(5, 40)), ctx.rng, 0) : undefined;
      out.push({
        year: y.year,
        plan: `${ctx.org.shortName}${y.year}年普法依法治理工作要点`,
        no: i + 1,
        heading,
        content,
        leadUnit: unit(ctx, u),
        deadline,
        target: target || undefined,
        status: done ? '已完成' : y.year < Number(ctx.to.slice(0, 4)) ? '未完成' : '推进中',
        completedOn,
        progress: done ? '已按期完成，材料已归档。' : '正在推进。',
      });
    });
  }
  return out;
});

const problemRows = generator(problem, (ctx) => {
  const out: DataOf<typeof problem>[] = [];
  const list: Array<[number, string, string, string, string]> = [
    [
      2025,
      '普法宣传教育形式不够丰富，宣传有时流于形式',
      '受人员和经费制约，新媒体运用不足',
      '利用微信群、短视频等新媒体开展法治宣传，推行以案释法',
      '政策法规科',
    ],
    [
      2025,
      '部分干部职工学法的积极性和自觉性不高',
      '学法制度落实不够严格',
      '严格执行会前学法和年度学法考试制度，考试结果纳入考核',
      '办公室',
    ],
    [
      2025,
      '部分养老机构食品安全管理不规范，食品留样不规范',
      '经营者食品安全意识不强',
      '开展养老机构食品安全专项检查，配齐食品留样柜并明确专人',
      '养老服务科',
    ],
    [
      2026,
      '“大综合一体化”改革后部分执法职能衔接不顺',
      '执法事项移交后职责边界不清',
      '与综合行政执法局建立案件线索移交和信息共享机制',
      '政策法规科',
    ],
    [2026, '只有一名同志负责法治工作且身兼数职', '人员编制紧张', '明确各科室法治联络员，充实法治工作力量', '办公室'],
    [2026, '与公安、法院等部门信息不共享，造成救助资金多发', '数据未互通', '建立部门数据比对机制，定期核查', '社会救助科'],
  ];
  for (const [i, [year, description, cause, measures, u]] of list.entries()) {
    if (year > Number(ctx.to.slice(0, 4))) continue;
    const due = `${year}-10-31`;
    const done = year === 2025 || description.includes('大综合');
    out.push({
      year,
      foundYear: year - 1,
      // Found in the order listed: the reports list problems as found.
      foundOn: `${year - 1}-${String(3 + (i % 3) * 3).padStart(2, '0')}-1${i % 3}`,
      source: year === 2025 ? '上年度法治政府建设报告' : ctx.rng.pick(['自查', '考核', '上年度法治政府建设报告']),
      description,
      cause,
      measures,
      unitId: unit(ctx, u),
      dueDate: due,
      status: done ? '已整改' : '整改中',
      rectifiedOn: done ? onOrBefore(ctx, `${year}-0${ctx.rng.int(5, 9)}-1${ctx.rng.int(0, 9)}`, ctx.rng, 0) : undefined,
      effect: done ? '已整改到位，形成长效机制。' : undefined,
    });
  }
  return out;
});

// ───────────── legal adviser and decisions ─────────────

const adviserRows = generator(adviser, (ctx) => {
  const out: DataOf<typeof adviser>[] = [];
  const firm = ctx.org.key === 'city' ? LAW_FIRMS[0] : ctx.org.key === 'shifan' ? LAW_FIRMS[1] : LAW_FIRMS[2];
  const name = ctx.org.key === 'city' ? '孙立平' : ctx.org.key === 'shifan' ? '沈文博' : '韦思远';
  for (const y of years(ctx)) {
    out.push({
      name,
      kind: '法律顾问',
      firm,
      licenseNo: `1${ctx.rng.int(1000000000, 9999999999)}${ctx.rng.int(10000, 99999)}`,
      contractFrom: `${y.year}-01-01`,
      contractTo: `${y.year}-12-31`,
      fee: ctx.org.level === 'city' ? 8 : 5,
      note: '常年法律顾问',
    });
  }
  if (ctx.org.level === 'city')
    out.push({ name: '苗一鸣', kind: '公职律师', firm: ctx.org.name, contractFrom: '2025-01-01', note: '政策法规科公职律师' });
  return out;
});

const adviserWorkRows = generator(adviserWork, (ctx) => {
  const { rng, org } = ctx;
  const out: DataOf<typeof adviserWork>[] = [];
  const name = org.key === 'city' ? '孙立平' : org.key === 'shifan' ? '沈文博' : '韦思远';
  // 八五普法以来 (2021–): normative-document reviews and contract reviews per year.
  const perYear: Record<number, [number, number]> = { 2021: [3, 7], 2022: [3, 8], 2023: [4, 8], 2024: [3, 7], 2025: [3, 8], 2026: [3, 7] };
  const endYear = Number(ctx.to.slice(0, 4));
  for (let year = 2021; year <= endYear; year++) {
    const [nd, ct] = perYear[year] ?? [3, 7];
    const from = `${year}-01-01`;
    const to = year === endYear ? ctx.to : `${year}-12-31`;
    const f = org.key === 'shifan' ? 1 : org.key === 'heping' ? 0.8 : 1.3;
    const reviews = Math.max(1, Math.round(nd * f));
    const contracts = Math.max(1, Math.round(ct * f));
    for (let i = 0; i < reviews; i++)
      out.push({
        date: rng.workday(from, to),
        adviserName: name,
        kind: '规范性文件合法性审查',
        matter: `${rng.pick([
          '特困人员救助供养实施办法',
          '临时救助实施细则',
          '养老服务补贴管理办法',
          '殡葬惠民政策实施办法',
          '社会组织评估管理办法',
        ])}（送审稿）合法性审查`,
        count: 1,
        unitId: unit(ctx, '政策法规科'),
        outcome: '出具审查意见，已采纳。',
      });
    // contracts come in batches
    let left = contracts;
    while (left > 0) {
      const n = Math.min(left, rng.int(1, 3));
      left -= n;
      out.push({
        date: rng.workday(from, to),
        adviserName: name,
        kind: '合同审查',
        matter:
          rng.pick(['政府购买养老服务合同', '公墓建设工程合同', '社会救助第三方评估服务合同', '办公设备采购合同', '社工站运营服务合同']) +
          '审查',
        count: n,
        unitId: unit(ctx, rng.pick(['养老服务科', '社会救助科', '办公室', '殡葬管理所'])),
        outcome: '提出修改意见，已据此修改。',
      });
    }
    if (year >= 2025) {
      const opinions = year === 2025 ? 3 : 2;
      for (let i = 0; i < opinions; i++)
        out.push({
          date: rng.workday(from, to),
          adviserName: name,
          kind: '法律意见书',
          matter: `${rng.pick(['婚姻登记历史遗留问题处理', '养老机构退出纠纷', '殡葬设施用地问题', '社会组织注销争议'])}法律意见`,
          count: 1,
          unitId: unit(ctx, '政策法规科'),
        });
      out.push({
        date: rng.workday(from, to),
        adviserName: name,
        kind: '法治讲座',
        matter: '《行政复议法》修订要点讲座',
        count: 1,
        unitId: unit(ctx, '政策法规科'),
      });
      out.push({
        date: rng.workday(from, to),
        adviserName: name,
        kind: '参与诉讼',
        matter: '代理婚姻登记行政诉讼',
        count: org.key === 'shifan' && year === 2025 ? 5 : rng.int(1, 3),
        unitId: unit(ctx, '婚姻登记处'),
      });
    }
  }
  return out;
});

const collectiveDecisionRows = generator(collectiveDecision, (ctx) => {
  const out: DataOf<typeof collectiveDecision>[] = [];
  const matters: Array<[ValueIn<typeof collectiveDecision, 'kind'>, string, number | undefined]> = [
    ['重大决策', '研究年度法治政府建设工作要点', undefined],
    ['大额资金使用', '研究困难群众救助资金分配方案', 860],
    ['重大项目安排', '研究公益性公墓建设项目', 420],
    ['重要人事任免', '研究科室负责人调整', undefined],
    ['大额资金使用', '研究养老服务设施补助资金使用', 310],
    ['重大决策', '研究特困人员救助供养标准调整', undefined],
    ['重大项目安排', '研究社工站建设运营项目', 120],
    ['大额资金使用', '研究儿童福利机构改造资金', 95],
  ];
  for (const y of years(ctx)) {
    const n = Math.round(scale(ctx, 8) * share(y));
    for (let i = 0; i < n; i++) {
      const [kind, matter, amount] = matters[i % matters.length];
      out.push({
        date: ctx.rng.workday(y.from, y.to),
        meeting: kind === '重要人事任免' ? '局党组会议' : ctx.rng.pick(['局党组会议', '局长办公会议']),
        session: `${y.year}年第${i + 1}次`,
        kind,
        matter,
        amount,
        attendees: 7,
        present: ctx.rng.int(6, 7),
        outcome: ctx.rng.chance(0.9) ? '通过' : '原则通过',
        adviserHeard: kind !== '重要人事任免',
        minutes: '经集体研究，同意按程序实施。',
      });
    }
  }
  return out;
});

const majorDecisionRows = generator(majorDecision, (ctx) => {
  const out: DataOf<typeof majorDecision>[] = [];
  const titles = [
    [2025, `制定《${ctx.org.region}特困人员救助供养实施办法》`, '重大公共政策和措施', '社会救助科'],
    [2025, `编制《${ctx.org.region}养老服务设施布局规划（2025—2035年）》`, '重要规划', '养老服务科'],
    [2026, `调整${ctx.org.region}城乡最低生活保障标准`, '重大公共政策和措施', '社会救助科'],
  ] as const;
  for (const [year, title, category, u] of titles) {
    const start = `${year}-03-0${ctx.rng.int(2, 9)}`;
    if (start > ctx.to) continue;
    const pf = addDays(start, 20);
    const pt = addDays(pf, 30);
    const expert = addDays(pt, 7);
    const risk = addDays(pt, 10);
    const legal = addDays(pt, 20);
    // Sent for review 10 working days before the opinion: more than the 7 条例第二十六条 asks.
    const submitted = workdaysBefore(OFFICIAL_CALENDAR, legal, 10).due;
    const coll = addDays(legal, 10);
    const pub = addDays(coll, 15);
    const arch = addDays(pub, 30);
    out.push({
      title,
      category,
      unitId: unit(ctx, u),
      startedOn: start,
      participationFrom: clampTo(ctx, pf) ?? undefined,
      participationTo: clampTo(ctx, pt) ?? undefined,
      // A plan touching many people's interests is heard (条例第十六条), so the demo shows a 听证 too.
      hearingOn: category === '重要规划' ? (clampTo(ctx, addDays(pt, 3)) ?? undefined) : undefined,
      expertOn: clampTo(ctx, expert) ?? undefined,
      riskOn: clampTo(ctx, risk) ?? undefined,
      legalSubmittedOn: clampTo(ctx, submitted) ?? undefined,
      legalReviewOn: clampTo(ctx, legal) ?? undefined,
      legalOpinion: clampTo(ctx, legal) ? '修改后合法' : undefined,
      legalReviewer: '局政策法规科、法律顾问',
      collectiveOn: clampTo(ctx, coll) ?? undefined,
      meeting: clampTo(ctx, coll) ? '局党组会议' : undefined,
      publishedOn: clampTo(ctx, pub) ?? undefined,
      archivedOn: clampTo(ctx, arch) ?? undefined,
      note: '按照《重大行政决策程序暂行条例》履行法定程序。',
    });
  }
  return out;
});

// ───────────── normative documents ─────────────

const NORMDOCS = [
  '临时救助实施细则',
  '特困人员认定办法',
  '养老服务补贴管理办法',
  '殡葬惠民政策实施办法',
  '社会组织等级评估管理办法',
  '经济困难老年人能力评估办法',
];

const normdocRows = generator(normdoc, (ctx) => {
  const out: DataOf<typeof normdoc>[] = [];
  let n = 0;
  for (const y of years(ctx)) {
    const count = y.year === 2025 ? 3 : 2;
    for (let i = 0; i < count; i++) {
      const title = `${ctx.org.region}${NORMDOCS[n++ % NORMDOCS.length]}`;
      const cf = ctx.rng.workday(`${y.year}-02-01`, `${y.year}-07-31`);
      const ct = addDays(cf, 30);
      const lr = addDays(ct, 10);
      const del = addDays(lr, 7);
      const pub = addDays(del, 10);
      if (pub > ctx.to) {
        out.push({
          title,
          unitId: unit(ctx, '社会救助科'),
          commentFrom: cf,
          commentTo: clampTo(ctx, ct) ?? undefined,
          status: '起草中',
        });
        continue;
      }
      const filed = addDays(pub, ctx.rng.int(8, i === 2 ? 40 : 25));
      out.push({
        docNo: `${prefix(ctx)}〔${y.year}〕${n}号`,
        title,
        unitId: unit(ctx, ctx.rng.pick(['社会救助科', '养老服务科', '社会事务科'])),
        commentFrom: cf,
        commentTo: ct,
        legalReviewOn: lr,
        legalOpinion: '合法',
        deliberatedOn: del,
        meeting: '局党组会议',
        publishedOn: pub,
        effectiveOn: addDays(pub, 30),
        validUntil: addDays(addMonths(pub, 60), -1),
        filedOn: clampTo(ctx, filed) ?? undefined,
        filedWith: `${ctx.org.region}司法局`,
        status: '有效',
      });
    }
  }
  return out;
});

const normdocCleanupRows = generator(normdocCleanup, (ctx) => {
  const out: DataOf<typeof normdocCleanup>[] = [];
  for (const y of years(ctx)) {
    const date = clampTo(ctx, `${y.year}-09-26`);
    if (!date) continue;
    const reviewed = scale(ctx, 14);
    const repealed = ctx.rng.int(1, 3);
    const amended = ctx.rng.int(0, 2);
    const expired = ctx.rng.int(0, 1);
    out.push({
      date,
      kind: '定期清理',
      scope: `${ctx.org.shortName}现行有效的行政规范性文件`,
      reviewed,
      repealed,
      amended,
      expired,
      kept: reviewed - repealed - amended - expired,
      publishedOn: clampTo(ctx, addDays(date, 10)) ?? undefined,
      note: '对不符合上位法规定的文件予以废止或修改。',
    });
  }
  return out;
});

// ───────────── disclosure ─────────────

const DISCLOSURE_CATS: Array<[ValueIn<typeof disclosureItem, 'category'>, number]> = [
  ['工作动态、信息公告', 60],
  ['规划及相关政策', 10],
  ['社会救助', 25],
  ['机关职能、机构设置、负责人等', 6],
  ['规范性文件', 3],
  ['财政预算、决算', 4],
  ['政府集中采购', 6],
  ['公共服务、公益事业', 14],
  ['行政许可和对外管理服务事项', 8],
  ['统计信息', 6],
];

const disclosureItemRows = generator(disclosureItem, (ctx) => {
  const out: DataOf<typeof disclosureItem>[] = [];
  for (const y of years(ctx)) {
    // 示范县 2025: 142 items (seed 001)
    const target = y.year === 2025 ? scale(ctx, 142) : Math.round(scale(ctx, 142) * share(y));
    const total = DISCLOSURE_CATS.reduce((s, [, w]) => s + w, 0);
    let made = 0;
    for (const [cat, w] of DISCLOSURE_CATS) {
      const n = Math.round((target * w) / total);
      for (let i = 0; i < n && made < target; i++, made++) {
        const formed = ctx.rng.date(y.from, y.to);
        out.push({
          title: `${ctx.org.shortName}${cat === '工作动态、信息公告' ? ctx.rng.pick(['开展', '召开', '部署', '完成']) : '关于'}${ctx.rng.pick(['养老服务', '社会救助', '婚姻登记', '殡葬改革', '社会组织', '未成年人保护', '慈善工作'])}${cat === '工作动态、信息公告' ? '工作' : '信息的公告'}（${y.year}-${made + 1}）`,
          category: cat,
          formedOn: formed,
          publishedOn: onOrBefore(ctx, formed, ctx.rng, 5),
          channel: ctx.rng.pick(['政府网站', '政府信息公开平台', '政务新媒体']),
          unitId: unit(ctx, cat === '社会救助' ? '社会救助科' : '办公室'),
        });
      }
    }
    while (made < target) {
      const formed = ctx.rng.date(y.from, y.to);
      out.push({
        title: `${ctx.org.shortName}工作动态（${y.year}-${++made}）`,
        category: '工作动态、信息公告',
        formedOn: formed,
        publishedOn: onOrBefore(ctx, formed, ctx.rng, 3),
        channel: '政府网站',
        unitId: unit(ctx, '办公室'),
      });
    }
  }
  return out;
});

const disclosureRequestRows = generator(disclosureRequest, (ctx) => {
  const out: DataOf<typeof disclosureRequest>[] = [];
  const asks = [
    '申请公开本人低保审批材料',
    '申请公开某养老机构检查结果',
    '申请公开某公墓建设审批文件',
    '申请公开社会组织年检结果',
    '申请公开临时救助资金发放名单',
  ];
  for (const y of years(ctx)) {
    const n = Math.max(1, Math.round(scale(ctx, 4) * share(y)));
    for (let i = 0; i < n; i++) {
      const received = ctx.rng.workday(y.from, y.to);
      const outcomeSet: Array<[ValueIn<typeof disclosureRequest, 'outcome'>, string | undefined]> = [
        ['予以公开', undefined],
        ['部分公开', undefined],
        ['无法提供', '本机关不掌握相关政府信息'],
        ['不予公开', '保护第三方合法权益'],
      ];
      const [outcome, reason] = outcomeSet[i % outcomeSet.length];
      // Every fourth request shows one of the 条例's clocks: an approved extension (第三十三条第二款),
      // a dated third-party consultation (第三十二条), a 补正 that stops the clock (第三十条).
      const variant = i % 4;
      const replied = addDays(received, variant === 1 || variant === 2 ? ctx.rng.int(30, 40) : ctx.rng.int(8, 25));
      // The year's last request (the current year's) waits for the applicant's 补正.
      const awaitingCorrection = i === n - 1 && y.to === ctx.to;
      const open = replied > ctx.to || awaitingCorrection;
      const approvedOn = addDays(received, 21);
      const consultFrom = addDays(received, 5);
      const consultTo = addDays(consultFrom, 14);
      out.push({
        receivedOn: received,
        channel: ctx.rng.pick(['互联网在线', '当面提交', '邮政挂号/快递']),
        applicantType: '自然人',
        applicantName: ctx.rng.pick(['王某', '李某', '张某', '刘某']),
        content: asks[i % asks.length],
        correctionNoticeOn: awaitingCorrection ? (clampTo(ctx, addDays(received, 3)) ?? received) : undefined,
        extensionDays: variant === 1 && approvedOn <= ctx.to ? 15 : undefined,
        extensionApprover: variant === 1 && approvedOn <= ctx.to ? '办公室主任' : undefined,
        extensionApprovedOn: variant === 1 && approvedOn <= ctx.to ? approvedOn : undefined,
        consultationFrom: variant === 2 ? (clampTo(ctx, consultFrom) ?? undefined) : undefined,
        consultationTo: variant === 2 && consultFrom <= ctx.to ? (clampTo(ctx, consultTo) ?? undefined) : undefined,
        outcome: open ? undefined : outcome,
        outcomeReason: open ? undefined : reason,
        repliedOn: open ? undefined : replied,
        unitId: unit(ctx, '办公室'),
      });
    }
  }
  return out;
});

// ───────────── oversight ─────────────

const SUGGESTION_TOPICS = [
  '加强社区养老服务设施建设',
  '提高农村低保保障水平',
  '规范殡葬服务收费',
  '加强未成年人保护工作',
  '推进社区治理现代化',
  '加大社会组织培育力度',
  '完善残疾人两项补贴',
  '建设公益性公墓',
  '加强困境儿童关爱',
  '推进婚俗改革',
  '发展居家养老服务',
  '加强社会救助信息化',
  '规范养老机构食品安全',
];

const suggestionRows = generator(suggestion, (ctx) => {
  const out: DataOf<typeof suggestion>[] = [];
  for (const y of years(ctx)) {
    const npc = y.year === 2025 ? scale(ctx, 13) : Math.round(scale(ctx, 12) * share(y));
    const cppcc = y.year === 2025 ? scale(ctx, 11) : Math.round(scale(ctx, 10) * share(y));
    for (const [kind, n, who] of [
      ['人大代表建议', npc, '代表'],
      ['政协提案', cppcc, '委员'],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const assigned = ctx.rng.workday(`${y.year}-03-10`, y.to < `${y.year}-05-31` ? y.to : `${y.year}-05-31`);
        const replied = addDays(assigned, ctx.rng.int(30, 85));
        const open = replied > ctx.to;
        out.push({
          kind,
          number: `${kind === '人大代表建议' ? '建' : '提'}${y.year}${String(i + 1).padStart(3, '0')}`,
          title: `关于${SUGGESTION_TOPICS[(i + (kind === '政协提案' ? 5 : 0)) % SUGGESTION_TOPICS.length]}的${kind === '人大代表建议' ? '建议' : '提案'}`,
          proposer: `${ctx.rng.pick(['王', '李', '张', '刘', '陈', '杨', '黄'])}${ctx.rng.pick(['建华', '秀梅', '志强', '丽娟', '国庆', '春燕'])}${who}`,
          assignedOn: assigned,
          role: i % 5 === 4 ? '协办' : '主办',
          repliedOn: open ? undefined : replied,
          resultClass: open ? undefined : ctx.rng.pick(['A类（已解决或采纳）', 'A类（已解决或采纳）', 'B类（正在解决或列入计划）']),
          satisfaction: open ? undefined : ctx.rng.chance(0.85) ? '满意' : '基本满意',
          unitId: unit(ctx, ctx.rng.pick(['养老服务科', '社会救助科', '社会事务科', '社会组织管理局'])),
        });
      }
    }
  }
  return out;
});

const disputeCaseRows = generator(disputeCase, (ctx) => {
  const out: DataOf<typeof disputeCase>[] = [];
  for (const y of years(ctx)) {
    const lawsuits = y.year === 2025 ? scale(ctx, 5) : Math.max(1, Math.round(scale(ctx, 3) * share(y)));
    for (let i = 0; i < lawsuits; i++) {
      const copy = ctx.rng.workday(y.from, y.to);
      const closed = addDays(copy, ctx.rng.int(40, 90));
      const open = closed > ctx.to;
      const head = i % 2 === 0;
      out.push({
        kind: '行政诉讼',
        role: '被告',
        caseNumber: `（${y.year}）${ctx.org.key === 'city' ? '某' : ctx.org.key === 'shifan' ? '示' : '和'}0${ctx.rng.int(1, 9)}行初${ctx.rng.int(10, 99)}号`,
        counterpart: `${ctx.rng.pick(['王', '李', '张', '刘'])}某`,
        matter: ctx.rng.pick(['请求撤销婚姻登记（历史遗留问题）', '请求确认婚姻登记无效', '不服最低生活保障审核决定']),
        copyReceivedOn: copy,
        answeredOn: addDays(copy, ctx.rng.int(5, 14)) > ctx.to ? undefined : addDays(copy, ctx.rng.int(5, 14)),
        headAppeared: head || undefined,
        headName: head ? ctx.org.deputy : undefined,
        headPosition: head ? '副局长' : undefined,
        result: open ? undefined : '调解撤诉',
        closedOn: open ? undefined : closed,
        unitId: unit(ctx, '婚姻登记处'),
        note: '对接局法律顾问积极应诉，与当事人沟通后在案前达成调解协议。',
      });
    }
    // 2023 seed: no reconsiderations; the demo gives the city one in 2026 to show the other kind.
    if (y.year === 2026 && ctx.org.level === 'city') {
      const copy = ctx.rng.workday(y.from, y.to);
      out.push({
        kind: '行政复议',
        role: '被申请人',
        counterpart: '赵某',
        matter: '不服临时救助不予批准决定',
        procedure: '普通程序',
        copyReceivedOn: copy,
        answeredOn: clampTo(ctx, addDays(copy, 9)) ?? undefined,
        result: clampTo(ctx, addDays(copy, 50)) ? '维持' : undefined,
        closedOn: clampTo(ctx, addDays(copy, 50)) ?? undefined,
        unitId: unit(ctx, '社会救助科'),
      });
    }
  }
  return out;
});

const petitionRows = generator(petition, (ctx) => {
  const out: DataOf<typeof petition>[] = [];
  const matters = [
    '反映低保资格认定问题',
    '咨询高龄津贴申领',
    '反映养老院服务质量',
    '反映公墓收费问题',
    '要求补办婚姻登记证明',
    '反映社会组织乱收费',
    '咨询残疾人两项补贴',
  ];
  for (const y of years(ctx)) {
    const n = Math.round(scale(ctx, 10) * share(y));
    for (let i = 0; i < n; i++) {
      const received = ctx.rng.workday(y.from, y.to);
      const handled = addDays(received, ctx.rng.int(5, 55));
      const open = handled > ctx.to;
      out.push({
        receivedOn: received,
        channel: ctx.rng.pick(['来访', '来信', '网上信访', '电话', '领导信箱']),
        petitioner: `${ctx.rng.pick(['王', '李', '张', '刘', '陈'])}某`,
        matter: matters[i % matters.length],
        firstResponder: ctx.rng.pick(ctx.org.staff),
        handledOn: open ? undefined : handled,
        result: open ? undefined : ctx.rng.chance(0.9) ? '已办结' : '已转送有权机关',
        unitId: unit(ctx, ctx.rng.pick(['社会救助科', '养老服务科', '殡葬管理所', '婚姻登记处'])),
        note: open ? undefined : '首问负责，按期答复信访人。',
      });
    }
  }
  return out;
});

// ───────────── enforcement ─────────────

const ITEMS: Array<[string, ValueIn<typeof enforcementItem, 'kind'>, string, string, boolean]> = [
  ['对未经登记擅自以社会团体名义进行活动的处罚', '行政处罚', '《社会团体登记管理条例》第三十二条', '社会组织管理局', true],
  ['对社会团体违反登记管理规定行为的处罚', '行政处罚', '《社会团体登记管理条例》第三十条', '社会组织管理局', true],
  ['对民办非企业单位违法行为的处罚', '行政处罚', '《民办非企业单位登记管理暂行条例》第二十五条', '社会组织管理局', true],
  ['对养老机构违法行为的处罚', '行政处罚', '《养老机构管理办法》第四十六条', '养老服务科', true],
  ['对擅自兴建殡葬设施的处罚', '行政处罚', '《殡葬管理条例》第十八条', '殡葬管理所', true],
  ['对制造、销售封建迷信殡葬用品的处罚', '行政处罚', '《殡葬管理条例》第二十二条', '殡葬管理所', true],
  ['对社会组织的监督检查', '行政检查', '《社会团体登记管理条例》第二十四条', '社会组织管理局', false],
  ['对养老机构的监督检查', '行政检查', '《养老机构管理办法》第三十五条', '养老服务科', false],
  ['对殡葬服务单位的监督检查', '行政检查', '《殡葬管理条例》第五条', '殡葬管理所', false],
  ['最低生活保障对象认定', '行政确认', '《社会救助暂行办法》第十一条', '社会救助科', false],
  ['特困人员救助供养', '行政给付', '《社会救助暂行办法》第十四条', '社会救助科', false],
  ['慈善组织公开募捐资格审核', '行政许可', '《中华人民共和国慈善法》第二十二条', '社会组织管理局', false],
];

const enforcementItemRows = generator(enforcementItem, (ctx) =>
  ITEMS.map(
    ([name, kind, basis, u, transferred], i): DataOf<typeof enforcementItem> => ({
      name,
      kind,
      code: `${ctx.org.key === 'city' ? '33' : '3301'}${String(i + 1).padStart(4, '0')}`,
      basis,
      unitId: unit(ctx, u),
      transferred: ctx.org.level === 'county' && transferred ? true : undefined,
      transferredOn: ctx.org.level === 'county' && transferred ? '2025-03-28' : undefined,
      note: ctx.org.level === 'county' && transferred ? '“大综合一体化”改革，已划转县综合行政执法局' : undefined,
    }),
  ),
);

const enforcementCaseRows = generator(enforcementCase, (ctx) => {
  const out: DataOf<typeof enforcementCase>[] = [];
  for (const y of years(ctx)) {
    const n = Math.max(1, Math.round((ctx.org.level === 'city' ? 4 : 2) * share(y)));
    for (let i = 0; i < n; i++) {
      const filed = ctx.rng.workday(y.from, y.to);
      const major = ctx.org.level === 'city' && i === 0 && y.year === 2025;
      const review = addDays(filed, 20);
      const decided = addDays(filed, 30);
      // The major case asked for a hearing: notified 9 working days ahead, held before the decision (行政处罚法第六十四条).
      const hearing = major ? addDays(filed, 25) : undefined;
      const notified = hearing ? workdaysBefore(OFFICIAL_CALENDAR, hearing, 9).due : undefined;
      const done = decided <= ctx.to;
      out.push({
        caseNumber: `${ctx.org.key === 'city' ? '某' : ctx.org.key === 'shifan' ? '示' : '和'}民罚〔${y.year}〕${i + 1}号`,
        kind: i % 2 ? '行政检查' : '行政处罚',
        matter: ctx.rng.pick(['擅自销售封建迷信殡葬用品', '养老机构未按规定留样食品', '社会组织未按规定参加年检', '违规建设骨灰存放设施']),
        party: ctx.rng.pick([...ELDER_HOMES, ...SOCIAL_ORGS, '某殡葬用品店']),
        filedOn: filed,
        major: major || undefined,
        legalReviewOn: major ? review : undefined,
        legalReviewer: major ? '政策法规科、公职律师' : undefined,
        legalReviewOpinion: major ? '同意' : undefined,
        collective: major || undefined,
        hearingOn: hearing,
        hearingNoticeOn: notified && filed <= notified ? notified : undefined,
        decidedOn: done ? decided : undefined,
        publicizedOn: done && clampTo(ctx, addDays(decided, 5)) ? addDays(decided, 5) : undefined,
        fullRecord: true,
        avRecord: true,
        result: done ? (i % 2 ? '作出其他决定' : '作出处罚决定') : undefined,
        closedOn: done && clampTo(ctx, addDays(decided, 20)) ? addDays(decided, 20) : undefined,
        unitId: unit(ctx, ctx.rng.pick(['殡葬管理所', '养老服务科', '社会组织管理局'])),
        note: '执法全过程记录，执法记录仪全程录像。',
      });
    }
  }
  return out;
});

const leadTransferRows = generator(leadTransfer, (ctx) => {
  const out: DataOf<typeof leadTransfer>[] = [];
  for (const y of years(ctx)) {
    const date = ctx.rng.workday(`${y.year}-04-01`, y.to < `${y.year}-10-31` ? y.to : `${y.year}-10-31`);
    if (date > ctx.to || date < y.from) continue;
    out.push({
      transferredOn: date,
      matter: ctx.rng.pick(['某未登记社会组织以协会名义开展活动', '某殡葬用品店销售封建迷信用品', '某养老机构涉嫌违规收取押金']),
      receiver: `${ctx.org.region}综合行政执法局`,
      source: '日常检查发现',
      feedback: '已立案查处。',
      unitId: unit(ctx, '社会组织管理局'),
    });
  }
  return out;
});

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(rng: Rng, kind: string): string {
  let s = kind === '社会组织' ? '51' : kind === '养老机构' ? '52' : '12';
  s += String(rng.int(100000, 999999));
  for (let i = 0; i < 10; i++) s += CODE_CHARS[rng.int(0, CODE_CHARS.length - 1)];
  return s;
}

const inspectionObjectRows = generator(inspectionObject, (ctx) => {
  const out: DataOf<typeof inspectionObject>[] = [];
  type ObjectType = ValueIn<typeof inspectionObject, 'type'>;
  const objs: Array<[string, ObjectType, string]> = [
    ...ELDER_HOMES.map((n): [string, ObjectType, string] => [n, '养老机构', '养老服务科']),
    ...SOCIAL_ORGS.map((n): [string, ObjectType, string] => [n, '社会组织', '社会组织管理局']),
    ['城东公益性公墓', '殡葬服务单位', '殡葬管理所'],
    ['安息堂骨灰存放处', '殡葬服务单位', '殡葬管理所'],
    ['殡仪服务中心', '殡葬服务单位', '殡葬管理所'],
    ['未成年人救助保护中心', '未成年人救助保护机构', '儿童福利科'],
    ['儿童福利院', '儿童福利机构', '儿童福利科'],
  ];
  const extra = ['和谐', '阳光', '仁爱', '康宁', '百福', '益善', '同心', '惠民', '金色年华', '乐龄'];
  for (const [i, e] of extra.entries())
    objs.push(i % 2 ? [`${e}社会工作服务中心`, '社会组织', '社会组织管理局'] : [`${e}养老服务中心`, '养老机构', '养老服务科']);
  for (const [name, type, u] of objs) {
    out.push({
      name: `${ctx.org.region}${name}`,
      type,
      creditCode: creditCode(ctx.rng, type),
      region: ctx.org.region,
      address: `${ctx.org.region}${ctx.rng.pick(['城关镇', '新华街道', '东城街道', '和平路'])}${ctx.rng.int(1, 300)}号`,
      status: '在库',
      unitId: unit(ctx, u),
    });
  }
  return out;
});

const inspectionTaskRows = generator(inspectionTask, (ctx) => {
  const out: DataOf<typeof inspectionTask>[] = [];
  for (const y of years(ctx)) {
    // seed 001: 跨部门发起 1, 跨部门接收 2, 单部门 2; 25 institutions inspected.
    const plan: Array<[ValueIn<typeof inspectionTask, 'kind'>, string, string, number, string]> = [
      ['跨部门发起', '养老机构消防和食品安全联合抽查', '应急管理局、市场监督管理局', 6, '养老服务科'],
      ['跨部门接收', '社会组织登记事项联合抽查', '市场监督管理局', 5, '社会组织管理局'],
      ['跨部门接收', '公墓经营行为联合抽查', '自然资源局', 4, '殡葬管理所'],
      ['单部门', '社会组织年度抽查', '', 6, '社会组织管理局'],
      ['单部门', '养老机构服务质量抽查', '', 4, '养老服务科'],
    ];
    plan.forEach(([kind, name, partners, objects, u], i) => {
      const planned = `${y.year}-${String(3 + i * 2).padStart(2, '0')}-1${i}`;
      if (planned > ctx.to) return;
      const completed = addDays(planned, ctx.rng.int(15, 40));
      const done = completed <= ctx.to;
      const published = addDays(completed, ctx.rng.int(3, 15));
      const problems = ctx.rng.int(0, 3);
      out.push({
        name: `${y.year}年${name}`,
        kind,
        partners: partners || undefined,
        matters: name.replace(/联合|年度/, '').replace('抽查', '情况'),
        plannedOn: planned,
        objectsInspected: done ? scale(ctx, objects) : undefined,
        creditLinked: i !== 4 || ctx.org.key !== 'heping',
        viaMobile: true,
        completedOn: done ? completed : undefined,
        publishedOn: done && published <= ctx.to ? published : undefined,
        problemsFound: done ? problems : undefined,
        followedUp: done && problems > 0 ? true : undefined,
        unitId: unit(ctx, u),
      });
    });
  }
  return out;
});

/** Every hand-written generator, once; a ledger not listed gets rows from its declaration. */
registerGenerators([
  studySessionRows,
  lawExamRows,
  personRows,
  leadingMemberRows,
  resultRows,
  publicityActivityRows,
  caseTeachingRows,
  dutyItemRows,
  planTaskRows,
  problemRows,
  adviserRows,
  adviserWorkRows,
  collectiveDecisionRows,
  majorDecisionRows,
  normdocRows,
  normdocCleanupRows,
  disclosureItemRows,
  disclosureRequestRows,
  suggestionRows,
  disputeCaseRows,
  petitionRows,
  enforcementItemRows,
  enforcementCaseRows,
  leadTransferRows,
  inspectionObjectRows,
  inspectionTaskRows,
]);
