/** What the login steps and 账户安全 both show of the second factor: a secret to enrol (QR code and text), recovery codes, the code field. */
import { Alert, Form, Input, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Enrolment } from '../api.ts';
import { FACTOR_MSG } from '../labels.ts';

/** The QR code (an SVG drawn by the server from the otpauth URI) and the secret for typing in. */
export function EnrolmentView({ enrolment }: { enrolment: Enrolment }): ReactNode {
  return (
    <div>
      <Typography.Paragraph type="secondary">{FACTOR_MSG.enrolHint}</Typography.Paragraph>
      <div
        data-testid="totp-qr"
        style={{ width: 200, maxWidth: '100%', margin: '0 auto 12px' }}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the server's qrcode SVG of our own otpauth URI, no user text
        dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
      />
      <Typography.Paragraph style={{ textAlign: 'center', wordBreak: 'break-all' }}>
        {FACTOR_MSG.secret}：
        <Typography.Text code copyable data-testid="totp-secret">
          {enrolment.secret}
        </Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}

/** The ten recovery codes, shown once. */
export function RecoveryCodesView({ codes }: { codes: string[] }): ReactNode {
  return (
    <div>
      <Alert
        type="warning"
        showIcon
        message={FACTOR_MSG.recoveryTitle}
        description={FACTOR_MSG.recoveryHint}
        style={{ marginBottom: 12 }}
      />
      <List
        data-testid="recovery-codes"
        size="small"
        bordered
        grid={{ gutter: 8, xs: 1, sm: 2 }}
        dataSource={codes}
        renderItem={(c) => (
          <List.Item style={{ marginBottom: 4 }}>
            <Typography.Text code>{c}</Typography.Text>
          </List.Item>
        )}
      />
      <Typography.Paragraph copyable={{ text: codes.join('\n') }} type="secondary" style={{ marginTop: 8 }}>
        {FACTOR_MSG.copyAll}
      </Typography.Paragraph>
    </div>
  );
}

/** The field of a TOTP code (or a recovery code where allowed). */
export function CodeField({ name = 'code', label = FACTOR_MSG.code }: { name?: string; label?: string }): ReactNode {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message: FACTOR_MSG.codeRequired }]}>
      <Input inputMode="numeric" autoComplete="one-time-code" placeholder={FACTOR_MSG.codePlaceholder} maxLength={40} />
    </Form.Item>
  );
}
