/**
 * What the admin pages (系统管理, 安全管理, 审计日志) share: the identity columns of an account, the
 * bureau picker over the admin's subtree, the fields of a new account and the dialog around a form.
 */
import { Alert, Form, Input, Modal, Select, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { Me, OrgBrief, UserRow } from '../api.ts';
import { ADMIN_MSG, LEVEL_RANK, ROLE_LABELS } from '../labels.ts';

export function userIdentityColumns(me: Me): TableColumnsType<UserRow> {
  return [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'display_name' },
    { title: '角色', render: (_v, u) => ROLE_LABELS[u.role] ?? u.role },
    { title: '所属单位', render: (_v, u) => me.orgs.find((o) => o.id === u.org_id)?.name ?? '' },
  ];
}

/** The admin's bureaus, each after its parent (the tree walked from the admin's own bureau). */
export function bureauOptions(me: Me): Array<{ value: string; label: string; depth: number }> {
  const out: Array<{ value: string; label: string; depth: number }> = [];
  const walk = (o: OrgBrief, depth: number) => {
    out.push({ value: o.id, label: o.name, depth });
    for (const c of me.orgs.filter((x) => x.parent_id === o.id).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) walk(c, depth + 1);
  };
  const roots = me.orgs.filter((o) => !me.orgs.some((p) => p.id === o.parent_id));
  for (const r of roots.sort((a, b) => (LEVEL_RANK[a.level] ?? 9) - (LEVEL_RANK[b.level] ?? 9))) walk(r, 0);
  return out;
}

/** Picks one bureau of the admin's subtree, or all of them (undefined). */
export function BureauSelect({
  me,
  value,
  onChange,
}: {
  me: Me;
  value: string | undefined;
  onChange: (orgId: string | undefined) => void;
}): ReactNode {
  return (
    <Select
      aria-label={ADMIN_MSG.bureau}
      style={{ width: 260, maxWidth: '100%' }}
      value={value ?? ''}
      onChange={(v: string) => onChange(v || undefined)}
      options={[{ value: '', label: ADMIN_MSG.allBureaus, depth: 0 }, ...bureauOptions(me)]}
      optionRender={(o) => <span style={{ paddingLeft: (o.data.depth ?? 0) * 14 }}>{o.label}</span>}
    />
  );
}

/** The fields of a new account (the password is the server's: generated and shown once). */
export function AccountFields({
  me,
  roleOptions,
  roleExtra,
  onOrgChange,
}: {
  me: Me;
  roleOptions: Array<{ value: string; label: string }>;
  roleExtra?: string;
  onOrgChange?: () => void;
}): ReactNode {
  return (
    <>
      <Form.Item
        name="username"
        label="用户名"
        extra="3到32位字母、数字、下划线、点或横线"
        rules={[{ required: true, message: '请输入用户名' }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="role" label="角色" extra={roleExtra} rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={roleOptions} />
      </Form.Item>
      <Form.Item name="orgId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
        <Select options={bureauOptions(me)} onChange={onOrgChange} />
      </Form.Item>
    </>
  );
}

/** A dialog around one form: the server's error on top, the submit button busy while it sends. */
export function FormModal({
  title,
  open,
  okText,
  busy,
  error,
  onOk,
  onCancel,
  children,
}: {
  title: string;
  open: boolean;
  okText: string;
  busy: boolean;
  error: string | null;
  onOk: () => void;
  onCancel: () => void;
  children: ReactNode;
}): ReactNode {
  return (
    <Modal title={title} open={open} onOk={onOk} onCancel={onCancel} okText={okText} cancelText="取消" confirmLoading={busy} forceRender>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {children}
    </Modal>
  );
}
