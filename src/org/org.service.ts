/** Bureaus (org), their units (科室/事业单位) and user accounts. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { nowIso } from '../util/time.ts';
import { hashPassword, passwordProblem } from './auth.service.ts';
import {
  findAllOrgs,
  findOrgSummaries,
  findOrgs,
  findUnits,
  findUserById,
  findUserByUsername,
  findUsers,
  insertOrg,
  insertUnit,
  insertUser,
  orgExists,
  unitExists,
  type UserUpdate,
  updateUser,
} from './org.repo.ts';
import { unlockAccount } from './login.service.ts';
import { deleteSessionsOfUser } from './session.repo.ts';
import { ROLE_KEYS, type Role } from './roles.ts';
import { requirePerm, type Scope } from './scope.ts';

export const orgInput = z.object({
  name: z.string({ error: '单位名称不能为空' }).trim().min(2, '单位名称至少2个字').max(100, '单位名称不能超过100字'),
  shortName: z.string().trim().max(50, '简称不能超过50字').optional(),
  level: z.enum(['province', 'city', 'county'], { error: '级别应为 province、city 或 county' }),
  region: z.string().trim().max(50).optional(),
  parentId: z.string().nullable().optional(),
});

export const unitInput = z.object({
  name: z.string({ error: '科室名称不能为空' }).trim().min(2, '科室名称至少2个字').max(50, '科室名称不能超过50字'),
  kind: z.enum(['科室', '事业单位', '乡镇'], { error: '类别应为科室、事业单位或乡镇' }),
  sort: z.number().int().optional(),
});

export const userInput = z.object({
  username: z
    .string({ error: '用户名不能为空' })
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名应为3到32位字母、数字、下划线、点或横线'),
  displayName: z.string({ error: '姓名不能为空' }).trim().min(1, '姓名不能为空').max(50, '姓名不能超过50字'),
  password: z.string({ error: '密码不能为空' }),
  role: z.enum(ROLE_KEYS as [Role, ...Role[]], { error: `角色应为以下之一：${ROLE_KEYS.join('、')}` }),
  orgId: z.string({ error: '所属单位不能为空' }),
  unitId: z.string().nullable().optional(),
});

type Actor = Pick<Scope, 'userId' | 'username' | 'orgId' | 'ip'>;
const audit = (trx: Db, a: Actor, action: string, entity: string, entityId: string, detail: Record<string, unknown>) =>
  appendAudit(trx, { userId: a.userId, username: a.username, orgId: a.orgId, ip: a.ip, action, entity, entityId, detail });

/** Without a scope: used by the CLI and the demo loader only. */
export async function createOrgUnchecked(db: Db, actor: Actor, input: z.input<typeof orgInput>): Promise<string> {
  const o = orgInput.parse(input);
  return inTx(db, async (trx) => {
    if (o.parentId) {
      if (!(await orgExists(trx, o.parentId))) throw badRequest('parentId', '上级单位不存在');
    }
    const id = randomUUID();
    await insertOrg(trx, {
      id,
      parent_id: o.parentId ?? null,
      name: o.name,
      short_name: o.shortName ?? o.name,
      level: o.level,
      region: o.region ?? '',
      created_at: nowIso(),
    });
    await audit(trx, actor, 'org.create', 'org', id, { name: o.name });
    return id;
  });
}

export async function createOrg(db: Db, scope: Scope, input: unknown): Promise<string> {
  requirePerm(scope, 'org.manage');
  const parsed = orgInput.safeParse(input);
  if (!parsed.success) throw badRequest(String(parsed.error.issues[0]?.path[0] ?? ''), parsed.error.issues[0]?.message ?? '内容有误');
  if (parsed.data.parentId && !scope.readOrgIds.includes(parsed.data.parentId)) throw badRequest('parentId', '上级单位不存在');
  return createOrgUnchecked(db, scope, { ...parsed.data, parentId: parsed.data.parentId ?? scope.orgId });
}

export async function createUnitUnchecked(db: Db, actor: Actor, orgId: string, input: z.input<typeof unitInput>): Promise<string> {
  const parsed = unitInput.safeParse(input);
  if (!parsed.success) throw badRequest(String(parsed.error.issues[0]?.path[0] ?? ''), parsed.error.issues[0]?.message ?? '内容有误');
  const u = parsed.data;
  return inTx(db, async (trx) => {
    if (await unitExists(trx, orgId, { name: u.name })) throw conflict(`科室“${u.name}”已存在`);
    const id = randomUUID();
    await insertUnit(trx, { id, org_id: orgId, name: u.name, kind: u.kind, sort: u.sort ?? 0 });
    await audit(trx, actor, 'unit.create', 'unit', id, { name: u.name });
    return id;
  });
}

export async function createUnit(db: Db, scope: Scope, orgId: string, input: unknown): Promise<string> {
  requirePerm(scope, 'org.manage');
  if (!scope.readOrgIds.includes(orgId)) throw notFound('单位不存在');
  return createUnitUnchecked(db, scope, orgId, input as z.input<typeof unitInput>);
}

export async function createUserUnchecked(db: Db, actor: Actor, input: unknown): Promise<string> {
  const parsed = userInput.safeParse(input);
  if (!parsed.success) throw badRequest(String(parsed.error.issues[0]?.path[0] ?? ''), parsed.error.issues[0]?.message ?? '内容有误');
  const u = parsed.data;
  const pw = passwordProblem(u.password, u.username);
  if (pw) throw badRequest('password', pw);
  const hashed = await hashPassword(u.password);
  return inTx(db, async (trx) => {
    if (!(await orgExists(trx, u.orgId))) throw badRequest('orgId', '所属单位不存在');
    if (u.unitId) {
      if (!(await unitExists(trx, u.orgId, { id: u.unitId }))) throw badRequest('unitId', '所属科室不属于该单位');
    }
    if (u.role === 'staff' && !u.unitId) throw badRequest('unitId', '科室人员必须指定所属科室');
    if (await findUserByUsername(trx, u.username)) throw conflict(`用户名“${u.username}”已被使用`);
    const id = randomUUID();
    const now = nowIso();
    await insertUser(trx, {
      id,
      org_id: u.orgId,
      unit_id: u.unitId ?? null,
      username: u.username,
      display_name: u.displayName,
      password_hash: hashed,
      role: u.role,
      active: 1,
      failed_count: 0,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
    });
    await audit(trx, actor, 'user.create', 'app_user', id, { username: u.username, role: u.role });
    return id;
  });
}

export async function createUser(db: Db, scope: Scope, input: unknown): Promise<string> {
  requirePerm(scope, 'user.manage');
  const orgId = (input as { orgId?: unknown })?.orgId;
  if (typeof orgId === 'string' && !scope.readOrgIds.includes(orgId)) throw badRequest('orgId', '所属单位不存在');
  return createUserUnchecked(db, scope, input);
}

export async function listUsers(db: Db, scope: Scope) {
  if (!scope.perms.includes('user.manage') && !scope.perms.includes('user.security')) requirePerm(scope, 'user.manage');
  const rows = await findUsers(db, scope.readOrgIds);
  return rows.map((r) => ({ ...r, active: Boolean(Number(r.active)), failed_count: Number(r.failed_count) }));
}

/** A user of the bureaus the caller administers, or 404 (also used by login.service's reset of a second factor). */
export async function userInScope(db: Db, scope: Scope, id: string) {
  const u = await findUserById(db, id, scope.readOrgIds);
  if (!u) throw notFound('用户不存在');
  return u;
}

/** 安全管理员: reset a password, unlock, change a role. */
export async function securityUpdateUser(
  db: Db,
  scope: Scope,
  id: string,
  input: { password?: string; unlock?: boolean; role?: string; active?: boolean },
): Promise<void> {
  requirePerm(scope, 'user.security');
  const u = await userInScope(db, scope, id);
  if (u.id === scope.userId && (input.role !== undefined || input.active === false))
    throw badRequest('role', '不能修改自己的角色或停用自己');
  const set: UserUpdate = {};
  if (input.password !== undefined) {
    const p = passwordProblem(input.password, u.username);
    if (p) throw badRequest('password', p);
    set.password_hash = await hashPassword(input.password);
    set.password_changed_at = '1970-01-01T00:00:00.000Z'; // forces a change at next login
  }
  if (input.role !== undefined) {
    if (!(ROLE_KEYS as string[]).includes(input.role)) throw badRequest('role', `角色应为以下之一：${ROLE_KEYS.join('、')}`);
    if (input.role === 'staff' && !u.unit_id) throw badRequest('role', '科室人员必须指定所属科室');
    set.role = input.role;
  }
  if (input.active !== undefined) set.active = input.active ? 1 : 0;
  if (Object.keys(set).length === 0 && !input.unlock) throw badRequest(undefined, '没有要修改的内容');
  await inTx(db, async (trx) => {
    if (Object.keys(set).length) await updateUser(trx, id, set);
    if (input.unlock) await unlockAccount(trx, scope, u);
    if (input.active === false || input.role !== undefined || input.password !== undefined) await deleteSessionsOfUser(trx, id);
    await audit(trx, scope, 'user.security', 'app_user', id, {
      password: input.password !== undefined ? '已重置' : undefined,
      unlock: input.unlock,
      role: input.role,
      active: input.active,
    });
  });
}

export async function listOrgs(db: Db, scope: Scope) {
  return findOrgs(db, scope.readOrgIds);
}

/** The bureaus the current user may read, in the short form of /api/me (from the request's checked org tree when it has one). */
export async function listMyOrgs(db: Db, scope: Scope) {
  return scope.orgTree ? scope.orgTree.pick(scope.readOrgIds) : findOrgSummaries(db, scope.readOrgIds);
}

/** Without a scope: every bureau, for the CLI to resolve `--org` by id or name. */
export async function listOrgsUnchecked(db: Db) {
  return findAllOrgs(db);
}

export async function listUnits(db: Db, scope: Scope) {
  return findUnits(db, scope.readOrgIds);
}
