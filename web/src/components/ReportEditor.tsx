/**
 * Paragraph editor of a report draft. What the records make true (computed sentences, figures,
 * wording chosen by a figure) is shown but not typed over; the officer writes only her own parts
 * (专干撰写), each in its own box, where figures are 【n·指标名：值】 tokens that stay computed. "改写本段"
 * turns a whole paragraph into her words (its numbers stay figures); "添加段落" adds one. Her words
 * print marked as hers until she confirms them in the check.
 */
import { EditOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import type { Block, FigRun, OwnRun, ReportContent, Run, TextRun } from '../api.ts';

export type FigureInfo = { label: string; value: number | null; unit: string };
type Figs = (key: string) => FigureInfo | undefined;
type OwnPart = TextRun | FigRun;

const TOKEN = /【(\d+)·[^】]*】/g;

function figText(r: FigRun, figs: Figs): string {
  const f = figs(r.fig);
  if (!f) return '〔未定义的指标〕';
  if (r.part !== undefined || f.value === null) return `〔${f.label}${r.part ? `（${r.part}）` : ''}〕`;
  return `${f.value}${f.unit === '%' ? '%' : ''}`;
}

/** The branch a when-run prints now (by the figure's current value; a group part counts as "some"). */
function branch(r: Extract<Run, { when: string }>, figs: Figs): Run[] {
  const v = r.part === undefined ? figs(r.when)?.value : undefined;
  return v === 0 ? r.zero : r.some;
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
      return `【${++i}·${f?.label ?? '未定义的指标'}${r.part ? `（${r.part}）` : ''}：${figText(r, figs)}】`;
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
type Edits = {
  text: Map<string, string>;
  /** Paragraphs turned into her words: block path → own id. */
  rewritten: Map<string, string>;
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

function apply(c: ReportContent, e: Edits, figs: Figs): { next: ReportContent; lost: string[] } {
  const lost: string[] = [];
  const parts = new Map<string, OwnPart[]>();
  const original = new Map<string, OwnPart[]>();
  const collect = (rs: Run[]) => {
    for (const r of rs) {
      if ('own' in r) original.set(r.own, r.runs);
      else if ('when' in r) {
        collect(r.some);
        collect(r.zero);
      }
    }
  };
  for (const b of [...c.preamble, ...c.sections.flatMap((s) => s.blocks)]) if (b.type === 'paragraph') collect(b.runs);
  for (const [id, text] of e.text) {
    const d = decode(text, original.get(id) ?? []);
    if (d.lost.length) lost.push(`专干撰写内容中的引用 ${d.lost.map((n) => `【${n}】`).join('')}`);
    parts.set(id, d.parts);
  }
  const editBlocks = (prefix: string, list: Block[]): Block[] =>
    list.map((b, i) => {
      if (b.type !== 'paragraph') return b;
      const id = e.rewritten.get(`${prefix}:${i}`);
      if (id) return { ...b, runs: [{ own: id, hint: '改写的段落', runs: parts.get(id) ?? printedParts(b.runs, figs) }] };
      return { ...b, runs: withOwn(b.runs, parts) };
    });
  const addedBlocks = (si: number): Block[] =>
    (e.added.get(si) ?? []).map((id) => ({ type: 'paragraph', runs: [{ own: id, hint: '新增段落', runs: parts.get(id) ?? [] }] }));
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
    setEdits((e) => ({
      ...e,
      rewritten: new Map(e.rewritten).set(at, id),
      text: new Map(e.text).set(id, encode(printedParts(b.runs, figs), figs)),
    }));
  };
  const addParagraph = (si: number) => {
    const id = newOwnId('added');
    setEdits((e) => ({ ...e, added: new Map(e.added).set(si, [...(e.added.get(si) ?? []), id]), text: new Map(e.text).set(id, '') }));
  };

  const save = () => {
    const { next, lost } = apply(content, edits, figs);
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
        title: '指标引用将被删除',
        content: `${lost.join('；')}已被删除。删除后该处不再显示随台账更新的数字。确定保存吗？`,
        okText: '仍然保存',
        cancelText: '返回修改',
        onOk: run,
      });
    } else void run();
  };

  const ownBox = (r: { own: string; hint?: string; ok?: unknown }, initial: string) => (
    <div key={r.own} style={{ marginTop: 6 }}>
      <Space size={4} wrap>
        <Tag color="gold">专干撰写</Tag>
        {r.ok ? <Tag color="green">已确认</Tag> : <Tag>待确认</Tag>}
        {r.hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.hint}
          </Typography.Text>
        )}
      </Space>
      <Input.TextArea
        aria-label="专干撰写内容"
        value={edits.text.get(r.own) ?? initial}
        autoSize={{ minRows: 2, maxRows: 14 }}
        onChange={(ev) => setText(r.own, ev.target.value)}
      />
    </div>
  );

  if (!blocks.length) return <Empty description="该报告没有可编辑的内容" />;
  const sectionEnds = new Map<number, number>();
  blocks.forEach((b, i) => {
    if (b.loc.sectionIndex !== null) sectionEnds.set(b.loc.sectionIndex, i);
  });
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="由台账计算的句子不能直接改写，以保证报告所述与台账一致。“专干撰写”框中的内容由您撰写，【】中的数字随台账自动计算；需要改动整段时，点“改写本段”，改写后的段落作为专干撰写内容，在检查中确认后定稿。"
      />
      <Card size="small" title="公文要素" style={{ marginBottom: 10 }}>
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
        const rewrittenId = edits.rewritten.get(loc.at);
        const tail =
          loc.sectionIndex !== null && sectionEnds.get(loc.sectionIndex) === i ? (
            <>
              {(edits.added.get(loc.sectionIndex) ?? []).map((id) => ownBox({ own: id, hint: '新增段落' }, ''))}
              <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 6 }} onClick={() => addParagraph(loc.sectionIndex ?? 0)}>
                在本部分末尾添加段落
              </Button>
            </>
          ) : null;
        return (
          <div key={loc.at} data-at={loc.at} style={{ marginBottom: 10 }}>
            {heading && <Typography.Title level={5}>{heading}</Typography.Title>}
            {b.type === 'table' ? (
              <Card size="small" style={{ background: '#fafafa' }}>
                <Typography.Text type="secondary">表格“{b.title}”由台账数据生成，请在预览中查看。</Typography.Text>
              </Card>
            ) : b.type === 'heading' ? (
              <Typography.Text strong>{b.text}</Typography.Text>
            ) : (
              <Card size="small">
                {b.lead && <Typography.Text strong>{b.lead.text}</Typography.Text>}
                {rewrittenId ? (
                  ownBox({ own: rewrittenId, hint: '改写的段落' }, '')
                ) : (
                  <>
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                      {textOf(printedParts(b.runs, figs), figs)}
                    </Typography.Paragraph>
                    {ownRuns(b.runs, figs).map((r) => ownBox(r, encode(r.runs, figs)))}
                    <Button size="small" type="link" icon={<EditOutlined />} onClick={() => rewrite(loc.at, b)}>
                      改写本段
                    </Button>
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
          保存修改
        </Button>
      </div>
    </>
  );
}
