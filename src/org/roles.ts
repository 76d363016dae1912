/**
 * Roles and permissions. The three admin roles (系统管理员 / 安全管理员 / 审计管理员) are separate
 * and none of them can read or write business records (三员分立, 等保2.0 level 3).
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
