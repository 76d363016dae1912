/**
 * Login in steps and login abuse (等保 三级): a login that still owes a step (new password, second
 * factor, enrolment) is a challenge kept here, so any app server can finish it; the recovery codes of
 * the second factor are kept as hashes; the last accepted TOTP time step is kept per user so a code
 * cannot be replayed; failed logins per address and per unknown username are counted here so every
 * app server sees the same counts. Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no app schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('totp_last_step', 'integer').execute();
  await db.schema
    .createTable('login_challenge')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the token the client holds
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pending_secret', 'text') // a TOTP secret being enrolled, until its first code is given
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_challenge_user').on('login_challenge').column('user_id').execute();
  await db.schema
    .createTable('recovery_code')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('recovery_code_pk', ['user_id', 'code_hash'])
    .execute();
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey()) // 'ip:<address>' or 'user:<username>'
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('recovery_code').execute();
  await db.schema.dropTable('login_challenge').execute();
  await db.schema.alterTable('app_user').dropColumn('totp_last_step').execute();
}
