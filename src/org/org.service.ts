/**
 * Bureaus (org), their units (科室/事业单位) and user accounts, and the admin side of sessions.
 * An admin acts on the bureaus of `scope.manageOrgIds` (its own and every one below it) under the
 * account rules of roles.ts (三员分立); a password set by anyone but its owner is generated here,
 * shown once and one-time. Every change is audited in its own transaction.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest, conflict, forbidden, notFound } from '../errors.ts';
import { nowIso } from '../util/time.ts';
import { hashPassword, storePassword } from './auth.service.ts';
import {
  findAllOrgs,
  findOrgLevel,
  findOrgSummaries,
  findOrgs,
  findUnit,
  findUnits,
  findUserById,
  findUserByUsername,
  findUsers,
  insertOrg,
  insertUnit,
  insertUser,
  unitExists,
  type UserRow,
  type UserUpdate,
  updateUnitHead,
  updateUser,
} from './org.repo.ts';
import { oneTimePassword, passwordProblem } from './password-policy.ts';
import { type AccountAction, isAdminRole, isRole, mayDo, ROLE_KEYS, type Role, RULE_MSG } from './roles.ts';
import { unlockAccount } from './login.service.ts';
import { requirePerm, type Scope } from './scope.ts';
import { deleteSessionOfUser, deleteSessionsOfUser, findSessionsOfUser } from './session.repo.ts';

/** Province above city above county: a child bureau is strictly below its parent. */
const LEVEL_RANK = { province: 0, city: 1, county: 2 } as const;
const LEVEL_LABEL = { province: '省级', city: '市级', county: '县级' } as const;

/** Every Chinese word of this module that is not a zod message or a rule of roles.ts. */
const MSG = {
  parentMissing: '上级单位不存在',
  orgMissing: '单位不存在',
  userOrgMissing: '所属单位不存在',
  userMissing: '用户不存在',
  unitNotOfOrg: '所属科室不属于该单位',
  staffNeedsUnit: '科室人员必须指定所属科室',
  unitTaken: (name: string) => `科室“${name}”已存在`,
  unitMissing: '科室不存在',
  headNotBusiness: '科室负责人应为本单位在用的业务账号（法治专干、科室人员或领导），不能是三员账号或停用的账号',
  usernameTaken: (name: string) => `用户名“${name}”已被使用`,
  level: (child: keyof typeof LEVEL_RANK, parent: keyof typeof LEVEL_RANK) =>
    `级别（level）不符合单位层级：${LEVEL_LABEL[child]}单位不能设在${LEVEL_LABEL[parent]}单位之下，下级单位须低于上级单位（省级＞市级＞县级）`,
  passwordGenerated: '初始密码和重置后的密码由系统生成并只显示一次，不能由管理员指定（去掉 password 字段）',
  nothing: '没有要修改的内容',
  role: `角色应为以下之一：${ROLE_KEYS.join('、')}`,
  invalid: '内容有误',
  sessionMissing: '会话不存在或已结束',
  reset: '已重置（一次性密码）',
  emailInvalid: '电子邮箱格式不正确，例如 zhangsan@mzj.example.gov.cn',
  emailTooLong: '电子邮箱不能超过254个字符',
} as const;

/**
 * An e-mail address, or '' / null for none. Deliberately plain: one @, a dotted domain, no spaces,
 * angle brackets, commas or line breaks (which could add a recipient or a header to a mail).
 */
const EMAIL_RE = /^[^\s@<>()[\\\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
export const emailField = z
  .string({ error: MSG.emailInvalid })
  .trim()
  .max(254, MSG.emailTooLong)
  .refine((v) => v === '' || EMAIL_RE.test(v), MSG.emailInvalid)
  .nullable()
  .transform((v) => (v ? v : null));

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

const roleField = z.enum(ROLE_KEYS as [Role, ...Role[]], { error: MSG.role });

/** An account as an administrator creates it over the API: without a password (the server makes one). */
export const accountInput = z.object({
  username: z
    .string({ error: '用户名不能为空' })
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名应为3到32位字母、数字、下划线、点或横线'),
  displayName: z.string({ error: '姓名不能为空' }).trim().min(1, '姓名不能为空').max(50, '姓名不能超过50字'),
  role: roleField,
  orgId: z.string({ error: '所属单位不能为空' }),
  unitId: z.string().nullable().optional(),
  email: emailField.optional(),
});

/** An account as the CLI and the demo loader create it: with its first password. */
export const userInput = accountInput.extend({ password: z.string({ error: '密码不能为空' }) });

/** What a 系统管理员 changes on a business account. */
export const accountEdit = z.object({
  displayName: accountInput.shape.displayName.optional(),
  role: roleField.optional(),
  unitId: z.string().nullable().optional(),
  email: emailField.optional(),
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest(String(parsed.error.issues[0]?.path[0] ?? ''), parsed.error.issues[0]?.message ?? MSG.invalid);
  return parsed.data;
}

type Actor = Pick<Scope, 'userId' | 'username' | 'orgId' | 'ip'>;
/** An admin action's row belongs to the bureau acted on, so that bureau's own 审计管理员 sees it too. */
const audit = (trx: Db, a: Actor, orgId: string, action: string, entity: string, entityId: string, detail: Record<string, unknown>) =>
  appendAudit(trx, { userId: a.userId, username: a.username, orgId, ip: a.ip, action, entity, entityId, detail });

/** The bureaus a scope lists: the administered subtree for an admin, the readable ones for everyone else. */
const listedOrgIds = (scope: Scope): string[] => (scope.manageOrgIds.length ? scope.manageOrgIds : scope.readOrgIds);

/** `orgId` when the admin administers it, else all it administers; an id outside is "not found". */
function pickManaged(scope: Scope, orgId: string | undefined): string[] {
  if (orgId === undefined) return scope.manageOrgIds;
  if (!scope.manageOrgIds.includes(orgId)) throw notFound(MSG.orgMissing);
  return [orgId];
}

/** Without a scope: used by the CLI and the demo loader only. The level rule holds here too. */
export async function createOrgUnchecked(db: Db, actor: Actor, input: z.input<typeof orgInput>): Promise<string> {
  const o = parse(orgInput, input);
  return inTx(db, async (trx) => {
    if (o.parentId) {
      const parentLevel = await findOrgLevel(trx, o.parentId);
      if (!parentLevel) throw badRequest('parentId', MSG.parentMissing);
      const parent = parentLevel as keyof typeof LEVEL_RANK;
      if (!(LEVEL_RANK[o.level] > (LEVEL_RANK[parent] ?? Number.POSITIVE_INFINITY))) throw badRequest('level', MSG.level(o.level, parent));
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
    await audit(trx, actor, id, 'org.create', 'org', id, { name: o.name, level: o.level, parentId: o.parentId ?? null });
    return id;
  });
}

/** A bureau below one the 系统管理员 administers (its own by default). */
export async function createOrg(db: Db, scope: Scope, input: unknown): Promise<string> {
  requirePerm(scope, 'org.manage');
  const o = parse(orgInput, input);
  const parentId = o.parentId ?? scope.orgId;
  if (!scope.manageOrgIds.includes(parentId)) throw badRequest('parentId', MSG.parentMissing);
  return createOrgUnchecked(db, scope, { ...o, parentId });
}

export async function createUnitUnchecked(db: Db, actor: Actor, orgId: string, input: z.input<typeof unitInput>): Promise<string> {
  const u = parse(unitInput, input);
  return inTx(db, async (trx) => {
    if (await unitExists(trx, orgId, { name: u.name })) throw conflict(MSG.unitTaken(u.name));
    const id = randomUUID();
    await insertUnit(trx, { id, org_id: orgId, name: u.name, kind: u.kind, sort: u.sort ?? 0 });
    await audit(trx, actor, orgId, 'unit.create', 'unit', id, { name: u.name, orgId });
    return id;
  });
}

export async function createUnit(db: Db, scope: Scope, orgId: string, input: unknown): Promise<string> {
  requirePerm(scope, 'org.manage');
  if (!scope.manageOrgIds.includes(orgId)) throw notFound(MSG.orgMissing);
  return createUnitUnchecked(db, scope, orgId, input as z.input<typeof unitInput>);
}

export const unitHeadInput = z.object({
  userId: z.string({ error: '请指定科室负责人（userId），或用 null 取消' }).min(1).max(100).nullable(),
});

/**
 * 系统管理员: names the account that heads a unit (overdue reminders escalate to it), or clears it
 * with null. The head is an active business account of the unit's bureau, not necessarily of the unit.
 */
export async function setUnitHead(
  db: Db,
  scope: Scope,
  unitId: string,
  input: unknown,
): Promise<{ id: string; headUserId: string | null }> {
  requirePerm(scope, 'org.manage');
  const { userId } = parse(unitHeadInput, input);
  return inTx(db, async (trx) => {
    const unit = await findUnit(trx, unitId);
    if (!unit || !scope.manageOrgIds.includes(unit.org_id)) throw notFound(MSG.unitMissing);
    if (userId !== null) {
      const u = await findUserById(trx, userId);
      if (!u || u.org_id !== unit.org_id || !Number(u.active) || !isRole(u.role) || isAdminRole(u.role))
        throw badRequest('userId', MSG.headNotBusiness);
    }
    if (unit.head_user_id === userId) return { id: unitId, headUserId: userId };
    await updateUnitHead(trx, unitId, userId);
    await audit(trx, scope, unit.org_id, 'unit.head', 'unit', unitId, { name: unit.name, from: unit.head_user_id, to: userId });
    return { id: unitId, headUserId: userId };
  });
}

/** The unit checks shared by creating and editing an account. */
async function checkUnit(trx: Db, orgId: string, role: Role, unitId: string | null | undefined): Promise<void> {
  if (unitId && !(await unitExists(trx, orgId, { id: unitId }))) throw badRequest('unitId', MSG.unitNotOfOrg);
  if (role === 'staff' && !unitId) throw badRequest('unitId', MSG.staffNeedsUnit);
}

async function insertAccount(db: Db, actor: Actor, u: z.infer<typeof accountInput>, hashed: string, oneTime: boolean): Promise<string> {
  return inTx(db, async (trx) => {
    if (!(await findOrgLevel(trx, u.orgId))) throw badRequest('orgId', MSG.userOrgMissing);
    await checkUnit(trx, u.orgId, u.role, u.unitId);
    if (await findUserByUsername(trx, u.username)) throw conflict(MSG.usernameTaken(u.username));
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
      must_change_password: oneTime ? 1 : 0,
      created_at: now,
      email: u.email ?? null,
    });
    await audit(trx, actor, u.orgId, 'user.create', 'app_user', id, { username: u.username, role: u.role, orgId: u.orgId, oneTime });
    return id;
  });
}

/**
 * Without a scope or the account rules: the CLI (the deployment's operator bootstrapping the 三员) and
 * the demo loader. The password is one-time unless `oneTime: false` (the demo's printed accounts, test fixtures).
 */
export async function createUserUnchecked(db: Db, actor: Actor, input: unknown, opts: { oneTime?: boolean } = {}): Promise<string> {
  const u = parse(userInput, input);
  const pw = await passwordProblem(u.password, u.username);
  if (pw) throw badRequest('password', pw);
  return insertAccount(db, actor, u, await hashPassword(u.password), opts.oneTime ?? true);
}

/** Refuses `action` on an account of role `target` unless the rules of roles.ts allow it. */
export function requireRule(scope: Scope, action: AccountAction, target: Role, msg: string): void {
  if (!mayDo(action, scope.role, target)) throw forbidden(msg);
}

/** A new account of a bureau the admin administers, with a generated one-time password returned once. */
export async function createUser(db: Db, scope: Scope, input: unknown): Promise<{ id: string; password: string }> {
  if (input && typeof input === 'object' && 'password' in input) throw badRequest('password', MSG.passwordGenerated);
  const u = parse(accountInput, input);
  requireRule(scope, 'create', u.role, RULE_MSG.create(scope.role, u.role));
  if (!scope.manageOrgIds.includes(u.orgId)) throw badRequest('orgId', MSG.userOrgMissing);
  const password = oneTimePassword();
  const id = await insertAccount(db, scope, u, await hashPassword(password), true);
  return { id, password };
}

/** The accounts of the administered bureaus (or of one of them), for 系统管理员 and 安全管理员. */
export async function listUsers(db: Db, scope: Scope, orgId?: string) {
  if (!scope.perms.includes('user.manage') && !scope.perms.includes('user.security')) requirePerm(scope, 'user.manage');
  const rows = await findUsers(db, pickManaged(scope, orgId));
  return rows.map((r) => ({
    ...r,
    active: Boolean(Number(r.active)),
    failed_count: Number(r.failed_count),
    must_change_password: Boolean(Number(r.must_change_password)),
    second_factor: Boolean(Number(r.second_factor)),
  }));
}

/** An account of the bureaus the caller administers, or 404 (also used by login.service's reset of a second factor). */
export async function userInScope(db: Db, scope: Scope, id: string): Promise<UserRow & { role: Role }> {
  // A business role administers nothing: its answer is the same "not found" as for an account elsewhere.
  const u = scope.manageOrgIds.length ? await findUserById(db, id, scope.manageOrgIds) : undefined;
  if (!u || !isRole(u.role)) throw notFound(MSG.userMissing);
  return { ...u, role: u.role };
}

/** 系统管理员: a business account's name, unit, (business) role or e-mail address; a role change ends its sessions. */
export async function editUser(db: Db, scope: Scope, id: string, input: unknown): Promise<void> {
  const e = parse(accountEdit, input);
  const u = await userInScope(db, scope, id);
  if (u.id === scope.userId) throw forbidden(RULE_MSG.self);
  if (e.role !== undefined && e.role !== u.role && isAdminRole(e.role) !== isAdminRole(u.role))
    throw forbidden(RULE_MSG.crossing(u.role, e.role));
  requireRule(scope, 'edit', u.role, RULE_MSG.edit(scope.role, u.role));
  if (e.role !== undefined) requireRule(scope, 'edit', e.role, RULE_MSG.edit(scope.role, e.role));
  const role = e.role ?? u.role;
  const unitId = e.unitId === undefined ? u.unit_id : e.unitId;
  const set: UserUpdate = {};
  if (e.displayName !== undefined && e.displayName !== u.display_name) set.display_name = e.displayName;
  if (role !== u.role) set.role = role;
  if (unitId !== u.unit_id) set.unit_id = unitId;
  if (e.email !== undefined && e.email !== u.email) set.email = e.email;
  if (Object.keys(set).length === 0) throw badRequest(undefined, MSG.nothing);
  await inTx(db, async (trx) => {
    await checkUnit(trx, u.org_id, role, unitId);
    await updateUser(trx, id, set);
    if (set.role !== undefined) await deleteSessionsOfUser(trx, id);
    await audit(trx, scope, u.org_id, 'user.update', 'app_user', id, {
      username: u.username,
      ...(set.role !== undefined ? { role: { from: u.role, to: role } } : {}),
      ...(set.unit_id !== undefined ? { unitId: { from: u.unit_id, to: unitId } } : {}),
      ...(set.display_name !== undefined ? { displayName: { from: u.display_name, to: set.display_name } } : {}),
      ...(set.email !== undefined ? { email: { from: u.email, to: set.email } } : {}),
    });
  });
}

/** The caller's own e-mail address (where e-mail reminders go). */
export async function ownEmail(db: Db, scope: Scope): Promise<{ email: string | null }> {
  const u = await findUserById(db, scope.userId);
  if (!u) throw notFound(MSG.userMissing);
  return { email: u.email };
}

/** Every account sets its own address (the 三员 too, whom the 系统管理员 does not edit); audited. */
export async function setOwnEmail(db: Db, scope: Scope, input: unknown): Promise<{ email: string | null }> {
  const { email } = parse(z.object({ email: emailField }, { error: MSG.emailInvalid }), input);
  return inTx(db, async (trx) => {
    const u = await findUserById(trx, scope.userId);
    if (!u) throw notFound(MSG.userMissing);
    if (u.email !== email) {
      await updateUser(trx, u.id, { email });
      await audit(trx, scope, u.org_id, 'user.email', 'app_user', u.id, { username: u.username, email: { from: u.email, to: email } });
    }
    return { email };
  });
}

export type SecurityChange = { resetPassword?: boolean; unlock?: boolean; active?: boolean; password?: unknown; role?: unknown };

/**
 * 安全管理员: reset a password (to a generated one-time password, returned once), unlock, 停用/启用.
 * A reset or a deactivation ends the account's sessions on every server.
 */
export async function securityUpdateUser(db: Db, scope: Scope, id: string, input: SecurityChange): Promise<{ password?: string }> {
  if (input.password !== undefined) throw badRequest('password', MSG.passwordGenerated);
  requirePerm(scope, 'user.security');
  const u = await userInScope(db, scope, id);
  // Roles change only through editUser, between business roles, by the 系统管理员.
  if (input.role !== undefined) {
    if (typeof input.role !== 'string' || !isRole(input.role)) throw badRequest('role', MSG.role);
    throw forbidden(
      isAdminRole(input.role) !== isAdminRole(u.role) ? RULE_MSG.crossing(u.role, input.role) : RULE_MSG.edit(scope.role, u.role),
    );
  }
  if (u.id === scope.userId && (input.resetPassword || input.active !== undefined)) throw forbidden(RULE_MSG.self);
  if (input.resetPassword) requireRule(scope, 'resetPassword', u.role, RULE_MSG.resetPassword(scope.role, u.role));
  if (input.unlock) requireRule(scope, 'unlock', u.role, RULE_MSG.unlock(scope.role));
  if (input.active !== undefined) requireRule(scope, 'setActive', u.role, RULE_MSG.setActive(scope.role, u.role));
  const set: UserUpdate = {};
  if (input.active !== undefined) set.active = input.active ? 1 : 0;
  const password = input.resetPassword ? oneTimePassword() : undefined;
  if (Object.keys(set).length === 0 && password === undefined && !input.unlock) throw badRequest(undefined, MSG.nothing);
  const hashed = password === undefined ? undefined : await hashPassword(password);
  await inTx(db, async (trx) => {
    if (Object.keys(set).length) await updateUser(trx, id, set);
    if (input.unlock) await unlockAccount(trx, scope, u);
    if (hashed !== undefined) await storePassword(trx, u, hashed, true);
    if (input.active === false || hashed !== undefined) await deleteSessionsOfUser(trx, id);
    await audit(trx, scope, u.org_id, 'user.security', 'app_user', id, {
      username: u.username,
      password: hashed !== undefined ? MSG.reset : undefined,
      unlock: input.unlock,
      active: input.active,
    });
  });
  return password === undefined ? {} : { password };
}

/** 安全管理员: the live sessions of an account (when opened, last seen, from which address). */
export async function listUserSessions(db: Db, scope: Scope, userId: string) {
  requirePerm(scope, 'user.security');
  const u = await userInScope(db, scope, userId);
  requireRule(scope, 'sessions', u.role, RULE_MSG.sessions(scope.role));
  return (await findSessionsOfUser(db, userId)).map((s) => ({ id: s.id, createdAt: s.created_at, lastSeenAt: s.last_seen_at, ip: s.ip }));
}

/** 安全管理员: ends one session of an account, or all of them (`sessionId` absent); audited. */
export async function endUserSessions(db: Db, scope: Scope, userId: string, sessionId?: string): Promise<{ ended: number }> {
  requirePerm(scope, 'user.security');
  const u = await userInScope(db, scope, userId);
  requireRule(scope, 'sessions', u.role, RULE_MSG.sessions(scope.role));
  return inTx(db, async (trx) => {
    const ended =
      sessionId === undefined ? await deleteSessionsOfUser(trx, userId) : Number(await deleteSessionOfUser(trx, userId, sessionId));
    if (sessionId !== undefined && ended === 0) throw notFound(MSG.sessionMissing);
    await audit(trx, scope, u.org_id, 'session.end', 'app_user', userId, { username: u.username, ended, all: sessionId === undefined });
    return { ended };
  });
}

export async function listOrgs(db: Db, scope: Scope) {
  return findOrgs(db, listedOrgIds(scope));
}

/** The bureaus of /api/me (from the request's checked org tree when it has one): an admin's are those it administers. */
export async function listMyOrgs(db: Db, scope: Scope) {
  const ids = listedOrgIds(scope);
  return scope.orgTree ? scope.orgTree.pick(ids) : findOrgSummaries(db, ids);
}

/** Without a scope: every bureau, for the CLI to resolve `--org` by id or name. */
export async function listOrgsUnchecked(db: Db) {
  return findAllOrgs(db);
}

/** Units of the bureaus the scope lists; an admin may ask for one bureau it administers. */
export async function listUnits(db: Db, scope: Scope, orgId?: string) {
  if (orgId !== undefined && scope.manageOrgIds.length) return findUnits(db, pickManaged(scope, orgId));
  const ids = listedOrgIds(scope);
  return findUnits(db, orgId === undefined ? ids : ids.filter((x) => x === orgId));
}
