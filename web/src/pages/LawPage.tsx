/**
 * One law to read: its catalogue data (类别, 制定机关, 公布/施行日期, 时效性), its 修订沿革, and its
 * articles under their chapter and section headings, each with an anchor (`#a-<index>`) that search
 * results and cross-links open at. A filter finds the articles holding a word within this law.
 */
import { Alert, Breadcrumb, Button, Card, Descriptions, Empty, Input, Space, Timeline, Typography } from 'antd';
import { Fragment, type ReactNode, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { type LawArticleView, type LawText, type LedgerRecord, useGet, withQuery } from '../api.ts';
import { ErrorState, Loading } from '../components/States.tsx';
import { LAWS_MSG } from '../labels.ts';
import { Highlight } from './LawsPage.tsx';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '—');

function Articles({ articles, q }: { articles: LawArticleView[]; q: string }): ReactNode {
  let chapter: string | null = null;
  let section: string | null = null;
  return articles.map((a) => {
    const heads: ReactNode[] = [];
    if (a.chapter !== chapter) {
      chapter = a.chapter;
      section = null;
      if (a.chapter)
        heads.push(
          <Typography.Title key="c" level={5} className="fz-law-chapter">
            {a.chapter}
          </Typography.Title>,
        );
    }
    if (a.section !== section) {
      section = a.section;
      if (a.section)
        heads.push(
          <Typography.Text key="s" strong className="fz-law-section">
            {a.section}
          </Typography.Text>,
        );
    }
    return (
      <Fragment key={a.index}>
        {heads}
        <Typography.Paragraph id={`a-${a.index}`} className="fz-law-article" data-testid="law-article">
          <Typography.Text strong>{a.no}</Typography.Text> <Highlight text={a.text} q={q} />
        </Typography.Paragraph>
      </Fragment>
    );
  });
}

export default function LawPage(): ReactNode {
  const { id = '' } = useParams();
  const { hash } = useLocation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const law = useGet<LedgerRecord>(`/api/records/${encodeURIComponent(id)}`);
  const text = useGet<LawText>(withQuery(`/api/laws/${encodeURIComponent(id)}/articles`, q ? { q } : {}));

  // Open at the article a search result or cross-link points to, once its text is on the page.
  useEffect(() => {
    if (!hash || !text.data) return;
    const el = document.getElementById(hash.slice(1));
    el?.scrollIntoView({ block: 'start' });
    el?.classList.add('fz-law-target');
  }, [hash, text.data]);

  if (law.error) return <ErrorState error={law.error} onRetry={law.reload} />;
  if (!law.data) return <Loading />;
  const d = law.data.data;
  return (
    <div className="fz-page">
      <Breadcrumb
        items={[{ title: LAWS_MSG.crumb }, { title: <Link to="/laws">{LAWS_MSG.title}</Link> }, { title: law.data.title }]}
        style={{ marginBottom: 12 }}
      />
      <Typography.Title level={4} style={{ marginTop: 0, wordBreak: 'break-word' }} data-testid="law-title">
        {law.data.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={LAWS_MSG.category}>{str(d.category)}</Descriptions.Item>
        <Descriptions.Item label={LAWS_MSG.issuer}>{str(d.issuer)}</Descriptions.Item>
        <Descriptions.Item label={LAWS_MSG.status}>{str(d.status)}</Descriptions.Item>
        <Descriptions.Item label={LAWS_MSG.promulgatedOn}>{str(d.promulgatedOn)}</Descriptions.Item>
        <Descriptions.Item label={LAWS_MSG.effectiveOn}>{str(d.effectiveOn)}</Descriptions.Item>
        <Descriptions.Item label={LAWS_MSG.articleCount}>{str(d.articleCount)}</Descriptions.Item>
      </Descriptions>
      {text.error ? (
        <ErrorState error={text.error} onRetry={text.reload} />
      ) : !text.data ? (
        <Loading />
      ) : !text.data.hasText ? (
        <Alert type="info" showIcon message={LAWS_MSG.textMissing} />
      ) : (
        <>
          {text.data.history.length > 0 && (
            <Card size="small" title={LAWS_MSG.history} style={{ marginBottom: 12 }}>
              <Timeline
                data-testid="law-history"
                items={text.data.history.map((h) => ({ children: `${h.date} ${h.text}` }))}
                style={{ marginBottom: -16 }}
              />
            </Card>
          )}
          <Card
            size="small"
            title={LAWS_MSG.text}
            extra={
              <Input.Search
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                onSearch={(v) => setQ(v.trim())}
                placeholder={LAWS_MSG.filterPlaceholder}
                allowClear
                maxLength={100}
                style={{ width: 200, maxWidth: '45vw' }}
                data-testid="law-filter"
              />
            }
          >
            {q && (
              <Space style={{ marginBottom: 8 }} wrap>
                <Typography.Text type="secondary">{LAWS_MSG.filtered(text.data.articles.length, text.data.total)}</Typography.Text>
                <Button
                  size="small"
                  onClick={() => {
                    setTyped('');
                    setQ('');
                  }}
                >
                  {LAWS_MSG.clear}
                </Button>
              </Space>
            )}
            {text.data.articles.length === 0 ? (
              <Empty description={LAWS_MSG.noArticleHit} />
            ) : (
              <Articles articles={text.data.articles} q={q} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
