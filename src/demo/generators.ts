/**
 * Demo data per ledger. A ledger with a hand-written generator gets content that reproduces the kind
 * of figures in the seeds; any other ledger in the registry gets plausible records generated from its
 * declaration (so a newly declared ledger is never empty in the demo).
 */
import type { Ledger } from '../ledger/define.ts';
import type { FieldDef, RecordData } from '../ledger/field.ts';
import { addDays } from '../util/time.ts';
import { LAWS, PLACES, STUDY_TOPICS, textFor } from './content.ts';
import type { Rng } from './rng.ts';
import type { DemoOrg } from './skeleton.ts';

export type GenCtx = {
  org: DemoOrg;
  rng: Rng;
  /** First day of demo data (2025-01-01). */
  from: string;
  /** Last day of demo data (today). */
  to: string;
  ledger: Ledger;
};

export type Generator = (ctx: GenCtx) => RecordData[];

export const isCounty = (ctx: GenCtx): boolean => ctx.org.level === 'county';

/** The years covered, each with its first and last day (the current year ends today). */
export function years(ctx: GenCtx): Array<{ year: number; from: string; to: string }> {
  const out: Array<{ year: number; from: string; to: string }> = [];
  for (let y = Number(ctx.from.slice(0, 4)); y <= Number(ctx.to.slice(0, 4)); y++) {
    const from = `${y}-01-01` < ctx.from ? ctx.from : `${y}-01-01`;
    const to = `${y}-12-31` > ctx.to ? ctx.to : `${y}-12-31`;
    out.push({ year: y, from, to });
  }
  return out;
}

/** Only the fields the ledger declares (a generator may offer more than a declaration has). */
export function fit(ledger: Ledger, d: Record<string, unknown>): RecordData {
  const out: RecordData = {};
  for (const [k, v] of Object.entries(d)) {
    if (ledger.fields[k] && v !== undefined) out[k] = v as RecordData[string];
  }
  return out;
}

const unitOf = (ctx: GenCtx, name: string): string => ctx.org.units[name] ?? Object.values(ctx.org.units)[0];

// ───────────── generic: from the declaration ─────────────

function intFor(def: FieldDef, rng: Rng, year: number): number {
  const L = def.label;
  let v: number;
  if (/年度|年份/.test(L)) v = year;
  else if (/人数|人次|参加|受众|听众/.test(L)) v = rng.int(15, 80);
  else if (/天|日/.test(L)) v = rng.int(1, 15);
  else if (/金额|万元|元/.test(L)) v = rng.int(5, 300);
  else if (/数量|份|册|件|张|条|本/.test(L)) v = rng.int(20, 300);
  else v = rng.int(1, 10);
  if (def.min !== undefined && v < def.min) v = def.min;
  if (def.max !== undefined && v > def.max) v = def.max;
  return v;
}

/** One record built from the declaration alone. Dates follow the field order (start before end). */
export function genericRecord(ctx: GenCtx, date: string, n: number, year: number): RecordData {
  const { rng, ledger, org } = ctx;
  const d: RecordData = {};
  let cursor = date;
  let firstDate = true;
  for (const [name, def] of Object.entries(ledger.fields)) {
    switch (def.kind) {
      case 'date': {
        if (!firstDate) cursor = addDays(cursor, rng.int(3, 20));
        firstDate = false;
        if (cursor > ctx.to) {
          if (def.required) d[name] = ctx.to;
          break;
        }
        d[name] = cursor;
        break;
      }
      case 'int':
        d[name] = intFor(def, rng, year);
        break;
      case 'number':
        d[name] = Math.min(def.max ?? 1e9, Math.max(def.min ?? 0, rng.int(1, 20)));
        break;
      case 'enum':
        d[name] = rng.pick(def.options ?? ['']);
        break;
      case 'tags':
        d[name] = rng.some(def.options ?? [], rng.int(1, 2));
        break;
      case 'bool':
        d[name] = rng.chance(0.85);
        break;
      case 'unit':
        d[name] = rng.pick(Object.values(org.units));
        break;
      case 'text': {
        const t = textFor(def.label, (xs) => rng.pick(xs), n, org.shortName, year);
        if (t || def.required) d[name] = t || `${def.label}（${year}）`;
        break;
      }
      case 'longtext':
        if (def.required || rng.chance(0.5)) d[name] = `${org.shortName}${def.label}：按照有关规定办理，材料已归档。`;
        break;
    }
  }
  if (ledger.titleField && ledger.fields[ledger.titleField]?.kind === 'text') {
    const t = d[ledger.titleField];
    if (typeof t !== 'string' || /：\d{4}年第/.test(t) || t === '')
      d[ledger.titleField] = `${year}年${ledger.label.replace(/台账$/, '')}（${org.shortName}第${n}项）`;
  }
  return d;
}

export const generic: Generator = (ctx) => {
  const out: RecordData[] = [];
  let n = 0;
  const perYear = isCounty(ctx) ? 6 : 4;
  for (const y of years(ctx)) {
    const count = Math.max(1, Math.round((perYear * (Number(y.to.slice(5, 7)) || 12)) / 12));
    for (let i = 0; i < count; i++) out.push(genericRecord(ctx, ctx.rng.workday(y.from, y.to), ++n, y.year));
  }
  return out;
};

// ───────────── study ─────────────

const studySession: Generator = (ctx) => {
  const { rng, org } = ctx;
  const out: RecordData[] = [];
  // per year: [kind, count, unit, attendees range]
  const plan: Array<[string, number, string, number, number, number]> = [
    ['党组理论学习中心组学法', 6, '办公室', 7, 11, 3],
    ['领导干部法治讲座', 2, '政策法规科', 30, 60, 2],
    ['局务会会前学法', 8, '办公室', 12, 20, 1],
    ['干部职工集中学法', 4, '政策法规科', 35, 70, 2],
    ['执法人员培训', 2, '殡葬管理所', 10, 25, 4],
    ['旁听庭审', 1, '政策法规科', 8, 15, 3],
    ['在线学法', 2, '办公室', 40, 70, 2],
  ];
  for (const y of years(ctx)) {
    const share = Math.min(1, (Number(y.to.slice(5, 7)) + 0.5) / 12);
    for (const [kind, perYear, unit, lo, hi, hours] of plan) {
      const count = Math.max(1, Math.round(perYear * share) - (kind === '党组理论学习中心组学法' && y.year > 2025 ? 1 : 0));
      for (let i = 0; i < count; i++) {
        const topic = rng.pick(STUDY_TOPICS);
        const laws = rng.some(LAWS, 2).join('、');
        const lecturer =
          kind === '领导干部法治讲座'
            ? `${rng.pick(['孙立平', '沈文博'])}（法律顾问）`
            : kind === '党组理论学习中心组学法'
              ? org.head
              : rng.pick([org.deputy, org.officer]);
        out.push(
          fit(ctx.ledger, {
            date: rng.workday(y.from, y.to),
            kind,
            topic: kind === '旁听庭审' ? `组织旁听${rng.pick(['行政诉讼', '婚姻登记行政诉讼', '社会救助行政诉讼'])}案件庭审` : topic,
            laws,
            lecturer,
            attendees: rng.int(lo, hi),
            hours,
            unitId: unitOf(ctx, unit),
            note: kind === '旁听庭审' ? `地点：${PLACES[6]}` : '',
          }),
        );
      }
    }
  }
  return out;
};

const lawExam: Generator = (ctx) => {
  const { rng } = ctx;
  const out: RecordData[] = [];
  for (const y of years(ctx)) {
    const date = `${y.year}-11-${String(rng.int(10, 20)).padStart(2, '0')}`;
    if (date > ctx.to) continue;
    const eligible = isCounty(ctx) ? rng.int(38, 52) : rng.int(60, 80);
    const participants = eligible;
    const passed = participants;
    const excellent = passed - rng.int(3, 9);
    out.push(
      fit(ctx.ledger, { name: `${y.year}年度国家工作人员学法考试`, date, platform: '法宣在线', eligible, participants, passed, excellent }),
    );
  }
  return out;
};

/** Hand-written generators by ledger key; the module files below add theirs. */
export const GENERATORS: Record<string, Generator> = {
  study_session: studySession,
  law_exam: lawExam,
};
