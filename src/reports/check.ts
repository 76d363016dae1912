/**
 * The pre-finalize check: what is wrong with a draft before anyone submits it. Errors (placeholders,
 * empty parts, a broken statutory structure) always block finalizing; warnings (a number that cannot
 * be computed, an awkward "0", 保密审查 not confirmed) block unless the leader finalizes anyway;
 * infos (deadlines) never block.
 */
import type { CheckIssue, IssueLevel } from '../contract.ts';
import { figureLedgerKey } from '../figures/define.ts';
import { findLedger } from '../ledger/registry.ts';
import { daysBetween } from '../util/time.ts';
import { matchesAnnualLayout } from './layouts.ts';
import { MSG } from './messages.ts';
import type { Block, FigureSnapshot, ReportContent, Run } from '../contract.ts';
import { flatten, noneKey, plainText, resolveFigure, walkRuns, whenBranch } from './model.ts';

export type { CheckIssue, IssueLevel };

/** Text a bureau writes when it does not have the number or name yet (seed 000: **余次, ***%, XX县). */
const PLACEHOLDER = /\*{2,}|＊{2,}|[XＸ]{2,}|×{2,}|[？?]{3,}|某某|待补充|待填写|（本要点依据/;

type Loc = { where: string; prefix: string; blocks: Block[] };

/** A date the document must meet, from the calendar (the check prints the same day the calendar shows). */
export type DueDate = { code: 'due-submit' | 'due-publish'; due: string };

function textOf(rs: Run[]): string[] {
  const out: string[] = [];
  for (const r of rs) {
    if ('t' in r) out.push(r.t);
    else if ('none' in r) out.push(r.text);
    else if ('own' in r) out.push(...textOf(r.runs));
    else if ('when' in r) out.push(...textOf(r.some), ...textOf(r.zero));
  }
  return out;
}

/** The first words of a sentence, to name it in a message. */
const excerpt = (s: string) => {
  const t = s.trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
};

/** Where the records of a figure are kept, for "补录台账" links. */
function ledgerOf(key: string): { key: string; label: string } | undefined {
  const k = figureLedgerKey(key);
  const l = k ? findLedger(k) : undefined;
  return l ? { key: l.key, label: l.label } : undefined;
}

/**
 * Officer sentences and negative statements on the printed path: each needs a person's confirmation,
 * and a negative its figure at 0. These errors block finalizing.
 */
function confirmationIssues(c: ReportContent, snap: FigureSnapshot, add: (i: CheckIssue) => void): void {
  const ownSeen = new Set<string>();
  for (const { at, run } of walkRuns(c, snap)) {
    if ('own' in run) {
      if (ownSeen.has(run.own)) add({ level: 'error', code: 'own-duplicate', at, message: MSG.ownDuplicate(run.own) });
      ownSeen.add(run.own);
      const text = plainText(snap, run.runs).trim();
      if (!text) {
        add({ level: 'error', code: 'own-empty', at, message: MSG.ownEmpty(run.hint ?? '') });
        continue;
      }
      if (run.ok) add({ level: 'info', code: 'own-confirmed', at, message: MSG.ownConfirmed(excerpt(text), run.ok.name, run.ok.at) });
      else
        add({
          level: 'error',
          code: 'own-unconfirmed',
          at,
          message: MSG.ownUnconfirmed(excerpt(text)),
          confirm: { kind: 'own', id: run.own },
        });
    } else if ('none' in run) {
      const res = resolveFigure(snap, run.none, run.part);
      const ledger = ledgerOf(run.none);
      const label = res.figure?.label ?? run.none;
      if (res.value !== 0) {
        add({
          level: 'error',
          code: 'none-contradicted',
          at,
          figure: run.none,
          ledger: ledger?.key,
          message: MSG.noneContradicted(run.text, label, res.value),
        });
      } else if (!run.ok) {
        add({
          level: 'error',
          code: 'none-unconfirmed',
          at,
          figure: run.none,
          ledger: ledger?.key,
          message: MSG.noneUnconfirmed(run.text, ledger?.label ?? label),
          confirm: { kind: 'none', id: noneKey(run) },
        });
      } else add({ level: 'info', code: 'none-confirmed', at, message: MSG.noneConfirmed(run.text, run.ok.name, run.ok.at) });
    }
  }
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
  opts: { published: boolean; required?: readonly string[]; today: string; dueDates: readonly DueDate[] },
): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const seen = new Set<string>();
  const add = (i: CheckIssue) => {
    const k = `${i.code}|${i.confirm?.id ?? i.figure ?? i.message}`;
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
  if (kind === 'annual-report' && !matchesAnnualLayout(c.sections.map((s) => s.key))) {
    add({ level: 'error', code: 'annual-structure', message: MSG.annualOrder });
  }

  const locs: Loc[] = [
    { where: MSG.preamble, prefix: 'p', blocks: c.preamble },
    ...c.sections.map((s, si) => ({ where: `“${s.heading}”`, prefix: `s:${si}`, blocks: s.blocks })),
  ];
  for (const s of c.sections) {
    placeholders(`“${s.heading}”标题`, s.heading);
    const hasText = s.blocks.some((b) =>
      b.type === 'paragraph' ? textOf(b.runs).join('').trim() !== '' || b.lead !== undefined : b.type === 'table' || b.text.trim() !== '',
    );
    if (!hasText) add({ level: 'error', code: 'empty-section', message: MSG.emptySection(s.heading) });
  }

  const figureIssues = (where: string, at: string, rs: Run[], inTable: boolean) => {
    // A condition on a figure that cannot be evaluated chooses the wording blindly: flag it too.
    for (const key of conditionKeys(snap, rs)) {
      const f = snap.values[key];
      if (!f) add({ level: 'warning', code: 'figure-undefined', figure: key, at, message: MSG.figureUndefined(where, key) });
      else if (f.value === null)
        add({
          level: 'warning',
          code: 'figure-null',
          figure: key,
          at,
          ledger: ledgerOf(key)?.key,
          message: MSG.figureNull(where, f.label),
        });
    }
    for (const piece of flatten(snap, rs)) {
      const f = piece.fig;
      if (!f) continue;
      if (!snap.values[f.key])
        add({ level: 'warning', code: 'figure-undefined', figure: f.key, at, message: MSG.figureUndefined(where, f.key) });
      else if (f.value === null)
        add({
          level: 'warning',
          code: 'figure-null',
          figure: f.key,
          at,
          ledger: ledgerOf(f.key)?.key,
          message: MSG.figureNull(where, f.label),
        });
      else if (f.value === 0 && !inTable)
        add({
          level: 'warning',
          code: 'figure-zero',
          figure: f.key,
          at,
          ledger: ledgerOf(f.key)?.key,
          message: MSG.figureZero(where, f.label),
        });
    }
  };
  for (const loc of locs) {
    loc.blocks.forEach((b, bi) => {
      const at = `${loc.prefix}:${bi}`;
      if (b.type === 'heading') placeholders(loc.where, b.text);
      else if (b.type === 'paragraph') {
        if (b.lead) placeholders(loc.where, b.lead.text);
        for (const t of textOf(b.runs)) placeholders(loc.where, t);
        figureIssues(loc.where, at, b.runs, false);
      } else {
        placeholders(MSG.table(b.title), b.title);
        for (const row of b.rows) {
          for (const cell of row) {
            for (const t of textOf(cell.runs)) placeholders(MSG.table(b.title), t);
            figureIssues(MSG.table(b.title), at, cell.runs, true);
          }
        }
      }
    });
  }
  confirmationIssues(c, snap, add);

  for (const key of opts.required ?? []) {
    const f = snap.values[key];
    if (f && f.value === 0)
      add({ level: 'warning', code: 'figure-required-zero', figure: key, ledger: ledgerOf(key)?.key, message: MSG.requiredZero(f.label) });
  }
  if (opts.published && !c.secrecyReviewed) add({ level: 'warning', code: 'secrecy', message: MSG.secrecy });
  for (const d of opts.dueDates) {
    const days = daysBetween(opts.today, d.due);
    add({ level: 'info', code: d.code, message: d.code === 'due-submit' ? MSG.dueSubmit(d.due, days) : MSG.duePublish(d.due, days) });
  }
  return issues;
}
