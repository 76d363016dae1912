/**
 * 安全管理 (安全管理员): the accounts of its bureau and the bureaus below it (picked with the bureau
 * selector): reset a password (to a one-time password the server generates, shown once), unlock,
 * 停用/启用, reset an enrolled second factor (a lost phone), list and end sessions; and the creation
 * of 系统管理员 and 审计管理员 accounts. Roles are not changed here (三员分立: business roles are the
 * 系统管理员's, 三员 accounts never change kind).
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Drawer, Form, Grid, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { type AccountCreated, del, errorDetail, post, put, type UserRow, type UserSession, useGet, withQuery } from '../api.ts';
import { applyFieldError } from '../components/formErrors.ts';
import { type OneTime, OneTimePasswordModal } from '../components/OneTimePassword.tsx';
import { ErrorState } from '../components/States.tsx';
import { AccountFields, BureauSelect, FormModal, userIdentityColumns } from '../components/userColumns.tsx';
import { TodoPanel } from '../components/TodoPanel.tsx';
import { ADMIN_MSG, ROLE_LABELS } from '../labels.ts';
import { useSession } from '../session.tsx';

type Change = { resetPassword?: boolean; unlock?: boolean; active?: boolean };
type AdminValues = { username: string; displayName: string; role: string; orgId: string };

/** The 三员 accounts a 安全管理员 creates (never another 安全管理员). */
const ADMIN_ROLE_OPTIONS = ['sysadmin', 'auditor'].map((value) => ({ value, label: ROLE_LABELS[value] }));
const time = (iso: string) => new Date(iso).toLocaleString('zh-CN');

export default function SecurityPage(): ReactNode {
  const { me } = useSession();
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const users = useGet<UserRow[]>(withQuery('/api/users', { orgId }));
  const { message } = AntApp.useApp();
  const [shown, setShown] = useState<OneTime | null>(null);
  const [sessionsOf, setSessionsOf] = useState<UserRow | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<AdminValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (u: UserRow, body: Change, ok: string): Promise<void> => {
    try {
      const r = await put<{ ok: true; password?: string }>(`/api/users/${u.id}/security`, body);
      if (r.password) setShown({ username: u.username, displayName: u.display_name, password: r.password });
      message.success(ok);
      users.reload();
    } catch (e) {
      message.error(errorDetail(e));
    }
  };
  const resetFactor = async (u: UserRow): Promise<void> => {
    try {
      await post<{ ok: true }>(`/api/users/${u.id}/second-factor/reset`, {});
      message.success(ADMIN_MSG.resetFactorOk);
      users.reload();
    } catch (e) {
      message.error(errorDetail(e));
    }
  };
  const create = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await post<AccountCreated>('/api/users', v);
      setCreating(false);
      form.resetFields();
      setShown({ username: v.username, displayName: v.displayName, password: r.password });
      users.reload();
    } catch (e) {
      setError(applyFieldError(form, e, ['username', 'displayName', 'role', 'orgId']));
    } finally {
      setBusy(false);
    }
  };

  if (users.error) return <ErrorState error={users.error} onRetry={users.reload} />;
  const now = new Date().toISOString();
  return (
    <div className="fz-page">
      <TodoPanel />
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        安全管理
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <BureauSelect me={me} value={orgId} onChange={setOrgId} />
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            form.setFieldsValue({ orgId: orgId ?? me.orgId, role: 'auditor' });
            setError(null);
            setCreating(true);
          }}
        >
          {ADMIN_MSG.createAdmin}
        </Button>
      </Space>
      <Table<UserRow>
        rowKey="id"
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        loading={users.loading}
        dataSource={users.data ?? []}
        columns={[
          ...userIdentityColumns(me),
          {
            title: '状态',
            render: (_v, u) => (
              <Space size={4} wrap>
                {u.active ? <Tag color="green">正常</Tag> : <Tag>已停用</Tag>}
                {u.locked_until && u.locked_until > now && <Tag color="red">已锁定</Tag>}
                {u.failed_count > 0 && <Tag color="orange">密码错误 {u.failed_count} 次</Tag>}
                {u.must_change_password && <Tag color="gold">{ADMIN_MSG.mustChange}</Tag>}
                {u.second_factor && <Tag color="blue">{ADMIN_MSG.factorOn}</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            render: (_v, u) => (
              <Space size={0} wrap>
                <Popconfirm
                  title={ADMIN_MSG.resetConfirm(u.display_name)}
                  okText="重置"
                  cancelText="取消"
                  onConfirm={() => void change(u, { resetPassword: true }, '密码已重置')}
                >
                  <Button type="link" size="small" disabled={u.id === me.id}>
                    重置密码
                  </Button>
                </Popconfirm>
                <Button type="link" size="small" onClick={() => void change(u, { unlock: true }, '已解锁')}>
                  解锁
                </Button>
                {u.second_factor && (
                  <Popconfirm
                    title={ADMIN_MSG.resetFactorConfirm(u.display_name)}
                    okText="重置"
                    cancelText="取消"
                    onConfirm={() => void resetFactor(u)}
                  >
                    <Button type="link" size="small" disabled={u.id === me.id}>
                      {ADMIN_MSG.resetFactor}
                    </Button>
                  </Popconfirm>
                )}
                <Button type="link" size="small" onClick={() => setSessionsOf(u)}>
                  {ADMIN_MSG.sessions}
                </Button>
                {u.active ? (
                  <Popconfirm
                    title={`确定停用用户“${u.display_name}”吗？`}
                    okText="停用"
                    cancelText="取消"
                    onConfirm={() => void change(u, { active: false }, '已停用')}
                  >
                    <Button type="link" size="small" danger disabled={u.id === me.id}>
                      停用
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" onClick={() => void change(u, { active: true }, '已启用')}>
                    启用
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormModal
        title={ADMIN_MSG.createAdmin}
        open={creating}
        okText="创建"
        busy={busy}
        error={error}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
      >
        <Alert type="info" showIcon message={`${ADMIN_MSG.createAdminNote}；${ADMIN_MSG.generatedNote}`} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical">
          <AccountFields me={me} roleOptions={ADMIN_ROLE_OPTIONS} />
        </Form>
      </FormModal>
      <SessionsDrawer user={sessionsOf} onClose={() => setSessionsOf(null)} />
      <OneTimePasswordModal shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}

/** The sessions of one account: when opened, last seen, from where; end one or all. */
function SessionsDrawer({ user, onClose }: { user: UserRow | null; onClose: () => void }): ReactNode {
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const list = useGet<UserSession[]>(user ? `/api/users/${user.id}/sessions` : null);
  const { message } = AntApp.useApp();
  const end = async (path: string) => {
    try {
      const r = await del<{ ended: number }>(path);
      message.success(ADMIN_MSG.ended(r.ended));
      list.reload();
    } catch (e) {
      message.error(errorDetail(e));
    }
  };
  return (
    <Drawer
      open={user !== null}
      onClose={onClose}
      width={narrow ? '100%' : 640}
      title={user ? ADMIN_MSG.sessionsTitle(user.display_name) : ''}
      rootClassName="fz-drawer"
      destroyOnHidden
      extra={
        user && (list.data?.length ?? 0) > 0 ? (
          <Popconfirm
            title={ADMIN_MSG.endAllConfirm}
            okText="结束"
            cancelText="取消"
            onConfirm={() => void end(`/api/users/${user.id}/sessions`)}
          >
            <Button danger size="small">
              {ADMIN_MSG.endAll}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<UserSession>
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={list.loading}
          dataSource={list.data ?? []}
          locale={{ emptyText: ADMIN_MSG.noSessions }}
          columns={[
            { title: ADMIN_MSG.sessionCreated, render: (_v, r) => time(r.createdAt) },
            { title: ADMIN_MSG.sessionSeen, render: (_v, r) => time(r.lastSeenAt) },
            { title: ADMIN_MSG.sessionIp, dataIndex: 'ip' },
            {
              title: '操作',
              render: (_v, r) =>
                user && (
                  <Button type="link" size="small" danger onClick={() => void end(`/api/users/${user.id}/sessions/${r.id}`)}>
                    {ADMIN_MSG.endOne}
                  </Button>
                ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
