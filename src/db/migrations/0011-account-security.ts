/**
 * Account security (等保 三级): a password set by someone else is one-time (`must_change_password`),
 * the last passwords are kept as hashes so they are not reused, and an account may carry a TOTP second
 * factor with recovery codes. Existing accounts keep their password and have no second factor yet.
 * Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // base32 secret of RFC 6238 TOTP; null until the user has confirmed enrolment with a first code
  await db.schema.alterTable('app_user').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('totp_enrolled_at', 'text').execute();
  await db.schema
    .createTable('password_history')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_user').on('password_history').columns(['user_id', 'changed_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_history').execute();
  await db.schema.alterTable('app_user').dropColumn('totp_enrolled_at').execute();
  await db.schema.alterTable('app_user').dropColumn('totp_secret').execute();
  await db.schema.alterTable('app_user').dropColumn('must_change_password').execute();
}
