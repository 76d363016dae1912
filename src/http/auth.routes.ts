/**
 * Login in steps (/api/auth/*), the signed-in user's second factor (账户安全, /api/me/second-factor*)
 * and the 安全管理员's reset of another user's second factor. Only the last step of a login sets the
 * session cookie; the steps before answer `{ next, challenge }`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { LoginStepAnswer } from '../contract.ts';
import {
  confirmAccountEnrolment,
  disableSecondFactor,
  type LoginOutcome,
  login,
  loginChangePassword,
  loginEnrol,
  loginSecondFactor,
  renewRecoveryCodes,
  resetSecondFactor,
  secondFactorStatus,
  startEnrolment,
} from '../org/login.service.ts';
import { meOf, SESSION_COOKIE } from './core.routes.ts';
import { isSecure } from './edge.ts';
import { idParams, type Router } from './router.ts';

const challenge = z.string({ error: '缺少登录步骤凭据，请重新登录' }).min(1, '缺少登录步骤凭据，请重新登录').max(200);
const code = z.string({ error: '请输入验证码' }).trim().min(1, '请输入验证码').max(40, '验证码过长');
const proof = z.object({ code: code.optional(), password: z.string().max(200).optional() });

export function authRoutes(r: Router, cfg: Config): void {
  /** The answer of a step: the next step as it is, or the session: cookie set, the user answered. */
  const present = (out: LoginOutcome, req: FastifyRequest, reply: FastifyReply): LoginStepAnswer => {
    if ('step' in out) return out.step;
    const { token, scope, recoveryCodes } = out.session;
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: isSecure(cfg, req) });
    return { user: meOf(scope), ...(recoveryCodes ? { recoveryCodes } : {}) };
  };
  r.add({
    method: 'POST',
    url: '/api/auth/login',
    summary: '登录（第一步：用户名和密码）',
    tag: '认证',
    auth: 'public',
    body: z.object({
      username: z.string({ error: '请输入用户名' }).min(1, '请输入用户名').max(64),
      password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(200),
    }),
    handler: async ({ db, body, req, reply }) => present(await login(db, cfg, body.username, body.password, req.ip), req, reply),
  });
  r.add({
    method: 'POST',
    url: '/api/auth/login/second-factor',
    summary: '登录：输入验证码或恢复码',
    tag: '认证',
    auth: 'public',
    body: z.object({ challenge, code }),
    handler: async ({ db, body, req, reply }) => present(await loginSecondFactor(db, cfg, body.challenge, body.code, req.ip), req, reply),
  });
  r.add({
    method: 'POST',
    url: '/api/auth/login/password',
    summary: '登录：设置新密码（一次性密码或密码已过期）',
    tag: '认证',
    auth: 'public',
    body: z.object({ challenge, newPassword: z.string({ error: '请输入新密码' }).min(1, '请输入新密码').max(200) }),
    handler: async ({ db, body, req, reply }) =>
      present(await loginChangePassword(db, cfg, body.challenge, body.newPassword, req.ip), req, reply),
  });
  r.add({
    method: 'POST',
    url: '/api/auth/login/enrol',
    summary: '登录：启用双因素认证（输入验证器 App 的第一个验证码）',
    tag: '认证',
    auth: 'public',
    body: z.object({ challenge, code }),
    handler: async ({ db, body, req, reply }) => present(await loginEnrol(db, cfg, body.challenge, body.code, req.ip), req, reply),
  });
  r.add({
    method: 'GET',
    url: '/api/me/second-factor',
    summary: '本人的双因素认证状态',
    tag: '认证',
    auth: 'login',
    handler: async ({ db, scope }) => secondFactorStatus(db, cfg, scope),
  });
  r.add({
    method: 'POST',
    url: '/api/me/second-factor/enrol',
    summary: '开始启用双因素认证（二维码与密钥）',
    tag: '认证',
    auth: 'login',
    handler: async ({ db, scope }) => startEnrolment(db, cfg, scope),
  });
  r.add({
    method: 'POST',
    url: '/api/me/second-factor/confirm',
    summary: '确认启用双因素认证（第一个验证码），返回恢复码',
    tag: '认证',
    auth: 'login',
    body: z.object({ challenge, code }),
    handler: async ({ db, scope, body }) => confirmAccountEnrolment(db, scope, body.challenge, body.code),
  });
  r.add({
    method: 'POST',
    url: '/api/me/second-factor/disable',
    summary: '停用双因素认证（需当前验证码或密码）',
    tag: '认证',
    auth: 'login',
    body: proof,
    handler: async ({ db, scope, body }) => {
      await disableSecondFactor(db, cfg, scope, body);
      return { ok: true };
    },
  });
  r.add({
    method: 'POST',
    url: '/api/me/second-factor/recovery-codes',
    summary: '重新生成恢复码（原恢复码作废）',
    tag: '认证',
    auth: 'login',
    body: proof,
    handler: async ({ db, scope, body }) => renewRecoveryCodes(db, cfg, scope, body),
  });
  r.add({
    method: 'POST',
    url: '/api/users/:id/second-factor/reset',
    summary: '重置用户的双因素认证（安全管理员）',
    tag: '用户',
    auth: 'user.security',
    params: idParams,
    handler: async ({ db, scope, params }) => {
      await resetSecondFactor(db, scope, params.id);
      return { ok: true };
    },
  });
}
