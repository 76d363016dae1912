/** The generic ledger page: one page serves every declared ledger (list, filter, create/edit, import/export). */
import { DownloadOutlined, FileExcelOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Result,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import {
  ApiError,
  del,
  errorDetail,
  get,
  type FieldMeta,
  type ImportJob,
  type LedgerMeta,
  type LedgerNotice,
  type LedgerRecord,
  post,
  type RecordPage,
  useGet,
  withQuery,
} from '../api.ts';
import { displayValue } from '../components/fields.tsx';
import { RecordDetail } from '../components/RecordDetail.tsx';
import { RecordForm } from '../components/RecordForm.tsx';
import { ErrorState } from '../components/States.tsx';
import { IMPORT_MSG, type ImportCounts, LEDGER_MSG, moduleLabel, REF_MSG } from '../labels.ts';
import { can, useSession } from '../session.tsx';

type Filters = {
  year: number | undefined;
  unitId: string | undefined;
  q: string;
  status: string | undefined;
};

/** Rows per request; further rows come by 加载更多 with the list's cursor. */
const PAGE_SIZE = 20;

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_v, i) => thisYear + 1 - i);

export default function LedgerPage(): ReactNode {
  const { key } = useParams();
  const { ledgers } = useSession();
  const ledger = ledgers.find((l) => l.key === key);
  if (!ledger) return <Result status="404" title="台账不存在" subTitle="请从左侧菜单选择台账。" />;
  return <LedgerView key={ledger.key} ledger={ledger} />;
}

function LedgerView({ ledger }: { ledger: LedgerMeta }): ReactNode {
  const { me, units } = useSession();
  const { message, modal } = AntApp.useApp();
  const canWrite = can(me, 'ledger.write');
  const [filters, setFilters] = useState<Filters>({ year: undefined, unitId: undefined, q: '', status: undefined });
  const [qInput, setQInput] = useState('');
  const [editing, setEditing] = useState<LedgerRecord | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [viewing, setViewing] = useState<LedgerRecord | null>(null);
  const [importing, setImporting] = useState(false);
  const [job, setJob] = useState<ImportJob | null>(null);

  // ?open=<id> opens that record's detail (e.g. from a link in another record's detail).
  const [params, setParams] = useSearchParams();
  const openId = params.get('open');
  useEffect(() => {
    if (!openId) return;
    let live = true;
    get<LedgerRecord>(`/api/ledgers/${encodeURIComponent(ledger.key)}/records/${encodeURIComponent(openId)}`)
      .then((r) => {
        if (live) setViewing(r);
      })
      .catch((e: unknown) => {
        if (live) message.error(`${REF_MSG.openFailed}：${errorDetail(e)}`);
      });
    return () => {
      live = false;
    };
  }, [openId, ledger.key, message]);
  const closeDetail = () => {
    setViewing(null);
    if (openId) {
      setParams(
        (p) => {
          p.delete('open');
          return p;
        },
        { replace: true },
      );
    }
  };

  const query = { year: filters.year, unitId: filters.unitId, q: filters.q, status: filters.status };
  const listUrl = withQuery(`/api/ledgers/${ledger.key}/records`, { ...query, pageSize: PAGE_SIZE });
  const list = useGet<RecordPage<LedgerRecord>>(listUrl);
  // Pages after the first, appended by 加载更多; a new first page (filters, reload) starts over.
  type More = { first: RecordPage<LedgerRecord> | undefined; items: LedgerRecord[]; next: string | null; loading: boolean };
  const [more, setMore] = useState<More>({ first: undefined, items: [], next: null, loading: false });
  useEffect(() => setMore({ first: list.data, items: [], next: list.data?.next ?? null, loading: false }), [list.data]);
  const loadMore = async () => {
    const { first, next } = more;
    if (!next) return;
    // An answer that arrives after the list was reloaded or filtered anew belongs to the old list.
    const same = (m: More) => m.first === first;
    setMore((m) => (same(m) ? { ...m, loading: true } : m));
    try {
      const p = await get<RecordPage<LedgerRecord>>(withQuery(listUrl, { after: next }));
      setMore((m) => (same(m) ? { first, items: [...m.items, ...p.items], next: p.next, loading: false } : m));
    } catch (e) {
      setMore((m) => (same(m) ? { ...m, loading: false } : m));
      message.error(`${LEDGER_MSG.loadMoreFailed}：${errorDetail(e)}`);
    }
  };
  const rows = useMemo(() => [...(list.data?.items ?? []), ...more.items], [list.data, more.items]);
  // What the records show that someone has to act on; reloaded whenever the list is.
  const notices = useGet<LedgerNotice[]>(`/api/ledgers/${encodeURIComponent(ledger.key)}/notices`);
  const reloadNotices = notices.reload;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new list answer is the trigger
  useEffect(() => reloadNotices(), [list.data, reloadNotices]);

  const statusField = ledger.statusField ? ledger.fields.find((f) => f.name === ledger.statusField) : undefined;

  const reload = list.reload;
  const remove = useCallback(
    async (r: LedgerRecord) => {
      try {
        await del(`/api/ledgers/${ledger.key}/records/${r.id}`);
        message.success('记录已删除');
        reload();
      } catch (e) {
        message.error(errorDetail(e));
      }
    },
    [ledger.key, message, reload],
  );

  const columns = useMemo<TableColumnsType<LedgerRecord>>(() => {
    const byName = (n: string | null) => (n ? ledger.fields.find((f) => f.name === n) : undefined);
    const ordered: FieldMeta[] = [];
    const add = (f: FieldMeta | undefined) => {
      if (f && !ordered.includes(f)) ordered.push(f);
    };
    add(byName(ledger.dateField));
    add(byName(ledger.titleField));
    for (const f of ledger.fields) if (f.list) add(f);
    const cols: TableColumnsType<LedgerRecord> = ordered.map((f) => ({
      key: f.name,
      title: f.label,
      width: f.kind === 'date' ? 110 : undefined,
      ellipsis: f.kind === 'text' || f.kind === 'longtext',
      render: (_v: unknown, r: LedgerRecord) =>
        f.name === ledger.titleField ? (
          <Typography.Link onClick={() => setViewing(r)}>{displayValue(f, r.data[f.name], units)}</Typography.Link>
        ) : (
          displayValue(f, r.data[f.name], units)
        ),
    }));
    cols.push({
      key: 'actions',
      title: '操作',
      width: canWrite ? 170 : 70,
      fixed: 'right',
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(r)}>
            查看
          </Button>
          {canWrite && (
            <Button
              type="link"
              size="small"
              onClick={() => {
                setEditing(r);
                setFormOpen(true);
              }}
            >
              编辑
            </Button>
          )}
          {canWrite && (
            <Popconfirm
              title="确定删除这条记录吗？"
              description="删除后将从统计中去除。"
              okText="删除"
              cancelText="取消"
              onConfirm={() => void remove(r)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
    return cols;
  }, [ledger, units, canWrite, remove]);

  const importFile = async (file: File) => {
    const fd = () => {
      const d = new FormData();
      d.append('file', file);
      return d;
    };
    const url = `/api/ledgers/${ledger.key}/import`;
    // The server answers 202 with a job at once and imports on; the job's row shows how far it has come.
    const run = async (dryRun: boolean): Promise<ImportCounts> => {
      let j = await post<ImportJob>(url, fd(), { async: 1, dryRun: dryRun ? 1 : undefined });
      try {
        setJob(j);
        while (j.status === 'running') {
          await new Promise((r) => setTimeout(r, IMPORT_POLL_MS));
          j = await get<ImportJob>(`/api/import-jobs/${encodeURIComponent(j.id)}`);
          setJob(j);
        }
      } finally {
        setJob(null);
      }
      if (j.status === 'done' && j.result) return j.result;
      const e = j.error;
      throw new ApiError(e?.status ?? 500, e?.detail ?? IMPORT_MSG.lost, e?.field, e?.errors ?? []);
    };
    setImporting(true);
    try {
      const dry = await run(true);
      if (dry.created + dry.updated === 0) {
        modal.info({ title: IMPORT_MSG.nothingTitle, content: IMPORT_MSG.nothing(file.name, dry) });
        return;
      }
      modal.confirm({
        title: IMPORT_MSG.confirmTitle,
        content: (
          <>
            <p>{IMPORT_MSG.confirm(file.name, dry)}</p>
            {dry.duplicates > 0 && <Typography.Text type="warning">{IMPORT_MSG.duplicatesHint}</Typography.Text>}
          </>
        ),
        okText: IMPORT_MSG.ok,
        cancelText: IMPORT_MSG.cancel,
        onOk: async () => {
          try {
            const res = await run(false);
            message.success(IMPORT_MSG.done(res));
            list.reload();
          } catch (e) {
            modal.error({ title: IMPORT_MSG.failedTitle, content: <ImportErrors error={e} />, width: 560 });
          }
        },
      });
    } catch (e) {
      modal.error({ title: IMPORT_MSG.checkFailedTitle, content: <ImportErrors error={e} />, width: 560 });
    } finally {
      setImporting(false);
    }
  };

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <div className="fz-page">
      <Breadcrumb
        items={[{ title: '台账' }, { title: moduleLabel(ledger.module) }, { title: ledger.label }]}
        style={{ marginBottom: 12 }}
      />
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {ledger.label}
      </Typography.Title>
      {notices.data?.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={LEDGER_MSG.notices(notices.data.length)}
          description={
            <ul className="fz-notices">
              {notices.data.map((n) => (
                <li key={n.recordId}>
                  <Typography.Link onClick={() => setParams({ open: n.recordId })}>{n.message}</Typography.Link>
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          placeholder="全部年度"
          allowClear
          style={{ width: 120 }}
          value={filters.year}
          onChange={(v: number | undefined) => set({ year: v })}
          options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
          aria-label="年度"
        />
        {ledger.unitField && (
          <Select
            placeholder="全部科室"
            allowClear
            style={{ width: 160 }}
            value={filters.unitId}
            onChange={(v: string | undefined) => set({ unitId: v })}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            aria-label="科室"
          />
        )}
        {statusField && (
          <Select
            placeholder="全部状态"
            allowClear
            style={{ width: 140 }}
            value={filters.status}
            onChange={(v: string | undefined) => set({ status: v })}
            options={(statusField.options ?? []).map((o) => ({ value: o, label: o }))}
            aria-label="状态"
          />
        )}
        <Input.Search
          placeholder="按标题搜索"
          allowClear
          style={{ width: 220 }}
          value={qInput}
          onChange={(e) => setQInput(e.target.value)}
          onSearch={(v) => set({ q: v.trim() })}
        />
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      </Space>
      <div style={{ float: 'right' }}>
        <Space wrap style={{ marginBottom: 12 }}>
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
            >
              新增
            </Button>
          )}
          {canWrite && (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void importFile(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importing}>
                导入 Excel
              </Button>
            </Upload>
          )}
          <Button icon={<FileExcelOutlined />} href={`/api/ledgers/${ledger.key}/template.xlsx`}>
            下载模板
          </Button>
          <Button icon={<DownloadOutlined />} href={withQuery(`/api/ledgers/${ledger.key}/export.xlsx`, query)}>
            导出 Excel
          </Button>
        </Space>
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <Table<LedgerRecord>
            rowKey="id"
            size="middle"
            bordered
            loading={list.loading}
            columns={columns}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            data-testid="ledger-table"
            pagination={false}
          />
          {list.data && (
            <div className="fz-list-more" data-testid="ledger-more">
              <Typography.Text type="secondary">{LEDGER_MSG.shown(rows.length, list.data.total ?? rows.length)}</Typography.Text>
              {more.next && (
                <Button block loading={more.loading} onClick={() => void loadMore()}>
                  {LEDGER_MSG.loadMore}
                </Button>
              )}
            </div>
          )}
        </>
      )}
      <RecordForm
        ledger={ledger}
        record={editing}
        open={formOpen}
        onClose={() => setFormOpen(false)}
        onSaved={() => {
          setFormOpen(false);
          list.reload();
        }}
      />
      <RecordDetail ledger={ledger} record={viewing} canWrite={canWrite} onClose={closeDetail} />
      <ImportProgress job={job} />
    </div>
  );
}

const IMPORT_POLL_MS = 500;

/** How far a running import has come: reading (rows so far), checking, writing (rows of all). */
function ImportProgress({ job }: { job: ImportJob | null }): ReactNode {
  if (!job) return null;
  const total = job.rowsTotal ?? 0;
  const percent =
    job.phase === 'writing' && total > 0
      ? 40 + Math.floor((job.rowsDone / total) * 60)
      : job.phase === 'checking'
        ? 35
        : Math.min(30, 5 + Math.floor(job.rowsDone / 2000));
  const text =
    job.phase === 'writing'
      ? IMPORT_MSG.phase.writing(job.rowsDone, total)
      : job.phase === 'checking'
        ? IMPORT_MSG.phase.checking(total)
        : IMPORT_MSG.phase.reading(job.rowsDone);
  return (
    <Modal open title={IMPORT_MSG.progressTitle(job.fileName, job.dryRun)} footer={null} closable={false} maskClosable={false}>
      <Progress percent={percent} status="active" data-testid="import-progress" />
      <p>{text}</p>
      <Typography.Text type="secondary">{IMPORT_MSG.progressHint}</Typography.Text>
    </Modal>
  );
}

/** Every bad cell of a refused import, one line each (第N行：…), or the error's detail. */
function ImportErrors({ error }: { error: unknown }): ReactNode {
  if (!(error instanceof ApiError) || error.errors.length < 2) return errorDetail(error);
  return (
    <>
      <p>{IMPORT_MSG.errorCount(error.errors.length)}</p>
      <ul style={{ maxHeight: 320, overflowY: 'auto', paddingLeft: 20, margin: 0 }} data-testid="import-errors">
        {error.errors.map((x) => (
          <li key={`${x.row ?? ''}-${x.field}-${x.message}`}>{IMPORT_MSG.line(x)}</li>
        ))}
      </ul>
    </>
  );
}
