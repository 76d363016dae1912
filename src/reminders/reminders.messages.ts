/** Every Chinese sentence of reminders (messages sent, policy settings, the CLI's report), in one place for review. */
import type { ReminderAudience } from '../contract.ts';

export const AUDIENCE_CN: Record<ReminderAudience, string> = {
  owner: '承办人（未指定承办人时为承办科室人员）',
  unitHead: '科室负责人',
  officer: '法治专干',
  leader: '分管领导',
};

export const REMINDER_MSG = {
  tag: '期限提醒',
  title: (offset: number, label: string, due: string) =>
    offset < 0 ? `【临期】${label} ${due} 到期` : offset === 0 ? `【今日到期】${label} ${due} 到期` : `【逾期】${label} ${due} 已到期`,
  lines: (x: {
    record: string;
    label: string;
    basis: string;
    due: string;
    offset: number;
    to: ReminderAudience;
    remaining: number | null;
  }) =>
    [
      `事项：${x.record}`,
      `期限：${x.label}（${x.basis}）`,
      `届满日：${x.due}`,
      x.remaining === null
        ? ''
        : x.remaining > 0
          ? `剩余 ${x.remaining} 个工作日`
          : x.remaining === 0
            ? '今日届满'
            : `已逾期 ${-x.remaining} 个工作日`,
      x.offset > 0 && x.to !== 'owner' ? `逾期未办结，按提醒规则报送${AUDIENCE_CN[x.to]}督办` : '',
    ].filter((l) => l !== ''),
  deliverFailed: (why: string) => `外部渠道发送出错：${why}`,
  noChannel: '本单位未开启外部渠道',
  // policy settings
  unknownRule: '期限规则不存在',
  stepsRequired: '请求应包含 steps（提醒步骤列表）',
  stepsCount: (max: number) => `提醒步骤应为 1 至 ${max} 个`,
  offset: (min: number, max: number) =>
    `提醒时间应为整数个工作日，在届满日前 ${-min} 至届满日后 ${max} 个工作日之间（负数为届满前，0 为届满当日）`,
  audience: '提醒对象应为 owner（承办人）、unitHead（科室负责人）、officer（法治专干）或 leader（分管领导）',
  duplicate: (offset: number) => `提醒步骤重复：同一时间（${offset}）对同一对象只能有一步`,
  changedByCli: '系统（命令行）',
  // CLI
  runHeader: (today: string, dry: boolean) => (dry ? `${today} 将发送的提醒（试运行，不写入任何数据）：` : `${today} 已发送的提醒：`),
  runLine: (x: { title: string; record: string; step: string; to: string }) => `  ${x.title}｜${x.record}｜第 ${x.step} 步｜${x.to}`,
  runNone: '  （无）',
  jobDone: (items: number, people: number) => `期限提醒：已发送 ${items} 项，${people} 人次`,
  runTotal: (n: number, people: number) => `共 ${n} 项期限，${people} 人次`,
} as const;
