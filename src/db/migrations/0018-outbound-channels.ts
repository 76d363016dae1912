/**
 * Outbound channels: each account's e-mail address (null until someone enters it), and each bureau's
 * settings of the external channels (电子邮件 on/off, the 钉钉 and 企业微信 group robots), one row per
 * bureau and channel. The robots' webhook URLs carry access tokens and the 钉钉 加签 secret is a
 * signing key, so both are stored only encrypted under a subkey of the deployment key (kept outside
 * the database); `last_test_at` lets every app server see the rate limit of the test button.
 * Existing accounts keep every column and get no address. Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('email', 'text').execute();
  await db.schema
    .createTable('channel_setting')
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    // AES-256-GCM sealed text (see src/keys/secret-box.ts); null for e-mail and when not set
    .addColumn('url_sealed', 'text')
    .addColumn('secret_sealed', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('last_test_at', 'text')
    .addPrimaryKeyConstraint('channel_setting_pk', ['org_id', 'channel'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_setting').execute();
  await db.schema.alterTable('app_user').dropColumn('email').execute();
}
