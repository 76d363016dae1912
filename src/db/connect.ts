/**
 * Opens the database named by DATABASE_URL: PostgreSQL for postgres:// URLs, otherwise a SQLite file
 * (WAL mode). `schema` (PostgreSQL only) isolates a test or a tenant group in its own namespace.
 * SQLite runs `synchronous=FULL` unless told otherwise: in WAL mode NORMAL survives a crash of the
 * process but may lose the last commits on power loss, and a system of record must not (the cost is
 * measured by bench/durability.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { namedStatements } from './prepared.ts';
import type { DB } from './types.ts';

// Keep int8 (count(*)) as JS numbers; our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));
// jsonb (record.data) comes back as its JSON text, as SQLite gives it: readers parse it once, where
// they know its shape.
pg.types.setTypeParser(3802, (v) => v);

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export type OpenOpts = { schema?: string; poolMax?: number; synchronous?: 'FULL' | 'NORMAL' };

export function openDatabase(url: string, opts: OpenOpts = {}): Kysely<DB> {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolMax ?? 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
  }
  if (url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`synchronous = ${opts.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Sends the SQL of prepared queries (prepared.ts) as named statements, which pg parses once per
 * connection and PostgreSQL plans once; every other query goes as before. Kysely keeps its own state
 * per client object, so each pg client keeps one wrapper.
 */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // One cast: pg's own result and cursor types are wider than the shapes Kysely declares it reads.
    const query = ((q: string | pg.Submittable, values: readonly unknown[] = []) => {
      if (typeof q !== 'string') return client.query(q);
      const name = namedStatements.get(q);
      return client.query(name ? { name, text: q, values: [...values] } : { text: q, values: [...values] });
    }) as unknown as PostgresPoolClient['query'];
    return { query, release: () => client.release() };
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      let w = wrappers.get(client);
      if (!w) {
        w = wrap(client);
        wrappers.set(client, w);
      }
      return w;
    },
    end: () => pool.end(),
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew, and preparing costs as much as running a small
 * query. This keeps the most recently used statements by their SQL text (a query with an IN list of
 * another length is another text, hence the bound). A statement still being iterated is not handed
 * out twice: the caller gets a fresh one.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
      }
      return stmt;
    },
  };
}
