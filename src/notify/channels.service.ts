/**
 * A bureau's external channels as its 系统管理员 (org.manage) keeps them: 电子邮件 on/off, the 钉钉
 * group robot (webhook URL, optional 加签 secret) and the 企业微信 group robot (webhook URL), for its
 * own bureau or one below it. URLs and secrets are sealed before they reach the database and never
 * leave the server again (the page shows them masked); every change is audited in its transaction,
 * naming what changed, never the value. The test button sends one message on one channel now, at
 * most once per TEST_INTERVAL_SECONDS per bureau and channel (claimed in the database, so across
 * app servers), and is audited before and after sending.
 */
import { z } from 'zod';
import type { ChannelSettingsView } from '../contract.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest, notFound, tooManyRequests } from '../errors.ts';
import { sealSecret } from '../keys/secret-box.ts';
import { findOrgSummaries } from '../org/org.repo.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { nowIso } from '../util/time.ts';
import { CHANNEL_LABEL, CHANNEL_MSG as MSG } from './channels.messages.ts';
import { claimTestSlot, upsertChannelRow } from './channels.repo.ts';
import { type DelivererOptions, deliverOn, type LoadedChannels, loadChannels, sealedAad } from './deliverer.ts';
import type { DeliveryResult, ExternalChannel } from './outbound.ts';
import { checkWebhookUrl, maskWebhookUrl, type RobotChannel } from './webhook-url.ts';

export const TEST_INTERVAL_SECONDS = 30;

/** A 加签 secret: printable ASCII without spaces (钉钉 shows one starting with SEC). */
const SECRET_RE = /^[\x21-\x7e]{8,200}$/;

/**
 * A change of one channel. `url` and `secret`: absent keeps what is stored (the page never has it),
 * null or '' removes it, a value replaces it. E-mail takes `enabled` only.
 */
export const channelInput = z.object(
  {
    enabled: z.boolean({ error: MSG.bodyRequired }),
    url: z.string().trim().nullable().optional(),
    secret: z.string().trim().nullable().optional(),
  },
  { error: MSG.bodyRequired },
);
export type ChannelInput = z.infer<typeof channelInput>;

/** The bureau acted on: `orgId` when the admin administers it (its own by default); another is "not found". */
function pickOrg(scope: Scope, orgId: string | undefined): string {
  requirePerm(scope, 'org.manage');
  const id = orgId ?? scope.orgId;
  if (!scope.manageOrgIds.includes(id)) throw notFound(MSG.orgMissing);
  return id;
}

function view(cfg: Config, orgId: string, l: LoadedChannels): ChannelSettingsView {
  const robot = (c: RobotChannel) => ({
    enabled: l[c].enabled,
    maskedUrl: l[c].url ? maskWebhookUrl(c, l[c].url) : null,
    ...l.changes[c],
  });
  return {
    orgId,
    email: { enabled: l.email.enabled, smtpConfigured: cfg.smtp !== null, from: cfg.smtp?.from ?? null, ...l.changes.email },
    dingtalk: { ...robot('dingtalk'), hasSecret: l.dingtalk.secret !== null },
    wecom: robot('wecom'),
  };
}

/** The channels of a bureau the caller administers, URLs masked and secrets only as "set". */
export async function channelSettings(db: Db, cfg: Config, scope: Scope, orgId?: string): Promise<ChannelSettingsView> {
  const id = pickOrg(scope, orgId);
  return view(cfg, id, await loadChannels(db, id));
}

/** Sets one channel of a bureau the caller administers; refuses, whole, anything it cannot send to. */
export async function updateChannel(
  db: Db,
  cfg: Config,
  scope: Scope,
  channel: ExternalChannel,
  input: ChannelInput,
  orgId?: string,
): Promise<ChannelSettingsView> {
  const id = pickOrg(scope, orgId);
  const label = CHANNEL_LABEL[channel];
  if (channel === 'email') {
    if (input.enabled && !cfg.smtp) throw badRequest('enabled', MSG.smtpMissing);
  }
  return inTx(db, async (trx) => {
    const before = await loadChannels(trx, id);
    const at = nowIso(scope.clock);
    let detail: Record<string, unknown> = {
      channel,
      enabled: { from: channel === 'email' ? before.email.enabled : before[channel].enabled, to: input.enabled },
    };
    if (channel === 'email') {
      await upsertChannelRow(trx, {
        orgId: id,
        channel,
        enabled: input.enabled,
        urlSealed: null,
        secretSealed: null,
        updatedBy: scope.userId,
        updatedAt: at,
      });
    } else {
      const old = before[channel];
      let url = old.unreadable ? null : old.url;
      if (input.url !== undefined) {
        url = input.url ? input.url : null;
        if (url) {
          const checked = checkWebhookUrl(channel, url, cfg.webhookAllowedHosts);
          if (!checked.ok) throw badRequest('url', checked.reason);
        }
      }
      if (input.enabled && !url) throw badRequest('url', MSG.urlRequired(label));
      let secret = channel === 'dingtalk' && !old.unreadable ? old.secret : null;
      if (channel === 'dingtalk' && input.secret !== undefined) {
        secret = input.secret ? input.secret : null;
        if (secret && !SECRET_RE.test(secret)) throw badRequest('secret', MSG.secretInvalid);
      }
      if (secret && !url) throw badRequest('secret', MSG.secretWithoutUrl);
      await upsertChannelRow(trx, {
        orgId: id,
        channel,
        enabled: input.enabled,
        urlSealed: url ? sealSecret(url, sealedAad(id, channel, 'url')) : null,
        secretSealed: secret ? sealSecret(secret, sealedAad(id, channel, 'secret')) : null,
        updatedBy: scope.userId,
        updatedAt: at,
      });
      // What changed, never the value: the URL carries the robot's token.
      detail = {
        ...detail,
        url: url === old.url ? 'unchanged' : url ? 'replaced' : 'removed',
        host: url ? new URL(url).host : null,
        ...(channel === 'dingtalk' ? { secret: secret === old.secret ? 'unchanged' : secret ? 'replaced' : 'removed' } : {}),
      };
    }
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: id,
      ip: scope.ip,
      action: 'channel.update',
      entity: 'channel_setting',
      entityId: channel,
      detail,
    });
    return view(cfg, id, await loadChannels(trx, id));
  });
}

/** 2026-12-01 20:40 in Asia/Shanghai. */
function beijingMinute(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * Sends a test message on one channel of a bureau the caller administers, now, whether or not the
 * channel is turned on (so it can be tried before): e-mail to the caller's own address, a robot to
 * its group. Answers each target's result.
 */
export async function testChannel(
  db: Db,
  cfg: Config,
  scope: Scope,
  channel: ExternalChannel,
  orgId?: string,
  opts: DelivererOptions = {},
): Promise<DeliveryResult[]> {
  const id = pickOrg(scope, orgId);
  const label = CHANNEL_LABEL[channel];
  const loaded = await loadChannels(db, id);
  if (channel === 'email' && !cfg.smtp) throw badRequest(undefined, MSG.smtpMissing);
  if (channel !== 'email' && !loaded[channel].url && !loaded[channel].unreadable) throw badRequest(undefined, MSG.nothingToTest(label));
  const now = scope.clock.now();
  await inTx(db, async (trx) => {
    const notAfter = new Date(now.getTime() - TEST_INTERVAL_SECONDS * 1000).toISOString();
    if (!(await claimTestSlot(trx, id, channel, now.toISOString(), notAfter)))
      throw tooManyRequests(MSG.tooSoon(label, TEST_INTERVAL_SECONDS));
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: id,
      ip: scope.ip,
      action: 'channel.test',
      entity: 'channel_setting',
      entityId: channel,
      detail: { channel },
    });
  });
  const bureau = (await findOrgSummaries(db, [id]))[0]?.name ?? '';
  const results = await deliverOn(
    db,
    cfg,
    channel,
    loaded,
    {
      orgId: id,
      title: MSG.testTitle,
      text: MSG.testText(label, scope.displayName, bureau, beijingMinute(now)),
      link: null,
      recipients: [{ userId: scope.userId, displayName: scope.displayName }],
    },
    opts,
  );
  // The outcome is its own fact (the send happened outside any transaction); targets are masked already.
  await inTx(db, (trx) =>
    appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: id,
      ip: scope.ip,
      action: 'channel.test.result',
      entity: 'channel_setting',
      entityId: channel,
      success: results.length > 0 && results.every((r) => r.ok),
      detail: { channel, results },
    }),
  );
  return results;
}
