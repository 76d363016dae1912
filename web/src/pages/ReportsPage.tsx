/**
 * 报告: drafts list, 生成报告, preview (sandboxed iframe), check issues, paragraph editing that keeps
 * figure references, 刷新数据, 定稿 (leaders), 下载 Word, 版本记录. One working draft per bureau, kind,
 * year and roll-up: 生成 on one that exists makes a new version of it (asking first when that loses edits).
 */
import { CheckCircleOutlined, DownloadOutlined, FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Col,
  Empty,
  Form,
  List,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import {
  ApiError,
  apiText,
  errorDetail,
  type FigureCatalogItem,
  post,
  put,
  type Page,
  type ReportChange,
  type ReportCreated,
  type ReportKindInfo,
  type ReportListItem,
  type ReportStatus,
  type ReportVersionItem,
  type ReportWithIssues,
  useGet,
} from '../api.ts';
import { ReportCheck } from '../components/ReportCheck.tsx';
import { ReportSettingsButton } from '../components/ReportSettings.tsx';
import { type FigureInfo, ReportEditor } from '../components/ReportEditor.tsx';
import { ReportPreview } from '../components/ReportPreview.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { can, useSession } from '../session.tsx';

const MSG = {
  regenerate:
    '将按最新台账和模板重新生成全文。“专干撰写”的内容和已做的确认会保留；改写的段落、新增的段落以及对标题、主送机关、署名、成文日期的修改将丢失。',
};

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_v, i) => thisYear - i + 1);

type KindOption = { value: string; label: string; hint: string };

function kindOptions(kinds: readonly ReportKindInfo[]): KindOption[] {
  return kinds.map((k) => ({ value: k.kind, label: k.label, hint: k.yearHint }));
}

/** Only the working draft changes; a final (current or superseded) is locked. */
function isFinal(r: { status: ReportStatus }): boolean {
  return r.status !== 'draft';
}

const STATUS: Record<ReportStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'blue' },
  final: { label: '现行定稿', color: 'green' },
  superseded: { label: '已被取代', color: 'default' },
};

function StatusTag({ status }: { status: ReportStatus }): ReactNode {
  return <Tag color={STATUS[status].color}>{STATUS[status].label}</Tag>;
}

const CHANGES: Record<ReportChange, string> = { generate: '生成', edit: '修改', confirm: '确认', refresh: '刷新数据', finalize: '定稿' };

const at = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
const on = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');

/** 版本, 生成时间, 修改人, 定稿人 and 定稿时间 of a list row, in one wrapping line. */
function RowMeta({ r, onOpen }: { r: ReportListItem; onOpen: (id: string) => void }): ReactNode {
  const next = r.supersededBy;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      第{r.version}版 · 生成于{at(r.generatedAt)} · 修改人：{r.updatedByName}
      {r.finalizedAt && ` · 定稿人：${r.finalizedByName ?? ''}（${on(r.finalizedAt)}）`}
      {next && (
        <>
          {' · '}
          <Typography.Link
            onClick={(e) => {
              e.stopPropagation();
              onOpen(next.id);
            }}
          >
            已被第{next.version}版取代
          </Typography.Link>
        </>
      )}
    </Typography.Text>
  );
}

export default function ReportsPage(): ReactNode {
  const { me } = useSession();
  const list = useGet<ReportListItem[]>('/api/reports');
  const kinds = useGet<ReportKindInfo[]>('/api/reports/kinds');
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // Generating again can answer with the draft already open (a new version of it): show it afresh.
  const [generated, setGenerated] = useState(0);
  const options = kindOptions(kinds.data ?? []);
  const kindLabel = (k: string) => options.find((o) => o.value === k)?.label ?? k;
  const rows = list.data ?? [];

  return (
    <Row gutter={16}>
      <Col xs={24} xl={8}>
        <div className="fz-page">
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              报告
            </Typography.Title>
            {can(me, 'report.write') && <ReportSettingsButton />}
            {can(me, 'report.write') && (
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => setCreating(true)} disabled={Boolean(kinds.error)}>
                生成报告
              </Button>
            )}
          </Space>
          {list.error ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : (
            <Table<ReportListItem>
              size="small"
              rowKey={(r) => r.id}
              loading={list.loading}
              dataSource={rows}
              pagination={{ pageSize: 10 }}
              onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
              rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
              locale={{ emptyText: <Empty description="还没有报告，点击“生成报告”" /> }}
              columns={[
                {
                  title: '报告',
                  render: (_v, r) => (
                    <div data-testid="report-row">
                      <div>
                        {r.title || r.kindLabel || kindLabel(r.kind)}
                        {r.rollup && (
                          <Tag style={{ marginLeft: 4 }} color="purple">
                            含下级
                          </Tag>
                        )}
                      </div>
                      <RowMeta r={r} onOpen={setSelected} />
                    </div>
                  ),
                },
                { title: '年度', width: 64, render: (_v, r) => r.year },
                { title: '状态', width: 96, render: (_v, r) => <StatusTag status={r.status} /> },
              ]}
            />
          )}
        </div>
      </Col>
      <Col xs={24} xl={16}>
        {selected ? (
          <ReportView key={`${selected}:${generated}`} id={selected} onChanged={list.reload} onOpen={setSelected} />
        ) : (
          <div className="fz-page">
            <Empty description="请在左侧选择一份报告" />
          </div>
        )}
      </Col>
      <CreateModal
        open={creating}
        options={options}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          list.reload();
          setSelected(id);
          setGenerated((n) => n + 1);
        }}
      />
    </Row>
  );
}

function CreateModal({
  open,
  options,
  onClose,
  onCreated,
}: {
  open: boolean;
  options: KindOption[];
  onClose: () => void;
  onCreated: (id: string) => void;
}): ReactNode {
  const { me } = useSession();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<{ kind: string; year: number; rollup: boolean }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const supervises = me.orgs.some((o) => o.parent_id === me.orgId);
  const kind = Form.useWatch('kind', form);
  const hint = options.find((o) => o.value === kind)?.hint;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    const send = (overwrite: boolean) =>
      post<ReportCreated>('/api/reports', { kind: v.kind, year: v.year, rollup: v.rollup || undefined, overwrite: overwrite || undefined });
    try {
      let r: ReportCreated;
      try {
        r = await send(false);
      } catch (e) {
        // The working draft was edited since it was generated: regenerating overwrites that, so ask.
        if (!(e instanceof ApiError && e.status === 409 && e.field === 'overwrite')) throw e;
        const go = await modal.confirm({
          title: '重新生成草稿？',
          content: `${e.detail}，是否继续？`,
          okText: '重新生成',
          cancelText: '取消',
        });
        if (!go) return;
        r = await send(true);
      }
      message.success(r.regenerated ? `已重新生成原草稿（第${r.version}版）` : `已生成草稿（第${r.version}版）`);
      onCreated(r.id);
    } catch (e) {
      setError(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="生成报告"
      open={open}
      onOk={() => void submit()}
      onCancel={onClose}
      okText="生成"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ year: thisYear, rollup: false }} preserve={false}>
        <Form.Item name="kind" label="报告类型" rules={[{ required: true, message: '请选择报告类型' }]}>
          <Select options={options} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="year" label="年度" extra={hint} rules={[{ required: true, message: '请选择年度' }]}>
          <Select options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} />
        </Form.Item>
        {supervises && (
          <Form.Item name="rollup" label="含下级单位数据" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The draft's figures for the editor: each value and the values of its groups (breakdown) by name. */
function snapshotValues(r: ReportWithIssues): Record<string, FigureInfo> {
  const out: Record<string, FigureInfo> = {};
  for (const [key, v] of Object.entries(r.figures.values)) {
    const parts: Record<string, number> = {};
    for (const g of v.breakdown ?? []) parts[g.label] = (parts[g.label] ?? 0) + g.value;
    out[key] = { label: v.label || key, unit: v.unit, value: v.value, parts };
  }
  return out;
}

function ReportView({ id, onChanged, onOpen }: { id: string; onChanged: () => void; onOpen: (id: string) => void }): ReactNode {
  const { me } = useSession();
  const { message, modal } = AntApp.useApp();
  const report = useGet<ReportWithIssues>(`/api/reports/${id}`);
  const [html, setHtml] = useState<{ text: string; error: string | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [finalizing, setFinalizing] = useState(false);
  const [secrecy, setSecrecy] = useState(false);
  const [force, setForce] = useState(false);
  const [htmlTick, setHtmlTick] = useState(0);
  const [tab, setTab] = useState('preview');
  const preview = useRef<HTMLIFrameElement>(null);

  /** Shows a paragraph of the preview (data-at) named by a check item. */
  const locate = (at: string) => {
    setTab('preview');
    window.setTimeout(() => {
      try {
        const el = preview.current?.contentDocument?.querySelector(`[data-at="${at}"]`);
        if (el instanceof HTMLElement) {
          el.scrollIntoView({ block: 'center' });
          el.style.outline = '2px solid #faad14';
        }
      } catch {
        /* a preview the app cannot reach into stays where it is */
      }
    }, 50);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `htmlTick` reloads the preview after a change
  useEffect(() => {
    let live = true;
    setHtml(null);
    apiText(`/api/reports/${id}/html`)
      .then((text) => live && setHtml({ text, error: null }))
      .catch((e: unknown) => live && setHtml({ text: '', error: errorDetail(e) }));
    return () => {
      live = false;
    };
  }, [id, htmlTick]);

  const catalog = useGet<FigureCatalogItem[]>('/api/figures/catalog');
  const figs = useMemo(() => {
    const snapshot = report.data ? snapshotValues(report.data) : {};
    const cat = new Map((catalog.data ?? []).map((c) => [c.key, c]));
    return (key: string): FigureInfo | undefined => {
      const f = snapshot[key];
      if (f) return f;
      const c = cat.get(key);
      return c ? { label: c.label, unit: c.unit, value: null, parts: null } : undefined;
    };
  }, [catalog.data, report.data]);

  if (report.loading && !report.data) return <Loading />;
  if (report.error || !report.data) return <ErrorState error={report.error ?? new ApiError(0, '报告不存在')} onRetry={report.reload} />;
  const r = report.data;
  const final = isFinal(r);
  const issues = r.issues;
  const version = r.version;

  const after = () => {
    report.reload();
    setHtmlTick((t) => t + 1);
    onChanged();
  };
  const act = async (name: string, fn: () => Promise<unknown>, ok: string): Promise<boolean> => {
    setBusy(name);
    try {
      await fn();
      message.success(ok);
      after();
      return true;
    } catch (e) {
      modal.error({ title: '操作未完成', content: errorDetail(e) });
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="fz-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {r.title || '报告'} <StatusTag status={r.status} />
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
            第{r.version}版{r.rollup ? '（含下级）' : ''}
          </Typography.Text>
        </Typography.Title>
        <Space wrap>
          {can(me, 'report.write') && !final && (
            <Button
              icon={<ReloadOutlined />}
              loading={busy === 'refresh'}
              onClick={() => void act('refresh', () => post(`/api/reports/${id}/refresh`, { version }), '已按最新台账刷新数据')}
            >
              刷新数据
            </Button>
          )}
          {can(me, 'report.write') && !final && (
            <Button
              loading={busy === 'regenerate'}
              onClick={() =>
                modal.confirm({
                  title: '按模板重新生成？',
                  content: MSG.regenerate,
                  okText: '重新生成',
                  cancelText: '取消',
                  onOk: () => act('regenerate', () => post(`/api/reports/${id}/refresh`, { version, regenerate: true }), '已重新生成'),
                })
              }
            >
              重新生成
            </Button>
          )}
          {can(me, 'report.finalize') && !final && (
            <Button
              icon={<CheckCircleOutlined />}
              loading={busy === 'finalize'}
              onClick={() => {
                // Each 定稿 is confirmed afresh: nothing ticked for an earlier attempt carries over.
                setSecrecy(false);
                setForce(false);
                setFinalizing(true);
              }}
            >
              定稿
            </Button>
          )}
          <Button type="primary" icon={<DownloadOutlined />} href={`/api/reports/${id}/docx`}>
            下载 Word
          </Button>
        </Space>
      </Space>
      {r.supersededBy && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <>
              此稿已被
              <Typography.Link onClick={() => r.supersededBy && onOpen(r.supersededBy.id)}>第{r.supersededBy.version}版</Typography.Link>
              取代{r.supersededAt ? `（${at(r.supersededAt)}）` : ''}，内容仅供查阅。
            </>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'preview',
            label: '预览',
            children:
              html === null ? (
                <Loading />
              ) : html.error ? (
                <Alert type="warning" showIcon message="预览暂不可用" description={html.error} />
              ) : (
                <ReportPreview reportId={id} html={html.text} frameRef={preview} />
              ),
          },
          {
            key: 'issues',
            label: `检查（${issues.filter((i) => i.level !== 'info').length}）`,
            children: (
              <ReportCheck
                issues={issues}
                canConfirm={can(me, 'report.write') && !final}
                busy={busy === 'confirm'}
                onLocate={locate}
                onConfirm={(c) => void act('confirm', () => post(`/api/reports/${id}/confirm`, { ...c, version }), '已确认')}
              />
            ),
          },
          {
            key: 'edit',
            label: '编辑段落',
            disabled: final || !can(me, 'report.write'),
            children: (
              <ReportEditor
                // A new version (saved, refreshed, regenerated) starts the editor afresh: unsaved edits are
                // keyed by paragraph position and would land on another paragraph of the new text.
                key={`${id}:${version}`}
                content={r.content}
                figs={figs}
                onSave={async (content) => {
                  if (!(await act('save', () => put(`/api/reports/${id}`, { content, version }), '已保存'))) throw new Error('未保存');
                }}
              />
            ),
          },
          {
            key: 'versions',
            label: '版本记录',
            children: <VersionsTab id={id} version={r.version} onOpen={onOpen} />,
          },
        ]}
      />
      <Modal
        title="报告定稿"
        open={finalizing}
        okText="定稿"
        cancelText="取消"
        confirmLoading={busy === 'finalize'}
        onCancel={() => setFinalizing(false)}
        onOk={async () => {
          const ok = await act(
            'finalize',
            () => post(`/api/reports/${id}/finalize`, { version, confirmSecrecy: secrecy || undefined, force: force || undefined }),
            '报告已定稿',
          );
          if (ok) setFinalizing(false);
        }}
      >
        <Typography.Paragraph>定稿后报告内容和数据将冻结，不能再修改。</Typography.Paragraph>
        {issues.some((i) => i.level === 'error') && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message="报告还有错误级问题，须先修改后才能定稿。" />
        )}
        <div>
          <Checkbox checked={secrecy} onChange={(e) => setSecrecy(e.target.checked)}>
            已完成保密审查，同意公开
          </Checkbox>
        </div>
        {issues.some((i) => i.level === 'warning') && (
          <div style={{ marginTop: 8 }}>
            <Checkbox checked={force} onChange={(e) => setForce(e.target.checked)}>
              已知悉检查中的警告，仍然定稿
            </Checkbox>
          </div>
        )}
      </Modal>
    </div>
  );
}

const VERSIONS_PAGE = 20;

/** 版本记录: every version of this bureau-kind-year report (its drafts and finals), newest first. */
function VersionsTab({ id, version, onOpen }: { id: string; version: number; onOpen: (id: string) => void }): ReactNode {
  const [page, setPage] = useState(1);
  const versions = useGet<Page<ReportVersionItem>>(`/api/reports/${id}/versions?page=${page}&pageSize=${VERSIONS_PAGE}`);
  const { reload } = versions;
  // Every change of the report makes a version: reload when the report's own version moves on.
  const shown = useRef(version);
  useEffect(() => {
    if (shown.current === version) return;
    shown.current = version;
    reload();
  }, [version, reload]);
  if (versions.error) return <ErrorState error={versions.error} onRetry={versions.reload} />;
  return (
    <List<ReportVersionItem>
      size="small"
      loading={versions.loading}
      dataSource={versions.data?.items ?? []}
      rowKey={(v) => `${v.reportId}:${v.version}`}
      locale={{ emptyText: <Empty description="暂无版本记录" /> }}
      pagination={
        (versions.data?.total ?? 0) > VERSIONS_PAGE
          ? {
              current: page,
              pageSize: VERSIONS_PAGE,
              total: versions.data?.total,
              onChange: setPage,
              size: 'small',
              showSizeChanger: false,
            }
          : false
      }
      renderItem={(v) => (
        <List.Item data-testid="report-version">
          <Space wrap size={[8, 4]}>
            <Typography.Text strong>第{v.version}版</Typography.Text>
            <Tag>{CHANGES[v.change]}</Tag>
            <span>{v.createdByName}</span>
            <Typography.Text type="secondary">{at(v.createdAt)}</Typography.Text>
            {v.reportId !== id && (
              <Typography.Link onClick={() => onOpen(v.reportId)}>
                {v.reportStatus === 'draft' ? '现行草稿' : STATUS[v.reportStatus].label}，点击查看
              </Typography.Link>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
