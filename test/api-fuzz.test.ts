/**
 * A fuzzer driven by the app's own /api/openapi.json: for every operation, as a logged-in officer
 * and as an anonymous client, a bounded and deterministic sample of hostile inputs per parameter and
 * body property (wrong types, missing required fields, null, huge text, NUL / lone surrogate / bidi
 * text, negative and huge numbers, unknown ids, bad JSON, hostile uploads). On each database:
 * no answer is a 5xx; every 4xx is problem+json with a Chinese detail; and no refused request
 * leaves a trace, the row count of every table and the audit head being unchanged (a refusal the
 * audit log must record, such as a failed login, may add audit rows marked unsuccessful and count
 * itself in the login failure counters, nothing else).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Client, client, DIALECT, type Res, serverSuite } from './helpers.ts';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
};
type Param = { name: string; in: 'path' | 'query'; required: boolean; schema: Schema };
type Operation = { parameters?: Param[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** One hostile request: where it aims and how it is sent. */
type Case = {
  label: string;
  path: string;
  query: Record<string, string>;
  body?: { json: unknown } | { raw: string; type: string } | { multipart: { filename: string; fields: Record<string, string> } };
};

const CJK = /[\u4e00-\u9fa5]/;
const HUGE = 'x'.repeat(100_000);
const BAD_TEXT = ['a\u0000b', 'a\ud800b', 'gnp\u202e.exe', 'x\u2066y'];
/** Cases per operation and actor; the sample is drawn with a fixed seed, so every run sends the same requests. */
const PER_OPERATION = { officer: 14, anonymous: 3 };
const PER_LEDGER_OPERATION = { officer: 6, anonymous: 1 };

/** mulberry32: a small seeded generator, so that the sample is the same on every run and database. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hash = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

function sample<T>(items: T[], n: number, seed: string): T[] {
  if (items.length <= n) return items;
  const next = rng(hash(seed));
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
  return out;
}

function resolve(doc: Doc, s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; cur.$ref && i < 10; i++) cur = doc.components.schemas[cur.$ref.replace('#/components/schemas/', '')] ?? {};
  if (cur.allOf?.length) return resolve(doc, cur.allOf[0]);
  return cur;
}

const typeOf = (s: Schema): string | undefined => {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t) return t;
  if (s.properties) return 'object';
  return undefined;
};

/** A value the schema accepts, as far as a schema can tell (the fuzzer changes one thing of it at a time). */
function valid(doc: Doc, raw: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, raw);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return valid(doc, alt.find((a) => resolve(doc, a).type !== 'null') ?? alt[0], depth);
  switch (typeOf(s)) {
    case 'string':
      if (s.format === 'date' || s.pattern?.includes('\\d{4}')) return '2025-03-05';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 2025, s.minimum !== undefined && s.minimum > 1000 ? s.minimum : 1));
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object': {
      if (depth > 3) return {};
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = valid(doc, s.properties?.[k], depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

/** Hostile values for a body property of schema `s`. */
function hostile(doc: Doc, raw: Schema | undefined): Array<[string, unknown]> {
  const s = resolve(doc, raw);
  const common: Array<[string, unknown]> = [
    ['null', null],
    ['object', { a: 1 }],
    ...BAD_TEXT.map((t, i): [string, unknown] => [`bad text ${i}`, t]),
  ];
  switch (typeOf(s)) {
    case 'integer':
    case 'number':
      return [...common, ['text', 'abc'], ['negative', -1], ['very negative', -1e15], ['huge', 1e308], ['fraction', 1.5], ['bool', true]];
    case 'boolean':
      return [...common, ['text', 'yes'], ['number', 1]];
    case 'array':
      return [...common, ['text', 'x'], ['array of null', [null]], ['array of bad text', [BAD_TEXT[0]]], ['many', Array(5000).fill('x')]];
    case 'object':
      return [...common, ['text', 'x'], ['array', []], ['bad key', { 'k\u0000': 1 }], ['proto', JSON.parse('{"__proto__":{"x":1}}')]];
    default:
      return [...common, ['number', 123], ['huge', HUGE], ['empty', ''], ['array', ['x']], ['negative text', '-1']];
  }
}

/** Hostile values for a query or path parameter (always text on the wire). */
const hostileParam = (name: string): Array<[string, string]> => [
  ...BAD_TEXT.map((t, i): [string, string] => [`${name} bad text ${i}`, t]),
  [`${name} huge`, 'x'.repeat(20_000)],
  [`${name} negative`, '-1'],
  [`${name} huge number`, '1e999'],
  [`${name} not a number`, 'abc'],
  [`${name} traversal`, '../../etc/passwd'],
  [`${name} unknown id`, '00000000-0000-0000-0000-000000000000'],
];

/** encodeURIComponent, except that a lone surrogate goes as the bytes it would be in CESU-8 (invalid UTF-8). */
const encode = (v: string): string =>
  v
    .split(/([\ud800-\udfff])/)
    .map((part) =>
      /^[\ud800-\udfff]$/.test(part)
        ? `%ED%${(0xa0 + ((part.charCodeAt(0) >> 6) & 0x1f)).toString(16).toUpperCase()}%80`
        : encodeURIComponent(part),
    )
    .join('');

function encodePath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (_, k: string) => encode(values[k] ?? 'unknown'));
}

/** Every hostile case of one operation (before sampling). */
function casesOf(doc: Doc, method: string, template: string, op: Operation, ids: (path: string, name: string) => string): Case[] {
  const params = op.parameters ?? [];
  const pathValues = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, ids(template, p.name)]));
  const baseQuery = Object.fromEntries(
    params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(valid(doc, p.schema))]),
  );
  const path = encodePath(template, pathValues);
  const json = op.requestBody?.content['application/json']?.schema;
  const multipart = op.requestBody?.content['multipart/form-data'];
  const base = json ? (valid(doc, json) as Record<string, unknown>) : undefined;
  const withBase = (c: Omit<Case, 'body'>): Case => ({ ...c, ...(base !== undefined ? { body: { json: base } } : {}) });
  const out: Case[] = [];
  for (const p of params) {
    for (const [label, v] of hostileParam(p.name)) {
      if (p.in === 'path') out.push(withBase({ label, path: encodePath(template, { ...pathValues, [p.name]: v }), query: baseQuery }));
      else out.push(withBase({ label, path, query: { ...baseQuery, [p.name]: v } }));
    }
  }
  out.push(withBase({ label: 'unknown query parameter with NUL', path, query: { ...baseQuery, zz: '\u0000' } }));
  if ((json || !multipart) && method !== 'get') {
    out.push({ label: 'bad JSON', path, query: baseQuery, body: { raw: '{"a":', type: 'application/json' } });
    out.push({ label: 'JSON with a NUL escape', path, query: baseQuery, body: { raw: '{"a":"\\u0000"}', type: 'application/json' } });
  }
  if (json && base) {
    out.push({ label: 'body is an array', path, query: baseQuery, body: { json: [base] } });
    out.push({ label: 'body is null', path, query: baseQuery, body: { raw: 'null', type: 'application/json' } });
    out.push({ label: 'body is text', path, query: baseQuery, body: { raw: 'x', type: 'text/plain' } });
    const s = resolve(doc, json);
    const props = Object.entries(s.properties ?? {});
    for (const k of s.required ?? []) {
      const { [k]: _gone, ...rest } = base;
      out.push({ label: `missing ${k}`, path, query: baseQuery, body: { json: rest } });
    }
    for (const [k, ps] of props) {
      for (const [label, v] of hostile(doc, ps))
        out.push({ label: `${k}: ${label}`, path, query: baseQuery, body: { json: { ...base, [k]: v } } });
      // one level down, for the record `data` of each ledger
      const inner = resolve(doc, ps);
      if (typeOf(inner) === 'object' && inner.properties) {
        const innerBase = (base[k] as Record<string, unknown> | undefined) ?? (valid(doc, inner) as Record<string, unknown>);
        for (const [ik, is] of Object.entries(inner.properties)) {
          for (const [label, v] of hostile(doc, is)) {
            out.push({
              label: `${k}.${ik}: ${label}`,
              path,
              query: baseQuery,
              body: { json: { ...base, [k]: { ...innerBase, [ik]: v } } },
            });
          }
        }
      }
    }
  }
  if (multipart) {
    for (const [i, name] of BAD_TEXT.entries()) {
      out.push({ label: `upload file name ${i}`, path, query: baseQuery, body: { multipart: { filename: `${name}.xlsx`, fields: {} } } });
      out.push({
        label: `upload field ${i}`,
        path,
        query: baseQuery,
        body: { multipart: { filename: 'a.txt', fields: { note: name, category: name } } },
      });
    }
    out.push({ label: 'upload as JSON', path, query: baseQuery, body: { json: { file: 'x' } } });
    out.push({ label: 'upload, not a spreadsheet', path, query: baseQuery, body: { multipart: { filename: 'a.xlsx', fields: {} } } });
  }
  return out;
}

async function send(c: Client, method: string, k: Case): Promise<Res> {
  const qs = Object.entries(k.query)
    .map(([n, v]) => `${encode(n)}=${encode(v)}`)
    .join('&');
  const url = k.path + (qs ? `?${qs}` : '');
  let init: RequestInit = { method: method.toUpperCase() };
  if (k.body && 'json' in k.body) init = { ...init, headers: { 'content-type': 'application/json' }, body: JSON.stringify(k.body.json) };
  else if (k.body && 'raw' in k.body) init = { ...init, headers: { 'content-type': k.body.type }, body: k.body.raw };
  else if (k.body && 'multipart' in k.body) {
    const form = new FormData();
    for (const [f, v] of Object.entries(k.body.multipart.fields)) form.append(f, v);
    form.append('file', new Blob([new Uint8Array(Buffer.from('not a spreadsheet'))]), k.body.multipart.filename);
    init = { ...init, body: form };
  }
  const res = await c.raw(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: reported below */
  }
  return { status: res.status, body, headers: res.headers };
}

describe('API fuzzer driven by the OpenAPI document', () => {
  const suite = serverSuite();

  /** The row count of every table, and the audit rows after `seq` (a refusal may add only unsuccessful ones). */
  let tables: Array<{ name: string }> | undefined;
  async function footprint(): Promise<{ counts: string; auditSeq: number }> {
    const db = suite.t.db;
    tables ??=
      DIALECT === 'sqlite'
        ? (
            await sql<{
              name: string;
            }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db)
          ).rows
        : (
            await sql<{
              name: string;
            }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
              db,
            )
          ).rows;
    const union = sql.join(
      tables.map((t) => sql`SELECT ${t.name} AS t, count(*) AS n FROM ${sql.id(t.name)}`),
      sql` UNION ALL `,
    );
    const rows = (await sql<{ t: string; n: number }>`${union}`.execute(db)).rows;
    const counts = rows
      // A refused login must count itself (login_throttle, per address and per unknown username), as it
      // must be audited: those counters are its intended trace, not a half-write.
      .filter((r) => r.t !== 'audit_log' && r.t !== 'audit_head' && r.t !== 'session' && r.t !== 'login_throttle')
      .map((r) => `${r.t}=${Number(r.n)}`)
      .join(' ');
    const head = await db
      .selectFrom('audit_log')
      .select((e) => e.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return { counts, auditSeq: Number(head?.seq ?? 0) };
  }

  it('finds no 5xx, no English or non-problem 4xx and no half-write on any operation', { timeout: 170_000 }, async () => {
    const w = suite.w;
    const officer = await client(suite.s.base, 'officer');
    const anonymous = await client(suite.s.base);
    const doc = (await anonymous.get('/api/openapi.json')).body as Doc;
    // real ids, so that hostile bodies meet the routes' own checks and not only "not found"
    const rec = await officer.post('/api/ledgers/study_session/records', {
      data: { date: '2025-03-05', kind: '在线学法', topic: '模糊测试' },
    });
    const report = await officer.post('/api/reports', { kind: 'annual-report', year: 2025 });
    const setting = ((await officer.get('/api/calendar/settings')).body as Array<{ key?: string; ruleKey?: string }>)[0];
    const ids = (path: string, name: string): string => {
      if (name === 'day') return '2025-10-08';
      if (name === 'ruleKey') return setting?.ruleKey ?? setting?.key ?? 'unknown';
      if (name === 'key' || name === 'figure') return 'study.central_group';
      if (path.startsWith('/api/reports/')) return report.body.id;
      if (path.startsWith('/api/orgs/')) return w.city;
      if (path.startsWith('/api/users/')) return w.users.officer;
      if (path.startsWith('/api/records/') || path.includes('study_session')) return rec.body.id;
      return 'unknown';
    };

    const failures: string[] = [];
    let sent = 0;
    let refusedWrites = 0;
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    for (const { path, method, op } of ops) {
      const all = casesOf(doc, method, path, op, ids);
      const isLedgerVariant = /^\/api\/ledgers\/[^{/]+\/records/.test(path) && !path.includes('study_session');
      for (const [actor, c] of [
        ['officer', officer],
        ['anonymous', anonymous],
      ] as const) {
        // the officer's own session must survive the run
        if (actor === 'officer' && path === '/api/auth/logout') continue;
        const n = (isLedgerVariant ? PER_LEDGER_OPERATION : PER_OPERATION)[actor];
        for (const k of sample(all, n, `${actor} ${method} ${path}`)) {
          const write = method !== 'get';
          const before = write ? await footprint() : null;
          const r = await send(c, method, k);
          sent++;
          const where = `${actor} ${method.toUpperCase()} ${path} [${k.label}] → ${r.status}`;
          if (r.status >= 500) {
            failures.push(`${where}: ${JSON.stringify(r.body).slice(0, 300)}`);
            continue;
          }
          if (r.status < 400) continue;
          const problem = r.body as { detail?: unknown } | null;
          if (!/application\/problem\+json/.test(r.headers.get('content-type') ?? '')) failures.push(`${where}: not problem+json`);
          else if (typeof problem?.detail !== 'string' || !CJK.test(problem.detail))
            failures.push(`${where}: detail ${JSON.stringify(problem?.detail)}`);
          if (before) {
            refusedWrites++;
            const afterIt = await footprint();
            if (afterIt.counts !== before.counts) failures.push(`${where}: rows changed\n  ${before.counts}\n  ${afterIt.counts}`);
            if (afterIt.auditSeq !== before.auditSeq) {
              const added = await suite.t.db
                .selectFrom('audit_log')
                .select(['action', 'success'])
                .where('seq', '>', before.auditSeq)
                .execute();
              if (added.some((a) => Number(a.success) !== 0)) failures.push(`${where}: audit entries ${JSON.stringify(added)}`);
            }
          }
        }
      }
    }
    console.log(`fuzzer (${DIALECT}): ${ops.length} operations, ${sent} requests, ${refusedWrites} refused writes checked for half-writes`);
    assert.ok(ops.length > 150, `only ${ops.length} operations in the document`);
    assert.ok(sent > 1500, `only ${sent} requests`);
    assert.deepEqual(failures, []);
    // the officer's session and the seeded data are intact after the run
    assert.equal((await officer.get('/api/me')).status, 200);
    assert.equal((await officer.get(`/api/records/${rec.body.id}`)).body.data.topic, '模糊测试');
  });
});
