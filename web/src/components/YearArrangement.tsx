/**
 * 年度放假安排 (系统管理 → 节假日调整): which years the calendar covers, marking a year complete or not,
 * and the bulk entry of a year's notice: a form of date ranges (filled by hand, or from the pasted
 * notice text the server parses), previewed, then saved in one step. Works at 390 px: the form rows
 * wrap and the tables scroll in their own box.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import {
  ApiError,
  type ArrangementEntry,
  type ArrangementResult,
  type CalendarYearCoverage,
  del,
  errorDetail,
  type NoticeParseResult,
  post,
  put,
  useGet,
} from '../api.ts';
import { YEARS_LABEL as L } from '../labels.ts';
import { ErrorState } from './States.tsx';

const STATUS_COLOR: Record<CalendarYearCoverage['status'], string> = { library: 'green', marked: 'blue', partial: 'orange', none: 'red' };

type Row = { name: string; kind: ArrangementEntry['kind']; from: Dayjs; to: Dayjs };
type Values = { text?: string; entries: Row[]; complete: boolean };

const toEntries = (rows: readonly Row[]): ArrangementEntry[] =>
  rows.map((r) => ({ name: r.name ?? '', kind: r.kind, from: r.from?.format('YYYY-MM-DD') ?? '', to: r.to?.format('YYYY-MM-DD') ?? '' }));

export function YearArrangement({ onSaved }: { onSaved: () => void }): ReactNode {
  const years = useGet<CalendarYearCoverage[]>('/api/calendar/years');
  const [year, setYear] = useState<number | null>(null);
  const { message } = AntApp.useApp();
  const thisYear = dayjs().year();
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      years.reload();
      onSaved();
    } catch (e) {
      message.error(errorDetail(e));
    }
  };
  if (years.error) return <ErrorState error={years.error} onRetry={years.reload} />;
  // The years that matter for open deadlines: last year on.
  const rows = (years.data ?? []).filter((y) => y.year >= thisYear - 1);
  return (
    <div style={{ marginBottom: 16 }} data-testid="year-arrangement">
      <Typography.Title level={5}>{L.title}</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={L.intro} />
      <Table<CalendarYearCoverage>
        rowKey={(r) => r.year}
        size="small"
        bordered
        pagination={false}
        loading={years.loading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: L.year, render: (_v, r) => r.year },
          {
            title: L.status,
            render: (_v, r) => (
              <div>
                <Tag color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag>
                {r.markedBy && r.markedAt && <Typography.Text type="secondary">{L.marked(r.markedBy, r.markedAt)}</Typography.Text>}
              </div>
            ),
          },
          { title: L.counts, render: (_v, r) => (r.status === 'library' ? '' : L.countsText(r.holidays, r.workdays)) },
          {
            title: L.actions,
            render: (_v, r) =>
              r.status === 'library' ? null : (
                <Space wrap size={4}>
                  <Button size="small" type="primary" onClick={() => setYear(r.year)}>
                    {L.enter}
                  </Button>
                  {r.status === 'marked' ? (
                    <Popconfirm
                      title={L.unmarkConfirm}
                      onConfirm={() => void act(() => del(`/api/calendar/years/${r.year}/complete`), L.unmarkedDone)}
                    >
                      <Button size="small">{L.unmark}</Button>
                    </Popconfirm>
                  ) : (
                    r.holidays > 0 && (
                      <Popconfirm
                        title={L.markConfirm}
                        onConfirm={() => void act(() => put(`/api/calendar/years/${r.year}/complete`), L.markedDone)}
                      >
                        <Button size="small">{L.mark}</Button>
                      </Popconfirm>
                    )
                  )}
                </Space>
              ),
          },
        ]}
      />
      {year !== null && (
        <ArrangementModal
          year={year}
          onClose={() => setYear(null)}
          onSaved={() => {
            setYear(null);
            years.reload();
            onSaved();
          }}
        />
      )}
    </div>
  );
}

function ArrangementModal({ year, onClose, onSaved }: { year: number; onClose: () => void; onSaved: () => void }): ReactNode {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [parse, setParse] = useState<NoticeParseResult | null>(null);
  const [preview, setPreview] = useState<ArrangementResult | null>(null);

  /** A 400 of the service names `entries.<i>.<field>`: each goes under its row's field, the rest above the form. */
  const place = (e: unknown) => {
    if (!(e instanceof ApiError)) return setError(errorDetail(e));
    const list = e.errors.length ? e.errors : [{ field: e.field ?? '', message: e.detail }];
    const rest: string[] = [];
    const fields: Array<{ name: ['entries', number, keyof Row]; errors: string[] }> = [];
    for (const x of list) {
      const m = /^entries\.(\d+)\.(name|kind|from|to)$/.exec(x.field);
      if (m) fields.push({ name: ['entries', Number(m[1]), m[2] as keyof Row], errors: [x.message] });
      else rest.push(x.message);
    }
    form.setFields(fields);
    setError(rest.length ? rest.join('；') : fields.length ? null : e.detail);
  };

  const readNotice = async () => {
    setError(null);
    try {
      const r = await post<NoticeParseResult>(`/api/calendar/years/${year}/parse`, { text: form.getFieldValue('text') ?? '' });
      setParse(r);
      setPreview(null);
      form.setFieldValue(
        'entries',
        r.entries.map((x) => ({ name: x.name, kind: x.kind, from: dayjs(x.from), to: dayjs(x.to) })),
      );
      message.success(L.parsed(r.entries.length));
    } catch (e) {
      place(e);
    }
  };

  const send = async (dryRun: boolean) => {
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const r = await post<ArrangementResult>(`/api/calendar/years/${year}/arrangement`, {
        entries: toEntries(v.entries ?? []),
        complete: v.complete === true,
        dryRun,
      });
      if (dryRun) setPreview(r);
      else {
        message.success(L.saved(year));
        onSaved();
      }
    } catch (e) {
      place(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={L.modalTitle(year)}
      width={760}
      wrapClassName="fz-year-modal"
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {L.cancel}
        </Button>,
        <Button key="preview" onClick={() => void send(true)} loading={busy} data-testid="arrangement-preview">
          {L.preview}
        </Button>,
        <Button
          key="save"
          type="primary"
          disabled={!preview}
          title={preview ? undefined : L.needPreview}
          onClick={() => void send(false)}
          loading={busy}
          data-testid="arrangement-save"
        >
          {L.save}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ entries: [], complete: true }} onValuesChange={() => setPreview(null)}>
        <Form.Item name="text" label={L.pasteLabel}>
          <Input.TextArea rows={4} placeholder={L.pastePlaceholder} data-testid="notice-text" />
        </Form.Item>
        <Button onClick={() => void readNotice()} style={{ marginBottom: 12 }} data-testid="notice-parse">
          {L.parse}
        </Button>
        {parse && parse.problems.length > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message={L.problems} description={<List items={parse.problems} />} />
        )}
        {parse && parse.skipped.length > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={L.skipped} description={<List items={parse.skipped} />} />
        )}
        <div>
          <Typography.Text strong>{L.entries}</Typography.Text>
        </div>
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <div key={f.key} className="fz-arrangement-row" data-testid="arrangement-row">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: L.required }]} style={{ width: 140 }}>
                    <Input placeholder={L.namePlaceholder} aria-label={L.name} maxLength={20} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: L.required }]} style={{ width: 90 }}>
                    <Select options={L.kinds} aria-label={L.kind} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'from']} rules={[{ required: true, message: L.required }]} style={{ width: 140 }}>
                    <DatePicker placeholder={L.from} aria-label={L.from} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'to']} rules={[{ required: true, message: L.required }]} style={{ width: 140 }}>
                    <DatePicker placeholder={L.to} aria-label={L.to} style={{ width: '100%' }} />
                  </Form.Item>
                  <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={L.remove} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'holiday' })} block style={{ marginBottom: 12 }}>
                {L.add}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="complete" valuePropName="checked">
          <Checkbox>{L.complete}</Checkbox>
        </Form.Item>
      </Form>
      {preview && (
        <div data-testid="arrangement-preview-table">
          <Typography.Text strong>{L.previewTitle(preview.days.length, preview.removed.length)}</Typography.Text>
          <Table
            size="small"
            bordered
            pagination={false}
            scroll={{ x: 'max-content', y: 260 }}
            rowKey={(r) => r.day}
            dataSource={[
              ...preview.days.map((d) => ({ ...d, tag: L.change[d.change] })),
              ...preview.removed.map((d) => ({ ...d, tag: L.removedTag })),
            ]}
            columns={[
              { title: L.day, dataIndex: 'day' },
              {
                title: L.kind,
                render: (_v, r) =>
                  r.kind === 'holiday' ? <Tag color="green">{L.kinds[0].label}</Tag> : <Tag color="volcano">{L.kinds[1].label}</Tag>,
              },
              { title: L.name, dataIndex: 'name' },
              { title: '', dataIndex: 'tag' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}

function List({ items }: { items: readonly string[] }): ReactNode {
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {items.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  );
}
