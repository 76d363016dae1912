/**
 * 账户安全: the signed-in user's e-mail address (where e-mail reminders go) and second factor. Anyone may enrol (QR code, then a first code, then
 * the recovery codes shown once); disabling or renewing the recovery codes needs a current code or the
 * password; a role that must have a second factor cannot disable it (the server refuses too).
 */
import { App as AntApp, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { type Enrolment, errorDetail, post, put, type SecondFactorStatus, useGet } from '../api.ts';
import { applyFieldError } from '../components/formErrors.ts';
import { CodeField, EnrolmentView, RecoveryCodesView } from '../components/SecondFactor.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { FACTOR_MSG } from '../labels.ts';

/** A 6-digit code or a recovery code goes as `code`, anything else as the password. */
const proofOf = (s: string) =>
  /^\d{6}$/.test(s.trim()) || /^[0-9A-Za-z]{4}(-?[0-9A-Za-z]{4}){3}$/.test(s.trim()) ? { code: s.trim() } : { password: s };

export default function AccountPage(): ReactNode {
  const status = useGet<SecondFactorStatus>('/api/me/second-factor');
  const { message } = AntApp.useApp();
  const [enrolling, setEnrolling] = useState<{ challenge: string; enrolment: Enrolment } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const [proofForm] = Form.useForm<{ proof: string }>();

  const run = async (fn: () => Promise<void>, onError: (e: unknown) => void) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    run(
      async () => setEnrolling(await post<{ challenge: string; enrolment: Enrolment }>('/api/me/second-factor/enrol')),
      (e) => message.error(errorDetail(e)),
    );
  const confirm = (v: { code: string }) =>
    run(
      async () => {
        if (!enrolling) return;
        const r = await post<{ recoveryCodes: string[] }>('/api/me/second-factor/confirm', {
          challenge: enrolling.challenge,
          code: v.code.trim(),
        });
        setEnrolling(null);
        setCodes(r.recoveryCodes);
        message.success(FACTOR_MSG.enabled);
        status.reload();
      },
      (e) => {
        const rest = applyFieldError(form, e, ['code']);
        if (rest) message.error(rest);
      },
    );
  const withProof = (what: 'disable' | 'renew') =>
    run(
      async () => {
        const { proof } = await proofForm.validateFields();
        if (what === 'disable') {
          await post('/api/me/second-factor/disable', proofOf(proof));
          message.success(FACTOR_MSG.disabled);
        } else {
          setCodes((await post<{ recoveryCodes: string[] }>('/api/me/second-factor/recovery-codes', proofOf(proof))).recoveryCodes);
          message.success(FACTOR_MSG.renewed);
        }
        proofForm.resetFields();
        status.reload();
      },
      (e) => {
        if (typeof e === 'object' && e !== null && 'errorFields' in e) return; // the form's own check
        proofForm.setFields([{ name: 'proof', errors: [errorDetail(e)] }]);
      },
    );

  if (status.error) return <ErrorState error={status.error} onRetry={status.reload} />;
  const s = status.data;
  if (!s) return <Loading />;
  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={4}>{FACTOR_MSG.accountMenu}</Typography.Title>
      <EmailCard />
      <Card title={FACTOR_MSG.codeTitle} data-testid="second-factor-card">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={s.enrolled ? 'green' : 'default'}>{s.enrolled ? FACTOR_MSG.statusOn : FACTOR_MSG.statusOff}</Tag>
            {s.enrolledAt && <Typography.Text type="secondary">{FACTOR_MSG.enrolledAt(s.enrolledAt)}</Typography.Text>}
            {s.enrolled && <Typography.Text type="secondary">{FACTOR_MSG.codesLeft(s.recoveryCodesLeft)}</Typography.Text>}
          </Space>
          <Typography.Text type="secondary">
            {s.mode === 'off' ? FACTOR_MSG.modeOff : s.required ? FACTOR_MSG.required : FACTOR_MSG.optional}
          </Typography.Text>
          {codes && (
            <>
              <RecoveryCodesView codes={codes} />
              <Button onClick={() => setCodes(null)}>{FACTOR_MSG.done}</Button>
            </>
          )}
          {!codes && !s.enrolled && s.mode !== 'off' && !enrolling && (
            <Button type="primary" onClick={() => void start()} loading={busy}>
              {FACTOR_MSG.enable}
            </Button>
          )}
          {enrolling && (
            <Form form={form} layout="vertical" onFinish={(v) => void confirm(v)} requiredMark={false}>
              <EnrolmentView enrolment={enrolling.enrolment} />
              <CodeField />
              <Button type="primary" htmlType="submit" loading={busy}>
                {FACTOR_MSG.confirmEnable}
              </Button>
            </Form>
          )}
          {!codes && s.enrolled && (
            <Form form={proofForm} layout="vertical" requiredMark={false}>
              <Form.Item name="proof" label={FACTOR_MSG.proof} rules={[{ required: true, message: FACTOR_MSG.proofRequired }]}>
                <Input.Password autoComplete="off" />
              </Form.Item>
              <Space wrap>
                <Button onClick={() => void withProof('renew')} loading={busy}>
                  {FACTOR_MSG.renew}
                </Button>
                {!s.required && (
                  <Button danger onClick={() => void withProof('disable')} loading={busy}>
                    {FACTOR_MSG.disable}
                  </Button>
                )}
              </Space>
            </Form>
          )}
        </Space>
      </Card>
    </div>
  );
}

/** The user's own e-mail address; the server checks its form and names the field when it refuses. */
function EmailCard(): ReactNode {
  const current = useGet<{ email: string | null }>('/api/me/email');
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ email: string }>();
  const [busy, setBusy] = useState(false);
  if (current.error) return <ErrorState error={current.error} onRetry={current.reload} />;
  if (!current.data) return <Loading />;
  const save = async (v: { email?: string }) => {
    setBusy(true);
    try {
      await put('/api/me/email', { email: v.email?.trim() || null });
      message.success(FACTOR_MSG.emailSaved);
      current.reload();
    } catch (e) {
      const rest = applyFieldError(form, e, ['email']);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={FACTOR_MSG.emailTitle} data-testid="email-card" style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ email: current.data.email ?? '' }}
        onFinish={(v) => void save(v)}
        requiredMark={false}
      >
        <Form.Item name="email" label={FACTOR_MSG.emailTitle} extra={FACTOR_MSG.emailHint}>
          <Input type="email" autoComplete="email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {FACTOR_MSG.emailSave}
        </Button>
      </Form>
    </Card>
  );
}
