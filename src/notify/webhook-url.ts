/**
 * Which robot webhook URLs the server will ever POST to, and how one is shown.
 *
 * Why an allow-list (SSRF): the server makes a request to whatever URL a 系统管理员 stores, and the
 * test button shows the answer. Without a fixed list, an admin (or whoever holds an admin's session)
 * could make the server reach what only it can reach: the database port, a cloud metadata address
 * (169.254.169.254), intranet admin pages, and read their answers back. So by default only the two
 * official hosts, over https on the default port, with the robots' own paths; redirects are never
 * followed (robots.ts), so an allowed host cannot forward the request elsewhere. Other hosts (a
 * government intranet relay, the tests' loopback receiver) only when the deployment's operator, who
 * already controls the network, lists them in WEBHOOK_ALLOWED_HOSTS; those may also use http.
 * The check runs when the URL is saved and again before each send, so narrowing the list takes
 * effect on stored URLs too.
 */
import { CHANNEL_LABEL, CHANNEL_MSG as MSG } from './channels.messages.ts';

export type RobotChannel = 'dingtalk' | 'wecom';

/** Each robot's official endpoint (钉钉 自定义机器人; 企业微信 群机器人) and the query parameter holding its token. */
export const ROBOT_ENDPOINT: Record<RobotChannel, { host: string; path: string; tokenParam: string }> = {
  dingtalk: { host: 'oapi.dingtalk.com', path: '/robot/send', tokenParam: 'access_token' },
  wecom: { host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', tokenParam: 'key' },
};

export const MAX_URL_LENGTH = 500;

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Whether `raw` is a webhook URL of `channel` this deployment may send to (`allowedHosts`: Config.webhookAllowedHosts). */
export function checkWebhookUrl(channel: RobotChannel, raw: string, allowedHosts: readonly string[]): UrlCheck {
  const label = CHANNEL_LABEL[channel];
  const ep = ROBOT_ENDPOINT[channel];
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: MSG.urlTooLong(label) };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: MSG.urlInvalid(label) };
  }
  if (url.username || url.password || url.hash) return { ok: false, reason: MSG.urlCredentials(label) };
  const official = url.protocol === 'https:' && url.hostname === ep.host && url.port === '';
  // `url.host` is lower case and carries the port only when it is not the protocol's default.
  const listed =
    (url.protocol === 'https:' || url.protocol === 'http:') && (allowedHosts.includes(url.host) || allowedHosts.includes(url.hostname));
  if (!official && !listed) return { ok: false, reason: MSG.hostNotAllowed(label, ep.host) };
  if (url.pathname !== ep.path || !url.searchParams.get(ep.tokenParam)) {
    return { ok: false, reason: MSG.pathWrong(label, `https://${ep.host}${ep.path}?${ep.tokenParam}=…`) };
  }
  return { ok: true, url };
}

/** The URL as it may be shown and stored in results: host and path, the token's last 4 characters only. */
export function maskWebhookUrl(channel: RobotChannel, raw: string): string {
  const ep = ROBOT_ENDPOINT[channel];
  try {
    const url = new URL(raw);
    const token = url.searchParams.get(ep.tokenParam) ?? '';
    const tail = token.length >= 12 ? token.slice(-4) : '';
    return `${url.host}${url.pathname}?${ep.tokenParam}=****${tail}`;
  } catch {
    return MSG.maskedInvalid(ep.host);
  }
}
