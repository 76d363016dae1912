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
import { badRequest, forbidden, invalid, unauthorized } from '../errors.ts';
import { SessionResolver } from '../org/auth.service.ts';
import { can, type Scope } from '../org/scope.ts';
import { systemClock } from '../util/time.ts';
import { openApiDocument } from './openapi.ts';
import {
  checkRequestText,
  clientErrorHandler,
  frameworkErrors,
  methodNotAllowed,
  notFoundApi,
  registerBodyTextCheck,
  registerErrorHandler,
  registerNotFound,
  registerSecurityHeaders,
} from './edge.ts';
import type { AnyRoute } from './router.ts';
import { allRoutes } from './routes.ts';

import { SESSION_COOKIE } from './core.routes.ts';
export { SESSION_COOKIE };

declare module 'fastify' {
  interface FastifyRequest {
    scope: Scope | null;
  }
}

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown): T {
  if (!schema) return value as T;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  // Every issue is worded in Chinese: by its schema, or by util/zod-zh.ts naming the field.
  const errors = r.error.issues.map((iss) => ({ field: iss.path.map(String).join('.'), message: iss.message }));
  throw errors.length > 1 ? invalid(errors) : badRequest(errors[0]?.field || undefined, errors[0]?.message ?? '');
}

const BODY_LIMIT = 5 * 1024 * 1024;

export async function buildApp(db: Db, cfg: Config, opts: { logger?: boolean; webRoot?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => Math.random().toString(36).slice(2, 10) + Date.now().toString(36),
    bodyLimit: BODY_LIMIT,
    // a hop count: trust that many proxies nearest to us (Fastify's types take it as a function)
    trustProxy: typeof cfg.trustProxy === 'number' ? trustHops(cfg.trustProxy) : cfg.trustProxy,
    clientErrorHandler,
    frameworkErrors,
  });
  registerErrorHandler(app, { logger: opts.logger ?? false, bodyLimit: BODY_LIMIT });
  await registerSecurityHeaders(app, cfg);
  // @fastify/compress (the Fastify team's own plugin) for API answers: JSON and text above 1 KB, br or
  // gzip. Types that are compressed already (.docx, .xlsx, zip, images, PDF) are left as they are:
  // mime-db marks them not compressible. The web app's files come precompressed (see below), and a
  // response that already has a content-encoding is passed through.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  app.decorateRequest('scope', null);
  registerBodyTextCheck(app);

  const sessions = new SessionResolver(db, cfg);
  app.addHook('onRequest', async (req) => {
    checkRequestText(req);
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
        const query = parseWith(r.query, req.query);
        const params = parseWith(r.params, req.params);
        const body = r.multipart ? undefined : parseWith(r.body, req.body);
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
  const allowed = methodsByPath([...routes, { method: 'GET', url: '/api/openapi.json' }, { method: 'GET', url: '/api/health' }]);
  app.all('/api/*', async (req) => {
    const methods = allowed(req.url.split('?')[0]);
    if (methods.length) throw methodNotAllowed(req.method, methods);
    throw notFoundApi();
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
    registerNotFound(app, (req, reply) =>
      req.method === 'GET' && !req.url.startsWith('/api/') ? reply.sendFile('index.html') : undefined,
    );
  } else {
    registerNotFound(app);
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

/** The methods some route serves at a concrete path (for a 405 instead of a 404). */
function methodsByPath(routes: ReadonlyArray<{ method: string; url: string }>): (path: string) => string[] {
  const patterns = routes.map((r) => ({
    method: r.method,
    re: new RegExp(`^${r.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}/?$`),
  }));
  return (path) => [...new Set(patterns.filter((p) => p.re.test(path)).map((p) => p.method))];
}

const trustHops =
  (n: number) =>
  (_addr: string, hop: number): boolean =>
    hop < n;
