/**
 * Queries built and compiled once, then run many times with new values. Kysely builds and compiles
 * a query on every call, which for the query every request runs (the session lookup) costs more
 * than the database does. A prepared query is compiled once per dialect with placeholders; each call
 * swaps the values in. The SQL text is then always the same: on SQLite the statement cache in
 * connect.ts reuses the prepared statement, and on PostgreSQL the query goes out as a named statement
 * (parsed and planned once per connection, see connect.ts).
 *
 * The builder must pass its parameters to Kysely only as values (`where(col, '=', p)`), never look at
 * them: while it runs they are placeholders.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import { type DialectName, dialectOf } from './dialect.ts';
import type { Db } from './types.ts';

class Placeholder {
  constructor(readonly index: number) {}
}

/** SQL text → statement name, for the PostgreSQL connections (connect.ts). Bounded by the code: one per prepared query. */
export const namedStatements = new Map<string, string>();

let count = 0;

export function preparedQuery<A extends unknown[], R>(build: (db: Db, ...params: A) => Compilable<R>, arity: A['length']) {
  const name = `fazhi_prepared_${++count}`;
  const compiled = new Map<DialectName, CompiledQuery<R>>();
  const placeholders = Array.from({ length: arity }, (_, i) => new Placeholder(i));
  return async (db: Db, ...args: A): Promise<R[]> => {
    const dialect = dialectOf(db);
    let q = compiled.get(dialect);
    if (!q) {
      // The one cast of this module: placeholders stand in for the values while the query is built.
      q = build(db, ...(placeholders as unknown as A)).compile();
      compiled.set(dialect, q);
      if (dialect === 'postgres') namedStatements.set(q.sql, name);
    }
    const parameters = q.parameters.map((p) => (p instanceof Placeholder ? args[p.index] : p));
    return (await db.executeQuery<R>({ ...q, parameters })).rows;
  };
}
