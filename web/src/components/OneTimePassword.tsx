/** Shows a password the server generated (a new account, a reset) once, with a copy button. */
import { Alert, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ADMIN_MSG } from '../labels.ts';

export type OneTime = { username: string; displayName: string; password: string };

export function OneTimePasswordModal({ shown, onClose }: { shown: OneTime | null; onClose: () => void }): ReactNode {
  return (
    <Modal
      title={ADMIN_MSG.oneTimeTitle}
      open={shown !== null}
      onOk={onClose}
      onCancel={onClose}
      okText="我已记下并将交给用户"
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
    >
      {shown && (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={ADMIN_MSG.oneTimeNote} />
          <Typography.Paragraph>{ADMIN_MSG.oneTimeAccount(shown.username, shown.displayName)}</Typography.Paragraph>
          <Typography.Paragraph
            className="fz-one-time"
            copyable={{ text: shown.password, tooltips: ['复制密码', '已复制'] }}
            code
            style={{ fontSize: 18, wordBreak: 'break-all' }}
          >
            {shown.password}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
