/**
 * The one fetch wrapper of the web app: same-origin cookie, JSON in and out, and problem+json errors
 * turned into an ApiError that carries the server's Chinese `detail`, the named `field` and, when
 * several fields or rows are bad, every one of them in `errors`.
 */
import { useCallback, useEffect, useState } from 'react';

import type { RecordView, FieldError, Figure, SignedInUser } from '../../src/contract.ts';

// The server's answer shapes come from its contract module; the web re-exports them for its pages.
export type {
  AnnualDuty,
  ArrangementDay,
  ArrangementEntry,
  ArrangementResult,
  CalendarYearCoverage,
  NoticeParseResult,
  AttachmentMeta,
  Block,
  CalendarOverride,
  CalendarOverrideRow,
  Cell,
  CheckIssue,
  DayInfo,
  DaySource,
  Deadline,
  DeadlineSummary,
  DeadlineSetting,
  DutyCoverage,
  DutyCoverageItem,
  FieldError,
  FieldKind,
  FieldMeta,
  FieldValue,
  FigRun,
  Figure,
  FigureCatalogItem,
  FigureSnapshot,
  FigureSourceItem,
  FigureSources,
  HeaderCell,
  HeadingLevel,
  ImportJob,
  IssueLevel,
  KeyDate,
  LawArticleView,
  LawCitation,
  LawHistoryItem,
  LawSearchHit,
  LawSearchResult,
  LawText,
  LedgerMeta,
  LedgerNotice,
  OverrideKind,
  Page,
  Perm,
  RecordPage,
  RecordData,
  RecordLink,
  RecordLinks,
  RefMeta,
  ReportChange,
  ReportContent,
  ReportCreated,
  ReportDraft,
  ReportKindInfo,
  ReportListItem,
  ReportRef,
  ReportStatus,
  ReportVersionItem,
  ReportWithIssues,
  Run,
  Section,
  TextRun,
  WhenRun,
  OwnRun,
  NoneRun,
  Confirmation,
  AuditAnchorView,
  AuditVerification,
  ChannelSettingsView,
  DeliveryResult,
  Person,
  TodoCounts,
  TodoDeadline,
  TodoDeadlineGroup,
  TodoItem,
  TodoMenu,
  TodoView,
} from '../../src/contract.ts';
export type LedgerRecord = RecordView;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly field?: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(detail);
  }
}

function fieldErrorsOf(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x: { row?: unknown; field?: unknown; message?: unknown }) =>
    typeof x === 'object' && x !== null && typeof x.field === 'string' && typeof x.message === 'string'
      ? [{ ...(typeof x.row === 'number' ? { row: x.row } : {}), field: x.field, message: x.message }]
      : [],
  );
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

type Problem = { detail?: unknown; field?: unknown; title?: unknown; errors?: unknown };

async function toError(res: Response): Promise<ApiError> {
  let detail = `请求失败（${res.status}）`;
  let field: string | undefined;
  let errors: FieldError[] = [];
  try {
    const body = (await res.json()) as Problem;
    if (typeof body.detail === 'string' && body.detail) detail = body.detail;
    else if (typeof body.title === 'string' && body.title) detail = body.title;
    if (typeof body.field === 'string' && body.field) field = body.field;
    errors = fieldErrorsOf(body.errors);
  } catch {
    if (res.status === 404) detail = '接口不存在';
  }
  return new ApiError(res.status, detail, field, errors);
}

let onUnauthorized: (() => void) | null = null;
/** Called when any request answers 401 (session expired): the app goes back to the login page. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && onUnauthorized && !path.startsWith('/api/auth/login')) onUnauthorized();
    throw err;
  }
  return res;
}

/** JSON request; resolves to the parsed body (undefined for 204). */
export async function api<T>(path: string, opts: { method?: string; body?: unknown; query?: Query } = {}): Promise<T> {
  const res = await send(opts.method ?? 'GET', withQuery(path, opts.query), opts.body);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Text request (e.g. a report's HTML preview). */
export async function apiText(path: string): Promise<string> {
  const res = await send('GET', path);
  return res.text();
}

export const get = <T>(path: string, query?: Query) => api<T>(path, { query });
export const post = <T>(path: string, body?: unknown, query?: Query) => api<T>(path, { method: 'POST', body: body ?? {}, query });
export const put = <T>(path: string, body?: unknown) => api<T>(path, { method: 'PUT', body: body ?? {} });
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' });

export function errorDetail(e: unknown): string {
  if (e instanceof ApiError) return e.detail;
  if (e instanceof Error) return e.message;
  return '未知错误';
}

export type Loaded<T> = { data: T | undefined; error: ApiError | null; loading: boolean; reload: () => void };

/** Loads a GET endpoint; `path` null means "not yet". Errors are kept, never thrown into React. */
export function useGet<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the reload trigger
  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    get<T>(path)
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(e instanceof ApiError ? e : new ApiError(0, errorDetail(e)));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/* ---- shapes of the server's answers (see docs/CONTRACTS.md) ---- */

export type OrgBrief = { id: string; name: string; short_name: string; level: string; parent_id: string | null };

/** The signed-in user (GET /api/me): the user the last login step answers, with the bureaus it sees. */
export type Me = SignedInUser & { orgs: OrgBrief[] };

export type { Enrolment, LoginStepAnswer, NewSubscription, SecondFactorStatus, SubscriptionStatus } from '../../src/contract.ts';
export type {
  NotificationList,
  NotificationView,
  ReminderAudience,
  ReminderPolicy,
  ReminderStep,
} from '../../src/contract.ts';

/** A unit; `head_user_id` is the account heading it (overdue reminders escalate to it). */
export type Unit = { id: string; org_id: string; name: string; kind: string; sort: number; head_user_id: string | null };
export type Org = OrgBrief & { region: string; created_at: string };

export type FigureSet = { year: number; orgIds: string[]; figures: Figure[] };

export type HistoryEntry = { seq: number; at: string; username: string; action: string; detail: string | Record<string, unknown> };

export type UserRow = {
  id: string;
  org_id: string;
  unit_id: string | null;
  username: string;
  display_name: string;
  role: string;
  active: boolean;
  failed_count: number;
  locked_until: string | null;
  password_changed_at: string;
  /** The password was set by an administrator (new account, reset): the next login must replace it. */
  must_change_password: boolean;
  /** A TOTP second factor is enrolled (the 安全管理员 may reset it when the phone is lost). */
  second_factor: boolean;
  created_at: string;
  /** Where e-mail reminders go (null: none entered). */
  email: string | null;
};

/** A new account or a reset: the one-time password, shown once. */
export type AccountCreated = { id: string; password: string };

export type UserSession = { id: string; createdAt: string; lastSeenAt: string; ip: string };
