/** Logout, the current user, bureaus, units, users and the audit log. */
import { z } from 'zod';
import { listAnchors, verifyAudit } from '../audit/anchor.service.ts';
import { recordHistory, searchAudit } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import { changeOwnPassword, logout } from '../org/auth.service.ts';
import {
  createOrg,
  createUnit,
  setUnitHead,
  createUser,
  editUser,
  endUserSessions,
  listMyOrgs,
  listOrgs,
  listUnits,
  listUserSessions,
  listUsers,
  ownEmail,
  securityUpdateUser,
  setOwnEmail,
} from '../org/org.service.ts';
import { ROLES } from '../org/roles.ts';
import { idParams, type Router } from './router.ts';

export const SESSION_COOKIE = 'fazhi_sid';

/** The bureau an admin page picks (one of those the admin administers). */
const orgQuery = z.object({ orgId: z.string().min(1).max(100).optional() });

export function coreRoutes(r: Router, cfg: Config): void {
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
    url: '/api/me/email',
    summary: '本人的电子邮箱（电子邮件提醒发往此地址）',
    tag: '认证',
    auth: 'login',
    handler: async ({ db, scope }) => ownEmail(db, scope),
  });
  r.add({
    method: 'PUT',
    url: '/api/me/email',
    summary: '修改本人的电子邮箱（留空表示清除）',
    tag: '认证',
    auth: 'login',
    body: z.unknown(),
    handler: async ({ db, scope, body }) => setOwnEmail(db, scope, body),
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
    summary: '科室列表（管理员可按所管辖的单位筛选）',
    tag: '组织',
    auth: 'login',
    query: orgQuery,
    handler: async ({ db, scope, query }) => listUnits(db, scope, query.orgId),
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
  r.add({
    method: 'PUT',
    url: '/api/units/:id/head',
    summary: '指定或取消科室负责人（系统管理员；逾期提醒升级至科室负责人）',
    tag: '组织',
    auth: 'org.manage',
    params: idParams,
    body: z.unknown(),
    handler: async ({ db, scope, params, body }) => setUnitHead(db, scope, params.id, body),
  });
  r.add({ method: 'GET', url: '/api/roles', summary: '角色列表', tag: '组织', auth: 'login', handler: async () => ROLES });
  r.add({
    method: 'GET',
    url: '/api/users',
    summary: '用户列表：本单位及下级单位（系统管理员、安全管理员），可按单位筛选',
    tag: '用户',
    auth: 'login',
    query: orgQuery,
    handler: async ({ db, scope, query }) => listUsers(db, scope, query.orgId),
  });
  r.add({
    method: 'POST',
    url: '/api/users',
    summary: '新建用户：系统管理员建业务账号，安全管理员建系统管理员、审计管理员账号；返回只显示一次的初始密码',
    tag: '用户',
    auth: 'login',
    body: z.unknown(),
    handler: async ({ db, scope, body }) => createUser(db, scope, body),
  });
  r.add({
    method: 'PUT',
    url: '/api/users/:id',
    summary: '修改业务账号的姓名、科室或业务角色（系统管理员）',
    tag: '用户',
    auth: 'login',
    params: idParams,
    body: z.unknown(),
    handler: async ({ db, scope, params, body }) => {
      await editUser(db, scope, params.id, body);
      return { ok: true };
    },
  });
  r.add({
    method: 'PUT',
    url: '/api/users/:id/security',
    summary: '重置密码（生成一次性密码，只显示一次）、解锁、停用或启用（安全管理员）',
    tag: '用户',
    auth: 'user.security',
    params: idParams,
    body: z.object({
      resetPassword: z.boolean().optional(),
      unlock: z.boolean().optional(),
      active: z.boolean().optional(),
      // refused with the rule that forbids them (an admin never picks a password; roles change elsewhere)
      password: z.unknown().optional(),
      role: z.unknown().optional(),
    }),
    handler: async ({ db, scope, params, body }) => ({ ok: true, ...(await securityUpdateUser(db, scope, params.id, body)) }),
  });
  r.add({
    method: 'GET',
    url: '/api/users/:id/sessions',
    summary: '用户当前的会话（安全管理员）',
    tag: '用户',
    auth: 'user.security',
    params: idParams,
    handler: async ({ db, scope, params }) => listUserSessions(db, scope, params.id),
  });
  r.add({
    method: 'DELETE',
    url: '/api/users/:id/sessions',
    summary: '结束用户的全部会话（安全管理员）',
    tag: '用户',
    auth: 'user.security',
    params: idParams,
    handler: async ({ db, scope, params }) => endUserSessions(db, scope, params.id),
  });
  r.add({
    method: 'DELETE',
    url: '/api/users/:id/sessions/:sessionId',
    summary: '结束用户的一个会话（安全管理员）',
    tag: '用户',
    auth: 'user.security',
    params: idParams.extend({ sessionId: z.string().min(1).max(100) }),
    handler: async ({ db, scope, params }) => endUserSessions(db, scope, params.id, params.sessionId),
  });
  r.add({
    method: 'GET',
    url: '/api/audit',
    summary: '审计日志：本单位及下级单位（审计管理员；业务字段只显示字段名）',
    tag: '审计',
    auth: 'audit.read',
    query: z.object({
      page: z.coerce.number().int().min(1).optional(),
      pageSize: z.coerce.number().int().min(1).max(500).optional(),
      action: z.string().max(50).optional(),
      username: z.string().max(64).optional(),
      from: z.string().max(30).optional(),
      to: z.string().max(30).optional(),
      orgId: z.string().max(100).optional(),
    }),
    handler: async ({ db, scope, query }) => searchAudit(db, scope, query),
  });
  r.add({
    method: 'GET',
    url: '/api/audit/verify',
    summary: '校验审计日志哈希链与锚点',
    tag: '审计',
    auth: 'audit.read',
    handler: async ({ db }) => verifyAudit(db, cfg.auditAnchorFile),
  });
  r.add({
    method: 'GET',
    url: '/api/audit/anchors',
    summary: '最近的审计日志锚点',
    tag: '审计',
    auth: 'audit.read',
    handler: async ({ db, scope }) => listAnchors(db, scope),
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
