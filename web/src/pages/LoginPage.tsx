/**
 * 登录 in steps: username and password, then whatever the server says is still owed (a new password,
 * a code of the second factor, enrolment of a second factor); the session exists only after the last
 * step. The server's Chinese detail is shown as is (wrong password, locked account, wrong code…).
 */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, type Enrolment, errorDetail, type LoginStepAnswer, post } from '../api.ts';
import { CodeField, EnrolmentView, RecoveryCodesView } from '../components/SecondFactor.tsx';
import { APP_NAME, FACTOR_MSG } from '../labels.ts';

type Stage =
  | { kind: 'password' }
  | { kind: 'change-password'; challenge: string }
  | { kind: 'second-factor'; challenge: string }
  | { kind: 'enrol-second-factor'; challenge: string; enrolment: Enrolment }
  | { kind: 'recovery-codes'; codes: string[] };

type Values = { username: string; password: string; newPassword: string; confirm: string; code: string };

const STEP_URL = {
  'change-password': '/api/auth/login/password',
  'second-factor': '/api/auth/login/second-factor',
  'enrol-second-factor': '/api/auth/login/enrol',
} as const;

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'password' });
  const [form] = Form.useForm<Values>();

  const finish = () => {
    if (window.location.pathname === '/login') window.history.replaceState(null, '', '/');
    onLoggedIn();
  };
  const follow = (res: LoginStepAnswer) => {
    form.resetFields(['code', 'newPassword', 'confirm']);
    if (res.next === 'enrol-second-factor' && res.enrolment)
      setStage({ kind: res.next, challenge: res.challenge, enrolment: res.enrolment });
    else if (res.next === 'change-password' || res.next === 'second-factor') setStage({ kind: res.next, challenge: res.challenge });
    else if (res.next === undefined && res.recoveryCodes?.length) setStage({ kind: 'recovery-codes', codes: res.recoveryCodes });
    else finish();
  };
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      if (stage.kind === 'password')
        follow(await post<LoginStepAnswer>('/api/auth/login', { username: v.username.trim(), password: v.password }));
      else if (stage.kind === 'change-password')
        follow(await post<LoginStepAnswer>(STEP_URL[stage.kind], { challenge: stage.challenge, newPassword: v.newPassword }));
      else if (stage.kind === 'second-factor' || stage.kind === 'enrol-second-factor')
        follow(await post<LoginStepAnswer>(STEP_URL[stage.kind], { challenge: stage.challenge, code: v.code.trim() }));
    } catch (e) {
      setError(errorDetail(e));
      // A step that timed out or took too many wrong codes starts again at the password.
      if (stage.kind !== 'password' && e instanceof ApiError && e.status === 401 && /重新/.test(e.detail)) restart(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  const restart = (message: string | null = null) => {
    form.resetFields(['password', 'code', 'newPassword', 'confirm']);
    setStage({ kind: 'password' });
    setError(message);
  };

  /** The submit button of a step after the first, and the way back to the password. */
  const stepActions = (label: string) => (
    <>
      <Button type="primary" htmlType="submit" block loading={busy} size="large">
        {label}
      </Button>
      <Button type="link" block onClick={() => restart()}>
        {FACTOR_MSG.back}
      </Button>
    </>
  );
  return (
    <div className="fz-login">
      <Card
        style={{ width: 400, maxWidth: 'calc(100vw - 24px)', boxShadow: '0 8px 24px rgba(0,0,0,0.15)' }}
        data-testid={`login-${stage.kind}`}
      >
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {APP_NAME}
          </Typography.Title>
          <Typography.Text type="secondary">法治政府建设台账 · 法定期限 · 报告生成</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          {stage.kind === 'password' && (
            <>
              <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
                <Input prefix={<UserOutlined />} autoComplete="username" placeholder="请输入用户名" />
              </Form.Item>
              <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} size="large">
                登 录
              </Button>
            </>
          )}
          {stage.kind === 'change-password' && (
            <>
              <Typography.Title level={5}>{FACTOR_MSG.changeTitle}</Typography.Title>
              <Typography.Paragraph type="secondary">{FACTOR_MSG.changeHint}</Typography.Paragraph>
              <Form.Item
                name="newPassword"
                label={FACTOR_MSG.newPassword}
                extra={FACTOR_MSG.passwordRule}
                rules={[{ required: true, message: '请输入新密码' }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={FACTOR_MSG.confirm}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: FACTOR_MSG.confirm },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(FACTOR_MSG.mismatch)),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              {stepActions(FACTOR_MSG.next)}
            </>
          )}
          {stage.kind === 'second-factor' && (
            <>
              <Typography.Title level={5}>{FACTOR_MSG.codeTitle}</Typography.Title>
              <Typography.Paragraph type="secondary">{FACTOR_MSG.codeHint}</Typography.Paragraph>
              <CodeField />
              {stepActions(FACTOR_MSG.submit)}
            </>
          )}
          {stage.kind === 'enrol-second-factor' && (
            <>
              <Typography.Title level={5}>{FACTOR_MSG.enrolTitle}</Typography.Title>
              <EnrolmentView enrolment={stage.enrolment} />
              <CodeField />
              {stepActions(FACTOR_MSG.confirmEnable)}
            </>
          )}
        </Form>
        {stage.kind === 'recovery-codes' && (
          <>
            <RecoveryCodesView codes={stage.codes} />
            <Button type="primary" block size="large" onClick={finish} data-testid="login-continue">
              {FACTOR_MSG.continue}
            </Button>
          </>
        )}
        {stage.kind === 'password' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}>
            连续多次输入错误密码，账户将被锁定。
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  );
}
