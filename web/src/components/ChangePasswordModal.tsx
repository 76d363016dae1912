/** 修改密码 (voluntary; a one-time or expired password is replaced in a login step, before any session). */
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { PASSWORD_MSG } from '../../../src/org/password-rules.ts';
import { post } from '../api.ts';
import { applyFieldError } from './formErrors.ts';

type Values = { oldPassword: string; newPassword: string; confirm: string };

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }): ReactNode {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = AntApp.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await post('/api/me/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      form.resetFields();
      onClose();
    } catch (e) {
      setError(applyFieldError(form, e, ['oldPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="修改密码"
      open={open}
      onOk={() => void submit()}
      onCancel={onClose}
      okText="确定修改"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" extra={PASSWORD_MSG.rule} rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_r, v) =>
                !v || getFieldValue('newPassword') === v ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
