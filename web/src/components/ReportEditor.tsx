/**
 * Paragraph editor of a report draft. Text is free to edit; figure references are shown as
 * 【n·指标名：值】 tokens that map back to the original references, so numbers stay computed and traceable.
 */
import { SaveOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Input, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import type { Block, FigRun, ReportContent, Run, WhenRun } from '../api.ts';

export type FigureInfo = { label: string; value: number | null; unit: string };

const TOKEN = /【(\d+)·[^】]*】/g;

function refsOf(runs: Run[]): Array<FigRun | WhenRun> {
  return runs.filter((r): r is FigRun | WhenRun => !('t' in r));
}

function figText(r: FigRun, figs: (key: string) => FigureInfo | undefined): string {
  const f = figs(r.fig);
  if (!f) return '〔未定义的指标〕';
  if (r.part !== undefined || f.value === null) return `〔${f.label}${r.part ? `（${r.part}）` : ''}〕`;
  return `${f.value}${f.unit === '%' ? '%' : ''}`;
}

/** The wording a run prints now (a when-run picks its branch by the figure's current value). */
function printed(runs: Run[], figs: (key: string) => FigureInfo | undefined): string {
  return runs
    .map((r) => {
      if ('t' in r) return r.t;
      if ('fig' in r) return figText(r, figs);
      const v = r.part === undefined ? figs(r.when)?.value : undefined;
      return printed(v === 0 ? r.zero : r.some, figs);
    })
    .join('');
}

function describe(r: FigRun | WhenRun, figs: (key: string) => FigureInfo | undefined): string {
  if ('fig' in r) {
    const f = figs(r.fig);
    return `${f?.label ?? '未定义的指标'}${r.part ? `（${r.part}）` : ''}：${figText(r, figs)}`;
  }
  return `自动表述：${printed([r], figs)}`.replace(/[【】]/g, '');
}

function encode(runs: Run[], figs: (key: string) => FigureInfo | undefined): string {
  let i = 0;
  return runs.map((r) => ('t' in r ? r.t : `【${++i}·${describe(r, figs)}】`)).join('');
}

/** Parses edited text back to runs; returns also the references the user removed. */
function decode(text: string, original: Run[]): { runs: Run[]; lost: number[] } {
  const refs = refsOf(original);
  const runs: Run[] = [];
  const used = new Set<number>();
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const idx = Number(m[1]);
    const ref = refs[idx - 1];
    const at = m.index ?? 0;
    if (at > last) runs.push({ t: text.slice(last, at) });
    if (ref) {
      runs.push(ref);
      used.add(idx);
    } else {
      runs.push({ t: m[0] });
    }
    last = at + m[0].length;
  }
  if (last < text.length) runs.push({ t: text.slice(last) });
  const lost = refs.map((_r, i) => i + 1).filter((i) => !used.has(i));
  return { runs, lost };
}

type Slot = {
  id: string;
  kind: 'title' | 'addressee' | 'signature' | 'sectionHeading' | 'heading' | 'lead' | 'paragraph' | 'table';
  label: string;
  value: string;
  runs?: Run[];
};

function slotsOf(c: ReportContent, figs: (key: string) => FigureInfo | undefined): Slot[] {
  const out: Slot[] = [
    { id: 'title', kind: 'title', label: '标题', value: c.title },
    { id: 'addressee', kind: 'addressee', label: '主送机关', value: c.addressee },
  ];
  const blocks = (prefix: string, list: Block[]) => {
    list.forEach((b, i) => {
      const id = `${prefix}:${i}`;
      if (b.type === 'heading') out.push({ id, kind: 'heading', label: '小标题', value: b.text });
      else if (b.type === 'paragraph') {
        if (b.lead) out.push({ id: `${id}:lead`, kind: 'lead', label: '段首标题', value: b.lead.text });
        out.push({ id, kind: 'paragraph', label: '正文段落', value: encode(b.runs, figs), runs: b.runs });
      } else out.push({ id, kind: 'table', label: '表格', value: b.title });
    });
  };
  blocks('p', c.preamble);
  c.sections.forEach((s, si) => {
    out.push({ id: `s:${si}`, kind: 'sectionHeading', label: '一级标题', value: s.heading });
    blocks(`s:${si}`, s.blocks);
  });
  out.push({ id: 'signature', kind: 'signature', label: '署名', value: c.signature });
  return out;
}

function apply(c: ReportContent, edits: Map<string, string>, slots: Slot[]): { next: ReportContent; lost: string[] } {
  const lost: string[] = [];
  const bySlot = new Map(slots.map((s) => [s.id, s]));
  const editBlocks = (prefix: string, list: Block[]): Block[] =>
    list.map((b, i) => {
      const id = `${prefix}:${i}`;
      if (b.type === 'heading') return edits.has(id) ? { ...b, text: edits.get(id) ?? b.text } : b;
      if (b.type === 'paragraph') {
        let nb = b;
        const leadText = edits.get(`${id}:lead`);
        if (leadText !== undefined && nb.lead) nb = { ...nb, lead: { ...nb.lead, text: leadText } };
        const text = edits.get(id);
        if (text !== undefined) {
          const d = decode(text, b.runs);
          if (d.lost.length) lost.push(`${bySlot.get(id)?.label ?? '段落'}中的引用 ${d.lost.map((n) => `【${n}】`).join('')}`);
          nb = { ...nb, runs: d.runs };
        }
        return nb;
      }
      return b;
    });
  const next: ReportContent = {
    ...c,
    title: edits.get('title') ?? c.title,
    addressee: edits.get('addressee') ?? c.addressee,
    signature: edits.get('signature') ?? c.signature,
    preamble: editBlocks('p', c.preamble),
    sections: c.sections.map((s, si) => ({ ...s, heading: edits.get(`s:${si}`) ?? s.heading, blocks: editBlocks(`s:${si}`, s.blocks) })),
  };
  return { next, lost };
}

type Props = { content: ReportContent; figs: (key: string) => FigureInfo | undefined; onSave: (c: ReportContent) => Promise<void> };

export function ReportEditor({ content, figs, onSave }: Props): ReactNode {
  const { modal } = AntApp.useApp();
  const slots = useMemo(() => slotsOf(content, figs), [content, figs]);
  const [edits, setEdits] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);

  const save = () => {
    const { next, lost } = apply(content, edits, slots);
    const run = async () => {
      setBusy(true);
      try {
        await onSave(next);
        setEdits(new Map());
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
    } else {
      void run();
    }
  };

  if (!slots.length) return <Empty description="该报告没有可编辑的内容" />;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="文字可直接修改。【】中的内容是指标引用或随数据自动变化的表述，数字由台账自动计算，可以移动位置，请勿改写或删除。"
      />
      {slots.map((s) => {
        const v = edits.get(s.id) ?? s.value;
        const onChange = (text: string) => setEdits((m) => new Map(m).set(s.id, text));
        if (s.kind === 'table') {
          return (
            <Card key={s.id} size="small" style={{ marginBottom: 8, background: '#fafafa' }}>
              <Typography.Text type="secondary">表格“{s.value}”由台账数据生成，请在预览中查看。</Typography.Text>
            </Card>
          );
        }
        return (
          <div key={s.id} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.label}
            </Typography.Text>
            {s.kind === 'paragraph' ? (
              <Input.TextArea value={v} autoSize={{ minRows: 2, maxRows: 14 }} onChange={(e) => onChange(e.target.value)} />
            ) : (
              <Input
                value={v}
                onChange={(e) => onChange(e.target.value)}
                style={s.kind === 'sectionHeading' || s.kind === 'title' ? { fontWeight: 600 } : undefined}
              />
            )}
          </div>
        );
      })}
      <div style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '8px 0' }}>
        <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={busy} disabled={edits.size === 0}>
          保存修改
        </Button>
      </div>
    </>
  );
}
