/**
 * E-mail over the deployment's SMTP server (Config.smtp) with nodemailer: one mail per recipient,
 * so no recipient sees another's address. A transport lives for one delivery only (nothing kept per
 * process); timeouts of a few seconds, no retries (the reminder log decides).
 */
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.ts';
import { CHANNEL_MSG as MSG } from './channels.messages.ts';
import type { OutboundMessage } from './outbound.ts';

export const SMTP_TIMEOUT_MS = 8000;

export type Mail = { to: string; subject: string; text: string };

/** The plain-text body: the message, the link on its own line, the footer. */
export function mailText(msg: Pick<OutboundMessage, 'text' | 'link'>): string {
  return [msg.text, ...(msg.link ? ['', MSG.linkLine(msg.link)] : []), '', MSG.mailFooter].join('\n');
}

/** Sends each mail; answers, in order, whether the server accepted it and its reply or why not. Never throws. */
export async function sendMails(
  smtp: SmtpConfig,
  mails: readonly Mail[],
  timeoutMs = SMTP_TIMEOUT_MS,
): Promise<Array<{ ok: boolean; detail: string }>> {
  if (mails.length === 0) return [];
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const out: Array<{ ok: boolean; detail: string }> = [];
    for (const m of mails) {
      try {
        const info = await transport.sendMail({ from: smtp.from, to: m.to, subject: m.subject, text: m.text });
        const rejected = info.rejected.length > 0;
        out.push(rejected ? { ok: false, detail: MSG.mailRefused(String(info.response ?? '')) } : { ok: true, detail: MSG.sent });
      } catch (e) {
        out.push({ ok: false, detail: MSG.mailRefused(e instanceof Error ? e.message : String(e)) });
      }
    }
    return out;
  } finally {
    transport.close();
  }
}
