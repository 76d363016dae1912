/**
 * 审计日志 (审计管理员): the append-only log of its bureau and the bureaus below it (one picked with the
 * bureau selector), and a check of its hash chain. Business records show the names of the changed
 * fields only; the values stay with the business users.
 */
import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { type AuditVerification, errorDetail, get, useGet, withQuery } from '../api.ts';
import { AuditAnchors } from '../components/AuditAnchors.tsx';
import { ErrorState } from '../components/States.tsx';
import { BureauSelect } from '../components/userColumns.tsx';
import { TodoPanel } from '../components/TodoPanel.tsx';
import { ADMIN_MSG, AUDIT_ACTIONS, AUDIT_ENTITIES, actionLabel } from '../labels.ts';
import { useSession } from '../session.tsx';

type AuditRow = {
  seq: number;
  at: string;
  username: string;
  org_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  success: number | boolean;
  ip: string;
  detail: string;
};
type ChainCheck = AuditVerification;

export default function AuditPage(): ReactNode {
  const { me, ledgers } = useSession();
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const entityLabel = (e: string) => AUDIT_ENTITIES[e] ?? ledgers.find((l) => l.key === e)?.label ?? e;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [username, setUsername] = useState('');
  const [action, setAction] = useState('');
  const log = useGet<{ total: number; items: AuditRow[] }>(withQuery('/api/audit', { page, pageSize, username, action, orgId }));
  const [check, setCheck] = useState<ChainCheck | { error: string } | null>(null);
  const [checking, setChecking] = useState(false);

  const verify = async () => {
    setChecking(true);
    try {
      setCheck(await get<ChainCheck>('/api/audit/verify'));
    } catch (e) {
      setCheck({ error: errorDetail(e) });
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="fz-page">
      <TodoPanel />
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        审计日志
      </Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={ADMIN_MSG.auditRedacted} />
      <Space wrap style={{ marginBottom: 12 }}>
        <BureauSelect
          me={me}
          value={orgId}
          onChange={(v) => {
            setOrgId(v);
            setPage(1);
          }}
        />
        <Input.Search
          placeholder="按用户名筛选"
          allowClear
          style={{ width: 180 }}
          onSearch={(v) => {
            setUsername(v.trim());
            setPage(1);
          }}
        />
        <Select
          placeholder="全部操作"
          allowClear
          style={{ width: 200 }}
          options={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))}
          onChange={(v: string | undefined) => {
            setAction(v ?? '');
            setPage(1);
          }}
        />
        <Button type="primary" icon={<SafetyOutlined />} loading={checking} onClick={() => void verify()}>
          校验哈希链
        </Button>
      </Space>
      {check && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={'error' in check ? 'warning' : check.chainOk ? 'success' : 'error'}
          message={
            'error' in check
              ? `校验未完成：${check.error}`
              : check.chainOk
                ? `哈希链完整：已校验 ${check.checked} 条记录，未发现篡改。`
                : `哈希链断裂：第 ${check.brokenAt ?? '?'} 条记录异常，日志可能被篡改。`
          }
          description={'error' in check || check.chainOk ? undefined : (check.reason ?? undefined)}
        />
      )}
      <AuditAnchors verification={check && !('error' in check) ? check : null} />
      {log.error ? (
        <ErrorState error={log.error} onRetry={log.reload} />
      ) : (
        <Table<AuditRow>
          rowKey="seq"
          size="small"
          bordered
          loading={log.loading}
          dataSource={log.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: log.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 70 },
            { title: '时间', width: 170, render: (_v, r) => new Date(r.at).toLocaleString('zh-CN') },
            { title: '用户', dataIndex: 'username' },
            { title: '单位', render: (_v, r) => me.orgs.find((o) => o.id === r.org_id)?.name ?? '' },
            { title: '操作', render: (_v, r) => actionLabel(r.action) },
            { title: '对象', render: (_v, r) => entityLabel(r.entity) },
            { title: '结果', render: (_v, r) => (Number(r.success) ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>) },
            { title: '地址', dataIndex: 'ip' },
            {
              title: '详情',
              render: (_v, r) => (
                <Typography.Text style={{ fontSize: 12, maxWidth: 360 }} ellipsis={{ tooltip: r.detail }}>
                  {r.detail}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
