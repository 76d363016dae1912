/**
 * 普法责任清单覆盖情况: for a chosen year, each 普法责任清单 item and how many 普法宣传活动 point at it
 * (GET /api/publicity/duty-coverage); the items with none — the gaps — come first, highlighted.
 */
import { Alert, Breadcrumb, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { type DutyCoverage, type DutyCoverageItem, useGet, withQuery } from '../api.ts';
import { recordPath } from '../components/RecordDetail.tsx';
import { ErrorState } from '../components/States.tsx';
import { COVERAGE_MSG, moduleLabel } from '../labels.ts';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_v, i) => thisYear - i);

export default function DutyCoveragePage(): ReactNode {
  const navigate = useNavigate();
  const [year, setYear] = useState(thisYear);
  const res = useGet<DutyCoverage>(withQuery('/api/publicity/duty-coverage', { year }));
  const data = res.data?.year === year ? res.data : undefined;

  // Gaps first; within each group the server's order is kept.
  const rows = useMemo(() => {
    const items = data?.items ?? [];
    return [...items.filter((i) => i.activities === 0), ...items.filter((i) => i.activities !== 0)];
  }, [data]);

  return (
    <div className="fz-page">
      <Breadcrumb
        items={[{ title: COVERAGE_MSG.crumb }, { title: moduleLabel('publicity') }, { title: COVERAGE_MSG.title }]}
        style={{ marginBottom: 12 }}
      />
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {COVERAGE_MSG.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{COVERAGE_MSG.intro}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 120 }}
          value={year}
          onChange={(v: number) => setYear(v)}
          options={YEARS.map((y) => ({ value: y, label: COVERAGE_MSG.yearOption(y) }))}
          aria-label={COVERAGE_MSG.year}
          data-testid="coverage-year"
        />
        <Button onClick={() => navigate('/ledgers/duty_item')}>{COVERAGE_MSG.toLedger}</Button>
      </Space>
      {res.error ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <>
          {data && (
            <Alert
              type={data.uncovered > 0 ? 'warning' : 'success'}
              showIcon
              style={{ marginBottom: 12 }}
              message={<span data-testid="coverage-summary">{COVERAGE_MSG.summary(data.total, data.uncovered)}</span>}
              description={data.total > 0 && data.uncovered === 0 ? COVERAGE_MSG.allCovered : undefined}
            />
          )}
          <div className="fz-scroll-x">
            <Table<DutyCoverageItem>
              rowKey="id"
              size="middle"
              bordered
              loading={res.loading}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 560 }}
              rowClassName={(r) => (r.activities === 0 ? 'fz-gap-row' : '')}
              locale={{ emptyText: COVERAGE_MSG.empty }}
              data-testid="coverage-table"
              columns={[
                {
                  key: 'law',
                  title: COVERAGE_MSG.law,
                  render: (_v, r) => (
                    <Typography.Link onClick={() => navigate(recordPath('duty_item', r.id))} style={{ wordBreak: 'break-word' }}>
                      {r.law}
                    </Typography.Link>
                  ),
                },
                { key: 'unit', title: COVERAGE_MSG.unit, render: (_v, r) => r.unitName ?? '' },
                {
                  key: 'activities',
                  title: COVERAGE_MSG.activities,
                  align: 'right',
                  render: (_v, r) => COVERAGE_MSG.activitiesCount(r.activities),
                },
                {
                  key: 'status',
                  title: COVERAGE_MSG.status,
                  render: (_v, r) =>
                    r.activities === 0 ? <Tag color="red">{COVERAGE_MSG.gap}</Tag> : <Tag color="green">{COVERAGE_MSG.covered}</Tag>,
                },
              ]}
            />
          </div>
        </>
      )}
    </div>
  );
}
