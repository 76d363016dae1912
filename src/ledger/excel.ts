/**
 * Excel in and out for every ledger, generated from its declaration: the import template, the
 * export of a list query, and the import of a filled-in sheet whose columns are matched by their
 * Chinese labels. An export carries each record's id and version in two hidden system columns, so
 * an edited export imported again updates those records in place. Import only turns cells into
 * record data and collects the problems of every cell; validation, ids, versions, tenancy and the
 * all-or-nothing write are importRecords' (the same rules as the forms). The sheet is streamed row
 * by row (xlsx-reader.ts), never loaded as a workbook. A calendar date is written
 * to Excel as a day serial and read back as 'YYYY-MM-DD'; no JS Date leaves this file.
 */
import ExcelJS from 'exceljs';
import type { CellValue, DataValidation, Worksheet } from 'exceljs';
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import { badRequest, type FieldError } from '../errors.ts';
import { listOrgs, listUnits } from '../org/org.service.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { TEXT_RULE_MSG, textRuleBroken } from '../util/text.ts';
import { addDays, daysBetween, isValidDate } from '../util/time.ts';
import type { Ledger } from './define.ts';
import type { FieldDef, FieldKind, FieldValue } from './field.ts';
import {
  type ImportProgress,
  type ImportResult,
  type ImportRow,
  importRecords,
  ID_FIELD,
  ORG_FIELD,
  VERSION_FIELD,
} from './import.service.ts';
import { type ListInput, listRecords } from './record.service.ts';
import type { RecordView } from './record.repo.ts';
import { getLedger } from './registry.ts';
import type { ImportSlots } from './import-slots.ts';
import { NoSheetError, PartTooLargeError, readSheetRows, ZipLimitError, type ZipLimits } from './xlsx-reader.ts';
import { type Person, peopleOf, personByName, userFieldsOf } from './user-field.ts';

/** Every Chinese word this file shows, in one place. */
const MSG = {
  helpSheet: '说明',
  optionSheet: '选项',
  orgColumn: '填报单位',
  idColumn: '记录编号（系统）',
  versionColumn: '版本（系统）',
  systemColumnNote: '系统列：导入时据此更新原记录，请勿修改；新增记录时留空',
  ignoredColumns: ['序号'],
  kind: {
    text: '文字',
    longtext: '长文字',
    date: '日期',
    int: '整数',
    number: '数字',
    enum: '单选',
    bool: '是/否',
    unit: '科室',
    tags: '多选',
    ref: '关联记录',
    user: '人员',
  } satisfies Record<FieldKind, string>,
  kindHint: {
    text: '',
    longtext: '',
    int: '填写整数',
    number: '填写数字',
    date: '填写日期，如 2025-03-05、2025/3/5 或 2025年3月5日',
    enum: '从下拉列表中选择',
    bool: '填“是”或“否”',
    unit: '填写本单位科室名称（从下拉列表中选择）',
    tags: '可填多项，用顿号（、）或逗号分隔',
    ref: '填写关联记录的编号，多个用顿号（、）分隔',
    user: '填写本单位在职业务人员的姓名（重名时填写用户名）',
  } satisfies Record<FieldKind, string>,
  yes: '是',
  no: '否',
  helpHeader: ['列名', '类型', '是否必填', '可选值', '填写说明'],
  unitOptions: '本单位的科室名称',
  helpNotes: [
    '填写须知：',
    '1. 第一行是列名，请勿修改或删除；列名前带 * 的列必须填写。',
    '2. 从第二行起每行填写一条记录；空行会被跳过。',
    '3. 导入时只要有一处有误，整个文件都不会导入，并列出所有出错的行号和原因；改正后重新导入即可。',
    '4. 可以先“试导入”检查，试导入不会保存任何数据，只报告将新增、更新、未变和疑似重复的条数。',
    '5. 导出的文件可以修改后重新导入：带“记录编号（系统）”的行更新原记录，没有编号的行新增记录，未修改的行保持不变。',
  ],
  validation: {
    listTitle: '请从列表中选择',
    list: (label: string) => `${label}请从下拉列表中选择`,
    int: (label: string) => `${label}应为整数`,
    number: (label: string) => `${label}应为数字`,
    range: (label: string, min?: number, max?: number) =>
      `${label}${min !== undefined ? `不能小于${min}` : ''}${min !== undefined && max !== undefined ? '，且' : ''}${max !== undefined ? `不能大于${max}` : ''}`,
    numberTitle: '数字有误',
  },
  notXlsx: '文件无法读取：请上传 .xlsx 格式的 Excel 文件（可先下载导入模板），或 UTF-8/GBK 编码的 .csv 文件',
  oldXls: '不支持旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入',
  noSheet: '文件中没有可导入的工作表',
  noHeader: (labels: string) => `未找到表头：第一行应为列名（本台账的列：${labels}）`,
  unknownColumn: (col: string, name: string, labels: string) => `表头第${col}列“${name}”不是本台账的列（本台账的列：${labels}）`,
  duplicateColumn: (name: string) => `表头中“${name}”列出现了不止一次`,
  missingColumns: (names: string) => `缺少必填列：${names}`,
  unknownUnit: (label: string, name: string, known: string) => `${label}“${name}”不是本单位的科室（本单位的科室：${known || '无'}）`,
  otherOrg: (name: string) => `填报单位“${name}”不是本单位，只能导入本单位的记录`,
  badVersion: (name: string) => `版本“${name}”应为正整数（请勿修改系统列）`,
  tooManyRows: (n: number) => `一次最多导入${n}行，请分批导入`,
  tooLarge: (mb: number) => `文件解压后过大（其中一部分超过${mb}MB），无法导入；请检查文件是否正确，或分批导入`,
  tooLargeTotal: (mb: number) => `文件解压后过大（全部内容超过${mb}MB），无法导入；请检查文件是否正确，或分批导入`,
  tooManyEntries: (n: number, max: number) => `文件内含${n}个压缩条目（最多${max}个），不是正常的 Excel 文件，无法导入`,
  badCell: (label: string, col: string, rule: string) => `“${label}”（${col}列）含有不允许的${rule}，请删除后重新导入`,
  busy: (n: number) => `服务器正在处理其他导入（同时最多${n}个），请稍后重试`,
};

/** Rows of the template that carry drop-downs and formats. */
const TEMPLATE_ROWS = 500;
const EXPORT_PAGE = 500;
/** Day 0 of Excel's 1900 date system (valid for every date after 1900-03-01). */
const EXCEL_EPOCH = '1899-12-30';
const DATE_FORMAT = 'yyyy-mm-dd';
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;

type Plain = string | number | boolean | Date | null;
type UnitRef = { id: string; name: string };

const headerLabel = (def: FieldDef) => (def.required ? `*${def.label}` : def.label);

/** '* 日期 ', '日期*', '日期（必填）' → '日期'. */
function normalizeHeader(s: string): string {
  return s
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(]必填[)）]/g, '')
    .replace(/^[*＊]+|[*＊]+$/g, '');
}

function sheetName(label: string): string {
  return label.replace(/[[\]:*?/\\]/g, '').slice(0, 31) || 'Sheet1';
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

function styleHeader(ws: Worksheet, required: boolean[]): void {
  const row = ws.getRow(1);
  row.eachCell((cell, col) => {
    cell.font = { bold: true, color: { argb: required[col - 1] ? 'FFC00000' : 'FF000000' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
  row.height = 22;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function columnWidth(def: FieldDef): number {
  if (def.kind === 'longtext') return 40;
  if (def.kind === 'date') return 14;
  return Math.max(12, def.label.length * 2 + 4);
}

/** The list a drop-down offers for a field, if any. */
function optionsOf(def: FieldDef, unitNames: readonly string[]): readonly string[] | null {
  if (def.kind === 'enum') return def.options ?? [];
  if (def.kind === 'bool') return [MSG.yes, MSG.no];
  if (def.kind === 'unit' && unitNames.length) return unitNames;
  return null;
}

/**
 * Validations are added per column range: exceljs's per-cell merging writes overlapping ranges
 * (it sorts 'B10' before 'B2'), which Excel may reject. The range API exists but is not typed.
 */
type WithValidations = { dataValidations: { add(address: string, validation: DataValidation): void } };
const validationsOf = (ws: Worksheet) => (ws as unknown as WithValidations).dataValidations;

function columnValidation(def: FieldDef, listRef: string | null): DataValidation | null {
  if (listRef) {
    return {
      type: 'list',
      allowBlank: !def.required,
      formulae: [listRef],
      showErrorMessage: true,
      errorTitle: MSG.validation.listTitle,
      error: MSG.validation.list(def.label),
    };
  }
  if (def.kind !== 'int' && def.kind !== 'number') return null;
  const { min, max } = def;
  const err = (def.kind === 'int' ? MSG.validation.int : MSG.validation.number)(def.label);
  const range = min === undefined && max === undefined ? '' : `；${MSG.validation.range(def.label, min, max)}`;
  const bounds: Pick<DataValidation, 'operator' | 'formulae'> =
    min !== undefined && max !== undefined
      ? { operator: 'between', formulae: [min, max] }
      : min !== undefined
        ? { operator: 'greaterThanOrEqual', formulae: [min] }
        : max !== undefined
          ? { operator: 'lessThanOrEqual', formulae: [max] }
          : { operator: 'between', formulae: [-1e15, 1e15] };
  return {
    type: def.kind === 'int' ? 'whole' : 'decimal',
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: MSG.validation.numberTitle,
    error: `${err}${range}`,
    ...bounds,
  };
}

/**
 * The import template of a ledger: a sheet whose header row is the Chinese labels (required ones
 * marked *), drop-downs for enum, yes/no and unit fields, date and number checks, and a 说明 sheet.
 * `unitNames`: the caller's 科室 names, offered in the unit column's drop-down.
 */
export async function ledgerTemplateXlsx(ledgerKey: string, opts: { unitNames?: readonly string[] } = {}): Promise<Buffer> {
  const ledger = getLedger(ledgerKey);
  const unitNames = opts.unitNames ?? [];
  const fields = Object.values(ledger.fields);
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治民政工作台';
  const ws = wb.addWorksheet(sheetName(ledger.label));
  const help = wb.addWorksheet(MSG.helpSheet);
  const opt = wb.addWorksheet(MSG.optionSheet, { state: 'hidden' });

  ws.addRow(fields.map(headerLabel));
  styleHeader(
    ws,
    fields.map((d) => d.required),
  );
  let optCol = 0;
  fields.forEach((def, i) => {
    const col = ws.getColumn(i + 1);
    col.width = columnWidth(def);
    const letter = columnLetter(i + 1);
    const hint = [def.help, MSG.kindHint[def.kind]].filter(Boolean).join('；');
    if (hint) ws.getCell(`${letter}1`).note = hint;
    const options = optionsOf(def, unitNames);
    let listRef: string | null = null;
    if (options?.length) {
      optCol++;
      const ol = columnLetter(optCol);
      options.forEach((o, k) => {
        opt.getCell(`${ol}${k + 1}`).value = neutralizeFormula(o);
      });
      listRef = `'${MSG.optionSheet}'!$${ol}$1:$${ol}$${options.length}`;
    }
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      const cell = ws.getCell(`${letter}${r}`);
      if (def.kind === 'date') cell.numFmt = DATE_FORMAT;
      else if (def.kind === 'text' || def.kind === 'longtext' || def.kind === 'tags') cell.numFmt = '@';
    }
    const validation = columnValidation(def, listRef);
    if (validation) validationsOf(ws).add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, validation);
  });

  help.addRow(MSG.helpHeader);
  styleHeader(
    help,
    MSG.helpHeader.map(() => false),
  );
  for (const def of fields) {
    const options =
      def.kind === 'unit'
        ? unitNames.length
          ? unitNames.join('、')
          : MSG.unitOptions
        : (optionsOf(def, []) ?? def.options ?? []).join('、');
    help.addRow([
      def.label,
      MSG.kind[def.kind],
      def.required ? MSG.yes : MSG.no,
      options,
      [def.help, MSG.kindHint[def.kind]].filter(Boolean).join('；'),
    ]);
  }
  help.addRow([]);
  for (const line of MSG.helpNotes) help.addRow([line]);
  [16, 10, 10, 50, 50].forEach((w, i) => {
    help.getColumn(i + 1).width = w;
  });
  help.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  help.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  return toBuffer(wb);
}

/**
 * A text that a spreadsheet would run as a formula (= + - @, or a leading tab or CR that some
 * programs skip) gets a leading apostrophe, so that an exported record cannot carry
 * `=HYPERLINK(…)` or `=cmd|…` into the officer's Excel (CSV/formula injection); numbers stay numbers.
 * The import takes the apostrophe off again, so an edited export round-trips unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const neutralizeFormula = <T>(v: T): T | string => (typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v);
const restoreNeutralized = (v: Plain): Plain =>
  typeof v === 'string' && v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;

/** One cell of an export: what the officer would have typed, never a formula. */
type NameOf = { unit: (id: string) => string; person: (id: string) => string };

function exportCell(def: FieldDef, v: FieldValue | undefined, names: NameOf): string | number | null {
  return neutralizeFormula(exportValue(def, v, names));
}

function exportValue(def: FieldDef, v: FieldValue | undefined, names: NameOf): string | number | null {
  if (v === null || v === undefined) return null;
  switch (def.kind) {
    case 'date':
      return typeof v === 'string' && isValidDate(v) ? daysBetween(EXCEL_EPOCH, v) : String(v);
    case 'bool':
      return v === true ? MSG.yes : v === false ? MSG.no : null;
    case 'tags':
      return Array.isArray(v) ? v.join('、') : String(v);
    case 'unit':
      return typeof v === 'string' ? names.unit(v) : null;
    case 'user':
      return typeof v === 'string' ? names.person(v) : null;
    case 'int':
    case 'number':
      return typeof v === 'number' ? v : String(v);
    default:
      return Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? MSG.yes : MSG.no) : v;
  }
}

/**
 * The records of a list query (same filters and scope as the list view, all pages) as .xlsx: the
 * template's columns with 科室 names instead of ids, the 填报单位 of each record, and last its id
 * and version in hidden system columns (read back by the import to update the record).
 */
export async function exportLedgerXlsx(db: Db, scope: Scope, ledgerKey: string, query: ListInput = {}): Promise<Buffer> {
  const ledger = getLedger(ledgerKey);
  const records: RecordView[] = [];
  const { page: _p, pageSize: _s, after: _a, ...filters } = query;
  for (let after: string | undefined; ; ) {
    const res = await listRecords(db, scope, ledgerKey, { ...filters, after, pageSize: EXPORT_PAGE });
    records.push(...res.items);
    if (res.next === null) break;
    after = res.next;
  }
  const orgNames = new Map((await listOrgs(db, scope)).map((o) => [o.id, o.name]));
  const unitNames = new Map((await listUnits(db, scope)).map((u) => [u.id, u.name]));
  // A username where two accounts of the bureau share the display name, so the export reads back.
  const people = userFieldsOf(ledger).length ? await peopleOf(db, scope.readOrgIds) : [];
  const personName = (id: string): string => {
    const p = people.find((x) => x.id === id);
    if (!p) return id;
    return people.some((x) => x.id !== p.id && x.orgId === p.orgId && x.displayName === p.displayName) ? p.username : p.displayName;
  };
  const fields = Object.entries(ledger.fields);
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治民政工作台';
  const ws = wb.addWorksheet(sheetName(ledger.label));
  ws.addRow([...fields.map(([, d]) => d.label), MSG.orgColumn, MSG.idColumn, MSG.versionColumn]);
  styleHeader(
    ws,
    fields.map(() => false),
  );
  for (const r of records) {
    ws.addRow([
      ...fields.map(([k, d]) => exportCell(d, r.data[k], { unit: (id) => unitNames.get(id) ?? id, person: personName })),
      neutralizeFormula(orgNames.get(r.orgId) ?? r.orgId),
      r.id,
      r.version,
    ]);
  }
  fields.forEach(([, d], i) => {
    const col = ws.getColumn(i + 1);
    col.width = columnWidth(d);
    if (d.kind === 'date') col.numFmt = DATE_FORMAT;
  });
  ws.getColumn(fields.length + 1).width = 20;
  for (const col of [fields.length + 2, fields.length + 3]) {
    ws.getColumn(col).hidden = true;
    ws.getCell(1, col).note = MSG.systemColumnNote;
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: fields.length + 1 } };
  return toBuffer(wb);
}

// ---------------------------------------------------------------------------------------------
// Import

function plain(v: CellValue): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? null : plain(v.result);
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plain(v.text as CellValue);
  if ('error' in v) return v.error;
  return null;
}

const isEmpty = (v: Plain) => v === null || (typeof v === 'string' && v.trim() === '');

const toAsciiDigits = (s: string) => s.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A Date read by exceljs stands for an Excel serial taken as UTC; the calendar date is its UTC day. */
function dateOfCell(d: Date): string {
  return new Date(d.getTime() + 1000).toISOString().slice(0, 10);
}

function pad(n: string): string {
  return n.length === 1 ? `0${n}` : n;
}

/** Excel dates, serials, '2025/3/5', '2025-03-05', '2025.3.5', '2025年3月5日', 20250305 → 'YYYY-MM-DD'; anything else is returned as typed for the schema to refuse. */
export function coerceDate(v: Plain): string | number | boolean {
  if (v instanceof Date) return dateOfCell(v);
  if (typeof v === 'number') {
    const ymd = String(v);
    if (/^(19|20)\d{6}$/.test(ymd)) {
      const s = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
      if (isValidDate(s)) return s;
    }
    if (v >= 61 && v < 2958466) return addDays(EXCEL_EPOCH, Math.floor(v));
    return v;
  }
  if (typeof v !== 'string') return v ?? '';
  const s = toAsciiDigits(v.trim());
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const out = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
    if (isValidDate(out)) return out;
  }
  return s;
}

function coerceNumber(v: Plain): FieldValue {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return v instanceof Date ? dateOfCell(v) : v;
  const s = toAsciiDigits(v.trim()).replace(/[,，\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : v.trim();
}

function coerceBool(v: Plain): FieldValue {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  const s = String(v instanceof Date ? dateOfCell(v) : v)
    .trim()
    .toLowerCase();
  if (['是', 'y', 'yes', 'true', '√', '✓', '有'].includes(s)) return true;
  if (['否', 'n', 'no', 'false', '×', '✗', '无'].includes(s)) return false;
  return s;
}

function asText(v: Plain): string {
  if (v instanceof Date) return dateOfCell(v);
  if (typeof v === 'boolean') return v ? MSG.yes : MSG.no;
  return v === null ? '' : String(v);
}

function coerce(def: FieldDef, v: Plain): FieldValue {
  switch (def.kind) {
    case 'date':
      return coerceDate(v);
    case 'int':
    case 'number':
      return coerceNumber(v);
    case 'bool':
      return coerceBool(v);
    case 'tags':
      return asText(v)
        .split(/[、，,；;\n]/)
        .map((t) => t.trim())
        .filter(Boolean);
    case 'longtext':
      return asText(v);
    default:
      return asText(v).trim();
  }
}

type GridRow = { row: number; cells: Plain[] };
type Grid = GridRow[];

/** The sheet an import reads: the one named after the ledger, else the first visible data sheet. */
function pickSheet(ledger: Ledger) {
  return (sheets: Array<{ name: string; state: string }>): number => {
    const data = sheets.flatMap((s, i) => (s.state === 'visible' && s.name !== MSG.helpSheet && s.name !== MSG.optionSheet ? [i] : []));
    return data.find((i) => sheets[i].name === sheetName(ledger.label)) ?? data[0] ?? -1;
  };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function* readXlsx(file: Buffer, ledger: Ledger, limits: ZipLimits): AsyncGenerator<GridRow> {
  try {
    for await (const r of readSheetRows(file, { ...limits, pick: pickSheet(ledger) })) {
      yield { row: r.row, cells: r.values.map((v) => restoreNeutralized(plain(v))) };
    }
  } catch (e) {
    if (e instanceof PartTooLargeError) throw badRequest('file', MSG.tooLarge(mb(limits.maxPartBytes)));
    if (e instanceof ZipLimitError) {
      throw badRequest(
        'file',
        e.limit === 'entries' ? MSG.tooManyEntries(e.found, limits.maxEntries) : MSG.tooLargeTotal(mb(limits.maxTotalBytes)),
      );
    }
    if (e instanceof NoSheetError) throw badRequest('file', MSG.noSheet);
    throw badRequest('file', MSG.notXlsx);
  }
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); the line number is the row number. */
function parseCsv(text: string): Grid {
  const grid: Grid = [];
  let cells: Plain[] = [];
  let cur = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endCell = () => {
    cells.push(cur);
    cur = '';
  };
  const endRow = () => {
    endCell();
    grid.push({ row: rowStart, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cur += c;
      }
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else cur += c;
  }
  if (cur !== '' || cells.length) endRow();
  return grid;
}

function decodeText(file: Buffer): string | null {
  for (const enc of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(enc, { fatal: true }).decode(file).replace(/^\uFEFF/, '');
    } catch {
      /* try the next encoding */
    }
  }
  return null;
}

function readGrid(file: Buffer, ledger: Ledger, limits: ZipLimits): AsyncIterable<GridRow> | Grid {
  if (file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b) return readXlsx(file, ledger, limits);
  if (file.length >= 4 && file.readUInt32BE(0) === 0xd0cf11e0) throw badRequest('file', MSG.oldXls);
  const text = decodeText(file);
  // A text file is taken as CSV only when it looks like one: no NUL bytes and a comma in the first line.
  if (text === null || text.includes('\u0000') || !text.split(/\r?\n/, 1)[0].includes(',')) throw badRequest('file', MSG.notXlsx);
  return parseCsv(text);
}

type Columns = {
  fields: Array<{ col: number; key: string; def: FieldDef }>;
  orgCol: number | null;
  idCol: number | null;
  versionCol: number | null;
  headerRow: number;
};

const SYSTEM_COLUMNS = [MSG.orgColumn, MSG.idColumn, MSG.versionColumn];

/** Whether a row names a column of the ledger (a title row above the header does not). */
function isHeader(cells: Plain[], ledger: Ledger): boolean {
  const labels = new Set(Object.values(ledger.fields).map((d) => d.label));
  return cells.some((v) => typeof v === 'string' && (labels.has(normalizeHeader(v)) || SYSTEM_COLUMNS.includes(normalizeHeader(v))));
}

const allLabelsOf = (ledger: Ledger) => Object.values(ledger.fields).map(headerLabel).join('、');

/** Rows above the header a file may have (a title, a note) before it is refused as headerless. */
const HEADER_SEARCH_ROWS = 5;

function mapHeader(header: GridRow, ledger: Ledger): Columns {
  const byLabel = new Map(Object.entries(ledger.fields).map(([k, d]) => [d.label, k]));
  const allLabels = allLabelsOf(ledger);
  const out: Columns = { fields: [], orgCol: null, idCol: null, versionCol: null, headerRow: header.row };
  const seen = new Set<string>();
  header.cells.forEach((v, col) => {
    if (isEmpty(v)) return;
    const name = normalizeHeader(asText(v));
    if (MSG.ignoredColumns.includes(name)) return;
    if (seen.has(name)) throw badRequest('file', MSG.duplicateColumn(name));
    seen.add(name);
    if (name === MSG.orgColumn) {
      out.orgCol = col;
      return;
    }
    if (name === MSG.idColumn) {
      out.idCol = col;
      return;
    }
    if (name === MSG.versionColumn) {
      out.versionCol = col;
      return;
    }
    const key = byLabel.get(name);
    if (!key) throw badRequest('file', MSG.unknownColumn(columnLetter(col + 1), asText(v).trim(), allLabels));
    out.fields.push({ col, key, def: ledger.fields[key] });
  });
  const missing = Object.values(ledger.fields)
    .filter((d) => d.required && !seen.has(d.label))
    .map((d) => d.label);
  if (missing.length) throw badRequest('file', MSG.missingColumns(missing.join('、')));
  return out;
}

/** A cell of a system column as text ('' when empty). */
const systemCell = (cells: Plain[], col: number | null) => (col === null ? '' : asText(cells[col] ?? null).trim());

/** What an import reads from the file besides the rows (limits, progress). */
export type ExcelImportOpts = {
  dryRun?: boolean;
  /** The uploaded file's name, for the audit entry. */
  fileName?: string;
  /** The most data rows (configuration: IMPORT_MAX_ROWS). */
  maxRows: number;
  /** The most bytes one part of an .xlsx may inflate to (configuration: IMPORT_MAX_XML_MB). */
  maxPartBytes: number;
  /** The most bytes all parts together may declare or inflate to (IMPORT_MAX_TOTAL_MB). */
  maxTotalBytes: number;
  /** The most entries the zip may list (IMPORT_MAX_ENTRIES). */
  maxEntries: number;
  /** This server's import slots (IMPORT_MAX_CONCURRENT); none for a caller that is the only import (the CLI). */
  slots?: ImportSlots;
  onProgress?: (p: ImportProgress) => Promise<void> | void;
};

/** How often (rows) reading reports progress. */
const READ_PROGRESS_EVERY = 2000;

/**
 * Turns a sheet into rows of record data (row = the Excel row number), with the record id and
 * version when the sheet has them, reading the grid once as it streams. A cell that cannot be read
 * (an unknown 科室, another bureau) is noted on its row and reading goes on, so every bad cell of the
 * file is reported at once. More than `maxRows` data rows stops the read with a 400.
 */
async function readRows(
  grid: AsyncIterable<GridRow> | Grid,
  ledger: Ledger,
  units: UnitRef[],
  orgNames: string[],
  opts: { maxRows: number; onProgress?: ExcelImportOpts['onProgress']; people?: readonly Person[] },
): Promise<{ rows: ImportRow[]; cols: Columns }> {
  const unitByName = new Map(
    units.flatMap((u) => [
      [u.name, u.id],
      [u.id, u.id],
    ]),
  );
  const unitList = units.map((u) => u.name).join('、');
  let cols: Columns | null = null;
  let used: number[] = [];
  let before = 0;
  const rows: ImportRow[] = [];
  for await (const { row, cells } of grid) {
    if (!cols) {
      if (isHeader(cells, ledger)) {
        cols = mapHeader({ row, cells }, ledger);
        used = [...cols.fields.map((c) => c.col), ...(cols.orgCol === null ? [] : [cols.orgCol])];
      } else if (++before >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    if (used.every((c) => isEmpty(cells[c] ?? null))) continue;
    if (rows.length >= opts.maxRows) throw badRequest('file', MSG.tooManyRows(opts.maxRows));
    const errors: FieldError[] = [];
    const org = systemCell(cells, cols.orgCol);
    if (org && !orgNames.includes(org)) errors.push({ field: ORG_FIELD, message: MSG.otherOrg(org) });
    let id = systemCell(cells, cols.idCol);
    const versionText = systemCell(cells, cols.versionCol);
    const idRule = textRuleBroken(id);
    if (idRule) {
      errors.push({ field: ID_FIELD, message: MSG.badCell(MSG.idColumn, columnLetter((cols.idCol ?? 0) + 1), TEXT_RULE_MSG[idRule]) });
      id = '';
    }
    const version = /^\d+$/.test(versionText) && Number(versionText) > 0 ? Number(versionText) : undefined;
    if (id && versionText && version === undefined) errors.push({ field: VERSION_FIELD, message: MSG.badVersion(versionText) });
    const data: Record<string, FieldValue> = {};
    for (const { col, key, def } of cols.fields) {
      const v = cells[col] ?? null;
      if (isEmpty(v)) continue;
      const broken = typeof v === 'string' ? textRuleBroken(v) : null;
      if (broken) {
        errors.push({ field: key, message: MSG.badCell(def.label, columnLetter(col + 1), TEXT_RULE_MSG[broken]) });
        continue;
      }
      if (def.kind === 'unit') {
        const name = asText(v).trim();
        const unitId = unitByName.get(name);
        if (unitId) data[key] = unitId;
        else errors.push({ field: key, message: MSG.unknownUnit(def.label, name, unitList) });
      } else if (def.kind === 'user') {
        const found = personByName(opts.people ?? [], def.label, asText(v));
        if ('id' in found) data[key] = found.id;
        else errors.push({ field: key, message: found.error });
      } else {
        data[key] = coerce(def, v);
      }
    }
    rows.push({ row, ...(id ? { id } : {}), ...(id && version !== undefined ? { version } : {}), data, errors });
    if (rows.length % READ_PROGRESS_EVERY === 0) await opts.onProgress?.({ phase: 'reading', done: rows.length, total: null });
  }
  if (!cols) throw badRequest('file', MSG.noHeader(allLabelsOf(ledger)));
  return { rows, cols };
}

/**
 * Imports a filled-in template or an edited export (.xlsx, or .csv) into a ledger of the caller's
 * bureau: rows with a record id update it, rows without one create; all rows or none, every bad
 * cell reported as 第N行：…. With `dryRun` nothing is written and the counts are returned. The
 * sheet is streamed, not loaded; the rows are checked once and written in batches (importRecords).
 */
export async function importLedgerXlsx(
  db: Db,
  scope: Scope,
  ledgerKey: string,
  file: Buffer,
  opts: ExcelImportOpts,
): Promise<ImportResult> {
  const ledger = getLedger(ledgerKey);
  requirePerm(scope, 'ledger.write');
  const release = opts.slots?.acquire(importBusy);
  try {
    return await importLocked(db, scope, ledger, file, opts);
  } finally {
    release?.();
  }
}

/** The 503 detail when this server's import slots are taken. */
export const importBusy = MSG.busy;

/** The limits of one import, from the configuration. */
export const importLimits = (cfg: Config) => ({
  maxRows: cfg.importMaxRows,
  maxPartBytes: cfg.importMaxXmlBytes,
  maxTotalBytes: cfg.importMaxTotalBytes,
  maxEntries: cfg.importMaxEntries,
});

async function importLocked(db: Db, scope: Scope, ledger: Ledger, file: Buffer, opts: ExcelImportOpts): Promise<ImportResult> {
  const ledgerKey = ledger.key;
  const { maxRows } = opts;
  const units = (await listUnits(db, scope)).filter((u) => u.org_id === scope.orgId).map((u) => ({ id: u.id, name: u.name }));
  const own = (await listOrgs(db, scope)).filter((o) => o.id === scope.orgId).flatMap((o) => [o.name, o.short_name]);
  const people = userFieldsOf(ledger).length ? await peopleOf(db, [scope.orgId]) : [];
  const { rows, cols } = await readRows(readGrid(file, ledger, opts), ledger, units, own, { maxRows, onProgress: opts.onProgress, people });
  await opts.onProgress?.({ phase: 'reading', done: rows.length, total: rows.length });
  return importRecords(db, scope, ledgerKey, rows, {
    dryRun: opts.dryRun,
    fields: cols.fields.map((c) => c.key),
    fileName: opts.fileName,
    onProgress: opts.onProgress,
  });
}

/** The caller's 科室 names, for the template's drop-down. */
export async function ownUnitNames(db: Db, scope: Scope): Promise<string[]> {
  return (await listUnits(db, scope)).filter((u) => u.org_id === scope.orgId).map((u) => u.name);
}
