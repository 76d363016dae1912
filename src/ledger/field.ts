/**
 * The field vocabulary of a ledger declaration. One field declaration gives the stored value's
 * TypeScript type (see `DataOf`), the zod validator (with Chinese messages), the form control and its
 * limits, the list column, the Excel column and the OpenAPI schema.
 */
import { z } from 'zod';
import { isValidDate } from '../util/time.ts';

import type { FieldKind, FieldValue, RecordData } from '../contract.ts';

export type { FieldKind, FieldValue, RecordData };

/**
 * What happens to a record that points here when the record it points at is deleted:
 * 'restrict' refuses the delete (409 naming the referrers); 'unlink' removes the reference.
 */
export type OnDelete = 'restrict' | 'unlink';

/** What a reference needs of the ledger it points at. */
export type LedgerRef = { key: string };
/**
 * A ledger a reference may point at: its declaration, or a function giving it (for one declared
 * later, in a module that imports this one, or the ledger itself). Such a function is annotated
 * `(): LedgerRef =>` so the compiler need not infer a ledger's type from its own initializer.
 */
export type RefTarget = LedgerRef | (() => LedgerRef);

/** A reference to records of other ledgers. */
export type RefSpec = {
  /** The ledgers the referenced records may belong to. */
  targets: readonly RefTarget[];
  many: boolean;
  onDelete: OnDelete;
  /** Why the reference unlinks instead of restricting (required for 'unlink'). */
  reason?: string;
};

export type FieldDef<K extends FieldKind = FieldKind, O extends string = string, R extends boolean = boolean> = {
  kind: K;
  label: string;
  required: R;
  options?: readonly O[];
  min?: number;
  max?: number;
  /** Longest text accepted (characters). */
  maxLength?: number;
  help?: string;
  /** Shown as a column in the list view. */
  list?: boolean;
  /** Earlier names of this field: stored rows written under them read as this field. */
  renamedFrom?: readonly string[];
  ref?: RefSpec;
  /** The text names laws of the library (several separated by 、): shown as links to them. */
  citesLaws?: boolean;
};

export type Fields = Record<string, FieldDef>;

type Opts<R extends boolean> = {
  required?: R;
  help?: string;
  list?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  renamedFrom?: readonly string[];
  citesLaws?: boolean;
};

const TEXT_MAX = 500;
const LONGTEXT_MAX = 20000;

function mk<K extends FieldKind, O extends string, R extends boolean>(
  kind: K,
  label: string,
  o: Opts<R> | undefined,
  extra: { options?: readonly O[]; ref?: RefSpec; min?: number; maxLength?: number } = {},
): FieldDef<K, O, R> {
  return {
    kind,
    label,
    required: (o?.required ?? false) as R,
    help: o?.help,
    list: o?.list,
    min: o?.min ?? extra.min,
    max: o?.max,
    maxLength: o?.maxLength ?? extra.maxLength,
    renamedFrom: o?.renamedFrom,
    citesLaws: o?.citesLaws,
    options: extra.options,
    ref: extra.ref,
  };
}

type RefOpts<R extends boolean> = Opts<R> & { onDelete?: OnDelete; reason?: string };

/** Field constructors used by every ledger declaration; literal options and `required` are kept in the type. */
export const f = {
  text: <const R extends boolean = false>(label: string, o?: Opts<R>) => mk('text', label, o, { maxLength: TEXT_MAX }),
  longtext: <const R extends boolean = false>(label: string, o?: Opts<R>) => mk('longtext', label, o, { maxLength: LONGTEXT_MAX }),
  date: <const R extends boolean = false>(label: string, o?: Opts<R>) => mk('date', label, o),
  int: <const R extends boolean = false>(label: string, o?: Opts<R>) => mk('int', label, o, { min: 0 }),
  number: <const R extends boolean = false>(label: string, o?: Opts<R>) => mk('number', label, o, { min: 0 }),
  enum: <const O extends string, const R extends boolean = false>(label: string, options: readonly O[], o?: Opts<R>) =>
    mk('enum', label, o, { options }),
  bool: <const R extends boolean = false>(label: string, o?: Opts<R>) => mk('bool', label, o),
  unit: <const R extends boolean = false>(label: string, o?: Opts<R>) => mk('unit', label, o),
  /** An account of the record's bureau (its id): an active 法治专干, 科室人员 or 领导, e.g. the 承办人. */
  user: <const R extends boolean = false>(label: string, o?: Opts<R>) => mk('user', label, o),
  tags: <const O extends string, const R extends boolean = false>(label: string, options: readonly O[], o?: Opts<R>) =>
    mk('tags', label, o, { options }),
  /** One record of another ledger (its id); `to` is one ledger or the ledgers it may belong to. */
  ref: <const R extends boolean = false>(label: string, to: RefTarget | readonly RefTarget[], o?: RefOpts<R>) =>
    mk('ref', label, o, { ref: refSpec(label, to, false, o) }),
  /** Several records of other ledgers (their ids). */
  refs: <const R extends boolean = false>(label: string, to: RefTarget | readonly RefTarget[], o?: RefOpts<R>) =>
    mk('ref', label, o, { ref: refSpec(label, to, true, o) }) as FieldDef<'ref', string, R> & { ref: RefSpec & { many: true } },
};

function refSpec(
  label: string,
  to: RefTarget | readonly RefTarget[],
  many: boolean,
  o?: { onDelete?: OnDelete; reason?: string },
): RefSpec {
  const onDelete = o?.onDelete ?? 'restrict';
  if (onDelete === 'unlink' && !o?.reason) throw new Error(`ref ${label}: onDelete 'unlink' needs a stated reason`);
  const targets: readonly RefTarget[] = Array.isArray(to) ? to : [to as RefTarget];
  return { targets, many, onDelete, reason: o?.reason };
}

/** Keys of the ledgers a reference may point at. */
export function refTargetKeys(spec: RefSpec): string[] {
  return spec.targets.map((t) => (typeof t === 'function' ? t().key : t.key));
}

/** The stored value type of one field declaration. */
export type ValueOf<D> = D extends { kind: 'int' | 'number' }
  ? number
  : D extends { kind: 'bool' }
    ? boolean
    : D extends { kind: 'enum'; options?: readonly (infer O)[] }
      ? O
      : D extends { kind: 'tags'; options?: readonly (infer O)[] }
        ? O[]
        : D extends { kind: 'ref'; ref: { many: true } }
          ? string[]
          : string;

type RequiredKeys<F> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F];
type OptionalKeys<F> = Exclude<keyof F, RequiredKeys<F>>;
type Flat<T> = { [K in keyof T]: T[K] };

/** The payload type of a set of fields: required fields are present, the others may be missing or null. */
export type DataOfFields<F> = Flat<{ [K in RequiredKeys<F>]: ValueOf<F[K]> } & { [K in OptionalKeys<F>]?: ValueOf<F[K]> | null }>;

/** Field names of `F` whose values are of kind `K`. */
export type KeysOfKind<F, K extends FieldKind> = { [P in keyof F]: F[P] extends { kind: K } ? P : never }[keyof F] & string;

const MISSING = Symbol('missing');

/** A value counts as filled in: not missing, not empty text, not false, not an empty list. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);
}

function fieldSchema(def: FieldDef): z.ZodType<FieldValue | undefined> {
  const L = def.label;
  let s: z.ZodType<FieldValue>;
  switch (def.kind) {
    case 'text':
    case 'longtext':
    case 'unit': {
      const max = def.maxLength ?? (def.kind === 'longtext' ? LONGTEXT_MAX : TEXT_MAX);
      s = z
        .string({ error: `${L}应为文字` })
        .trim()
        .max(max, `${L}不能超过${max}字`)
        // PostgreSQL stores neither text nor jsonb with a NUL character; it is never meant anyway.
        .refine((v) => !v.includes('\u0000'), `${L}含有不可见的空字符（\\u0000），请删除后再提交`);
      break;
    }
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
    case 'user':
      s = z
        .string({ error: `${L}应为本单位的账号` })
        .trim()
        .min(1, `${L}应为本单位的账号`)
        .max(64, `${L}应为本单位的账号`);
      break;
    case 'ref': {
      const id = z
        .string({ error: `${L}应为记录编号` })
        .trim()
        .min(1, `${L}应为记录编号`)
        .max(64, `${L}应为记录编号`);
      s = def.ref?.many ? z.array(id, { error: `${L}应为记录编号列表` }) : id;
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
    if (def.kind === 'ref' && def.ref?.many) return (s as z.ZodArray<z.ZodString>).min(1, `${L}不能为空`) as z.ZodType<FieldValue>;
    return s;
  }
  return s.nullable().optional();
}

/** The zod object for a ledger's data; unknown keys are refused so typos do not pass silently. */
export function dataSchema(fields: Fields): z.ZodType<RecordData> {
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
