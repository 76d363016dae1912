/**
 * Reminders: a unit's head (named by the bureau's 系统管理员), the log of every reminder sent, and
 * the in-app notifications. The log's unique key (rule, record, due date, step, recipient, channel)
 * is what makes a reminder go out once even when two app servers run the job at the same moment:
 * the second insert does nothing and that server sends nothing. Existing units keep no head (null).
 * Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit').addColumn('head_user_id', 'text').execute();
  await db.schema
    .createTable('reminder_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('rule_key', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    // 1 sent, 0 failed, null claimed but not yet answered by the channel
    .addColumn('ok', 'integer')
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('reminder_log_once')
    .on('reminder_log')
    .columns(['rule_key', 'record_id', 'due', 'step', 'recipient_id', 'channel'])
    .unique()
    .execute();
  await db.schema.createIndex('reminder_log_org_sent').on('reminder_log').columns(['org_id', 'sent_at']).execute();
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('record_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notification_user').on('notification').columns(['user_id', 'created_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification').execute();
  await db.schema.dropTable('reminder_log').execute();
  await db.schema.alterTable('unit').dropColumn('head_user_id').execute();
}
