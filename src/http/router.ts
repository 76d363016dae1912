/**
 * The route table. Every route is declared with its zod schemas and the permission it needs; the
 * table is the source of the OpenAPI document (openapi.ts) and of the tenancy test that walks every
 * route.
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

export type JsonSchema = z.core.JSONSchema.BaseSchema;

/**
 * One documented instance of a route whose path parameter picks a declaration: the generic ledger
 * routes are listed once per ledger, each with that ledger's own record schema.
 */
export type RouteVariant = {
  /** Path parameters this variant fixes, e.g. `{ ledger: 'study_session' }`. */
  params: Record<string, string>;
  summary: string;
  tag: string;
  /** Schemas of body properties the zod body leaves open (`data: z.unknown()`); may carry `$defs`. */
  bodyProperties?: Record<string, JsonSchema>;
  /** Schema of the success response; may carry `$defs`. */
  response?: JsonSchema;
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
  /** Success status, set before the handler runs; a handler that returns nothing answers 204. */
  status?: 200 | 201 | 204;
  /** OpenAPI only: list the route once per variant instead of once with an open path parameter. */
  variants?: () => RouteVariant[];
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
