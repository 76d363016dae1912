/** Create/edit a record in a Drawer; the form is generated from the ledger's field declarations. */
import { Alert, App as AntApp, Button, Drawer, Form, type FormRule, Space } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { type FieldMeta, type LedgerMeta, type LedgerRecord, post, put } from '../api.ts';
import { FIELD_REQUIRED, FIELD_RULE_MSG } from '../labels.ts';
import { useSession } from '../session.tsx';
import { fieldControl, type FormValues, fromFormValues, toFormValues } from './fields.tsx';
import { applyFieldError } from './formErrors.ts';

/** The form rules of a field: required, and the limits the server checks (same messages). */
function rulesOf(f: FieldMeta): FormRule[] {
  const rules: FormRule[] = [];
  if (f.required) rules.push({ required: true, message: FIELD_REQUIRED(f.label) });
  if ((f.kind === 'text' || f.kind === 'longtext') && f.maxLength !== undefined) {
    rules.push({ type: 'string', max: f.maxLength, message: FIELD_RULE_MSG.maxLength(f.label, f.maxLength) });
  }
  if (f.kind === 'int' || f.kind === 'number') {
    if (f.min !== undefined) rules.push({ type: 'number', min: f.min, message: FIELD_RULE_MSG.min(f.label, f.min) });
    if (f.max !== undefined) rules.push({ type: 'number', max: f.max, message: FIELD_RULE_MSG.max(f.label, f.max) });
  }
  return rules;
}

type Props = {
  ledger: LedgerMeta;
  /** null: a new record. */
  record: LedgerRecord | null;
  open: boolean;
  onClose: () => void;
  onSaved: (r: LedgerRecord) => void;
};

export function RecordForm({ ledger, record, open, onClose, onSaved }: Props): ReactNode {
  const { units, ledgers, me } = useSession();
  const refs = { ledgers, orgId: record?.orgId ?? me.orgId };
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
        'data.',
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
      rootClassName="fz-drawer"
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
            rules={rulesOf(f)}
          >
            {fieldControl(f, units, refs)}
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
