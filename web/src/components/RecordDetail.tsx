/** One record: its fields, its attachments (附件) and its change history (修改历史), in a drawer or on a page. */
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Input,
  List,
  Popconfirm,
  Space,
  Table,
  Tabs,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { LawCitations } from './LawCitations.tsx';
import {
  type AttachmentMeta,
  del,
  errorDetail,
  type FieldMeta,
  type HistoryEntry,
  type LedgerMeta,
  type LedgerRecord,
  post,
  type RecordLink,
  type RecordLinks,
  useGet,
} from '../api.ts';
import { actionLabel, REF_MSG } from '../labels.ts';
import { useSession } from '../session.tsx';
import { displayValue } from './fields.tsx';
import { rememberRefs } from './refs.tsx';
import { ErrorState, Loading } from './States.tsx';

type Props = { ledger: LedgerMeta; record: LedgerRecord | null; canWrite: boolean; onClose: () => void };

/** The path that opens a record of any ledger: its ledger page, with the record's detail open. */
export const recordPath = (ledger: string, id: string): string => `/ledgers/${encodeURIComponent(ledger)}?open=${encodeURIComponent(id)}`;

export function RecordDetail({ ledger, record, canWrite, onClose }: Props): ReactNode {
  return (
    <Drawer
      title={record ? `${ledger.label}：${record.title}` : ''}
      open={record !== null}
      onClose={onClose}
      width={720}
      rootClassName="fz-drawer"
      destroyOnHidden
    >
      {record && <RecordTabs ledger={ledger} record={record} canWrite={canWrite} />}
    </Drawer>
  );
}

/** The record's fields (with its links), attachments and history: the drawer's body and the record page's. */
export function RecordTabs({ ledger, record, canWrite }: { ledger: LedgerMeta; record: LedgerRecord; canWrite: boolean }): ReactNode {
  return (
    <Tabs
      items={[
        { key: 'fields', label: '记录内容', children: <Fields ledger={ledger} record={record} /> },
        { key: 'files', label: '附件', children: <Attachments recordId={record.id} canWrite={canWrite} /> },
        { key: 'history', label: '修改历史', children: <History ledger={ledger} recordId={record.id} /> },
      ]}
    />
  );
}

function Fields({ ledger, record }: { ledger: LedgerMeta; record: LedgerRecord }): ReactNode {
  const { units } = useSession();
  const hasRefs = ledger.fields.some((f) => f.kind === 'ref');
  const links = useGet<RecordLinks>(`/api/records/${encodeURIComponent(record.id)}/links`);
  const outgoing = links.data?.outgoing;
  useEffect(() => {
    if (links.data) rememberRefs([...links.data.outgoing, ...links.data.incoming]);
  }, [links.data]);
  const value = (f: FieldMeta) => {
    if (f.kind === 'ref' && outgoing) {
      const own = outgoing.filter((l) => l.field === f.name);
      if (own.length) return <LinkItems links={own} />;
    }
    const v = record.data[f.name];
    if (f.citesLaws && typeof v === 'string' && v.trim()) return <LawCitations text={v} />;
    return displayValue(f, v, units);
  };
  return (
    <>
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 140 } }}>
        {ledger.fields.map((f) => (
          <Descriptions.Item key={f.name} label={f.label}>
            <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{value(f)}</span>
          </Descriptions.Item>
        ))}
        <Descriptions.Item label="最后修改">{new Date(record.updatedAt).toLocaleString('zh-CN')}</Descriptions.Item>
        <Descriptions.Item label="版本">{record.version}</Descriptions.Item>
      </Descriptions>
      <Links links={links.data} error={links.error} loading={links.loading} onRetry={links.reload} showOutgoing={hasRefs} />
    </>
  );
}

/** 关联记录 (what this record points at, by field) and 被引用 (what points at it). */
function Links({
  links,
  error,
  loading,
  onRetry,
  showOutgoing,
}: {
  links: RecordLinks | undefined;
  error: ReturnType<typeof useGet>['error'];
  loading: boolean;
  onRetry: () => void;
  showOutgoing: boolean;
}): ReactNode {
  const navigate = useNavigate();
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (loading && !links) return <Loading />;
  if (!links) return null;
  const groups = new Map<string, RecordLink[]>();
  for (const l of links.outgoing) groups.set(l.fieldLabel, [...(groups.get(l.fieldLabel) ?? []), l]);
  const open = (l: RecordLink) => navigate(recordPath(l.ledger, l.id));
  return (
    <div data-testid="record-links">
      {(showOutgoing || links.outgoing.length > 0) && (
        <>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {REF_MSG.outgoing}
          </Typography.Title>
          {groups.size === 0 ? (
            <Typography.Text type="secondary">{REF_MSG.noOutgoing}</Typography.Text>
          ) : (
            [...groups].map(([label, items]) => (
              <div key={label} style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{label}</Typography.Text>
                <List
                  size="small"
                  dataSource={items}
                  renderItem={(l) => (
                    <List.Item key={l.id} style={{ paddingInline: 0 }}>
                      <Typography.Link onClick={() => open(l)} style={{ wordBreak: 'break-word' }}>
                        {l.title}
                      </Typography.Link>
                      <Typography.Text type="secondary" style={{ marginLeft: 8, whiteSpace: 'nowrap' }}>
                        {[l.ledgerLabel, l.occurredOn].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              </div>
            ))
          )}
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {REF_MSG.incoming}
      </Typography.Title>
      {links.incoming.length === 0 ? (
        <Typography.Text type="secondary">{REF_MSG.noIncoming}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={links.incoming}
          renderItem={(l) => (
            <List.Item key={`${l.field}-${l.id}`} style={{ paddingInline: 0, justifyContent: 'flex-start', flexWrap: 'wrap' }}>
              <Typography.Text type="secondary">{l.ledgerLabel}</Typography.Text>
              <span style={{ margin: '0 4px' }}>·</span>
              <Typography.Link onClick={() => open(l)} style={{ wordBreak: 'break-word' }}>
                {l.title}
              </Typography.Link>
              {l.occurredOn && (
                <>
                  <span style={{ margin: '0 4px' }}>·</span>
                  <Typography.Text type="secondary">{l.occurredOn}</Typography.Text>
                </>
              )}
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

/** A reference field's value from the record's links: the titles, each opening its record. */
function LinkItems({ links }: { links: RecordLink[] }): ReactNode {
  const navigate = useNavigate();
  return (
    <>
      {links.map((l, i) => (
        <span key={l.id}>
          {i > 0 && '；'}
          <Typography.Link onClick={() => navigate(recordPath(l.ledger, l.id))}>{l.title}</Typography.Link>
        </span>
      ))}
    </>
  );
}

function sizeText(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '';
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function Attachments({ recordId, canWrite }: { recordId: string; canWrite: boolean }): ReactNode {
  const list = useGet<AttachmentMeta[]>(`/api/records/${recordId}/attachments`);
  const { message } = AntApp.useApp();
  const [note, setNote] = useState('');
  const [effectiveOn, setEffectiveOn] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    const fd = new FormData();
    fd.append('note', note);
    if (effectiveOn) fd.append('effectiveOn', effectiveOn.format('YYYY-MM-DD'));
    fd.append('file', file);
    setBusy(true);
    try {
      await post(`/api/records/${recordId}/attachments`, fd);
      message.success(`已上传：${file.name}`);
      setNote('');
      list.reload();
    } catch (e) {
      message.error(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    try {
      await del(`/api/attachments/${id}`);
      message.success('附件已删除');
      list.reload();
    } catch (e) {
      message.error(errorDetail(e));
    }
  };
  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  const rows = list.data ?? [];
  return (
    <>
      {canWrite && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Input placeholder="附件说明（选填）" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 200 }} />
          <DatePicker placeholder="生效日期（选填）" value={effectiveOn} onChange={(d) => setEffectiveOn(d)} />
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              上传附件
            </Button>
          </Upload>
        </Space>
      )}
      <Table<AttachmentMeta>
        rowKey={(r) => r.id}
        size="small"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无附件" /> }}
        columns={[
          { title: '文件名', render: (_v, r) => r.filename },
          { title: '说明', render: (_v, r) => r.note },
          { title: '大小', render: (_v, r) => sizeText(r.size) },
          { title: '生效日期', render: (_v, r) => r.effectiveOn ?? '' },
          { title: '上传时间', render: (_v, r) => r.uploadedAt },
          {
            title: '操作',
            render: (_v, r) => (
              <Space>
                <Button type="link" size="small" icon={<DownloadOutlined />} href={`/api/attachments/${r.id}`} target="_blank">
                  下载
                </Button>
                {canWrite && (
                  <Popconfirm title="确定删除该附件吗？" okText="删除" cancelText="取消" onConfirm={() => void remove(r.id)}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                      删除
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function History({ ledger, recordId }: { ledger: LedgerMeta; recordId: string }): ReactNode {
  const h = useGet<HistoryEntry[]>(`/api/records/${recordId}/history`);
  if (h.loading && !h.data) return <Loading />;
  if (h.error) return <ErrorState error={h.error} onRetry={h.reload} />;
  const rows = h.data ?? [];
  if (!rows.length) return <Empty description="暂无修改记录" />;
  const label = (name: string) => ledger.fields.find((f) => f.name === name)?.label ?? name;
  const show = (v: unknown) =>
    v === null || v === undefined || v === ''
      ? '（空）'
      : Array.isArray(v)
        ? v.join('、')
        : typeof v === 'boolean'
          ? v
            ? '是'
            : '否'
          : String(v);
  return (
    <Timeline
      items={rows.map((e) => {
        let detail: Record<string, unknown> = {};
        try {
          detail = typeof e.detail === 'string' ? (JSON.parse(e.detail) as Record<string, unknown>) : e.detail;
        } catch {
          detail = {};
        }
        const changed =
          detail.changed && typeof detail.changed === 'object' ? (detail.changed as Record<string, { from: unknown; to: unknown }>) : null;
        return {
          children: (
            <div>
              <Typography.Text strong>{actionLabel(e.action)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {new Date(e.at).toLocaleString('zh-CN')} · {e.username}
              </Typography.Text>
              {changed &&
                Object.entries(changed).map(([k, c]) => (
                  <div key={k} style={{ fontSize: 13 }}>
                    {label(k)}：{show(c.from)} → {show(c.to)}
                  </div>
                ))}
            </div>
          ),
        };
      })}
    />
  );
}
