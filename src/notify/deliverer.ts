/**
 * The real Deliverer (outbound.ts): sends one message on every external channel a bureau has turned
 * on, reading the bureau's settings from the database at each send (no process cache: a change made
 * on one app server is used by all at once). Sealed URLs and secrets are opened only here, only for
 * the send, and never appear in a result: targets are e-mail addresses or masked robot URLs.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import { openSecret } from '../keys/secret-box.ts';
import { CHANNEL_LABEL, CHANNEL_MSG as MSG } from './channels.messages.ts';
import { findChannelRows, findEmails } from './channels.repo.ts';
import { mailText, sendMails } from './mailer.ts';
import type { Deliverer, DeliveryResult, ExternalChannel, OutboundMessage } from './outbound.ts';
import { dingtalkBody, postRobot, ROBOT_TIMEOUT_MS, signedUrl, wecomBody } from './robots.ts';
import { checkWebhookUrl, maskWebhookUrl, ROBOT_ENDPOINT, type RobotChannel } from './webhook-url.ts';

export const EXTERNAL_CHANNELS: readonly ExternalChannel[] = ['email', 'dingtalk', 'wecom'];

export function isExternalChannel(s: string): s is ExternalChannel {
  return (EXTERNAL_CHANNELS as readonly string[]).includes(s);
}

/** What a sealed value of a bureau's channel is bound to (see secret-box.ts). */
export const sealedAad = (orgId: string, channel: ExternalChannel, field: 'url' | 'secret'): string =>
  `channel_setting/${orgId}/${channel}/${field}`;

/** A robot's setting, opened. `unreadable`: something is stored but does not open under this deployment key. */
export type LoadedRobot = { enabled: boolean; url: string | null; secret: string | null; unreadable: boolean };
export type LoadedChannels = {
  email: { enabled: boolean };
  dingtalk: LoadedRobot;
  wecom: LoadedRobot;
  /** Who changed each channel last, and when. */
  changes: Record<ExternalChannel, { updatedAt: string | null; updatedBy: string | null }>;
};

/** One bureau's channel settings as stored now, sealed values opened. */
export async function loadChannels(db: Db, orgId: string): Promise<LoadedChannels> {
  const rows = new Map((await findChannelRows(db, orgId)).map((r) => [r.channel, r]));
  const robot = (channel: RobotChannel): LoadedRobot => {
    const r = rows.get(channel);
    const url = r?.urlSealed ? openSecret(r.urlSealed, sealedAad(orgId, channel, 'url')) : null;
    const secret = r?.secretSealed ? openSecret(r.secretSealed, sealedAad(orgId, channel, 'secret')) : null;
    const unreadable = Boolean((r?.urlSealed && url === null) || (r?.secretSealed && secret === null));
    return { enabled: Boolean(r?.enabled), url, secret, unreadable };
  };
  const change = (c: ExternalChannel) => ({ updatedAt: rows.get(c)?.updatedAt ?? null, updatedBy: rows.get(c)?.updatedByName ?? null });
  return {
    email: { enabled: Boolean(rows.get('email')?.enabled) },
    dingtalk: robot('dingtalk'),
    wecom: robot('wecom'),
    changes: { email: change('email'), dingtalk: change('dingtalk'), wecom: change('wecom') },
  };
}

export type DelivererOptions = {
  /** How long one robot POST may take (default ROBOT_TIMEOUT_MS). */
  robotTimeoutMs?: number;
  /** How long each SMTP step may take (default SMTP_TIMEOUT_MS). */
  smtpTimeoutMs?: number;
  /** The clock of the 钉钉 signature's timestamp (钉钉 refuses one more than an hour off its own). */
  now?: () => number;
};

async function sendEmail(db: Db, cfg: Config, msg: OutboundMessage, opts: DelivererOptions): Promise<DeliveryResult[]> {
  const emails = await findEmails(
    db,
    msg.recipients.map((r) => r.userId),
  );
  const results: DeliveryResult[] = [];
  const mails: Array<{ to: string; subject: string; text: string }> = [];
  const slots: number[] = [];
  for (const r of msg.recipients) {
    const to = emails.get(r.userId) ?? null;
    if (!to) {
      results.push({ channel: 'email', target: r.displayName, ok: false, detail: MSG.noAddress });
      continue;
    }
    if (!cfg.smtp) {
      results.push({ channel: 'email', target: to, ok: false, detail: MSG.noSmtp });
      continue;
    }
    slots.push(results.length);
    results.push({ channel: 'email', target: to, ok: false, detail: '' });
    mails.push({ to, subject: msg.title, text: mailText(msg) });
  }
  if (cfg.smtp && mails.length) {
    const sent = await sendMails(cfg.smtp, mails, opts.smtpTimeoutMs);
    slots.forEach((at, i) => {
      const s = sent[i];
      const r = results[at];
      if (s && r) results[at] = { ...r, ok: s.ok, detail: s.detail };
    });
  }
  return results;
}

async function sendRobot(
  cfg: Config,
  channel: RobotChannel,
  robot: LoadedRobot,
  msg: OutboundMessage,
  opts: DelivererOptions,
): Promise<DeliveryResult[]> {
  const label = CHANNEL_LABEL[channel];
  if (robot.unreadable || !robot.url) {
    return [{ channel, target: ROBOT_ENDPOINT[channel].host, ok: false, detail: MSG.sealedUnreadable(label) }];
  }
  const target = maskWebhookUrl(channel, robot.url);
  const checked = checkWebhookUrl(channel, robot.url, cfg.webhookAllowedHosts);
  if (!checked.ok) return [{ channel, target, ok: false, detail: MSG.notAllowedNow(label) }];
  const secret = channel === 'dingtalk' ? robot.secret : null;
  const url = signedUrl(checked.url, secret, (opts.now ?? Date.now)());
  const body = channel === 'dingtalk' ? dingtalkBody(msg) : wecomBody(msg);
  const token = checked.url.searchParams.get(ROBOT_ENDPOINT[channel].tokenParam) ?? '';
  const answer = await postRobot(channel, url, body, [token, secret ?? ''], opts.robotTimeoutMs ?? ROBOT_TIMEOUT_MS);
  return [{ channel, target, ...answer }];
}

/** Sends `msg` on one channel of the loaded settings, whether or not it is turned on (the test button). Never throws. */
export async function deliverOn(
  db: Db,
  cfg: Config,
  channel: ExternalChannel,
  loaded: LoadedChannels,
  msg: OutboundMessage,
  opts: DelivererOptions = {},
): Promise<DeliveryResult[]> {
  try {
    if (channel === 'email') return await sendEmail(db, cfg, msg, opts);
    return await sendRobot(cfg, channel, loaded[channel], msg, opts);
  } catch (e) {
    return [{ channel, target: CHANNEL_LABEL[channel], ok: false, detail: MSG.unexpected(e instanceof Error ? e.message : String(e)) }];
  }
}

/**
 * The Deliverer of the reminder engine: every channel the message's bureau has turned on, at once.
 * A bureau with none turned on gets an empty list. Throws only when the settings cannot be read.
 */
export function createChannelDeliverer(db: Db, cfg: Config, opts: DelivererOptions = {}): Deliverer {
  return async (msg) => {
    const loaded = await loadChannels(db, msg.orgId);
    const on = EXTERNAL_CHANNELS.filter((c) => (c === 'email' ? loaded.email.enabled : loaded[c].enabled));
    return (await Promise.all(on.map((c) => deliverOn(db, cfg, c, loaded, msg, opts)))).flat();
  };
}
