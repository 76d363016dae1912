/**
 * Every Chinese line the deadline engine (deadlines.ts, backward.ts) writes into a deadline's
 * explanation, in one place for review.
 */
export const DEADLINE_MSG = {
  startNotCounted: (start: string) => `起算日 ${start}（当日不计入）`,
  minimumWorkdays: (n: number, due: string) => `期间不少于 ${n} 个工作日：不早于 ${due}`,
  minimumDays: (n: number, unitCn: string, due: string) => `期间不少于 ${n} ${unitCn}：不早于 ${due}（最短期间不顺延）`,
  configured: (amount: number, unitCn: string, legal: number) => `本单位设定期限为 ${amount} ${unitCn}（法定默认 ${legal} ${unitCn}）`,
  legal: (amount: number, unitCn: string, basis: string) => `期限 ${amount} ${unitCn}（${basis}）`,
  restarted: (label: string, on: string) => `${label} ${on}，期限自该日重新起算`,
  awaiting: (label: string, on: string, restartLabel: string) =>
    `${label} ${on}，期限中止：自${restartLabel}之日起重新计算，等待补正期间不计时`,
  closedWhileAwaiting: (label: string, on: string) => `未收到补正申请，${label} ${on}，期限未重新起算`,
  extended: (n: number, unitCn: string) => `经批准延长 ${n} ${unitCn}`,
  extendedDays: (n: number, unitCn: string, by: string | null, on: string | null, max: number) =>
    `${by ? `经 ${by} ` : ''}${on ? `于 ${on} ` : ''}批准延长 ${n} ${unitCn}${by ? '' : '（审批人未登记）'}${n === max ? '' : `（最长 ${max} ${unitCn}）`}`,
  extensionCapped: (asked: number, max: number, unitCn: string) =>
    `登记的延长期限 ${asked} ${unitCn}超过法定最长 ${max} ${unitCn}，按 ${max} ${unitCn}计算`,
  paused: (label: string, n: number, unitCn: string) => `${label} ${n} ${unitCn}不计入期限`,
  pausedLegacy: (label: string, n: number, unitCn: string) => `${label} ${n} ${unitCn}不计入期限（旧版数据：只登记了天数，未登记起止日期）`,
  pausedDated: (from: string, to: string, n: number, unitCn: string) => `征求意见 ${from} 至 ${to}，共 ${n} ${unitCn}`,
  pausedOpen: (from: string, today: string, n: number, unitCn: string) =>
    `征求意见自 ${from} 起尚未结束，暂计至 ${today}，共 ${n} ${unitCn}`,
  pauseCounted: '，不计入期限',
  pauseCapped: (max: number, over: number, unitCn: string) =>
    `，其中 ${max} ${unitCn}不计入期限，超过的 ${over} ${unitCn}计入（被征求意见方应在 ${max} ${unitCn}内提出意见）`,
  done: (label: string, on: string, status: string) => `${label} ${on}，${status}`,
  planned: (label: string, on: string) => `${label} ${on} 尚未到来，按计划截止日期判断`,
  shortened: (label: string, reason: string) => `期间短于最短期间，已说明理由（${label}：${reason}）`,
  tooShort: (on: string, due: string) => `${on} 早于 ${due}，期间不足`,
  expiry: (label: string, on: string) => `${label} ${on}`,
  warn: (days: readonly number[]) => `提前 ${days.join('、')} 日提醒`,
  expired: (on: string) => `已于 ${on} 到期`,
  // Periods counted back from an event (backward.ts).
  backHead: (event: string, n: number) => `事件日 ${event}（当日不计入），向前按工作日计算 ${n} 个工作日`,
  backHeadDays: (event: string, n: number, last: string) => `事件日 ${event}（当日不计入），向前按自然日计算 ${n} 日为 ${last}`,
  backMakeup: (day: string) => `${day} 为调休上班日，计入`,
  backSkipped: (holiday: string, span: string) => `跳过 ${holiday} ${span}`,
  backLast: (n: number, day: string, weekday: string) => `向前第${n}个工作日为 ${day}（${weekday}），最迟应于该日完成`,
  backWorkday: (day: string, weekday: string) => `${day}（${weekday}）为工作日，最迟应于该日完成`,
  backMoved: (last: string, name: string, day: string, weekday: string) => `${last} 为休息日（${name}），提前至 ${day}（${weekday}）`,
  restDay: '休息日',
  weekdays: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  basisLine: (basis: string) => `依据：${basis}`,
  doneFallback: '办结',
} as const;
