/**
 * Renders a report as .docx in the GB/T 9704-2012 layout: A4; margins 37/28/26/35 mm; title 2号
 * 方正小标宋简体 centred; body 3号 仿宋_GB2312, 2-character indent, exact 28.9 pt lines (22 lines ×
 * 28 characters); headings 黑体 / 楷体_GB2312 / 仿宋_GB2312; page numbers 4号 宋体 「— 1 —」, odd
 * pages right and even pages left; 成文日期 on the right; 版记 with thick and thin rules.
 * Every run names its East Asian font: Word picks the CJK font from eastAsia, not from ascii.
 */
import {
  AlignmentType,
  BorderStyle,
  createAlignment,
  createSpacing,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  OnOffElement,
  PageNumber,
  Paragraph,
  ParagraphProperties,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalAlignSection,
  SectionType,
  WidthType,
} from 'docx';
import { chineseDate } from '../util/time.ts';
import type { Block, FigureSnapshot, ReportContent, Run } from '../contract.ts';
import { columnShares, flatten, pending } from './model.ts';

/** Millimetres → twentieths of a point. */
const mm = (v: number) => Math.round((v / 25.4) * 1440);
const pt = (v: number) => Math.round(v * 20);

export const LAYOUT = {
  pageWidth: mm(210),
  pageHeight: mm(297),
  marginTop: mm(37),
  marginLeft: mm(28),
  marginRight: mm(26),
  marginBottom: mm(35),
  /** The page-number line sits 7 mm below the type area. */
  footer: mm(35 - 7 - 5),
  line: pt(28.9),
  /** 3号 = 16 pt, in half-points. */
  body: 32,
  title: 44,
  pageNo: 28,
  indent: pt(16 * 2),
} as const;

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  pageNo: '宋体',
  latin: 'Times New Roman',
} as const;

type RunStyle = { font: string; size?: number; bold?: boolean; highlight?: 'yellow' | 'red' };

/** A run with its East Asian font set (and a Latin font for digits). */
function run(text: string, s: RunStyle): TextRun {
  return new TextRun({
    text,
    size: s.size ?? LAYOUT.body,
    bold: s.bold,
    ...(s.highlight ? { highlight: s.highlight } : {}),
    font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: s.font, cs: FONTS.latin },
  });
}

const bodySpacing = { line: LAYOUT.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

function runsOf(snap: FigureSnapshot, rs: Run[], s: RunStyle): TextRun[] {
  // Words nobody has confirmed yet are highlighted, so a draft printed for review shows what is open.
  return flatten(snap, rs)
    .filter((p) => p.text !== '')
    .map((p) => run(p.text, { ...s, highlight: p.none?.contradicted ? 'red' : pending(p) ? 'yellow' : undefined }));
}

const headingFont = (level: number) => (level === 1 ? FONTS.h1 : level === 2 ? FONTS.h2 : FONTS.body);

function block(snap: FigureSnapshot, b: Block): Array<Paragraph | Table> {
  if (b.type === 'heading') {
    return [
      new Paragraph({
        spacing: bodySpacing,
        indent: { firstLine: LAYOUT.indent },
        children: [run(b.text, { font: headingFont(b.level) })],
      }),
    ];
  }
  if (b.type === 'paragraph') {
    const lead = b.lead ? [run(b.lead.text, { font: headingFont(b.lead.level) })] : [];
    return [
      new Paragraph({
        spacing: bodySpacing,
        indent: { firstLine: LAYOUT.indent },
        alignment: AlignmentType.JUSTIFIED,
        children: [...lead, ...runsOf(snap, b.runs, { font: FONTS.body })],
      }),
    ];
  }
  return table(snap, b);
}

const CELL_SIZE = 21; // 五号 10.5 pt, so the 8- and 15-column tables fit the 156 mm type area
/** Tables fill the type area. */
const TABLE_WIDTH = LAYOUT.pageWidth - LAYOUT.marginLeft - LAYOUT.marginRight;
/** Cell text sits on its own exact 14 pt lines, not on the body's 28.9 pt line grid. */
const cellSpacing = { line: pt(14), lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
/** Thin side margins leave the narrow number columns room for three digits and the first column for 20 characters. */
const CELL_MARGINS = { left: mm(1), right: mm(1), top: pt(3), bottom: pt(3) };

/**
 * A paragraph of a table cell, off the section's line grid (w:snapToGrid w:val="false"):
 * otherwise LibreOffice gives every line of 五号 text in a cell a full 28.9 pt body line, exact
 * spacing or not. docx has no option for the opt-out, so the cell's paragraph properties are
 * written here, in the order CT_PPr requires (snapToGrid, spacing, jc).
 */
class CellParagraph extends Paragraph {
  constructor(children: TextRun[]) {
    super({ children });
    const pPr = this.root.find((c: unknown) => c instanceof ParagraphProperties);
    if (!(pPr instanceof ParagraphProperties)) throw new Error('docx: a paragraph without w:pPr');
    pPr.push(new OnOffElement('w:snapToGrid', false));
    pPr.push(createSpacing(cellSpacing));
    pPr.push(createAlignment(AlignmentType.CENTER));
  }
}
const cellPara = (children: TextRun[]) => new CellParagraph(children);

/** The grid columns in twips, from the block's relative widths, adding up to the table width exactly. */
function gridColumns(b: Extract<Block, { type: 'table' }>): number[] {
  const cols = columnShares(b).map((share) => Math.floor(share * TABLE_WIDTH));
  cols[0] += TABLE_WIDTH - cols.reduce((s, x) => s + x, 0);
  return cols;
}

/**
 * The width of each cell: the grid columns it spans, found by walking the rows as Word places
 * them (a cell merged down from a row above takes its columns in the rows below).
 */
function cellWidths(rows: ReadonlyArray<ReadonlyArray<{ colSpan?: number; rowSpan?: number }>>, cols: number[]): number[][] {
  const taken: number[] = cols.map(() => 0); // rows still covered by a cell above, per column
  return rows.map((r) => {
    let col = 0;
    const widths = r.map((c) => {
      while (col < cols.length && taken[col] > 0) col++;
      const span = c.colSpan ?? 1;
      const width = cols.slice(col, col + span).reduce((s, x) => s + x, 0);
      for (let i = col; i < col + span && i < cols.length; i++) taken[i] = c.rowSpan ?? 1;
      col += span;
      return width;
    });
    for (let i = 0; i < taken.length; i++) if (taken[i] > 0) taken[i]--;
    return widths;
  });
}

/**
 * A table with its widths declared three times over — grid (w:tblGrid), table and every cell — and
 * a fixed layout, so Word and LibreOffice do not size columns to their content and agree on where
 * lines break. Rows never break across pages (cantSplit) and the header rows repeat on each page.
 */
function table(snap: FigureSnapshot, b: Extract<Block, { type: 'table' }>): Array<Paragraph | Table> {
  const cellStyle = { font: FONTS.body, size: CELL_SIZE };
  const cols = gridColumns(b);
  const widths = cellWidths([...b.header, ...b.rows], cols);
  const dxa = (size: number) => ({ size, type: WidthType.DXA });
  const rows = [
    ...b.header.map(
      (hr, i) =>
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: hr.map(
            (c, j) =>
              new TableCell({
                columnSpan: c.colSpan,
                rowSpan: c.rowSpan,
                width: dxa(widths[i][j]),
                verticalAlign: VerticalAlign.CENTER,
                children: [cellPara([run(c.text, { ...cellStyle, font: FONTS.h1 })])],
              }),
          ),
        }),
    ),
    ...b.rows.map(
      (r, i) =>
        new TableRow({
          cantSplit: true,
          children: r.map(
            (c, j) =>
              new TableCell({
                columnSpan: c.colSpan,
                rowSpan: c.rowSpan,
                width: dxa(widths[b.header.length + i][j]),
                verticalAlign: VerticalAlign.CENTER,
                children: [cellPara(runsOf(snap, c.runs, cellStyle))],
              }),
          ),
        }),
    ),
  ];
  const out: Array<Paragraph | Table> = [
    // The title stays on the page its table starts on.
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: bodySpacing, keepNext: true, children: [run(b.title, { font: FONTS.h1 })] }),
    new Table({ rows, width: dxa(TABLE_WIDTH), columnWidths: cols, layout: TableLayoutType.FIXED, margins: CELL_MARGINS }),
  ];
  if (b.note)
    out.push(new Paragraph({ spacing: bodySpacing, indent: { firstLine: LAYOUT.indent }, children: [run(`注：${b.note}`, cellStyle)] }));
  return out;
}

/** Width of a string in 3号 characters (Latin digits count half). */
function charWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
  return w;
}

const noFooter = () => new Footer({ children: [new Paragraph({ children: [] })] });

function pageFooter(odd: boolean): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: pt(14) } : { left: pt(14) },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: LAYOUT.pageNo,
            font: { ascii: FONTS.pageNo, hAnsi: FONTS.pageNo, eastAsia: FONTS.pageNo, cs: FONTS.pageNo },
          }),
        ],
      }),
    ],
  });
}

const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });
/** 版记 rules: 0.35 mm (≈1 pt = 8 eighths) thick, 0.25 mm (≈0.75 pt = 6 eighths) thin. */
const THICK = rule(8);
const THIN = rule(6);

function colophon(c: ReportContent): Paragraph[] {
  const small = { font: FONTS.body, size: LAYOUT.pageNo };
  const lines: TextRun[][] = [];
  if (c.copyTo.length) lines.push([run(`抄送：${c.copyTo.join('，')}。`, small)]);
  if (c.printer) lines.push([run(c.printer.org, small), run(`\t${chineseDate(c.printer.date)}印发`, small)]);
  if (!lines.length) return [];
  const typeWidth = LAYOUT.pageWidth - LAYOUT.marginLeft - LAYOUT.marginRight;
  return [
    ...lines.map(
      (children, i) =>
        new Paragraph({
          spacing: bodySpacing,
          indent: { left: pt(14), right: pt(14) },
          tabStops: [{ type: 'right', position: typeWidth - pt(28) }],
          border: { top: i === 0 ? THICK : THIN, ...(i === lines.length - 1 ? { bottom: THICK } : {}) },
          children,
        }),
    ),
  ];
}

/** Characters of 2号 type per line of the 156 mm type area. */
// 20 × 22 pt fills the 156 mm line exactly; keep a margin so a font with wider digits does not wrap by itself.
const TITLE_CHARS = 18;
/** Where a title breaks naturally: after the issuer, the year, 关于, or 的. */
const TITLE_BREAKS = /(局|厅|部|委|办|年度|年|关于|的)/g;

/**
 * Splits a long title into lines at natural breaks (GB/T 9704 7.3.1: 梯形或菱形, never a lone
 * character on a line). Lines stay within TITLE_CHARS, as even in length as the breaks allow.
 */
export function splitTitle(title: string, max = TITLE_CHARS): string[] {
  if (charWidth(title) <= max) return [title];
  const cuts = [...title.matchAll(TITLE_BREAKS)].map((m) => (m.index ?? 0) + m[0].length).filter((i) => i > 1 && i < title.length - 1);
  const lines = Math.ceil(charWidth(title) / max);
  const target = charWidth(title) / lines;
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of cuts) {
    const head = charWidth(title.slice(0, c));
    const tail = charWidth(title.slice(c));
    if (head > max) continue;
    const score = Math.abs(head - target) + (tail > max * (lines - 1) ? 100 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  if (best < 0) best = Math.min(title.length - 2, Math.max(2, Math.round(title.length / lines)));
  return [title.slice(0, best), ...splitTitle(title.slice(best), max)];
}

export async function renderDocx(c: ReportContent, snap: FigureSnapshot): Promise<Buffer> {
  const body = { font: FONTS.body };
  const empty = () => new Paragraph({ spacing: bodySpacing, children: [] });
  const children: Array<Paragraph | Table> = [
    empty(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: pt(35), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: splitTitle(c.title).map(
        (line, i) =>
          new TextRun({
            text: line,
            break: i ? 1 : 0,
            size: LAYOUT.title,
            font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.title, cs: FONTS.latin },
          }),
      ),
    }),
    empty(),
  ];
  if (c.addressee) children.push(new Paragraph({ spacing: bodySpacing, children: [run(`${c.addressee}：`, body)] }));
  for (const b of c.preamble) children.push(...block(snap, b));
  for (const s of c.sections) {
    children.push(
      new Paragraph({
        spacing: bodySpacing,
        keepNext: true,
        indent: { firstLine: LAYOUT.indent },
        children: [run(s.heading, { font: FONTS.h1 })],
      }),
    );
    for (const b of s.blocks) children.push(...block(snap, b));
  }
  if (c.attachments.length) {
    children.push(empty());
    const list = c.attachments.length === 1 ? [c.attachments[0]] : c.attachments.map((a, i) => `${i + 1}.${a}`);
    list.forEach((a, i) => {
      children.push(
        new Paragraph({
          spacing: bodySpacing,
          indent: i === 0 ? { firstLine: LAYOUT.indent } : { left: LAYOUT.indent + pt(16 * 3) },
          children: [run(i === 0 ? `附件：${a}` : a, body)],
        }),
      );
    });
  }
  // 署名 centred over the date; the date 4 characters in from the right (GB/T 9704 7.3.5.1).
  const date = chineseDate(c.date);
  const dateIndent = 4;
  const sigIndent = Math.max(dateIndent, dateIndent + (charWidth(date) - charWidth(c.signature)) / 2);
  children.push(empty(), empty());
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      indent: { right: pt(16 * sigIndent) },
      children: [run(c.signature, body)],
    }),
  );
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      indent: { right: pt(16 * dateIndent) },
      children: [run(date, body)],
    }),
  );
  // 附注: one line below the date, indented two characters, in parentheses (GB/T 9704 7.3.6).
  if (c.note) {
    children.push(new Paragraph({ spacing: bodySpacing, indent: { firstLine: LAYOUT.indent }, children: [run(`（${c.note}）`, body)] }));
  }

  const ver = colophon(c);
  const page = {
    size: { width: LAYOUT.pageWidth, height: LAYOUT.pageHeight },
    margin: {
      top: LAYOUT.marginTop,
      left: LAYOUT.marginLeft,
      right: LAYOUT.marginRight,
      bottom: LAYOUT.marginBottom,
      footer: LAYOUT.footer,
      header: mm(15),
    },
  };
  // 22 lines in the 156 × 225 mm type area; 28 characters a line follow from 3号 type in 156 mm.
  // A line-only grid: a character grid (linesAndChars + charSpace) is read differently by Word and
  // LibreOffice — LibreOffice spread 16 pt text to 17 characters a line in our check.
  const grid = { type: DocumentGridType.LINES, linePitch: LAYOUT.line };
  const doc = new Document({
    title: c.title,
    creator: c.signature,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { size: LAYOUT.body, font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.body, cs: FONTS.latin } },
          paragraph: { spacing: bodySpacing },
        },
      },
    },
    sections: [
      {
        properties: {
          page,
          grid,
        },
        footers: { default: pageFooter(true), even: pageFooter(false) },
        children,
      },
      // 版记 on a page of its own, at the foot of the type area, without a page number (GB/T 9704 7.4, 7.5).
      ...(ver.length
        ? [
            {
              properties: { type: SectionType.NEXT_PAGE, verticalAlign: VerticalAlignSection.BOTTOM, page, grid },
              footers: { default: noFooter(), even: noFooter() },
              children: ver,
            },
          ]
        : []),
    ],
  });
  return Packer.toBuffer(doc);
}
