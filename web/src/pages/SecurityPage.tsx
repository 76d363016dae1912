/** 安全管理 (安全管理员): reset passwords, unlock accounts, change roles, 停用/启用. */
import { Alert, App as AntApp, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorDetail, put, type UserRow, useGet } from '../api.ts';
import { applyFieldError } from '../components/formErrors.ts';
import { ErrorState } from '../components/States.tsx';
import { userIdentityColumns } from '../components/userColumns.tsx';
import { ROLE_LABELS } from '../labels.ts';
import { useSession } from '../session.tsx';

type Change = { password?: string; unlock?: boolean; role?: string; active?: boolean };

export default function SecurityPage(): ReactNode {
  const { me } = useSession();
  const users = useGet<UserRow[]>('/api/users');
  const { message } = AntApp.useApp();
  const [target, setTarget] = useState<{ user: UserRow; what: 'password' | 'role' } | null>(null);
  const [form] = Form.useForm<{ password: string; role: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (u: UserRow, body: Change, ok: string): Promise<boolean> => {
    try {
      await put(`/api/users/${u.id}/security`, body);
      message.success(ok);
      users.reload();
      return true;
    } catch (e) {
      message.error(errorDetail(e));
      return false;
    }
  };
  const submitDialog = async () => {
    if (!target) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const body: Change = target.what === 'password' ? { password: v.password } : { role: v.role };
      await put(`/api/users/${target.user.id}/security`, body);
      message.success(target.what === 'password' ? '密码已重置，用户下次登录时须修改密码' : '角色已调整');
      setTarget(null);
      users.reload();
    } catch (e) {
      setError(applyFieldError(form, e, ['password', 'role']));
    } finally {
      setBusy(false);
    }
  };

  if (users.error) return <ErrorState error={users.error} onRetry={users.reload} />;
  const now = new Date().toISOString();
  return (
    <div className="fz-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        安全管理
      </Typography.Title>
      <Table<UserRow>
        rowKey="id"
        size="small"
        bordered
        loading={users.loading}
        dataSource={users.data ?? []}
        columns={[
          ...userIdentityColumns(me),
          {
            title: '状态',
            render: (_v, u) => (
              <Space size={4}>
                {u.active ? <Tag color="green">正常</Tag> : <Tag>已停用</Tag>}
                {u.locked_until && u.locked_until > now && <Tag color="red">已锁定</Tag>}
                {u.failed_count > 0 && <Tag color="orange">密码错误 {u.failed_count} 次</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            render: (_v, u) => (
              <Space size={0} wrap>
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    form.resetFields();
                    setError(null);
                    setTarget({ user: u, what: 'password' });
                  }}
                >
                  重置密码
                </Button>
                <Button type="link" size="small" onClick={() => void change(u, { unlock: true }, '已解锁')}>
                  解锁
                </Button>
                <Button
                  type="link"
                  size="small"
                  disabled={u.id === me.id}
                  onClick={() => {
                    form.setFieldsValue({ role: u.role });
                    setError(null);
                    setTarget({ user: u, what: 'role' });
                  }}
                >
                  调整角色
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
      <Modal
        title={target ? `${target.what === 'password' ? '重置密码' : '调整角色'}：${target.user.display_name}` : ''}
        open={target !== null}
        onOk={() => void submitDialog()}
        onCancel={() => setTarget(null)}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        forceRender
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          {target?.what === 'password' && (
            <Form.Item
              name="password"
              label="新密码"
              extra="用户下次登录时须修改密码"
              rules={[{ required: true, message: '请输入新密码' }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          {target?.what === 'role' && (
            <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
              <Select options={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
