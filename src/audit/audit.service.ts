/**
 * The append-only, hash-chained audit log. Every write and every login goes through `appendAudit`,
 * inside the same transaction as the write. Rows are chained with HMAC-SHA256 under the audit subkey
 * of the deployment key (kept outside the database), so whoever owns only the database cannot
 * rewrite a row and rehash the rest; rows from before that (migration 0014) keep plain SHA-256 and
 * are covered by the first keyed row's link. The head row serialises appends (a row lock in
 * PostgreSQL, the write lock in SQLite), so the chain stays linear with many app servers.
 * Never update or delete audit rows: the database refuses it (triggers in migration 0001).
 */
import { createHash, createHmac } from 'node:crypto';
import type { ChainCheck } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { type DeploymentKeys, deploymentKeys } from '../keys/deployment-key.ts';
import { nowIso } from '../util/time.ts';
import { AUDIT_MSG, type ChainPart } from './audit.messages.ts';
import {
  advanceAuditHead,
  type AuditFilter,
  findAuditHead,
  findAuditPage,
  findAuditRow,
  findAuditRowsAfter,
  hasAuditRowsAfter,
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

function canonical(row: Hashed): string {
  return JSON.stringify([
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
}

/** The hash of a row of the early, unkeyed part of the chain (before migration 0014): plain SHA-256. */
export function legacyAuditHash(row: Hashed): string {
  return createHash('sha256').update(canonical(row)).digest('hex');
}

/** The hash of a row of the keyed chain: HMAC-SHA256 under the deployment's audit key. */
export function keyedAuditHash(row: Hashed, key: Buffer): string {
  return createHmac('sha256', key).update(canonical(row)).digest('hex');
}

export async function appendAudit(db: Db, e: AuditEntry): Promise<number> {
  const keys = deploymentKeys();
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
  const hash = keyedAuditHash(row, keys.audit);
  await insertAuditRow(db, { ...row, hash, key_id: keys.auditKeyId });
  await setAuditHeadHash(db, hash);
  return row.seq;
}

export type { ChainCheck };

/** Where a walk of the chain starts: the beginning, or a verified anchor. */
export type ChainStart = { seq: number; hash: string; keyedFrom: number | null };
export const CHAIN_START: ChainStart = { seq: 0, hash: '0'.repeat(64), keyedFrom: null };

export type ChainWalk = ChainCheck & {
  /** first row of the keyed chain (null: every row is from before it) */
  keyedFrom: number | null;
  /** the head the walk ended at */
  head: { seq: number; hash: string };
  wrongKey: boolean;
};

/**
 * Walks the chain from `start` to the head: each row's link to the one before, its hash (SHA-256 for
 * rows before the keyed chain, HMAC under the audit key from its first keyed row on, and no unkeyed
 * row after that), and that the head row matches the last row. A chain whose newest row was signed
 * under another key is reported once as a wrong key, not as a mismatch at every row.
 */
export async function walkAuditChain(db: Db, keys: DeploymentKeys = deploymentKeys(), start: ChainStart = CHAIN_START): Promise<ChainWalk> {
  const head = await findAuditHead(db);
  const headSeq = Number(head.seq);
  let keyedFrom = start.keyedFrom;
  const result = (checked: number, brokenAt: number | null, reason: string | null, part?: ChainPart, wrongKey = false): ChainWalk => ({
    ok: reason === null,
    checked,
    brokenAt,
    reason,
    ...(part ? { part } : {}),
    keyedFrom,
    head: { seq: headSeq, hash: head.hash },
    wrongKey,
  });
  const newest = headSeq > 0 ? await findAuditRow(db, headSeq) : undefined;
  if (newest?.key_id && newest.key_id !== keys.auditKeyId) {
    return result(0, null, AUDIT_MSG.wrongKey(newest.key_id, keys.auditKeyId), 'keyed', true);
  }
  let prev = start.hash;
  let checked = 0;
  let after = start.seq;
  for (;;) {
    const rows = await findAuditRowsAfter(db, after, headSeq, 2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      const part: ChainPart = r.key_id ? 'keyed' : 'legacy';
      if (!r.key_id && keyedFrom !== null) return result(checked, seq, AUDIT_MSG.unkeyedAfterKeyed, 'keyed');
      if (r.key_id && keyedFrom === null) keyedFrom = seq;
      if (r.prev_hash !== prev) return result(checked, seq, AUDIT_MSG.badLink(part), part);
      if (r.key_id && r.key_id !== keys.auditKeyId) return result(checked, seq, AUDIT_MSG.badKeyId, part);
      const fields = { ...r, seq, success: Number(r.success) };
      const expect = r.key_id ? keyedAuditHash(fields, keys.audit) : legacyAuditHash(fields);
      if (expect !== r.hash) return result(checked, seq, AUDIT_MSG.badHash(part), part);
      prev = r.hash;
      checked++;
      after = seq;
    }
  }
  // The head is read first and the rows up to it, so appends during the walk are not mistaken for
  // a broken tail; rows beyond the head all the same mean it was moved back.
  const beyondHead = (await hasAuditRowsAfter(db, headSeq)) && Number((await findAuditHead(db)).seq) === headSeq;
  if (head.hash !== prev || headSeq !== after || beyondHead) {
    return result(checked, after, AUDIT_MSG.tailMismatch, keyedFrom === null ? 'legacy' : 'keyed');
  }
  return result(checked, null, null);
}

/** Walks the whole chain; reports the first row whose hash or link does not match, and in which part. */
export async function verifyAuditChain(db: Db, keys?: DeploymentKeys): Promise<ChainCheck> {
  const { ok, checked, brokenAt, reason, part } = await walkAuditChain(db, keys);
  return { ok, checked, brokenAt, reason, ...(part ? { part } : {}) };
}

/**
 * Actions whose detail the 审计管理员 reads in full: accounts, sign-ins, sessions, bureaus and units,
 * backups; what they hold is who did what to which account, not business content. Every other
 * action (records, attachments, imports, reports, draws, settings: present and future) is shown with
 * the names of its fields only (三员分立: the auditor reads who, when, what, which record and which
 * fields, and the chain hashes; the values stay with the business users' record history).
 */
const FULL_DETAIL = /^(auth|user|session|org|unit|system)\./;

/** Keys of a detail that hold a content digest, not content. */
const HASH_KEY = /^(sha256|.*Hash|hash)$/;

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
  const d = parsed as Record<string, unknown>;
  // Content digests (a file's SHA-256) identify what was written without showing it: the auditor keeps them.
  const hashes = Object.fromEntries(Object.entries(d).filter(([k, v]) => HASH_KEY.test(k) && typeof v === 'string'));
  return JSON.stringify({ fields: fieldNames(action, d), ...hashes });
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
