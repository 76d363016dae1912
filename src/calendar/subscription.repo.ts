/** SQL for calendar subscription tokens (stored as their SHA-256 only). */
import type { Db } from '../db/types.ts';

/** The account a token hash belongs to, read afresh on every feed request (role, bureau, active). */
export async function findSubscriber(db: Db, tokenHash: string) {
  return db
    .selectFrom('calendar_subscription as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.org_id', 'u.unit_id', 'u.active', 's.last_used_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** The user's subscription, without its hash. */
export async function findSubscriptionOf(db: Db, userId: string) {
  return db.selectFrom('calendar_subscription').select(['created_at', 'last_used_at']).where('user_id', '=', userId).executeTakeFirst();
}

/** Creates the user's token or replaces it (the old hash stops matching at once). */
export async function upsertSubscription(db: Db, row: { user_id: string; token_hash: string; created_at: string }): Promise<void> {
  await db
    .insertInto('calendar_subscription')
    .values({ ...row, last_used_at: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: row.token_hash, created_at: row.created_at, last_used_at: null }))
    .execute();
}

/** Removes the user's token; answers whether there was one. */
export async function deleteSubscription(db: Db, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('calendar_subscription').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function touchSubscription(db: Db, tokenHash: string, at: string): Promise<void> {
  await db.updateTable('calendar_subscription').set({ last_used_at: at }).where('token_hash', '=', tokenHash).execute();
}
