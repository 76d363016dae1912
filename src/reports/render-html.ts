/**
 * A web preview of a report. Each printed number is a link carrying `data-figure` (its key) and,
 * for one group of a group figure, `data-part`; the web app opens the number's source records from
 * those (GET /api/reports/:id/figures/:figure/sources). An appendix after the text lists every
 * figure the text uses by its Chinese name, with its value and how many records it comes from.
 * The page holds no script, so it can be shown in a sandboxed frame under a strict CSP; internal
 * figure keys and record ids appear only in attributes, never in the text a reader sees.
 */
import { getFigureDecl } from '../figures/define.ts';
import { chineseDate } from '../util/time.ts';
import { SOURCES_MSG } from './messages.ts';
import type { Block, FigureSnapshot, ReportContent, Run } from '../contract.ts';
import { columnShares, figureRefs, flatten, formatFigure, type Piece, resolveFigure } from './model.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const anchor = (key: string) => `fig-${key.replace(/[^a-zA-Z0-9_.-]/g, '_')}`;

/** Whose words a piece is: the officer's (marked until she confirms) or a negative statement awaiting confirmation. */
function marked(p: Piece, html: string): string {
  if (p.own)
    return `<span class="own${p.own.confirmed ? '' : ' open'}" data-own="${esc(p.own.id)}" title="${p.own.confirmed ? '专干撰写（已确认）' : '专干撰写，待确认'}">${html}</span>`;
  if (p.none) {
    const state = p.none.contradicted ? ' bad' : p.none.confirmed ? '' : ' open';
    const title = p.none.contradicted ? '与台账不符' : p.none.confirmed ? '已确认本年度确无' : '待确认：台账中没有记录';
    return `<span class="none${state}" data-none="${esc(p.none.key)}" title="${title}">${html}</span>`;
  }
  return html;
}

function piece(p: Piece): string {
  return marked(p, pieceHtml(p));
}

function pieceHtml(p: Piece): string {
  if (!p.fig) return esc(p.text);
  const cls = p.fig.missing ? 'fig missing' : 'fig';
  const part = p.fig.part ? ` data-part="${esc(p.fig.part)}"` : '';
  return `<a class="${cls}" href="#${anchor(p.fig.key)}" data-figure="${esc(p.fig.key)}"${part} title="${esc(p.fig.label)}（${esc(countText(p.fig.key, p.fig.sourceCount))}）">${esc(p.text)}</a>`;
}

const runs = (snap: FigureSnapshot, rs: Run[]) => flatten(snap, rs).map(piece).join('');

function block(snap: FigureSnapshot, b: Block, at: string): string {
  if (b.type === 'heading') return `<p class="h${b.level}" data-at="${at}">${esc(b.text)}</p>`;
  if (b.type === 'paragraph') {
    const lead = b.lead ? `<span class="h${b.lead.level}">${esc(b.lead.text)}</span>` : '';
    return `<p class="body" data-at="${at}">${lead}${runs(snap, b.runs)}</p>`;
  }
  const span = (c: { colSpan?: number; rowSpan?: number }) =>
    `${c.colSpan ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}`;
  const head = b.header.map((r) => `<tr>${r.map((c) => `<th${span(c)}>${esc(c.text)}</th>`).join('')}</tr>`).join('');
  const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td${span(c)}>${runs(snap, c.runs)}</td>`).join('')}</tr>`).join('');
  // The same column widths as the .docx (fixed layout), so the preview wraps labels where Word does.
  const cols = columnShares(b)
    .map((share) => `<col style="width:${(share * 100).toFixed(2)}%">`)
    .join('');
  const note = b.note ? `<p class="note">注：${esc(b.note)}</p>` : '';
  return `<p class="table-title" data-at="${at}">${esc(b.title)}</p><table><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>${rows}</tbody></table>${note}`;
}

const CSS = `
body{background:#f3f3f3;margin:0}
.page{width:210mm;min-height:297mm;box-sizing:border-box;padding:37mm 26mm 35mm 28mm;margin:16px auto;background:#fff;
  font-family:"仿宋_GB2312","FangSong",serif;font-size:16pt;line-height:28.9pt;color:#000}
.title{font-family:"方正小标宋简体","FZXiaoBiaoSong-B05S","SimSun",serif;font-size:22pt;line-height:35pt;text-align:center;margin:28.9pt 0}
.body,.h1,.h2,.h3,.h4{text-indent:2em;margin:0;text-align:justify}
.h1{font-family:"黑体","SimHei",sans-serif}.h2{font-family:"楷体_GB2312","KaiTi",serif}
p{margin:0}.sig{text-align:right;padding-right:4em}
.own{background:#e6f4ff}.own.open{background:#fff1b8;border-bottom:1px dashed #d48806}
.none.open{background:#fff1b8;border-bottom:1px dashed #d48806}.none.bad{background:#ffccc7;text-decoration:line-through}
.fig{color:#0645ad;text-decoration:none;border-bottom:1px dotted #0645ad}.fig.missing{color:#c00;border-bottom-color:#c00}
table{border-collapse:collapse;table-layout:fixed;width:100%;font-size:10.5pt;line-height:1.4}th,td{border:1px solid #000;padding:3pt 1mm;text-align:center}
.table-title{text-align:center;font-family:"黑体",sans-serif}.note{font-size:10.5pt;line-height:1.6}
.colophon{margin-top:28.9pt;border-top:2px solid #000;border-bottom:2px solid #000;font-size:14pt}
.colophon p{padding:0 1em}.colophon p+p{border-top:1px solid #000}
.sources{width:210mm;margin:16px auto;background:#fff;padding:8mm;box-sizing:border-box;font-size:10.5pt}
.sources-title{font-family:"黑体","SimHei",sans-serif;font-size:14pt}.sources .hint{color:#666}.sources .count{color:#0645ad}
@media (max-width:600px){.page,.sources{width:auto;min-height:0;margin:0 0 8px;padding:16px}}
`;

/** The value of a figure (or a group) as the appendix prints it: 3次, 95.5%, 无法计算. */
function valueText(snap: FigureSnapshot, key: string, part?: string): string {
  const r = resolveFigure(snap, key, part);
  if (!r.figure || r.value === null) return SOURCES_MSG.notComputable;
  return `${formatFigure(r, key)}${r.figure.unit === '%' ? '' : r.figure.unit}`;
}

/** 来源记录N条; a ratio's records are those of its two parts, printed as such. */
function countText(key: string, n: number | null): string {
  if (n !== null) return SOURCES_MSG.sourceCount(n);
  const d = getFigureDecl(key);
  return d?.kind === 'ratio'
    ? SOURCES_MSG.ratioSources(getFigureDecl(d.num)?.label ?? d.num, getFigureDecl(d.den)?.label ?? d.den)
    : SOURCES_MSG.sourceCount(0);
}

/** 来源记录N条, a link the app opens the records from (the enclosing item names the figure). */
function count(key: string, n: number | null): string {
  const text = esc(countText(key, n));
  return n !== 0 ? `<a class="count" href="#${anchor(key)}">${text}</a>` : text;
}

/**
 * 数字来源: the figures the text uses, in the order they first appear, each with its value and the
 * number of its source records (the records themselves are listed by the app, not printed here).
 */
function appendix(c: ReportContent, snap: FigureSnapshot, status: string): string {
  const refs = figureRefs(c);
  const items = refs
    .filter((k) => snap.values[k])
    .map((k) => {
      const f = snap.values[k];
      const groups = (f.breakdown ?? [])
        .map(
          (g) =>
            `<li data-figure="${esc(k)}" data-part="${esc(g.label)}">${esc(g.label)}：${esc(valueText(snap, k, g.label))}；${count(k, g.sourceCount)}</li>`,
        )
        .join('');
      return `<li id="${anchor(k)}" data-figure="${esc(k)}"><span class="label">${esc(f.label)}</span>：${esc(valueText(snap, k))}；${count(k, f.sourceCount)}${groups ? `<ul>${groups}</ul>` : ''}</li>`;
    })
    .join('');
  const undefinedCount = refs.filter((k) => !snap.values[k]).length;
  const gaps = undefinedCount ? `<p>${esc(SOURCES_MSG.undefinedCount(undefinedCount))}</p>` : '';
  return `<div class="sources"><p class="sources-title">${esc(SOURCES_MSG.appendixTitle)}</p><p>${esc(
    SOURCES_MSG.computed(status, snap.computedAt, snap.period.from, snap.period.to),
  )}</p><p class="hint">${esc(SOURCES_MSG.appendixHint)}</p><ol>${items}</ol>${gaps}</div>`;
}

export function renderHtml(c: ReportContent, snap: FigureSnapshot, meta: { status: string } = { status: 'draft' }): string {
  const parts: string[] = [];
  parts.push(`<div class="title">${esc(c.title)}</div>`);
  if (c.addressee) parts.push(`<p>${esc(c.addressee)}：</p>`);
  for (const [i, b] of c.preamble.entries()) parts.push(block(snap, b, `p:${i}`));
  for (const [si, s] of c.sections.entries()) {
    parts.push(`<p class="h1" data-section="${esc(s.key)}">${esc(s.heading)}</p>`);
    for (const [i, b] of s.blocks.entries()) parts.push(block(snap, b, `s:${si}:${i}`));
  }
  if (c.attachments.length)
    parts.push(
      `<p class="body">附件：${c.attachments.map((a, i) => esc(c.attachments.length > 1 ? `${i + 1}.${a}` : a)).join('<br>')}</p>`,
    );
  parts.push(`<p class="sig" style="margin-top:57.8pt">${esc(c.signature)}</p><p class="sig">${esc(chineseDate(c.date))}</p>`);
  if (c.note) parts.push(`<p class="body">（${esc(c.note)}）</p>`);
  if (c.copyTo.length || c.printer) {
    parts.push('<div class="colophon">');
    if (c.copyTo.length) parts.push(`<p>抄送：${esc(c.copyTo.join('，'))}。</p>`);
    if (c.printer) parts.push(`<p>${esc(c.printer.org)}<span style="float:right">${esc(chineseDate(c.printer.date))}印发</span></p>`);
    parts.push('</div>');
  }
  const status = SOURCES_MSG.status(meta.status);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(c.title)}</title><style>${CSS}</style></head><body>
<div class="page">${parts.join('\n')}</div>
${appendix(c, snap, status)}
</body></html>`;
}
