/**
 * Where a number of a report came from: the records behind one figure (or one group of it), read
 * from the draft's own figure snapshot — so a finalized report lists exactly what it was computed
 * from, not what the ledgers hold today. The records are loaded through the record repository with
 * the caller's readable bureaus: a record of a bureau the caller may not read is never listed, only
 * counted in `withheld`. Records deleted since are listed and marked.
 */
import type { FigureSourceItem, FigureSources } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { badRequest } from '../errors.ts';
import { findRecordSummaries, type RecordSummary } from '../ledger/record.repo.ts';
import { findLedger } from '../ledger/registry.ts';
import { findOrgs, findUnitNames } from '../org/org.repo.ts';
import type { Scope } from '../org/scope.ts';
import { SOURCES_MSG } from './messages.ts';
import { resolveFigure } from './model.ts';
import { readReport } from './report.service.ts';

export type SourcesQuery = { figure: string; part?: string; page?: number; pageSize?: number };

export const SOURCES_PAGE_SIZE = 20;
export const SOURCES_MAX_PAGE_SIZE = 100;

/** Newest first; records counted by year (no date) after the dated ones, then by title. */
function byDate(a: RecordSummary, b: RecordSummary): number {
  const da = a.occurredOn ?? '';
  const db = b.occurredOn ?? '';
  if (da !== db) return da === '' ? 1 : db === '' ? -1 : db.localeCompare(da);
  if (a.year !== b.year) return (b.year ?? 0) - (a.year ?? 0);
  return a.title.localeCompare(b.title, 'zh-CN') || a.id.localeCompare(b.id);
}

/** The source records of one number of a report, a page at a time. */
export async function figureSources(db: Db, scope: Scope, reportId: string, q: SourcesQuery): Promise<FigureSources> {
  const draft = await readReport(db, scope, reportId);
  const snap = draft.figures;
  const f = snap.values[q.figure];
  if (!f && !snap.undefinedKeys.includes(q.figure)) throw badRequest('figure', SOURCES_MSG.unknownFigure(q.figure));
  const part = q.part === undefined || q.part === '' ? undefined : q.part;
  const resolved = resolveFigure(snap, q.figure, part);

  const ids = [...new Set(resolved.sources)];
  const readable = (await findRecordSummaries(db, scope.readOrgIds, ids)).sort(byDate);
  const pageSize = Math.min(Math.max(q.pageSize ?? SOURCES_PAGE_SIZE, 1), SOURCES_MAX_PAGE_SIZE);
  const page = Math.max(q.page ?? 1, 1);
  const shown = readable.slice((page - 1) * pageSize, page * pageSize);

  const [units, orgs] = await Promise.all([
    findUnitNames(db, [...new Set(shown.flatMap((r) => (r.unitId ? [r.unitId] : [])))]),
    shown.length ? findOrgs(db, [...new Set(shown.map((r) => r.orgId))]) : [],
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const items: FigureSourceItem[] = shown.map((r) => ({
    id: r.id,
    ledger: r.ledger,
    ledgerLabel: findLedger(r.ledger)?.label ?? r.ledger,
    title: r.title,
    date: r.occurredOn,
    year: r.year,
    unitName: r.unitId ? (units.get(r.unitId) ?? null) : null,
    orgName: orgName.get(r.orgId) ?? '',
    deleted: r.deleted,
  }));

  const label = f?.label ?? SOURCES_MSG.undefinedFigure;
  return {
    figure: {
      key: q.figure,
      part: part ?? null,
      label: part ? SOURCES_MSG.partLabel(label, part) : label,
      value: resolved.value,
      unit: f?.unit ?? '',
      defined: f !== undefined,
    },
    items,
    total: readable.length,
    withheld: ids.length - readable.length,
    page,
    pageSize,
  };
}
