/**
 * SQL of reminders: who may receive them (accounts, unit heads), the bureaus' own steps, and the
 * reminder log. `claimReminder` is the one guard against sending twice: an insert that does nothing
 * when the log already holds the key (rule, record, due, step, recipient, channel), atomic on SQLite
 * and PostgreSQL, so of two servers racing exactly one gets the row and sends. No permission checks.
 */
import type { Db } from '../db/types.ts';

export type Person = { id: string; orgId: string; unitId: string | null; role: string; displayName: string };

/** Active business accounts of the bureaus (the 三员 never receive business reminders). */
export async function activePeopleOf(db: Db, orgIds: readonly string[], roles: readonly string[]): Promise<Person[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'org_id', 'unit_id', 'role', 'display_name'])
    .where('org_id', 'in', [...orgIds])
    .where('role', 'in', [...roles])
    .where('active', '=', 1)
    .orderBy('username')
    .execute();
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, unitId: r.unit_id, role: r.role, displayName: r.display_name }));
}

/** unit id → the account heading it, for the units of the bureaus that name one. */
export async function unitHeadsOf(db: Db, orgIds: readonly string[]): Promise<Map<string, string>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'head_user_id'])
    .where('org_id', 'in', [...orgIds])
    .where('head_user_id', 'is not', null)
    .execute();
  return new Map(rows.flatMap((r) => (r.head_user_id ? [[r.id, r.head_user_id] as const] : [])));
}

export type ReminderSettingRow = {
  orgId: string;
  key: string;
  value: string;
  updatedByName: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
};

/** The `reminder.*` settings (a bureau's own steps) of the given bureaus, with who changed them. */
export async function reminderSettingsOf(db: Db, orgIds: readonly string[]): Promise<ReminderSettingRow[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('setting')
    .leftJoin('app_user', 'app_user.id', 'setting.updated_by')
    .select(['setting.org_id', 'setting.key', 'setting.value', 'setting.updated_by', 'setting.updated_at', 'app_user.display_name'])
    .where('setting.org_id', 'in', [...orgIds])
    .where('setting.key', 'like', 'reminder.%')
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

export type ReminderKey = { ruleKey: string; recordId: string; due: string; step: string; recipientId: string; channel: string };
export type ReminderLogRow = ReminderKey & { id: string; orgId: string; sentAt: string; ok: boolean | null; detail: string | null };

/** Writes the log row of one reminder unless the key is already there; true when this call wrote it. */
export async function claimReminder(
  db: Db,
  row: ReminderKey & { id: string; orgId: string; sentAt: string; ok: number | null; detail: string | null },
): Promise<boolean> {
  const res = await db
    .insertInto('reminder_log')
    .values({
      id: row.id,
      org_id: row.orgId,
      rule_key: row.ruleKey,
      record_id: row.recordId,
      due: row.due,
      step: row.step,
      recipient_id: row.recipientId,
      channel: row.channel,
      sent_at: row.sentAt,
      ok: row.ok,
      detail: row.detail,
    })
    .onConflict((oc) => oc.columns(['rule_key', 'record_id', 'due', 'step', 'recipient_id', 'channel']).doNothing())
    .returning(['id'])
    .executeTakeFirst();
  return res !== undefined;
}

/** The channels' answer on claimed rows. */
export async function settleReminders(db: Db, ids: readonly string[], ok: boolean, detail: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('reminder_log')
    .set({ ok: ok ? 1 : 0, detail })
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * The keys already in the log for due dates from..to of the given bureaus, so a run skips what was
 * sent without a write per person (a read only: `claimReminder` stays the guard).
 */
export async function loggedKeys(db: Db, orgIds: readonly string[], from: string, to: string): Promise<ReminderKey[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('reminder_log')
    .select(['rule_key', 'record_id', 'due', 'step', 'recipient_id', 'channel'])
    .where('org_id', 'in', [...orgIds])
    .where('due', '>=', from)
    .where('due', '<=', to)
    .execute();
  return rows.map((r) => ({
    ruleKey: r.rule_key,
    recordId: r.record_id,
    due: r.due,
    step: r.step,
    recipientId: r.recipient_id,
    channel: r.channel,
  }));
}

/** The latest log rows of one bureau, newest first, with the recipient's name. */
export async function recentReminders(
  db: Db,
  orgId: string,
  limit: number,
): Promise<Array<ReminderLogRow & { recipientName: string | null }>> {
  const rows = await db
    .selectFrom('reminder_log')
    .leftJoin('app_user', 'app_user.id', 'reminder_log.recipient_id')
    .selectAll('reminder_log')
    .select('app_user.display_name')
    .where('reminder_log.org_id', '=', orgId)
    .orderBy('reminder_log.sent_at', 'desc')
    .orderBy('reminder_log.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    ruleKey: r.rule_key,
    recordId: r.record_id,
    due: r.due,
    step: r.step,
    recipientId: r.recipient_id,
    recipientName: r.display_name,
    channel: r.channel,
    sentAt: r.sent_at,
    ok: r.ok === null ? null : Number(r.ok) === 1,
    detail: r.detail,
  }));
}
