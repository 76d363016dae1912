/** Every Chinese sentence of the outbound channels (settings, test button, delivery results), in one place for review. */
export const CHANNEL_LABEL = { email: '电子邮件', dingtalk: '钉钉群机器人', wecom: '企业微信群机器人' } as const;

export const CHANNEL_MSG = {
  orgMissing: '单位不存在',
  bodyRequired: '请求内容有误：应包含 enabled（是否启用）',
  urlRequired: (channel: string) => `启用${channel}前请填写 Webhook 地址`,
  urlInvalid: (channel: string) => `${channel}的 Webhook 地址不是有效的网址`,
  urlTooLong: (channel: string) => `${channel}的 Webhook 地址过长（最多 500 个字符）`,
  urlCredentials: (channel: string) => `${channel}的 Webhook 地址不能包含用户名、密码或“#”后的片段`,
  hostNotAllowed: (channel: string, host: string) =>
    `${channel}的 Webhook 地址只能是 https://${host} 开头的官方地址；为防止服务器被用来访问内网（SSRF），其他主机须由部署运维人员在 WEBHOOK_ALLOWED_HOSTS 中明确允许`,
  pathWrong: (channel: string, example: string) => `${channel}的 Webhook 地址格式不对，应形如 ${example}（请从群机器人设置中完整复制）`,
  secretInvalid: '加签密钥应为 8 至 200 个可见字符、不含空格（钉钉群机器人“加签”设置中以 SEC 开头的字符串）',
  secretWithoutUrl: '请先填写钉钉群机器人的 Webhook 地址，再设置加签密钥',
  smtpMissing: '本部署未配置邮件服务器（SMTP_URL 或 SMTP_HOST），不能启用电子邮件提醒；请联系部署运维人员配置',
  nothingToTest: (channel: string) => `${channel}尚未设置，无法发送测试消息`,
  tooSoon: (channel: string, seconds: number) => `${channel}的测试消息每 ${seconds} 秒只能发送一次，请稍后再试`,
  maskedInvalid: (host: string) => `${host}（地址无效）`,

  // Test messages
  testTitle: '【测试】法治民政工作台消息测试',
  testText: (channel: string, who: string, bureau: string, at: string) =>
    `这是一条测试消息，用于确认本单位的${channel}设置正确。\n发送人：${who}（${bureau}）\n发送时间：${at}\n收到即表示设置可用，无需回复。`,

  // Delivery results (DeliveryResult.detail)
  sent: '已发送',
  robotOk: (answer: string) => `已发送（对方答复：${answer}）`,
  noAddress: '该用户未填写电子邮箱，未发送',
  noSmtp: '本部署未配置邮件服务器（SMTP），未发送',
  mailRefused: (why: string) => `邮件服务器拒绝或发送失败：${why}`,
  sealedUnreadable: (channel: string) => `${channel}的地址或密钥无法解密（部署密钥可能已更换），请系统管理员重新填写`,
  notAllowedNow: (channel: string) => `${channel}的地址已不在本部署允许的范围内，未发送；请系统管理员重新填写`,
  timeout: (seconds: number) => `连接超时（${seconds} 秒内无应答），未确认送达`,
  unreachable: (why: string) => `无法连接对方服务器（${why}）`,
  httpStatus: (status: number) => `对方服务器答复 HTTP ${status}，未送达`,
  notJson: '对方服务器的答复不是机器人接口的格式，未确认送达',
  robotError: (channel: string, code: string, msg: string) => `${channel}返回错误 ${code}：${msg || '（无说明）'}`,
  unexpected: (why: string) => `发送失败：${why}`,

  // E-mail
  mailFooter: '（本邮件由法治民政工作台自动发送，请勿直接回复。）',
  openLink: '打开',
  linkLine: (link: string) => `详情：${link}`,
  truncated: '……（内容过长，已截断，请在系统中查看全文）',
} as const;
