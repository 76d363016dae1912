/**
 * The records one number was computed from: title, date, 科室 and bureau, a page at a time, each
 * opening its record page. For a report (a drawer beside the preview) the list is the report's own
 * (GET /api/reports/:id/figures/:figure/sources): a finalized report shows what it was computed
 * from, records deleted since listed, marked, and not opening. `SourceList` lists any such endpoint
 * (the dashboard's GET /api/figures/:key/sources).
 */
import { Alert, Drawer, Empty, Grid, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type FigureSourceItem, type FigureSources, useGet, withQuery } from '../api.ts';
import { ErrorState, Loading } from './States.tsx';

/** Which number: a figure key, and for one group of a group figure its `part`. */
export type FigureTarget = { figure: string; part?: string };

const PAGE_SIZE = 20;

const MSG = {
  title: '数字来源',
  value: (label: string, value: string) => `${label}：${value}`,
  notComputable: '无法计算',
  notDefined: '该指标尚未定义（相关台账模块尚未启用），正文中印出缺数标记。',
  noValue: '该数字无法计算（缺少数据或分母为0），正文中印出缺数标记。',
  total: (n: number) => `共 ${n} 条来源记录`,
  withheld: (n: number) => `另有 ${n} 条来源记录属于您无权查看的单位，或已不存在，未列出。`,
  changedSince: '台账在本稿数字计算后有变动：以下为台账当前的记录，可能与正文数字不一致。请在报告中点击“刷新数据”。',
  kept: '以下为定稿时计算该数字所用的记录。',
  empty: '没有来源记录',
  deleted: '已删除',
  deletedHint: '该记录在报告计算后已删除',
  byYear: (y: number) => `${y}年度`,
};

const valueText = (f: FigureSources['figure']) =>
  f.value === null ? MSG.notComputable : `${Number.isInteger(f.value) ? f.value : Math.round(f.value * 10) / 10}${f.unit}`;

export function FigureSourcesDrawer({
  reportId,
  target,
  onClose,
}: {
  reportId: string;
  target: FigureTarget | null;
  onClose: () => void;
}): ReactNode {
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width={narrow ? '100%' : 640}
      title={MSG.title}
      rootClassName="fz-drawer"
      destroyOnHidden
    >
      {/* keyed by the number, so another number starts on its own first page */}
      {target && (
        <SourceList
          key={`${target.figure}|${target.part ?? ''}`}
          url={`/api/reports/${encodeURIComponent(reportId)}/figures/${encodeURIComponent(target.figure)}/sources`}
          part={target.part}
          narrow={narrow}
        />
      )}
    </Drawer>
  );
}

/** One page of a sources endpoint at a time (`query` adds its own parameters, e.g. year). */
export function SourceList({
  url,
  part,
  query,
  narrow,
  testId = 'report-sources',
}: {
  url: string;
  part?: string;
  query?: Record<string, string | number | undefined>;
  narrow: boolean;
  testId?: string;
}): ReactNode {
  const [page, setPage] = useState(1);
  const res = useGet<FigureSources>(withQuery(url, { ...query, part, page, pageSize: PAGE_SIZE }));
  if (res.error) return <ErrorState error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const d = res.data;
  return (
    <div data-testid={testId}>
      <Typography.Title level={5} style={{ marginTop: 0, wordBreak: 'break-word' }} data-testid="report-sources-figure">
        {MSG.value(d.figure.label, valueText(d.figure))}
      </Typography.Title>
      {!d.figure.defined ? (
        <Alert type="warning" showIcon message={MSG.notDefined} style={{ marginBottom: 12 }} />
      ) : d.figure.value === null ? (
        <Alert type="warning" showIcon message={MSG.noValue} style={{ marginBottom: 12 }} />
      ) : null}
      <Typography.Paragraph type="secondary" data-testid="report-sources-total">
        {MSG.total(d.total)}
      </Typography.Paragraph>
      {d.changedSince && (
        <Alert type="warning" showIcon message={MSG.changedSince} style={{ marginBottom: 12 }} data-testid="sources-changed" />
      )}
      {d.kept && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {MSG.kept}
        </Typography.Paragraph>
      )}
      {d.withheld > 0 && <Alert type="info" showIcon message={MSG.withheld(d.withheld)} style={{ marginBottom: 12 }} />}
      <List<FigureSourceItem>
        size="small"
        loading={res.loading}
        dataSource={d.items}
        locale={{ emptyText: <Empty description={MSG.empty} /> }}
        pagination={
          d.total > d.pageSize
            ? {
                current: d.page,
                pageSize: d.pageSize,
                total: d.total,
                simple: narrow,
                showSizeChanger: false,
                onChange: setPage,
              }
            : false
        }
        renderItem={(r) => <SourceRow r={r} />}
      />
    </div>
  );
}

function SourceRow({ r }: { r: FigureSourceItem }): ReactNode {
  const when = r.date ?? (r.year === null ? null : MSG.byYear(r.year));
  const meta = [when, r.ledgerLabel, r.unitName, r.orgName].filter(Boolean).join(' · ');
  return (
    <List.Item style={{ paddingInline: 0, display: 'block' }} data-record={r.id}>
      <div style={{ wordBreak: 'break-word' }}>
        {r.deleted ? (
          <Space size={4} wrap>
            <Typography.Text delete type="secondary" title={MSG.deletedHint}>
              {r.title}
            </Typography.Text>
            <Tag color="default">{MSG.deleted}</Tag>
          </Space>
        ) : (
          <Link to={`/records/${encodeURIComponent(r.id)}`}>{r.title}</Link>
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {meta}
      </Typography.Text>
    </List.Item>
  );
}
