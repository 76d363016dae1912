/** Generic routes for every declared ledger: one set of routes serves all record types. */
import { z } from 'zod';
import { notFound, versionRequired } from '../errors.ts';
import type { RouteVariant, Router } from '../http/router.ts';
import type { Ledger } from './define.ts';
import { ledgerNotices } from './notices.ts';
import { ledgerRecordSchemas } from './openapi-schema.ts';
import { createRecord, deleteRecord, getRecord, listRecords, recordLinks, updateRecord } from './record.service.ts';
import { allLedgers, getLedger, ledgerMeta } from './registry.ts';
import { listPeople } from './user-field.ts';

const ledgerParams = z.object({ ledger: z.string().min(1).max(60) });
const recordParams = z.object({ ledger: z.string().min(1).max(60), id: z.string().min(1).max(100) });

export const listQuery = z.object({
  year: z.coerce.number({ error: '年度应为数字' }).int().min(2000, '年度不能早于2000年').max(2100, '年度不能晚于2100年').optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期格式应为YYYY-MM-DD')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期格式应为YYYY-MM-DD')
    .optional(),
  unitId: z.string().max(100).optional(),
  orgId: z.string().max(100).optional(),
  status: z.string().max(50).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
  after: z.string().max(400, '翻页位置 after 过长').optional(),
});

/**
 * The OpenAPI document lists the record routes once per ledger, so that each ledger's `data` is
 * described by its own schema (the routes themselves serve every ledger).
 */
const perLedger =
  (doc: (l: Ledger, s: ReturnType<typeof ledgerRecordSchemas>) => Omit<RouteVariant, 'params' | 'tag'>) => (): RouteVariant[] =>
    allLedgers().map((l) => ({ params: { ledger: l.key }, tag: l.label, ...doc(l, ledgerRecordSchemas(l)) }));

export function ledgerRoutes(r: Router): void {
  r.add({
    method: 'GET',
    url: '/api/records/:id',
    summary: '查看记录（任一台账，按记录编号）',
    tag: '台账',
    auth: 'ledger.read',
    params: z.object({ id: z.string().min(1).max(100) }),
    handler: async ({ db, scope, params }) => getRecord(db, scope, params.id),
  });
  r.add({
    method: 'GET',
    url: '/api/records/:id/links',
    summary: '记录的关联记录与被引用情况',
    tag: '台账',
    auth: 'ledger.read',
    params: z.object({ id: z.string().min(1).max(100) }),
    handler: async ({ db, scope, params }) => recordLinks(db, scope, params.id),
  });
  r.add({
    method: 'GET',
    url: '/api/ledgers',
    summary: '全部台账的声明',
    tag: '台账',
    auth: 'login',
    handler: async () => allLedgers().map(ledgerMeta),
  });
  r.add({
    method: 'GET',
    url: '/api/people',
    summary: '台账“人员”字段（如承办人）可选的账号：可查看的单位中在职的法治专干、科室人员和领导',
    tag: '台账',
    auth: 'ledger.read',
    handler: async ({ db, scope }) => listPeople(db, scope),
  });
  r.add({
    method: 'GET',
    url: '/api/ledgers/:ledger/notices',
    summary: '台账提示（记录显示需要处理的情况）',
    tag: '台账',
    auth: 'ledger.read',
    params: ledgerParams,
    handler: async ({ db, scope, params }) => {
      getLedger(params.ledger);
      return ledgerNotices(db, scope, params.ledger);
    },
  });
  r.add({
    method: 'GET',
    url: '/api/ledgers/:ledger/records',
    summary: '台账记录列表（筛选、分页）',
    tag: '台账',
    auth: 'ledger.read',
    params: ledgerParams,
    query: listQuery,
    variants: perLedger((l, s) => ({ summary: `${l.label}：记录列表（筛选、分页）`, response: s.page })),
    handler: async ({ db, scope, params, query }) => listRecords(db, scope, params.ledger, query),
  });
  r.add({
    method: 'POST',
    url: '/api/ledgers/:ledger/records',
    summary: '新增记录',
    tag: '台账',
    auth: 'ledger.write',
    params: ledgerParams,
    body: z.object({ data: z.unknown() }, { error: '请求应包含 data' }),
    status: 201,
    variants: perLedger((l, s) => ({ summary: `${l.label}：新增记录`, bodyProperties: { data: s.data }, response: s.record })),
    handler: async ({ db, scope, params, body }) => createRecord(db, scope, params.ledger, body.data),
  });
  r.add({
    method: 'GET',
    url: '/api/ledgers/:ledger/records/:id',
    summary: '查看记录',
    tag: '台账',
    auth: 'ledger.read',
    params: recordParams,
    variants: perLedger((l, s) => ({ summary: `${l.label}：查看记录`, response: s.record })),
    handler: async ({ db, scope, params }) => {
      const rec = await getRecord(db, scope, params.id);
      if (rec.ledger !== params.ledger) throw notFound();
      return rec;
    },
  });
  r.add({
    method: 'PUT',
    url: '/api/ledgers/:ledger/records/:id',
    summary: '修改记录',
    tag: '台账',
    auth: 'ledger.write',
    params: recordParams,
    body: z.object(
      { data: z.unknown(), version: z.number({ error: '版本号应为整数' }).int('版本号应为整数').optional() },
      { error: '请求应包含 data' },
    ),
    variants: perLedger((l, s) => ({ summary: `${l.label}：修改记录`, bodyProperties: { data: s.data }, response: s.record })),
    handler: async ({ db, scope, params, body }) => {
      getLedger(params.ledger);
      const cur = await getRecord(db, scope, params.id);
      if (cur.ledger !== params.ledger) throw notFound();
      if (body.version === undefined) throw versionRequired();
      return updateRecord(db, scope, params.id, body.data, body.version);
    },
  });
  r.add({
    method: 'DELETE',
    url: '/api/ledgers/:ledger/records/:id',
    summary: '删除记录',
    tag: '台账',
    auth: 'ledger.write',
    params: recordParams,
    status: 204,
    variants: perLedger((l) => ({ summary: `${l.label}：删除记录` })),
    handler: async ({ db, scope, params }) => {
      const cur = await getRecord(db, scope, params.id);
      if (cur.ledger !== params.ledger) throw notFound();
      await deleteRecord(db, scope, params.id);
      return undefined;
    },
  });
}
