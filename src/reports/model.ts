/**
 * The report document model, stored as JSON in report_draft.content. Text never holds a computed
 * number: numbers are figure references ({fig}) resolved against the draft's figure snapshot, so
 * every printed number can be traced to the records that make it up.
 */
import { z } from 'zod';
import type { Confirmation, Figure, NoneRun, OwnRun, WhenRun, Run, Block, ReportContent, FigureSnapshot } from '../contract.ts';

const textRunSchema = z.object({ t: z.string().max(20000) }).strict();
const figRunSchema = z.object({ fig: z.string().min(1).max(100), part: z.string().max(200).optional() }).strict();
const confirmationSchema = z.object({ by: z.string().max(100), name: z.string().max(100), at: z.string().max(40) }).strict();
const runSchema: z.ZodType<Run> = z.lazy(() =>
  z.union([
    textRunSchema,
    figRunSchema,
    z
      .object({
        own: z.string().min(1).max(100),
        runs: z.array(z.union([textRunSchema, figRunSchema])).max(500),
        hint: z.string().max(500).optional(),
        ok: confirmationSchema.optional(),
      })
      .strict(),
    z
      .object({
        none: z.string().min(1).max(100),
        part: z.string().max(200).optional(),
        text: z.string().max(2000),
        ok: confirmationSchema.optional(),
      })
      .strict(),
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
    note: z.string().max(500, '附注过长').optional(),
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
      else if ('none' in r) out.add(r.none);
      else if ('own' in r) walk(r.runs);
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

/** A number of a report: its value, its figure, and how many records it is computed from (null: a ratio's are its parts'). */
export type Resolved = { value: number | null; figure: Figure | null; sourceCount: number | null };

/** The value of a figure (or one group of it) in a snapshot; null figure = not defined. */
export function resolveFigure(snap: FigureSnapshot, key: string, part?: string): Resolved {
  const f = snap.values[key];
  if (!f) return { value: null, figure: null, sourceCount: 0 };
  if (part === undefined) return { value: f.value, figure: f, sourceCount: f.sourceCount };
  // A part names one group, or several separated by '|' that add up (表四: 撤销|确认违法|败诉).
  const names = part.split('|');
  const groups = (f.breakdown ?? []).filter((g) => names.includes(g.label));
  return {
    value: groups.reduce((s, g) => s + g.value, 0),
    figure: f,
    sourceCount: groups.reduce((s, g) => s + g.sourceCount, 0),
  };
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

/** A flattened run ready to print: plain text, or a number with its provenance, and whose words it is. */
export type Piece = {
  text: string;
  fig?: { key: string; part?: string; sourceCount: number | null; label: string; missing: boolean; value: number | null };
  /** Part of the officer's own words (`confirmed` once she confirmed them). */
  own?: { id: string; confirmed: boolean };
  /** A negative statement: `confirmed` by a person; `contradicted` when its figure is not 0. */
  none?: { key: string; confirmed: boolean; contradicted: boolean };
};

/** Whether a piece still waits for a person: officer words or a negative statement not yet confirmed. */
export const pending = (p: Piece): boolean =>
  (p.own !== undefined && !p.own.confirmed) || (p.none !== undefined && (!p.none.confirmed || p.none.contradicted));

/** The key a negative statement is confirmed under: the figure, and the group when it names one. */
export const noneId = (r: Pick<NoneRun, 'none' | 'part'>): string => (r.part === undefined ? r.none : `${r.none}|${r.part}`);

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
          sourceCount: res.sourceCount,
          label: res.figure?.label ?? r.fig,
          missing: res.figure === null || res.value === null,
          value: res.value,
        },
      });
    } else if ('own' in r) {
      const own = { id: r.own, confirmed: r.ok !== undefined };
      for (const p of flatten(snap, r.runs)) out.push({ ...p, own });
    } else if ('none' in r) {
      const v = resolveFigure(snap, r.none, r.part).value;
      out.push({ text: r.text, none: { key: noneId(r), confirmed: r.ok !== undefined, contradicted: v !== 0 } });
    } else out.push(...flatten(snap, whenBranch(snap, r)));
  }
  return out;
}

export function plainText(snap: FigureSnapshot, rs: Run[]): string {
  return flatten(snap, rs)
    .map((p) => p.text)
    .join('');
}

/**
 * Every run of a content, at any depth, with the path of the block it sits in ('p:0', 's:2:3'). Given
 * a snapshot, only the branches that print are walked (a negative in an unprinted branch is no claim).
 */
export function* walkRuns(c: ReportContent, snap?: FigureSnapshot): Generator<{ at: string; run: Run }> {
  function* inRuns(at: string, rs: Run[]): Generator<{ at: string; run: Run }> {
    for (const r of rs) {
      yield { at, run: r };
      if ('own' in r) yield* inRuns(at, r.runs);
      else if ('when' in r) {
        if (snap) yield* inRuns(at, whenBranch(snap, r));
        else {
          yield* inRuns(at, r.some);
          yield* inRuns(at, r.zero);
        }
      }
    }
  }
  const blocks = (prefix: string, bs: Block[]) => bs.map((b, i) => ({ at: `${prefix}:${i}`, b }));
  const all = [...blocks('p', c.preamble), ...c.sections.flatMap((s, si) => blocks(`s:${si}`, s.blocks))];
  for (const { at, b } of all) {
    if (b.type === 'paragraph') yield* inRuns(at, b.runs);
    else if (b.type === 'table') for (const row of b.rows) for (const cell of row) yield* inRuns(at, cell.runs);
  }
}

/** Maps the runs of a content (at any depth), keeping the block structure. */
export function mapRuns(c: ReportContent, fn: (r: Run) => Run): ReportContent {
  const map = (rs: Run[]): Run[] =>
    rs.map((r) => {
      const m = fn(r);
      if ('when' in m) return { ...m, some: map(m.some), zero: map(m.zero) };
      return m;
    });
  const blocks = (bs: Block[]): Block[] =>
    bs.map((b) => {
      if (b.type === 'paragraph') return { ...b, runs: map(b.runs) };
      if (b.type === 'table') return { ...b, rows: b.rows.map((row) => row.map((cell) => ({ ...cell, runs: map(cell.runs) }))) };
      return b;
    });
  return { ...c, preamble: blocks(c.preamble), sections: c.sections.map((s) => ({ ...s, blocks: blocks(s.blocks) })) };
}

/**
 * A negative statement is the same one only with the same figure and the same words: the id a person
 * confirms it under, so two sentences on one figure are confirmed one by one.
 */
export const noneKey = (r: Pick<NoneRun, 'none' | 'part' | 'text'>): string => `${noneId(r)}::${r.text}`;

const sameRuns = (a: ReadonlyArray<Run>, b: ReadonlyArray<Run>) => JSON.stringify(a) === JSON.stringify(b);

function ownAndNone(c: ReportContent): { own: Map<string, OwnRun>; none: Map<string, NoneRun> } {
  const own = new Map<string, OwnRun>();
  const none = new Map<string, NoneRun>();
  for (const { run } of walkRuns(c)) {
    if ('own' in run) own.set(run.own, run);
    else if ('none' in run) none.set(noneKey(run), run);
  }
  return { own, none };
}

/**
 * Confirmations are the server's to set: content sent by the editor keeps a confirmation only where the
 * confirmed words are unchanged (an edited sentence is hers again, but unconfirmed).
 */
export function keepConfirmations(stored: ReportContent, sent: ReportContent): ReportContent {
  const before = ownAndNone(stored);
  return mapRuns(sent, (r) => {
    if ('own' in r) {
      const was = before.own.get(r.own);
      const { ok: _drop, ...rest } = r;
      return was?.ok && sameRuns(was.runs, r.runs) ? { ...rest, ok: was.ok } : rest;
    }
    if ('none' in r) {
      const was = before.none.get(noneKey(r));
      const { ok: _drop, ...rest } = r;
      return was?.ok ? { ...rest, ok: was.ok } : rest;
    }
    return r;
  });
}

/**
 * Regenerating from the template keeps what people did: the officer's words for the same slot (with
 * their confirmation) and the confirmation of the same negative statement.
 */
export function carryOver(previous: ReportContent, fresh: ReportContent): ReportContent {
  const before = ownAndNone(previous);
  return mapRuns(fresh, (r) => {
    if ('own' in r) {
      const was = before.own.get(r.own);
      return was ? { ...r, runs: was.runs, ...(was.ok ? { ok: was.ok } : {}) } : r;
    }
    if ('none' in r) {
      const was = before.none.get(noneKey(r));
      return was?.ok ? { ...r, ok: was.ok } : r;
    }
    return r;
  });
}

/** Sets `ok` on the named officer sentences and negative statements (ids as the check gives them). */
export function confirmRuns(c: ReportContent, ids: { own: readonly string[]; none: readonly string[] }, ok: Confirmation): ReportContent {
  const own = new Set(ids.own);
  const none = new Set(ids.none);
  return mapRuns(c, (r) => {
    if ('own' in r && own.has(r.own)) return { ...r, ok };
    if ('none' in r && none.has(noneKey(r))) return { ...r, ok };
    return r;
  });
}

/** A block as the records made it: her words and every confirmation left out. */
function skeleton(b: Block): string {
  const strip = (rs: Run[]): unknown[] =>
    rs.map((r) => {
      if ('own' in r) return { own: r.own };
      if ('none' in r) return { none: r.none, part: r.part, text: r.text };
      if ('when' in r) return { ...r, some: strip(r.some), zero: strip(r.zero) };
      return r;
    });
  if (b.type === 'paragraph') return JSON.stringify({ ...b, runs: strip(b.runs) });
  if (b.type === 'table') return JSON.stringify({ ...b, rows: b.rows.map((row) => row.map((c) => ({ ...c, runs: strip(c.runs) }))) });
  return JSON.stringify(b);
}

/** A paragraph of her words only (a rewritten or an added one). */
const ownOnly = (b: Block): boolean => b.type === 'paragraph' && b.runs.length > 0 && b.runs.every((r) => 'own' in r);

/**
 * What an edit may change: the words inside her own runs, a paragraph replaced by (or a paragraph
 * added as) her own words, and the 公文 elements around the text. What the records made — computed
 * sentences, figures, conditions, tables, negatives, section structure — stays as stored, so no one
 * can type a claim past the check. Returns where the edit went further, or null.
 */
export function editOutsideOwnWords(stored: ReportContent, sent: ReportContent): string | null {
  const sameBlocks = (before: Block[], after: Block[]): boolean => {
    const kept = before.map(skeleton);
    let i = 0;
    for (const b of after) {
      if (ownOnly(b)) continue;
      const s = skeleton(b);
      while (i < kept.length && kept[i] !== s) i++;
      if (i === kept.length) return false;
      i++;
    }
    return true;
  };
  if (!sameBlocks(stored.preamble, sent.preamble)) return 'preamble';
  if (stored.sections.length !== sent.sections.length) return 'sections';
  for (const [i, s] of sent.sections.entries()) {
    const was = stored.sections[i];
    if (s.key !== was.key || s.heading !== was.heading || !sameBlocks(was.blocks, s.blocks)) return s.heading;
  }
  return null;
}
