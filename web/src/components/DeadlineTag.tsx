/**
 * The colour of a deadline: 逾期 red, 临期 orange, otherwise blue; its explanation in a tooltip. A
 * deadline counted over a year without the State Council's arrangement carries its note as a
 * visible line under the tag, wherever the tag is shown (not only in the tooltip).
 */
import { Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Deadline } from '../api.ts';

/** Working days left at or below which a deadline counts as 临期 (the server decides; this is a fallback). */
export const SOON_WORKDAYS = 3;

export function deadlineState(d: Deadline, today: string): 'done' | 'overdue' | 'soon' | 'open' {
  if (d.status === '按期办结' || d.status === '逾期办结' || d.doneOn) return 'done';
  if (d.status === '逾期') return 'overdue';
  if (d.status === '临期') return 'soon';
  if (d.status === '进行中') return 'open';
  if (d.due < today) return 'overdue';
  if (d.remainingWorkdays !== null && d.remainingWorkdays !== undefined && d.remainingWorkdays <= SOON_WORKDAYS) return 'soon';
  return 'open';
}

export function DeadlineTag({ d, today }: { d: Deadline; today: string }): ReactNode {
  const s = deadlineState(d, today);
  const text =
    s === 'done'
      ? d.status === '逾期办结'
        ? '逾期办结'
        : '按期办结'
      : s === 'overdue'
        ? `逾期${d.remainingWorkdays !== null && d.remainingWorkdays < 0 ? ` ${-d.remainingWorkdays}个工作日` : ''}`
        : s === 'soon'
          ? `临期 · 剩${d.remainingWorkdays ?? 0}个工作日`
          : d.remainingWorkdays !== null && d.remainingWorkdays !== undefined
            ? `剩${d.remainingWorkdays}个工作日`
            : '进行中';
  const color = s === 'done' ? (d.status === '逾期办结' ? 'volcano' : 'green') : s === 'overdue' ? 'red' : s === 'soon' ? 'orange' : 'blue';
  const tag = (
    <Tooltip title={<DeadlineExplanation d={d} />}>
      <Tag color={color}>{text}</Tag>
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
