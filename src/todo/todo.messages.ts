/** The wording of 我的待办, in one place for review. */
export const TODO_MSG = {
  reportFinalize: (title: string) => `待定稿：${title}`,
  reportFinalizeDetail: (version: number, updatedBy: string | null) =>
    `草稿第 ${version} 版${updatedBy ? `，最近由${updatedBy}修改` : ''}；检查无误后定稿`,
  reportDraft: (title: string) => `报告草稿：${title}`,
  reportDraftDetail: (version: number) => `草稿第 ${version} 版，尚未定稿；请逐项检查，确认专干撰写的内容后提请领导定稿`,
  importFailed: (ledger: string, file: string) => `导入未成功：${ledger}（${file}）`,
  importFailedDetail: (detail: string) => `${detail}；未写入任何记录，修改文件后重新导入`,
  importFailedUnknown: '导入被拒绝',
  taskStart: (content: string) => `未启动的工作任务：${content}`,
  taskStartDetail: (deadline: string | null) => (deadline ? `完成时限 ${deadline}；开始推进后请更新完成情况` : '开始推进后请更新完成情况'),
  notice: (ledger: string) => `${ledger}需要处理`,
  locked: (name: string, username: string) => `账号已锁定：${name}（${username}）`,
  lockedDetail: (until: string) => `连续登录失败被锁定，至 ${until} 自动解除；核实本人后可解锁`,
  uncovered: (year: number) => `${year}年法定节假日安排尚未录入`,
  uncoveredDetail: (warning: string) => `${warning}；在“系统管理 → 年度放假安排”中录入通知并确认该年已完整录入后，此项消失`,
  anchorStale: (hours: number) => `审计日志已有 ${hours} 小时没有写入锚点`,
  anchorNone: (hours: number) => `审计日志尚未写入锚点（最早的记录已有 ${hours} 小时）`,
  anchorDetail: (rows: number) =>
    `${rows} 条审计记录尚未锚定到数据库之外，链尾被截断将无法发现；请检查服务器的定时任务，或用 fazhi audit anchor 立即写入`,
} as const;
