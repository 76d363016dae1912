/**
 * A figure's filter as data: a small expression over a ledger's declared fields. Being data, one
 * filter is evaluated over records here, explained to the user ("统计口径：…") and can be compiled
 * to SQL; it can never call code. Built only through `whereKit`, whose field names and values are
 * checked against the ledger's declaration.
 */
import { type FieldValue, type Fields, isSet, type RecordData, type ValueOf } from '../ledger/field.ts';

export type Scalar = string | number | boolean;
/** A day taken from the period being evaluated: its first day, last day, or the day stocks are judged on. */
export type PeriodDay = { period: 'start' | 'end' | 'asOf' };
export type Operand = Scalar | PeriodDay;

export type Cond =
  | { op: 'eq'; field: string; value: Scalar }
  | { op: 'in'; field: string; values: readonly Scalar[] }
  /** Bounds are inclusive (gte/lte) or exclusive (gt/lt); a missing value is outside every range. */
  | { op: 'range'; field: string; gte?: Operand; gt?: Operand; lte?: Operand; lt?: Operand }
  /** Filled in: not missing, not empty, not false, not an empty list. */
  | { op: 'set'; field: string }
  /** A tags field contains the option. */
  | { op: 'has'; field: string; value: string }
  | { op: 'and'; of: readonly Cond[] }
  | { op: 'or'; of: readonly Cond[] }
  | { op: 'not'; of: Cond };

type Key<F> = keyof F & string;
type Scalarish<F, K extends keyof F> = Exclude<ValueOf<F[K]>, unknown[]>;
type TagOption<F, K extends keyof F> = ValueOf<F[K]> extends (infer O)[] ? O : never;

export type WhereKit<F> = {
  eq: <K extends Key<F>>(field: K, value: Scalarish<F, K>) => Cond;
  in: <K extends Key<F>>(field: K, values: readonly Scalarish<F, K>[]) => Cond;
  range: <K extends Key<F>>(
    field: K,
    b: {
      gte?: Scalarish<F, K> | PeriodDay;
      gt?: Scalarish<F, K> | PeriodDay;
      lte?: Scalarish<F, K> | PeriodDay;
      lt?: Scalarish<F, K> | PeriodDay;
    },
  ) => Cond;
  set: (field: Key<F>) => Cond;
  has: <K extends Key<F>>(field: K, option: TagOption<F, K>) => Cond;
  and: (...of: Cond[]) => Cond;
  or: (...of: Cond[]) => Cond;
  not: (of: Cond) => Cond;
  /** The day a stock is judged on: the period's end, or today for a period that has not ended. */
  asOf: PeriodDay;
  periodStart: PeriodDay;
  periodEnd: PeriodDay;
};

/** The builder a figure's `where` receives; `fields` only anchors the type. */
export function whereKit<F extends Fields>(_fields: F): WhereKit<F> {
  return {
    eq: (field, value) => ({ op: 'eq', field, value: value as Scalar }),
    in: (field, values) => ({ op: 'in', field, values: values as readonly Scalar[] }),
    range: (field, b) => ({ op: 'range', field, ...(b as Omit<Extract<Cond, { op: 'range' }>, 'op' | 'field'>) }),
    set: (field) => ({ op: 'set', field }),
    has: (field, option) => ({ op: 'has', field, value: option as string }),
    and: (...of) => ({ op: 'and', of }),
    or: (...of) => ({ op: 'or', of }),
    not: (of) => ({ op: 'not', of }),
    asOf: { period: 'asOf' },
    periodStart: { period: 'start' },
    periodEnd: { period: 'end' },
  };
}

/** The days a filter's period operands stand for. */
export type PeriodDays = { start: string; end: string; asOf: string };

const resolve = (o: Operand, days: PeriodDays): Scalar => (typeof o === 'object' ? days[o.period] : o);

function compare(v: FieldValue | undefined, o: Operand, days: PeriodDays): number | null {
  const b = resolve(o, days);
  if (typeof v === 'number' && typeof b === 'number') return v - b;
  if (typeof v === 'string' && v !== '' && typeof b === 'string') return v < b ? -1 : v > b ? 1 : 0;
  return null;
}

/** Whether a record's data passes the filter. */
export function matches(c: Cond, d: RecordData, days: PeriodDays): boolean {
  switch (c.op) {
    case 'eq':
      return d[c.field] === c.value;
    case 'in':
      return c.values.includes(d[c.field] as Scalar);
    case 'set':
      return isSet(d[c.field]);
    case 'has': {
      const v = d[c.field];
      return Array.isArray(v) && v.includes(c.value);
    }
    case 'range': {
      const v = d[c.field];
      const checks: Array<[Operand | undefined, (n: number) => boolean]> = [
        [c.gte, (n) => n >= 0],
        [c.gt, (n) => n > 0],
        [c.lte, (n) => n <= 0],
        [c.lt, (n) => n < 0],
      ];
      for (const [o, ok] of checks) {
        if (o === undefined) continue;
        const n = compare(v, o, days);
        if (n === null || !ok(n)) return false;
      }
      return true;
    }
    case 'and':
      return c.of.every((x) => matches(x, d, days));
    case 'or':
      return c.of.some((x) => matches(x, d, days));
    case 'not':
      return !matches(c.of, d, days);
  }
}

const RANGE_CN = {
  date: { gte: '不早于', gt: '晚于', lte: '不晚于', lt: '早于' },
  number: { gte: '不小于', gt: '大于', lte: '不大于', lt: '小于' },
};
const DAY_CN: Record<PeriodDay['period'], string> = { start: '统计期起始日', end: '统计期末', asOf: '统计截止日' };
const operandCn = (o: Operand): string =>
  typeof o === 'object' ? DAY_CN[o.period] : typeof o === 'boolean' ? (o ? '是' : '否') : `“${o}”`;

/** The filter in Chinese, with the fields' labels: 形式为“党组理论学习中心组学法”且已填写法制审核日期. */
export function explainCond(c: Cond, fields: Fields): string {
  const label = (k: string) => fields[k]?.label ?? k;
  switch (c.op) {
    case 'eq':
      return typeof c.value === 'boolean' ? `${label(c.field)}为${c.value ? '是' : '否'}` : `${label(c.field)}为“${c.value}”`;
    case 'in':
      return `${label(c.field)}为${c.values.map((v) => `“${v}”`).join('或')}`;
    case 'set':
      return fields[c.field]?.kind === 'bool' ? `${label(c.field)}为是` : `已填写${label(c.field)}`;
    case 'has':
      return `${label(c.field)}含“${c.value}”`;
    case 'range': {
      // Dates are early/late, numbers small/large.
      const isDate = fields[c.field]?.kind === 'date';
      const words = isDate ? RANGE_CN.date : RANGE_CN.number;
      const parts: string[] = [];
      if (c.gte !== undefined) parts.push(`${words.gte}${operandCn(c.gte)}`);
      if (c.gt !== undefined) parts.push(`${words.gt}${operandCn(c.gt)}`);
      if (c.lte !== undefined) parts.push(`${words.lte}${operandCn(c.lte)}`);
      if (c.lt !== undefined) parts.push(`${words.lt}${operandCn(c.lt)}`);
      return `${label(c.field)}${parts.join('且')}`;
    }
    case 'and':
      return c.of.map((x) => (x.op === 'or' ? `（${explainCond(x, fields)}）` : explainCond(x, fields))).join('且');
    case 'or':
      return c.of.map((x) => (x.op === 'and' ? `（${explainCond(x, fields)}）` : explainCond(x, fields))).join('或');
    case 'not':
      if (c.of.op === 'set') return fields[c.of.field]?.kind === 'bool' ? `${label(c.of.field)}为否` : `未填写${label(c.of.field)}`;
      if (c.of.op === 'eq' || c.of.op === 'in') return explainCond(c.of, fields).replace('为', '不为');
      return `并非（${explainCond(c.of, fields)}）`;
  }
}

/** Field names a filter reads (to check them against the declaration, and for SQL). */
export function condFields(c: Cond): string[] {
  if (c.op === 'and' || c.op === 'or') return c.of.flatMap(condFields);
  if (c.op === 'not') return condFields(c.of);
  return [c.field];
}
