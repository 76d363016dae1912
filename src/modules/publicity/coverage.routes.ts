/** 普法责任清单覆盖情况 (which duty-list items had no activity this year). */
import { z } from 'zod';
import type { Router } from '../../http/router.ts';
import { dutyCoverage } from './coverage.service.ts';

export function coverageRoutes(r: Router): void {
  r.add({
    method: 'GET',
    url: '/api/publicity/duty-coverage',
    summary: '普法责任清单覆盖情况（本年度有无宣传活动）',
    tag: '普法宣传',
    auth: 'ledger.read',
    query: z.object({
      year: z.coerce.number({ error: '年度应为数字' }).int().min(2000, '年度不能早于2000年').max(2100, '年度不能晚于2100年'),
      orgId: z.string().max(100).optional(),
    }),
    handler: async ({ db, scope, query }) => dutyCoverage(db, scope, query.year, query.orgId),
  });
}
