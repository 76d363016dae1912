/**
 * 我的待办, first on each role's home page: my deadlines (overdue, this week, later this month) and
 * what waits for me. Cards in one column, so it reads on a 390 px phone without sideways scrolling.
 */
import { Badge, Card, Empty, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { type TodoDeadlineGroup, type TodoView, useGet } from '../api.ts';
import { TODO_LABELS } from '../labels.ts';
import { DeadlineTag } from './DeadlineTag.tsx';
import { ErrorState, Loading } from './States.tsx';

function DeadlineGroup({
  title,
  group,
  today,
  testId,
  color,
}: {
  title: string;
  group: TodoDeadlineGroup;
  today: string;
  testId: string;
  color: string;
}): ReactNode {
  if (group.total === 0) return null;
  return (
    <div data-testid={testId} style={{ marginBottom: 12 }}>
      <Typography.Text strong>
        <Badge color={color} /> {title}（{group.total}）
      </Typography.Text>
      <List
        size="small"
        dataSource={group.items}
        renderItem={(d) => (
          <List.Item style={{ paddingInline: 0 }}>
            <div style={{ width: '100%', minWidth: 0 }}>
              <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 4 }}>
                <Link to={`/records/${d.recordId}`} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                  {d.title}
                </Link>
                <DeadlineTag d={d} today={today} />
              </div>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', overflowWrap: 'anywhere' }}>
                {d.label} · {TODO_LABELS.due(d.due)} · <Tag style={{ fontSize: 11, marginInlineEnd: 0 }}>{TODO_LABELS.why[d.why]}</Tag>
              </div>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', overflowWrap: 'anywhere' }}>{d.basis}</div>
            </div>
          </List.Item>
        )}
      />
      {group.total > group.items.length && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {TODO_LABELS.more(group.items.length, group.total)}
        </Typography.Text>
      )}
    </div>
  );
}

export function TodoPanel(): ReactNode {
  const todo = useGet<TodoView>('/api/todo');
  const v = todo.data;
  const total = v ? v.overdue.total + v.thisWeek.total + v.thisMonth.total + v.items.length : 0;
  return (
    <Card
      size="small"
      title={
        <Space>
          {TODO_LABELS.title}
          {v && v.counts.total > 0 && <Badge count={v.counts.total} overflowCount={999} />}
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="todo-panel"
    >
      {todo.error ? (
        <ErrorState error={todo.error} onRetry={todo.reload} />
      ) : !v ? (
        <Loading />
      ) : total === 0 ? (
        <Empty description={TODO_LABELS.empty} />
      ) : (
        <>
          <DeadlineGroup title={TODO_LABELS.overdue} group={v.overdue} today={v.today} testId="todo-overdue" color="red" />
          <DeadlineGroup title={TODO_LABELS.thisWeek} group={v.thisWeek} today={v.today} testId="todo-week" color="orange" />
          <DeadlineGroup title={TODO_LABELS.thisMonth} group={v.thisMonth} today={v.today} testId="todo-month" color="blue" />
          {v.items.length > 0 && (
            <div data-testid="todo-items">
              <Typography.Text strong>
                <Badge color="purple" /> {TODO_LABELS.waiting}（{v.items.length}）
              </Typography.Text>
              <List
                size="small"
                dataSource={v.items}
                renderItem={(i) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <div style={{ width: '100%', minWidth: 0 }}>
                      <Link to={i.link} style={{ overflowWrap: 'anywhere' }}>
                        {i.title}
                      </Link>
                      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', overflowWrap: 'anywhere' }}>{i.detail}</div>
                    </div>
                  </List.Item>
                )}
              />
            </div>
          )}
        </>
      )}
    </Card>
  );
}
