/**
 * Streaming read of one sheet of an .xlsx held in a buffer, row by row, without building the
 * workbook. The zip is read through its central directory, so the parts are parsed in the order the
 * rows need (workbook, shared strings, styles, then only the chosen sheet) and never spooled to temp
 * files; every part is inflated through a byte counter, so a zip bomb stops at `maxPartBytes` instead
 * of filling the heap or the disk. Parts are decoded as UTF-8 streams: a Chinese character split
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

/** The file is not a zip exceljs can read. */
export class NotXlsxError extends Error {}

/** The workbook has no sheet `pick` accepts. */
export class NoSheetError extends Error {}

type ZipEntry = { name: string; method: number; compressedSize: number; size: number; dataStart: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function zipEntries(buf: Buffer): Map<string, ZipEntry> {
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
  let p = buf.readUInt32LE(eocd + 16);
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
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new NotXlsxError('bad local header');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) throw new NotXlsxError('truncated entry');
    out.set(name.replace(/^\//, ''), { name, method, compressedSize, size, dataStart });
  }
  return out;
}

/** The inflated text of a part, as a stream of strings, refused beyond `limit` bytes. */
function partStream(buf: Buffer, e: ZipEntry, limit: number): Readable {
  // The declared size is checked first (cheap), the inflated bytes as they come (the header may lie).
  if (e.size > limit) throw new PartTooLargeError(e.name);
  if (e.method !== 0 && e.method !== 8) throw new NotXlsxError(`compression method ${e.method}`);
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) done(new PartTooLargeError(e.name));
      else done(null, chunk);
    },
  });
  const raw = Readable.from([buf.subarray(e.dataStart, e.dataStart + e.compressedSize)]);
  const out: Readable =
    e.method === 8 ? pipeline(raw, createInflateRaw(), counter, () => undefined) : pipeline(raw, counter, () => undefined);
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
export async function* readSheetRows(
  buf: Buffer,
  opts: { maxPartBytes: number; pick: (sheets: SheetInfo[]) => number },
): AsyncGenerator<SheetRow> {
  const entries = zipEntries(buf);
  const part = (name: string) => {
    const e = entries.get(name);
    return e ? partStream(buf, e, opts.maxPartBytes) : null;
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
