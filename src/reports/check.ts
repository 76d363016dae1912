/**
 * The pre-finalize check: what is wrong with a draft before anyone submits it. Errors (placeholders,
 * empty parts, a broken statutory structure) always block finalizing; warnings (a number that cannot
 * be computed, an awkward "0", 保密审查 not confirmed) block unless the leader finalizes anyway;
 * infos (deadlines) never block.
 */
import type { CheckIssue, IssueLevel } from '../contract.ts';
import { daysBetween } from '../util/time.ts';
import { MSG } from './messages.ts';
import { type Block, type FigureSnapshot, flatten, type ReportContent, type Run, whenBranch } from './model.ts';

export type { CheckIssue, IssueLevel };

/** Text a bureau writes when it does not have the number or name yet (seed 000: **余次, ***%, XX县). */
const PLACEHOLDER = /\*{2,}|＊{2,}|[XＸ]{2,}|×{2,}|[？?]{3,}|某某|待补充|待填写|（本要点依据/;

export const ANNUAL_KEYS = ['measures', 'shortcomings', 'first-responsible', 'next-year', 'other'];

type Loc = { where: string; blocks: Block[] };

function textOf(rs: Run[]): string[] {
  const out: string[] = [];
  for (const r of rs) {
    if ('t' in r) out.push(r.t);
    else if ('when' in r) out.push(...textOf(r.some), ...textOf(r.zero));
  }
  return out;
}

/** The figure keys of the conditions on the path that is actually printed. */
function conditionKeys(snap: FigureSnapshot, rs: Run[]): string[] {
  const out: string[] = [];
  for (const r of rs) {
    if ('when' in r) {
      out.push(r.when);
      out.push(...conditionKeys(snap, whenBranch(snap, r)));
    }
  }
  return out;
}

export function checkReport(
  kind: string,
  c: ReportContent,
  snap: FigureSnapshot,
  opts: { published: boolean; required?: readonly string[]; today: string; year: number },
): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const seen = new Set<string>();
  const add = (i: CheckIssue) => {
    const k = `${i.code}|${i.figure ?? i.message}`;
    if (seen.has(k)) return;
    seen.add(k);
    issues.push(i);
  };
  const placeholders = (where: string, s: string) => {
    const m = PLACEHOLDER.exec(s);
    if (m) add({ level: 'error', code: 'placeholder', message: MSG.placeholder(where, m[0]) });
  };

  if (!c.title.trim()) add({ level: 'error', code: 'empty-title', message: MSG.emptyTitle });
  if (!c.signature.trim()) add({ level: 'error', code: 'empty-signature', message: MSG.emptySignature });
  for (const [where, s] of [
    ['标题', c.title],
    ['主送机关', c.addressee],
    ['署名', c.signature],
    ...c.attachments.map((a) => ['附件', a]),
  ] as const) {
    placeholders(where, s);
  }
  if (kind === 'annual-report' && c.sections.map((s) => s.key).join(',') !== ANNUAL_KEYS.join(',')) {
    add({ level: 'error', code: 'annual-structure', message: MSG.annualOrder });
  }

  const locs: Loc[] = [
    { where: MSG.preamble, blocks: c.preamble },
    ...c.sections.map((s) => ({ where: `“${s.heading}”`, blocks: s.blocks })),
  ];
  for (const s of c.sections) {
    placeholders(`“${s.heading}”标题`, s.heading);
    const hasText = s.blocks.some((b) =>
      b.type === 'paragraph' ? textOf(b.runs).join('').trim() !== '' || b.lead !== undefined : b.type === 'table' || b.text.trim() !== '',
    );
    if (!hasText) add({ level: 'error', code: 'empty-section', message: MSG.emptySection(s.heading) });
  }

  const figureIssues = (where: string, rs: Run[], inTable: boolean) => {
    // A condition on a figure that cannot be evaluated chooses the wording blindly: flag it too.
    for (const key of conditionKeys(snap, rs)) {
      const f = snap.values[key];
      if (!f) add({ level: 'warning', code: 'figure-undefined', figure: key, message: MSG.figureUndefined(where, key) });
      else if (f.value === null) add({ level: 'warning', code: 'figure-null', figure: key, message: MSG.figureNull(where, f.label) });
    }
    for (const piece of flatten(snap, rs)) {
      const f = piece.fig;
      if (!f) continue;
      if (!snap.values[f.key])
        add({ level: 'warning', code: 'figure-undefined', figure: f.key, message: MSG.figureUndefined(where, f.key) });
      else if (f.value === null) add({ level: 'warning', code: 'figure-null', figure: f.key, message: MSG.figureNull(where, f.label) });
      else if (f.value === 0 && !inTable)
        add({ level: 'warning', code: 'figure-zero', figure: f.key, message: MSG.figureZero(where, f.label) });
    }
  };
  for (const loc of locs) {
    for (const b of loc.blocks) {
      if (b.type === 'heading') placeholders(loc.where, b.text);
      else if (b.type === 'paragraph') {
        if (b.lead) placeholders(loc.where, b.lead.text);
        for (const t of textOf(b.runs)) placeholders(loc.where, t);
        figureIssues(loc.where, b.runs, false);
      } else {
        placeholders(MSG.table(b.title), b.title);
        for (const row of b.rows) {
          for (const cell of row) {
            for (const t of textOf(cell.runs)) placeholders(MSG.table(b.title), t);
            figureIssues(MSG.table(b.title), cell.runs, true);
          }
        }
      }
    }
  }

  for (const key of opts.required ?? []) {
    const f = snap.values[key];
    if (f && f.value === 0) add({ level: 'warning', code: 'figure-required-zero', figure: key, message: MSG.requiredZero(f.label) });
  }
  if (opts.published && !c.secrecyReviewed) add({ level: 'warning', code: 'secrecy', message: MSG.secrecy });
  if (kind === 'annual-report') {
    const submit = `${opts.year + 1}-03-01`;
    const publish = `${opts.year + 1}-04-01`;
    add({ level: 'info', code: 'due-submit', message: MSG.dueSubmit(submit, daysBetween(opts.today, submit)) });
    add({ level: 'info', code: 'due-publish', message: MSG.duePublish(publish, daysBetween(opts.today, publish)) });
  } else if (kind === 'disclosure-report') {
    const publish = `${opts.year + 1}-01-31`;
    add({ level: 'info', code: 'due-publish', message: MSG.duePublish(publish, daysBetween(opts.today, publish)) });
  }
  return issues;
}
