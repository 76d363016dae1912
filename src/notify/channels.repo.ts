/**
 * SQL for the per-bureau channel settings (`channel_setting`, one row per bureau and channel) and the
 * addresses of recipients. Sealed values pass through untouched (sealing is the service's); nothing
 * here checks permissions.
 */
import type { Db } from '../db/types.ts';

export type ChannelRow = {
  channel: string;
  enabled: boolean;
  urlSealed: string | null;
  secretSealed: string | null;
  updatedAt: string | null;
  /** Display name of who changed it, when that account still exists. */
  updatedByName: string | null;
};

/** One bureau's rows, read afresh on every call (a change on one app server is seen by all). */
export async function findChannelRows(db: Db, orgId: string): Promise<ChannelRow[]> {
  const rows = await db
    .selectFrom('channel_setting as c')
    .leftJoin('app_user as u', 'u.id', 'c.updated_by')
    .select(['c.channel', 'c.enabled', 'c.url_sealed', 'c.secret_sealed', 'c.updated_at', 'u.display_name'])
    .where('c.org_id', '=', orgId)
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    enabled: Boolean(Number(r.enabled)),
    urlSealed: r.url_sealed,
    secretSealed: r.secret_sealed,
    updatedAt: r.updated_at,
    updatedByName: r.display_name,
  }));
}

/** Creates or replaces one bureau's setting of one channel (the test slot is kept). */
export async function upsertChannelRow(
  db: Db,
  row: {
    orgId: string;
    channel: string;
    enabled: boolean;
    urlSealed: string | null;
    secretSealed: string | null;
    updatedBy: string;
    updatedAt: string;
  },
): Promise<void> {
  const values = {
    enabled: row.enabled ? 1 : 0,
    url_sealed: row.urlSealed,
    secret_sealed: row.secretSealed,
    updated_by: row.updatedBy,
    updated_at: row.updatedAt,
  };
  await db
    .insertInto('channel_setting')
    .values({ org_id: row.orgId, channel: row.channel, ...values, last_test_at: null })
    .onConflict((oc) => oc.columns(['org_id', 'channel']).doUpdateSet(values))
    .execute();
}

/**
 * Takes the bureau's test slot of a channel when the last test was before `notAfter` (or never):
 * one conditional UPDATE, so two app servers never both take it. Answers whether it was taken.
 */
export async function claimTestSlot(db: Db, orgId: string, channel: string, now: string, notAfter: string): Promise<boolean> {
  await db
    .insertInto('channel_setting')
    .values({
      org_id: orgId,
      channel,
      enabled: 0,
      url_sealed: null,
      secret_sealed: null,
      updated_by: null,
      updated_at: null,
      last_test_at: null,
    })
    .onConflict((oc) => oc.columns(['org_id', 'channel']).doNothing())
    .execute();
  const r = await db
    .updateTable('channel_setting')
    .set({ last_test_at: now })
    .where('org_id', '=', orgId)
    .where('channel', '=', channel)
    .where((eb) => eb.or([eb('last_test_at', 'is', null), eb('last_test_at', '<=', notAfter)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The e-mail address of each of the given accounts (null when none is entered). */
export async function findEmails(db: Db, userIds: readonly string[]): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'email'])
    .where('id', 'in', [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.email]));
}
