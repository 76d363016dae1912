/**
 * The records behind a number, a page at a time: for a figure over the caller's scope as the
 * ledgers hold it now (the dashboard), and the listing both that and a report's sources share.
 * Only records the caller may read are listed; others are counted in `withheld`.
 */
import { z } from 'zod';
import type { FigureSourceItem, FigureSources } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { badRequest } from '../errors.ts';
import { findRecordSummaries } from '../ledger/record.repo.ts';
import { findLedger } from '../ledger/registry.ts';
import { findOrgs, findUnitNames } from '../org/org.repo.ts';
import { type Scope, subtree } from '../org/scope.ts';
import { getFigureDecl } from './define.ts';
import { evaluateFigures, pageFigureSources, type Period, partLabels, yearPeriod } from './evaluate.ts';

export const SOURCES_PAGE_SIZE = 20;
export const SOURCES_MAX_PAGE_SIZE = 100;

export const SOURCES_TEXT = {
  noOrgAccess: '参数 orgId 有误：无权查看该单位',
  unknownFigure: (key: string) => `参数 figure 有误：没有指标“${key}”`,
  partLabel: (label: string, part: string) => `${label}（${partLabels(part).join('、')}）`,
} as const;

/** The query of every sources endpoint: which group, which page. */
export const sourcesQuerySchema = z.object({
  part: z.string().max(200, '参数 part 过长').optional(),
  page: z.coerce.number({ error: '参数 page 应为数字' }).int('参数 page 应为整数').min(1, '参数 page 应不小于1').optional(),
  pageSize: z.coerce
    .number({ error: '参数 pageSize 应为数字' })
    .int('参数 pageSize 应为整数')
    .min(1, '参数 pageSize 应不小于1')
    .max(SOURCES_MAX_PAGE_SIZE, `参数 pageSize 不能大于${SOURCES_MAX_PAGE_SIZE}`)
    .optional(),
});

export type PageQuery = { page?: number; pageSize?: number };

/** The page asked for, within bounds. */
export function pageOf(q: PageQuery): { page: number; pageSize: number; offset: number } {
  const pageSize = Math.min(Math.max(q.pageSize ?? SOURCES_PAGE_SIZE, 1), SOURCES_MAX_PAGE_SIZE);
  const page = Math.max(q.page ?? 1, 1);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The records among `ids` the caller may read, in the order given, as a list shows them (deleted ones marked). */
export async function sourceItems(db: Db, readOrgIds: readonly string[], ids: readonly string[]): Promise<FigureSourceItem[]> {
  const found = new Map((await findRecordSummaries(db, readOrgIds, ids)).map((r) => [r.id, r]));
  const shown = ids.flatMap((id) => found.get(id) ?? []);
  const [units, orgs] = await Promise.all([
    findUnitNames(db, [...new Set(shown.flatMap((r) => (r.unitId ? [r.unitId] : [])))]),
    shown.length ? findOrgs(db, [...new Set(shown.map((r) => r.orgId))]) : [],
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return shown.map((r) => ({
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
}

export type LiveSourcesQuery = PageQuery & { figure: string; part?: string; year: number; orgId?: string; rollup?: boolean };

/** The bureaus a figure is read over: the caller's own (or one it may read), with those below it for a roll-up. */
export async function figureScopeOrgIds(db: Db, scope: Scope, orgId: string | undefined, rollup: boolean): Promise<string[]> {
  const org = orgId ?? scope.orgId;
  if (!scope.readOrgIds.includes(org)) throw badRequest('orgId', SOURCES_TEXT.noOrgAccess);
  return rollup ? (await subtree(db, org)).filter((o) => scope.readOrgIds.includes(o)) : [org];
}

/** One page of the records behind a figure (or one group of it) over the caller's scope, as the ledgers hold them now. */
export async function liveFigureSources(db: Db, scope: Scope, q: LiveSourcesQuery): Promise<FigureSources> {
  const d = getFigureDecl(q.figure);
  if (!d) throw badRequest('figure', SOURCES_TEXT.unknownFigure(q.figure));
  const orgIds = await figureScopeOrgIds(db, scope, q.orgId, q.rollup === true);
  const period: Period = yearPeriod(q.year);
  const part = q.part === undefined || q.part === '' ? undefined : q.part;
  const { page, pageSize, offset } = pageOf(q);
  const [found, values] = await Promise.all([
    pageFigureSources(db, orgIds, period, { key: q.figure, part }, { offset, limit: pageSize }),
    evaluateFigures(db, orgIds, period, [q.figure]),
  ]);
  const f = values[q.figure];
  const value =
    part === undefined ? f.value : (f.breakdown ?? []).filter((g) => partLabels(part).includes(g.label)).reduce((s, g) => s + g.value, 0);
  return {
    figure: {
      key: q.figure,
      part: part ?? null,
      label: part ? SOURCES_TEXT.partLabel(d.label, part) : d.label,
      value,
      unit: d.unit,
      defined: true,
    },
    items: await sourceItems(db, scope.readOrgIds, found.ids),
    total: found.total,
    withheld: 0,
    kept: false,
    changedSince: false,
    page,
    pageSize,
  };
}
