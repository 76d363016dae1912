/** Figures over the caller's scope; the records behind each on demand (provenance), a page at a time. */
import { z } from 'zod';
import type { Router } from '../http/router.ts';
import type { FigureCatalogItem } from '../contract.ts';
import { allFigureDecls, getFigureDecl } from './define.ts';
import { explainFigure } from './explain.ts';
import { evaluateFigures, yearPeriod } from './evaluate.ts';
import { figureScopeOrgIds, liveFigureSources, sourcesQuerySchema } from './sources.service.ts';

const yearSchema = z.coerce.number({ error: '年度应为数字' }).int().min(2000).max(2100);

export function figureRoutes(r: Router): void {
  r.add({
    method: 'GET',
    url: '/api/figures',
    summary: '指标（数值与来源记录条数；来源记录见 /api/figures/{key}/sources）',
    tag: '指标',
    auth: 'ledger.read',
    query: z.object({
      year: yearSchema,
      orgId: z.string().max(100).optional(),
      rollup: z.enum(['0', '1']).optional(),
      keys: z.string().max(4000).optional(),
      module: z.string().max(40).optional(),
    }),
    handler: async ({ db, scope, query }) => {
      const orgIds = await figureScopeOrgIds(db, scope, query.orgId, query.rollup === '1');
      let keys = query.keys ? query.keys.split(',') : undefined;
      if (query.module)
        keys = allFigureDecls()
          .filter((d) => d.module === query.module)
          .map((d) => d.key);
      const figures = await evaluateFigures(db, orgIds, yearPeriod(query.year), keys);
      return { year: query.year, orgIds, figures: Object.values(figures) };
    },
  });
  r.add({
    method: 'GET',
    url: '/api/figures/:key/sources',
    summary: '一个指标（或其一个分类）的来源记录，按台账现状计算，分页',
    tag: '指标',
    auth: 'ledger.read',
    params: z.object({ key: z.string().min(1).max(100) }),
    query: sourcesQuerySchema.extend({
      year: yearSchema,
      orgId: z.string().max(100).optional(),
      rollup: z.enum(['0', '1']).optional(),
    }),
    handler: async ({ db, scope, params, query }) =>
      liveFigureSources(db, scope, { ...query, figure: params.key, rollup: query.rollup === '1' }),
  });
  r.add({
    method: 'GET',
    url: '/api/figures/catalog',
    summary: '指标目录',
    tag: '指标',
    auth: 'login',
    handler: async (): Promise<FigureCatalogItem[]> => {
      const labelOf = (key: string) => getFigureDecl(key)?.label ?? key;
      return allFigureDecls().map((d) => ({
        key: d.key,
        label: d.label,
        unit: d.unit,
        module: d.module,
        kind: d.kind,
        basis: explainFigure(d, labelOf),
      }));
    },
  });
}
