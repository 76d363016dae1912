/** Report routes: thin — parse, call one service function, present. */
import { z } from 'zod';
import { versionRequired } from '../errors.ts';
import { idParams, type Router } from '../http/router.ts';
import { contentSchema } from './model.ts';
import { renderDocx } from './render-docx.ts';
import { renderHtml } from './render-html.ts';
import {
  confirmReport,
  createReport,
  finalizeReport,
  getReport,
  listKinds,
  listReports,
  listReportVersions,
  refreshReport,
  updateReport,
} from './report.service.ts';
import { getReportSettings, setReportSettings } from './report-settings.service.ts';
import { sourcesQuerySchema } from '../figures/sources.service.ts';
import { figureSources } from './report-sources.service.ts';
import { REPORT_KINDS } from './templates/index.ts';

const yearSchema = z.coerce
  .number({ error: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度不能早于2000年')
  .max(2100, '年度不能晚于2100年');
const createBody = z.object({
  kind: z.enum(REPORT_KINDS, { error: `报告类型应为以下之一：${REPORT_KINDS.join('、')}` }),
  year: yearSchema,
  orgId: z.string().max(100).optional(),
  rollup: z.boolean().optional(),
  /** Regenerate the working draft even when its text was edited (otherwise 409, field `overwrite`). */
  overwrite: z.boolean().optional(),
});

/** The .docx file name: the title, made safe for Content-Disposition. */
const attachmentHeader = (title: string, ext: string) =>
  `attachment; filename="report.${ext}"; filename*=UTF-8''${encodeURIComponent(`${title}.${ext}`)}`;

export function reportRoutes(r: Router): void {
  r.add({
    method: 'GET',
    url: '/api/reports/kinds',
    summary: '报告类型',
    tag: '报告',
    auth: 'report.read',
    handler: async () => listKinds(),
  });
  r.add({
    method: 'GET',
    url: '/api/reports/settings',
    summary: '本单位报告设置（年度报告章节结构）',
    tag: '报告',
    auth: 'report.read',
    handler: async ({ db, scope }) => getReportSettings(db, scope),
  });
  r.add({
    method: 'PUT',
    url: '/api/reports/settings',
    summary: '修改本单位报告设置',
    tag: '报告',
    auth: 'report.write',
    body: z.object({ annualLayout: z.string({ error: '请选择章节结构' }).max(40) }),
    handler: async ({ db, scope, body }) => setReportSettings(db, scope, body),
  });
  r.add({
    method: 'GET',
    url: '/api/reports',
    summary: '报告草稿列表',
    tag: '报告',
    auth: 'report.read',
    query: z.object({ year: yearSchema.optional(), kind: z.string().max(40).optional(), orgId: z.string().max(100).optional() }),
    handler: async ({ db, scope, query }) => listReports(db, scope, query),
  });
  r.add({
    method: 'POST',
    url: '/api/reports',
    summary: '根据台账数据生成报告草稿（已有草稿时重新生成为新版本）',
    tag: '报告',
    auth: 'report.write',
    body: createBody,
    status: 201,
    handler: async ({ db, scope, body }) => createReport(db, scope, body),
  });
  r.add({
    method: 'GET',
    url: '/api/reports/:id',
    summary: '查看报告草稿及检查结果',
    tag: '报告',
    auth: 'report.read',
    params: idParams,
    handler: async ({ db, scope, params }) => getReport(db, scope, params.id),
  });
  r.add({
    method: 'GET',
    url: '/api/reports/:id/versions',
    summary: '报告版本记录',
    tag: '报告',
    auth: 'report.read',
    params: idParams,
    query: z.object({
      page: z.coerce.number().int().min(1).optional(),
      pageSize: z.coerce.number().int().min(1).max(200).optional(),
    }),
    handler: async ({ db, scope, params, query }) => listReportVersions(db, scope, params.id, query),
  });
  r.add({
    method: 'PUT',
    url: '/api/reports/:id',
    summary: '修改报告内容',
    tag: '报告',
    auth: 'report.write',
    params: idParams,
    body: z.object({ content: contentSchema, version: z.number({ error: '版本号应为整数' }).int('版本号应为整数').optional() }),
    handler: async ({ db, scope, params, body }) => {
      if (body.version === undefined) throw versionRequired();
      return updateReport(db, scope, params.id, body.content, body.version);
    },
  });
  r.add({
    method: 'POST',
    url: '/api/reports/:id/refresh',
    summary: '重新计算报告数据',
    tag: '报告',
    auth: 'report.write',
    params: idParams,
    body: z.object({ version: z.number().int().optional(), regenerate: z.boolean().optional() }),
    handler: async ({ db, scope, params, body }) => refreshReport(db, scope, params.id, body),
  });
  r.add({
    method: 'POST',
    url: '/api/reports/:id/confirm',
    summary: '确认专干撰写内容和“未发生/尚无”表述（记录确认人和时间）',
    tag: '报告',
    auth: 'report.write',
    params: idParams,
    body: z.object({
      version: z.number().int().optional(),
      own: z.array(z.string().max(100)).max(500).optional(),
      none: z.array(z.string().max(300)).max(500).optional(),
      all: z.boolean().optional(),
    }),
    handler: async ({ db, scope, params, body }) => confirmReport(db, scope, params.id, body),
  });
  r.add({
    method: 'POST',
    url: '/api/reports/:id/finalize',
    summary: '报告定稿（领导）',
    tag: '报告',
    auth: 'report.finalize',
    params: idParams,
    body: z.object({ version: z.number().int().optional(), force: z.boolean().optional(), confirmSecrecy: z.boolean().optional() }),
    handler: async ({ db, scope, params, body }) => finalizeReport(db, scope, params.id, body),
  });
  r.add({
    method: 'GET',
    url: '/api/reports/:id/docx',
    summary: '下载报告（Word，GB/T 9704版式）',
    tag: '报告',
    auth: 'report.read',
    params: idParams,
    handler: async ({ db, scope, params, reply }) => {
      const d = await getReport(db, scope, params.id);
      const buf = await renderDocx(d.content, d.figures);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', attachmentHeader(d.title, 'docx'));
      return reply.send(buf);
    },
  });
  r.add({
    method: 'GET',
    url: '/api/reports/:id/figures/:figure/sources',
    summary: '报告中一个数字的来源记录（按报告自身的数据快照，分页）',
    tag: '报告',
    auth: 'report.read',
    params: z.object({ id: z.string().min(1).max(100), figure: z.string().min(1).max(100) }),
    query: sourcesQuerySchema,
    handler: async ({ db, scope, params, query }) => figureSources(db, scope, params.id, { figure: params.figure, ...query }),
  });
  r.add({
    method: 'GET',
    url: '/api/reports/:id/html',
    summary: '报告网页预览（数字可追溯到来源记录）',
    tag: '报告',
    auth: 'report.read',
    params: idParams,
    handler: async ({ db, scope, params, reply }) => {
      const d = await getReport(db, scope, params.id);
      reply.header('content-type', 'text/html; charset=utf-8');
      return reply.send(renderHtml(d.content, d.figures, { status: d.status }));
    },
  });
}

export { renderReportDocx } from './report.service.ts';
