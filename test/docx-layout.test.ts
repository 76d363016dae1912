/**
 * The 政府信息公开工作年度报告 as a reader gets it: the .docx from the HTTP API, laid out by
 * LibreOffice into a PDF and read back page by page with poppler (`pdftotext -bbox-layout`, words
 * with their boxes). Checks what only a layout shows: no row of 表三 breaks across pages, the header
 * comes again on each page the table continues onto, and first-column labels stay on one or two
 * lines. Needs soffice and pdftotext (.ci/run installs them): without them it fails, it never skips.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { ReportContent, Run } from '../src/contract.ts';
import { type Client, client, serverSuite } from './helpers.ts';

const run = promisify(execFile);

/** What the layout check needs, each with the way to tell that it is there. */
const NEEDS = [
  {
    probe: 'command -v soffice',
    missing: 'soffice not found: install libreoffice-writer-nogui (as .ci/run does) to check the .docx layout',
  },
  { probe: 'command -v pdftotext', missing: 'pdftotext not found: install poppler-utils (as .ci/run does) to check the .docx layout' },
  // Without a CJK font LibreOffice sets Chinese in whatever it finds, and the line breaks mean nothing.
  { probe: 'fc-list :lang=zh family | grep -q .', missing: 'no Chinese font found: install fonts-noto-cjk (as .ci/run does)' },
] as const;

async function requireTools(): Promise<void> {
  for (const n of NEEDS) {
    try {
      await run('sh', ['-c', n.probe]);
    } catch {
      assert.fail(n.missing);
    }
  }
}

/** A word of `pdftotext -bbox-layout`, in points from the page's top left. */
type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };
type Page = { height: number; words: Word[] };

function pagesOf(xhtml: string): Page[] {
  const unxml = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return [...xhtml.matchAll(/<page [^>]*height="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)].map((p) => ({
    height: Number(p[1]),
    words: [...p[2].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: unxml(m[5]),
    })),
  }));
}

/** Words of one page on one printed line (same top within 2 pt), left to right, as one text. */
type Line = { text: string; yMin: number; yMax: number };
function linesOf(words: Word[]): Line[] {
  const out: Array<Line & { words: Word[] }> = [];
  for (const w of [...words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
    const last = out.at(-1);
    if (last && Math.abs(last.yMin - w.yMin) < 2) {
      last.words.push(w);
      last.yMax = Math.max(last.yMax, w.yMax);
    } else out.push({ text: '', yMin: w.yMin, yMax: w.yMax, words: [w] });
  }
  return out.map((l) => ({
    text: l.words
      .sort((a, b) => a.xMin - b.xMin)
      .map((w) => w.text)
      .join(''),
    yMin: l.yMin,
    yMax: l.yMax,
  }));
}

/** Where a cell's text stands whole on one page: that page and its lines. */
type Found = { page: number; lines: Line[] };
function findWhole(text: string, columnLines: Line[][]): Found[] {
  const found: Found[] = [];
  columnLines.forEach((lines, page) => {
    for (let i = 0; i < lines.length; i++) {
      let acc = '';
      for (let j = i; j < lines.length && acc.length < text.length; j++) {
        acc += lines[j].text;
        if (acc === text) found.push({ page, lines: lines.slice(i, j + 1) });
      }
    }
  });
  return found;
}

const textOf = (runs: Run[]) => runs.map((r) => ('t' in r ? r.t : '')).join('');
const NUMBER = /^(\d+|—)$/;

describe('disclosure report .docx laid out by LibreOffice', () => {
  const suite = serverSuite();
  let officer: Client;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-docx-'));
  before(async () => {
    officer = await client(suite.s.base, 'officer');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  let report: {
    id: string;
    content: ReportContent;
    figures: { values: Record<string, { value: number; breakdown?: Array<{ label: string; value: number }> }> };
  };

  it('counts requests carried in from last year, so 表三 adds up: 一 + 二 = 三（七） + 四 in every column', async () => {
    const post = async (data: Record<string, unknown>) => {
      const r = await officer.post('/api/ledgers/disclosure_request/records', { data });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    };
    const req = (applicantType: string, receivedOn: string, reply?: { on: string; outcome: string; reason?: string }, extra = {}) =>
      post({
        receivedOn,
        applicantType,
        channel: '互联网在线',
        content: `申请公开社会救助资金发放情况（${receivedOn}）`,
        ...(reply ? { repliedOn: reply.on, outcome: reply.outcome, ...(reply.reason ? { outcomeReason: reply.reason } : {}) } : {}),
        ...extra,
      });
    // Answered before 2025: not carried in.
    await req('自然人', '2023-11-01', { on: '2024-01-05', outcome: '予以公开' });
    await req('自然人', '2024-06-01', { on: '2024-06-20', outcome: '予以公开' });
    // Open on 1 January 2025: carried in; two answered in 2025, one still open at its end.
    await req('自然人', '2024-12-10', { on: '2025-01-08', outcome: '予以公开' });
    await req(
      '商业企业',
      '2024-12-20',
      { on: '2025-01-15', outcome: '无法提供', reason: '本机关不掌握相关政府信息' },
      { carriedOver: true },
    );
    await req('法律服务机构', '2024-12-28', undefined, { carriedOver: true });
    // Received in 2025.
    await req('自然人', '2025-02-10', { on: '2025-02-20', outcome: '予以公开' });
    await req('自然人', '2025-03-01', { on: '2025-03-10', outcome: '不予公开', reason: '属于国家秘密' });
    await req('自然人', '2025-03-05', { on: '2025-03-20', outcome: '部分公开' });
    await req('商业企业', '2025-04-01', { on: '2025-04-10', outcome: '部分公开' });
    await req('科研机构', '2025-05-06', { on: '2025-05-15', outcome: '无法提供', reason: '没有现成信息需要另行制作' });
    await req('社会公益组织', '2025-06-03', { on: '2025-06-10', outcome: '不予处理', reason: '重复申请' });
    await req('其他', '2025-07-01', { on: '2025-07-10', outcome: '其他处理', reason: '其他' });
    await req('自然人', '2025-08-01', { on: '2025-08-05', outcome: '不予处理', reason: '信访举报投诉类申请' });
    // Open at the end of 2025 (one answered in January 2026): carried to next year.
    await req('商业企业', '2025-12-20');
    await req('自然人', '2025-12-29', { on: '2026-01-06', outcome: '予以公开' }, { carriedOver: true });
    // Received in 2026: not in the 2025 report at all.
    await req('自然人', '2026-01-10', { on: '2026-01-20', outcome: '予以公开' });

    const r = await officer.post('/api/reports', { kind: 'disclosure-report', year: 2025 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    report = r.body;
    const v = report.figures.values;
    const columns = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
    const byColumn = (key: string) => {
      assert.ok(v[key], `figure ${key} is defined`);
      const parts = columns.map((c) => v[key].breakdown?.find((g) => g.label === c)?.value ?? 0);
      return [...parts, v[key].value];
    };
    const fresh = byColumn('report.disclosure_new');
    const carriedIn = byColumn('report.disclosure_carried_in');
    const handled = byColumn('report.disclosure_handled');
    const carryNext = byColumn('report.disclosure_carry_next');
    assert.deepEqual(fresh, [5, 2, 1, 1, 0, 1, 10]);
    assert.deepEqual(carriedIn, [1, 1, 0, 0, 1, 0, 3]);
    assert.deepEqual(handled, [5, 2, 1, 1, 0, 1, 10], 'answered in 2025, whenever received');
    assert.deepEqual(carryNext, [1, 1, 0, 0, 1, 0, 3], 'open at the end of 2025, flagged or not');
    assert.deepEqual(
      fresh.map((x, i) => x + carriedIn[i]),
      handled.map((x, i) => x + carryNext[i]),
      '一 + 二 = 三（七） + 四',
    );
    const outcomes = [0, 1, 2, 3, 4, 5].map((i) => v[`report.disclosure_outcome_${i}`].value);
    assert.equal(
      outcomes.reduce((a, b) => a + b, 0),
      v['report.disclosure_handled'].value,
      '（一）…（六） add up to （七）',
    );
  });

  it('declares column widths on the grid and the cells, fixed layout, unsplittable rows and repeated headers', async () => {
    const res = await officer.raw(`/api/reports/${report.id}/docx`);
    assert.equal(res.status, 200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const doc = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const tables = [...doc.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]);
    assert.equal(tables.length, 5, 'tables 二 (3 parts), 三, 四');
    for (const t of tables) {
      assert.match(t, /<w:tblLayout w:type="fixed"\/>/);
      const grid = [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      assert.equal(
        grid.reduce((a, b) => a + b, 0),
        8845,
        'the grid fills the 156 mm type area',
      );
      const rows = [...t.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
      for (const r of rows) assert.match(r, /<w:trPr>[\s\S]*?<w:cantSplit\/>/, 'no row breaks across pages');
      for (const tc of t.match(/<w:tc>[\s\S]*?<\/w:tcPr>/g) ?? []) assert.match(tc, /<w:tcW w:type="dxa" w:w="\d+"\/>/);
    }
    const t3 = tables.find((t) => t.includes('本列数据的勾稽关系'));
    assert.ok(t3);
    const grid = [...t3.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    assert.equal(grid.length, 8);
    assert.ok(grid[0] >= (70 / 25.4) * 1440, `the labels column is at least 70 mm wide, got ${grid[0]} twips`);
    assert.equal(new Set(grid.slice(1)).size, 1, 'the number columns are equal');
    const rows = [...t3.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    assert.deepEqual(
      rows.map((r) => /<w:tblHeader\/>/.test(r)),
      rows.map((_, i) => i < 3),
      'the three header rows repeat on each page',
    );
    // The label cells are as wide as the labels column.
    assert.match(rows[3], new RegExp(`<w:tcW w:type="dxa" w:w="${grid[0]}"/>`));

    const html = await (await officer.raw(`/api/reports/${report.id}/html`)).text();
    assert.match(html, /table-layout:fixed/);
    assert.match(
      html,
      /<colgroup><col style="width:50\.00%">(<col style="width:7\.14%">){7}<\/colgroup>/,
      'the preview has the same widths',
    );
  });

  it('prints 表三 with whole rows, the header on every page, and labels on at most two lines', async () => {
    await requireTools();
    assert.ok(report, 'the report of the previous test');
    const res = await officer.raw(`/api/reports/${report.id}/docx`);
    assert.equal(res.status, 200);
    const docx = path.join(tmp, 'report.docx');
    fs.writeFileSync(docx, Buffer.from(await res.arrayBuffer()));
    // A private profile, so parallel runs (and a desktop LibreOffice) do not share one.
    const profile = `-env:UserInstallation=file://${path.join(tmp, 'profile')}`;
    await run('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { timeout: 120_000 });
    const pdf = path.join(tmp, 'report.pdf');
    assert.ok(fs.existsSync(pdf), 'LibreOffice wrote the PDF');
    const { stdout } = await run('pdftotext', ['-bbox-layout', pdf, '-'], { maxBuffer: 64 << 20 });
    const pages = pagesOf(stdout);
    assert.ok(pages.length > 1);

    const table = report.content.sections
      .flatMap((s) => s.blocks)
      .find((b) => b.type === 'table' && b.title === '收到和处理政府信息公开申请情况');
    assert.ok(table && table.type === 'table');
    const corner = table.header[0][0].text;
    const labels = table.rows.filter((r) => r.length > 1).map((r) => textOf(r[0].runs));
    const spanning = table.rows.filter((r) => r.length === 1).map((r) => textOf(r[0].runs));
    assert.ok(labels.includes('1.属于国家秘密') && labels.includes('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'));

    // 表三's words: from its title to the next section's heading, above the footer (page numbers).
    const typeBottom = (p: Page) => p.height - (35 / 25.4) * 72;
    const at = (pred: (w: Word) => boolean) => {
      for (const [i, p] of pages.entries()) {
        const w = p.words.find(pred);
        if (w) return { page: i, y: w.yMin };
      }
      return assert.fail('text not found in the PDF');
    };
    const start = at((w) => w.text === table.title);
    const end = at((w) => w.text.startsWith('四、政府信息公开行政复议'));
    const inTable = pages.map((p, i) =>
      p.words.filter(
        (w) =>
          w.yMax < typeBottom(p) &&
          (i > start.page || (i === start.page && w.yMin > start.y)) &&
          (i < end.page || (i === end.page && w.yMin < end.y)),
      ),
    );
    // The first column ends before the leftmost number of the table.
    const firstNumber = Math.min(
      ...inTable
        .flat()
        .filter((w) => NUMBER.test(w.text))
        .map((w) => w.xMin),
    );
    const column = inTable.map((ws) => linesOf(ws.filter((w) => w.xMax < firstNumber && !NUMBER.test(w.text))));

    const problems: string[] = [];
    const rowPages = new Set<number>();
    const topLabel = new Map<number, number>();
    for (const label of labels) {
      const found = findWhole(label, column);
      if (!found.length) {
        problems.push(`“${label}” is not whole on any page (row split across pages, or the label cut off)`);
        continue;
      }
      const f = found[0];
      if (f.lines.length > 2) problems.push(`“${label}” takes ${f.lines.length} lines (at most 2)`);
      if (label === '1.属于国家秘密' && f.lines.length !== 1) problems.push(`“${label}” is not on one line`);
      // The row's numbers stand beside its label on the same page.
      const top = f.lines[0].yMin - 3;
      const bottom = (f.lines.at(-1)?.yMax ?? 0) + 3;
      const numbers = inTable[f.page].filter((w) => NUMBER.test(w.text) && (w.yMin + w.yMax) / 2 > top && (w.yMin + w.yMax) / 2 < bottom);
      if (numbers.length !== 7)
        problems.push(`the row of “${label}” has ${numbers.length} numbers beside it on page ${f.page + 1} (7 expected)`);
      rowPages.add(f.page);
      topLabel.set(f.page, Math.min(topLabel.get(f.page) ?? Number.POSITIVE_INFINITY, f.lines[0].yMin));
      if (label.startsWith('二、上年结转')) {
        const printed = numbers.sort((a, b) => a.xMin - b.xMin).map((w) => w.text);
        if (printed.join(' ') !== '1 1 0 0 1 0 3')
          problems.push(`“${label}” printed as ${printed.join(' ')}, the ledger gives 1 1 0 0 1 0 3`);
      }
    }
    for (const s of spanning) if (!inTable.flat().some((w) => w.text === s)) problems.push(`“${s}” is not printed whole on one line`);

    // The table continues onto later pages (else this checks nothing); each of them starts with the header.
    const sorted = [...rowPages].sort((a, b) => a - b);
    assert.ok(sorted.length >= 2, `表三 should run over at least two pages in this report, got pages ${sorted.map((p) => p + 1)}`);
    for (const page of sorted) {
      const top = topLabel.get(page) ?? 0;
      for (const h of ['申请人情况', '法人或其他组织', '总计']) {
        if (!inTable[page].some((w) => w.text === h && w.yMax < top)) problems.push(`the header on page ${page + 1} lacks “${h}”`);
      }
      const cornerHere = findWhole(
        corner,
        [column[page]].map((ls) => ls.filter((l) => l.yMax < top)),
      );
      if (!cornerHere.length) problems.push(`the header's first cell on page ${page + 1} is not whole`);
      else if (cornerHere[0].lines.length > 2)
        problems.push(`the header's first cell takes ${cornerHere[0].lines.length} lines on page ${page + 1}`);
    }
    assert.deepEqual(problems, []);
  });
});
