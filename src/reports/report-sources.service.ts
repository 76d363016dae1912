/**
 * Where a number of a report came from: the records behind one figure (or one group of it). A
 * finalized report lists exactly what it was computed from, kept when it was finalized
 * (report_figure_source); a draft lists what its figures read in the ledgers now, over the draft's
 * bureaus and period (its check says when the ledgers changed since its numbers were computed).
 * A record of a bureau the caller may not read is never listed, only counted in `withheld`;
 * records deleted since are listed and marked.
 */
import type { FigureSources } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { badRequest } from '../errors.ts';
import { getFigureDecl } from '../figures/define.ts';
import { newestFirst, pageFigureSources, partLabels, type SourceRef } from '../figures/evaluate.ts';
import { pageOf, type PageQuery, SOURCES_TEXT, sourceItems } from '../figures/sources.service.ts';
import type { Scope } from '../org/scope.ts';
import { SOURCES_MSG } from './messages.ts';
import { resolveFigure } from './model.ts';
import { findFrozenSources } from './report.repo.ts';
import { readReport } from './report.service.ts';
import { inputsUnchanged } from './snapshot.ts';

export type SourcesQuery = PageQuery & { figure: string; part?: string };

/** The kept records of a finalized report's figure: stored per figure, per group, or (a ratio) by its parts. */
async function frozenRefs(db: Db, reportId: string, key: string, part: string | undefined): Promise<SourceRef[]> {
  const kept = await findFrozenSources(db, reportId, key);
  if (part !== undefined) return partLabels(part).flatMap((label) => kept.get(label) ?? []);
  const whole = kept.get('');
  if (whole) return whole;
  if (kept.size) return [...kept.values()].flat();
  const d = getFigureDecl(key);
  if (d?.kind !== 'ratio') return [];
  const num = await frozenRefs(db, reportId, d.num, undefined);
  const seen = new Set(num.map((r) => r.id));
  return [...num, ...(await frozenRefs(db, reportId, d.den, undefined)).filter((r) => !seen.has(r.id))];
}

/** The source records of one number of a report, a page at a time. */
export async function figureSources(db: Db, scope: Scope, reportId: string, q: SourcesQuery): Promise<FigureSources> {
  const draft = await readReport(db, scope, reportId);
  const snap = draft.figures;
  const f = snap.values[q.figure];
  if (!f && !snap.undefinedKeys.includes(q.figure)) throw badRequest('figure', SOURCES_MSG.unknownFigure(q.figure));
  const part = q.part === undefined || q.part === '' ? undefined : q.part;
  const resolved = resolveFigure(snap, q.figure, part);
  const { page, pageSize, offset } = pageOf(q);

  let ids: string[] = [];
  let total = 0;
  let withheld = 0;
  let changedSince = false;
  const kept = draft.status !== 'draft';
  if (f && !kept) {
    const readable = snap.orgIds.filter((o) => scope.readOrgIds.includes(o));
    const unreadable = snap.orgIds.filter((o) => !scope.readOrgIds.includes(o));
    const which = { key: q.figure, part };
    const [found, hidden, unchanged] = await Promise.all([
      pageFigureSources(db, readable, snap.period, which, { offset, limit: pageSize }),
      unreadable.length ? pageFigureSources(db, unreadable, snap.period, which, { offset: 0, limit: 0 }) : { ids: [], total: 0 },
      inputsUnchanged(db, snap, snap.orgIds),
    ]);
    ({ ids, total } = found);
    withheld = hidden.total;
    changedSince = !unchanged;
  } else if (f) {
    const refs = await frozenRefs(db, reportId, q.figure, part);
    const readable = refs.filter((r) => scope.readOrgIds.includes(r.orgId)).sort(newestFirst);
    ids = readable.slice(offset, offset + pageSize).map((r) => r.id);
    total = readable.length;
    withheld = refs.length - readable.length;
  }

  const label = f?.label ?? SOURCES_MSG.undefinedFigure;
  return {
    figure: {
      key: q.figure,
      part: part ?? null,
      label: part ? SOURCES_TEXT.partLabel(label, part) : label,
      value: resolved.value,
      unit: f?.unit ?? '',
      defined: f !== undefined,
    },
    items: await sourceItems(db, scope.readOrgIds, ids),
    total,
    withheld,
    kept,
    changedSince,
    page,
    pageSize,
  };
}
