/**
 * A web preview of a report. Each printed number is a link carrying `data-figure` (its key) and
 * `data-sources` (the ids of the records that make it up); the list of figures and their source
 * records follows the text, so a reader can trace every number.
 */
import { chineseDate } from '../util/time.ts';
import { type Block, type FigureSnapshot, flatten, type Piece, type ReportContent, type Run } from './model.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const anchor = (key: string) => `fig-${key.replace(/[^a-zA-Z0-9_.-]/g, '_')}`;

function piece(p: Piece): string {
  if (!p.fig) return esc(p.text);
  const cls = p.fig.missing ? 'fig missing' : 'fig';
  const part = p.fig.part ? ` data-part="${esc(p.fig.part)}"` : '';
  return `<a class="${cls}" href="#${anchor(p.fig.key)}" data-figure="${esc(p.fig.key)}"${part} data-sources="${esc(p.fig.sources.join(','))}" title="${esc(p.fig.label)}（来源记录${p.fig.sources.length}条）">${esc(p.text)}</a>`;
}

const runs = (snap: FigureSnapshot, rs: Run[]) => flatten(snap, rs).map(piece).join('');

function block(snap: FigureSnapshot, b: Block): string {
  if (b.type === 'heading') return `<p class="h${b.level}">${esc(b.text)}</p>`;
  if (b.type === 'paragraph') {
    const lead = b.lead ? `<span class="h${b.lead.level}">${esc(b.lead.text)}</span>` : '';
    return `<p class="body">${lead}${runs(snap, b.runs)}</p>`;
  }
  const span = (c: { colSpan?: number; rowSpan?: number }) =>
    `${c.colSpan ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}`;
  const head = b.header.map((r) => `<tr>${r.map((c) => `<th${span(c)}>${esc(c.text)}</th>`).join('')}</tr>`).join('');
  const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td${span(c)}>${runs(snap, c.runs)}</td>`).join('')}</tr>`).join('');
  const note = b.note ? `<p class="note">注：${esc(b.note)}</p>` : '';
  return `<p class="table-title">${esc(b.title)}</p><table><thead>${head}</thead><tbody>${rows}</tbody></table>${note}`;
}

const CSS = `
body{background:#f3f3f3;margin:0}
.page{width:210mm;min-height:297mm;box-sizing:border-box;padding:37mm 26mm 35mm 28mm;margin:16px auto;background:#fff;
  font-family:"仿宋_GB2312","FangSong",serif;font-size:16pt;line-height:28.9pt;color:#000}
.title{font-family:"方正小标宋简体","FZXiaoBiaoSong-B05S","SimSun",serif;font-size:22pt;line-height:35pt;text-align:center;margin:28.9pt 0}
.body,.h1,.h2,.h3,.h4{text-indent:2em;margin:0;text-align:justify}
.h1{font-family:"黑体","SimHei",sans-serif}.h2{font-family:"楷体_GB2312","KaiTi",serif}
p{margin:0}.sig{text-align:right;padding-right:4em}
.fig{color:#0645ad;text-decoration:none;border-bottom:1px dotted #0645ad}.fig.missing{color:#c00;border-bottom-color:#c00}
table{border-collapse:collapse;width:100%;font-size:10.5pt;line-height:1.4}th,td{border:1px solid #000;padding:2px 4px;text-align:center}
.table-title{text-align:center;font-family:"黑体",sans-serif}.note{font-size:10.5pt;line-height:1.6}
.colophon{margin-top:28.9pt;border-top:2px solid #000;border-bottom:2px solid #000;font-size:14pt}
.colophon p{padding:0 1em}.colophon p+p{border-top:1px solid #000}
.sources{width:210mm;margin:16px auto;background:#fff;padding:8mm;box-sizing:border-box;font-size:10.5pt}
`;

export function renderHtml(c: ReportContent, snap: FigureSnapshot, meta: { status: string } = { status: 'draft' }): string {
  const parts: string[] = [];
  parts.push(`<div class="title">${esc(c.title)}</div>`);
  if (c.addressee) parts.push(`<p>${esc(c.addressee)}：</p>`);
  for (const b of c.preamble) parts.push(block(snap, b));
  for (const s of c.sections) {
    parts.push(`<p class="h1" data-section="${esc(s.key)}">${esc(s.heading)}</p>`);
    for (const b of s.blocks) parts.push(block(snap, b));
  }
  if (c.attachments.length)
    parts.push(
      `<p class="body">附件：${c.attachments.map((a, i) => esc(c.attachments.length > 1 ? `${i + 1}.${a}` : a)).join('<br>')}</p>`,
    );
  parts.push(`<p class="sig" style="margin-top:57.8pt">${esc(c.signature)}</p><p class="sig">${esc(chineseDate(c.date))}</p>`);
  if (c.copyTo.length || c.printer) {
    parts.push('<div class="colophon">');
    if (c.copyTo.length) parts.push(`<p>抄送：${esc(c.copyTo.join('，'))}。</p>`);
    if (c.printer) parts.push(`<p>${esc(c.printer.org)}<span style="float:right">${esc(chineseDate(c.printer.date))}印发</span></p>`);
    parts.push('</div>');
  }
  const figs = Object.values(snap.values)
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(
      (f) =>
        `<li id="${anchor(f.key)}" data-figure="${esc(f.key)}">${esc(f.label)}（${esc(f.key)}）：${f.value === null ? '无法计算' : esc(String(f.value))}${esc(f.unit === '%' ? '%' : f.unit)}；来源记录：${f.sources.map((s) => `<a href="/records/${esc(s)}" data-record="${esc(s)}">${esc(s.slice(0, 8))}</a>`).join('、') || '无'}</li>`,
    )
    .join('');
  const status = meta.status === 'final' ? '已定稿（数据已冻结）' : meta.status === 'superseded' ? '已被取代（数据已冻结）' : '草稿';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(c.title)}</title><style>${CSS}</style></head><body>
<div class="page">${parts.join('\n')}</div>
<div class="sources"><p>状态：${status}；数据计算时间：${esc(snap.computedAt)}；统计期间：${esc(snap.period.from)}至${esc(snap.period.to)}</p><ol>${figs}</ol></div>
</body></html>`;
}
