/** 登录: the server's Chinese detail is shown as is (wrong password, locked account…). */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorDetail, type LoginAnswer, post } from '../api.ts';
import { APP_NAME } from '../labels.ts';

type Values = { username: string; password: string };

export function LoginPage({ onLoggedIn }: { onLoggedIn: (mustChangePassword: boolean) => void }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const res = await post<LoginAnswer>('/api/auth/login', { username: v.username.trim(), password: v.password });
      if (window.location.pathname === '/login') window.history.replaceState(null, '', '/');
      onLoggedIn(res.mustChangePassword);
    } catch (e) {
      setError(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="fz-login">
      <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.15)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {APP_NAME}
          </Typography.Title>
          <Typography.Text type="secondary">法治政府建设台账 · 法定期限 · 报告生成</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder="请输入用户名" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} size="large">
            登 录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}>
          连续多次输入错误密码，账户将被锁定。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
