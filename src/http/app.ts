/**
 * The Fastify application: session → scope, the route table, problem+json errors, the OpenAPI
 * document and the built web app. Routes stay thin: parse, call one service function, present.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import { AppError, badRequest, forbidden, unauthorized } from '../errors.ts';
import { SessionResolver } from '../org/auth.service.ts';
import { can, type Scope } from '../org/scope.ts';
import { systemClock } from '../util/time.ts';
import { openApiDocument } from './openapi.ts';
import { PROBLEM_TYPE, type Problem } from './problem.ts';
import type { AnyRoute } from './router.ts';
import { allRoutes } from './routes.ts';

import { SESSION_COOKIE } from './core.routes.ts';
export { SESSION_COOKIE };

declare module 'fastify' {
  interface FastifyRequest {
    scope: Scope | null;
  }
}

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return value as T;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const iss = r.error.issues[0];
  const field = iss?.path.length ? iss.path.map(String).join('.') : undefined;
  const msg = iss?.message && /[\u4e00-\u9fa5]/.test(iss.message) ? iss.message : `${where}参数${field ? `“${field}”` : ''}格式不正确`;
  throw badRequest(field, msg);
}

export async function buildApp(db: Db, cfg: Config, opts: { logger?: boolean; webRoot?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => Math.random().toString(36).slice(2, 10) + Date.now().toString(36),
    bodyLimit: 5 * 1024 * 1024,
  });
  // @fastify/compress (the Fastify team's own plugin) for API answers: JSON and text above 1 KB, br or
  // gzip. Types that are compressed already (.docx, .xlsx, zip, images, PDF) are left as they are:
  // mime-db marks them not compressible. The web app's files come precompressed (see below), and a
  // response that already has a content-encoding is passed through.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  app.decorateRequest('scope', null);

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .status(err.status)
        .type(PROBLEM_TYPE)
        .send({
          type: `about:blank#${err.id}`,
          id: err.id,
          title: err.title,
          status: err.status,
          detail: err.detail,
          field: err.field,
          errors: err.errors.length ? [...err.errors] : undefined,
          requestId: req.id,
        } satisfies Problem);
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      const detail =
        e.code === 'FST_ERR_CTP_INVALID_JSON_LENGTH' ||
        e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        e.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
          ? '请求内容格式不正确'
          : e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413
            ? '上传内容过大'
            : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
              ? '不支持的内容类型'
              : '请求内容格式不正确（应为合法的 JSON）';
      return reply
        .status(e.statusCode)
        .type(PROBLEM_TYPE)
        .send({
          type: 'about:blank#bad_request',
          id: 'bad_request',
          title: '请求内容有误',
          status: e.statusCode,
          detail,
          requestId: req.id,
        } satisfies Problem);
    }
    req.log.error({ err }, 'unhandled error');
    if (!opts.logger) console.error(`[${req.id}]`, err);
    return reply
      .status(500)
      .type(PROBLEM_TYPE)
      .send({
        type: 'about:blank#internal',
        id: 'internal',
        title: '服务器内部错误',
        status: 500,
        detail: `服务器内部错误，请联系管理员（请求编号 ${req.id}）`,
        requestId: req.id,
      } satisfies Problem);
  });

  const sessions = new SessionResolver(db, cfg);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.scope = token ? await sessions.resolve(token, req.ip) : null;
  });

  const routes: AnyRoute[] = allRoutes(cfg);
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      handler: async (req, reply) => {
        let scope = req.scope;
        if (r.auth !== 'public') {
          if (!scope) throw unauthorized();
          if (r.auth !== 'login' && !can(scope, r.auth)) throw forbidden();
        }
        scope = scope ?? anonymousScope(req);
        const query = parseWith(r.query, req.query, '查询');
        const params = parseWith(r.params, req.params, '路径');
        const body = r.multipart ? undefined : parseWith(r.body, req.body, '请求');
        if (r.status) reply.status(r.status);
        const out = await r.handler({ db, scope, query, body, params, req, reply });
        if (reply.sent) return reply;
        return out === undefined ? reply.status(204).send() : out;
      },
    });
  }
  // built once, on first request: only clients and tools read it
  let doc: ReturnType<typeof openApiDocument> | undefined;
  app.get('/api/openapi.json', async () => {
    doc ??= openApiDocument(routes);
    return doc;
  });
  app.get('/api/health', async () => ({ ok: true }));
  app.all('/api/*', async () => {
    throw new AppError('not_found', 404, '未找到', '接口不存在');
  });

  const webRoot = opts.webRoot ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  if (fs.existsSync(path.join(webRoot, 'index.html'))) {
    // The build writes .br/.gz beside each file (web/vite.config.ts); `preCompressed` picks the one the
    // client accepts. Vite's hashed /assets/ files never change under their name: cached for a year.
    // index.html names the current hashes, so the browser asks again every time.
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      preCompressed: true,
      setHeaders: (reply, file) => {
        const hashed = path.relative(webRoot, file).split(path.sep)[0] === 'assets';
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.status(404).send({ status: 404, title: '未找到', detail: '页面不存在' });
    });
  }
  return app;
}

function anonymousScope(req: FastifyRequest): Scope {
  return {
    userId: '',
    username: 'anonymous',
    displayName: '',
    role: 'staff',
    orgId: '',
    unitId: null,
    readOrgIds: [],
    writeOrgIds: [],
    manageOrgIds: [],
    perms: [],
    ip: req.ip,
    clock: systemClock,
  };
}
