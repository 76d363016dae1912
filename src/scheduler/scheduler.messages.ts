/** What the scheduler writes to the server log. */
export const SCHEDULER_MSG = {
  jobFailed: (job: string, why: string) => `定时任务 ${job} 执行失败：${why}`,
  tickFailed: (why: string) => `定时任务调度失败（将在下一轮重试）：${why}`,
} as const;
