/**
 * 系统管理 (系统管理员): the business accounts, bureaus and units of its bureau and the bureaus below it
 * (picked with the bureau selector), and holiday adjustments (节假日调整). Passwords are never typed
 * here: the server generates a one-time one, shown once.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import {
  type AccountCreated,
  type CalendarOverrideRow,
  del,
  errorDetail,
  type Org,
  post,
  put,
  type Unit,
  type UserRow,
  useGet,
  withQuery,
} from '../api.ts';
import { ChannelSettings } from '../components/ChannelSettings.tsx';
import { applyFieldError } from '../components/formErrors.ts';
import { ErrorState } from '../components/States.tsx';
import { YearArrangement } from '../components/YearArrangement.tsx';
import { type OneTime, OneTimePasswordModal } from '../components/OneTimePassword.tsx';
import { AccountFields, BureauSelect, bureauOptions, FormModal, userIdentityColumns } from '../components/userColumns.tsx';
import { TodoPanel } from '../components/TodoPanel.tsx';
import { ADMIN_MSG, LEVEL_RANK, ORG_LEVELS, ROLE_LABELS, UNIT_HEAD_LABEL, UNIT_KINDS } from '../labels.ts';
import { can, useSession } from '../session.tsx';

export default function SystemPage(): ReactNode {
  const { me } = useSession();
  const items = [];
  if (can(me, 'user.manage')) items.push({ key: 'users', label: '用户管理', children: <Users /> });
  if (can(me, 'org.manage')) items.push({ key: 'orgs', label: '单位与科室', children: <Orgs /> });
  if (can(me, 'calendar.manage')) items.push({ key: 'calendar', label: '节假日调整', children: <Overrides /> });
  if (can(me, 'org.manage')) items.push({ key: 'channels', label: '消息渠道', children: <ChannelSettings /> });
  return (
    <div className="fz-page">
      <TodoPanel />
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        系统管理
      </Typography.Title>
      {items.length ? <Tabs items={items} /> : <Alert type="warning" message="没有系统管理权限" />}
    </div>
  );
}

/** Shared by the create dialogs: submit, put a 400 on its field, show other errors on top. */
function useSubmit<T extends object>(fields: string[], send: (v: T) => Promise<unknown>, done: () => void) {
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await send(v);
      form.resetFields();
      done();
    } catch (e) {
      setError(applyFieldError(form, e, fields));
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, error, submit, clear: () => setError(null) };
}

type UserValues = { username: string; displayName: string; role: string; orgId: string; unitId?: string; email?: string };
type EditValues = { displayName: string; role: string; unitId?: string | null; email?: string | null };

/** The roles a 系统管理员 gives (business accounts only: 三员 accounts are the 安全管理员's). */
const BUSINESS_ROLES = ['officer', 'staff', 'leader'];
const businessRoleOptions = BUSINESS_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

function Users(): ReactNode {
  const { me, units } = useSession();
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const users = useGet<UserRow[]>(withQuery('/api/users', { orgId }));
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<OneTime | null>(null);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const { message } = AntApp.useApp();
  const s = useSubmit<UserValues>(
    ['username', 'displayName', 'role', 'orgId', 'unitId', 'email'],
    async (v) => {
      const r = await post<AccountCreated>('/api/users', { ...v, unitId: v.unitId ?? null, email: v.email || null });
      setShown({ username: v.username, displayName: v.displayName, password: r.password });
    },
    () => {
      setOpen(false);
      message.success('用户已创建');
      users.reload();
    },
  );
  const e = useSubmit<EditValues>(
    ['displayName', 'role', 'unitId', 'email'],
    (v) => put(`/api/users/${editing?.id ?? ''}`, { ...v, unitId: v.unitId ?? null, email: v.email || null }),
    () => {
      setEditing(null);
      message.success('已保存');
      users.reload();
    },
  );
  const newOrgId = Form.useWatch('orgId', s.form);
  const unitOptions = (org: string | undefined) => units.filter((u) => u.org_id === org).map((u) => ({ value: u.id, label: u.name }));
  if (users.error) return <ErrorState error={users.error} onRetry={users.reload} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <BureauSelect me={me} value={orgId} onChange={setOrgId} />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            s.form.setFieldsValue({ orgId: orgId ?? me.orgId, unitId: undefined });
            setOpen(true);
          }}
        >
          新建用户
        </Button>
      </Space>
      <Table<UserRow>
        rowKey="id"
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        loading={users.loading}
        dataSource={users.data ?? []}
        columns={[
          ...userIdentityColumns(me),
          { title: '所属科室', render: (_v, u) => units.find((x) => x.id === u.unit_id)?.name ?? '' },
          { title: ADMIN_MSG.email, render: (_v, u) => u.email ?? '' },
          {
            title: '状态',
            render: (_v, u) => (
              <Space size={4} wrap>
                {u.active ? <Tag color="green">正常</Tag> : <Tag>已停用</Tag>}
                {u.must_change_password && <Tag color="gold">{ADMIN_MSG.mustChange}</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            render: (_v, u) =>
              BUSINESS_ROLES.includes(u.role) ? (
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    e.form.setFieldsValue({ displayName: u.display_name, role: u.role, unitId: u.unit_id, email: u.email });
                    e.clear();
                    setEditing(u);
                  }}
                >
                  {ADMIN_MSG.edit}
                </Button>
              ) : null,
          },
        ]}
      />
      <FormModal
        title="新建用户"
        open={open}
        okText="创建"
        busy={s.busy}
        error={s.error}
        onOk={() => void s.submit()}
        onCancel={() => {
          setOpen(false);
          s.clear();
        }}
      >
        <Alert type="info" showIcon message={ADMIN_MSG.generatedNote} style={{ marginBottom: 12 }} />
        <Form form={s.form} layout="vertical" initialValues={{ orgId: me.orgId, role: 'staff' }}>
          <AccountFields
            me={me}
            roleOptions={businessRoleOptions}
            roleExtra={ADMIN_MSG.businessOnly}
            onOrgChange={() => s.form.setFieldValue('unitId', undefined)}
          />
          <Form.Item name="unitId" label="所属科室" extra="科室人员必须指定所属科室">
            <Select allowClear options={unitOptions(newOrgId)} />
          </Form.Item>
          <Form.Item name="email" label={ADMIN_MSG.email} extra={ADMIN_MSG.emailExtra}>
            <Input type="email" autoComplete="off" />
          </Form.Item>
        </Form>
      </FormModal>
      <FormModal
        title={editing ? ADMIN_MSG.editTitle(editing.display_name) : ''}
        open={editing !== null}
        okText="保存"
        busy={e.busy}
        error={e.error}
        onOk={() => void e.submit()}
        onCancel={() => setEditing(null)}
      >
        <Form form={e.form} layout="vertical">
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label="角色" extra={ADMIN_MSG.businessOnly} rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={businessRoleOptions} />
          </Form.Item>
          <Form.Item name="unitId" label="所属科室" extra="科室人员必须指定所属科室">
            <Select allowClear options={unitOptions(editing?.org_id)} />
          </Form.Item>
          <Form.Item name="email" label={ADMIN_MSG.email} extra={ADMIN_MSG.emailExtra}>
            <Input type="email" autoComplete="off" />
          </Form.Item>
        </Form>
      </FormModal>
      <OneTimePasswordModal shown={shown} onClose={() => setShown(null)} />
    </>
  );
}

type OrgValues = { name: string; shortName?: string; level: string; parentId?: string };
type UnitValues = { orgId: string; name: string; kind: string; sort?: number };

function Orgs(): ReactNode {
  const { me, reloadMe } = useSession();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const orgs = useGet<Org[]>('/api/orgs');
  const units = useGet<Unit[]>(withQuery('/api/units', { orgId: picked }));
  const people = useGet<UserRow[]>('/api/users');
  const [openOrg, setOpenOrg] = useState(false);
  const [openUnit, setOpenUnit] = useState(false);
  const { message } = AntApp.useApp();
  const o = useSubmit<OrgValues>(
    ['name', 'shortName', 'level', 'parentId'],
    (v) => post('/api/orgs', v),
    () => {
      setOpenOrg(false);
      message.success('单位已创建');
      orgs.reload();
      reloadMe();
    },
  );
  const u = useSubmit<UnitValues>(
    ['name', 'kind', 'sort'],
    (v) => post(`/api/orgs/${v.orgId}/units`, { name: v.name, kind: v.kind, sort: v.sort }),
    () => {
      setOpenUnit(false);
      message.success('科室已创建');
      units.reload();
      reloadMe();
    },
  );
  const level = Form.useWatch('level', o.form);
  // A unit's head is an active business account of the unit's bureau (the server checks the same).
  const headOptions = (orgId: string) =>
    (people.data ?? [])
      .filter((p) => p.org_id === orgId && p.active && ['officer', 'staff', 'leader'].includes(p.role))
      .map((p) => ({ value: p.id, label: `${p.display_name}（${ROLE_LABELS[p.role] ?? p.role}）` }));
  const setHead = async (unit: Unit, userId: string | null) => {
    try {
      await put(`/api/units/${encodeURIComponent(unit.id)}/head`, { userId });
      message.success(UNIT_HEAD_LABEL.saved(unit.name));
      units.reload();
    } catch (e) {
      message.error(errorDetail(e));
    }
  };
  if (orgs.error) return <ErrorState error={orgs.error} onRetry={orgs.reload} />;
  const orgName = (id: string | null) => (orgs.data ?? []).find((x) => x.id === id)?.name ?? '';
  // A new bureau goes strictly below its parent (省级＞市级＞县级).
  const parents = bureauOptions(me).filter((b) => {
    const p = me.orgs.find((x) => x.id === b.value);
    return !level || (p !== undefined && (LEVEL_RANK[p.level] ?? 9) < (LEVEL_RANK[level] ?? -1));
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpenOrg(true)}>
          新建下级单位
        </Button>
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            u.form.setFieldsValue({ orgId: picked ?? me.orgId });
            setOpenUnit(true);
          }}
        >
          新建科室
        </Button>
      </Space>
      <Typography.Title level={5}>单位</Typography.Title>
      <Table<Org>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={orgs.loading}
        dataSource={orgs.data ?? []}
        columns={[
          { title: '单位名称', dataIndex: 'name' },
          { title: '简称', dataIndex: 'short_name' },
          { title: '级别', render: (_v, r) => ORG_LEVELS[r.level] ?? r.level },
          { title: '上级单位', render: (_v, r) => orgName(r.parent_id) },
        ]}
      />
      <Space wrap align="center" style={{ marginTop: 16, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          科室与下属单位
        </Typography.Title>
        <BureauSelect me={me} value={picked} onChange={setPicked} />
      </Space>
      <Table<Unit>
        rowKey="id"
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        loading={units.loading}
        dataSource={units.data ?? []}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind' },
          { title: '所属单位', render: (_v, r) => orgName(r.org_id) },
          { title: '排序', dataIndex: 'sort', width: 80 },
          {
            title: UNIT_HEAD_LABEL.column,
            render: (_v, r) => (
              <Select
                size="small"
                allowClear
                aria-label={`${r.name}${UNIT_HEAD_LABEL.column}`}
                title={UNIT_HEAD_LABEL.help}
                placeholder={UNIT_HEAD_LABEL.placeholder}
                value={r.head_user_id ?? undefined}
                options={headOptions(r.org_id)}
                onChange={(v: string | undefined) => void setHead(r, v ?? null)}
                style={{ minWidth: 150 }}
              />
            ),
          },
        ]}
      />
      <FormModal
        title="新建下级单位"
        open={openOrg}
        okText="创建"
        busy={o.busy}
        error={o.error}
        onOk={() => void o.submit()}
        onCancel={() => setOpenOrg(false)}
      >
        <Form form={o.form} layout="vertical" initialValues={{ level: 'county', parentId: me.orgId }}>
          <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请输入单位名称' }]}>
            <Input placeholder="例如：某县民政局" />
          </Form.Item>
          <Form.Item name="shortName" label="简称">
            <Input />
          </Form.Item>
          <Form.Item
            name="level"
            label="级别"
            extra="下级单位的级别须低于上级单位（省级＞市级＞县级）"
            rules={[{ required: true, message: '请选择级别' }]}
          >
            <Select options={Object.entries(ORG_LEVELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="parentId" label="上级单位" rules={[{ required: true, message: '请选择上级单位' }]}>
            <Select options={parents} />
          </Form.Item>
        </Form>
      </FormModal>
      <FormModal
        title="新建科室"
        open={openUnit}
        okText="创建"
        busy={u.busy}
        error={u.error}
        onOk={() => void u.submit()}
        onCancel={() => setOpenUnit(false)}
      >
        <Form form={u.form} layout="vertical" initialValues={{ orgId: me.orgId, kind: '科室', sort: 0 }}>
          <Form.Item name="orgId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
            <Select options={bureauOptions(me)} />
          </Form.Item>
          <Form.Item name="name" label="科室名称" rules={[{ required: true, message: '请输入科室名称' }]}>
            <Input placeholder="例如：政策法规科" />
          </Form.Item>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="sort" label="排序号">
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}

type OverrideValues = { day: Dayjs; kind: 'holiday' | 'workday'; name: string };

function Overrides(): ReactNode {
  const list = useGet<CalendarOverrideRow[]>('/api/calendar/overrides');
  const [open, setOpen] = useState(false);
  const { message } = AntApp.useApp();
  const s = useSubmit<OverrideValues>(
    ['kind', 'name'],
    (v) => put(`/api/calendar/overrides/${v.day.format('YYYY-MM-DD')}`, { kind: v.kind, name: v.name }),
    () => {
      setOpen(false);
      message.success('已保存节假日调整');
      list.reload();
    },
  );
  const remove = async (day: string) => {
    try {
      await del(`/api/calendar/overrides/${day}`);
      message.success('已删除');
      list.reload();
    } catch (e) {
      message.error(errorDetail(e));
    }
  };
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <>
      <YearArrangement onSaved={list.reload} />
      <Typography.Title level={5}>单日调整</Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="国务院办公厅公布的节假日安排已内置。仅当本地有临时调整时在此补充单日；新一年的安排请用上方“录入全年安排”。法定期限将按调整后的工作日计算。"
      />
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
        新增调整
      </Button>
      <Table<CalendarOverrideRow>
        rowKey={(r) => r.day}
        size="small"
        bordered
        loading={list.loading}
        dataSource={list.data ?? []}
        columns={[
          { title: '日期', render: (_v, r) => r.day },
          {
            title: '调整为',
            render: (_v, r) => (r.kind === 'workday' ? <Tag color="volcano">工作日（上班）</Tag> : <Tag color="green">休息日</Tag>),
          },
          { title: '名称', render: (_v, r) => r.name },
          {
            title: '操作',
            render: (_v, r) => (
              <Popconfirm title="确定删除该调整吗？" okText="删除" cancelText="取消" onConfirm={() => void remove(r.day)}>
                <Button type="link" danger size="small">
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <FormModal
        title="新增节假日调整"
        open={open}
        okText="保存"
        busy={s.busy}
        error={s.error}
        onOk={() => void s.submit()}
        onCancel={() => setOpen(false)}
      >
        <Form form={s.form} layout="vertical" initialValues={{ kind: 'holiday' }}>
          <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="kind" label="调整为" rules={[{ required: true, message: '请选择' }]}>
            <Select
              options={[
                { value: 'holiday', label: '休息日' },
                { value: 'workday', label: '工作日（上班）' },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入名称，例如：春节调休' }]}>
            <Input placeholder="例如：春节调休" />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
