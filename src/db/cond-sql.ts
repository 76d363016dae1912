/* biome-ignore-all lint/suspicious/noExplicitAny: takes any database handle, like the dialect helpers */
/**
 * A figure's filter (src/figures/filter.ts `Cond`) compiled to a SQL boolean over a `record` row's
 * JSON `data`. It must agree with `matches` on every payload: the property test
 * test/figures-sql.test.ts holds it to that on both dialects.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Cond, Operand, PeriodDays } from '../figures/filter.ts';
import { type CompareOp, jsonArrayHas, jsonCompare, jsonEquals, jsonIsSet } from './dialect.ts';

const TRUE = () => sql<boolean>`(1 = 1)`;
const FALSE = () => sql<boolean>`(1 = 0)`;

const join = (parts: RawBuilder<boolean>[], sep: 'and' | 'or'): RawBuilder<boolean> =>
  parts.length === 0 ? (sep === 'and' ? TRUE() : FALSE()) : sql<boolean>`(${sql.join(parts, sql.raw(` ${sep} `))})`;

/** The SQL truth of `c` over the row, with period operands resolved to `days`. */
export function condSql(db: Kysely<any>, c: Cond, days: PeriodDays): RawBuilder<boolean> {
  switch (c.op) {
    case 'eq':
      return jsonEquals(db, c.field, c.value);
    case 'in':
      return join(
        c.values.map((v) => jsonEquals(db, c.field, v)),
        'or',
      );
    case 'set':
      return jsonIsSet(db, c.field);
    case 'has':
      return jsonArrayHas(db, c.field, c.value);
    case 'range': {
      const bounds: Array<[CompareOp, Operand | undefined]> = [
        ['>=', c.gte],
        ['>', c.gt],
        ['<=', c.lte],
        ['<', c.lt],
      ];
      const parts: RawBuilder<boolean>[] = [];
      for (const [op, o] of bounds) {
        if (o === undefined) continue;
        const v = typeof o === 'object' ? days[o.period] : o;
        // A boolean bound compares with nothing (filter.ts `compare` gives null).
        parts.push(typeof v === 'boolean' ? FALSE() : jsonCompare(db, c.field, op, v));
      }
      return join(parts, 'and');
    }
    case 'and':
      return join(
        c.of.map((x) => condSql(db, x, days)),
        'and',
      );
    case 'or':
      return join(
        c.of.map((x) => condSql(db, x, days)),
        'or',
      );
    case 'not':
      return sql<boolean>`(not ${condSql(db, c.of, days)})`;
  }
}
