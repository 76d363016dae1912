/**
 * Streaming read of one sheet of an .xlsx held in a buffer, row by row, without building the
 * workbook. The zip is read through its central directory, so the parts are parsed in the order the
 * rows need (workbook, shared strings, styles, then only the chosen sheet) and never spooled to temp
 * files. A zip bomb is refused in three steps, none of which holds more than a chunk of inflated
 * data: the central directory is read first (no inflation) and too many entries, or parts declared
 * larger than the limits (one part, all parts), are refused; then the parts the read needs are
 * inflated once into a byte counter that discards them, because the declared sizes may lie; only
 * then are they parsed, again through the counters. Parts are decoded as UTF-8 streams: a Chinese character split
 * across two inflated chunks stays whole (exceljs decodes each chunk on its own).
 *
 * The XML of each part is parsed by exceljs's own streaming reader (WorkbookReader's part parsers
 * and WorksheetReader), reached through the typed view below because exceljs 4.4 exposes them only
 * to its zip loop. Nothing here knows about ledgers.
 */
import { pipeline, Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS, { type CellValue } from 'exceljs';

/** A part of the file inflates beyond the limit. */
export class PartTooLargeError extends Error {
  constructor(readonly part: string) {
    super(`xlsx part ${part} inflates beyond the limit`);
  }
}

/** The zip lists more entries, or declares (or inflates to) more bytes in all, than the limits allow. */
export class ZipLimitError extends Error {
  constructor(
    readonly limit: 'entries' | 'total',
    readonly found: number,
  ) {
    super(`xlsx exceeds the ${limit} limit (${found})`);
  }
}

/** The file is not a zip exceljs can read. */
export class NotXlsxError extends Error {}

/** The workbook has no sheet `pick` accepts. */
export class NoSheetError extends Error {}

type ZipEntry = { name: string; method: number; compressedSize: number; size: number; dataStart: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** What one .xlsx may hold: bytes per part and in all (declared and inflated), entries in the zip. */
export type ZipLimits = { maxPartBytes: number; maxTotalBytes: number; maxEntries: number };

// A ZIP64 field: the real value is elsewhere; an .xlsx that fits the upload limit never needs it.
const ZIP64 = 0xffffffff;

function zipEntries(buf: Buffer, limits: ZipLimits): Map<string, ZipEntry> {
  const out = new Map<string, ZipEntry>();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new NotXlsxError('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  if (count > limits.maxEntries || count === 0xffff) throw new ZipLimitError('entries', count);
  let p = buf.readUInt32LE(eocd + 16);
  let declared = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new NotXlsxError('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (size === ZIP64 || compressedSize === ZIP64) throw new ZipLimitError('total', size);
    if (size > limits.maxPartBytes) throw new PartTooLargeError(name);
    declared += size;
    if (declared > limits.maxTotalBytes) throw new ZipLimitError('total', declared);
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new NotXlsxError('bad local header');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) throw new NotXlsxError('truncated entry');
    out.set(name.replace(/^\//, ''), { name, method, compressedSize, size, dataStart });
  }
  return out;
}

/** Bytes inflated so far by one read, against the total limit (the headers' sizes may lie). */
type Budget = { left: number; limit: number };

/** The inflated bytes of a part, refused beyond `limit` bytes or beyond what is left of the total. */
function inflated(buf: Buffer, e: ZipEntry, limit: number, budget: Budget): Readable {
  // The declared size is checked first (cheap), the inflated bytes as they come (the header may lie).
  if (e.size > limit) throw new PartTooLargeError(e.name);
  if (e.method !== 0 && e.method !== 8) throw new NotXlsxError(`compression method ${e.method}`);
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      budget.left -= chunk.length;
      if (seen > limit) done(new PartTooLargeError(e.name));
      else if (budget.left < 0) done(new ZipLimitError('total', budget.limit - budget.left));
      else done(null, chunk);
    },
  });
  const raw = Readable.from([buf.subarray(e.dataStart, e.dataStart + e.compressedSize)]);
  return e.method === 8 ? pipeline(raw, createInflateRaw(), counter, () => undefined) : pipeline(raw, counter, () => undefined);
}

/** Inflates a part into nothing, to learn that it stays within the limits before anything parses it. */
async function measure(buf: Buffer, e: ZipEntry, limit: number, budget: Budget): Promise<void> {
  for await (const _ of inflated(buf, e, limit, budget));
}

/** The inflated text of a part, as a stream of strings (UTF-8 decoded across chunks). */
function partStream(buf: Buffer, e: ZipEntry, limit: number, budget: Budget): Readable {
  const out = inflated(buf, e, limit, budget);
  out.setEncoding('utf8');
  return out;
}

type SheetInfo = { name: string; state: string };

/** What exceljs's WorkbookReader does with one part; see the header for why this view exists. */
type ReaderParts = {
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ name: string; rId: string; state?: string }> };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Iterable<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
};

export type SheetRow = { row: number; values: CellValue[] };

/**
 * The non-empty rows of the sheet `pick` chooses among the workbook's sheets (its index; -1 for
 * none raises NoSheetError). Cells are 0-based; a gap is null.
 */
export async function* readSheetRows(buf: Buffer, opts: ZipLimits & { pick: (sheets: SheetInfo[]) => number }): AsyncGenerator<SheetRow> {
  const entries = zipEntries(buf, opts);
  const checked: Budget = { left: opts.maxTotalBytes, limit: opts.maxTotalBytes };
  const read: Budget = { left: opts.maxTotalBytes, limit: opts.maxTotalBytes };
  for (const name of ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']) {
    const e = entries.get(name);
    if (e) await measure(buf, e, opts.maxPartBytes, checked);
  }
  const part = (name: string) => {
    const e = entries.get(name);
    return e ? partStream(buf, e, opts.maxPartBytes, read) : null;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as ReaderParts;

  const rels = part('xl/_rels/workbook.xml.rels');
  const book = part('xl/workbook.xml');
  if (!rels || !book) throw new NotXlsxError('no workbook');
  await reader._parseRels(rels);
  await reader._parseWorkbook(book);
  const sheets = reader.model?.sheets ?? [];
  const chosen = sheets[opts.pick(sheets.map((s) => ({ name: s.name, state: s.state ?? 'visible' })))];
  if (!chosen) throw new NoSheetError();
  const target = reader.workbookRels?.find((r) => r.Id === chosen.rId)?.Target ?? '';
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheetNo = /sheet(\d+)\.xml$/.exec(sheetPath)?.[1];
  const sheetEntry = entries.get(sheetPath);
  if (sheetEntry) await measure(buf, sheetEntry, opts.maxPartBytes, checked);
  const sheetPart = part(sheetPath);
  if (!sheetPart || !sheetNo) throw new NotXlsxError('sheet part missing');

  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings));
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  for (const { value: ws } of reader._parseWorksheet(sheetPart, sheetNo)) {
    for await (const row of ws) {
      const values: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        values[col - 1] = cell.value;
      });
      if (values.length) yield { row: row.number, values: Array.from(values, (v) => v ?? null) };
    }
  }
}
