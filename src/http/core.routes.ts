/** Logout, the current user, bureaus, units, users and the audit log. */
import { z } from 'zod';
import { recordHistory, searchAudit, verifyAuditChain } from '../audit/audit.service.ts';
import { changeOwnPassword, logout } from '../org/auth.service.ts';
import { createOrg, createUnit, createUser, listMyOrgs, listOrgs, listUnits, listUsers, securityUpdateUser } from '../org/org.service.ts';
import { ROLES } from '../org/roles.ts';
import { idParams, type Router } from './router.ts';

export const SESSION_COOKIE = 'fazhi_sid';

export function coreRoutes(r: Router): void {
  r.add({
    method: 'POST',
    url: '/api/auth/logout',
    summary: '退出登录',
    tag: '认证',
    auth: 'login',
    handler: async ({ db, scope, req, reply }) => {
      await logout(db, scope, req.cookies[SESSION_COOKIE] ?? '');
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });
  r.add({
    method: 'GET',
    url: '/api/me',
    summary: '当前用户',
    tag: '认证',
    auth: 'login',
    handler: async ({ db, scope }) => ({ ...meOf(scope), orgs: await listMyOrgs(db, scope) }),
  });
  r.add({
    method: 'POST',
    url: '/api/me/password',
    summary: '修改本人密码',
    tag: '认证',
    auth: 'login',
    body: z.object({ oldPassword: z.string({ error: '请输入原密码' }), newPassword: z.string({ error: '请输入新密码' }) }),
    handler: async ({ db, scope, body }) => {
      await changeOwnPassword(db, scope, body.oldPassword, body.newPassword);
      return { ok: true };
    },
  });
  r.add({
    method: 'GET',
    url: '/api/orgs',
    summary: '单位列表',
    tag: '组织',
    auth: 'login',
    handler: async ({ db, scope }) => listOrgs(db, scope),
  });
  r.add({
    method: 'POST',
    url: '/api/orgs',
    summary: '新建下级单位',
    tag: '组织',
    auth: 'org.manage',
    body: z.unknown(),
    handler: async ({ db, scope, body }) => ({ id: await createOrg(db, scope, body) }),
  });
  r.add({
    method: 'GET',
    url: '/api/units',
    summary: '科室列表',
    tag: '组织',
    auth: 'login',
    handler: async ({ db, scope }) => listUnits(db, scope),
  });
  r.add({
    method: 'POST',
    url: '/api/orgs/:id/units',
    summary: '新建科室',
    tag: '组织',
    auth: 'org.manage',
    params: idParams,
    body: z.unknown(),
    handler: async ({ db, scope, params, body }) => ({ id: await createUnit(db, scope, params.id, body) }),
  });
  r.add({ method: 'GET', url: '/api/roles', summary: '角色列表', tag: '组织', auth: 'login', handler: async () => ROLES });
  r.add({
    method: 'GET',
    url: '/api/users',
    summary: '用户列表',
    tag: '用户',
    auth: 'login',
    handler: async ({ db, scope }) => listUsers(db, scope),
  });
  r.add({
    method: 'POST',
    url: '/api/users',
    summary: '新建用户',
    tag: '用户',
    auth: 'user.manage',
    body: z.unknown(),
    handler: async ({ db, scope, body }) => ({ id: await createUser(db, scope, body) }),
  });
  r.add({
    method: 'PUT',
    url: '/api/users/:id/security',
    summary: '重置密码、解锁、调整角色、停用（安全管理员）',
    tag: '用户',
    auth: 'user.security',
    params: idParams,
    body: z.object({
      password: z.string().optional(),
      unlock: z.boolean().optional(),
      role: z.string().optional(),
      active: z.boolean().optional(),
    }),
    handler: async ({ db, scope, params, body }) => {
      await securityUpdateUser(db, scope, params.id, body);
      return { ok: true };
    },
  });
  r.add({
    method: 'GET',
    url: '/api/audit',
    summary: '审计日志（审计管理员）',
    tag: '审计',
    auth: 'audit.read',
    query: z.object({
      page: z.coerce.number().int().min(1).optional(),
      pageSize: z.coerce.number().int().min(1).max(500).optional(),
      action: z.string().max(50).optional(),
      username: z.string().max(64).optional(),
      from: z.string().max(30).optional(),
      to: z.string().max(30).optional(),
    }),
    handler: async ({ db, scope, query }) => searchAudit(db, scope, query),
  });
  r.add({
    method: 'GET',
    url: '/api/audit/verify',
    summary: '校验审计日志哈希链',
    tag: '审计',
    auth: 'audit.read',
    handler: async ({ db }) => verifyAuditChain(db),
  });
  r.add({
    method: 'GET',
    url: '/api/records/:id/history',
    summary: '记录的修改历史',
    tag: '台账',
    auth: 'ledger.read',
    params: idParams,
    handler: async ({ db, scope, params }) => recordHistory(db, scope, params.id),
  });
}

/** The signed-in user as /api/me and the last login step answer it. */
export function meOf(s: import('../org/scope.ts').Scope) {
  return {
    id: s.userId,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    roleLabel: ROLES[s.role],
    orgId: s.orgId,
    unitId: s.unitId,
    perms: s.perms,
  };
}
