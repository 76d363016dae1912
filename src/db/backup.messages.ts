/** Every sentence of backup and restore (errors name the table, and the row and column where there is one). */
export const BACKUP_MSG = {
  notGzip: '备份文件无法解压，可能已损坏或被截断',
  notJson: '备份文件不是有效的 JSON，可能已损坏或被截断',
  notOurs: '不是本系统的备份文件（格式标识不符）',
  unknownVersion: (v: string) => `备份文件的格式版本 ${v} 无法识别，请用生成它的版本恢复`,
  unsigned:
    '备份文件没有签名清单（旧版本的备份，或签名被去掉），无法确认未被改动，已拒绝恢复；确认文件来源可靠时，可加 --allow-unsigned 恢复（仍会校验审计日志哈希链）',
  badMac: '备份清单的签名不符：备份文件被改动过，已拒绝恢复，数据库未写入任何内容',
  wrongKey: (theirs: string, mine: string) =>
    `备份由另一部署密钥签名（备份中的密钥标识 ${theirs}，本机 ${mine}）：请使用备份时的 FAZHI_KEY_FILE 或 FAZHI_SECRET 恢复，数据库未写入任何内容`,
  tableMissing: (t: string) => `备份中缺少表 ${t}：备份文件被截断或改动过，已拒绝恢复`,
  tableExtra: (t: string) => `备份中的表 ${t} 不在签名清单中：备份文件被改动过，已拒绝恢复`,
  rowCount: (t: string, want: number, got: number) =>
    `表 ${t} 的行数与备份清单不符（清单 ${want} 行，文件中 ${got} 行）：备份文件被截断或改动过，已拒绝恢复`,
  digest: (t: string) => `表 ${t} 的内容与备份清单的摘要不符：备份文件被改动过，已拒绝恢复`,
  nul: (t: string, row: number, id: string, col: string) =>
    `表 ${t} 第 ${row} 行${id ? `（编号 ${id}）` : ''}的字段 ${col} 含有 PostgreSQL 无法保存的字符 U+0000，已拒绝恢复，数据库未写入任何内容；请在原系统中改正该字段后重新备份，或恢复到 SQLite`,
  newerVersion: (missing: string[]) => `备份来自较新的版本（缺少数据库迁移：${missing.join('、')}），请先升级本系统`,
  notEmpty: (t: string) => `目标数据库不是空的（表 ${t} 中已有数据）。恢复只能装入新建并已迁移的空数据库，以免覆盖现有数据`,
  unknownTable: (t: string) => `备份中的表 ${t} 在当前数据库中不存在`,
  chainBeforeBackup: (seq: number | null, reason: string | null) =>
    `审计日志哈希链校验失败（第 ${seq} 条：${reason}），已停止备份；请先由审计管理员核查`,
  chainAfterRestore: (seq: number | null, reason: string | null) =>
    `恢复后的审计日志哈希链校验失败（第 ${seq} 条：${reason}），已全部撤销，数据库保持为空`,
} as const;
