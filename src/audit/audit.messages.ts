/** Every sentence the audit chain and its anchors say (verification results, CLI lines, the server log). */
import type { AuditChainPart } from '../contract.ts';

export type ChainPart = AuditChainPart;
export const PART: Record<ChainPart, string> = { legacy: '未加密钥的早期部分', keyed: '加密钥部分' };

export const AUDIT_MSG = {
  badLink: (part: ChainPart) => `${PART[part]}：与上一条记录的链接不一致`,
  badHash: (part: ChainPart) => `${PART[part]}：记录内容与哈希值不一致`,
  badKeyId: '加密钥部分：记录的密钥标识被改动',
  unkeyedAfterKeyed: '加密钥部分中出现了未加密钥的记录（记录被改写为早期格式）',
  wrongKey: (stored: string, mine: string) =>
    `本机的部署密钥与写入审计日志的密钥不同（日志中的密钥标识 ${stored}，本机 ${mine}）：请确认 FAZHI_KEY_FILE 或 FAZHI_SECRET 与写入这些记录的服务器相同`,
  tailMismatch: '链尾与记录不一致（可能有记录被删除）',
  anchorUnreadable: (line: number) => `锚点文件第 ${line} 行无法解析`,
  anchorBadMac: '锚点签名无效（锚点被改动，或部署密钥不同）',
  anchorAllBadMac: '全部锚点的签名都无效：本机的部署密钥可能与写入锚点的服务器不同',
  anchorMissingRow: (seq: number) => `第 ${seq} 条记录已不存在：审计日志的链尾被截断`,
  anchorHashChanged: (seq: number) => `第 ${seq} 条记录的哈希与锚点不符：记录被改写并重新计算了哈希`,
  anchorKeyedFrom: (anchored: number | null, now: number | null) =>
    `加密钥部分的起点与锚点不符（锚点记为第 ${anchored ?? '—'} 条，现在为第 ${now ?? '—'} 条）`,
  anchorChainBroken: (seq: number | null, reason: string | null) => `审计日志哈希链校验失败（第 ${seq} 条：${reason}），未写入锚点`,
  anchorWritten: (a: { seq: number; hash: string; at: string; mac: string }, file: string) =>
    `审计锚点：第 ${a.seq} 条 哈希 ${a.hash} 时间 ${a.at} 签名 ${a.mac}（已追加到 ${file}）`,
  anchorEmpty: '审计日志还没有记录，无需写入锚点',
  anchorUnchanged: (seq: number) => `审计日志自上次锚点（第 ${seq} 条）以来没有新记录，未写入新锚点`,
} as const;
