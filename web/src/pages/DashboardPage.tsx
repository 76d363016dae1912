/** 工作台: 我的待办 first, then the year's key figures by area (click one for its source records) and the 期限提醒 panel. */
import { Alert, Card, Col, Drawer, Empty, Grid, List, Row, Select, Space, Statistic, Switch, Tooltip, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { type DeadlineSummary, type Figure, type FigureCatalogItem, type FigureSet, useGet, withQuery } from '../api.ts';
import { BarChart } from '../components/BarChart.tsx';
import { SourceList } from '../components/FigureSourcesDrawer.tsx';
import { DeadlineExplanation, DeadlineTag, dueText, todayText } from '../components/DeadlineTag.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { TodoPanel } from '../components/TodoPanel.tsx';
import { moduleLabel, moduleOrder } from '../labels.ts';
import { useSession } from '../session.tsx';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_v, i) => thisYear - i);

function valueText(f: Figure): string {
  return f.value === null ? '—' : String(f.value);
}

export default function DashboardPage(): ReactNode {
  const { me } = useSession();
  const [year, setYear] = useState(thisYear);
  const [rollup, setRollup] = useState(false);
  const [open, setOpen] = useState<Figure | null>(null);
  const org = me.orgs.find((o) => o.id === me.orgId);
  const supervises = org !== undefined && org.level !== 'county' && me.orgs.some((o) => o.parent_id === me.orgId);

  const figures = useGet<FigureSet>(withQuery('/api/figures', { year, rollup: rollup ? 1 : undefined }));
  const catalog = useGet<FigureCatalogItem[]>('/api/figures/catalog');

  const groups = useMemo(() => {
    const moduleOf = new Map((catalog.data ?? []).map((c) => [c.key, c.module]));
    const out = new Map<string, Figure[]>();
    for (const f of figures.data?.figures ?? []) {
      const m = moduleOf.get(f.key) ?? f.key.split('.')[0];
      const list = out.get(m) ?? [];
      list.push(f);
      out.set(m, list);
    }
    return [...out.entries()].sort((a, b) => moduleOrder(a[0]) - moduleOrder(b[0]));
  }, [figures.data, catalog.data]);

  return (
    <Row gutter={16}>
      <Col span={24}>
        <TodoPanel />
      </Col>
      <Col xs={24} xl={17}>
        <div className="fz-page">
          <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {year}年度主要指标
            </Typography.Title>
            <Space>
              <span>年度</span>
              <Select
                value={year}
                onChange={setYear}
                style={{ width: 110 }}
                options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
                aria-label="年度"
              />
              {supervises && (
                <Space>
                  <span>含下级单位</span>
                  <Switch checked={rollup} onChange={setRollup} aria-label="含下级单位" />
                </Space>
              )}
            </Space>
          </Space>
          {figures.error ? (
            <ErrorState error={figures.error} onRetry={figures.reload} />
          ) : figures.loading && !figures.data ? (
            <Loading />
          ) : groups.length === 0 ? (
            <Empty description="暂无指标" />
          ) : (
            groups.map(([m, list]) => (
              <Card key={m} size="small" title={moduleLabel(m)} style={{ marginBottom: 16 }} data-testid={`figures-${m}`}>
                <Row gutter={[12, 12]}>
                  {list.map((f) => (
                    <Col key={f.key} xs={12} md={8} lg={6}>
                      <button type="button" className="fz-figure" data-testid={`figure-${f.key}`} onClick={() => setOpen(f)}>
                        <Statistic
                          title={<Tooltip title="点击查看来源记录">{f.label}</Tooltip>}
                          value={valueText(f)}
                          suffix={f.value === null ? undefined : f.unit}
                          valueStyle={{ color: f.value === null ? '#bbb' : '#1f4e9c', fontSize: 22 }}
                        />
                      </button>
                    </Col>
                  ))}
                </Row>
              </Card>
            ))
          )}
        </div>
      </Col>
      <Col xs={24} xl={7}>
        <DeadlinePanel rollup={rollup} />
      </Col>
      <SourceDrawer
        figure={open}
        year={year}
        rollup={rollup}
        basis={open ? (catalog.data ?? []).find((c) => c.key === open.key)?.basis : undefined}
        onClose={() => setOpen(null)}
      />
    </Row>
  );
}

/** The open deadlines in brief, of the bureau or (含下级单位) its subtree: the counts and the 30 due first. */
function DeadlinePanel({ rollup }: { rollup: boolean }): ReactNode {
  const d = useGet<DeadlineSummary>(withQuery('/api/deadlines/summary', { limit: 30, rollup: rollup ? 1 : undefined }));
  const today = todayText();
  const items = d.data?.items ?? [];
  const overdue = d.data?.overdue ?? 0;
  const soon = d.data?.soon ?? 0;
  return (
    <Card title="期限提醒" size="small" extra={<Link to="/calendar">期限日历</Link>} data-testid="deadline-panel">
      {d.error ? (
        <ErrorState error={d.error} onRetry={d.reload} />
      ) : d.loading && !d.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty description="暂无未办结的期限事项" />
      ) : (
        <>
          {(overdue > 0 || soon > 0) && (
            <Alert
              type={overdue > 0 ? 'error' : 'warning'}
              showIcon
              style={{ marginBottom: 8 }}
              message={`逾期 ${overdue} 项，临期 ${soon} 项`}
            />
          )}
          <List
            size="small"
            dataSource={items}
            renderItem={(x) => (
              <List.Item>
                <Tooltip title={<DeadlineExplanation d={x} />} placement="left">
                  <div style={{ width: '100%' }}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                      <Typography.Text ellipsis style={{ maxWidth: 200 }}>
                        {x.title}
                      </Typography.Text>
                      <DeadlineTag d={x} today={today} />
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {x.label} · {x.kind === 'limit' || x.kind === 'before' ? `期限 ${dueText(x)}` : dueText(x)}
                    </Typography.Text>
                  </div>
                </Tooltip>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

function SourceDrawer({
  figure,
  year,
  rollup,
  basis,
  onClose,
}: {
  figure: Figure | null;
  year: number;
  rollup: boolean;
  basis?: string;
  onClose: () => void;
}): ReactNode {
  const narrow = Grid.useBreakpoint().md === false;
  const breakdown = figure?.breakdown ?? [];
  return (
    <Drawer
      open={figure !== null}
      onClose={onClose}
      width={narrow ? '100%' : 680}
      rootClassName="fz-drawer"
      title={figure ? `${figure.label}：${valueText(figure)}${figure.value === null ? '' : figure.unit}` : ''}
      destroyOnHidden
    >
      {figure && (
        <>
          {basis && (
            <Typography.Paragraph type="secondary" data-testid="figure-basis">
              {basis}
            </Typography.Paragraph>
          )}
          {figure.value === null && (
            <Alert
              type="warning"
              showIcon
              message="该指标暂无数据（分母为零或缺少记录），报告中将提示补充。"
              style={{ marginBottom: 12 }}
            />
          )}
          {breakdown.length > 0 && (
            <Card size="small" title="分类统计" style={{ marginBottom: 12 }}>
              <BarChart labels={breakdown.map((b) => b.label)} values={breakdown.map((b) => b.value)} unit={figure.unit} />
            </Card>
          )}
          <SourceList
            url={`/api/figures/${encodeURIComponent(figure.key)}/sources`}
            query={{ year, rollup: rollup ? 1 : undefined }}
            narrow={narrow}
            testId="figure-sources"
          />
        </>
      )}
    </Drawer>
  );
}
