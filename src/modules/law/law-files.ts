/**
 * Law texts from a folder in the LawRefBook layout (`<类别>/<名称>(YYYY-MM-DD).md`), for the CLI's
 * `fazhi laws import` and the demo's `--laws`: which files are laws, which category a file's folder
 * names, and the import of many files one by one (each all-or-nothing; a bad file does not stop the rest).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import type { Scope } from '../../org/scope.ts';
import { LAW_MSG } from './law.messages.ts';
import { importLaw, isLawCategory, isLawFile } from './law.service.ts';

/** Law files under `dir`, depth first in name order; README files are documentation, not laws. */
export function lawFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'zh'))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...lawFilesUnder(p));
    else if (e.isFile() && isLawFile(e.name) && !/^readme\./i.test(e.name)) out.push(p);
  }
  return out;
}

/** The category a file's parent folder names (the LawRefBook layout), or null. */
export function folderCategory(file: string): string | null {
  const folder = path.basename(path.dirname(path.resolve(file)));
  return isLawCategory(folder) ? folder : null;
}

export type FilesImported = { imported: number; textAdded: number; existing: number; failed: Array<{ file: string; reason: string }> };

/** Imports each file into the scope's bureau, reporting each outcome through `log`. */
export async function importLawFiles(
  db: Db,
  scope: Scope,
  files: readonly { path: string; name: string; category: string | null }[],
  log: (line: string) => void,
): Promise<FilesImported> {
  const out: FilesImported = { imported: 0, textAdded: 0, existing: 0, failed: [] };
  for (const f of files) {
    try {
      const res = await importLaw(db, scope, { filename: path.basename(f.path), content: fs.readFileSync(f.path), category: f.category });
      if (res.outcome === LAW_MSG.imported) out.imported++;
      else if (res.outcome === LAW_MSG.textAdded) out.textAdded++;
      else out.existing++;
      log(LAW_MSG.fileDone(res.outcome, f.name, res.law.title, res.articleCount));
    } catch (e) {
      const reason = e instanceof AppError ? e.detail : e instanceof Error ? e.message : String(e);
      out.failed.push({ file: f.name, reason });
      log(LAW_MSG.fileFailed(f.name, reason));
    }
  }
  return out;
}
