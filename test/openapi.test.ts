/**
 * The OpenAPI document at GET /api/openapi.json: a standard validator accepts it, it lists every
 * route of the route table (the ledger record routes once per ledger), each ledger's `data` is that
 * ledger's declared schema, and the answers the real server gives match what it documents.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { z } from 'zod';
import type { JsonSchema } from '../src/http/router.ts';
import { allRoutes } from '../src/http/routes.ts';
import { ledgerDataJsonSchema } from '../src/ledger/openapi-schema.ts';
import { allLedgers } from '../src/ledger/registry.ts';
import { STUDY_KINDS } from '../src/modules/study/study.ledger.ts';
import { client, makeDb, makeWorld, type Server, startServer, type TestDb } from './helpers.ts';

type Op = {
  operationId: string;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: JsonSchema }> }>;
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, { content: Record<string, { schema: JsonSchema }> }> };
};

/** Follows a local `$ref` (`#/components/...`) to its target. */
function resolve<T>(doc: Doc, node: T | { $ref?: string }): T {
  const ref = (node as { $ref?: string }).$ref;
  if (!ref) return node as T;
  assert.match(ref, /^#\/components\//, `ref outside components: ${ref}`);
  let at: unknown = doc;
  for (const seg of ref.slice(2).split('/')) at = (at as Record<string, unknown>)[seg];
  assert.ok(at, `missing ${ref}`);
  return resolve(doc, at as T);
}

/** Property `key` of `s`, refs followed. */
function prop(doc: Doc, s: JsonSchema, key: string): JsonSchema {
  const p = resolve<JsonSchema>(doc, s).properties?.[key];
  assert.ok(p && typeof p === 'object', `no property ${key}`);
  return resolve<JsonSchema>(doc, p);
}

/** The item schema of array schema `s`, refs followed. */
function itemsOf(doc: Doc, s: JsonSchema): JsonSchema {
  const i = resolve<JsonSchema>(doc, s).items;
  assert.ok(i && typeof i === 'object' && !Array.isArray(i), 'no items');
  return resolve<JsonSchema>(doc, i);
}

const isType = (t: string, v: unknown): boolean =>
  t === 'null'
    ? v === null
    : t === 'integer'
      ? Number.isInteger(v)
      : t === 'array'
        ? Array.isArray(v)
        : t === 'object'
          ? typeof v === 'object' && v !== null && !Array.isArray(v)
          : typeof v === t;

/** The ways `value` breaks `schema` (the keywords this document uses), as readable paths. */
function violations(doc: Doc, value: unknown, node: JsonSchema, at = '$'): string[] {
  const s = resolve<JsonSchema>(doc, node);
  const types = s.type === undefined ? undefined : [s.type].flat();
  if (types && !types.some((t) => isType(t, value))) return [`${at}: ${JSON.stringify(value)} is not ${types.join('|')}`];
  if (s.enum && !s.enum.includes(value as never)) return [`${at}: ${JSON.stringify(value)} not in enum`];
  if (typeof value === 'string' && s.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return [`${at}: not a date`];
  if (typeof value === 'string' && s.format === 'uuid' && !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(value))
    return [`${at}: not a uuid`];
  const out: string[] = [];
  if (Array.isArray(value) && s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
    const items = s.items;
    value.forEach((v, i) => {
      out.push(...violations(doc, v, items, `${at}[${i}]`));
    });
  }
  if (isType('object', value)) {
    const obj = value as Record<string, unknown>;
    for (const k of s.required ?? []) if (!(k in obj)) out.push(`${at}.${k}: missing`);
    for (const [k, v] of Object.entries(obj)) {
      const p = s.properties?.[k];
      if (p && typeof p === 'object') out.push(...violations(doc, v, p, `${at}.${k}`));
      else if (s.additionalProperties === false) out.push(`${at}.${k}: not documented`);
    }
  }
  return out;
}

const METHODS = ['get', 'post', 'put', 'delete'];
const PROBLEM = 'application/problem+json';

describe('OpenAPI document', () => {
  let t: TestDb;
  let s: Server;
  let doc: Doc;
  before(async () => {
    t = await makeDb();
    await makeWorld(t.db);
    s = await startServer(t.db);
    const res = await (await client(s.base)).get('/api/openapi.json');
    assert.equal(res.status, 200);
    doc = res.body;
  });
  after(async () => {
    await s.close();
    await t.close();
  });

  it('is valid OpenAPI 3.1 for a standard validator, every $ref inside components', async () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    // validate() dereferences in place: give it a copy
    await SwaggerParser.validate(structuredClone(doc) as never);
    const text = JSON.stringify(doc);
    assert.ok(!text.includes('"$defs"') && !text.includes('"$schema"'), 'no $defs/$schema left in the document');
    for (const m of text.matchAll(/"\$ref":"([^"]*)"/g)) resolve(doc, { $ref: m[1] });
  });

  it('lists every route of the route table, the record routes once per ledger, and nothing else', () => {
    const ledgers = allLedgers();
    assert.ok(ledgers.length > 10, 'the modules registered their ledgers');
    const expected = new Set<string>();
    let perLedger = 0;
    for (const r of allRoutes()) {
      const open = r.url.replace(/:([a-zA-Z]+)/g, '{$1}');
      if (!r.variants) {
        expected.add(`${r.method} ${open}`);
        continue;
      }
      perLedger++;
      assert.match(open, /\{ledger\}/);
      for (const l of ledgers) expected.add(`${r.method} ${open.replace('{ledger}', l.key)}`);
    }
    assert.equal(perLedger, 5, 'list, create, read, update, delete of records are documented per ledger');
    const actual = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    assert.deepEqual([...actual].sort(), [...expected].sort());
    for (const l of ledgers) {
      assert.ok(doc.paths[`/api/ledgers/${l.key}/records`]?.post, l.key);
      assert.ok(doc.paths[`/api/ledgers/${l.key}/records/{id}`]?.put, l.key);
    }
  });

  it('describes study_session data by its declaration: date required as a date, kind with its options', () => {
    const post = doc.paths['/api/ledgers/study_session/records'].post;
    const body = resolve<JsonSchema>(doc, post.requestBody?.content['application/json'].schema ?? {});
    assert.deepEqual(body.required, ['data']);
    const data = prop(doc, body, 'data');
    const p = (k: string) => prop(doc, data, k);
    assert.equal(data.title, '学法活动台账');
    assert.deepEqual([...(data.required ?? [])].sort(), ['date', 'kind', 'topic']);
    assert.equal(data.additionalProperties, false);
    assert.deepEqual(p('date'), { type: 'string', format: 'date', title: '日期' });
    assert.deepEqual(p('kind'), { type: 'string', enum: [...STUDY_KINDS], title: '形式' });
    assert.equal(p('topic').minLength, 1);
    assert.equal(p('topic').maxLength, 500);
    assert.equal(p('hours').maximum, 24);
    assert.equal(p('attendees').minimum, 0);
    assert.deepEqual(p('attendees').type, ['integer', 'null']);
    assert.equal(p('laws').description, '多部用顿号分隔，例如：宪法、民法典');
    // the update body, the record and the list page all point at the same schema
    const put = doc.paths['/api/ledgers/study_session/records/{id}'].put;
    const putBody = resolve<JsonSchema>(doc, put.requestBody?.content['application/json'].schema ?? {});
    assert.deepEqual(putBody.properties?.data, body.properties?.data);
    assert.equal(prop(doc, putBody, 'version').type, 'integer');
    const rec = resolve<JsonSchema>(doc, post.responses['201'].content?.['application/json'].schema ?? {});
    assert.deepEqual(rec.properties?.data, body.properties?.data);
    const page = resolve<JsonSchema>(
      doc,
      doc.paths['/api/ledgers/study_session/records'].get.responses['200'].content?.['application/json'].schema ?? {},
    );
    assert.deepEqual(itemsOf(doc, prop(doc, page, 'items')), rec);
  });

  it('gives every ledger field its label, required flag and options', () => {
    for (const l of allLedgers()) {
      const post = doc.paths[`/api/ledgers/${l.key}/records`].post;
      const body = resolve<JsonSchema>(doc, post.requestBody?.content['application/json'].schema ?? {});
      const data = prop(doc, body, 'data');
      assert.deepEqual(Object.keys(data.properties ?? {}), Object.keys(l.fields), l.key);
      const required = Object.entries(l.fields).filter(([, d]) => d.required);
      assert.deepEqual([...(data.required ?? [])].sort(), required.map(([k]) => k).sort(), l.key);
      for (const [k, d] of Object.entries(l.fields)) {
        const f = prop(doc, data, k);
        assert.equal(f.title, d.label, `${l.key}.${k}`);
        if (d.kind === 'enum') assert.deepEqual(f.enum, d.required ? d.options : [...(d.options ?? []), null], `${l.key}.${k}`);
        if (d.kind === 'tags') assert.deepEqual(itemsOf(doc, f).enum, d.options, `${l.key}.${k}`);
        if (d.kind === 'date') assert.equal(f.format, 'date', `${l.key}.${k}`);
      }
    }
  });

  it('documents a record reference as a uuid (or a list of them) and an unknown kind as text', () => {
    const schema = ledgerDataJsonSchema({
      key: 'x',
      label: '测试台账',
      fields: {
        parent: { kind: 'ref', label: '上级记录', required: true },
        related: { kind: 'ref', label: '相关记录', required: false, many: true },
        future: { kind: 'something_new', label: '新类型', required: false },
      },
      schema: z.strictObject({ parent: z.string(), related: z.array(z.string()).nullable().optional(), future: z.unknown().optional() }),
    });
    assert.deepEqual(schema.properties?.parent, { type: 'string', format: 'uuid', title: '上级记录' });
    assert.deepEqual(schema.properties?.related, { type: ['array', 'null'], items: { type: 'string', format: 'uuid' }, title: '相关记录' });
    assert.deepEqual(schema.properties?.future, { type: ['string', 'null'], title: '新类型' });
    assert.deepEqual(schema.required, ['parent']);
  });

  it('documents every error answer as the one Problem, and the real answers match the document', async () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const m of METHODS) {
        const op = ops[m];
        if (!op) continue;
        const errors = Object.entries(op.responses).filter(([code]) => code === 'default' || /^[45]/.test(code));
        assert.ok(errors.some(([code]) => code === '400') && errors.some(([code]) => code === 'default'), `${m} ${path}`);
        for (const [, r] of errors) assert.deepEqual(resolve(doc, r).content?.[PROBLEM]?.schema, { $ref: '#/components/schemas/Problem' });
      }
    }
    const problem = doc.components.schemas.Problem;
    const anon = await client(s.base);
    const c = await client(s.base, 'officer');
    const url = '/api/ledgers/study_session/records';

    const created = await c.post(url, { data: { date: '2025-03-05', kind: '在线学法', topic: '学习宪法', attendees: 9 } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.ok(doc.paths[url].post.responses['201']);
    assert.deepEqual(violations(doc, created.body, doc.paths[url].post.responses['201'].content?.['application/json'].schema ?? {}), []);
    const list = await c.get(url);
    assert.deepEqual(violations(doc, list.body, doc.paths[url].get.responses['200'].content?.['application/json'].schema ?? {}), []);
    assert.equal(list.body.items.length, 1);
    // and the documented data schema refuses what the server refuses
    const dataSchema = { $ref: '#/components/schemas/StudySessionData' };
    assert.notDeepEqual(violations(doc, { date: '2025-03-05', kind: '喝茶', topic: 'x' }, dataSchema), []);
    assert.notDeepEqual(violations(doc, { date: '2025-03-05', kind: '在线学法', topic: 'x', bogus: 1 }, dataSchema), []);

    const bad = await c.post(url, { data: { date: '2025-03-05', kind: '喝茶', topic: 'x' } });
    const unauth = await anon.get(url);
    const missing = await c.get(`${url}/00000000-0000-4000-8000-000000000000`);
    for (const [res, status] of [
      [bad, 400],
      [unauth, 401],
      [missing, 404],
    ] as const) {
      assert.equal(res.status, status);
      assert.ok(res.headers.get('content-type')?.startsWith(PROBLEM));
      assert.deepEqual(violations(doc, res.body, problem), [], JSON.stringify(res.body));
    }
    const del = await c.del(`${url}/${created.body.id}`);
    assert.equal(del.status, 204);
    assert.ok(doc.paths[`${url}/{id}`].delete.responses['204']);
  });
});
