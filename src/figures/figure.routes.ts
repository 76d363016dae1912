/** Figures over the caller's scope, with their source records (provenance). */
import { z } from 'zod';
import { badRequest } from '../errors.ts';
import type { Router } from '../http/router.ts';
import type { FigureCatalogItem } from '../contract.ts';
import { allFigureDecls, getFigureDecl } from './define.ts';
import { explainFigure } from './explain.ts';
import { evaluateFigures, yearPeriod } from './evaluate.ts';

export function figureRoutes(r: Router): void {
  r.add({
    method: 'GET',
    url: '/api/figures',
    summary: '指标（含来源记录）',
    tag: '指标',
    auth: 'ledger.read',
    query: z.object({
      year: z.coerce.number({ error: '年度应为数字' }).int().min(2000).max(2100),
      orgId: z.string().max(100).optional(),
      rollup: z.enum(['0', '1']).optional(),
      keys: z.string().max(4000).optional(),
      module: z.string().max(40).optional(),
    }),
    handler: async ({ db, scope, query }) => {
      const orgId = query.orgId ?? scope.orgId;
      if (!scope.readOrgIds.includes(orgId)) throw badRequest('orgId', '无权查看该单位');
      const { subtree } = await import('../org/scope.ts');
      const orgIds = query.rollup === '1' ? (await subtree(db, orgId)).filter((o) => scope.readOrgIds.includes(o)) : [orgId];
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
