/** What 系统管理 and 安全管理 share about accounts: the identity columns and the bureau picker over the admin's subtree. */
import { Select, type TableColumnsType } from 'antd';
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
