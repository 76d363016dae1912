/**
 * What every request meets before and after its route: the text rule on every string it carries
 * (util/text.ts), the security headers, and the one error handler that turns every refusal — of
 * the catalog, of Fastify, of Node's HTTP parser — into problem+json with a Chinese `detail`.
 * Nothing here knows about a particular route.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError, BusyError, badRequest } from '../errors.ts';
import { badTextMessage, findBadText } from '../util/text.ts';
import { PROBLEM_TYPE, type Problem } from './problem.ts';

/** Every Chinese word the edge says, in one place. */
const MSG = {
  where: {
    header: (name: string) => `请求头“${name}”`,
    cookie: (name: string) => `Cookie“${name}”`,
    query: (path: string) => (path ? `查询参数“${path}”` : '查询参数'),
    params: (path: string) => (path ? `路径参数“${path}”` : '路径'),
    body: (path: string) => (path ? `请求字段“${path}”` : '请求内容'),
  },
  badRequestTitle: '请求内容有误',
  byStatus: {
    400: '请求内容格式不正确',
    404: '页面或接口不存在',
    405: '接口不支持此请求方法',
    406: '无法提供请求的内容格式',
    408: '请求超时，请重试',
    411: '请求缺少内容长度（Content-Length）',
    413: '请求内容过大',
    414: '请求地址过长',
    415: '不支持的内容类型',
    429: '请求过于频繁，请稍后再试',
    431: '请求头过大（可能是 Cookie 过多），请清除本站 Cookie 后重试',
  } as Record<number, string>,
  titleByStatus: {
    404: '未找到',
    405: '方法不允许',
    408: '请求超时',
    413: '内容过大',
    415: '内容类型不支持',
    429: '请求过多',
    431: '请求头过大',
  } as Record<number, string>,
  byCode: {
    FST_ERR_CTP_BODY_TOO_LARGE: (limitMb: number) => `请求内容过大：不能超过${limitMb}MB`,
    FST_ERR_CTP_INVALID_MEDIA_TYPE: () => '不支持的内容类型：请以 application/json 提交（上传文件用 multipart/form-data）',
    FST_ERR_CTP_EMPTY_JSON_BODY: () => '请求内容为空：声明为 JSON 时应提交 JSON 内容',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => '请求内容长度（Content-Length）与实际内容不符',
    FST_ERR_CTP_INVALID_JSON_LENGTH: () => '请求内容长度（Content-Length）与实际内容不符',
    FST_ERR_BAD_URL: () => '请求地址格式不正确（含有无效的字符编码）',
    FST_REQ_FILE_TOO_LARGE: () => '上传的文件过大',
  } as Record<string, (limitMb: number) => string>,
  badJson: '请求内容格式不正确（应为合法的 JSON）',
  internalTitle: '服务器内部错误',
  internal: (id: string) => `服务器内部错误，请联系管理员（请求编号 ${id}）`,
  notFoundApi: '接口不存在',
  notFoundPage: '页面不存在',
  methodNotAllowed: (method: string, allowed: string) => `接口不支持 ${method} 请求，可用的方法为：${allowed}`,
};

const problem = (reply: FastifyReply, req: FastifyRequest, p: Omit<Problem, 'requestId'>) =>
  reply
    .status(p.status)
    .type(PROBLEM_TYPE)
    .send({ ...p, requestId: req.id } satisfies Problem);

const STATUS_ID: Record<number, string> = {
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'headers_too_large',
};

/** A 4xx of a given status with the stable id the catalog uses for it. */
export function statusProblem(status: number, detail: string): AppError {
  const id = STATUS_ID[status] ?? 'bad_request';
  return new AppError(id, status, MSG.titleByStatus[status] ?? MSG.badRequestTitle, detail);
}

export const notFoundApi = (): AppError => statusProblem(404, MSG.notFoundApi);
export const methodNotAllowed = (method: string, allowed: readonly string[]): AppError =>
  statusProblem(405, MSG.methodNotAllowed(method, allowed.join('、')));

function refuseBadText(value: unknown, where: (path: string) => string): void {
  const bad = findBadText(value);
  if (bad) {
    const path = bad.path.join('.');
    throw badRequest(path || undefined, badTextMessage(where(path), bad.rule));
  }
}

/**
 * The text rule at the edge: headers, cookies, query and path parameters as soon as the request is
 * routed (before the session cookie is looked up: a NUL there reached PostgreSQL), and the parsed
 * JSON body before the route's schema sees it. Multipart parts are checked where they are read
 * (ledger/upload.ts), imported cells where they are read (ledger/excel.ts).
 */
export function checkRequestText(req: FastifyRequest): void {
  for (const [name, v] of Object.entries(req.headers)) refuseBadText(v, () => MSG.where.header(name));
  for (const [name, v] of Object.entries(req.cookies ?? {})) refuseBadText(v, () => MSG.where.cookie(name));
  refuseBadText(req.query, MSG.where.query);
  refuseBadText(req.params, MSG.where.params);
}

export function registerBodyTextCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    refuseBadText(req.body, MSG.where.body);
  });
}

/** True when this request reached us over TLS (directly, or as a trusted proxy says) or the deployment says so. */
export const isSecure = (cfg: Config, req: FastifyRequest): boolean => cfg.cookieSecure || req.protocol === 'https';

/**
 * Security headers on every answer (@fastify/helmet). The CSP is what the built web app needs:
 * scripts only from this origin (Vite emits no inline script); styles from this origin and inline,
 * because antd v5 injects its CSS-in-JS as <style> elements at run time (a per-response nonce would
 * need the HTML rendered per request; the static index.html is not); images also as data: (the
 * favicon) and blob: (previews of uploaded files). No framing, no plugins, no foreign form targets.
 * HSTS is sent only over TLS (a browser ignores it over HTTP, and a deployment on plain HTTP must not
 * be told to insist on HTTPS by a header it never sees), so helmet's own HSTS is off.
 */
export async function registerSecurityHeaders(app: FastifyInstance, cfg: Config): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    hsts: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    if (isSecure(cfg, req)) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}

/**
 * The error handler: catalog errors as they are, Fastify's own 4xx (body parsing, size, media type)
 * with a Chinese detail by code or status, anything else logged with the request id and answered 500.
 */
export function registerErrorHandler(app: FastifyInstance, opts: { logger: boolean; bodyLimit: number }): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err instanceof BusyError) reply.header('retry-after', String(err.retryAfter));
      return problem(reply, req, {
        type: `about:blank#${err.id}`,
        id: err.id,
        title: err.title,
        status: err.status,
        detail: err.detail,
        field: err.field,
        errors: err.errors.length ? [...err.errors] : undefined,
      });
    }
    const status = err.statusCode;
    if (status && status >= 400 && status < 500) {
      const byCode = err.code ? MSG.byCode[err.code] : undefined;
      const detail = byCode
        ? byCode(Math.round(opts.bodyLimit / 1024 / 1024))
        : err instanceof SyntaxError || status === 400
          ? MSG.badJson
          : (MSG.byStatus[status] ?? MSG.byStatus[400]);
      const e = statusProblem(status, detail);
      return problem(reply, req, { type: `about:blank#${e.id}`, id: e.id, title: e.title, status, detail });
    }
    req.log.error({ err }, 'unhandled error');
    if (!opts.logger) console.error(`[${req.id}]`, err);
    return problem(reply, req, {
      type: 'about:blank#internal',
      id: 'internal',
      title: MSG.internalTitle,
      status: 500,
      detail: MSG.internal(req.id),
    });
  });
}

/**
 * Errors Fastify's router raises before any hook runs (a path that is not valid percent-encoded
 * UTF-8, such as a lone surrogate's bytes): answered like every other 4xx.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const detail = (err.code ? MSG.byCode[err.code]?.(0) : undefined) ?? MSG.byStatus[status] ?? MSG.byStatus[400];
  const e = statusProblem(status, detail);
  problem(reply, req, { type: `about:blank#${e.id}`, id: e.id, title: e.title, status, detail });
}

/** The answer to a URL no route serves: the web app for a page (when `page` is given), else a 404 problem. */
export function registerNotFound(app: FastifyInstance, page?: (req: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined) {
  app.setNotFoundHandler((req, reply) => {
    const served = page?.(req, reply);
    if (served) return served;
    const e = statusProblem(404, req.url.startsWith('/api/') ? MSG.notFoundApi : MSG.notFoundPage);
    return problem(reply, req, { type: `about:blank#${e.id}`, id: e.id, title: e.title, status: 404, detail: e.detail });
  });
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers too large, a malformed
 * request line, a timeout); Fastify's default answer is English JSON. This answers the same statuses
 * as problem+json in Chinese, then closes the connection as Node does.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const e = statusProblem(status, MSG.byStatus[status]);
  const requestId = randomBytes(5).toString('hex');
  const body = JSON.stringify({
    type: `about:blank#${e.id}`,
    id: e.id,
    title: e.title,
    status,
    detail: e.detail,
    requestId,
  } satisfies Problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
        `Content-Type: ${PROBLEM_TYPE}; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
