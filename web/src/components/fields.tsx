/**
 * Form controls and display of ledger fields, generated from the field declarations of GET /api/ledgers.
 * Dates travel as 'YYYY-MM-DD' strings; in the form they are dayjs values.
 */
import { DatePicker, Input, InputNumber, Select, Switch, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { FieldMeta, FieldValue, LedgerMeta, RecordData, Unit } from '../api.ts';
import { unitName } from '../session.tsx';
import { PersonPicker, PersonValue } from './people.tsx';
import { RefPicker, RefValue } from './refs.tsx';

export type FormValue = FieldValue | Dayjs | undefined;
export type FormValues = Record<string, FormValue>;

/** What a reference field's picker needs: the ledger declarations and the record's bureau. */
export type RefContext = { ledgers: readonly LedgerMeta[]; orgId: string | undefined };

export function fieldControl(f: FieldMeta, units: Unit[], refs?: RefContext): ReactNode {
  switch (f.kind) {
    case 'ref':
      return <RefPicker field={f} ledgers={refs?.ledgers ?? []} orgId={refs?.orgId} />;
    case 'user':
      return <PersonPicker orgId={refs?.orgId} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" placeholder="请选择日期" />;
    case 'enum':
      return <Select allowClear placeholder="请选择" options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case 'tags':
      return <Select mode="multiple" allowClear placeholder="可多选" options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case 'unit':
      return (
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="请选择科室"
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
      );
    case 'bool':
      return <Switch checkedChildren="是" unCheckedChildren="否" />;
    case 'int':
      return <InputNumber style={{ width: '100%' }} precision={0} placeholder="请输入整数" />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} placeholder="请输入数字" />;
    case 'longtext':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder="请输入" />;
    default:
      return <Input placeholder="请输入" />;
  }
}

/** Record data → form values. */
export function toFormValues(fields: FieldMeta[], data: RecordData): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    const v = data[f.name];
    if (v === undefined || v === null) continue;
    out[f.name] = f.kind === 'date' && typeof v === 'string' ? dayjs(v) : v;
  }
  return out;
}

/** Form values → record data; empty values are left out (the server treats them as not set). */
export function fromFormValues(fields: FieldMeta[], values: FormValues): RecordData {
  const out: RecordData = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === null) continue;
    if (dayjs.isDayjs(v)) {
      out[f.name] = v.format('YYYY-MM-DD');
    } else if (typeof v === 'string') {
      if (v.trim() !== '') out[f.name] = v;
    } else if (Array.isArray(v)) {
      if (v.length) out[f.name] = v;
    } else {
      out[f.name] = v;
    }
  }
  return out;
}

export function displayValue(f: FieldMeta, v: FieldValue | undefined, units: Unit[]): ReactNode {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return <span style={{ color: '#bbb' }}>—</span>;
  if (f.kind === 'bool') return v ? '是' : '否';
  if (f.kind === 'unit' && typeof v === 'string') return unitName(units, v);
  if (f.kind === 'ref') return <RefValue field={f} value={v} />;
  if (f.kind === 'user' && typeof v === 'string') return <PersonValue value={v} />;
  if (Array.isArray(v)) {
    return (
      <>
        {v.map((t) => (
          <Tag key={t}>{t}</Tag>
        ))}
      </>
    );
  }
  return String(v);
}
