/** SQL for per-bureau settings (`setting` rows keyed by name). Nothing here checks permissions (services do). */
import type { Db } from '../db/types.ts';

export async function findSetting(db: Db, orgId: string, key: string): Promise<{ value: string } | undefined> {
  return db.selectFrom('setting').select('value').where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst();
}

/** Creates or replaces one bureau setting. */
export async function upsertSetting(
  db: Db,
  row: { orgId: string; key: string; value: string; updatedBy: string; updatedAt: string },
): Promise<void> {
  await db
    .insertInto('setting')
    .values({ org_id: row.orgId, key: row.key, value: row.value, updated_by: row.updatedBy, updated_at: row.updatedAt })
    .onConflict((oc) =>
      oc.columns(['org_id', 'key']).doUpdateSet({ value: row.value, updated_by: row.updatedBy, updated_at: row.updatedAt }),
    )
    .execute();
}

/** Deletes one bureau setting; true when a row was there. */
export async function deleteSetting(db: Db, orgId: string, key: string): Promise<boolean> {
  const r = await db.deleteFrom('setting').where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
