/** A bureau's outbound channels (系统管理员): settings, and a test message per channel. */
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Router } from '../http/router.ts';
import { channelInput, channelSettings, TEST_INTERVAL_SECONDS, testChannel, updateChannel } from './channels.service.ts';
import { EXTERNAL_CHANNELS } from './deliverer.ts';
import type { ExternalChannel } from './outbound.ts';

const TAG = '消息渠道';

/** The bureau the page picks (one the admin administers; its own when absent). */
const orgQuery = z.object({ orgId: z.string().min(1).max(100).optional() });
const channelParams = z.object({
  channel: z.enum(EXTERNAL_CHANNELS as [ExternalChannel, ...ExternalChannel[]], { error: '渠道应为 email、dingtalk 或 wecom' }),
});

export function channelRoutes(r: Router, cfg: Config): void {
  r.add({
    method: 'GET',
    url: '/api/channels',
    summary: '本单位（或所管辖的下级单位）的消息渠道设置：电子邮件、钉钉群机器人、企业微信群机器人（地址只显示掩码）',
    tag: TAG,
    auth: 'org.manage',
    query: orgQuery,
    handler: async ({ db, scope, query }) => channelSettings(db, cfg, scope, query.orgId),
  });
  r.add({
    method: 'PUT',
    url: '/api/channels/:channel',
    summary: '设置一个消息渠道（启用与否、Webhook 地址、钉钉加签密钥；地址和密钥不填则保持不变）',
    tag: TAG,
    auth: 'org.manage',
    params: channelParams,
    query: orgQuery,
    body: channelInput,
    handler: async ({ db, scope, params, query, body }) => updateChannel(db, cfg, scope, params.channel, body, query.orgId),
  });
  r.add({
    method: 'POST',
    url: '/api/channels/:channel/test',
    summary: `立即发送一条测试消息（电子邮件发给本人），返回每个目标的发送结果；每个渠道 ${TEST_INTERVAL_SECONDS} 秒内限一次`,
    tag: TAG,
    auth: 'org.manage',
    params: channelParams,
    query: orgQuery,
    handler: async ({ db, scope, params, query }) => testChannel(db, cfg, scope, params.channel, query.orgId),
  });
}
