/**
 * The seam between the reminder engine (who is told what, when, and the record of it) and the
 * outbound channels (e-mail over SMTP, DingTalk and WeCom group robots). The engine decides and
 * records; a Deliverer sends one message on the bureau's configured channels and says, per channel
 * and target, whether it went. In-app notifications are written by the engine itself.
 */

export type ExternalChannel = 'email' | 'dingtalk' | 'wecom';

export type OutboundRecipient = { userId: string; displayName: string };

export type OutboundMessage = {
  /** The bureau whose channel settings apply. */
  orgId: string;
  /** One line, e.g. "【临期】依申请公开答复期限 2026-12-04 到期". */
  title: string;
  /** Plain Chinese text, several lines; channels may render it as markdown. */
  text: string;
  /** Absolute link to the record or page in the web app, when there is one. */
  link: string | null;
  /** People the message is for: e-mail goes to each one's address; group robots @-mention nobody. */
  recipients: readonly OutboundRecipient[];
};

export type DeliveryResult = {
  channel: ExternalChannel;
  /** Where it went, safe to show and store (an e-mail address, or the robot's host with its token masked). */
  target: string;
  ok: boolean;
  /** Chinese: the server's answer or why it failed. */
  detail: string;
};

/** Sends one message on every channel the bureau has turned on; never throws for a channel failure. */
export type Deliverer = (msg: OutboundMessage) => Promise<DeliveryResult[]>;
