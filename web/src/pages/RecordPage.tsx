/**
 * 记录 (/records/:id): one record of any ledger on its own page — where a report's number leads.
 * Its fields by its ledger's declaration, its links, attachments and history (the same tabs as the
 * ledger page's detail drawer), the bureau that keeps it, a way back to its ledger, and 编辑 for a
 * user who may change it.
 */
import { ArrowLeftOutlined, EditOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Result, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { type LedgerRecord, type Me, useGet } from '../api.ts';
import { RecordTabs } from '../components/RecordDetail.tsx';
import { RecordForm } from '../components/RecordForm.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { moduleLabel } from '../labels.ts';
import { can, orgName, useSession } from '../session.tsx';

const MSG = {
  ledgers: '台账',
  missing: '记录不存在',
  missingHint: '该记录可能已删除，或属于您无权查看的单位。',
  unknownLedger: '该记录所属的台账未启用',
  back: '返回',
  openLedger: '打开所在台账',
  edit: '编辑',
};

/** Whether the user may change the record: their own bureau, and for 科室人员 their own 科室 (the server checks again). */
function mayWrite(me: Me, r: LedgerRecord): boolean {
  return can(me, 'ledger.write') && r.orgId === me.orgId && (me.role !== 'staff' || r.unitId === me.unitId);
}

export default function RecordPage(): ReactNode {
  const { id = '' } = useParams();
  const { me, ledgers } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const rec = useGet<LedgerRecord>(`/api/records/${encodeURIComponent(id)}`);
  const [editing, setEditing] = useState(false);
  // Opened from within the app (e.g. a report's sources): 返回 goes back there.
  const cameFromApp = location.key !== 'default';

  if (rec.error?.status === 404) {
    return (
      <Result
        status="404"
        title={MSG.missing}
        subTitle={MSG.missingHint}
        extra={cameFromApp ? <Button onClick={() => navigate(-1)}>{MSG.back}</Button> : undefined}
      />
    );
  }
  if (rec.error) return <ErrorState error={rec.error} onRetry={rec.reload} />;
  if (!rec.data) return <Loading />;
  const r = rec.data;
  const ledger = ledgers.find((l) => l.key === r.ledger);
  if (!ledger) return <Result status="404" title={MSG.unknownLedger} />;
  const writable = mayWrite(me, r);
  const ledgerPath = `/ledgers/${encodeURIComponent(ledger.key)}`;

  return (
    <div className="fz-page" data-testid="record-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: MSG.ledgers }, { title: moduleLabel(ledger.module) }, { title: <Link to={ledgerPath}>{ledger.label}</Link> }]}
      />
      <Typography.Title level={4} style={{ marginTop: 0, wordBreak: 'break-word' }} data-testid="record-title">
        {r.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{[ledger.label, orgName(me, r.orgId)].filter(Boolean).join(' · ')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {cameFromApp && (
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            {MSG.back}
          </Button>
        )}
        <Button icon={<UnorderedListOutlined />} onClick={() => navigate(ledgerPath)}>
          {MSG.openLedger}
        </Button>
        {writable && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {MSG.edit}
          </Button>
        )}
      </Space>
      <RecordTabs key={r.version} ledger={ledger} record={r} canWrite={writable} />
      <RecordForm
        ledger={ledger}
        record={r}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          rec.reload();
        }}
      />
    </div>
  );
}
