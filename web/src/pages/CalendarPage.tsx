/**
 * 期限日历: the statutory deadlines as a table, and a month calendar marking deadlines, working days
 * and 调休, 普法 key dates and annual duties, and the bureau's own settings of the deadlines the law
 * leaves to local rules. 订阅日历 gives the caller's subscription URL for calendar apps.
 */
import { Alert, Badge, Calendar, Card, Col, Row, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { type AnnualDuty, type CalendarYearCoverage, type DayInfo, type Deadline, type KeyDate, useGet, withQuery } from '../api.ts';
import { CalendarSubscription } from '../components/CalendarSubscription.tsx';
import { DeadlineSettings } from '../components/DeadlineSettings.tsx';
import { ReminderSettings } from '../components/ReminderSettings.tsx';
import { DeadlineExplanation, DeadlineTag, deadlineState, dueText, todayText } from '../components/DeadlineTag.tsx';
import { ErrorState } from '../components/States.tsx';
import { DEADLINE_STATUS, DUE_WINDOWS, MODULES, YEARS_LABEL } from '../labels.ts';
import { orgName, useSession } from '../session.tsx';

export default function CalendarPage(): ReactNode {
  const { me, ledgers } = useSession();
  const [status, setStatus] = useState('open');
  // 本周 / 本月 narrow by due date (the server's week is Monday to Sunday); 逾期 is the overdue status.
  const [dueWin, setDueWin] = useState<(typeof DUE_WINDOWS)[number]['value']>('all');
  const [module, setModule] = useState<string | undefined>(undefined);
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const today = todayText();
  const year = month.year();

  const deadlines = useGet<Deadline[]>(
    withQuery('/api/deadlines', {
      status: dueWin === 'overdue' ? 'overdue' : status,
      module,
      within: dueWin === 'week' || dueWin === 'month' ? dueWin : undefined,
    }),
  );
  const allOpen = useGet<Deadline[]>(withQuery('/api/deadlines', { status: 'open' }));
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const days = useGet<DayInfo[]>(withQuery('/api/calendar/days', { from, to }));
  const keyDates = useGet<KeyDate[]>(withQuery('/api/calendar/key-dates', { year }));
  const duties = useGet<AnnualDuty[]>(withQuery('/api/calendar/annual-duties', { year }));
  const coverage = useGet<CalendarYearCoverage[]>('/api/calendar/years');
  const shownYear = coverage.data?.find((y) => y.year === year);

  const dayMap = useMemo(() => new Map((days.data ?? []).map((d) => [d.date, d])), [days.data]);

  const byDay = useMemo(() => {
    const m = new Map<string, Array<{ kind: 'deadline' | 'key' | 'duty'; text: string; color: string; tip: ReactNode }>>();
    const add = (d: string, v: { kind: 'deadline' | 'key' | 'duty'; text: string; color: string; tip: ReactNode }) => {
      if (!d) return;
      const list = m.get(d) ?? [];
      list.push(v);
      m.set(d, list);
    };
    for (const d of allOpen.data ?? []) {
      const s = deadlineState(d, today);
      // A clock stopped for 补正 has no day to show; its row in the list says so.
      if (s === 'done' || s === 'waiting') continue;
      add(d.due, {
        kind: 'deadline',
        text: d.kind === 'minimum' ? `不早于：${d.title}` : d.title,
        color: s === 'overdue' || s === 'expired' ? 'red' : s === 'soon' ? 'orange' : 'blue',
        tip: <DeadlineExplanation d={d} />,
      });
    }
    for (const k of keyDates.data ?? []) {
      add(k.date, { kind: 'key', text: k.name, color: 'purple', tip: k.note || k.name });
    }
    for (const k of duties.data ?? []) {
      add(k.due, { kind: 'duty', text: k.label, color: 'magenta', tip: k.basis || k.label });
    }
    return m;
  }, [allOpen.data, keyDates.data, duties.data, today]);

  const cell = (d: Dayjs): ReactNode => {
    const k = d.format('YYYY-MM-DD');
    const info = dayMap.get(k);
    const items = byDay.get(k) ?? [];
    return (
      <div className="fz-cal-cell">
        {info?.kind === 'holiday' && <Tag color="green">休{info.name ? ` ${info.name}` : ''}</Tag>}
        {info?.kind === 'makeup' && <Tag color="volcano">班</Tag>}
        {items.slice(0, 3).map((it, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items of one day have no id and may repeat a title
          <Tooltip key={`${it.kind}-${i}`} title={it.tip}>
            <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              <Badge color={it.color} />
              <span style={{ fontSize: 12, marginLeft: 4 }}>{it.text}</span>
            </div>
          </Tooltip>
        ))}
        {items.length > 3 && <div style={{ color: '#888' }}>另有 {items.length - 3} 项</div>}
      </div>
    );
  };

  const modules = [...new Set(ledgers.map((l) => l.module))];
  const ledgerLabel = (k: string) => ledgers.find((l) => l.key === k)?.label ?? '';

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <div className="fz-page">
          <div
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}
          >
            <Typography.Title level={4} style={{ margin: 0 }}>
              法定期限
            </Typography.Title>
            <Space wrap style={{ maxWidth: '100%' }}>
              <Segmented
                value={dueWin}
                onChange={(v) => setDueWin(v)}
                options={DUE_WINDOWS.map((w) => ({ value: w.value, label: w.label }))}
                aria-label="届满时间"
                data-testid="due-window"
              />
              <Select
                value={dueWin === 'overdue' ? 'overdue' : status}
                disabled={dueWin === 'overdue'}
                onChange={setStatus}
                style={{ width: 120 }}
                options={Object.entries(DEADLINE_STATUS).map(([value, label]) => ({ value, label }))}
                aria-label="状态"
              />
              <Select
                placeholder="全部领域"
                allowClear
                value={module}
                onChange={(v: string | undefined) => setModule(v)}
                style={{ width: 140 }}
                options={MODULES.filter((m) => modules.includes(m.key)).map((m) => ({ value: m.key, label: m.label }))}
                aria-label="领域"
              />
              <CalendarSubscription />
            </Space>
          </div>
          {deadlines.error ? (
            <ErrorState error={deadlines.error} onRetry={deadlines.reload} />
          ) : (
            <Table<Deadline>
              rowKey={(d) => `${d.ruleKey}-${d.recordId}`}
              size="small"
              bordered
              loading={deadlines.loading}
              dataSource={[...(deadlines.data ?? [])].sort((a, b) => a.due.localeCompare(b.due))}
              pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 项` }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '事项', render: (_v, d) => d.title },
                { title: '期限类别', render: (_v, d) => d.label },
                { title: '台账', render: (_v, d) => ledgerLabel(d.ledger) },
                { title: '起算日', dataIndex: 'start', width: 110 },
                { title: '截止日', render: (_v, d) => dueText(d), width: 110 },
                { title: '办结日', render: (_v, d) => d.doneOn ?? '', width: 110 },
                { title: '状态', render: (_v, d) => <DeadlineTag d={d} today={today} /> },
                { title: '依据', render: (_v, d) => <Typography.Text type="secondary">{d.basis}</Typography.Text> },
                ...(me.orgs.length > 1 ? [{ title: '单位', render: (_v: unknown, d: Deadline) => orgName(me, d.orgId) }] : []),
              ]}
            />
          )}
        </div>
      </Col>
      <Col xs={24} xl={17}>
        <div className="fz-page">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            月历
          </Typography.Title>
          <Space size="large" style={{ marginBottom: 8, fontSize: 12 }} wrap>
            <Badge color="red" text="逾期" />
            <Badge color="orange" text="临期" />
            <Badge color="blue" text="未到期" />
            <Badge color="purple" text="普法重要节点" />
            <Badge color="magenta" text="年度法定工作" />
            <Tag color="green">休</Tag>
            <Tag color="volcano">班（调休上班）</Tag>
          </Space>
          {days.error && <Typography.Paragraph type="secondary">工作日数据暂不可用：{days.error.detail}</Typography.Paragraph>}
          {shownYear && !shownYear.covered && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="year-uncovered"
              message={YEARS_LABEL.calendarAlert(year, shownYear.statusLabel)}
            />
          )}
          <Calendar
            value={month}
            onPanelChange={(d) => setMonth(d)}
            onSelect={(d) => setMonth(d)}
            cellRender={(d, info) => (info.type === 'date' ? cell(d) : null)}
          />
        </div>
      </Col>
      <Col xs={24} xl={7}>
        <Card size="small" title={`${year}年普法重要节点`} style={{ marginBottom: 16 }}>
          {keyDates.error ? (
            <ErrorState error={keyDates.error} />
          ) : (
            <Table<KeyDate>
              size="small"
              pagination={false}
              rowKey={(k) => `${k.date}-${k.key}`}
              dataSource={keyDates.data ?? []}
              columns={[
                { title: '日期', width: 100, render: (_v, k) => k.date },
                { title: '名称', render: (_v, k) => k.name },
              ]}
            />
          )}
        </Card>
        <Card size="small" title={`${year}年度法定工作`} style={{ marginBottom: 16 }}>
          {duties.error ? (
            <ErrorState error={duties.error} />
          ) : (
            <Table<AnnualDuty>
              size="small"
              pagination={false}
              rowKey={(k) => `${k.due}-${k.key}`}
              dataSource={duties.data ?? []}
              columns={[
                { title: '期限', width: 100, render: (_v, k) => k.due },
                {
                  title: '事项',
                  render: (_v, k) => (
                    <div>
                      <Tooltip title={k.basis}>{k.label}</Tooltip>
                      {/* The rule as the law words it, with how "X月X日前" is read (the last day). */}
                      <Typography.Text type="secondary" className="fz-deadline-note" data-testid="duty-rule">
                        {k.rule}
                      </Typography.Text>
                      {k.note && (
                        <Typography.Text type="warning" className="fz-deadline-note">
                          {k.note}
                        </Typography.Text>
                      )}
                    </div>
                  ),
                },
              ]}
            />
          )}
        </Card>
        <DeadlineSettings />
        <ReminderSettings />
      </Col>
    </Row>
  );
}
