/** Routes of the verifiable 双随机 draw: run, read, verify. Thin: parse, call the service, return. */
import { idParams, type Router } from '../../http/router.ts';
import { createDraw, drawInput, getDraw, verifyDraw } from './draw.service.ts';

export function drawRoutes(r: Router): void {
  r.add({
    method: 'POST',
    url: '/api/enforcement/draws',
    summary: '双随机抽取（可验证）',
    tag: '行政执法',
    auth: 'ledger.write',
    body: drawInput,
    handler: async ({ db, scope, body, reply }) => {
      const d = await createDraw(db, scope, body);
      reply.status(201);
      return d;
    },
  });
  r.add({
    method: 'GET',
    url: '/api/enforcement/draws/:id',
    summary: '查看抽取记录',
    tag: '行政执法',
    auth: 'ledger.read',
    params: idParams,
    handler: async ({ db, scope, params }) => getDraw(db, scope, params.id),
  });
  r.add({
    method: 'POST',
    url: '/api/enforcement/draws/:id/verify',
    summary: '验证抽取结果（重新抽取并比对）',
    tag: '行政执法',
    auth: 'ledger.read',
    params: idParams,
    handler: async ({ db, scope, params }) => verifyDraw(db, scope, params.id),
  });
}
