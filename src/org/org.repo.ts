/**
 * SQL for bureaus (org), their units and user accounts. Reads that serve a request take the org ids
 * the caller may see; nothing here checks permissions or writes audit rows (the services do).
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, OrgTable, PasswordHistoryTable, UnitTable, UserTable } from '../db/types.ts';

export type UserRow = Selectable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type OrgNode = Pick<OrgTable, 'id' | 'name' | 'short_name' | 'level' | 'parent_id'>;

/** Every bureau with its parent link, names and level (the org tree is small). */
export async function findAllOrgs(db: Db): Promise<OrgNode[]> {
  return db.selectFrom('org').select(['id', 'name', 'short_name', 'level', 'parent_id']).execute();
}

/** A bureau's level, or undefined when there is no such bureau. */
export async function findOrgLevel(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('org').select('level').where('id', '=', id).executeTakeFirst())?.level;
}

/** Full rows of the given bureaus, oldest first. */
export async function findOrgs(db: Db, orgIds: string[]): Promise<Array<Selectable<OrgTable>>> {
  return db.selectFrom('org').selectAll().where('id', 'in', orgIds).orderBy('created_at').execute();
}

/** The short form of the given bureaus that /api/me answers with. */
export async function findOrgSummaries(
  db: Db,
  orgIds: string[],
): Promise<Array<Pick<OrgTable, 'id' | 'name' | 'short_name' | 'level' | 'parent_id'>>> {
  return db.selectFrom('org').select(['id', 'name', 'short_name', 'level', 'parent_id']).where('id', 'in', orgIds).execute();
}

export async function insertOrg(db: Db, row: Insertable<OrgTable>): Promise<void> {
  await db.insertInto('org').values(row).execute();
}

/** Units of the given bureaus, by sort order then name. */
export async function findUnits(db: Db, orgIds: string[]): Promise<Array<Selectable<UnitTable>>> {
  // `in ()` is an error on PostgreSQL: no bureaus, no units.
  if (orgIds.length === 0) return [];
  return db.selectFrom('unit').selectAll().where('org_id', 'in', orgIds).orderBy('sort').orderBy('name').execute();
}

export async function unitExists(db: Db, orgId: string, by: { id: string } | { name: string }): Promise<boolean> {
  const q = db.selectFrom('unit').select('id').where('org_id', '=', orgId);
  const hit = await ('id' in by ? q.where('id', '=', by.id) : q.where('name', '=', by.name)).executeTakeFirst();
  return hit !== undefined;
}

/** Unit names by id (any bureau: the ids come from records the caller already may read). */
export async function findUnitNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** A unit with its bureau and head, or undefined. */
export async function findUnit(db: Db, id: string): Promise<Selectable<UnitTable> | undefined> {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateUnitHead(db: Db, id: string, headUserId: string | null): Promise<void> {
  await db.updateTable('unit').set({ head_user_id: headUserId }).where('id', '=', id).execute();
}

export async function insertUnit(db: Db, row: Insertable<UnitTable>): Promise<void> {
  await db.insertInto('unit').values(row).execute();
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

/** A user by id; with `orgIds`, only when the user belongs to one of those bureaus. */
export async function findUserById(db: Db, id: string, orgIds?: string[]): Promise<UserRow | undefined> {
  const q = db.selectFrom('app_user').selectAll().where('id', '=', id);
  return (orgIds ? q.where('org_id', 'in', orgIds) : q).executeTakeFirst();
}

/** The account list of the given bureaus, without password hashes, by username. */
export async function findUsers(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('app_user')
    .select([
      'id',
      'org_id',
      'unit_id',
      'username',
      'display_name',
      'role',
      'active',
      'failed_count',
      'locked_until',
      'password_changed_at',
      'must_change_password',
      'created_at',
      'email',
      // Whether a second factor is enrolled, never the secret itself.
      (eb) => eb('totp_secret', 'is not', null).as('second_factor'),
    ])
    .where('org_id', 'in', orgIds)
    .orderBy('username')
    .execute();
}

/** The active accounts of these roles in the given bureaus, by display name: who a record may name. */
export async function findActiveAccounts(db: Db, orgIds: readonly string[], roles: readonly string[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'org_id', 'unit_id', 'username', 'display_name'])
    .where('org_id', 'in', [...orgIds])
    .where('role', 'in', [...roles])
    .where('active', '=', 1)
    .orderBy('display_name')
    .orderBy('username')
    .execute();
}

export async function insertUser(db: Db, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('app_user').values(row).execute();
}

export async function updateUser(db: Db, id: string, set: UserUpdate): Promise<void> {
  await db.updateTable('app_user').set(set).where('id', '=', id).execute();
}

export async function insertPasswordHistory(db: Db, row: Insertable<PasswordHistoryTable>): Promise<void> {
  await db.insertInto('password_history').values(row).execute();
}

/** The hashes of a user's earlier passwords, newest first, at most `limit`. */
export async function findPasswordHistory(db: Db, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('changed_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}
