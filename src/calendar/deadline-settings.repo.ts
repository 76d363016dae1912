/**
 * SQL for the per-bureau deadline amounts (`setting` rows keyed `deadline.<rule>.amount`). Every
 * read and write names the bureau; nothing here checks permissions (the service does).
 */
import type { Db } from '../db/types.ts';

const PREFIX = 'deadline.%';

export type DeadlineSettingRow = {
  orgId: string;
  key: string;
  value: string;
  updatedBy: string | null;
  /** Display name of the user who changed it, when that user still exists. */
  updatedByName: string | null;
  updatedAt: string | null;
};

/** The raw `deadline.*` values of the given bureaus (for computing due dates). */
export async function deadlineValuesOf(db: Db, orgIds: string[]): Promise<Array<{ orgId: string; key: string; value: string }>> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('setting')
    .select(['org_id', 'key', 'value'])
    .where('org_id', 'in', orgIds)
    .where('key', 'like', PREFIX)
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, key: r.key, value: r.value }));
}

/** One bureau's `deadline.*` rows with who changed them. */
export async function deadlineSettingsOf(db: Db, orgId: string): Promise<DeadlineSettingRow[]> {
  const rows = await db
    .selectFrom('setting')
    .leftJoin('app_user', 'app_user.id', 'setting.updated_by')
    .select(['setting.org_id', 'setting.key', 'setting.value', 'setting.updated_by', 'setting.updated_at', 'app_user.display_name'])
    .where('setting.org_id', '=', orgId)
    .where('setting.key', 'like', PREFIX)
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    key: r.key,
    value: r.value,
    updatedBy: r.updated_by,
    updatedByName: r.display_name,
    updatedAt: r.updated_at,
  }));
}
