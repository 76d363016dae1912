/** The identity columns of a user table, shared by 系统管理 and 安全管理. */
import type { TableColumnsType } from 'antd';
import type { Me, UserRow } from '../api.ts';
import { ROLE_LABELS } from '../labels.ts';

export function userIdentityColumns(me: Me): TableColumnsType<UserRow> {
  return [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'display_name' },
    { title: '角色', render: (_v, u) => ROLE_LABELS[u.role] ?? u.role },
    { title: '所属单位', render: (_v, u) => me.orgs.find((o) => o.id === u.org_id)?.name ?? '' },
  ];
}
