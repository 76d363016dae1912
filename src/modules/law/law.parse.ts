/**
 * Parses the text of a law or regulation into title, history, chapters and articles. Two layouts:
 * the LawRefBook/Laws markdown (`# title`, dated history lines, `<!-- INFO END -->`, `## 章`,
 * `### 节`, articles `第X条 …`) and plain text (title = first non-empty line, `第X章`/`第X节` lines,
 * articles on lines starting with 第…条). Pure: no database, no files.
 */
import { badRequest } from '../../errors.ts';
import { isValidDate } from '../../util/time.ts';
import { LAW_MSG } from './law.messages.ts';

export type LawHistoryEntry = { date: string; text: string };
export type LawArticle = { no: string; index: number; chapter: string | null; section: string | null; text: string };
export type ParsedLaw = {
  title: string;
  category: string | null;
  history: LawHistoryEntry[];
  promulgatedOn: string | null;
  effectiveOn: string | null;
  /** The issuing body when the history names it (全国人民代表大会常务委员会, 国务院, …). */
  issuer: string | null;
  chapters: string[];
  articles: LawArticle[];
};

const NUMERALS = '零〇一二两三四五六七八九十百千万';
const ARTICLE_RE = new RegExp(`^第([${NUMERALS}]+|\\d+)条(之[${NUMERALS}]+)?[\\s\\u3000]*`);
const CHAPTER_RE = new RegExp(`^第[${NUMERALS}\\d]+[编章][\\s\\u3000]`);
const SECTION_RE = new RegExp(`^第[${NUMERALS}\\d]+节[\\s\\u3000]`);
const DATE_RE = /(\d{4})年(\d{1,2})月(\d{1,2})日/g;
const INFO_END = '<!-- INFO END -->';

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** 十二 → 12, 一百零三 → 103, 一千零四十 → 1040, 二十 → 20, 十 → 10; Arabic digits pass through. */
export function chineseToNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let section = 0;
  let num = 0;
  for (const ch of s) {
    if (ch in DIGITS) {
      num = DIGITS[ch];
      continue;
    }
    const unit = UNITS[ch];
    if (unit === undefined) return Number.NaN;
    if (unit === 10000) {
      total += (section + num) * unit;
      section = 0;
    } else {
      section += (num === 0 ? 1 : num) * unit;
    }
    num = 0;
  }
  return total + section + num;
}

/** Text of a file: UTF-8 (with or without BOM), else GB18030, which many Chinese sources still use. */
export function decodeLawText(content: Buffer): string {
  if (content.length === 0) throw badRequest('file', LAW_MSG.empty);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(content);
    } catch {
      throw badRequest('file', LAW_MSG.notText);
    }
  }
  if (text.includes('\u0000')) throw badRequest('file', LAW_MSG.notText);
  return text.replace(/^\uFEFF/, '');
}

/** Zero-width and no-break characters some sources leave in; whitespace runs become one space. */
const clean = (line: string) =>
  line
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();

const pad = (n: string) => n.padStart(2, '0');

/** Dated entries of a history line; a line may hold several (“1999年…通过 2009年…修正”). */
function historyOf(line: string): LawHistoryEntry[] {
  const text = line.replace(/^[（(]|[）)]$/g, '');
  const hits = [...text.matchAll(DATE_RE)];
  return hits.map((m, i) => {
    const end = i + 1 < hits.length ? hits[i + 1].index : text.length;
    const rest = text
      .slice(m.index + m[0].length, end)
      .replace(/^[\s，,]+|[\s；;，,。]+$/g, '')
      .trim();
    return { date: `${m[1]}-${pad(m[2])}-${pad(m[3])}`, text: rest };
  });
}

const latest = (entries: LawHistoryEntry[], re: RegExp): LawHistoryEntry | null =>
  entries.filter((e) => re.test(e.text)).reduce<LawHistoryEntry | null>((a, e) => (!a || e.date >= a.date ? e : a), null);

/**
 * Best effort from the history: the current version is the latest adoption (通过/修正/修订/公布/发布);
 * it takes effect on the latest 施行 date not before it, else on that adoption date. A version date in
 * the file name (LawRefBook names files `名称(YYYY-MM-DD).md`) wins when it is later than the history,
 * or when the history has no date at all.
 */
function datesOf(history: LawHistoryEntry[], versionDate: string | null): { promulgatedOn: string | null; effectiveOn: string | null } {
  const adopted = latest(history, /通过|修正|修订|公布|发布/);
  const published = latest(history, /公布|发布/);
  const inForce = latest(history, /施行/);
  const promulgatedOn = published && (!adopted || published.date >= adopted.date) ? published.date : (adopted?.date ?? null);
  const effectiveOn = inForce && (!adopted || inForce.date >= adopted.date) ? inForce.date : (adopted?.date ?? null);
  if (versionDate && (!promulgatedOn || versionDate > promulgatedOn)) {
    return { promulgatedOn: versionDate, effectiveOn: effectiveOn && effectiveOn > versionDate ? effectiveOn : versionDate };
  }
  return { promulgatedOn, effectiveOn };
}

/**
 * The commencement clause ("本法自2024年1月1日起施行") in the last articles states when this version takes
 * effect; it wins over the history when it is not before the version's promulgation.
 */
function withCommencement(
  dates: { promulgatedOn: string | null; effectiveOn: string | null },
  articles: LawArticle[],
): { promulgatedOn: string | null; effectiveOn: string | null } {
  for (const a of articles.slice(-3).reverse()) {
    const m = /自(\d{4})年(\d{1,2})月(\d{1,2})日起施行/.exec(a.text);
    if (!m) continue;
    const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    if (!dates.promulgatedOn || date >= dates.promulgatedOn) return { ...dates, effectiveOn: date };
  }
  return dates;
}

const ISSUERS = ['全国人民代表大会常务委员会', '全国人民代表大会', '国务院'] as const;

function issuerOf(history: LawHistoryEntry[]): string | null {
  const text = history.map((h) => h.text).join('\n');
  if (/国务院|政务院/.test(text)) return '国务院';
  const npcsc = /全国人民代表大会常务委员会|全国人大常委会/.test(text);
  if (npcsc) return ISSUERS[0];
  if (/全国人民代表大会/.test(text)) return ISSUERS[1];
  const m = /([\u4e00-\u9fa5]{2,30}?(人民代表大会常务委员会|人民政府|部|委员会|局))(令|第[\d一二三四五六七八九十]+次|公告|发布|公布)/.exec(
    text,
  );
  return m ? m[1] : null;
}

/** `名称(2023-09-01).md` → 2023-09-01 (a valid date only). */
function versionDateOf(filename: string | undefined): string | null {
  const m = /[（(](\d{4})-(\d{2})-(\d{2})[）)][^\\/]*$/.exec(filename ?? '');
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return isValidDate(date) ? date : null;
}

/**
 * Parses a law's text. `category` is passed through (the caller knows it from the folder); `filename`
 * may carry the version date. Throws a Chinese 400 when the text has no title or no article.
 */
export function parseLaw(text: string, opts: { category?: string | null; filename?: string } = {}): ParsedLaw {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const markdown = lines.some((l) => l.trim() === INFO_END) || lines.some((l) => /^#\s/.test(l.trim()));
  const titleParts: string[] = [];
  const history: LawHistoryEntry[] = [];
  const chapters: string[] = [];
  const articles: LawArticle[] = [];
  let chapter: string | null = null;
  let section: string | null = null;
  let current: { no: string; index: number; chapter: string | null; section: string | null; lines: string[] } | null = null;
  let inHeader = true;
  const flush = () => {
    if (current) {
      articles.push({
        no: current.no,
        index: current.index,
        chapter: current.chapter,
        section: current.section,
        text: current.lines.join('\n'),
      });
      current = null;
    }
  };
  for (const raw of lines) {
    const line = clean(raw);
    if (!line) continue;
    if (line === INFO_END) {
      inHeader = false;
      continue;
    }
    const heading = /^(#{1,6})\s*(.*)$/.exec(line);
    if (markdown && heading) {
      const level = heading[1].length;
      const name = heading[2].trim();
      if (level === 1 && inHeader) {
        if (name) titleParts.push(name);
        continue;
      }
      flush();
      inHeader = false;
      if (level <= 2) {
        chapter = name;
        section = null;
        chapters.push(name);
      } else {
        section = name;
      }
      continue;
    }
    const art = ARTICLE_RE.exec(line);
    if (art) {
      flush();
      inHeader = false;
      const index = chineseToNumber(art[1]);
      current = { no: art[0].trim(), index, chapter, section, lines: [] };
      const rest = line.slice(art[0].length).trim();
      if (rest) current.lines.push(rest);
      continue;
    }
    if (!markdown && titleParts.length === 0) {
      titleParts.push(line.replace(/^《|》$/g, ''));
      continue;
    }
    if (!markdown && CHAPTER_RE.test(line)) {
      flush();
      inHeader = false;
      chapter = line;
      section = null;
      chapters.push(line);
      continue;
    }
    if (!markdown && SECTION_RE.test(line)) {
      flush();
      inHeader = false;
      section = line;
      continue;
    }
    if (inHeader && articles.length === 0 && current === null) {
      history.push(...historyOf(line));
      continue;
    }
    if (current) current.lines.push(line);
  }
  flush();
  const title = titleParts.join('·').trim();
  if (!title) throw badRequest('file', LAW_MSG.noTitle);
  if (title.length > 500) throw badRequest('file', LAW_MSG.titleTooLong);
  if (articles.length === 0) throw badRequest('file', LAW_MSG.noArticles);
  history.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const dates = withCommencement(datesOf(history, versionDateOf(opts.filename)), articles);
  return { title, category: opts.category ?? null, history, ...dates, issuer: issuerOf(history), chapters, articles };
}
