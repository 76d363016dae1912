/**
 * The OpenAPI 3.1 document, built from the route table. Schemas are zod's JSON Schema (draft
 * 2020-12, the dialect of OpenAPI 3.1). Every `$defs` a schema carries (zod's reused or recursive
 * parts, the ledger record schemas) is hoisted into components/schemas and its refs rewritten, so the
 * document is self-contained and passes a standard validator. Every error answer is the one Problem.
 */
import { z } from 'zod';
import { SESSION_COOKIE } from './core.routes.ts';
import { PROBLEM_TYPE, problemSchema } from './problem.ts';
import type { AnyRoute, JsonSchema, RouteVariant } from './router.ts';

const TEXT = {
  title: '法治民政工作台 API',
  ok: '成功',
  noContent: '成功，无返回内容',
  badRequest: '请求内容有误',
  unauthorized: '未登录',
  forbidden: '没有权限进行此操作',
  notFound: '记录不存在（或不属于本单位）',
  other: '其他错误（如冲突、账户锁定、文件过大、服务器内部错误）',
  upload: '上传的文件',
};

const SCHEMAS = '#/components/schemas/';
const RESPONSES = '#/components/responses/';

const words = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1));

/** `get /api/ledgers/study_session/records/{id}` → `getLedgersStudySessionRecordsById`. */
function operationId(method: string, path: string): string {
  const parts = path
    .replace(/^\/api\//, '')
    .split('/')
    .flatMap((seg) => (seg.startsWith('{') ? ['By', ...words(seg)] : words(seg)));
  return method.toLowerCase() + parts.join('');
}

/** components/schemas, filled by hoisting the `$defs` of each schema put into the document. */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  /**
   * Returns `s` without `$schema`/`$defs`, its defs moved to components and every `$ref` pointing
   * there. `hint` names zod's anonymous defs (`__schema0`) and a root that refers to itself.
   */
  hoist(s: JsonSchema, hint: string): JsonSchema {
    const { $schema: _s, $defs: defs = {}, ...root } = s;
    const names = new Map(Object.keys(defs).map((k) => [k, k.startsWith('__') ? hint + words(k).join('') : k]));
    let selfRef = false;
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (!node || typeof node !== 'object') return node;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') out[k] = this.target(v, names, hint, () => (selfRef = true));
        else out[k] = rewrite(v);
      }
      return out;
    };
    for (const [k, def] of Object.entries(defs)) this.put(names.get(k) ?? k, rewrite(def) as JsonSchema);
    const body = rewrite(root) as JsonSchema;
    if (!selfRef) return body;
    this.put(hint, body);
    return { $ref: SCHEMAS + hint };
  }

  private target(ref: string, names: Map<string, string>, hint: string, onSelf: () => void): string {
    if (ref === '#') {
      onSelf();
      return SCHEMAS + hint;
    }
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    if (!m) return ref;
    const key = m[1].replace(/~1/g, '/').replace(/~0/g, '~');
    const name = names.get(key);
    if (!name) throw new Error(`OpenAPI: ${ref} has no definition`);
    return SCHEMAS + name;
  }

  /** One name, one schema: the same ledger schema hoisted from several routes is stored once. */
  put(name: string, schema: JsonSchema): void {
    const have = this.schemas[name];
    if (have && JSON.stringify(have) !== JSON.stringify(schema)) throw new Error(`OpenAPI: two different schemas named ${name}`);
    this.schemas[name] = schema;
  }
}

const toJson = (s: z.ZodType): JsonSchema => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const problemContent = { [PROBLEM_TYPE]: { schema: { $ref: `${SCHEMAS}Problem` } } };
const problemResponses = {
  BadRequest: { description: TEXT.badRequest, content: problemContent },
  Unauthorized: { description: TEXT.unauthorized, content: problemContent },
  Forbidden: { description: TEXT.forbidden, content: problemContent },
  NotFound: { description: TEXT.notFound, content: problemContent },
  Problem: { description: TEXT.other, content: problemContent },
};

/** The route itself, or one entry per variant with its fixed path parameters filled in. */
function instances(r: AnyRoute): Array<{ path: string; variant?: RouteVariant }> {
  const open = r.url.replace(/:([a-zA-Z]+)/g, '{$1}');
  if (!r.variants) return [{ path: open }];
  return r.variants().map((v) => ({
    path: Object.entries(v.params).reduce((p, [k, val]) => p.replace(`{${k}}`, encodeURIComponent(val)), open),
    variant: v,
  }));
}

function operation(r: AnyRoute, path: string, v: RouteVariant | undefined, c: Components) {
  const id = operationId(r.method, path);
  const name = id[0].toUpperCase() + id.slice(1);
  const parameters: unknown[] = [];
  const inPath = [...path.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]);
  const params = r.params ? c.hoist(toJson(r.params), `${name}Params`) : {};
  for (const p of inPath) parameters.push({ name: p, in: 'path', required: true, schema: params.properties?.[p] ?? { type: 'string' } });
  if (r.query) {
    const q = c.hoist(toJson(r.query), `${name}Query`);
    for (const [p, schema] of Object.entries(q.properties ?? {})) {
      parameters.push({ name: p, in: 'query', required: q.required?.includes(p) ?? false, schema });
    }
  }
  let requestBody: unknown;
  if (r.multipart) {
    requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', title: TEXT.upload } }, required: ['file'] },
        },
      },
    };
  } else if (r.body) {
    const body = c.hoist(toJson(r.body), `${name}Body`);
    if (v?.bodyProperties) {
      const extra = Object.entries(v.bodyProperties).map(([k, s]) => [k, c.hoist(s, `${name}Body${words(k).join('')}`)]);
      body.properties = { ...body.properties, ...Object.fromEntries(extra) };
    }
    requestBody = { required: true, content: { 'application/json': { schema: body } } };
  }
  const status = r.status ?? 200;
  const responses: Record<string, unknown> = {
    [status]:
      status === 204
        ? { description: TEXT.noContent }
        : v?.response
          ? { description: TEXT.ok, content: { 'application/json': { schema: c.hoist(v.response, `${name}Response`) } } }
          : { description: TEXT.ok },
    '400': { $ref: `${RESPONSES}BadRequest` },
  };
  if (r.auth !== 'public') responses['401'] = { $ref: `${RESPONSES}Unauthorized` };
  if (r.auth !== 'public' && r.auth !== 'login') responses['403'] = { $ref: `${RESPONSES}Forbidden` };
  if (inPath.length) responses['404'] = { $ref: `${RESPONSES}NotFound` };
  responses.default = { $ref: `${RESPONSES}Problem` };
  return {
    operationId: id,
    summary: v?.summary ?? r.summary,
    tags: [v?.tag ?? r.tag],
    security: r.auth === 'public' ? [] : [{ cookie: [] }],
    'x-permission': r.auth,
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the given routes. */
export function openApiDocument(routes: AnyRoute[]) {
  const c = new Components();
  c.put('Problem', c.hoist(toJson(problemSchema), 'Problem'));
  const paths: Record<string, Record<string, unknown>> = {};
  const tags: string[] = [];
  for (const r of routes) {
    for (const { path, variant } of instances(r)) {
      const op = operation(r, path, variant, c);
      for (const t of op.tags) if (!tags.includes(t)) tags.push(t);
      paths[path] = { ...paths[path], [r.method.toLowerCase()]: op };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: TEXT.title, version: '0.1.0' },
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: c.schemas,
      responses: problemResponses,
      securitySchemes: { cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
  };
}
