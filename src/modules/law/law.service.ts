/**
 * Use cases of the law library: import a law from a text file the bureau supplies (record + parsed
 * text as an attachment, in one transaction, idempotent per bureau, title and 施行日期), read its
 * articles, and search articles across the caller's laws. Tenancy comes from the record's org.
 */
import { z } from 'zod';
import type { LawCitation, LawSearchResult, LawText } from '../../contract.ts';
import { inTx } from '../../db/tx.ts';
import type { Db } from '../../db/types.ts';
import { badRequest, notFound } from '../../errors.ts';
import { addAttachment } from '../../ledger/attachment.service.ts';
import type { RecordData } from '../../ledger/field.ts';
import type { RecordView } from '../../ledger/record.repo.ts';
import { createRecord, getRecord, updateRecord } from '../../ledger/record.service.ts';
import { requirePerm, type Scope } from '../../org/scope.ts';
import { LAW_CATEGORIES, type LAW_RELEVANCE } from './law.ledger.ts';
import { LAW_MSG } from './law.messages.ts';
import { decodeLawText, type ParsedLaw, parseLaw } from './law.parse.ts';
import {
  findLawArticles,
  findLawsByTitle,
  findLawsTitled,
  findLawTexts,
  insertLawArticles,
  LAW_LEDGER,
  lawsWithText,
  searchLawArticles,
  searchLawTitles,
  TEXT_MIME,
} from './law.repo.ts';

export type LawCategory = (typeof LAW_CATEGORIES)[number];
export type ImportOutcome = typeof LAW_MSG.imported | typeof LAW_MSG.exists | typeof LAW_MSG.textAdded;
export type ImportResult = { outcome: ImportOutcome; law: RecordView; articleCount: number };

export const SEARCH_LIMIT = 100;
const EXTENSIONS = /\.(md|markdown|txt)$/i;

export function isLawCategory(s: string): s is LawCategory {
  return (LAW_CATEGORIES as readonly string[]).includes(s);
}

/** A file name the importer accepts (.md, .markdown, .txt). */
export const isLawFile = (filename: string): boolean => EXTENSIONS.test(filename);

/** Business areas a law concerns, from words of its title; 综合 when none matches (also the demo catalogue's tags). */
const RELEVANCE_WORDS: Array<[(typeof LAW_RELEVANCE)[number], RegExp]> = [
  ['社会救助', /救助|低保|最低生活保障|特困/],
  ['养老服务', /老年人|养老/],
  ['婚姻登记', /婚姻|收养/],
  ['殡葬管理', /殡葬/],
  ['社会组织', /社会团体|基金会|民办非企业|社会组织/],
  ['儿童福利', /未成年人|儿童|收养/],
  ['地名区划', /地名|行政区划|区划/],
  ['慈善社工', /慈善|社会工作|志愿/],
];

export function relevanceOf(title: string): string[] {
  const hits = RELEVANCE_WORDS.filter(([, re]) => re.test(title)).map(([tag]) => tag);
  return hits.length ? hits : ['综合'];
}

const textSchema = z.object({
  title: z.string(),
  history: z.array(z.object({ date: z.string(), text: z.string() })).default([]),
  articles: z.array(
    z.object({ no: z.string(), index: z.number(), chapter: z.string().nullable(), section: z.string().nullable(), text: z.string() }),
  ),
});

function recordData(law: ParsedLaw, category: LawCategory, filename: string): RecordData {
  return {
    title: law.title,
    category,
    issuer: law.issuer,
    promulgatedOn: law.promulgatedOn,
    effectiveOn: law.effectiveOn,
    status: '现行有效',
    articleCount: law.articles.length,
    relevance: relevanceOf(law.title),
    sourceFile: filename.split(/[\\/]/).pop()?.slice(0, 500) ?? null,
  };
}

/**
 * Imports one law file into the caller's bureau. The same version (title + 施行日期) imported again
 * changes nothing and reports 已存在. A law the bureau catalogued by hand (a record of that title
 * with no text yet) receives the text and keeps the catalogue data it was given (补充全文); otherwise
 * the text is a new record. Record and text are written in one transaction with their audit.
 */
export async function importLaw(
  db: Db,
  scope: Scope,
  input: { filename: string; content: Buffer; category?: string | null },
): Promise<ImportResult> {
  requirePerm(scope, 'ledger.write');
  if (!isLawFile(input.filename)) throw badRequest('file', LAW_MSG.badExtension);
  const categoryIn = input.category?.trim() || LAW_MSG.defaultCategory;
  if (!isLawCategory(categoryIn)) throw badRequest('category', LAW_MSG.badCategory(LAW_CATEGORIES));
  const law = parseLaw(decodeLawText(input.content), { category: categoryIn, filename: input.filename });
  return inTx(db, async (trx) => {
    const sameTitle = await findLawsByTitle(trx, scope.orgId, law.title);
    const withText = await lawsWithText(
      trx,
      scope.orgId,
      sameTitle.map((r) => r.id),
    );
    const same = sameTitle.find((r) => withText.has(r.id) && (r.data.effectiveOn ?? null) === law.effectiveOn);
    if (same) return { outcome: LAW_MSG.exists, law: same, articleCount: law.articles.length };
    const catalogued = sameTitle.filter((r) => !withText.has(r.id));
    const rec =
      catalogued.length === 1
        ? await updateRecord(
            trx,
            scope,
            catalogued[0].id,
            { ...catalogued[0].data, articleCount: law.articles.length },
            catalogued[0].version,
          )
        : await createRecord(trx, scope, LAW_LEDGER, recordData(law, categoryIn, input.filename));
    const text = await addAttachment(trx, scope, rec.id, {
      filename: `${law.title}.json`,
      mime: TEXT_MIME,
      content: Buffer.from(JSON.stringify(law), 'utf8'),
      note: LAW_MSG.textNote,
      effectiveOn: law.effectiveOn,
    });
    await insertLawArticles(trx, { lawId: rec.id, orgId: rec.orgId, attachmentId: text.id }, law.articles);
    return { outcome: catalogued.length === 1 ? LAW_MSG.textAdded : LAW_MSG.imported, law: rec, articleCount: law.articles.length };
  });
}

function readText(content: Buffer): z.infer<typeof textSchema> | null {
  try {
    const parsed = textSchema.safeParse(JSON.parse(content.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function keyword(q: string | undefined, required: boolean): string | null {
  const s = (q ?? '').trim();
  if (!s) {
    if (required) throw badRequest('q', LAW_MSG.qRequired);
    return null;
  }
  if (s.length > 100) throw badRequest('q', LAW_MSG.qTooLong);
  return s;
}

/** The articles of one law the caller may read, optionally only those containing `q`, with its history. */
export async function lawArticles(db: Db, scope: Scope, id: string, q?: string): Promise<LawText> {
  const rec = await getRecord(db, scope, id);
  if (rec.ledger !== LAW_LEDGER) throw notFound(LAW_MSG.notLaw);
  const needle = keyword(q, false);
  const [row] = await findLawTexts(db, [rec.orgId], rec.id);
  const text = row ? readText(row.content) : null;
  const articles = text ? await findLawArticles(db, [rec.orgId], rec.id, needle) : [];
  return {
    lawId: rec.id,
    title: rec.title,
    hasText: text !== null,
    total: text?.articles.length ?? 0,
    history: text?.history ?? [],
    articles,
  };
}

/** Laws by title and articles by text containing `q`, across every law the caller may read; at most SEARCH_LIMIT articles. */
export async function searchLaws(db: Db, scope: Scope, q: string | undefined): Promise<LawSearchResult> {
  requirePerm(scope, 'ledger.read');
  const needle = keyword(q, true) ?? '';
  const laws = await searchLawTitles(db, scope.readOrgIds, needle, SEARCH_LIMIT);
  const rows = await searchLawArticles(db, scope.readOrgIds, needle, SEARCH_LIMIT + 1);
  const hits = rows
    .slice(0, SEARCH_LIMIT)
    .map((r) => ({ lawId: r.lawId, title: r.title, no: r.no, index: r.index, chapter: r.chapter, text: r.text }));
  return { q: needle, laws, hits, truncated: rows.length > SEARCH_LIMIT };
}

const PRC = '中华人民共和国';

/**
 * The laws a text names: the titles inside 《》 when it has any (“《中华人民共和国民法典》婚姻家庭编”),
 * else the names separated by 、，；or spaces (“婚姻登记条例、反家庭暴力法”).
 */
export function citedLawNames(text: string): string[] {
  const quoted = [...text.matchAll(/《([^》]+)》/g)].map((m) => m[1].trim());
  const names = quoted.length ? quoted : text.split(/[、，,；;\s]+/);
  return [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0 && n.length <= 100))];
}

/**
 * Each law `text` names and the library's law of that name (with or without 中华人民共和国), the
 * caller's own bureau's copy first; null where the library has none.
 */
export async function resolveLawCitations(db: Db, scope: Scope, text: string | undefined): Promise<LawCitation[]> {
  requirePerm(scope, 'ledger.read');
  const given = (text ?? '').trim();
  if (!given) throw badRequest('text', LAW_MSG.citationRequired);
  const names = citedLawNames(given);
  const variants = (n: string) => [n, n.startsWith(PRC) ? n.slice(PRC.length) : `${PRC}${n}`];
  const laws = await findLawsTitled(db, scope.readOrgIds, names.flatMap(variants));
  return names.map((name) => {
    const same = laws.filter((l) => variants(name).includes(l.title));
    const law = same.find((l) => l.orgId === scope.orgId) ?? same[0];
    return { name, lawId: law?.id ?? null, title: law?.title ?? null };
  });
}
