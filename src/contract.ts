/**
 * The contract between the server and the web app: the shapes the API answers with and the names
 * both sides use (permissions, field kinds). Types only, with no imports, so the web compiles it as
 * it is; the server builds its answers against these types and the web reads them, so a rename on
 * one side fails `npm run typecheck` on the other.
 */

export type Perm =
  | 'ledger.read'
  | 'ledger.write'
  | 'report.read'
  | 'report.write'
  | 'report.finalize'
  | 'org.manage'
  | 'user.manage'
  | 'user.security'
  | 'audit.read'
  | 'calendar.manage'
  | 'settings.manage';

export type FieldKind = 'text' | 'longtext' | 'date' | 'int' | 'number' | 'enum' | 'bool' | 'unit' | 'tags' | 'ref' | 'user';
export type FieldValue = string | number | boolean | string[] | null;
/** An untyped payload: what generic machinery (forms, import, storage, audit) handles. */
export type RecordData = Record<string, FieldValue>;

/** One problem with a request: a field of a form, or a cell of an Excel row. */
export type FieldError = { row?: number; field: string; message: string };

/** A reference field's targets: its value is a record id of one of `ledgers` (an array of ids when `many`). */
export type RefMeta = { ledgers: string[]; many: boolean; onDelete: 'restrict' | 'unlink' };

/** A field of a ledger declaration as the web sees it (GET /api/ledgers). */
export type FieldMeta = {
  name: string;
  kind: FieldKind;
  label: string;
  required: boolean;
  options?: readonly string[];
  min?: number;
  max?: number;
  /** Longest text accepted (characters). */
  maxLength?: number;
  help?: string;
  list?: boolean;
  renamedFrom?: readonly string[];
  ref?: RefMeta;
  /** The text names laws of the library: the web links each name to its law (GET /api/laws/resolve). */
  citesLaws?: boolean;
};

/**
 * An account a `user` field may name (GET /api/people): an active business account (法治专干, 科室人员,
 * 领导) of a bureau the caller reads. A record names one of its own bureau.
 */
export type Person = { id: string; displayName: string; username: string; orgId: string; unitId: string | null };

export type LedgerMeta = {
  key: string;
  module: string;
  label: string;
  titleField: string;
  dateField: string | null;
  unitField: string | null;
  /** The `user` field naming the person who answers for the record's deadlines. */
  ownerField: string | null;
  statusField: string | null;
  version: number;
  fields: FieldMeta[];
};

/** A stored record; `D` is its ledger's payload type where the ledger is known. */
export type RecordView<D = RecordData> = {
  id: string;
  orgId: string;
  ledger: string;
  unitId: string | null;
  occurredOn: string | null;
  year: number | null;
  title: string;
  status: string | null;
  data: D;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/**
 * A page of a ledger's records (GET /api/ledgers/:ledger/records). `next` is the cursor to pass as
 * `after` for the following page (null on the last). `total` and `page` come only with a first
 * (or numbered) page, not with a page asked for by `after`: the count is taken once per list.
 */
export type RecordPage<T> = { items: T[]; pageSize: number; next: string | null; total?: number; page?: number };

/** One end of a reference between records (GET /api/records/:id/links). */
export type RecordLink = {
  field: string;
  fieldLabel: string;
  id: string;
  ledger: string;
  ledgerLabel: string;
  title: string;
  occurredOn: string | null;
  orgId: string;
};
export type RecordLinks = { outgoing: RecordLink[]; incoming: RecordLink[] };

/** GET /api/publicity/duty-coverage: each 普法责任清单 item and this year's activities pointing at it. */
export type DutyCoverageItem = { id: string; law: string; unitId: string | null; unitName: string | null; activities: number };
export type DutyCoverage = { year: number; orgId: string; items: DutyCoverageItem[]; uncovered: number; total: number };

/** GET /api/ledgers/:ledger/notices: something the records show that someone has to act on. */
export type LedgerNotice = { recordId: string; message: string };

export type Figure = {
  key: string;
  label: string;
  unit: string;
  value: number | null;
  /**
   * How many records the value is computed from (their ids are read on demand: GET
   * /api/figures/:key/sources); null for a ratio, whose records are its parts'.
   */
  sourceCount: number | null;
  breakdown?: Array<{ label: string; value: number; sourceCount: number }>;
};

/** GET /api/figures/catalog: every declared figure with its 统计口径. */
export type FigureCatalogItem = { key: string; label: string; unit: string; module: string; kind: string; basis: string };

/** GET /api/deadlines/summary: the open deadlines in brief, the first `limit` by due date. */
export type DeadlineSummary = { total: number; overdue: number; soon: number; items: Deadline[] };

/**
 * 进行中, 临期, 逾期, 按期办结, 逾期办结: a time limit (the default kind). 等待补正: the clock stands
 * still until the applicant's corrected request comes back (never 逾期). 未满期, 已满期, 期限不足,
 * 依法缩短: a minimum period ("不少于", shown as "不早于 <date>"; open is never 逾期, closing before the
 * date is 期限不足, or 依法缩短 when the reason the law asks for is on record). 已到期: an expiry date
 * has passed (a 执法证 or a contract).
 */
export type DeadlineStatus =
  | '进行中'
  | '临期'
  | '逾期'
  | '按期办结'
  | '逾期办结'
  | '等待补正'
  | '未满期'
  | '已满期'
  | '期限不足'
  | '依法缩短'
  | '已到期';
export type DeadlineUnit = 'workday' | 'day' | 'month';
/**
 * limit: due within the period after the start; minimum: not before the end of the period (a
 * "不少于" period); before: due the period before the start event (听证 notice); expiry: due on the
 * start date itself, warned ahead (执法证, contracts).
 */
export type DeadlineKind = 'limit' | 'minimum' | 'before' | 'expiry';

/** A statutory deadline one rule puts on one record (GET /api/deadlines). */
export type Deadline = {
  ruleKey: string;
  label: string;
  basis: string;
  module: string;
  kind: DeadlineKind;
  recordId: string;
  ledger: string;
  title: string;
  orgId: string;
  start: string;
  /**
   * The last day (limit, before), the earliest day (minimum: 不早于), the expiry day (expiry); for
   * 等待补正 the day the clock stopped (the 补正通知), since no due date runs while it waits.
   */
  due: string;
  doneOn: string | null;
  status: DeadlineStatus;
  /** Days before `due` at which a warning is due (expiry kind, e.g. [90, 30]); empty otherwise. */
  warnDays: number[];
  /** Working days after today up to and including the due day (0 = due today); negative when overdue; null when done. */
  remainingWorkdays: number | null;
  explanation: string[];
  uncovered: boolean;
  /** One line to show beside the deadline (not only in a tooltip) when `uncovered`: which years, and how they were counted. */
  calendarNote: string | null;
  /** Who answers for it: the record's responsible unit (科室), and the person where the record names one. */
  owner: DeadlineOwner;
};

export type DeadlineOwner = { unitId: string | null; userId: string | null };

/** GET /api/calendar/settings: a deadline the bureau may set, with the law default and its own value. */
export type DeadlineSetting = {
  ruleKey: string;
  label: string;
  basis: string;
  unit: DeadlineUnit;
  unitLabel: string;
  /** The amount the rule declares (the law or the common local rule). */
  defaultAmount: number;
  /** The bureau's own amount, or null when it follows the default. */
  amount: number | null;
  /** What the deadlines are computed with. */
  effectiveAmount: number;
  min: number;
  max: number;
  /** Display name of who set the bureau's amount, and when (ISO time); null when never set. */
  updatedBy: string | null;
  updatedAt: string | null;
};

/** Who a reminder step goes to: the deadline's owner, the head of its unit, the bureau's 法治专干, or its leaders. */
export type ReminderAudience = 'owner' | 'unitHead' | 'officer' | 'leader';

/**
 * One reminder of a deadline: `offset` working days from the due day (negative before it, 0 on the
 * day, positive once overdue), to `to`.
 */
export type ReminderStep = { offset: number; to: ReminderAudience };

/** GET /api/reminders/policies: a rule's reminder steps, the default and the bureau's own. */
export type ReminderPolicy = {
  ruleKey: string;
  label: string;
  basis: string;
  defaultSteps: ReminderStep[];
  /** The bureau's own steps, or null when it follows the default. */
  steps: ReminderStep[] | null;
  effectiveSteps: ReminderStep[];
  updatedBy: string | null;
  updatedAt: string | null;
};

/** An in-app notification of the signed-in user (GET /api/notifications). */
export type NotificationView = {
  id: string;
  title: string;
  body: string;
  /** The web app's path to open (a record's page), or null. */
  link: string | null;
  recordId: string | null;
  createdAt: string;
  readAt: string | null;
};

export type NotificationList = { items: NotificationView[]; unread: number };

/** A file attached to a record (GET /api/records/:id/attachments). */
export type AttachmentMeta = {
  id: string;
  orgId: string;
  recordId: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  note: string;
  effectiveOn: string | null;
  uploadedBy: string;
  uploadedAt: string;
};

/** statute: a fixed holiday of 放假办法第二条, applied in a year without the arrangement. */
export type DaySource = 'override' | 'official' | 'statute' | 'weekday';

/** One day of the working-day calendar (GET /api/calendar/days). */
export type DayInfo = {
  date: string;
  workday: boolean;
  /** Holiday name, 调休上班 note, 周六/周日, or null for an ordinary working day. */
  name: string | null;
  /** holiday: named day off; makeup: 调休上班日; weekend; workday. */
  kind: 'holiday' | 'makeup' | 'weekend' | 'workday';
  source: DaySource;
  /** Whether the holiday arrangement for this day's year is known (the library's data, or a year an administrator marked complete). */
  covered: boolean;
};

/** A 普法 or 民政 key date of a year (GET /api/calendar/key-dates). */
export type KeyDate = {
  key: string;
  name: string;
  /** First day. */
  date: string;
  /** Last day, inclusive (equal to `date` for a single day). */
  end: string;
  kind: 'day' | 'week' | 'month';
  basis: string;
  /** The date changes each year by notice; the default is shown. */
  approximate: boolean;
  note: string | null;
};

/** A yearly duty with a fixed date (GET /api/calendar/annual-duties). */
export type AnnualDuty = {
  key: string;
  label: string;
  /** The last day to act. */
  due: string;
  /** How the law words it, with how "X月X日前" is read: e.g. 每年3月1日前（不含当日，最迟2月28日）. */
  rule: string;
  basis: string;
  /** Whether `due` is a working day; if not, a note advises acting earlier (fixed dates do not roll). */
  dueIsWorkday: boolean;
  note: string | null;
  uncovered: boolean;
};

// ---- report drafts (the document model is stored as JSON in report_draft.content) ----

/** Plain text. */
export type TextRun = { t: string };
/** A figure's value (with '%' when the figure is a percentage); `part` picks one group of a group figure. */
export type FigRun = { fig: string; part?: string };
/** Wording that depends on a figure: `zero` when it is 0, `some` otherwise (so "未发生…" instead of "0起"). */
export type WhenRun = { when: string; part?: string; some: Run[]; zero: Run[] };
/** Who confirmed an officer's sentence or a negative statement, and when (set by the server only). */
export type Confirmation = { by: string; name: string; at: string };
/**
 * The officer's own words: nothing in the records makes them true, so they print as written and are
 * marked as hers until she confirms them; `hint` says what belongs here. Numbers inside stay figures.
 */
export type OwnRun = { own: string; runs: Array<TextRun | FigRun>; hint?: string; ok?: Confirmation };
/**
 * A negative statement ("本年度未发生行政诉讼案件"): printed only while its figure is 0 and only once a
 * person confirmed that the ledger is truly empty rather than not yet filled in.
 */
export type NoneRun = { none: string; part?: string; text: string; ok?: Confirmation };
export type Run = TextRun | FigRun | WhenRun | OwnRun | NoneRun;

export type HeadingLevel = 1 | 2 | 3 | 4;

export type Cell = { runs: Run[]; colSpan?: number; rowSpan?: number };
export type HeaderCell = { text: string; colSpan?: number; rowSpan?: number };

export type Block =
  | { type: 'heading'; level: HeadingLevel; text: string }
  /** A body paragraph; `lead` is a run-in heading such as 「（一）加强组织领导。」 */
  | { type: 'paragraph'; lead?: { level: 2 | 3 | 4; text: string }; runs: Run[] }
  /**
   * A table; `widths` are the columns' relative weights ([7, 1, 1] makes the first column seven
   * times as wide as each other), one per grid column. Without them, or when their count does not
   * match the grid, the columns are equal.
   */
  | { type: 'table'; title: string; header: HeaderCell[][]; rows: Cell[][]; note?: string; widths?: number[] };

export type Section = { key: string; heading: string; blocks: Block[] };

export type ReportContent = {
  title: string;
  /** 主送机关, printed flush left with a full-width colon. */
  addressee: string;
  preamble: Block[];
  sections: Section[];
  /** 附件 names (附件说明). */
  attachments: string[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期, YYYY-MM-DD (printed 2026年1月5日). */
  date: string;
  /** 附注 (GB/T 9704 7.3.6): printed in parentheses below the 成文日期, e.g. what a roll-up covers. */
  note?: string;
  /** 版记: 抄送机关 and 印发机关/日期. */
  copyTo: string[];
  printer: { org: string; date: string } | null;
  /** 保密审查 confirmed (required before publication). */
  secrecyReviewed: boolean;
};

/** The figure snapshot stored in report_draft.figures; frozen when the draft is finalized. */
export type FigureSnapshot = {
  computedAt: string;
  period: { from: string; to: string };
  orgIds: string[];
  rollup: boolean;
  values: Record<string, Figure>;
  /** Referenced keys that no module declares (yet). */
  undefinedKeys: string[];
  /** Each value's definition as it was computed: its 统计口径 and the declaration as data. */
  definitions?: Record<string, FigureDefinition>;
  /** sha256 over period, bureaus, values and definitions, so a frozen snapshot cannot change unseen. */
  hash?: string;
  /**
   * A digest of what the values were computed from (the bureaus' records as last written, the
   * holiday calendar, deadline settings, the day): while it is unchanged the values are too, and a
   * read need not compute them again.
   */
  inputsMark?: string;
};

/** How a figure was defined when a snapshot computed it. */
export type FigureDefinition = { basis: string; spec: unknown };

export type IssueLevel = 'error' | 'warning' | 'info';
/** A problem the check finds in a draft; `error` blocks finalizing, `warning` needs `force`. */
export type CheckIssue = {
  level: IssueLevel;
  code: string;
  message: string;
  figure?: string;
  /** The block concerned: 'p:0' (preamble) or 's:2:3' (section 3, block 4), as data-at in the preview. */
  at?: string;
  /** The ledger whose records decide the issue (its page is where to add the missing records). */
  ledger?: string;
  /** What the officer confirms to clear the issue (POST /api/reports/:id/confirm). */
  confirm?: { kind: 'own' | 'none'; id: string };
};

/**
 * Per bureau, kind, year and roll-up flag there is one working draft (`draft`) and at most one current
 * final (`final`, 现行定稿); a final replaced by a newer one is `superseded` (已被取代). Only a draft changes.
 */
export type ReportStatus = 'draft' | 'final' | 'superseded';

/** Another report of the same key, by id and version (who superseded a final). */
export type ReportRef = { id: string; version: number };

export type ReportDraft = {
  id: string;
  orgId: string;
  kind: string;
  kindLabel: string;
  year: number;
  title: string;
  status: ReportStatus;
  content: ReportContent;
  figures: FigureSnapshot;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  finalizedAt: string | null;
  finalizedBy: string | null;
  /** A roll-up of the bureau and those below it (another document than the bureau's own report). */
  rollup: boolean;
  /** When the text was last built from the template. */
  generatedAt: string;
  /** For a superseded report: the one that replaced it, and when. */
  supersededBy: ReportRef | null;
  supersededAt: string | null;
  /** Why the stored content could not be read as the current format (then `content` is empty); null when it could. */
  contentProblem: string | null;
};

/** GET /api/reports/:id. */
export type ReportWithIssues = ReportDraft & { issues: CheckIssue[] };

/**
 * POST /api/reports. `regenerated`: the key already had a working draft, which was rebuilt into a new
 * version (same id) instead of a second draft being made.
 */
export type ReportCreated = ReportWithIssues & { regenerated: boolean };

/** GET /api/reports: one line per report (working draft, current final, superseded finals). */
export type ReportListItem = {
  id: string;
  orgId: string;
  kind: string;
  kindLabel: string;
  year: number;
  rollup: boolean;
  title: string;
  status: ReportStatus;
  version: number;
  generatedAt: string;
  updatedAt: string;
  /** Who made the last change (a display name). */
  updatedByName: string;
  finalizedAt: string | null;
  finalizedByName: string | null;
  supersededBy: ReportRef | null;
};

/** What made a version: 生成 (from the template), 修改 (text edited), 刷新 (figures recomputed), 定稿. */
export type ReportChange = 'generate' | 'edit' | 'confirm' | 'refresh' | 'finalize';

/** GET /api/reports/:id/versions: one version of the report's key (all its drafts and finals), newest first. */
export type ReportVersionItem = {
  reportId: string;
  version: number;
  change: ReportChange;
  title: string;
  createdAt: string;
  createdByName: string;
  /** The status of the report this version belongs to, as it is now. */
  reportStatus: ReportStatus;
};

/** One record a report's number was computed from (GET /api/reports/:id/figures/:figure/sources). */
export type FigureSourceItem = {
  id: string;
  ledger: string;
  ledgerLabel: string;
  title: string;
  /** The record's date; null for a record counted by year (then `year`). */
  date: string | null;
  year: number | null;
  /** The 科室/单位 the record belongs to, or null when it names none. */
  unitName: string | null;
  /** The bureau that keeps the record (matters in a roll-up). */
  orgName: string;
  /** Deleted since the numbers were computed: listed, marked, and no longer opens. */
  deleted: boolean;
};

/**
 * The source records of one number of a report, read from the draft's own figure snapshot (so a
 * finalized report lists what it was computed from). `total` counts the records listed;
 * `withheld` those the caller may not read (another bureau) or that no longer exist at all.
 */
export type FigureSources = Page<FigureSourceItem> & {
  figure: { key: string; part: string | null; label: string; value: number | null; unit: string; defined: boolean };
  withheld: number;
  /** The records kept when the report was finalized (true), or read from the ledgers now (false). */
  kept: boolean;
  /** Read now for a draft whose ledgers changed since its numbers were computed: the list may differ from the number. */
  changedSince: boolean;
};

/** GET /api/reports/kinds. */
export type ReportKindInfo = { kind: string; label: string; yearHint: string; published: boolean };

export type OverrideKind = 'holiday' | 'workday';
/** An administrator's change to the official holiday calendar (GET /api/calendar/overrides adds who and when). */
export type CalendarOverride = { day: string; kind: OverrideKind; name: string };
export type CalendarOverrideRow = CalendarOverride & { updatedBy: string; updatedAt: string };

/** One line of a year's arrangement as the bulk form (or a parsed notice) gives it: a range of days off, or of 调休 working days. */
export type ArrangementEntry = { name: string; kind: OverrideKind; from: string; to: string };

/** POST /api/calendar/years/:year/parse: the entries read from a pasted notice, and what could not be read. */
export type NoticeParseResult = { year: number; entries: ArrangementEntry[]; problems: string[]; skipped: string[] };

/** One day of a year's arrangement preview, and what saving does to it. */
export type ArrangementDay = CalendarOverride & { change: 'add' | 'change' | 'same' };

/** POST /api/calendar/years/:year/arrangement: the days that are (or, with dryRun, would be) saved. */
export type ArrangementResult = {
  year: number;
  days: ArrangementDay[];
  /** Overrides of the year the entry does not name: removed on saving. */
  removed: CalendarOverride[];
  /** The year is marked complete after saving (it was already, or the entry asked for it). */
  complete: boolean;
  dryRun: boolean;
};

/**
 * GET /api/calendar/years: whether each year's arrangement is known. library: in `chinese-days`;
 * marked: an administrator marked it complete; partial: some overrides, not marked; none.
 */
export type CalendarYearCoverage = {
  year: number;
  status: 'library' | 'marked' | 'partial' | 'none';
  covered: boolean;
  statusLabel: string;
  holidays: number;
  workdays: number;
  markedBy: string | null;
  markedAt: string | null;
};

/** POST /api/ledgers/:ledger/import: what an import did (or, with dryRun, would do). */
export type ImportCounts = { created: number; updated: number; unchanged: number; duplicates: number; dryRun: boolean; count: number };

/**
 * GET /api/import-jobs/:id: an import started with `async=1`. While `running`, `phase` and the row
 * counts say how far it has come (`rowsTotal` is null while the file is still being read); a
 * finished job has the counts (`done`) or the refusal, with the same problem fields as a synchronous
 * import's answer (`failed`: nothing was written).
 */
export type ImportJob = {
  id: string;
  ledger: string;
  fileName: string;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  phase: 'reading' | 'checking' | 'writing';
  rowsDone: number;
  rowsTotal: number | null;
  result: ImportCounts | null;
  error: { status: number; detail: string; field?: string; errors?: FieldError[] } | null;
  startedAt: string;
  finishedAt: string | null;
};

/** Which part of the audit chain: rows from before the keyed chain (plain SHA-256), or the keyed chain (HMAC). */
export type AuditChainPart = 'legacy' | 'keyed';

/** A walk of the audit chain; `part` names the part that failed. */
export type ChainCheck = { ok: boolean; checked: number; brokenAt: number | null; reason: string | null; part?: AuditChainPart };

export type AnchorSource = 'file' | 'database';
export type AnchorCheckItem = { seq: number; hash: string; at: string; sources: AnchorSource[]; ok: boolean; reason: string | null };
export type AnchorCheck = {
  ok: boolean;
  file: string;
  fileFound: boolean;
  /** how many distinct anchors were checked (file and database copies together) */
  checked: number;
  newest: AnchorCheckItem | null;
  /** the newest anchors checked */
  items: AnchorCheckItem[];
  /** every anchor that failed */
  failures: AnchorCheckItem[];
};

/** GET /api/audit/verify: the chain, then every anchor (null when the key is wrong). `ok` is both. */
export type AuditVerification = ChainCheck & { keyedFrom: number | null; chainOk: boolean; anchors: AnchorCheck | null };

/** GET /api/audit/anchors: the latest anchors of the audit chain head. */
export type AuditAnchorView = { seq: number; hash: string; at: string; keyedFrom: number | null; writtenBy: string };

/** A step a login still owes before it gets a session (POST /api/auth/login and its following steps). */
export type LoginStep = 'change-password' | 'second-factor' | 'enrol-second-factor';

/** A new TOTP secret to enrol: the text form for manual entry, the otpauth URI and its QR code (SVG). */
export type Enrolment = { secret: string; uri: string; qrSvg: string };

/** The answer of a login step: another step (no session yet), or the session's user (cookie set). */
export type LoginStepAnswer =
  | { next: LoginStep; challenge: string; enrolment?: Enrolment }
  | { next?: undefined; user: SignedInUser; recoveryCodes?: string[] };

/** The signed-in user as the last login step and /api/me answer it. */
export type SignedInUser = {
  id: string;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  orgId: string;
  unitId: string | null;
  perms: readonly Perm[];
};

/** 账户安全: the second factor of the signed-in user (GET /api/me/second-factor). */
export type SecondFactorStatus = {
  /** SECOND_FACTOR of this deployment */
  mode: 'admins' | 'all' | 'off';
  /** the user's role must have one (it cannot be disabled) */
  required: boolean;
  enrolled: boolean;
  enrolledAt: string | null;
  recoveryCodesLeft: number;
};

/** Whether the caller has a calendar subscription token (never the token itself). */
export type SubscriptionStatus = { active: boolean; createdAt: string | null; lastUsedAt: string | null };
/** A new subscription: the URL with its token (answered this once only) and its QR code (SVG). */
export type NewSubscription = { url: string; qrSvg: string; createdAt: string };

/** One article of a law's text: its number (第八十八条), position, chapter and section headings. */
export type LawArticleView = { no: string; index: number; chapter: string | null; section: string | null; text: string };

/** A dated line of a law's 修订沿革 (通过, 修正, 修订, 公布, 施行). */
export type LawHistoryItem = { date: string; text: string };

/** GET /api/laws/:id/articles */
export type LawText = {
  lawId: string;
  title: string;
  hasText: boolean;
  /** Articles in the whole text (the filtered list may hold fewer). */
  total: number;
  /** 修订沿革 as the text states it, oldest first. */
  history: LawHistoryItem[];
  articles: LawArticleView[];
};

export type LawSearchHit = { lawId: string; title: string; no: string; index: number; chapter: string | null; text: string };

/** GET /api/laws/resolve: each law a text names, and the library's law of that name when there is one. */
export type LawCitation = { name: string; lawId: string | null; title: string | null };

/** GET /api/laws/search */
export type LawSearchResult = {
  q: string;
  /** Laws whose title contains the words. */
  laws: RecordView[];
  /** Articles whose text contains them, by law title and article order. */
  hits: LawSearchHit[];
  truncated: boolean;
};

export type { DeliveryResult, ExternalChannel } from './notify/outbound.ts';

/** Who changed a channel setting last, and when (null: never set). */
export type ChannelChange = { updatedAt: string | null; updatedBy: string | null };

/** A group robot as the 系统管理员 sees it: the webhook URL only masked (its token never leaves the server). */
export type RobotChannelView = ChannelChange & { enabled: boolean; maskedUrl: string | null };

/** One bureau's external channels (GET /api/channels). */
export type ChannelSettingsView = {
  orgId: string;
  email: ChannelChange & {
    enabled: boolean;
    /** Whether the deployment has a mail server (SMTP_URL or SMTP_HOST); e-mail cannot be turned on without it. */
    smtpConfigured: boolean;
    /** The sender every mail shows, when there is a mail server. */
    from: string | null;
  };
  /** `hasSecret`: a 加签 secret is stored (shown as such, never returned). */
  dingtalk: RobotChannelView & { hasSecret: boolean };
  wecom: RobotChannelView;
};

// ---- 我的待办 (GET /api/todo) ----

/** Why a deadline is on my list: I am its person, my 科室 owns it, or I answer for the whole bureau (法治专干, 领导). */
export type TodoReason = 'person' | 'unit' | 'bureau';
export type TodoDeadline = Deadline & { why: TodoReason };
/** One group of my deadlines: the first `items` by due date and how many there are in all. */
export type TodoDeadlineGroup = { total: number; items: TodoDeadline[] };

/**
 * Something the system holds that waits for me (not a deadline): a report draft to finalise (领导) or
 * to prepare (法治专干), an import of mine that failed, a 工作任务 not started, a ledger notice, a
 * locked account (安全管理员), a year whose holiday arrangement is not entered (系统管理员), audit
 * rows left unanchored too long (审计管理员).
 */
export type TodoItemKind =
  | 'report.finalize'
  | 'report.draft'
  | 'import.failed'
  | 'task.start'
  | 'ledger.notice'
  | 'account.locked'
  | 'calendar.uncovered'
  | 'audit.anchor';
export type TodoItem = {
  kind: TodoItemKind;
  /** The record, report, job or account concerned. */
  id: string;
  title: string;
  detail: string;
  /** The web page where it is done. */
  link: string;
  orgId: string;
  /** When it arose, where the data says (ISO instant or date); null otherwise. */
  at: string | null;
};

/** Menu entries that carry a count. */
export type TodoMenu = 'home' | 'calendar' | 'reports' | 'system' | 'security' | 'audit';
/** GET /api/todo/counts: the badges of the menu. */
export type TodoCounts = { total: number; menu: Partial<Record<TodoMenu, number>> };

/** GET /api/todo: my deadlines (overdue; due this week, Monday to Sunday; later this month) and what waits for me. */
export type TodoView = {
  today: string;
  week: { from: string; to: string };
  month: { from: string; to: string };
  overdue: TodoDeadlineGroup;
  thisWeek: TodoDeadlineGroup;
  thisMonth: TodoDeadlineGroup;
  items: TodoItem[];
  counts: TodoCounts;
};
