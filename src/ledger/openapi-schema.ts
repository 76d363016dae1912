/**
 * JSON schemas of ledger records for the OpenAPI document. This is the one place that maps a field
 * kind to JSON schema. The validator's own constraints (lengths, bounds, required, no unknown keys)
 * are read from the ledger's zod `schema`, so the document cannot promise less or more than is
 * checked; what field.ts checks inside a refine (enum options, a valid date) is invisible to
 * z.toJSONSchema and is added here from the declared field.
 */
import { z } from 'zod';
import type { JsonSchema } from '../http/router.ts';
import type { RecordView } from './record.repo.ts';

/**
 * The part of a field declaration the document reads. Structural on purpose: a kind added to
 * field.ts (e.g. `ref`, with `many`) is documented before this file learns its name.
 */
export type FieldLike = { kind: string; label: string; required: boolean; options?: readonly string[]; help?: string; many?: boolean };
export type LedgerLike = { key: string; label: string; fields: Record<string, FieldLike>; schema: z.ZodType };

/** Keywords taken over from zod's output: constraints the validator really enforces. */
const CHECKS = [
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
] as const;

/** The JSON type, format and options of a field kind; an unknown kind is documented as text. */
function kindSchema(def: FieldLike): JsonSchema {
  const options = def.options ? [...def.options] : [];
  switch (def.kind) {
    case 'text':
    case 'longtext':
    case 'unit':
      return { type: 'string' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'int':
      return { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'bool':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'string', enum: options };
    case 'tags':
      return { type: 'array', items: { type: 'string', enum: options } };
    case 'user':
      // the id of an active business account of the record's bureau (GET /api/people)
      return { type: 'string', format: 'uuid' };
    case 'ref': {
      // a ref holds the id of another record (crypto.randomUUID)
      const id: JsonSchema = { type: 'string', format: 'uuid' };
      return def.many ? { type: 'array', items: id } : id;
    }
    default:
      return { type: 'string' };
  }
}

/** The branch of a zod output that is not `null` (optional fields are `T | null`). */
function nonNull(s: JsonSchema): JsonSchema {
  const branches = s.anyOf?.filter((b) => b.type !== 'null');
  return branches?.length === 1 ? branches[0] : s;
}

function checksOf(s: JsonSchema): JsonSchema {
  return Object.fromEntries(CHECKS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
}

function nullable(s: JsonSchema): JsonSchema {
  const type = typeof s.type === 'string' ? [s.type, 'null' as const] : s.type;
  return s.enum ? { ...s, type, enum: [...s.enum, null] } : { ...s, type };
}

/** The JSON schema of one ledger's record `data`, with the Chinese labels as titles. */
export function ledgerDataJsonSchema(ledger: LedgerLike): JsonSchema {
  const zod = z.toJSONSchema(ledger.schema, { io: 'output', unrepresentable: 'any' });
  const properties: Record<string, JsonSchema> = {};
  for (const [name, def] of Object.entries(ledger.fields)) {
    const fromZod = zod.properties?.[name];
    const checks = fromZod && typeof fromZod === 'object' ? checksOf(nonNull(fromZod)) : {};
    const s: JsonSchema = { ...kindSchema(def), ...checks, title: def.label };
    if (def.help) s.description = def.help;
    properties[name] = def.required ? s : nullable(s);
  }
  return {
    type: 'object',
    title: ledger.label,
    properties,
    ...(zod.required ? { required: zod.required } : {}),
    ...(zod.additionalProperties !== undefined ? { additionalProperties: zod.additionalProperties } : {}),
  };
}

/** The record around `data`, as presented by record.repo.ts; `satisfies` keeps the keys in step with RecordView. */
const envelopeProperties = {
  id: { type: 'string', format: 'uuid', title: '记录编号' },
  orgId: { type: 'string', title: '单位' },
  ledger: { type: 'string', title: '台账' },
  unitId: { type: ['string', 'null'], title: '科室' },
  occurredOn: { type: ['string', 'null'], format: 'date', title: '发生日期' },
  year: { type: ['integer', 'null'], title: '年度' },
  title: { type: 'string', title: '标题' },
  status: { type: ['string', 'null'], title: '状态' },
  version: { type: 'integer', minimum: 1, title: '版本号' },
  createdAt: { type: 'string', format: 'date-time', title: '创建时间' },
  createdBy: { type: 'string', title: '创建人' },
  updatedAt: { type: 'string', format: 'date-time', title: '修改时间' },
  updatedBy: { type: 'string', title: '修改人' },
} satisfies Record<Exclude<keyof RecordView, 'data'>, JsonSchema>;

const pascal = (key: string) => key.replace(/(^|_)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase());

/**
 * The schemas of one ledger's records, named for components/schemas: `data`, one record and a page
 * of the list. Each is a `$ref` carrying its targets in `$defs`, which the document builder hoists.
 */
export function ledgerRecordSchemas(ledger: LedgerLike): { data: JsonSchema; record: JsonSchema; page: JsonSchema } {
  const name = pascal(ledger.key);
  const ref = (n: string): JsonSchema => ({ $ref: `#/$defs/${n}` });
  const data = ledgerDataJsonSchema(ledger);
  const record: JsonSchema = {
    type: 'object',
    title: `${ledger.label}记录`,
    properties: { ...envelopeProperties, data: ref(`${name}Data`) },
    required: [...Object.keys(envelopeProperties), 'data'],
  };
  const page: JsonSchema = {
    type: 'object',
    title: `${ledger.label}记录列表`,
    properties: {
      items: { type: 'array', items: ref(`${name}Record`) },
      total: { type: 'integer', minimum: 0, title: '总数', description: '仅首页（或按页码 page 取的页）返回；按 after 取的页不再计数' },
      page: { type: 'integer', minimum: 1, title: '页码', description: '仅首页（或按页码 page 取的页）返回' },
      pageSize: { type: 'integer', minimum: 1, title: '每页条数' },
      next: {
        type: ['string', 'null'],
        title: '下一页位置',
        description: '作为 after 传入以取下一页；最后一页为 null',
      },
    },
    required: ['items', 'pageSize', 'next'],
  };
  const $defs = { [`${name}Data`]: data, [`${name}Record`]: record, [`${name}RecordPage`]: page };
  return {
    data: { ...ref(`${name}Data`), $defs },
    record: { ...ref(`${name}Record`), $defs },
    page: { ...ref(`${name}RecordPage`), $defs },
  };
}
