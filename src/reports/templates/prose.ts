/**
 * Wording helpers for templates that say only what the records show: a number with the unit word its
 * figure is counted in, the orders records are listed in (tasks by 序号, problems as found), and the
 * leading group and legal advisers as their ledgers hold them. Nothing here counts records: numbers
 * stay figure references, and records are read only for what they name (titles, posts, firms).
 */
import type { Period } from '../../figures/evaluate.ts';
import type { RecordView } from '../../ledger/record.repo.ts';
import { adviser } from '../../modules/decision/decision.ledger.ts';
import { LEADING_GROUPS, LEADING_ROLES, leadingMember } from '../../modules/org/org.ledger.ts';
import { own, type TemplateCtx, when } from '../builder.ts';
import type { Run } from '../../contract.ts';
import { distinct, levelChar, nu } from './common.ts';

export { nu, unitOf } from './common.ts';

/** Pieces of running text joined by a separator (each piece already a list of runs). */
export function joinRuns(parts: ReadonlyArray<ReadonlyArray<Run | string>>, sep = '、'): Array<Run | string> {
  return parts.flatMap((p, i) => (i ? [sep, ...p] : [...p]));
}

/** The day a stock is judged on: the end of the report year, or today while the year runs. */
export const asOf = (ctx: TemplateCtx): string => [ctx.period.to, ctx.today].sort()[0];

/** Everything recorded up to the end of the report year (for registers such as 领导小组 and 法律顾问). */
export const toDate = (ctx: TemplateCtx): Period => ({ from: '1900-01-01', to: ctx.period.to });

const byEntry = (a: RecordView, b: RecordView) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Tasks in the order of their 序号; tasks without one follow, in the order they were entered. */
export function byNo<T extends RecordView<{ no?: number | null }>>(recs: readonly T[]): T[] {
  const no = (r: T) => (typeof r.data.no === 'number' ? r.data.no : Number.POSITIVE_INFINITY);
  return [...recs].sort((a, b) => no(a) - no(b) || byEntry(a, b));
}

/** Problems in the order they were found (发现年度, then 发现日期), then in the order they were entered. */
export function byFound<T extends RecordView<{ foundYear?: number | null; foundOn?: string | null }>>(recs: readonly T[]): T[] {
  const y = (r: T) => (typeof r.data.foundYear === 'number' ? r.data.foundYear : Number.POSITIVE_INFINITY);
  // A problem without a 发现日期 follows those with one.
  const on = (r: T) => r.data.foundOn ?? '9999-12-31';
  return [...recs].sort((a, b) => y(a) - y(b) || on(a).localeCompare(on(b)) || byEntry(a, b));
}

/** The first record of each key, in the given order. */
export function firstOfEach<T>(recs: readonly T[], key: (r: T) => string): T[] {
  const seen = new Set<string>();
  return recs.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Problems as found; in a roll-up a problem several bureaus recorded in the same words is listed once
 * (the system has it), with the measures and effect of the first record of it.
 */
export function onceInRollup<T extends RecordView<{ foundYear?: number | null; foundOn?: string | null }>>(
  ctx: TemplateCtx,
  recs: readonly T[],
): T[] {
  const sorted = byFound(recs);
  return ctx.rollup ? firstOfEach(sorted, (r) => bare(r.title)) : sorted;
}

/** A record's text without its closing punctuation, to be run into a sentence. */
export const bare = (s: string | null | undefined): string => (s ?? '').trim().replace(/[。；;，,]+$/, '');

/** Names of the plans (所属计划) the tasks belong to, in 《》. */
export function planNames(recs: ReadonlyArray<RecordView<{ plan?: string | null }>>): string {
  return distinct(recs.map((r) => r.data.plan))
    .map((s) => `《${s.replace(/[《》]/g, '')}》`)
    .join('');
}

/** Firms of the 常年法律顾问 serving in the report year, from the 法律顾问名册. */
export async function adviserFirms(ctx: TemplateCtx): Promise<string[]> {
  const recs = await ctx.records(adviser, toDate(ctx));
  return distinct(
    recs.filter((r) => r.data.kind === '法律顾问' && (!r.data.contractTo || r.data.contractTo >= ctx.period.from)).map((r) => r.data.firm),
  );
}

const ROLE_CLAUSE: Record<(typeof LEADING_ROLES)[number], (posts: string) => string> = {
  组长: (p) => `由${p}任组长`,
  副组长: (p) => `${p}任副组长`,
  成员: (p) => `${p}为成员`,
  办公室主任: (p) => `下设办公室，由${/^[局本]/.test(p) ? '' : '局'}${p}兼任办公室主任`,
};
const MAX_POSTS = 6;

/**
 * The leading group(s) as the 领导小组成员台账 holds them at the end of the year: who leads, by post,
 * with the member count as a figure. A roll-up, or a bureau without member records, gets the count
 * (if any) and the officer's sentence, `id`.
 */
export async function leadingGroupRuns(ctx: TemplateCtx, id: string): Promise<Run[]> {
  const day = asOf(ctx);
  const members = (await ctx.records(leadingMember, toDate(ctx))).filter((m) => !m.data.toDate || m.data.toDate > day);
  const count = (text: string, zero: string) =>
    when('org.leading_group_members', [text, ...nu('org.leading_group_members'), '。'], zero ? [zero] : []);
  if (ctx.rollup || !members.length) {
    const who = ctx.rollup ? `全${levelChar(ctx.org.level)}各级民政部门` : ctx.org.name;
    return [
      own(
        id,
        '领导小组的成立、组成和调整情况。台账中没有本单位领导小组成员记录的，请在“领导小组成员台账”补录后重新生成',
        `${who}成立法治建设工作领导小组，统筹推进法治建设各项工作。`,
      ),
      count(ctx.rollup ? '全系统法治建设领导小组现有成员' : '领导小组现有成员', ''),
    ];
  }
  const groups = LEADING_GROUPS.filter((g) => members.some((m) => m.data.group === g));
  const texts = groups.map((g) => {
    const ms = members.filter((m) => m.data.group === g);
    const docs = distinct(ms.map((m) => m.data.basisDoc));
    const clauses = LEADING_ROLES.flatMap((role) => {
      const posts = distinct(ms.filter((m) => m.data.role === role).map((m) => m.data.post));
      if (!posts.length) return [];
      const shown = posts.slice(0, MAX_POSTS).join('、') + (posts.length > MAX_POSTS ? '等' : '');
      return [ROLE_CLAUSE[role](shown)];
    });
    return `${ctx.org.name}${g}${docs.length ? `（${docs.join('、')}）` : ''}${clauses.join('，')}`;
  });
  return [{ t: texts.join('；') }, count(groups.length > 1 ? '，以上领导小组现有成员合计' : '，现有成员', '。')];
}
