/* biome-ignore-all lint/suspicious/noExplicitAny: the dialect helpers accept any database handle */
/**
 * Everything that differs between SQLite and PostgreSQL lives here. The rest of the code does not
 * know which database it runs on.
 */
import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The text value of a top-level key of the JSON `data` column. */
export function jsonField(db: Kysely<any>, key: string): RawBuilder<string | null> {
  if (!/^[a-zA-Z0-9_]+$/.test(key)) throw new Error(`invalid json key ${key}`);
  return dialectOf(db) === 'postgres'
    ? sql<string | null>`(data::jsonb ->> ${sql.lit(key)})`
    : sql<string | null>`json_extract(data, ${sql.lit(`$.${key}`)})`;
}

/** Case-insensitive substring match, portable. */
export function containsText(db: Kysely<any>, column: string, needle: string): RawBuilder<boolean> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`${sql.ref(column)} ILIKE ${pattern} ESCAPE '\\'`
    : sql<boolean>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}

/** Numbers come back as strings from pg for bigint/count; normalise. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return Number(v);
  return 0;
}

/** Whether `e` is the database refusing a row that a unique index already holds (either dialect). */
export function isUniqueViolation(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
