/**
 * Paragraph editor of a report draft. What the records make true (computed sentences, figures,
 * wording chosen by a figure) is shown but not typed over; the officer writes only her own parts
 * (专干撰写), each in its own box, where figures are 【n·指标名：值】 tokens that stay computed. "改写本段"
 * turns a whole paragraph into her words (its numbers stay figures); "添加段落" adds one. Her words
 * print marked as hers until she confirms them in the check. A paragraph that states a negative
 * ("未发生…") is not offered for rewriting: as her words it would escape the check that confirms it.
 * Branches and numbers are picked from the draft's snapshot as the server does (model.ts
 * resolveFigure, whenBranch, formatFigure); that module is not imported because it brings zod along.
 */
import { EditOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import type { Block, FigRun, OwnRun, ReportContent, Run, TextRun } from '../api.ts';

/**
 * A figure as the editor knows it: from the draft's snapshot, with `parts` the values of its groups
 * (breakdown) by name; or, for a figure the snapshot lacks, only its catalog label (`parts` null, so
 * every value of it is unknown, as on the server).
 */
export type FigureInfo = { label: string; value: number | null; unit: string; parts: Record<string, number> | null };
type Figs = (key: string) => FigureInfo | undefined;
type OwnPart = TextRun | FigRun;

const MSG = {
  intro:
    '由台账计算的句子不能直接改写，以保证报告所述与台账一致。“专干撰写”框中的内容由您撰写，【】中的数字随台账自动计算；需要改动整段时，点“改写本段”，改写后的段落作为专干撰写内容，在检查中确认后定稿。',
  meta: '公文要素',
  own: '专干撰写',
  ownBox: '专干撰写内容',
  confirmed: '已确认',
  waiting: '待确认',
  rewrite: '改写本段',
  rewritten: '改写的段落',
  added: '新增段落',
  add: '在本部分末尾添加段落',
  noRewrite: '本段含需确认的“未发生/尚无”表述，请在检查中确认，或补录台账后刷新数据',
  table: (title: string) => `表格“${title}”由台账数据生成，请在预览中查看。`,
  empty: '该报告没有可编辑的内容',
  save: '保存修改',
  undefinedFigure: '未定义的指标',
  missing: (name: string) => `〔缺数：${name}〕`,
  lostIn: { own: '专干撰写内容中的引用', rewritten: '改写的段落中的引用', added: '新增段落中的引用' },
  lostTitle: '指标引用将被删除',
  lost: (what: string) => `${what}已被删除。删除后该处不再显示随台账更新的数字。确定保存吗？`,
  lostOk: '仍然保存',
  lostCancel: '返回修改',
};

const TOKEN = /【(\d+)·[^】]*】/g;

/** The value of a figure or of its group(s) `part` ('a|b' adds up a and b); null when unknown (resolveFigure). */
function figValue(figs: Figs, key: string, part?: string): number | null {
  const f = figs(key);
  if (!f?.parts) return null;
  if (part === undefined) return f.value;
  const parts = f.parts;
  return part.split('|').reduce((sum, name) => sum + (parts[name] ?? 0), 0);
}

/** How a figure prints: 12, 95.5%, or a visible marker when unknown (formatFigure). */
function figText(r: FigRun, figs: Figs): string {
  const f = figs(r.fig);
  const v = figValue(figs, r.fig, r.part);
  if (!f?.parts) return MSG.missing(f?.label ?? r.fig);
  if (v === null) return MSG.missing(f.label);
  const n = Number.isInteger(v) ? String(v) : String(Math.round(v * 10) / 10);
  return f.unit === '%' ? `${n}%` : n;
}

/** The branch a when-run prints now: `zero` at 0, else `some` (also when unknown, so the gap shows) (whenBranch). */
function branch(r: Extract<Run, { when: string }>, figs: Figs): Run[] {
  return figValue(figs, r.when, r.part) === 0 ? r.zero : r.some;
}

/** The printed path of runs as own-able parts: text and figures (her words and negatives become text). */
function printedParts(runs: Run[], figs: Figs): OwnPart[] {
  return runs.flatMap((r): OwnPart[] => {
    if ('t' in r || 'fig' in r) return [r];
    if ('own' in r) return r.runs;
    if ('none' in r) return [{ t: r.text }];
    return printedParts(branch(r, figs), figs);
  });
}

/** Whether a negative statement prints in these runs (such a paragraph is not hers to rewrite). */
function printsNone(runs: Run[], figs: Figs): boolean {
  return runs.some((r) => 'none' in r || ('when' in r && printsNone(branch(r, figs), figs)));
}

const textOf = (parts: OwnPart[], figs: Figs) => parts.map((p) => ('t' in p ? p.t : figText(p, figs))).join('');

/** Her parts on the printed path of a paragraph. */
function ownRuns(runs: Run[], figs: Figs): OwnRun[] {
  return runs.flatMap((r): OwnRun[] => {
    if ('own' in r) return [r];
    if ('when' in r) return ownRuns(branch(r, figs), figs);
    return [];
  });
}

function encode(parts: OwnPart[], figs: Figs): string {
  let i = 0;
  return parts
    .map((r) => {
      if ('t' in r) return r.t;
      const f = figs(r.fig);
      return `【${++i}·${f?.label ?? MSG.undefinedFigure}${r.part ? `（${r.part}）` : ''}：${figText(r, figs)}】`;
    })
    .join('');
}

/** Parses edited text back to parts; returns also the figure references the user removed. */
function decode(text: string, original: OwnPart[]): { parts: OwnPart[]; lost: number[] } {
  const refs = original.filter((r): r is FigRun => 'fig' in r);
  const parts: OwnPart[] = [];
  const used = new Set<number>();
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const idx = Number(m[1]);
    const ref = refs[idx - 1];
    const at = m.index ?? 0;
    if (at > last) parts.push({ t: text.slice(last, at) });
    if (ref) {
      parts.push(ref);
      used.add(idx);
    } else parts.push({ t: m[0] });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ t: text.slice(last) });
  return { parts, lost: refs.map((_r, i) => i + 1).filter((i) => !used.has(i)) };
}

/** Replaces her parts by id, at any depth. */
function withOwn(runs: Run[], edits: ReadonlyMap<string, OwnPart[]>): Run[] {
  return runs.map((r) => {
    if ('own' in r) {
      const parts = edits.get(r.own);
      return parts ? { own: r.own, ...(r.hint ? { hint: r.hint } : {}), runs: parts } : r;
    }
    if ('when' in r) return { ...r, some: withOwn(r.some, edits), zero: withOwn(r.zero, edits) };
    return r;
  });
}

type Loc = { at: string; sectionIndex: number | null; index: number };
/** A paragraph turned into her words: the new own id and the parts its box was encoded from. */
type Rewrite = { id: string; from: OwnPart[] };
type Edits = {
  text: Map<string, string>;
  /** Paragraphs turned into her words, by block path. */
  rewritten: Map<string, Rewrite>;
  /** Paragraphs added at the end of a section: section index → own ids. */
  added: Map<number, string[]>;
  /** 公文要素: title, 主送机关, 署名, 成文日期. */
  meta: Partial<Pick<ReportContent, MetaKey>>;
};
type MetaKey = 'title' | 'addressee' | 'signature' | 'date';
const META: ReadonlyArray<[MetaKey, string]> = [
  ['title', '标题'],
  ['addressee', '主送机关'],
  ['signature', '发文机关署名'],
  ['date', '成文日期（YYYY-MM-DD）'],
];
const noEdits = (): Edits => ({ text: new Map(), rewritten: new Map(), added: new Map(), meta: {} });

let counter = 0;
const newOwnId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

function apply(c: ReportContent, e: Edits): { next: ReportContent; lost: string[] } {
  const lost: string[] = [];
  const parts = new Map<string, OwnPart[]>();
  // What each box was encoded from, so its 【n】 tokens decode back to the same figures.
  const source = new Map<string, { from: OwnPart[]; kind: keyof typeof MSG.lostIn }>();
  const collect = (rs: Run[]) => {
    for (const r of rs) {
      if ('own' in r) source.set(r.own, { from: r.runs, kind: 'own' });
      else if ('when' in r) {
        collect(r.some);
        collect(r.zero);
      }
    }
  };
  for (const b of [...c.preamble, ...c.sections.flatMap((s) => s.blocks)]) if (b.type === 'paragraph') collect(b.runs);
  for (const { id, from } of e.rewritten.values()) source.set(id, { from, kind: 'rewritten' });
  for (const [id, text] of e.text) {
    const src = source.get(id) ?? { from: [], kind: 'added' };
    const d = decode(text, src.from);
    if (d.lost.length) lost.push(`${MSG.lostIn[src.kind]} ${d.lost.map((n) => `【${n}】`).join('')}`);
    parts.set(id, d.parts);
  }
  const editBlocks = (prefix: string, list: Block[]): Block[] =>
    list.map((b, i) => {
      if (b.type !== 'paragraph') return b;
      const rw = e.rewritten.get(`${prefix}:${i}`);
      if (rw) return { ...b, runs: [{ own: rw.id, hint: MSG.rewritten, runs: parts.get(rw.id) ?? rw.from }] };
      return { ...b, runs: withOwn(b.runs, parts) };
    });
  const addedBlocks = (si: number): Block[] =>
    (e.added.get(si) ?? []).map((id) => ({ type: 'paragraph', runs: [{ own: id, hint: MSG.added, runs: parts.get(id) ?? [] }] }));
  return {
    next: {
      ...c,
      ...e.meta,
      preamble: editBlocks('p', c.preamble),
      sections: c.sections.map((s, si) => ({ ...s, blocks: [...editBlocks(`s:${si}`, s.blocks), ...addedBlocks(si)] })),
    },
    lost,
  };
}

type Props = { content: ReportContent; figs: Figs; onSave: (c: ReportContent) => Promise<void> };

export function ReportEditor({ content, figs, onSave }: Props): ReactNode {
  const { modal } = AntApp.useApp();
  const [edits, setEdits] = useState<Edits>(noEdits);
  const [busy, setBusy] = useState(false);
  const dirty = edits.text.size > 0 || edits.rewritten.size > 0 || edits.added.size > 0 || Object.keys(edits.meta).length > 0;

  const blocks = useMemo(() => {
    const out: Array<{ loc: Loc; block: Block; heading?: string }> = [];
    for (const [i, b] of content.preamble.entries()) out.push({ loc: { at: `p:${i}`, sectionIndex: null, index: i }, block: b });
    for (const [si, s] of content.sections.entries()) {
      for (const [i, b] of s.blocks.entries()) {
        out.push({ loc: { at: `s:${si}:${i}`, sectionIndex: si, index: i }, block: b, heading: i === 0 ? s.heading : undefined });
      }
    }
    return out;
  }, [content]);

  const setText = (id: string, text: string) => setEdits((e) => ({ ...e, text: new Map(e.text).set(id, text) }));
  const rewrite = (at: string, b: Block) => {
    if (b.type !== 'paragraph') return;
    const id = newOwnId('rewrite');
    const from = printedParts(b.runs, figs);
    setEdits((e) => ({
      ...e,
      rewritten: new Map(e.rewritten).set(at, { id, from }),
      text: new Map(e.text).set(id, encode(from, figs)),
    }));
  };
  const addParagraph = (si: number) => {
    const id = newOwnId('added');
    setEdits((e) => ({ ...e, added: new Map(e.added).set(si, [...(e.added.get(si) ?? []), id]), text: new Map(e.text).set(id, '') }));
  };

  const save = () => {
    const { next, lost } = apply(content, edits);
    const run = async () => {
      setBusy(true);
      try {
        await onSave(next);
        setEdits(noEdits());
      } catch {
        /* kept: the page has shown why */
      } finally {
        setBusy(false);
      }
    };
    if (lost.length) {
      modal.confirm({
        title: MSG.lostTitle,
        content: MSG.lost(lost.join('；')),
        okText: MSG.lostOk,
        cancelText: MSG.lostCancel,
        onOk: run,
      });
    } else void run();
  };

  const ownBox = (r: { own: string; hint?: string; ok?: unknown }, initial: string) => (
    <div key={r.own} style={{ marginTop: 6 }}>
      <Space size={4} wrap>
        <Tag color="gold">{MSG.own}</Tag>
        {r.ok ? <Tag color="green">{MSG.confirmed}</Tag> : <Tag>{MSG.waiting}</Tag>}
        {r.hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.hint}
          </Typography.Text>
        )}
      </Space>
      <Input.TextArea
        aria-label={MSG.ownBox}
        value={edits.text.get(r.own) ?? initial}
        autoSize={{ minRows: 2, maxRows: 14 }}
        onChange={(ev) => setText(r.own, ev.target.value)}
      />
    </div>
  );

  if (!blocks.length) return <Empty description={MSG.empty} />;
  const sectionEnds = new Map<number, number>();
  blocks.forEach((b, i) => {
    if (b.loc.sectionIndex !== null) sectionEnds.set(b.loc.sectionIndex, i);
  });
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={MSG.intro} />
      <Card size="small" title={MSG.meta} style={{ marginBottom: 10 }}>
        {META.map(([key, label]) => (
          <div key={key} style={{ marginBottom: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {label}
            </Typography.Text>
            <Input
              aria-label={label}
              value={edits.meta[key] ?? content[key]}
              onChange={(ev) => setEdits((e) => ({ ...e, meta: { ...e.meta, [key]: ev.target.value } }))}
            />
          </div>
        ))}
      </Card>
      {blocks.map(({ loc, block: b, heading }, i) => {
        const rewritten = edits.rewritten.get(loc.at);
        const tail =
          loc.sectionIndex !== null && sectionEnds.get(loc.sectionIndex) === i ? (
            <>
              {(edits.added.get(loc.sectionIndex) ?? []).map((id) => ownBox({ own: id, hint: MSG.added }, ''))}
              <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 6 }} onClick={() => addParagraph(loc.sectionIndex ?? 0)}>
                {MSG.add}
              </Button>
            </>
          ) : null;
        return (
          <div key={loc.at} data-at={loc.at} style={{ marginBottom: 10 }}>
            {heading && <Typography.Title level={5}>{heading}</Typography.Title>}
            {b.type === 'table' ? (
              <Card size="small" style={{ background: '#fafafa' }}>
                <Typography.Text type="secondary">{MSG.table(b.title)}</Typography.Text>
              </Card>
            ) : b.type === 'heading' ? (
              <Typography.Text strong>{b.text}</Typography.Text>
            ) : (
              <Card size="small">
                {b.lead && <Typography.Text strong>{b.lead.text}</Typography.Text>}
                {rewritten ? (
                  ownBox({ own: rewritten.id, hint: MSG.rewritten }, '')
                ) : (
                  <>
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                      {textOf(printedParts(b.runs, figs), figs)}
                    </Typography.Paragraph>
                    {ownRuns(b.runs, figs).map((r) => ownBox(r, encode(r.runs, figs)))}
                    {printsNone(b.runs, figs) ? (
                      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }} data-testid="no-rewrite">
                        {MSG.noRewrite}
                      </Typography.Text>
                    ) : (
                      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => rewrite(loc.at, b)}>
                        {MSG.rewrite}
                      </Button>
                    )}
                  </>
                )}
              </Card>
            )}
            {tail}
          </div>
        );
      })}
      <div style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '8px 0' }}>
        <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={busy} disabled={!dirty}>
          {MSG.save}
        </Button>
      </div>
    </>
  );
}
