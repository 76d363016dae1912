/**
 * 期限提醒规则: each deadline rule's reminder steps (when, to whom), the default and the bureau's
 * own. The officer edits a rule's steps in a dialog or resets them; others only read. Text and
 * controls wrap, and the dialog's rows stack, so it fits a 390px phone.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, InputNumber, List, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { del, errorDetail, put, type ReminderAudience, type ReminderPolicy, type ReminderStep, useGet } from '../api.ts';
import { REMINDER_LABEL as T } from '../labels.ts';
import { can, useSession } from '../session.tsx';
import { ErrorState } from './States.tsx';

const ROW: CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px' };
const AUDIENCES: ReminderAudience[] = ['owner', 'unitHead', 'officer', 'leader'];

const stepText = (s: ReminderStep): string => `${T.when(s.offset)} · ${T.audience[s.to] ?? s.to}`;

function Steps({ steps }: { steps: readonly ReminderStep[] }): ReactNode {
  return (
    <div style={ROW}>
      {steps.map((s) => (
        <Tag key={`${s.offset}:${s.to}`} color={s.offset > 0 ? 'red' : s.offset === 0 ? 'orange' : 'blue'} style={{ marginInlineEnd: 0 }}>
          {stepText(s)}
        </Tag>
      ))}
    </div>
  );
}

function StepEditor({ policy, onClose, onSaved }: { policy: ReminderPolicy; onClose: () => void; onSaved: () => void }): ReactNode {
  const { message } = AntApp.useApp();
  const [steps, setSteps] = useState<Array<{ offset: number | null; to: ReminderAudience }>>(() =>
    policy.effectiveSteps.map((s) => ({ ...s })),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = (i: number, patch: Partial<{ offset: number | null; to: ReminderAudience }>) =>
    setSteps((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await put<ReminderPolicy>(`/api/reminders/policies/${encodeURIComponent(policy.ruleKey)}`, { steps });
      message.success(T.saved(policy.label));
      onSaved();
      onClose();
    } catch (e) {
      setError(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={T.editTitle(policy.label)}
      okText={T.save}
      cancelText={T.cancel}
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={onClose}
      width={520}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {T.offset}
      </Typography.Paragraph>
      {steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their order is the key
        <div key={i} style={{ ...ROW, marginBottom: 8 }} data-testid="reminder-step">
          <InputNumber<number>
            aria-label={T.offset}
            precision={0}
            min={-30}
            max={60}
            value={s.offset}
            onChange={(v) => change(i, { offset: v })}
            style={{ width: 110 }}
          />
          <Select<ReminderAudience>
            aria-label={T.to}
            value={s.to}
            onChange={(v) => change(i, { to: v })}
            options={AUDIENCES.map((a) => ({ value: a, label: T.audience[a] }))}
            style={{ width: 130 }}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={T.removeStep}
            title={T.removeStep}
            onClick={() => setSteps((xs) => xs.filter((_x, j) => j !== i))}
          />
        </div>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => setSteps((xs) => [...xs, { offset: 0, to: 'owner' }])}>
        {T.addStep}
      </Button>
      {error && (
        <Typography.Paragraph type="danger" style={{ marginTop: 8 }} role="alert">
          {error}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

export function ReminderSettings(): ReactNode {
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const list = useGet<ReminderPolicy[]>('/api/reminders/policies');
  const [editing, setEditing] = useState<ReminderPolicy | null>(null);
  const editable = can(me, 'settings.manage');
  const reset = async (p: ReminderPolicy) => {
    try {
      await del<ReminderPolicy>(`/api/reminders/policies/${encodeURIComponent(p.ruleKey)}`);
      message.success(T.wasReset(p.label));
      list.reload();
    } catch (e) {
      message.error(errorDetail(e));
    }
  };
  return (
    <Card size="small" title={T.title} data-testid="reminder-settings" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {T.intro}
      </Typography.Paragraph>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <List<ReminderPolicy>
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          locale={{ emptyText: T.empty }}
          rowKey={(p) => p.ruleKey}
          pagination={{ pageSize: 6, size: 'small', hideOnSinglePage: true }}
          renderItem={(p) => (
            <List.Item>
              <div style={{ width: '100%', minWidth: 0 }}>
                <div style={ROW}>
                  <Typography.Text strong>{p.label}</Typography.Text>
                  {p.steps === null ? <Tag>{T.byDefault}</Tag> : <Tag color="blue">{T.own}</Tag>}
                  {p.steps !== null && <Typography.Text type="secondary">{T.changed(p.updatedBy, p.updatedAt)}</Typography.Text>}
                </div>
                <div style={{ marginTop: 4 }}>
                  <Steps steps={p.effectiveSteps} />
                </div>
                {editable && (
                  <div style={{ ...ROW, marginTop: 8 }}>
                    <Button size="small" onClick={() => setEditing(p)}>
                      {T.edit}
                    </Button>
                    <Popconfirm title={T.resetConfirm} onConfirm={() => void reset(p)}>
                      <Button size="small" disabled={p.steps === null}>
                        {T.reset}
                      </Button>
                    </Popconfirm>
                  </div>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      {editing && <StepEditor policy={editing} onClose={() => setEditing(null)} onSaved={list.reload} />}
    </Card>
  );
}
