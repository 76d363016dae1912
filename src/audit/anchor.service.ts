/**
 * Anchors of the audit chain head: {seq, hash, at, keyedFrom} with an HMAC under the anchor subkey,
 * appended to a file outside the database (AUDIT_ANCHOR_FILE), printed to the server log, and copied
 * into `audit_anchor` for the auditor to see. Verification checks every anchor: its row must still be
 * there with the same hash, so cutting the tail of the log or rewriting and rehashing it is found
 * even by someone who cannot read the rows' MACs. Never anchor a chain that does not verify.
 */
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AnchorCheck, AnchorCheckItem, AnchorSource, AuditAnchorView, AuditVerification, ChainCheck } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { type DeploymentKeys, deploymentKeys } from '../keys/deployment-key.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { type Clock, nowIso, systemClock } from '../util/time.ts';
import { AUDIT_MSG } from './audit.messages.ts';
import { type AnchorRow, findAnchors, findAuditRow, findFirstKeyedSeq, insertAnchor } from './audit.repo.ts';
import { CHAIN_START, type ChainStart, walkAuditChain } from './audit.service.ts';

export type Anchor = { seq: number; hash: string; at: string; keyedFrom: number | null; mac: string };

export function anchorMac(keys: DeploymentKeys, a: Omit<Anchor, 'mac'>): string {
  return createHmac('sha256', keys.anchor)
    .update(JSON.stringify(['fazhi-audit-anchor', a.seq, a.hash, a.at, a.keyedFrom]))
    .digest('hex');
}

const fromRow = (r: AnchorRow): Anchor => ({
  seq: Number(r.seq),
  hash: r.hash,
  at: r.at,
  keyedFrom: r.keyed_from === null ? null : Number(r.keyed_from),
  mac: r.mac,
});

/** Appends one line and forces it to disk before the anchor counts as written. */
function appendLine(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${line}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The anchor in the database a walk may start from: the newest whose MAC holds and whose row still has its hash. */
async function lastGoodAnchor(db: Db, keys: DeploymentKeys): Promise<ChainStart> {
  for (const a of (await findAnchors(db, 10)).map(fromRow)) {
    if (a.mac !== anchorMac(keys, a)) continue;
    const row = await findAuditRow(db, a.seq);
    if (row?.hash === a.hash) return { seq: a.seq, hash: a.hash, keyedFrom: a.keyedFrom };
  }
  return CHAIN_START;
}

export type AnchorOutcome = { anchor: Anchor | null; message: string; ok: boolean };

/**
 * Anchors the current head: verifies the rows since the last good anchor (all of them the first
 * time), then writes the anchor to the file, the log and the database. Nothing is written when the
 * chain does not verify, when it is empty, or when the head has not moved since the last anchor.
 */
export async function writeAnchor(
  db: Db,
  opts: { file: string; writtenBy: string; log?: (line: string) => void; keys?: DeploymentKeys; clock?: Clock },
): Promise<AnchorOutcome> {
  const keys = opts.keys ?? deploymentKeys();
  const start = await lastGoodAnchor(db, keys);
  const walk = await walkAuditChain(db, keys, start);
  if (!walk.ok) {
    const message = AUDIT_MSG.anchorChainBroken(walk.brokenAt, walk.reason);
    opts.log?.(message);
    return { anchor: null, message, ok: false };
  }
  if (walk.head.seq === 0) return { anchor: null, message: AUDIT_MSG.anchorEmpty, ok: true };
  if (start.seq === walk.head.seq) return { anchor: null, message: AUDIT_MSG.anchorUnchanged(start.seq), ok: true };
  const body = { seq: walk.head.seq, hash: walk.head.hash, at: nowIso(opts.clock ?? systemClock), keyedFrom: walk.keyedFrom };
  const anchor: Anchor = { ...body, mac: anchorMac(keys, body) };
  appendLine(opts.file, JSON.stringify(anchor));
  await insertAnchor(db, {
    id: randomUUID(),
    seq: anchor.seq,
    hash: anchor.hash,
    at: anchor.at,
    keyed_from: anchor.keyedFrom,
    mac: anchor.mac,
    written_by: opts.writtenBy,
  });
  const message = AUDIT_MSG.anchorWritten(anchor, opts.file);
  opts.log?.(message);
  return { anchor, message, ok: true };
}

const LISTED = 20;

/** Reads the anchor file; a line that is not an anchor is reported, not skipped. */
function readAnchorFile(file: string): { found: boolean; anchors: Anchor[]; unreadable: number[] } {
  if (!fs.existsSync(file)) return { found: false, anchors: [], unreadable: [] };
  const anchors: Anchor[] = [];
  const unreadable: number[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const a = JSON.parse(line) as Anchor;
        if (typeof a.seq !== 'number' || typeof a.hash !== 'string' || typeof a.at !== 'string' || typeof a.mac !== 'string')
          throw new Error();
        anchors.push({ seq: a.seq, hash: a.hash, at: a.at, keyedFrom: a.keyedFrom ?? null, mac: a.mac });
      } catch {
        unreadable.push(i + 1);
      }
    });
  return { found: true, anchors, unreadable };
}

/**
 * Checks every anchor of the file and of the database: its MAC, that its row still exists with the
 * anchored hash, and that the keyed chain still begins where it began.
 */
export async function verifyAnchors(db: Db, file: string, keys: DeploymentKeys = deploymentKeys()): Promise<AnchorCheck> {
  const fromFile = readAnchorFile(file);
  const byMac = new Map<string, { a: Anchor; sources: AnchorSource[] }>();
  for (const a of fromFile.anchors) byMac.set(a.mac, { a, sources: ['file'] });
  for (const a of (await findAnchors(db)).map(fromRow)) {
    const seen = byMac.get(a.mac);
    if (seen) seen.sources.push('database');
    else byMac.set(a.mac, { a, sources: ['database'] });
  }
  const keyedFrom = await findFirstKeyedSeq(db);
  const items: AnchorCheckItem[] = [];
  for (const { a, sources } of byMac.values()) {
    let reason: string | null = null;
    if (a.mac !== anchorMac(keys, a)) reason = AUDIT_MSG.anchorBadMac;
    else {
      const row = await findAuditRow(db, a.seq);
      if (!row) reason = AUDIT_MSG.anchorMissingRow(a.seq);
      else if (row.hash !== a.hash) reason = AUDIT_MSG.anchorHashChanged(a.seq);
      else if (a.keyedFrom !== null && a.keyedFrom !== keyedFrom) reason = AUDIT_MSG.anchorKeyedFrom(a.keyedFrom, keyedFrom);
    }
    items.push({ seq: a.seq, hash: a.hash, at: a.at, sources, ok: reason === null, reason });
  }
  for (const line of fromFile.unreadable) {
    items.push({ seq: 0, hash: '', at: '', sources: ['file'], ok: false, reason: AUDIT_MSG.anchorUnreadable(line) });
  }
  items.sort((x, y) => y.at.localeCompare(x.at) || y.seq - x.seq);
  let failures = items.filter((i) => !i.ok);
  // Every MAC failing is one fact (another key), not one finding per anchor.
  if (failures.length > 1 && failures.length === items.length && failures.every((f) => f.reason === AUDIT_MSG.anchorBadMac)) {
    failures = [{ ...failures[0], reason: AUDIT_MSG.anchorAllBadMac }];
  }
  return {
    ok: failures.length === 0,
    file,
    fileFound: fromFile.found,
    checked: byMac.size,
    newest: items.find((i) => i.ok) ?? null,
    items: items.slice(0, LISTED),
    failures,
  };
}

/**
 * The whole check `fazhi audit verify` and /api/audit/verify give: the chain, then the anchors.
 * `ok` is both; a wrong key is said once and the anchors are not checked against it.
 */
export async function verifyAudit(db: Db, anchorFile: string, keys: DeploymentKeys = deploymentKeys()): Promise<AuditVerification> {
  const walk = await walkAuditChain(db, keys);
  const chain: ChainCheck = {
    ok: walk.ok,
    checked: walk.checked,
    brokenAt: walk.brokenAt,
    reason: walk.reason,
    ...(walk.part ? { part: walk.part } : {}),
  };
  const anchors = walk.wrongKey ? null : await verifyAnchors(db, anchorFile, keys);
  return { ...chain, ok: walk.ok && (anchors?.ok ?? false), chainOk: walk.ok, keyedFrom: walk.keyedFrom, anchors };
}

/** The latest anchors, for the auditor's page. */
export async function listAnchors(db: Db, scope: Scope): Promise<AuditAnchorView[]> {
  requirePerm(scope, 'audit.read');
  return (await findAnchors(db, LISTED)).map((r) => {
    const { mac: _mac, ...a } = fromRow(r);
    return { ...a, writtenBy: r.written_by };
  });
}
