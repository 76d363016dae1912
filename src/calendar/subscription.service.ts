/**
 * Calendar subscription: a per-user, revocable token in a URL, so a calendar app (Outlook, 苹果日历,
 * phone calendars) can fetch the user's ICS feed without a session cookie. The token is shown once
 * and only its SHA-256 is stored. Every feed request reads the account from the database and builds
 * its scope afresh, so a revoked or replaced token, a deactivated account or a role change takes
 * effect at once on every server. The token never enters the audit log.
 */
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { NewSubscription, SubscriptionStatus } from '../contract.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { notFound, unauthorized } from '../errors.ts';
import { tokenHash } from '../org/auth.service.ts';
import { isRole } from '../org/roles.ts';
import { buildScope, type Scope } from '../org/scope.ts';
import { nowIso } from '../util/time.ts';
import { calendarFeed } from './ics.ts';
import { SUBSCRIPTION_MSG } from './subscription.messages.ts';
import { deleteSubscription, findSubscriber, findSubscriptionOf, touchSubscription, upsertSubscription } from './subscription.repo.ts';

/** The path of a token's feed, below the server's origin. */
export const subscriptionPath = (token: string): string => `/api/calendar/subscribe/${token}.ics`;

/** The token's shape: 32 random bytes in base64url. Anything else is refused before the database. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** last_used_at is written at most this often, so hourly refreshes of many clients write little. */
const TOUCH_MS = 10 * 60_000;

export async function subscriptionStatus(db: Db, scope: Scope): Promise<SubscriptionStatus> {
  const row = await findSubscriptionOf(db, scope.userId);
  return { active: Boolean(row), createdAt: row?.created_at ?? null, lastUsedAt: row?.last_used_at ?? null };
}

/** Creates the caller's token, replacing any earlier one; the answer is the only place the token appears. */
export async function createSubscription(db: Db, scope: Scope, origin: string): Promise<NewSubscription> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = nowIso(scope.clock);
  await inTx(db, async (trx) => {
    const before = await findSubscriptionOf(trx, scope.userId);
    await upsertSubscription(trx, { user_id: scope.userId, token_hash: tokenHash(token), created_at: createdAt });
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: before ? 'calendar.subscription.replace' : 'calendar.subscription.create',
      entity: 'calendar_subscription',
      entityId: scope.userId,
      detail: { replacedCreatedAt: before?.created_at ?? null },
    });
  });
  const url = `${origin}${subscriptionPath(token)}`;
  return { url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }), createdAt };
}

export async function revokeSubscription(db: Db, scope: Scope): Promise<void> {
  await inTx(db, async (trx) => {
    if (!(await deleteSubscription(trx, scope.userId))) throw notFound(SUBSCRIPTION_MSG.noSubscription);
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'calendar.subscription.revoke',
      entity: 'calendar_subscription',
      entityId: scope.userId,
    });
  });
}

/** The ICS feed of the token's account with its current scope; 401 for an unknown, revoked or deactivated one. */
export async function subscribedFeed(db: Db, token: string, ip: string): Promise<string> {
  if (!TOKEN_RE.test(token)) throw unauthorized(SUBSCRIPTION_MSG.unknownToken);
  const hash = tokenHash(token);
  const row = await findSubscriber(db, hash);
  if (!row || !Number(row.active) || !isRole(row.role)) throw unauthorized(SUBSCRIPTION_MSG.unknownToken);
  const scope = await buildScope(db, { ...row, role: row.role }, ip);
  const now = nowIso(scope.clock);
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > TOUCH_MS) await touchSubscription(db, hash, now);
  return calendarFeed(db, scope);
}
