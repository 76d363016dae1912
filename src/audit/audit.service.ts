/**
 * The append-only, hash-chained audit log. Every write and every login goes through `appendAudit`,
 * inside the same transaction as the write. The head row serialises appends (a row lock in
 * PostgreSQL, the write lock in SQLite), so the chain stays linear with many app servers.
 * Never update or delete audit rows: the database refuses it (triggers in migration 0001).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { nowIso } from '../util/time.ts';
import {
  advanceAuditHead,
  type AuditFilter,
  findAuditHead,
  findAuditPage,
  findAuditRowsAfter,
  findEntityHistory,
  insertAuditRow,
  setAuditHeadHash,
} from './audit.repo.ts';
import { recordExists } from '../ledger/record.repo.ts';

export type AuditEntry = {
  userId: string | null;
  username: string;
  orgId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  success?: boolean;
  ip?: string;
  detail?: Record<string, unknown>;
};

type Hashed = {
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
};

export function auditHash(row: Hashed): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.user_id,
    row.username,
    row.org_id,
    row.action,
    row.entity,
    row.entity_id,
    row.success,
    row.ip,
    row.detail,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export async function appendAudit(db: Db, e: AuditEntry): Promise<number> {
  const head = await advanceAuditHead(db);
  const row: Hashed = {
    seq: Number(head.seq),
    at: nowIso(),
    user_id: e.userId,
    username: e.username,
    org_id: e.orgId,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    success: e.success === false ? 0 : 1,
    ip: e.ip ?? '',
    detail: JSON.stringify(e.detail ?? {}),
    prev_hash: head.hash,
  };
  const hash = auditHash(row);
  await insertAuditRow(db, { ...row, hash });
  await setAuditHeadHash(db, hash);
  return row.seq;
}

export type ChainCheck = { ok: boolean; checked: number; brokenAt: number | null; reason: string | null };

/** Walks the whole chain; reports the first row whose hash or link does not match. */
export async function verifyAuditChain(db: Db): Promise<ChainCheck> {
  let prev = '0'.repeat(64);
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await findAuditRowsAfter(db, after, 2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: seq, reason: '与上一条记录的链接不一致' };
      const expect = auditHash({ ...r, seq, success: Number(r.success) });
      if (expect !== r.hash) return { ok: false, checked, brokenAt: seq, reason: '记录内容与哈希值不一致' };
      prev = r.hash;
      checked++;
      after = seq;
    }
  }
  const head = await findAuditHead(db);
  if (head.hash !== prev || Number(head.seq) !== after) {
    return { ok: false, checked, brokenAt: after, reason: '链尾与记录不一致（可能有记录被删除）' };
  }
  return { ok: true, checked, brokenAt: null, reason: null };
}

/**
 * Actions whose detail the 审计管理员 reads in full: accounts, sign-ins, sessions, bureaus and units,
 * backups; what they hold is who did what to which account, not business content. Every other
 * action (records, attachments, imports, reports, draws, settings: present and future) is shown with
 * the names of its fields only (三员分立: the auditor reads who, when, what, which record and which
 * fields, and the chain hashes; the values stay with the business users' record history).
 */
const FULL_DETAIL = /^(auth|user|session|org|unit|system)\./;

/** The field names a detail speaks of: a record's fields for create/update, the detail's own keys otherwise. */
function fieldNames(action: string, detail: Record<string, unknown>): string[] {
  const inner = action === 'record.create' ? detail.data : action === 'record.update' ? detail.changed : undefined;
  return Object.keys(inner && typeof inner === 'object' ? inner : detail);
}

/** The detail as the auditor sees it (a JSON text, like the stored one). */
export function auditorDetail(action: string, detail: string): string {
  if (FULL_DETAIL.test(action)) return detail;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return '{}';
  }
  if (!parsed || typeof parsed !== 'object') return '{}';
  return JSON.stringify({ fields: fieldNames(action, parsed as Record<string, unknown>) });
}

/**
 * 审计管理员's view of the log: the rows of the bureaus it administers (its own and those below it),
 * plus rows of no bureau (failed logins of unknown users); or of one of those bureaus (`orgId`).
 * Business values in `detail` are reduced to field names (auditorDetail).
 */
export async function searchAudit(db: Db, scope: Scope, q: AuditFilter & { page?: number; pageSize?: number; orgId?: string }) {
  requirePerm(scope, 'audit.read');
  if (q.orgId !== undefined && !scope.manageOrgIds.includes(q.orgId)) throw notFound();
  const size = q.pageSize ?? 50;
  const page = await findAuditPage(
    db,
    q.orgId === undefined ? { orgIds: scope.manageOrgIds, orNone: true } : { orgIds: [q.orgId], orNone: false },
    { action: q.action, username: q.username, from: q.from, to: q.to },
    { limit: size, offset: ((q.page ?? 1) - 1) * size },
  );
  return { total: page.total, items: page.items.map((r) => ({ ...r, detail: auditorDetail(r.action, r.detail) })) };
}

/** The change history of one record the scope may read (deleted records included); "not found" otherwise. */
export async function recordHistory(db: Db, scope: Scope, recordId: string) {
  requirePerm(scope, 'ledger.read');
  if (!(await recordExists(db, scope.readOrgIds, recordId))) throw notFound();
  return findEntityHistory(db, recordId);
}
