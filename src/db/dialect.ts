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

/**
 * Whether a write through the root handle can run while another transaction of the same handle is
 * open. PostgreSQL: yes, on another pooled connection (import progress is written so, visible to
 * other servers at once). SQLite: no, the one connection is held by the transaction, and waiting for
 * it from inside that transaction would never end.
 */
export function writesBesideTransaction(db: Kysely<any>): boolean {
  return dialectOf(db) === 'postgres';
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

/**
 * `record.title` contains `needle`, with exactly the results of `containsText` on it. PostgreSQL:
 * ILIKE, which its pg_trgm index serves when the planner finds that cheaper. SQLite, for a search
 * over several bureaus (`wide`): the FTS5 trigram index narrows the rows first and LIKE then decides,
 * so case folding stays LIKE's; the index needs 3 characters, so shorter needles (低保) are LIKE
 * alone. Within one bureau LIKE alone is cheaper: the list index holds the titles, while the FTS
 * index returns the term's matches in every bureau (15 ms for a common term at 100k records, against
 * 1.5 ms for LIKE over the bureau's 5,000 titles).
 */
export function titleContains(db: Kysely<any>, needle: string, wide: boolean): RawBuilder<boolean> {
  const like = containsText(db, 'record.title', needle);
  if (dialectOf(db) === 'postgres' || !wide || [...needle].length < 3) return like;
  const phrase = `"${needle.replace(/"/g, '""')}"`;
  return sql<boolean>`(record.rowid IN (SELECT rowid FROM record_title_fts WHERE record_title_fts MATCH ${phrase}) AND ${like})`;
}

/**
 * `law_article.text` contains `needle`, with exactly the results of `containsText` on it. A search
 * always spans the whole law library a caller reads, so SQLite narrows with the FTS5 trigram index
 * whenever the needle is long enough for it (3 characters) and LIKE decides; PostgreSQL's ILIKE is
 * served by the pg_trgm index.
 */
export function articleTextContains(db: Kysely<any>, needle: string): RawBuilder<boolean> {
  const like = containsText(db, 'law_article.text', needle);
  if (dialectOf(db) === 'postgres' || [...needle].length < 3) return like;
  const phrase = `"${needle.replace(/"/g, '""')}"`;
  return sql<boolean>`(law_article.rowid IN (SELECT rowid FROM law_article_fts WHERE law_article_fts MATCH ${phrase}) AND ${like})`;
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

// JSON predicates over the `data` column. Each mirrors exactly what src/figures/filter.ts does over a
// parsed payload (strict equality, filter.ts `isSet`, number-with-number and string-with-string
// comparison only) and is never NULL, so NOT and OR behave as in JS.

function checkedKey(key: string): string {
  if (!/^[a-zA-Z0-9_]+$/.test(key)) throw new Error(`invalid json key ${key}`);
  return key;
}
const sqliteType = (key: string) => sql<string | null>`json_type(data, ${sql.lit(`$.${checkedKey(key)}`)})`;
const sqliteValue = (key: string) => sql<unknown>`json_extract(data, ${sql.lit(`$.${checkedKey(key)}`)})`;
const pgJson = (key: string) => sql<unknown>`(data::jsonb -> ${sql.lit(checkedKey(key))})`;
const pgText = (key: string) => sql<string | null>`(data::jsonb ->> ${sql.lit(checkedKey(key))})`;
const never = (e: RawBuilder<unknown>) => sql<boolean>`coalesce((${e}), false)`;

/** `data[key] === value` (a string is never equal to a number, nor a number to a boolean). */
export function jsonEquals(db: Kysely<any>, key: string, value: string | number | boolean): RawBuilder<boolean> {
  if (dialectOf(db) === 'postgres') return never(sql`${pgJson(key)} = ${JSON.stringify(value)}::jsonb`);
  const t = sqliteType(key);
  if (typeof value === 'boolean') return never(sql`${t} = ${value ? 'true' : 'false'}`);
  if (typeof value === 'number') return never(sql`${t} in ('integer', 'real') and ${sqliteValue(key)} = ${value}`);
  return never(sql`${t} = 'text' and ${sqliteValue(key)} = ${value}`);
}

/** Filled in: present, not null, not '', not false, not an empty array (filter.ts `isSet`; 0 is set). */
export function jsonIsSet(db: Kysely<any>, key: string): RawBuilder<boolean> {
  if (dialectOf(db) === 'postgres') {
    const j = pgJson(key);
    return never(sql`${j} is not null and ${j} not in ('null'::jsonb, 'false'::jsonb, '""'::jsonb, '[]'::jsonb)`);
  }
  const t = sqliteType(key);
  const path = sql.lit(`$.${checkedKey(key)}`);
  return never(
    sql`${t} not in ('null', 'false') and not (${t} = 'text' and ${sqliteValue(key)} = '') and not (${t} = 'array' and json_array_length(data, ${path}) = 0)`,
  );
}

/** `data[key]` is an array holding the string `option`. */
export function jsonArrayHas(db: Kysely<any>, key: string, option: string): RawBuilder<boolean> {
  if (dialectOf(db) === 'postgres') {
    const j = pgJson(key);
    return never(sql`case when jsonb_typeof(${j}) = 'array' then ${j} @> jsonb_build_array(${option}::text) else false end`);
  }
  const path = sql.lit(`$.${checkedKey(key)}`);
  return never(
    sql`${sqliteType(key)} = 'array' and exists (select 1 from json_each(data, ${path}) as e where e.type = 'text' and e.value = ${option})`,
  );
}

export type CompareOp = '>=' | '>' | '<=' | '<';
const OPS: readonly CompareOp[] = ['>=', '>', '<=', '<'];

/**
 * `data[key] <op> operand`, true only for a number against a number or a non-empty string against a
 * string (compared by code point, as JS compares ASCII and BMP text); anything else is outside.
 */
export function jsonCompare(db: Kysely<any>, key: string, op: CompareOp, operand: string | number): RawBuilder<boolean> {
  if (!OPS.includes(op)) throw new Error(`invalid comparison ${op}`);
  const o = sql.raw(op);
  if (dialectOf(db) === 'postgres') {
    const j = pgJson(key);
    const t = pgText(key);
    return typeof operand === 'number'
      ? never(sql`case when jsonb_typeof(${j}) = 'number' then (${j})::float8 ${o} ${operand}::float8 else false end`)
      : never(sql`case when jsonb_typeof(${j}) = 'string' then ${t} <> '' and ${t} collate "C" ${o} ${operand}::text else false end`);
  }
  const t = sqliteType(key);
  const v = sqliteValue(key);
  return typeof operand === 'number'
    ? never(sql`${t} in ('integer', 'real') and ${v} ${o} ${operand}`)
    : never(sql`${t} = 'text' and ${v} <> '' and ${v} ${o} ${operand}`);
}

/** `data[key]` if it is a number, else 0 (filter sums count only numbers). */
export function jsonNumber(db: Kysely<any>, key: string): RawBuilder<number> {
  if (dialectOf(db) === 'postgres') {
    const j = pgJson(key);
    return sql<number>`(case when jsonb_typeof(${j}) = 'number' then (${j})::float8 else 0 end)`;
  }
  return sql<number>`(case when ${sqliteType(key)} in ('integer', 'real') then ${sqliteValue(key)} else 0 end)`;
}

/** The JSON text of `data[key]` (NULL when absent), to group on and parse back in JS. */
export function jsonText(db: Kysely<any>, key: string): RawBuilder<string | null> {
  return dialectOf(db) === 'postgres'
    ? sql<string | null>`(${pgJson(key)})::text`
    : sql<string | null>`(data -> ${sql.lit(`$.${checkedKey(key)}`)})`;
}

/** The `data` column parsed once, for queries that read many of its fields (PG: jsonb; SQLite: the text, whose parse SQLite caches). */
export function parsedData(db: Kysely<any>): RawBuilder<string> {
  return dialectOf(db) === 'postgres' ? sql<string>`data::jsonb` : sql<string>`data`;
}

/**
 * Whether a query reading several fields of `data` over many rows should parse it once first (a
 * materialised CTE over parsedData): PostgreSQL parses the text again for every field it reads;
 * SQLite caches the parse of the row it is on, and materialising would only copy the rows.
 */
export function parsesDataPerField(db: Kysely<any>): boolean {
  return dialectOf(db) === 'postgres';
}

/**
 * `column` to ORDER BY in code-point order (the order JS compares such strings in), whatever the
 * database's collation: PostgreSQL sorts text by the locale unless told otherwise.
 */
export function inCodePointOrder(db: Kysely<any>, column: string): RawBuilder<string> {
  return dialectOf(db) === 'postgres' ? sql<string>`${sql.ref(column)} collate "C"` : sql<string>`${sql.ref(column)}`;
}
