/**
 * 审计锚点 on the auditor's page: the latest anchors of the audit chain head (written outside the
 * database, a copy kept in it), and what the last verification found about each anchor.
 */
import { Alert, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { type AuditAnchorView, type AuditVerification, useGet } from '../api.ts';
import { ErrorState } from './States.tsx';

const TEXT = {
  title: '审计锚点',
  intro: '链头（序号与哈希）定期写入数据库之外的锚点文件和服务器日志；校验时逐个核对锚点，可发现链尾被截断或记录被改写后重算哈希。',
  none: '尚未写入锚点（服务启动后按 AUDIT_ANCHOR_MINUTES 定期写入，也可运行 fazhi audit anchor）',
  seq: (n: number) => `第 ${n} 条`,
  by: (who: string) => `写入：${who}`,
  checked: (n: number, file: string, found: boolean) => `已核对锚点 ${n} 个（锚点文件 ${file}${found ? '' : '，本服务器上不存在'}）`,
  newest: (n: number, at: string) => `最新锚点：第 ${n} 条，${at}`,
  allOk: '全部锚点与审计日志一致',
  failed: (n: number) => `${n} 个锚点与审计日志不符，日志可能被截断或改写`,
  wrongKey: '部署密钥不符，未核对锚点',
  legacy: (n: number) => `加密钥部分自第 ${n} 条起；此前为升级前写入的未加密钥记录`,
} as const;

const time = (at: string) => new Date(at).toLocaleString('zh-CN');

export function AuditAnchors({ verification }: { verification: AuditVerification | null }): ReactNode {
  const anchors = useGet<AuditAnchorView[]>('/api/audit/anchors');
  const check = verification?.anchors ?? null;
  return (
    <section style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{TEXT.title}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {TEXT.intro}
      </Typography.Paragraph>
      {verification && (
        <Alert
          style={{ marginBottom: 8, overflowWrap: 'anywhere' }}
          showIcon
          type={check === null ? 'error' : check.ok ? 'success' : 'error'}
          message={
            check === null
              ? TEXT.wrongKey
              : `${check.ok ? TEXT.allOk : TEXT.failed(check.failures.length)}；${TEXT.checked(check.checked, check.file, check.fileFound)}`
          }
          description={
            <Space direction="vertical" size={2}>
              {check?.newest && <span>{TEXT.newest(check.newest.seq, time(check.newest.at))}</span>}
              {verification.keyedFrom !== null && verification.keyedFrom > 1 && <span>{TEXT.legacy(verification.keyedFrom)}</span>}
              {check?.failures.map((f) => (
                <span key={`${f.seq}-${f.at}-${f.reason}`}>
                  {f.seq ? `${TEXT.seq(f.seq)}（${time(f.at)}）：` : ''}
                  {f.reason}
                </span>
              ))}
            </Space>
          }
        />
      )}
      {anchors.error ? (
        <ErrorState error={anchors.error} onRetry={anchors.reload} />
      ) : (
        <List<AuditAnchorView>
          size="small"
          bordered
          loading={anchors.loading}
          locale={{ emptyText: TEXT.none }}
          dataSource={anchors.data ?? []}
          renderItem={(a) => (
            <List.Item>
              <Space wrap size={[8, 0]} style={{ minWidth: 0 }}>
                <Tag>{TEXT.seq(a.seq)}</Tag>
                <span>{time(a.at)}</span>
                <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {a.hash.slice(0, 16)}…
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {TEXT.by(a.writtenBy)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </section>
  );
}
