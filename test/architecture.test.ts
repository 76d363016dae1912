/**
 * "SQL only in repositories": outside `*.repo.ts` files and `src/db/` (where dialect differences
 * live), no source file builds a Kysely query. Routes, CLI commands, services and report templates
 * reach the database through a repository function.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'src');

/** A query builder call, a `sql` template (also `sql<T>`…``) or a `sql.raw(…)`-style helper. */
const QUERY =
  /\.\s*(selectFrom|updateTable|insertInto|deleteFrom)\s*\(|\bsql\s*(<[^`;]*>)?\s*`|\bsql\s*\.\s*(raw|ref|table|id|lit|join|val)\s*\(/;

/** Comments may mention queries; only code counts. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** The lines of `text` that build a query (empty when none). */
function queryLines(text: string): string[] {
  const code = stripComments(text);
  const hits = code
    .split('\n')
    .filter((l) => QUERY.test(l))
    .map((l) => l.trim());
  // A query whose tokens are split over lines still counts.
  return hits.length || !QUERY.test(code) ? hits : ['(query split over several lines)'];
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.isFile() && e.name.endsWith('.ts') ? [p] : [];
  });
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
const mayQuery = (file: string) => file.endsWith('.repo.ts') || file.startsWith('src/db/');

function offenders(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const abs of tsFiles(SRC)) {
    const file = rel(abs);
    if (mayQuery(file)) continue;
    const hits = queryLines(fs.readFileSync(abs, 'utf8'));
    if (hits.length) out.set(file, hits);
  }
  return out;
}

describe('SQL only in repositories', () => {
  it('recognises the query forms it looks for', () => {
    for (const bad of [
      "await db.selectFrom('org').selectAll().execute();",
      "const rows = await ctx.db\n  .selectFrom('unit')\n  .select(['id'])",
      "await trx.updateTable('app_user').set(set)",
      "await trx\n  .insertInto('session')",
      "await db.deleteFrom('session').where('id', '=', id)",
      'const r = await sql`select 1`.execute(db);',
      "eb.and([sql<boolean>`x = 1`, eb('a', '=', 1)])",
      "sql.raw('now()')",
    ]) {
      assert.notDeepEqual(queryLines(bad), [], bad);
    }
    for (const fine of [
      "// findRecords(db) instead of db.selectFrom('record')",
      "/** never calls db.insertInto('audit_log') directly */",
      'const mysql = `not a query`;',
      "const selectFromList = pick(list, 'a');",
    ]) {
      assert.deepEqual(queryLines(fine), [], fine);
    }
  });

  it('scans the source tree', () => {
    const files = tsFiles(SRC).map(rel);
    assert.ok(files.includes('src/http/core.routes.ts'));
    assert.ok(files.includes('src/cli.ts'));
    assert.ok(files.some((f) => f.endsWith('.repo.ts')));
  });

  it('finds no query outside *.repo.ts and src/db/', () => {
    const found = [...offenders()];
    assert.deepEqual(
      found.map(([file, lines]) => `${file}: ${lines.join(' | ')}`),
      [],
      'move these queries into a *.repo.ts function and call it from the service',
    );
  });
});
