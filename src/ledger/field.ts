/**
 * The field vocabulary of a ledger declaration. One field declaration gives the zod validator (with
 * Chinese messages), the form control, the list column and the Excel column.
 */
import { z } from 'zod';
import { isValidDate } from '../util/time.ts';

export type FieldKind = 'text' | 'longtext' | 'date' | 'int' | 'number' | 'enum' | 'bool' | 'unit' | 'tags';

export type FieldDef = {
  kind: FieldKind;
  label: string;
  required: boolean;
  options?: readonly string[];
  min?: number;
  max?: number;
  help?: string;
  /** Shown as a column in the list view. */
  list?: boolean;
};

type Opts = { required?: boolean; help?: string; list?: boolean; min?: number; max?: number };

const mk = (kind: FieldKind, label: string, o: Opts = {}, options?: readonly string[]): FieldDef => ({
  kind,
  label,
  required: o.required ?? false,
  help: o.help,
  list: o.list,
  min: o.min,
  max: o.max,
  options,
});

/** Field constructors used by every ledger declaration. */
export const f = {
  text: (label: string, o?: Opts) => mk('text', label, o),
  longtext: (label: string, o?: Opts) => mk('longtext', label, o),
  date: (label: string, o?: Opts) => mk('date', label, o),
  int: (label: string, o?: Opts) => mk('int', label, { min: 0, ...o }),
  number: (label: string, o?: Opts) => mk('number', label, { min: 0, ...o }),
  enum: (label: string, options: readonly string[], o?: Opts) => mk('enum', label, o, options),
  bool: (label: string, o?: Opts) => mk('bool', label, o),
  unit: (label: string, o?: Opts) => mk('unit', label, o),
  tags: (label: string, options: readonly string[], o?: Opts) => mk('tags', label, o, options),
};

const MISSING = Symbol('missing');

export type FieldValue = string | number | boolean | string[] | null;
export type RecordData = Record<string, FieldValue>;

function fieldSchema(def: FieldDef): z.ZodType<FieldValue | undefined> {
  const L = def.label;
  let s: z.ZodType<FieldValue>;
  switch (def.kind) {
    case 'text':
    case 'unit':
      s = z
        .string({ error: `${L}应为文字` })
        .trim()
        .max(500, `${L}不能超过500字`);
      break;
    case 'longtext':
      s = z
        .string({ error: `${L}应为文字` })
        .trim()
        .max(20000, `${L}不能超过20000字`);
      break;
    case 'date':
      s = z.string({ error: `${L}应为日期` }).refine(isValidDate, `${L}应为有效日期，格式为YYYY-MM-DD`);
      break;
    case 'int': {
      let n = z.number({ error: `${L}应为数字` }).int(`${L}应为整数`);
      if (def.min !== undefined) n = n.min(def.min, `${L}不能小于${def.min}`);
      if (def.max !== undefined) n = n.max(def.max, `${L}不能大于${def.max}`);
      s = n;
      break;
    }
    case 'number': {
      let n = z.number({ error: `${L}应为数字` }).finite(`${L}应为数字`);
      if (def.min !== undefined) n = n.min(def.min, `${L}不能小于${def.min}`);
      if (def.max !== undefined) n = n.max(def.max, `${L}不能大于${def.max}`);
      s = n;
      break;
    }
    case 'enum': {
      const opts = def.options ?? [];
      s = z.string({ error: `${L}应为文字` }).refine((v) => opts.includes(v), `${L}应为以下之一：${opts.join('、')}`);
      break;
    }
    case 'tags': {
      const opts = def.options ?? [];
      s = z.array(
        z.string().refine((v) => opts.includes(v), `${L}的每一项应为以下之一：${opts.join('、')}`),
        {
          error: `${L}应为列表`,
        },
      );
      break;
    }
    case 'bool':
      s = z.boolean({ error: `${L}应为是或否` });
      break;
  }
  if (def.required) {
    if (def.kind === 'text' || def.kind === 'longtext' || def.kind === 'unit') {
      return (s as z.ZodString).min(1, `${L}不能为空`) as z.ZodType<FieldValue>;
    }
    return s;
  }
  return s.nullable().optional();
}

/** The zod object for a ledger's data; unknown keys are refused so typos do not pass silently. */
export function dataSchema(fields: Record<string, FieldDef>): z.ZodType<RecordData> {
  const shape: Record<string, z.ZodType<FieldValue | undefined>> = {};
  for (const [k, def] of Object.entries(fields)) {
    const base = fieldSchema(def);
    shape[k] = def.required
      ? (z.preprocess(
          (v) => (v === undefined || v === null || v === '' ? MISSING : v),
          z
            .any()
            .refine((v) => v !== MISSING, `${def.label}不能为空`)
            .pipe(base),
        ) as z.ZodType<FieldValue | undefined>)
      : (z.preprocess((v) => (v === '' ? null : v), base) as z.ZodType<FieldValue | undefined>);
  }
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `不认识的字段：${iss.keys.join('、')}` : '记录内容应为对象'),
  }) as unknown as z.ZodType<RecordData>;
}
