/** Runs the frozen migrations in order. The list is explicit so the bundle does not read folders. */
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import { dialectOf } from './dialect.ts';
import * as m0001 from './migrations/0001-init.ts';
import * as m0002 from './migrations/0002-record-list-index.ts';
import * as m0003 from './migrations/0003-setting-changed-by.ts';
import * as m0004 from './migrations/0004-record-links-and-payload-version.ts';
import * as m0005 from './migrations/0005-report-versions.ts';
import * as m0006 from './migrations/0006-record-search-and-keyset.ts';
import * as m0007 from './migrations/0007-import-job.ts';
import * as m0009 from './migrations/0009-org-tree-version.ts';
import * as m0010 from './migrations/0010-figure-sources-on-demand.ts';
import * as m0011 from './migrations/0011-account-security.ts';
import * as m0013 from './migrations/0013-login-factors.ts';
import * as m0014 from './migrations/0014-audit-key-and-leases.ts';
import * as m0015 from './migrations/0015-calendar-subscription.ts';
import * as m0017 from './migrations/0017-reminders.ts';
import * as m0018 from './migrations/0018-outbound-channels.ts';
import * as m0020 from './migrations/0020-calendar-year.ts';
import * as m0021 from './migrations/0021-law-articles.ts';
import type { DB } from './types.ts';

const migrations: Record<string, Migration> = {
  '0001-init': m0001,
  '0002-record-list-index': m0002,
  '0003-setting-changed-by': m0003,
  '0004-record-links-and-payload-version': m0004,
  '0005-report-versions': m0005,
  '0006-record-search-and-keyset': m0006,
  '0007-import-job': m0007,
  '0009-org-tree-version': m0009,
  '0010-figure-sources-on-demand': m0010,
  '0011-account-security': m0011,
  '0013-login-factors': m0013,
  '0014-audit-key-and-leases': m0014,
  '0015-calendar-subscription': m0015,
  '0017-reminders': m0017,
  '0018-outbound-channels': m0018,
  '0020-calendar-year': m0020,
  '0021-law-articles': m0021,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

async function migrator(db: Kysely<DB>): Promise<Migrator> {
  // PostgreSQL: pin the migration tables to the connection's own schema. Without it Kysely's
  // existence check sees kysely_migration* of any other schema in the database (another tenant group,
  // or a concurrent test run) and then fails on a table that is not on its search_path.
  const migrationTableSchema =
    dialectOf(db) === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s : undefined;
  return new Migrator({ db, provider: new StaticProvider(), ...(migrationTableSchema ? { migrationTableSchema } : {}) });
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** PostgreSQL's "schema does not exist". */
const isMissingSchema = (e: unknown): boolean => typeof e === 'object' && e !== null && 'code' in e && e.code === '3F000';

/**
 * Runs a migration step again when PostgreSQL reports a missing schema. Before migrating, Kysely
 * checks for its migration table by listing the tables of every schema in the database, calling
 * `has_schema_privilege` on each schema name; when another schema of the same database (another
 * tenant group, or a parallel test file's) is dropped during that listing, the call fails with 3F000
 * for that other schema. Nothing has been migrated at that point and a completed step is recorded,
 * so running it again is safe; a schema that is really missing fails every attempt.
 */
async function retryingCatalogRace(run: () => Promise<MigrationResultSet>): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await run();
      if (attempt < 3 && res.error && isMissingSchema(res.error)) continue;
      return applied(res);
    } catch (e) {
      if (attempt < 3 && isMissingSchema(e)) continue;
      throw e;
    }
  }
}

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  return retryingCatalogRace(async () => (await migrator(db)).migrateToLatest());
}

/** Migrates up or down to `name` (for tests of a migration on data written before it). */
export async function migrateTo(db: Kysely<DB>, name: string): Promise<string[]> {
  return retryingCatalogRace(async () => (await migrator(db)).migrateTo(name));
}
