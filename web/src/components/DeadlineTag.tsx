/**
 * The colour of a deadline: 逾期 red, 临期 orange, otherwise blue; its explanation in a tooltip. A
 * minimum period ("不早于"), a clock stopped for 补正 and an expiry are never shown as 逾期. A
 * deadline counted over a year without the State Council's arrangement carries its note as a
 * visible line under the tag, wherever the tag is shown (not only in the tooltip).
 */
import { Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Deadline } from '../api.ts';

/** Working days left at or below which a deadline counts as 临期 (the server decides; this is a fallback). */
export const SOON_WORKDAYS = 3;

export type DeadlineState = 'done' | 'overdue' | 'soon' | 'open' | 'waiting' | 'short' | 'expired';

export function deadlineState(d: Deadline, today: string): DeadlineState {
  switch (d.status) {
    case '按期办结':
    case '逾期办结':
    case '依法缩短':
      return 'done';
    case '期限不足':
      return 'short';
    case '逾期':
      return 'overdue';
    case '临期':
      return 'soon';
    case '进行中':
    case '未满期':
    case '已满期':
      return 'open';
    case '等待补正':
      return 'waiting';
    case '已到期':
      return 'expired';
  }
  // A status this build does not know: judge by the dates, but never call a minimum period late.
  if (d.doneOn) return 'done';
  if (d.kind !== 'minimum' && d.due < today) return 'overdue';
  if (d.remainingWorkdays !== null && d.remainingWorkdays !== undefined && d.remainingWorkdays <= SOON_WORKDAYS) return 'soon';
  return 'open';
}

/** The day a deadline is about, as it should be read: a last day, "不早于" a day, or an expiry. */
export function dueText(d: Deadline): string {
  if (d.status === '等待补正') return '期限中止（等待补正）';
  if (d.kind === 'minimum') return `不早于 ${d.due}`;
  if (d.kind === 'expiry') return `${d.due} 到期`;
  return d.due;
}

const COLOR: Record<DeadlineState, string> = {
  done: 'green',
  overdue: 'red',
  soon: 'orange',
  open: 'blue',
  waiting: 'default',
  short: 'magenta',
  expired: 'volcano',
};

function tagText(d: Deadline, s: DeadlineState): string {
  const left = d.remainingWorkdays !== null && d.remainingWorkdays !== undefined ? d.remainingWorkdays : null;
  switch (s) {
    case 'done':
      return d.status;
    case 'short':
      return '期限不足';
    case 'waiting':
      return '等待补正';
    case 'expired':
      return '已到期';
    case 'overdue':
      return `逾期${left !== null && left < 0 ? ` ${-left}个工作日` : ''}`;
    case 'soon':
      return d.kind === 'expiry' ? `即将到期 · ${d.due}` : `临期 · 剩${left ?? 0}个工作日`;
    case 'open':
      if (d.kind === 'minimum') return d.status === '已满期' ? '已满期，可截止' : `不早于 ${d.due}`;
      return left !== null ? `剩${left}个工作日` : '进行中';
  }
}

export function DeadlineTag({ d, today }: { d: Deadline; today: string }): ReactNode {
  const s = deadlineState(d, today);
  const color = s === 'done' && d.status === '逾期办结' ? 'volcano' : COLOR[s];
  const tag = (
    <Tooltip title={<DeadlineExplanation d={d} />}>
      <Tag color={color}>{tagText(d, s)}</Tag>
    </Tooltip>
  );
  if (!d.calendarNote) return tag;
  return (
    <div>
      {tag}
      <Typography.Text type="warning" className="fz-deadline-note" data-testid="deadline-calendar-note">
        {d.calendarNote}
      </Typography.Text>
    </div>
  );
}

export function DeadlineExplanation({ d }: { d: Deadline }): ReactNode {
  return (
    <div>
      <div>
        {d.label}（{d.basis}）
      </div>
      {(d.explanation ?? []).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: explanation lines are ordered text without ids
        <div key={i}>{line}</div>
      ))}
    </div>
  );
}

export function todayText(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
