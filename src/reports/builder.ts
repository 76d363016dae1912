/**
 * Small helpers the templates write documents with, and the context a template reads: the bureau,
 * the year and the records whose titles it may quote. Templates never count records themselves —
 * every number is a figure reference — and never query the database: the context has no handle,
 * only the reads below.
 */
import type { Db } from '../db/types.ts';
import { getFigureDecl } from '../figures/define.ts';
import { type Period, yearPeriod } from '../figures/evaluate.ts';
import { findRecordsInPeriod, type RecordView } from '../ledger/record.repo.ts';
import type { DataOf, Ledger } from '../ledger/define.ts';
import { findOrgs, findUnitNames } from '../org/org.repo.ts';
import { type AnnualLayout, DEFAULT_ANNUAL_LAYOUT } from './layouts.ts';
import type { Block, FigRun, HeadingLevel, NoneRun, OwnRun, ReportContent, Run, Section, TextRun, WhenRun } from '../contract.ts';

type RunLike = Run | string;
const toRuns = (xs: readonly RunLike[]): Run[] => xs.map((x) => (typeof x === 'string' ? { t: x } : x));

/** A figure reference. */
export const n = (key: string, part?: string): FigRun => (part === undefined ? { fig: key } : { fig: key, part });
/** Wording by a figure: `some` when it is not 0, `zero` when it is. */
export const when = (key: string, some: readonly RunLike[], zero: readonly RunLike[]): WhenRun => ({
  when: key,
  some: toRuns(some),
  zero: toRuns(zero),
});
export const whenPart = (key: string, part: string, some: readonly RunLike[], zero: readonly RunLike[]): WhenRun => ({
  when: key,
  part,
  some: toRuns(some),
  zero: toRuns(zero),
});
/**
 * The officer's own words for slot `id` (unique in the document): what no record can show — a
 * judgement, a plan, a cause. The template may offer a suggestion; it prints marked as hers until she
 * confirms or rewrites it. `hint` tells her what to write.
 */
export const own = (id: string, hint: string, ...runs: ReadonlyArray<string | FigRun>): OwnRun => ({
  own: id,
  hint,
  runs: runs.map((x): TextRun | FigRun => (typeof x === 'string' ? { t: x } : x)),
});
/** A negative statement, true only while `key` is 0 and printed only once a person confirmed it. */
export const none = (key: string, text: string, part?: string): NoneRun =>
  part === undefined ? { none: key, text } : { none: key, part, text };
/** Wording by a figure whose 0 is a negative statement: `some` when not 0, else `text` (to be confirmed). */
export const whenNone = (key: string, some: readonly RunLike[], text: string): WhenRun => when(key, some, [none(key, text)]);
export const p = (...runs: RunLike[]): Block => ({ type: 'paragraph', runs: toRuns(runs) });
/** A paragraph with a run-in heading: lead(2, '（一）加强组织领导。', '正文…'). */
export const lead = (level: 2 | 3 | 4, text: string, ...runs: RunLike[]): Block => ({
  type: 'paragraph',
  lead: { level, text },
  runs: toRuns(runs),
});
export const h = (level: HeadingLevel, text: string): Block => ({ type: 'heading', level, text });
export const section = (key: string, heading: string, blocks: Block[]): Section => ({ key, heading, blocks });
export const cell = (...runs: RunLike[]): { runs: Run[] } => ({ runs: toRuns(runs) });

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 12 → 十二, 20 → 二十 (heading numbers). */
export function cnNumber(i: number): string {
  if (i < 10) return CN_DIGITS[i];
  if (i < 20) return `十${i % 10 ? CN_DIGITS[i % 10] : ''}`;
  if (i < 100) return `${CN_DIGITS[Math.floor(i / 10)]}十${i % 10 ? CN_DIGITS[i % 10] : ''}`;
  return String(i);
}
/** Heading labels by level: 一、 / （一） / 1. / （1）. */
export const num = {
  l1: (i: number) => `${cnNumber(i)}、`,
  l2: (i: number) => `（${cnNumber(i)}）`,
  l3: (i: number) => `${i}.`,
  l4: (i: number) => `（${i}）`,
};

/** Numbers the run-in leads of a list of blocks: each `lead` at level 2 gets （一）（二）… in order. */
export function numberLeads(blocks: Block[]): Block[] {
  let i = 0;
  return blocks.map((b) =>
    b.type === 'paragraph' && b.lead?.level === 2 ? { ...b, lead: { ...b.lead, text: `${num.l2(++i)}${b.lead.text}` } } : b,
  );
}

export type OrgInfo = { id: string; name: string; shortName: string; parentName: string | null; level: string };

export type TemplateCtx = {
  org: OrgInfo;
  orgIds: string[];
  year: number;
  rollup: boolean;
  period: Period;
  today: string;
  /** Whether a figure key is declared by some module. */
  declared: (key: string) => boolean;
  /** Records of a ledger in the report period, typed by the ledger's declaration. */
  records: <L extends Ledger>(ledger: L, period?: Period) => Promise<RecordView<DataOf<L>>[]>;
  /** Names of units by id (ids taken from records the context returned). */
  unitNames: (ids: readonly string[]) => Promise<Map<string, string>>;
  /** Names of the bureaus the report covers, the reporting bureau first (a roll-up names its counties). */
  orgNames: () => Promise<string[]>;
  /** The bureau's report settings. */
  settings: { annualLayout: AnnualLayout };
};

export function makeCtx(
  db: Db,
  org: OrgInfo,
  orgIds: string[],
  year: number,
  rollup: boolean,
  today: string,
  settings: { annualLayout: AnnualLayout } = { annualLayout: DEFAULT_ANNUAL_LAYOUT },
): TemplateCtx {
  const period = yearPeriod(year);
  return {
    org,
    orgIds,
    year,
    rollup,
    period,
    today,
    declared: (key) => getFigureDecl(key) !== undefined,
    records: <L extends Ledger>(ledger: L, p: Period = period) => findRecordsInPeriod(db, orgIds, ledger, p),
    unitNames: (ids) => findUnitNames(db, ids),
    orgNames: async () => {
      const orgs = await findOrgs(db, orgIds);
      return [...orgs.filter((o) => o.id === org.id), ...orgs.filter((o) => o.id !== org.id)].map((o) => o.name);
    },
    settings,
  };
}

/** Distinct law names from study records' `laws` field, in 《》. */
export function lawNames(recs: ReadonlyArray<{ data: { laws?: string | null } }>, max = 6): string[] {
  const names = new Set<string>();
  for (const r of recs) {
    const v = r.data.laws;
    if (typeof v !== 'string') continue;
    for (const raw of v.split(/[、，,;；\s]+/)) {
      const s = raw.replace(/[《》]/g, '').trim();
      if (s) names.add(`《${s}》`);
    }
  }
  return [...names].slice(0, max);
}

/** Quotes a title in running text; quotes inside become single quotes (“‘社会工作宣传周’主题宣传”). */
export function quote(t: string): string {
  return `“${t.trim().replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/** Titles quoted in running text: 「“A”“B”等」. */
export function quoteTitles(recs: RecordView[], max = 4): string {
  const titles = [...new Set(recs.map((r) => r.title.trim()).filter(Boolean))].slice(0, max);
  return titles.map(quote).join('');
}

export type Template = {
  kind: string;
  label: string;
  /** What `year` means for this kind, shown to the user. */
  yearHint: string;
  /** Figures the template reads; undeclared ones are recorded as gaps. */
  figures: readonly string[];
  /** Figures a normal year never has at 0: a 0 is flagged for checking (漏录?). */
  required?: readonly string[];
  /** Whether the report is published (then 保密审查 is required). */
  published: boolean;
  build: (ctx: TemplateCtx) => Promise<ReportContent>;
};

/** 附注 of a roll-up: which bureaus its figures cover (a single bureau's report has none). */
export async function scopeNote(ctx: TemplateCtx): Promise<string | undefined> {
  if (!ctx.rollup) return undefined;
  const names = await ctx.orgNames();
  return `本报告数据汇总${names.join('、')}共${names.length}个单位`;
}
