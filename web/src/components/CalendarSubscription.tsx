/**
 * 订阅日历: a button and a dialog that create the caller's subscription URL (shown once, with a copy
 * button and the server's QR code), replace it or stop it, with help for the usual calendar apps.
 */
import { CalendarOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Modal, Popconfirm, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { del, errorDetail, type NewSubscription, post, type SubscriptionStatus, useGet } from '../api.ts';
import { SUBSCRIPTION_MSG as M } from '../labels.ts';

export function CalendarSubscription(): ReactNode {
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [made, setMade] = useState<NewSubscription | null>(null);
  const [busy, setBusy] = useState(false);
  const status = useGet<SubscriptionStatus>(open ? '/api/calendar/subscription' : null);

  /** Runs one change, then says so and reloads the status; a refusal shows the server's message. */
  const change = async (act: () => Promise<NewSubscription | null>, done: string) => {
    setBusy(true);
    try {
      setMade(await act());
      message.success(done);
      status.reload();
    } catch (e) {
      message.error(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  const create = () => change(() => post<NewSubscription>('/api/calendar/subscription'), M.created);
  const revoke = () =>
    change(async () => {
      await del('/api/calendar/subscription');
      return null;
    }, M.revoked);
  const active = status.data?.active ?? false;

  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={() => setOpen(true)}>
        {M.button}
      </Button>
      <Modal
        open={open}
        title={M.title}
        onCancel={() => {
          setOpen(false);
          setMade(null);
        }}
        footer={<Button onClick={() => setOpen(false)}>{M.close}</Button>}
        width={520}
      >
        <Typography.Paragraph>{M.intro}</Typography.Paragraph>
        {made ? (
          <div data-testid="subscription-made">
            <Typography.Paragraph strong style={{ marginBottom: 4 }}>
              {M.url}
            </Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: made.url }} code data-testid="subscription-url" style={{ wordBreak: 'break-all' }}>
              {made.url}
            </Typography.Paragraph>
            <div
              data-testid="subscription-qr"
              style={{ width: 200, maxWidth: '100%', margin: '0 auto 4px' }}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: the server's qrcode SVG of our own subscription URL, no user text
              dangerouslySetInnerHTML={{ __html: made.qrSvg }}
            />
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
              {M.qrHint}
            </Typography.Paragraph>
          </div>
        ) : (
          active &&
          status.data?.createdAt && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={M.active(status.data.createdAt)}
              description={status.data.lastUsedAt ? M.lastUsed(status.data.lastUsedAt) : undefined}
            />
          )
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          {active || made ? (
            <Popconfirm title={M.replaceHint} onConfirm={create}>
              <Button loading={busy}>{M.replace}</Button>
            </Popconfirm>
          ) : (
            <Button type="primary" loading={busy || status.loading} onClick={create}>
              {M.create}
            </Button>
          )}
          {(active || made) && (
            <Popconfirm title={M.revokeConfirm} onConfirm={revoke}>
              <Button danger loading={busy}>
                {M.revoke}
              </Button>
            </Popconfirm>
          )}
        </Space>
        <Typography.Title level={5}>{M.helpTitle}</Typography.Title>
        <ul style={{ paddingLeft: 20 }}>
          {M.help.map((h) => (
            <li key={h}>
              <Typography.Text>{h}</Typography.Text>
            </li>
          ))}
        </ul>
        <Typography.Link href="/api/calendar/feed.ics">{M.download}</Typography.Link>
      </Modal>
    </>
  );
}
