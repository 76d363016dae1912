/** Create/edit a record in a Drawer; the form is generated from the ledger's field declarations. */
import { Alert, App as AntApp, Button, Drawer, Form, Space } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { type LedgerMeta, type LedgerRecord, post, put } from '../api.ts';
import { FIELD_REQUIRED } from '../labels.ts';
import { useSession } from '../session.tsx';
import { fieldControl, type FormValues, fromFormValues, toFormValues } from './fields.tsx';
import { applyFieldError } from './formErrors.ts';

type Props = {
  ledger: LedgerMeta;
  /** null: a new record. */
  record: LedgerRecord | null;
  open: boolean;
  onClose: () => void;
  onSaved: (r: LedgerRecord) => void;
};

export function RecordForm({ ledger, record, open, onClose, onSaved }: Props): ReactNode {
  const { units } = useSession();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = AntApp.useApp();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (record) form.setFieldsValue(toFormValues(ledger.fields, record.data));
  }, [open, record, ledger, form]);

  const submit = async () => {
    setError(null);
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const data = fromFormValues(ledger.fields, values);
    setBusy(true);
    try {
      const saved = record
        ? await put<LedgerRecord>(`/api/ledgers/${ledger.key}/records/${record.id}`, { data, version: record.version })
        : await post<LedgerRecord>(`/api/ledgers/${ledger.key}/records`, { data });
      message.success(record ? '已保存修改' : '已新增记录');
      onSaved(saved);
    } catch (e) {
      const rest = applyFieldError(
        form,
        e,
        ledger.fields.map((f) => f.name),
      );
      if (rest) setError(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={`${record ? '编辑' : '新增'}：${ledger.label}`}
      open={open}
      onClose={onClose}
      width={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="record-save">
            保存
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="record-form-error" />}
      <Form form={form} name="record" layout="vertical" onFinish={() => void submit()}>
        {ledger.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            extra={f.help}
            valuePropName={f.kind === 'bool' ? 'checked' : 'value'}
            rules={f.required ? [{ required: true, message: FIELD_REQUIRED(f.label) }] : undefined}
          >
            {fieldControl(f, units)}
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
