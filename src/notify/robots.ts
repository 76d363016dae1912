/**
 * The two group robots' wire formats and one POST each. No retries here: the reminder log decides
 * whether and when a failed step is sent again; a call gives up after a few seconds.
 *
 * 钉钉 自定义机器人 (https://open.dingtalk.com/document/robots/custom-robot-access and
 * …/robots/customize-robot-security-settings): POST JSON `{"msgtype":"markdown","markdown":{"title","text"}}`
 * to `https://oapi.dingtalk.com/robot/send?access_token=…`; with 加签 the URL also carries
 * `&timestamp=<ms>&sign=<urlencode(base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)))>`;
 * the answer is `{"errcode":0,"errmsg":"ok"}` on success, another errcode with errmsg otherwise
 * (e.g. 310000 签名不匹配 or 关键词不匹配). A robot takes at most 20 messages a minute.
 *
 * 企业微信 群机器人 (群机器人配置说明, https://developer.work.weixin.qq.com/document/path/91770): POST JSON
 * `{"msgtype":"markdown","markdown":{"content"}}` to `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`;
 * content at most 4096 bytes of UTF-8; the answer is `{"errcode":0,"errmsg":"ok"}` on success.
 */
import { createHmac } from 'node:crypto';
import { CHANNEL_LABEL, CHANNEL_MSG as MSG } from './channels.messages.ts';
import type { OutboundMessage } from './outbound.ts';
import type { RobotChannel } from './webhook-url.ts';

/** The UTF-8 byte budget of a robot's markdown: 企业微信 allows 4096, 钉钉 is kept to the same for one look. */
const MAX_MARKDOWN_BYTES = 4000;
export const ROBOT_TIMEOUT_MS = 5000;
/** At most this much of a foreign answer is quoted in a result. */
const MAX_ANSWER = 200;

/** `text` cut to `max` UTF-8 bytes on a character boundary, with a note when cut. */
function fitBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  const room = max - Buffer.byteLength(MSG.truncated, 'utf8');
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (used + n > room) break;
    out += ch;
    used += n;
  }
  return out + MSG.truncated;
}

/** The message as robot markdown: the title as a heading, each line its own paragraph, the link last. */
export function robotMarkdown(msg: Pick<OutboundMessage, 'title' | 'text' | 'link'>): string {
  const lines = msg.text.split('\n').filter((l) => l.trim() !== '');
  const link = msg.link ? [`[${MSG.openLink}](${msg.link})`] : [];
  return fitBytes([`### ${msg.title}`, ...lines, ...link].join('\n\n'), MAX_MARKDOWN_BYTES);
}

export function dingtalkBody(msg: Pick<OutboundMessage, 'title' | 'text' | 'link'>) {
  return { msgtype: 'markdown', markdown: { title: msg.title, text: robotMarkdown(msg) } } as const;
}

export function wecomBody(msg: Pick<OutboundMessage, 'title' | 'text' | 'link'>) {
  return { msgtype: 'markdown', markdown: { content: robotMarkdown(msg) } } as const;
}

/** 钉钉 加签: base64 of HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret` (URL-encoding is the caller's). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The URL to POST to: for a signed 钉钉 robot with `timestamp` and `sign` added (URLSearchParams URL-encodes the sign). */
export function signedUrl(url: URL, secret: string | null, nowMs: number): URL {
  const out = new URL(url);
  if (secret) {
    out.searchParams.set('timestamp', String(nowMs));
    out.searchParams.set('sign', dingtalkSign(secret, nowMs));
  }
  return out;
}

export type RobotAnswer = { ok: boolean; detail: string };

const quote = (s: string, secrets: readonly string[]): string => {
  let out = s.slice(0, MAX_ANSWER);
  // A relay may echo the request; the token or the secret must not reach a result, a page or the log.
  for (const x of secrets) if (x) out = out.split(x).join('****');
  return out;
};

/** The code of a failed connection (ECONNREFUSED, ENOTFOUND…) or the error's message. */
function reasonOf(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * POSTs `body` as JSON to `url` and reads the robot's answer. Never throws: every failure is an
 * answer with ok false and a Chinese detail. `hide` lists strings (token, secret) kept out of details.
 */
export async function postRobot(
  channel: RobotChannel,
  url: URL,
  body: unknown,
  hide: readonly string[],
  timeoutMs = ROBOT_TIMEOUT_MS,
): Promise<RobotAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: JSON.stringify(body),
      // see webhook-url.ts: an allowed host must not forward the request to another
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, detail: MSG.timeout(Math.round(timeoutMs / 1000)) };
    return { ok: false, detail: MSG.unreachable(quote(reasonOf(e), hide)) };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, detail: MSG.timeout(Math.round(timeoutMs / 1000)) };
    return { ok: false, detail: MSG.unreachable(quote(reasonOf(e), hide)) };
  }
  if (res.status < 200 || res.status >= 300) return { ok: false, detail: MSG.httpStatus(res.status) };
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { ok: false, detail: MSG.notJson };
  }
  if (answer === null || typeof answer !== 'object' || answer.errcode === undefined) return { ok: false, detail: MSG.notJson };
  const errmsg = typeof answer.errmsg === 'string' ? quote(answer.errmsg, hide) : '';
  if (answer.errcode === 0) return { ok: true, detail: MSG.robotOk(errmsg || 'ok') };
  return { ok: false, detail: MSG.robotError(CHANNEL_LABEL[channel], quote(String(answer.errcode), hide), errmsg) };
}
