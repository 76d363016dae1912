/**
 * Excel routes of every ledger: the import template, the export of a list query, the import (which
 * the client waits for, or with async=1 answers 202 with a job to poll), and the import job.
 */
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Router } from '../http/router.ts';
import { today } from '../util/time.ts';
import { exportLedgerXlsx, importLedgerXlsx, importLimits, ledgerTemplateXlsx, ownUnitNames } from './excel.ts';
import { ImportSlots } from './import-slots.ts';
import { getImportJob, startImportJob } from './import-job.service.ts';
import { listQuery } from './ledger.routes.ts';
import { getLedger } from './registry.ts';
import { contentDisposition, readUpload } from './upload.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ledgerParams = z.object({ ledger: z.string().min(1).max(60) });
const flag = (name: string) => z.enum(['0', '1', 'true', 'false'], { error: `${name} 应为 1 或 0` }).optional();
const importQuery = z.object({ dryRun: flag('dryRun'), async: flag('async') });
const jobParams = z.object({ id: z.string().min(1).max(60) });
const on = (v: string | undefined) => v === '1' || v === 'true';

const NAMES = {
  template: (label: string) => `${label}导入模板.xlsx`,
  export: (label: string) => `${label}_${today()}.xlsx`,
};

export function excelRoutes(r: Router, cfg: Config): void {
  const limits = importLimits(cfg);
  // One set of slots per app: the imports this server process parses at once (import-slots.ts).
  const slots = new ImportSlots(cfg.importMaxConcurrent);
  r.add({
    method: 'GET',
    url: '/api/ledgers/:ledger/template.xlsx',
    summary: '下载台账导入模板（Excel）',
    tag: '台账',
    auth: 'ledger.read',
    params: ledgerParams,
    handler: async ({ db, scope, params, reply }) => {
      const ledger = getLedger(params.ledger);
      const buf = await ledgerTemplateXlsx(ledger.key, { unitNames: await ownUnitNames(db, scope) });
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition(NAMES.template(ledger.label), `${ledger.key}-template.xlsx`));
      return buf;
    },
  });
  r.add({
    method: 'GET',
    url: '/api/ledgers/:ledger/export.xlsx',
    summary: '导出台账记录（Excel，筛选条件同列表）',
    tag: '台账',
    auth: 'ledger.read',
    params: ledgerParams,
    query: listQuery,
    handler: async ({ db, scope, params, query, reply }) => {
      const ledger = getLedger(params.ledger);
      const { page: _p, pageSize: _s, ...filters } = query;
      const buf = await exportLedgerXlsx(db, scope, ledger.key, filters);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition(NAMES.export(ledger.label), `${ledger.key}-${today()}.xlsx`));
      return buf;
    },
  });
  r.add({
    method: 'POST',
    url: '/api/ledgers/:ledger/import',
    summary:
      '从 Excel 导入台账记录（带记录编号的行更新原记录，其余新增；全部成功或全部不导入；dryRun=1 只检查并计数；async=1 立即返回 202 和导入任务，进度见 /api/import-jobs/:id）',
    tag: '台账',
    auth: 'ledger.write',
    params: ledgerParams,
    query: importQuery,
    multipart: true,
    handler: async ({ db, scope, params, query, req, reply }) => {
      getLedger(params.ledger);
      const upload = await readUpload(req);
      const opts = { ...limits, slots, dryRun: on(query.dryRun) };
      if (!on(query.async)) return importLedgerXlsx(db, scope, params.ledger, upload.content, { ...opts, fileName: upload.filename });
      const { job } = await startImportJob(db, scope, params.ledger, { name: upload.filename, content: upload.content }, opts);
      reply.status(202);
      return job;
    },
  });
  r.add({
    method: 'GET',
    url: '/api/import-jobs/:id',
    summary: '查询导入任务的进度与结果（只能查询本人发起的导入）',
    tag: '台账',
    auth: 'ledger.write',
    params: jobParams,
    handler: async ({ db, scope, params }) => getImportJob(db, scope, params.id),
  });
}
