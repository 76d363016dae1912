/** Every Chinese sentence of the per-bureau deadline settings, in one place for review. */
export const DEADLINE_SETTING_MSG = {
  unknownRule: '期限规则不存在，或该期限由法律统一规定、不能由本单位设定',
  amountNotInteger: (rule: string, unit: string) => `期限数值应为整数（${rule}，单位：${unit}）`,
  amountOutOfRange: (rule: string, min: number, max: number, unit: string) => `期限数值应在 ${min} 至 ${max} ${unit}之间（${rule}）`,
  amountType: '期限数值应为整数',
  bodyRequired: '请求应包含 amount（期限数值）',
  /** Shown as "who changed it" when the CLI wrote the value. */
  changedByCli: '系统（命令行）',
} as const;
