/**
 * 随机抽查摇号 (双随机、一公开): run a verifiable draw for a 抽查任务 (objects from the 检查对象名录库,
 * inspectors with a valid 执法证 from the 人员名册), show the result with its public seed and
 * fingerprints, and verify it (re-run with the same seed and candidates, compare).
 */
import { CheckCircleOutlined, MinusCircleOutlined, PlusOutlined, SafetyCertificateOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { errorDetail, get, type LedgerRecord, post, type RecordPage, useGet } from '../api.ts';
import { applyFieldError } from '../components/formErrors.ts';
import { ErrorState } from '../components/States.tsx';
import { can, useSession } from '../session.tsx';

type DrawView = {
  id: string;
  taskId: string;
  taskName: string;
  drawnOn: string;
  drawnAt: string;
  witness: string;
  seed: string;
  algorithm: string;
  algorithmText: string;
  objectCandidates: number;
  objectFingerprint: string;
  inspectorCandidates: number;
  inspectorFingerprint: string;
  excluded: Array<{ id: string; name: string; reason: string }>;
  result: {
    objects: Array<{ id: string; name: string; creditCode: string; group: number }>;
    groups: Array<{ group: number; inspectors: Array<{ id: string; name: string; certNo: string }>; objectIds: string[] }>;
  };
  resultFingerprint: string;
};

type VerifyResult = {
  ok: boolean;
  message: string;
  modifiedAfterDraw: boolean;
  checks: Array<{ key: string; label: string; ok: boolean; stored: string; recomputed: string }>;
};

type Values = {
  taskId: string;
  type?: string;
  region?: string;
  unitId?: string;
  by: 'count' | 'ratio';
  objectCount?: number;
  objectRatio?: number;
  groups: number;
  perGroup: number;
  witness: string;
  seed: string;
  recusals?: Array<{ inspectorId?: string; objectId?: string; reason?: string }>;
};

/** Fields whose errors show under their own control; the others show above the form. */
const FIELDS = ['taskId', 'objectCount', 'objectRatio', 'groups', 'perGroup', 'witness'];

function randomSeed(): string {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return [...a].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export default function DrawsPage(): ReactNode {
  const { me, ledgers, units } = useSession();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const [draw, setDraw] = useState<DrawView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<VerifyResult | { failed: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const by = Form.useWatch('by', form) ?? 'count';

  const tasks = useGet<RecordPage<LedgerRecord>>('/api/ledgers/inspection_task/records?pageSize=500');
  const past = useGet<RecordPage<LedgerRecord>>('/api/ledgers/random_draw/records?pageSize=20');
  const people = useGet<RecordPage<LedgerRecord>>('/api/ledgers/person/records?pageSize=500');
  const objects = useGet<RecordPage<LedgerRecord>>('/api/ledgers/inspection_object/records?pageSize=500&status=在库');
  const objectTypes = ledgers.find((l) => l.key === 'inspection_object')?.fields.find((f) => f.name === 'type')?.options ?? [];

  const run = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    setVerify(null);
    try {
      const objectFilter: Record<string, string> = {};
      if (v.type) objectFilter.type = v.type;
      if (v.region?.trim()) objectFilter.region = v.region.trim();
      if (v.unitId) objectFilter.unitId = v.unitId;
      const r = await post<DrawView>('/api/enforcement/draws', {
        taskId: v.taskId,
        objectFilter,
        ...(v.by === 'ratio' ? { objectRatio: v.objectRatio } : { objectCount: v.objectCount }),
        groups: v.groups,
        perGroup: v.perGroup,
        witness: v.witness,
        seed: v.seed,
        recusals: (v.recusals ?? [])
          .filter((x) => x.inspectorId && x.objectId)
          .map((x) => ({ inspectorId: x.inspectorId, objectId: x.objectId, ...(x.reason ? { reason: x.reason } : {}) })),
      });
      setDraw(r);
      past.reload();
      message.success('摇号完成');
    } catch (e) {
      setError(applyFieldError(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const open = async (id: string) => {
    setError(null);
    setVerify(null);
    try {
      setDraw(await get<DrawView>(`/api/enforcement/draws/${id}`));
    } catch (e) {
      setError(errorDetail(e));
    }
  };
  const doVerify = async () => {
    if (!draw) return;
    try {
      setVerify(await post<VerifyResult>(`/api/enforcement/draws/${draw.id}/verify`));
    } catch (e) {
      setVerify({ failed: errorDetail(e) });
    }
  };

  const objectName = (id: string) => draw?.result.objects.find((o) => o.id === id)?.name ?? '';
  const canWrite = can(me, 'ledger.write');

  return (
    <Row gutter={16}>
      <Col xs={24} xl={10}>
        <div className="fz-page" style={{ marginBottom: 16 }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            随机抽查摇号
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            从“随机抽查检查对象名录库”中抽取在库对象，从“法治工作人员名册”中随机选派持有效执法证的检查人员。摇号使用公开随机种子，结果带名录指纹，任何人可复核。
          </Typography.Paragraph>
          {tasks.error && <ErrorState error={tasks.error} onRetry={tasks.reload} />}
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="draw-error" />}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ by: 'count', objectCount: 5, objectRatio: 5, groups: 1, perGroup: 2 }}
            disabled={!canWrite}
          >
            <Form.Item
              name="taskId"
              label="抽查任务"
              rules={[{ required: true, message: '请选择抽查任务' }]}
              extra="在“双随机抽查任务台账”中登记任务后可选"
            >
              <Select
                showSearch
                optionFilterProp="label"
                placeholder="请选择"
                loading={tasks.loading}
                options={(tasks.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.title}（${t.occurredOn ?? ''}）` }))}
              />
            </Form.Item>
            <Form.Item label="抽取范围" style={{ marginBottom: 0 }}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="type" noStyle>
                  <Select
                    allowClear
                    placeholder="全部对象类型"
                    style={{ width: '40%' }}
                    options={objectTypes.map((t) => ({ value: t, label: t }))}
                  />
                </Form.Item>
                <Form.Item name="region" noStyle>
                  <Input placeholder="所在区域（选填）" style={{ width: '30%' }} />
                </Form.Item>
                <Form.Item name="unitId" noStyle>
                  <Select
                    allowClear
                    placeholder="监管科室"
                    style={{ width: '30%' }}
                    options={units.map((u) => ({ value: u.id, label: u.name }))}
                  />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="by" label="抽取方式" style={{ marginTop: 12 }}>
              <Radio.Group
                options={[
                  { value: 'count', label: '按数量' },
                  { value: 'ratio', label: '按比例' },
                ]}
              />
            </Form.Item>
            {by === 'ratio' ? (
              <Form.Item name="objectRatio" label="抽取比例（%）" rules={[{ required: true, message: '请输入抽取比例' }]}>
                <InputNumber min={0.1} max={100} style={{ width: '100%' }} />
              </Form.Item>
            ) : (
              <Form.Item name="objectCount" label="抽取对象数" rules={[{ required: true, message: '请输入抽取对象数' }]}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            )}
            <Space style={{ width: '100%' }} align="start">
              <Form.Item name="groups" label="检查组数" rules={[{ required: true, message: '请输入检查组数' }]}>
                <InputNumber min={1} precision={0} />
              </Form.Item>
              <Form.Item name="perGroup" label="每组检查人员数" rules={[{ required: true, message: '请输入每组人数' }]} extra="不得少于2名">
                <InputNumber min={2} precision={0} />
              </Form.Item>
            </Space>
            <Form.Item name="witness" label="监督人" rules={[{ required: true, message: '请填写监督人' }]}>
              <Input placeholder="现场监督人员姓名" />
            </Form.Item>
            <Form.Item label="公开随机种子" required extra="建议使用当日公开可查的数字（如福利彩票开奖号码）或现场生成后当场公布">
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="seed" noStyle rules={[{ required: true, message: '请填写公开随机种子' }]}>
                  <Input placeholder="至少8个字符" />
                </Form.Item>
                <Button icon={<ThunderboltOutlined />} onClick={() => form.setFieldsValue({ seed: randomSeed() })}>
                  生成
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.List name="recusals">
              {(fields, { add, remove }) => (
                <Form.Item label="回避名单" extra="检查人员与检查对象有利害关系的，不参加该对象的检查">
                  {fields.map((field) => (
                    <Space key={field.key} style={{ display: 'flex', marginBottom: 8 }} align="baseline">
                      <Form.Item name={[field.name, 'inspectorId']} noStyle>
                        <Select
                          placeholder="检查人员"
                          style={{ width: 140 }}
                          showSearch
                          optionFilterProp="label"
                          options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'objectId']} noStyle>
                        <Select
                          placeholder="检查对象"
                          style={{ width: 180 }}
                          showSearch
                          optionFilterProp="label"
                          options={(objects.data?.items ?? []).map((o) => ({ value: o.id, label: o.title }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'reason']} noStyle>
                        <Input placeholder="原因" style={{ width: 100 }} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    添加回避
                  </Button>
                </Form.Item>
              )}
            </Form.List>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()} size="large">
              摇号
            </Button>
          </Form>
        </div>
        <Card size="small" title="最近的摇号记录">
          {past.error ? (
            <ErrorState error={past.error} />
          ) : (
            <Table<LedgerRecord>
              size="small"
              rowKey="id"
              pagination={false}
              loading={past.loading}
              dataSource={past.data?.items ?? []}
              onRow={(r) => ({ onClick: () => void open(r.id), style: { cursor: 'pointer' } })}
              columns={[
                { title: '抽取日期', width: 110, render: (_v, r) => r.occurredOn ?? '' },
                { title: '抽查任务', render: (_v, r) => r.title },
                { title: '监督人', render: (_v, r) => String(r.data.witness ?? '') },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <div className="fz-page">
          {!draw ? (
            <Alert type="info" showIcon message="摇号结果将显示在这里；也可以在左下方点击以往的摇号记录查看。" />
          ) : (
            <>
              <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  摇号结果
                </Typography.Title>
                <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => void doVerify()}>
                  验证
                </Button>
              </Space>
              {verify &&
                ('failed' in verify ? (
                  <Alert type="error" showIcon message="验证未完成" description={verify.failed} style={{ marginBottom: 12 }} />
                ) : (
                  <Alert
                    style={{ marginBottom: 12 }}
                    showIcon
                    type={verify.ok ? 'success' : 'error'}
                    message={verify.message || (verify.ok ? '验证通过' : '验证未通过')}
                    description={
                      <Table
                        size="small"
                        pagination={false}
                        rowKey="key"
                        dataSource={verify.checks}
                        columns={[
                          { title: '检查项', dataIndex: 'label' },
                          { title: '结果', render: (_v, c) => (c.ok ? <Tag color="green">一致</Tag> : <Tag color="red">不一致</Tag>) },
                        ]}
                      />
                    }
                  />
                ))}
              <Descriptions bordered size="small" column={1} styles={{ label: { width: 150 } }}>
                <Descriptions.Item label="抽查任务">{draw.taskName}</Descriptions.Item>
                <Descriptions.Item label="抽取时间">
                  {draw.drawnAt ? new Date(draw.drawnAt).toLocaleString('zh-CN') : draw.drawnOn}
                </Descriptions.Item>
                <Descriptions.Item label="监督人">{draw.witness}</Descriptions.Item>
                <Descriptions.Item label="公开随机种子">
                  <Typography.Text copyable code>
                    {draw.seed}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="算法">
                  <Typography.Text>{draw.algorithm}</Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
                    {draw.algorithmText}
                  </Typography.Paragraph>
                </Descriptions.Item>
                <Descriptions.Item label="候选检查对象">
                  {draw.objectCandidates} 家；名单指纹{' '}
                  <Typography.Text copyable code style={{ wordBreak: 'break-all' }}>
                    {draw.objectFingerprint}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="候选检查人员">
                  {draw.inspectorCandidates} 名；名单指纹{' '}
                  <Typography.Text copyable code style={{ wordBreak: 'break-all' }}>
                    {draw.inspectorFingerprint}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="结果指纹">
                  <Typography.Text copyable code style={{ wordBreak: 'break-all' }}>
                    {draw.resultFingerprint}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="记录编号">
                  <Typography.Text copyable>{draw.id}</Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              <Card size="small" title={`抽中的检查对象（${draw.result.objects.length} 家）`} style={{ marginTop: 12 }}>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={draw.result.objects.map((o, i) => ({ ...o, n: i + 1 }))}
                  columns={[
                    { title: '序号', dataIndex: 'n', width: 60 },
                    { title: '对象名称', dataIndex: 'name' },
                    { title: '统一社会信用代码', dataIndex: 'creditCode' },
                    { title: '检查组', dataIndex: 'group', width: 80, render: (g: number) => `第${g}组` },
                  ]}
                />
              </Card>
              <Card size="small" title="检查组与检查人员" style={{ marginTop: 12 }}>
                <Table
                  size="small"
                  rowKey="group"
                  pagination={false}
                  dataSource={draw.result.groups}
                  columns={[
                    { title: '检查组', dataIndex: 'group', width: 80, render: (g: number) => `第${g}组` },
                    { title: '检查人员（执法证号）', render: (_v, g) => g.inspectors.map((p) => `${p.name}（${p.certNo}）`).join('、') },
                    { title: '检查对象', render: (_v, g) => g.objectIds.map(objectName).join('、') },
                  ]}
                />
              </Card>
              {draw.excluded.length > 0 && (
                <Card size="small" title="未参加抽取的人员" style={{ marginTop: 12 }}>
                  {draw.excluded.map((x) => (
                    <div key={x.id}>
                      {x.name}：{x.reason}
                    </div>
                  ))}
                </Card>
              )}
            </>
          )}
        </div>
      </Col>
    </Row>
  );
}
