/**
 * The check before finalizing: 需确认 items first (officer sentences and negative statements, each
 * confirmed by a person, recorded with who and when), then errors, warnings, the officer's confirmed
 * words and the deadlines. Each item links to the paragraph or to the ledger where records are missing.
 */
import { CheckOutlined } from '@ant-design/icons';
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CheckIssue } from '../api.ts';

type Confirm = { own?: string[]; none?: string[]; all?: boolean };
type Props = {
  issues: readonly CheckIssue[];
  canConfirm: boolean;
  busy: boolean;
  onConfirm: (c: Confirm) => void;
  onLocate: (at: string) => void;
};

const GROUPS: ReadonlyArray<{ key: string; title: string; test: (i: CheckIssue) => boolean }> = [
  { key: 'confirm', title: '需确认', test: (i) => i.confirm !== undefined },
  { key: 'error', title: '错误（须修改后才能定稿）', test: (i) => i.level === 'error' && !i.confirm },
  { key: 'warning', title: '警告', test: (i) => i.level === 'warning' },
  { key: 'confirmed', title: '专干撰写和已确认的内容', test: (i) => i.code === 'own-confirmed' || i.code === 'none-confirmed' },
  { key: 'info', title: '提示', test: (i) => i.level === 'info' && i.code !== 'own-confirmed' && i.code !== 'none-confirmed' },
];

const levelTag = (i: CheckIssue) =>
  i.confirm ? (
    <Tag color="gold">需确认</Tag>
  ) : (
    <Tag color={i.level === 'error' ? 'red' : i.level === 'info' ? 'blue' : 'orange'}>
      {i.level === 'error' ? '错误' : i.level === 'info' ? '提示' : '警告'}
    </Tag>
  );

export function ReportCheck({ issues, canConfirm, busy, onConfirm, onLocate }: Props): ReactNode {
  if (!issues.length) return <Alert type="success" showIcon message="未发现问题：所有数字都有来源，没有缺失的指标。" />;
  const open = issues.filter((i) => i.confirm);
  return (
    <>
      {open.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`有${open.length}处内容需要确认后才能定稿`}
          description="专干撰写的内容须由您核实；“未发生”“尚无”等表述只有在确认本年度确无此类情况后才会印出。台账漏录的，请先补录台账再刷新数据。"
          action={
            canConfirm && (
              <Button size="small" icon={<CheckOutlined />} loading={busy} onClick={() => onConfirm({ all: true })}>
                全部确认
              </Button>
            )
          }
        />
      )}
      {GROUPS.map((g) => {
        const list = issues.filter(g.test);
        if (!list.length) return null;
        return (
          <div key={g.key} style={{ marginBottom: 12 }} data-testid={`check-${g.key}-group`}>
            <Typography.Text strong>
              {g.title}（{list.length}）
            </Typography.Text>
            <List
              size="small"
              dataSource={list}
              renderItem={(it) => (
                <List.Item data-testid={it.confirm ? 'check-confirm-item' : undefined}>
                  <Space wrap size={6} style={{ width: '100%' }}>
                    {levelTag(it)}
                    <span style={{ wordBreak: 'break-all' }}>{it.message}</span>
                    {it.at && (
                      <Button size="small" type="link" onClick={() => onLocate(it.at ?? '')}>
                        查看段落
                      </Button>
                    )}
                    {it.ledger && <Link to={`/ledgers/${it.ledger}`}>打开台账</Link>}
                    {it.confirm && canConfirm && (
                      <Button
                        size="small"
                        loading={busy}
                        onClick={() => onConfirm(it.confirm?.kind === 'own' ? { own: [it.confirm.id] } : { none: [it.confirm?.id ?? ''] })}
                      >
                        {it.confirm.kind === 'own' ? '确认内容' : '确认本年度确无'}
                      </Button>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </div>
        );
      })}
    </>
  );
}
