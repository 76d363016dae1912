/**
 * The header's bell: the unread count of the signed-in user's notifications (read again every
 * minute and whenever the list changes), and a drawer listing them; a notification opens its record
 * and counts as read. The drawer is at most the screen's width, so it works on a 390px phone.
 */
import { BellOutlined } from '@ant-design/icons';
import { App as AntApp, Badge, Button, Drawer, List, Space, Switch, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorDetail, get, type NotificationList, type NotificationView, post } from '../api.ts';
import { NOTIFY_MSG } from '../labels.ts';

const POLL_MS = 60_000;

const at = (iso: string): string => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export function NotificationBell({ narrow }: { narrow: boolean }): ReactNode {
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(0);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [list, setList] = useState<NotificationView[] | null>(null);
  const [loading, setLoading] = useState(false);

  const refreshCount = useCallback(() => {
    get<{ unread: number }>('/api/notifications/unread-count')
      .then((r) => setUnread(r.unread))
      // The count is a hint: a failed poll leaves the last one and the next poll tries again.
      .catch(() => {});
  }, []);
  useEffect(() => {
    refreshCount();
    const t = setInterval(refreshCount, POLL_MS);
    return () => clearInterval(t);
  }, [refreshCount]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await get<NotificationList>('/api/notifications', { unread: unreadOnly ? 1 : undefined });
      setList(r.items);
      setUnread(r.unread);
    } catch (e) {
      message.error(errorDetail(e));
    } finally {
      setLoading(false);
    }
  }, [unreadOnly, message]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const openOne = async (n: NotificationView) => {
    try {
      if (!n.readAt) setUnread((await post<{ unread: number }>(`/api/notifications/${encodeURIComponent(n.id)}/read`)).unread);
    } catch (e) {
      message.error(errorDetail(e));
    }
    setOpen(false);
    if (n.link) navigate(n.link);
  };
  const readAll = async () => {
    try {
      const r = await post<{ marked: number; unread: number }>('/api/notifications/read-all');
      message.success(NOTIFY_MSG.readAllDone(r.marked));
      setUnread(r.unread);
      await load();
    } catch (e) {
      message.error(errorDetail(e));
    }
  };

  return (
    <>
      <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count">
        <Button
          size="small"
          ghost
          icon={<BellOutlined />}
          onClick={() => setOpen(true)}
          aria-label={NOTIFY_MSG.bellCount(unread)}
          title={NOTIFY_MSG.bellCount(unread)}
          data-testid="notification-bell"
        >
          {narrow ? null : NOTIFY_MSG.bell}
        </Button>
      </Badge>
      <Drawer
        title={NOTIFY_MSG.title}
        open={open}
        onClose={() => setOpen(false)}
        width={narrow ? '100%' : 440}
        rootClassName="fz-drawer"
        destroyOnHidden
      >
        <Space wrap style={{ marginBottom: 8 }}>
          <Space size={4}>
            <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} aria-label={NOTIFY_MSG.unreadOnly} />
            <span>{NOTIFY_MSG.unreadOnly}</span>
          </Space>
          <Button size="small" onClick={() => void readAll()} disabled={unread === 0} data-testid="notification-read-all">
            {NOTIFY_MSG.readAll}
          </Button>
        </Space>
        <List<NotificationView>
          loading={loading}
          dataSource={list ?? []}
          locale={{ emptyText: NOTIFY_MSG.empty }}
          rowKey={(n) => n.id}
          data-testid="notification-list"
          renderItem={(n) => (
            <List.Item
              data-testid="notification-item"
              style={{ cursor: n.link ? 'pointer' : 'default', alignItems: 'flex-start' }}
              onClick={() => void openOne(n)}
            >
              <div style={{ width: '100%', minWidth: 0 }}>
                <Space size={6} align="start">
                  {!n.readAt && <Badge status="processing" title={NOTIFY_MSG.unread} />}
                  <Typography.Text strong={!n.readAt} style={{ overflowWrap: 'anywhere' }}>
                    {n.title}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph
                  type="secondary"
                  style={{ fontSize: 12, margin: '4px 0 0', whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}
                >
                  {n.body}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {at(n.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}
