/** Table types of the database, shared by both dialects. Dates are 'YYYY-MM-DD' text, instants ISO UTC text. */
import type { Generated, Kysely } from 'kysely';

export interface OrgTable {
  id: string;
  parent_id: string | null;
  name: string;
  short_name: string;
  level: string;
  region: string;
  created_at: string;
}

export interface UnitTable {
  id: string;
  org_id: string;
  name: string;
  kind: string;
  sort: number;
  /** The account that heads the unit (reminders escalate to it), set by the 系统管理员 (migration 0017). */
  head_user_id: Generated<string | null>;
}

export interface UserTable {
  id: string;
  org_id: string;
  unit_id: string | null;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  active: number;
  failed_count: number;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
  /** 1 when the password was set by an administrator (initial or reset): the next login must replace it. */
  must_change_password: Generated<number>;
  /** Base32 TOTP secret, set once enrolment is confirmed with a first code. */
  totp_secret: string | null;
  totp_enrolled_at: string | null;
  /** The TOTP time step (unix time / 30 s) of the last code accepted: an older or equal one is refused (migration 0013). */
  totp_last_step: number | null;
  /** Where e-mail reminders go; null until the user or the 系统管理员 enters it (migration 0018). */
  email: string | null;
}

/** A login that still owes a step (migration 0013); `id` is the sha256 of the token the client holds. */
export interface LoginChallengeTable {
  id: string;
  user_id: string;
  kind: string;
  pending_secret: string | null;
  attempts: Generated<number>;
  created_at: string;
  expires_at: string;
}

/** Single-use recovery codes of the second factor, as sha256 hashes (migration 0013). */
export interface RecoveryCodeTable {
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** Failed logins per address ('ip:…') and per unknown username ('user:…'), shared by every app server (migration 0013). */
export interface LoginThrottleTable {
  key: string;
  window_start: string;
  failures: Generated<number>;
  locked_until: string | null;
}

export interface PasswordHistoryTable {
  user_id: string;
  password_hash: string;
  changed_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  ip: string;
}

/** One row (id 1): bumped by triggers on every change to `org` (migration 0009). */
export interface OrgTreeVersionTable {
  id: number;
  version: number;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  user_id: string | null;
  username: string;
  org_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  success: number;
  ip: string;
  detail: string;
  prev_hash: string;
  hash: string;
  /** Fingerprint of the audit key the row's HMAC is under; null on rows from before the keyed chain (plain SHA-256). */
  key_id: string | null;
}

export interface AuditAnchorTable {
  id: string;
  seq: number;
  hash: string;
  at: string;
  keyed_from: number | null;
  mac: string;
  written_by: string;
}

export interface JobLeaseTable {
  job: string;
  holder: string;
  expires_at: string;
  last_run_at: string | null;
}

/** A user's calendar subscription token (its SHA-256 only). */
export interface CalendarSubscriptionTable {
  user_id: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

/** One bureau's setting of one external channel (migration 0018); the robot URL and secret are sealed. */
export interface ChannelSettingTable {
  org_id: string;
  channel: string;
  enabled: number;
  url_sealed: string | null;
  secret_sealed: string | null;
  updated_by: string | null;
  updated_at: string | null;
  last_test_at: string | null;
}

/** One reminder sent (or claimed for sending) to one person on one channel; unique per step (migration 0017). */
export interface ReminderLogTable {
  id: string;
  org_id: string;
  rule_key: string;
  record_id: string;
  due: string;
  step: string;
  recipient_id: string;
  channel: string;
  sent_at: string;
  ok: number | null;
  detail: string | null;
}

/** An in-app notification of one user (migration 0017). */
export interface NotificationTable {
  id: string;
  org_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  record_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface RecordTable {
  id: string;
  org_id: string;
  ledger: string;
  unit_id: string | null;
  occurred_on: string | null;
  year: number | null;
  title: string;
  status: string | null;
  data: string;
  version: number;
  /** The ledger's payload version the data was written under (reads upgrade older rows). */
  data_version: Generated<number>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

/** One reference from a record's `ref` field to another record of the same bureau. */
export interface RecordLinkTable {
  from_id: string;
  field: string;
  to_id: string;
  org_id: string;
}

export interface AttachmentTable {
  id: string;
  org_id: string;
  record_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  note: string;
  effective_on: string | null;
  uploaded_by: string;
  uploaded_at: string;
}

/** One article of a law record's current text (the record's newest JSON attachment), for search. */
export interface LawArticleTable {
  law_id: string;
  /** Position in the law, from 0. */
  seq: number;
  org_id: string;
  attachment_id: string;
  /** 第八十八条 */
  no: string;
  chapter: string | null;
  section: string | null;
  text: string;
}

export interface CalendarOverrideTable {
  day: string;
  kind: string;
  name: string;
  updated_by: string;
  updated_at: string;
}

/** A year whose holiday arrangement an administrator marked complete (migration 0020). */
export interface CalendarYearTable {
  year: number;
  marked_by: string;
  marked_at: string;
}

export interface SettingTable {
  org_id: string;
  key: string;
  value: string;
  /** User id of the last change (migration 0003); null for rows written before it. */
  updated_by: string | null;
  updated_at: string | null;
}

export interface ReportDraftTable {
  id: string;
  org_id: string;
  kind: string;
  year: number;
  title: string;
  status: string;
  content: string;
  figures: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  finalized_at: string | null;
  finalized_by: string | null;
  /** 1 for a roll-up of the bureau and those below it: another document than the bureau's own (0005). */
  rollup: Generated<number>;
  /** When the text was last built from the template, and the 成文日期 the template gave it then. */
  generated_at: string | null;
  generated_date: string | null;
  /** For status 'superseded': the report of the same key that replaced this one, and when. */
  superseded_by: string | null;
  superseded_at: string | null;
}

/** One state of a report: written by every change (generate, edit, refresh, finalize); never updated. */
export interface ReportVersionTable {
  report_id: string;
  version: number;
  change: string;
  title: string;
  content: string;
  figures: string;
  created_at: string;
  created_by: string;
}

/** The records behind one number of a finalized report (a figure, or one group of it: part ''), gzip-compressed JSON of [id, org_id, occurred_on, year] tuples (0010). */
export interface ReportFigureSourceTable {
  report_id: string;
  figure: string;
  part: string;
  count: number;
  ids: Buffer;
}

/** The progress and outcome of one import (ledger/import-job.service.ts). */
export interface ImportJobTable {
  id: string;
  org_id: string;
  ledger: string;
  user_id: string;
  file_name: string;
  dry_run: number;
  status: string;
  phase: string;
  rows_done: number;
  rows_total: number | null;
  result: string | null;
  error: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface DB {
  org: OrgTable;
  unit: UnitTable;
  app_user: UserTable;
  password_history: PasswordHistoryTable;
  session: SessionTable;
  login_challenge: LoginChallengeTable;
  recovery_code: RecoveryCodeTable;
  login_throttle: LoginThrottleTable;
  org_tree_version: OrgTreeVersionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_anchor: AuditAnchorTable;
  job_lease: JobLeaseTable;
  record: RecordTable;
  record_link: RecordLinkTable;
  attachment: AttachmentTable;
  law_article: LawArticleTable;
  calendar_override: CalendarOverrideTable;
  calendar_subscription: CalendarSubscriptionTable;
  channel_setting: ChannelSettingTable;
  calendar_year: CalendarYearTable;
  reminder_log: ReminderLogTable;
  notification: NotificationTable;
  setting: SettingTable;
  report_draft: ReportDraftTable;
  report_version: ReportVersionTable;
  report_figure_source: ReportFigureSourceTable;
  import_job: ImportJobTable;
}

export type Db = Kysely<DB>;
export type AuditLogInsert = Omit<AuditLogTable, 'seq'> & { seq?: Generated<number> };
