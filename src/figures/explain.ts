/**
 * A figure's 统计口径 in Chinese, from its declaration alone: which ledger, which records (the filter,
 * with the fields' labels), what is counted or summed, and which records fall in the period.
 */
import type { FigureDecl, Span } from './define.ts';
import { explainCond } from './filter.ts';

const MSG = {
  prefix: '统计口径：',
  records: '记录条数',
  sum: (field: string) => `“${field}”之和`,
  grouped: (by: string) => `，按“${by}”分类`,
  deadline: (rule: string, basis: string, statuses: string) => `按“${rule}”（${basis}）计算，状态为${statuses}的记录条数`,
  ratio: (num: string, den: string, percent: boolean) => `${num} ÷ ${den}${percent ? ' × 100%' : ''}`,
  where: (cond: string) => `${cond}的`,
  span: {
    period: (date: string | null) => (date ? `（按“${date}”计入统计期）` : '（按年度计入统计期）'),
    'to-date': () => '（截至统计期末仍有效的存量）',
    'since-2021': () => '（自2021年1月1日至统计期末，“八五”普法以来）',
  } satisfies Record<Span, (date: string | null) => string>,
};

export function explainFigure(d: FigureDecl, labelOf: (key: string) => string): string {
  if (d.kind === 'ratio') return `${MSG.prefix}${MSG.ratio(labelOf(d.num), labelOf(d.den), d.percent === true)}`;
  const fields = d.ledger.fields;
  const label = (k: string) => fields[k]?.label ?? k;
  const which = d.where ? MSG.where(explainCond(d.where, fields)) : '';
  const dateLabel = d.ledger.dateField ? label(d.ledger.dateField) : null;
  const span = MSG.span[d.span ?? 'period'](dateLabel);
  let what: string;
  if (d.kind === 'count') what = MSG.records;
  else if (d.kind === 'sum') what = MSG.sum(label(d.field));
  else if (d.kind === 'group') what = `${d.field ? MSG.sum(label(d.field)) : MSG.records}${MSG.grouped(label(d.groupBy))}`;
  else what = MSG.deadline(d.rule.label, d.rule.basis, d.statuses.map((s) => `“${s}”`).join('或'));
  return `${MSG.prefix}${d.ledger.label}中${which || '的'}${what}${span}`;
}

/**
 * A figure's declaration as plain data (the ledger and the deadline rule by key and content, the
 * filter as it is), so a stored snapshot says exactly how each value was computed.
 */
export function figureSpec(d: FigureDecl): unknown {
  if (d.kind === 'ratio') return { kind: d.kind, num: d.num, den: d.den, percent: d.percent === true, span: d.span ?? 'period' };
  const { ledger, module: _m, label: _l, unit: _u, key: _k, ...rest } = d;
  const spec: Record<string, unknown> = { ...rest, ledger: ledger.key, span: d.span ?? 'period' };
  if (d.kind === 'deadline') {
    const { ledger: _rl, label: _rlabel, module: _rm, ...rule } = d.rule;
    spec.rule = rule;
  }
  return JSON.parse(JSON.stringify(spec));
}
