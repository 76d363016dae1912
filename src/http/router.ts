/**
 * The route table. Every route is declared with its zod schemas and the permission it needs; the
 * table is the source of the OpenAPI document and of the tenancy test that walks every route.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/types.ts';
import type { Perm } from '../org/roles.ts';
import type { Scope } from '../org/scope.ts';

export type Ctx<Q, B, P> = {
  db: Db;
  scope: Scope;
  query: Q;
  body: B;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
};

export type RouteDef<Q = unknown, B = unknown, P = unknown> = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  /** 'public': no login; 'login': any logged-in user; else a permission. */
  auth: 'public' | 'login' | Perm;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  params?: z.ZodType<P>;
  /** multipart upload (body is read by the handler). */
  multipart?: boolean;
  handler: (ctx: Ctx<Q, B, P>) => Promise<unknown>;
};

// biome-ignore lint/suspicious/noExplicitAny: the table holds routes of every schema type; each is checked where declared
export type AnyRoute = RouteDef<any, any, any>;

export class Router {
  readonly routes: AnyRoute[] = [];
  add<Q = unknown, B = unknown, P = unknown>(def: RouteDef<Q, B, P>): void {
    this.routes.push(def as AnyRoute);
  }
}

export const idParams = z.object({ id: z.string().min(1).max(100) });

/** The OpenAPI 3.1 document, built from the route table. */
export function openApiDocument(routes: AnyRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const js = (s: z.ZodType) => {
    try {
      return z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
    } catch {
      return {};
    }
  };
  for (const r of routes) {
    const p = r.url.replace(/:([a-zA-Z]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      security: r.auth === 'public' ? [] : [{ cookie: [] }],
      'x-permission': r.auth,
      responses: { '200': { description: '成功' }, '400': { description: '请求内容有误（problem+json）' } },
    };
    const parameters: unknown[] = [];
    for (const m of p.matchAll(/\{([a-zA-Z]+)\}/g)) parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    if (r.query) {
      const q = js(r.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
      }
    }
    if (parameters.length) op.parameters = parameters;
    if (r.body) op.requestBody = { content: { 'application/json': { schema: js(r.body) } } };
    if (r.multipart) op.requestBody = { content: { 'multipart/form-data': { schema: { type: 'object' } } } };
    paths[p] = { ...(paths[p] ?? {}), [r.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: { title: '法治民政工作台 API', version: '0.1.0' },
    components: { securitySchemes: { cookie: { type: 'apiKey', in: 'cookie', name: 'fazhi_sid' } } },
    paths,
  };
}
