/**
 * 法规查阅: the bureau's law library to read. Without a query, every law of the library (title,
 * category, 施行日期, 时效性, articles); with one, the laws whose title holds it and the articles whose
 * text does (GET /api/laws/search), each opening the law at that article. A writer imports a law
 * text here too (POST /api/laws/import).
 */
import { UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Breadcrumb, Button, Card, Empty, Input, List, Select, Space, Tag, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorDetail, type LedgerRecord, type LawSearchResult, post, type RecordPage, useGet, withQuery } from '../api.ts';
import { ErrorState } from '../components/States.tsx';
import { LAWS_MSG } from '../labels.ts';
import { can, useSession } from '../session.tsx';

export const LAW_LEDGER = 'law';
export const lawPath = (id: string, articleIndex?: number): string =>
  `/laws/${encodeURIComponent(id)}${articleIndex === undefined ? '' : `#a-${articleIndex}`}`;

/** The words of `text` with every occurrence of `q` marked. */
export function Highlight({ text, q }: { text: string; q: string }): ReactNode {
  if (!q) return text;
  const parts = text.split(q);
  // biome-ignore lint/suspicious/noArrayIndexKey: the marks of one fixed text, in order
  return parts.flatMap((p, i) => (i === 0 ? [p] : [<mark key={i}>{q}</mark>, p]));
}

function LawMeta({ law }: { law: LedgerRecord }): ReactNode {
  const d = law.data;
  return (
    <Space size={[4, 4]} wrap>
      {typeof d.category === 'string' && <Tag>{d.category}</Tag>}
      {typeof d.status === 'string' && <Tag color={d.status === '现行有效' ? 'green' : 'default'}>{d.status}</Tag>}
      {typeof d.effectiveOn === 'string' && <Typography.Text type="secondary">{LAWS_MSG.effective(d.effectiveOn)}</Typography.Text>}
      {typeof d.issuer === 'string' && <Typography.Text type="secondary">{d.issuer}</Typography.Text>}
      <Typography.Text type="secondary">
        {typeof d.articleCount === 'number' ? LAWS_MSG.articles(d.articleCount) : LAWS_MSG.noText}
      </Typography.Text>
    </Space>
  );
}

function ImportLaw({ onDone }: { onDone: () => void }): ReactNode {
  const { ledgers } = useSession();
  const { message } = AntApp.useApp();
  const categories = ledgers.find((l) => l.key === LAW_LEDGER)?.fields.find((f) => f.name === 'category')?.options ?? [];
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  return (
    <Space wrap>
      <Select
        style={{ width: 180 }}
        placeholder={LAWS_MSG.importCategory}
        value={category}
        onChange={setCategory}
        allowClear
        options={categories.map((c) => ({ value: c, label: c }))}
        aria-label={LAWS_MSG.importCategory}
      />
      <Upload
        accept=".md,.markdown,.txt"
        showUploadList={false}
        beforeUpload={async (file) => {
          setBusy(true);
          try {
            const fd = new FormData();
            if (category) fd.set('category', category);
            fd.set('file', file);
            const res = await post<{ outcome: string; law: LedgerRecord; articleCount: number }>('/api/laws/import', fd);
            if (res.outcome === '已存在') message.info(LAWS_MSG.exists(res.law.title));
            else message.success(LAWS_MSG.imported(res.law.title, res.articleCount));
            onDone();
          } catch (e) {
            message.error(errorDetail(e));
          } finally {
            setBusy(false);
          }
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="law-import">
          {LAWS_MSG.importButton}
        </Button>
      </Upload>
    </Space>
  );
}

export default function LawsPage(): ReactNode {
  const navigate = useNavigate();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [typed, setTyped] = useState(q);
  const all = useGet<RecordPage<LedgerRecord>>(q ? null : withQuery(`/api/ledgers/${LAW_LEDGER}/records`, { pageSize: 500 }));
  const found = useGet<LawSearchResult>(q ? withQuery('/api/laws/search', { q }) : null);
  const search = (v: string) => setParams(v.trim() ? { q: v.trim() } : {});

  const lawList = (items: LedgerRecord[], testId: string) => (
    <List
      dataSource={items}
      data-testid={testId}
      renderItem={(law) => (
        <List.Item style={{ paddingInline: 0 }}>
          <List.Item.Meta
            title={
              <Typography.Link onClick={() => navigate(lawPath(law.id))} style={{ wordBreak: 'break-word' }}>
                <Highlight text={law.title} q={q} />
              </Typography.Link>
            }
            description={<LawMeta law={law} />}
          />
        </List.Item>
      )}
    />
  );

  return (
    <div className="fz-page">
      <Breadcrumb items={[{ title: LAWS_MSG.crumb }, { title: LAWS_MSG.title }]} style={{ marginBottom: 12 }} />
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {LAWS_MSG.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{LAWS_MSG.intro}</Typography.Paragraph>
      <Input.Search
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={search}
        placeholder={LAWS_MSG.searchPlaceholder}
        enterButton={LAWS_MSG.search}
        allowClear
        maxLength={100}
        style={{ marginBottom: 12 }}
        data-testid="law-search"
      />
      <Space wrap style={{ marginBottom: 12 }}>
        {q && (
          <Button
            onClick={() => {
              setTyped('');
              search('');
            }}
          >
            {LAWS_MSG.clear}
          </Button>
        )}
        <Button onClick={() => navigate(`/ledgers/${LAW_LEDGER}`)}>{LAWS_MSG.toLedger}</Button>
        {can(me, 'ledger.write') && <ImportLaw onDone={() => (q ? found.reload() : all.reload())} />}
      </Space>
      {q ? (
        found.error ? (
          <ErrorState error={found.error} onRetry={found.reload} />
        ) : (
          found.data && (
            <>
              {found.data.laws.length === 0 && found.data.hits.length === 0 && <Empty description={LAWS_MSG.noHits} />}
              {found.data.laws.length > 0 && (
                <Card size="small" title={LAWS_MSG.lawsFound(found.data.laws.length)} style={{ marginBottom: 12 }}>
                  {lawList(found.data.laws, 'law-title-hits')}
                </Card>
              )}
              {found.data.hits.length > 0 && (
                <Card size="small" title={LAWS_MSG.hitsFound(found.data.hits.length, found.data.truncated)}>
                  <List
                    dataSource={found.data.hits}
                    data-testid="law-article-hits"
                    renderItem={(h) => (
                      <List.Item style={{ paddingInline: 0, display: 'block' }}>
                        <Typography.Link onClick={() => navigate(lawPath(h.lawId, h.index))} strong>
                          《{h.title}》{h.no}
                        </Typography.Link>
                        {h.chapter && (
                          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                            {h.chapter}
                          </Typography.Text>
                        )}
                        <Typography.Paragraph style={{ margin: '4px 0 0', wordBreak: 'break-word' }}>
                          <Highlight text={h.text} q={q} />
                        </Typography.Paragraph>
                      </List.Item>
                    )}
                  />
                </Card>
              )}
            </>
          )
        )
      ) : all.error ? (
        <ErrorState error={all.error} onRetry={all.reload} />
      ) : (
        all.data && (
          <Card size="small" title={LAWS_MSG.count(all.data.total ?? all.data.items.length)}>
            {all.data.items.length === 0 ? <Empty description={LAWS_MSG.empty} /> : lawList(all.data.items, 'law-list')}
          </Card>
        )
      )}
    </div>
  );
}
