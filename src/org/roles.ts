/**
 * Roles, permissions and the account rules of 三员分立 (等保2.0 level 3). The three admin roles
 * (系统管理员 / 安全管理员 / 审计管理员) are separate posts held by dedicated accounts (专职): none of
 * them reads or writes business records, a business account never becomes one of them or the reverse,
 * and no admin creates, promotes to or demotes from its own kind. The rules are data (ACCOUNT_RULES);
 * org.service enforces them, the CLI (the deployment's operator) stands outside them.
 */
import type { Perm } from '../contract.ts';

export const ROLES = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  officer: '法治专干',
  staff: '科室人员',
  leader: '领导',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as Role[];

export type { Perm } from '../contract.ts';

const PERMS: Record<Role, readonly Perm[]> = {
  sysadmin: ['org.manage', 'user.manage', 'calendar.manage'],
  secadmin: ['user.security'],
  auditor: ['audit.read'],
  officer: ['ledger.read', 'ledger.write', 'report.read', 'report.write', 'settings.manage'],
  staff: ['ledger.read', 'ledger.write', 'report.read'],
  leader: ['ledger.read', 'report.read', 'report.finalize'],
};

export function permsOf(role: Role): readonly Perm[] {
  return PERMS[role];
}

export function isRole(s: string): s is Role {
  return s in ROLES;
}

/** Roles that read the bureaus below their own (the supervisor roll-up). */
export const READS_SUBTREE: readonly Role[] = ['officer', 'leader'];

/** The 三员: they administer their bureau and every bureau below it (Scope.manageOrgIds), and read no business record. */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];
export const BUSINESS_ROLES: readonly Role[] = ['officer', 'staff', 'leader'];

export const isAdminRole = (r: Role): boolean => ADMIN_ROLES.includes(r);

/** What an admin does to an account of its scope. */
export type AccountAction = 'create' | 'edit' | 'resetPassword' | 'resetSecondFactor' | 'unlock' | 'setActive' | 'sessions';

/**
 * Who may do what to accounts of which role (the role the account has, and for `create`/`edit` also
 * the role it is given). A role missing from an action's row may not do it at all. Role changes are
 * `edit` with a new role: both the old and the new role must be in the row, and every row of `edit`
 * holds business roles only, so an account never crosses between business and 三员 (专职, 不可兼任).
 * No row lets an admin act on its own kind except `unlock` and `sessions`, which give no one a way in.
 */
export const ACCOUNT_RULES: Record<AccountAction, Partial<Record<Role, readonly Role[]>>> = {
  // 系统管理员 creates and manages business accounts; only the 安全管理员 (or the CLI) creates 三员 accounts.
  create: { sysadmin: BUSINESS_ROLES, secadmin: ['sysadmin', 'auditor'] },
  edit: { sysadmin: BUSINESS_ROLES },
  // A reset gives a one-time password that the owner must replace at the next login.
  resetPassword: { secadmin: [...BUSINESS_ROLES, 'sysadmin', 'auditor'] },
  // A reset second factor is enrolled again by the owner at the next login (lost phone).
  resetSecondFactor: { secadmin: [...BUSINESS_ROLES, 'sysadmin', 'auditor'] },
  unlock: { secadmin: ROLE_KEYS },
  setActive: { secadmin: [...BUSINESS_ROLES, 'sysadmin', 'auditor'] },
  // Listing and ending sessions: also of another 安全管理员 whose account may be in the wrong hands.
  sessions: { secadmin: ROLE_KEYS },
};

/** Why an account action is refused: each names the rule (shown as the 403's detail). */
export const RULE_MSG = {
  create: (actor: Role, target: Role) =>
    isAdminRole(target)
      ? `三员分立：${ROLES[target]}账号只能由安全管理员创建，且管理员不能创建与自己同类的账号（${ROLES[actor]}无权创建）`
      : `三员分立：业务账号（${ROLES[target]}）只能由系统管理员创建（${ROLES[actor]}无权创建）`,
  crossing: (from: Role, to: Role) => `专职：业务账号与三员账号不能互相转换（${ROLES[from]}不能改为${ROLES[to]}），请另建账号`,
  edit: (actor: Role, target: Role) =>
    isAdminRole(target)
      ? `三员分立：${ROLES[target]}账号的角色不能调整，也不能由${ROLES[actor]}修改`
      : `三员分立：业务账号（${ROLES[target]}）只能由系统管理员修改`,
  resetPassword: (actor: Role, target: Role) =>
    target === actor
      ? `三员分立：${ROLES[actor]}不能重置同类管理员的密码（请由部署运维人员用命令行处理）`
      : `三员分立：只有安全管理员能重置密码（${ROLES[actor]}不能重置${ROLES[target]}的密码）`,
  resetSecondFactor: (actor: Role, target: Role) =>
    target === actor
      ? `三员分立：${ROLES[actor]}不能重置同类管理员的双因素认证（请由部署运维人员用命令行处理）`
      : `三员分立：只有安全管理员能重置双因素认证（${ROLES[actor]}不能重置${ROLES[target]}的双因素认证）`,
  unlock: (actor: Role) => `三员分立：只有安全管理员能解锁账号（${ROLES[actor]}无权解锁）`,
  setActive: (actor: Role, target: Role) =>
    target === actor
      ? `三员分立：${ROLES[actor]}不能停用或启用同类管理员账号`
      : `三员分立：只有安全管理员能停用或启用账号（${ROLES[actor]}无权操作${ROLES[target]}）`,
  sessions: (actor: Role) => `三员分立：只有安全管理员能查看和结束用户的会话（${ROLES[actor]}无权操作）`,
  self: '不能修改自己的角色、重置自己的密码或停用自己（本人密码请在“修改密码”中修改）',
} as const;

/** Whether `actor` may do `action` to an account of role `target`. */
export function mayDo(action: AccountAction, actor: Role, target: Role): boolean {
  return ACCOUNT_RULES[action][actor]?.includes(target) ?? false;
}
