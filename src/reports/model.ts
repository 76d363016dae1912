/**
 * The report document model, stored as JSON in report_draft.content. Text never holds a computed
 * number: numbers are figure references ({fig}) resolved against the draft's figure snapshot, so
 * every printed number can be traced to the records that make it up.
 */
import { z } from 'zod';
import type {
  Figure,
  TextRun,
  FigRun,
  WhenRun,
  Run,
  HeadingLevel,
  Cell,
  HeaderCell,
  Block,
  Section,
  ReportContent,
  FigureSnapshot,
} from '../contract.ts';

export type { TextRun, FigRun, WhenRun, Run, HeadingLevel, Cell, HeaderCell, Block, Section, ReportContent, FigureSnapshot };

const runSchema: z.ZodType<Run> = z.lazy(() =>
  z.union([
    z.object({ t: z.string().max(20000) }).strict(),
    z.object({ fig: z.string().min(1).max(100), part: z.string().max(200).optional() }).strict(),
    z
      .object({
        when: z.string().min(1).max(100),
        part: z.string().max(200).optional(),
        some: z.array(runSchema).max(200),
        zero: z.array(runSchema).max(200),
      })
      .strict(),
  ]),
);
const runs = z.array(runSchema).max(2000);
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const blockSchema: z.ZodType<Block> = z.union([
  z.object({ type: z.literal('heading'), level, text: z.string().max(500) }).strict(),
  z
    .object({
      type: z.literal('paragraph'),
      lead: z
        .object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]), text: z.string().max(500) })
        .strict()
        .optional(),
      runs,
    })
    .strict(),
  z
    .object({
      type: z.literal('table'),
      title: z.string().max(200),
      header: z
        .array(
          z.array(
            z
              .object({
                text: z.string().max(200),
                colSpan: z.number().int().min(1).max(30).optional(),
                rowSpan: z.number().int().min(1).max(30).optional(),
              })
              .strict(),
          ),
        )
        .max(5),
      rows: z
        .array(
          z
            .array(
              z
                .object({ runs, colSpan: z.number().int().min(1).max(30).optional(), rowSpan: z.number().int().min(1).max(30).optional() })
                .strict(),
            )
            .max(30),
        )
        .max(200),
      note: z.string().max(2000).optional(),
      widths: z.array(z.number().positive().max(100)).max(30).optional(),
    })
    .strict(),
]);

/** Validates content sent by the editor (PUT /reports/:id). */
export const contentSchema: z.ZodType<ReportContent> = z
  .object({
    title: z.string({ error: '请填写标题' }).max(200, '标题过长'),
    addressee: z.string().max(200),
    preamble: z.array(blockSchema).max(50),
    sections: z
      .array(z.object({ key: z.string().max(60), heading: z.string().max(500), blocks: z.array(blockSchema).max(500) }).strict())
      .max(30),
    attachments: z.array(z.string().max(200)).max(20),
    signature: z.string().max(200),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '成文日期格式应为YYYY-MM-DD'),
    copyTo: z.array(z.string().max(100)).max(50),
    printer: z
      .object({ org: z.string().max(100), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '印发日期格式应为YYYY-MM-DD') })
      .strict()
      .nullable(),
    secrecyReviewed: z.boolean(),
  })
  .strict();

/** Every figure key a content references (for refresh and checks). */
export function figureRefs(c: ReportContent): string[] {
  const out = new Set<string>();
  const walk = (rs: Run[]) => {
    for (const r of rs) {
      if ('fig' in r) out.add(r.fig);
      else if ('when' in r) {
        out.add(r.when);
        walk(r.some);
        walk(r.zero);
      }
    }
  };
  for (const b of allBlocks(c)) {
    if (b.type === 'paragraph') walk(b.runs);
    else if (b.type === 'table') for (const row of b.rows) for (const cell of row) walk(cell.runs);
  }
  return [...out];
}

/**
 * The share of the table's width each grid column takes (adding up to 1): the declared `widths`
 * when there is one per column, else equal. The grid has as many columns as the widest row spans.
 */
export function columnShares(b: Extract<Block, { type: 'table' }>): number[] {
  const span = (r: ReadonlyArray<{ colSpan?: number }>) => r.reduce((s, c) => s + (c.colSpan ?? 1), 0);
  const count = Math.max(1, ...b.header.map(span), ...b.rows.map(span));
  const weights = b.widths?.length === count ? b.widths : Array<number>(count).fill(1);
  const total = weights.reduce((s, x) => s + x, 0);
  return weights.map((x) => x / total);
}

export function allBlocks(c: ReportContent): Block[] {
  return [...c.preamble, ...c.sections.flatMap((s) => s.blocks)];
}

export type Resolved = { value: number | null; figure: Figure | null; sources: string[] };

/** The value of a figure (or one group of it) in a snapshot; null figure = not defined. */
export function resolveFigure(snap: FigureSnapshot, key: string, part?: string): Resolved {
  const f = snap.values[key];
  if (!f) return { value: null, figure: null, sources: [] };
  if (part === undefined) return { value: f.value, figure: f, sources: f.sources };
  // A part names one group, or several separated by '|' that add up (表四: 撤销|确认违法|败诉).
  const names = part.split('|');
  const groups = (f.breakdown ?? []).filter((g) => names.includes(g.label));
  return { value: groups.reduce((s, g) => s + g.value, 0), figure: f, sources: groups.flatMap((g) => g.sources) };
}

/** How a resolved number prints: 12, 95.5%, and a visible marker when the number is unknown. */
export function formatFigure(r: Resolved, key: string): string {
  if (!r.figure) return `〔缺数：${key}〕`;
  if (r.value === null) return `〔缺数：${r.figure.label}〕`;
  const v = Number.isInteger(r.value) ? String(r.value) : String(Math.round(r.value * 10) / 10);
  return r.figure.unit === '%' ? `${v}%` : v;
}

/** Picks the branch of a WhenRun: unknown values take `some`, so the gap shows and is checked. */
export function whenBranch(snap: FigureSnapshot, r: WhenRun): Run[] {
  const v = resolveFigure(snap, r.when, r.part).value;
  return v === 0 ? r.zero : r.some;
}

/** A flattened run ready to print: plain text, or a number with its provenance. */
export type Piece = {
  text: string;
  fig?: { key: string; part?: string; sources: string[]; label: string; missing: boolean; value: number | null };
};

export function flatten(snap: FigureSnapshot, rs: Run[]): Piece[] {
  const out: Piece[] = [];
  for (const r of rs) {
    if ('t' in r) out.push({ text: r.t });
    else if ('fig' in r) {
      const res = resolveFigure(snap, r.fig, r.part);
      out.push({
        text: formatFigure(res, r.fig),
        fig: {
          key: r.fig,
          part: r.part,
          sources: res.sources,
          label: res.figure?.label ?? r.fig,
          missing: res.figure === null || res.value === null,
          value: res.value,
        },
      });
    } else out.push(...flatten(snap, whenBranch(snap, r)));
  }
  return out;
}

export function plainText(snap: FigureSnapshot, rs: Run[]): string {
  return flatten(snap, rs)
    .map((p) => p.text)
    .join('');
}
