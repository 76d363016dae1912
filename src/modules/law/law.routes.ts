/** Law library routes: import a law file, read a law's articles, search articles across laws. */
import { z } from 'zod';
import { idParams, type Router } from '../../http/router.ts';
import { readUpload } from '../../ledger/upload.ts';
import { LAW_MSG } from './law.messages.ts';
import { importLaw, lawArticles, resolveLawCitations, searchLaws } from './law.service.ts';

const qQuery = z.object({ q: z.string().max(1000).optional() });
const TAG = '法律法规库';

export function lawRoutes(r: Router): void {
  r.add({
    method: 'POST',
    url: '/api/laws/import',
    summary: '导入一部法律法规（multipart：file 为 .md 或 .txt 文本，可选 category 类别）',
    tag: TAG,
    auth: 'ledger.write',
    multipart: true,
    handler: async ({ db, scope, req, reply }) => {
      const up = await readUpload(req);
      const res = await importLaw(db, scope, { filename: up.filename, content: up.content, category: up.fields.category });
      reply.status(res.outcome === LAW_MSG.imported ? 201 : 200);
      return res;
    },
  });
  r.add({
    method: 'GET',
    url: '/api/laws/search',
    summary: '在本单位可见的法律法规中查找含有关键词的条文（最多100条）',
    tag: TAG,
    auth: 'ledger.read',
    query: qQuery,
    handler: async ({ db, scope, query }) => searchLaws(db, scope, query.q),
  });
  r.add({
    method: 'GET',
    url: '/api/laws/resolve',
    summary: '一段文字（如普法责任清单的“法律法规”）提到的法律法规，及法律法规库中同名的法规',
    tag: TAG,
    auth: 'ledger.read',
    query: z.object({ text: z.string().max(1000).optional() }),
    handler: async ({ db, scope, query }) => resolveLawCitations(db, scope, query.text),
  });
  r.add({
    method: 'GET',
    url: '/api/laws/:id/articles',
    summary: '一部法律法规的条文（可用 q 筛选含关键词的条文）',
    tag: TAG,
    auth: 'ledger.read',
    params: idParams,
    query: qQuery,
    handler: async ({ db, scope, params, query }) => lawArticles(db, scope, params.id, query.q),
  });
}
