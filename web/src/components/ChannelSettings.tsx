/**
 * 消息渠道 (系统管理员): how reminders leave the system for one bureau of the admin's subtree —
 * 电子邮件 on/off (the mail server is the deployment's), the 钉钉 group robot (webhook URL and an
 * optional 加签 secret) and the 企业微信 group robot (webhook URL). The server never sends a stored URL
 * or secret back: the page shows the URL masked and the secret as "已设置", and an empty field keeps
 * what is stored. Each channel has a test button whose per-target results are shown in place.
 * One column of cards whose controls wrap, so it fits a 390px phone.
 */
import { App as AntApp, Alert, Button, Card, Form, Input, List, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { type ChannelSettingsView, type DeliveryResult, errorDetail, post, put, useGet, withQuery } from '../api.ts';
import { useSession } from '../session.tsx';
import { applyFieldError } from './formErrors.ts';
import { ErrorState, Loading } from './States.tsx';
import { bureauOptions } from './userColumns.tsx';

type Robot = 'dingtalk' | 'wecom';

/** Full-width cards one below the other. */
const COLUMN: CSSProperties = { display: 'flex', flexDirection: 'column', gap: 12, width: '100%' };

const T = {
  intro:
    '期限提醒除在系统内通知外，可按本单位的设置发送电子邮件，或发到钉钉、企业微信工作群。Webhook 地址含有访问令牌，保存后只显示掩码；不填写则保持原设置不变。',
  bureau: '单位',
  email: '电子邮件',
  dingtalk: '钉钉群机器人',
  wecom: '企业微信群机器人',
  enabled: '启用',
  on: '已启用',
  off: '未启用',
  smtpMissing: '本部署未配置邮件服务器（SMTP），暂不能启用电子邮件提醒，请联系部署运维人员。',
  from: (from: string) => `发件人：${from}`,
  emailNote: '提醒发往每位收件人在“账户安全”或用户管理中填写的电子邮箱；未填写邮箱的人收不到邮件。',
  url: 'Webhook 地址',
  urlNew: {
    dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
    wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  },
  urlKeep: '留空则保持当前地址',
  current: (masked: string) => `当前地址：${masked}`,
  secret: '加签密钥（可选）',
  secretSet: '已设置加签密钥',
  secretKeep: '留空则保持当前密钥',
  secretNew: '钉钉群机器人“加签”中以 SEC 开头的字符串',
  removeSecret: '清除加签密钥',
  save: '保存',
  saved: (label: string) => `${label}设置已保存`,
  clear: '清除设置',
  clearConfirm: (label: string) => `清除${label}的地址和密钥并停用？`,
  cleared: (label: string) => `${label}已清除`,
  test: '发送测试消息',
  testEmail: '发送测试邮件（发给本人）',
  resultTitle: '测试结果',
  ok: '成功',
  fail: '失败',
  changed: (by: string | null, at: string | null) =>
    at ? `${by ?? ''} 于 ${new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 修改` : '',
};

function Results({ channel, results }: { channel: string; results: DeliveryResult[] | null }): ReactNode {
  if (!results) return null;
  return (
    <List
      data-testid={`channel-test-result-${channel}`}
      size="small"
      header={T.resultTitle}
      dataSource={results}
      renderItem={(r) => (
        <List.Item>
          <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
            <Space wrap size={4}>
              <Tag color={r.ok ? 'green' : 'red'}>{r.ok ? T.ok : T.fail}</Tag>
              <Typography.Text style={{ wordBreak: 'break-all' }}>{r.target}</Typography.Text>
            </Space>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
              {r.detail}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** The test button of one channel and its results. */
function useTest(channel: string, orgId: string) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<DeliveryResult[] | null>(null);
  const run = async () => {
    setBusy(true);
    try {
      setResults(await post<DeliveryResult[]>(withQuery(`/api/channels/${channel}/test`, { orgId })));
    } catch (e) {
      message.error(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, results, run };
}

function EmailCard({ s, onSaved }: { s: ChannelSettingsView; onSaved: (v: ChannelSettingsView) => void }): ReactNode {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const test = useTest('email', s.orgId);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    try {
      onSaved(await put<ChannelSettingsView>(withQuery('/api/channels/email', { orgId: s.orgId }), { enabled }));
      message.success(T.saved(T.email));
    } catch (e) {
      message.error(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={T.email} data-testid="channel-email">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Switch
            aria-label={`${T.email}${T.enabled}`}
            checked={s.email.enabled}
            loading={busy}
            disabled={!s.email.smtpConfigured && !s.email.enabled}
            onChange={(v) => void toggle(v)}
          />
          <Typography.Text>{s.email.enabled ? T.on : T.off}</Typography.Text>
          <Typography.Text type="secondary">{T.changed(s.email.updatedBy, s.email.updatedAt)}</Typography.Text>
        </Space>
        {s.email.smtpConfigured ? (
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {T.from(s.email.from ?? '')}
          </Typography.Text>
        ) : (
          <Alert type="warning" showIcon message={T.smtpMissing} />
        )}
        <Typography.Text type="secondary">{T.emailNote}</Typography.Text>
        <Button onClick={() => void test.run()} loading={test.busy} disabled={!s.email.smtpConfigured}>
          {T.testEmail}
        </Button>
        <Results channel="email" results={test.results} />
      </Space>
    </Card>
  );
}

type RobotValues = { enabled: boolean; url?: string; secret?: string };

function RobotCard({
  channel,
  s,
  onSaved,
}: {
  channel: Robot;
  s: ChannelSettingsView;
  onSaved: (v: ChannelSettingsView) => void;
}): ReactNode {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RobotValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const test = useTest(channel, s.orgId);
  const v = s[channel];
  const label = T[channel];
  const hasSecret = channel === 'dingtalk' && s.dingtalk.hasSecret;
  const send = async (body: Record<string, unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await put<ChannelSettingsView>(withQuery(`/api/channels/${channel}`, { orgId: s.orgId }), body);
      form.setFieldsValue({ enabled: next[channel].enabled, url: '', secret: '' });
      onSaved(next);
      message.success(done);
    } catch (e) {
      setError(applyFieldError(form, e, ['url', 'secret', 'enabled']));
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    const f = await form.validateFields();
    const url = f.url?.trim();
    const secret = f.secret?.trim();
    await send({ enabled: f.enabled, ...(url ? { url } : {}), ...(secret ? { secret } : {}) }, T.saved(label));
  };
  return (
    <Card size="small" title={label} data-testid={`channel-${channel}`}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ enabled: v.enabled, url: '', secret: '' }} requiredMark={false}>
        <Form.Item name="enabled" label={T.enabled} valuePropName="checked">
          <Switch aria-label={`${label}${T.enabled}`} />
        </Form.Item>
        <Form.Item
          name="url"
          label={T.url}
          extra={v.maskedUrl ? <span style={{ wordBreak: 'break-all' }}>{T.current(v.maskedUrl)}</span> : undefined}
        >
          <Input autoComplete="off" placeholder={v.maskedUrl ? T.urlKeep : T.urlNew[channel]} />
        </Form.Item>
        {channel === 'dingtalk' && (
          <Form.Item name="secret" label={T.secret} extra={hasSecret ? T.secretSet : undefined}>
            <Input.Password autoComplete="new-password" placeholder={hasSecret ? T.secretKeep : T.secretNew} />
          </Form.Item>
        )}
        <Space wrap>
          <Button type="primary" onClick={() => void save()} loading={busy}>
            {T.save}
          </Button>
          <Button onClick={() => void test.run()} loading={test.busy} disabled={!v.maskedUrl}>
            {T.test}
          </Button>
          {hasSecret && (
            <Button onClick={() => void send({ enabled: v.enabled, secret: null }, T.saved(label))} disabled={busy}>
              {T.removeSecret}
            </Button>
          )}
          {v.maskedUrl && (
            <Popconfirm
              title={T.clearConfirm(label)}
              okText={T.clear}
              cancelText="取消"
              onConfirm={() => void send({ enabled: false, url: null, secret: null }, T.cleared(label))}
            >
              <Button danger disabled={busy}>
                {T.clear}
              </Button>
            </Popconfirm>
          )}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {T.changed(v.updatedBy, v.updatedAt)}
        </Typography.Paragraph>
      </Form>
      <Results channel={channel} results={test.results} />
    </Card>
  );
}

export function ChannelSettings(): ReactNode {
  const { me } = useSession();
  const [orgId, setOrgId] = useState(me.orgId);
  const loaded = useGet<ChannelSettingsView>(withQuery('/api/channels', { orgId }));
  const [saved, setSaved] = useState<ChannelSettingsView | null>(null);
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const s = saved?.orgId === orgId ? saved : loaded.data?.orgId === orgId ? loaded.data : undefined;
  return (
    <div style={COLUMN}>
      <Select
        aria-label={T.bureau}
        style={{ width: 260, maxWidth: '100%' }}
        value={orgId}
        onChange={(v: string) => {
          setSaved(null);
          setOrgId(v);
        }}
        options={bureauOptions(me)}
        optionRender={(o) => <span style={{ paddingLeft: (o.data.depth ?? 0) * 14 }}>{o.label}</span>}
      />
      <Alert type="info" showIcon message={T.intro} />
      {!s ? (
        <Loading />
      ) : (
        // Keyed by bureau: switching bureau starts each form afresh from that bureau's settings.
        <div key={s.orgId} style={COLUMN}>
          <EmailCard s={s} onSaved={setSaved} />
          <RobotCard channel="dingtalk" s={s} onSaved={setSaved} />
          <RobotCard channel="wecom" s={s} onSaved={setSaved} />
        </div>
      )}
    </div>
  );
}
