/**
 * 本单位期限设定: the deadlines the law leaves to local rules (e.g. 规范性文件报送备案), each with its
 * basis, the default and the bureau's own value. The officer edits or resets; others only read.
 * One column of text and controls that wrap, so it fits a 390px phone.
 */
import { App as AntApp, Button, Card, InputNumber, List, Popconfirm, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { type ReactNode, useState } from 'react';
import { type DeadlineSetting, del, errorDetail, put, useGet } from '../api.ts';
import { can, useSession } from '../session.tsx';
import { ErrorState } from './States.tsx';

const T = {
  title: '本单位期限设定',
  intro: '以下期限由各地规定，未设定时按默认值计算；设定后本单位台账的到期日随之重新计算，其他单位不受影响。',
  own: '本单位设定',
  byDefault: '按默认',
  defaultIs: (s: DeadlineSetting) => `默认 ${s.defaultAmount} ${s.unitLabel}`,
  ownIs: (s: DeadlineSetting) => `本单位 ${s.amount} ${s.unitLabel}`,
  changed: (s: DeadlineSetting) => `${s.updatedBy ?? ''}${s.updatedAt ? ` 于 ${s.updatedAt.slice(0, 10)}` : ''} 设定`,
  range: (s: DeadlineSetting) => `${s.min}–${s.max}`,
  save: '保存',
  reset: '恢复默认',
  resetConfirm: '恢复为默认期限？本单位台账的到期日将按默认值重新计算。',
  saved: (s: DeadlineSetting) => `已设定：${s.label} ${s.effectiveAmount} ${s.unitLabel}`,
  wasReset: (s: DeadlineSetting) => `已恢复默认：${s.label} ${s.defaultAmount} ${s.unitLabel}`,
  empty: '没有可由本单位设定的期限',
  amountLabel: (s: DeadlineSetting) => `${s.label}（${s.unitLabel}）`,
};

/** A line of items that wraps instead of widening the page. */
const ROW: CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px' };

function SettingRow({ s, editable, onChanged }: { s: DeadlineSetting; editable: boolean; onChanged: () => void }): ReactNode {
  const { message } = AntApp.useApp();
  const [value, setValue] = useState<number | null>(s.effectiveAmount);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<DeadlineSetting>, done: (r: DeadlineSetting) => string) => {
    setBusy(true);
    try {
      const r = await fn();
      message.success(done(r));
      setValue(r.effectiveAmount);
      onChanged();
    } catch (e) {
      message.error(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <List.Item>
      <div style={{ width: '100%', minWidth: 0 }}>
        <div style={ROW}>
          <Typography.Text strong>{s.label}</Typography.Text>
          {s.amount === null ? <Tag>{T.byDefault}</Tag> : <Tag color="blue">{T.own}</Tag>}
        </div>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0', overflowWrap: 'anywhere' }}>
          {s.basis}
        </Typography.Paragraph>
        <div style={{ ...ROW, fontSize: 13 }}>
          <span>{T.defaultIs(s)}</span>
          {s.amount !== null && <span>{T.ownIs(s)}</span>}
          {s.amount !== null && <Typography.Text type="secondary">{T.changed(s)}</Typography.Text>}
        </div>
        {editable && (
          <div style={{ ...ROW, marginTop: 8 }}>
            <InputNumber<number>
              aria-label={T.amountLabel(s)}
              min={s.min}
              max={s.max}
              precision={0}
              value={value}
              onChange={(v) => setValue(v)}
              addonAfter={s.unitLabel}
              placeholder={T.range(s)}
              style={{ width: 150 }}
            />
            <Button
              type="primary"
              loading={busy}
              disabled={value === null || value === s.effectiveAmount}
              onClick={() =>
                run(() => put<DeadlineSetting>(`/api/calendar/settings/${encodeURIComponent(s.ruleKey)}`, { amount: value }), T.saved)
              }
            >
              {T.save}
            </Button>
            <Popconfirm
              title={T.resetConfirm}
              onConfirm={() => run(() => del<DeadlineSetting>(`/api/calendar/settings/${encodeURIComponent(s.ruleKey)}`), T.wasReset)}
            >
              <Button disabled={busy || s.amount === null}>{T.reset}</Button>
            </Popconfirm>
          </div>
        )}
      </div>
    </List.Item>
  );
}

export function DeadlineSettings(): ReactNode {
  const { me } = useSession();
  const list = useGet<DeadlineSetting[]>('/api/calendar/settings');
  const editable = can(me, 'settings.manage');
  return (
    <Card size="small" title={T.title} data-testid="deadline-settings">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {T.intro}
      </Typography.Paragraph>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <List<DeadlineSetting>
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          locale={{ emptyText: T.empty }}
          rowKey={(s) => s.ruleKey}
          renderItem={(s) => <SettingRow s={s} editable={editable} onChanged={list.reload} />}
        />
      )}
    </Card>
  );
}
