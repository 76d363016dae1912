/** Chinese wording shared by several pages, kept in one place for review. */

export const APP_NAME = '法治民政工作台';

/** Ledger areas in menu order. */
export const MODULES: ReadonlyArray<{ key: string; label: string }> = [
  { key: 'org', label: '组织与人员' },
  { key: 'plan', label: '计划与整改' },
  { key: 'study', label: '学法用法' },
  { key: 'publicity', label: '普法宣传' },
  { key: 'decision', label: '依法决策' },
  { key: 'adviser', label: '法律顾问' },
  { key: 'normdoc', label: '规范性文件' },
  { key: 'disclosure', label: '政务公开' },
  { key: 'oversight', label: '监督与救济' },
  { key: 'enforcement', label: '行政执法' },
  { key: 'results', label: '工作成效' },
  { key: 'law', label: '法律法规库' },
];

/** The button that shows the menu on a phone. */
export const MENU_LABEL = '菜单';

export function moduleLabel(key: string): string {
  return MODULES.find((m) => m.key === key)?.label ?? '其他';
}

export function moduleOrder(key: string): number {
  const i = MODULES.findIndex((m) => m.key === key);
  return i < 0 ? MODULES.length : i;
}

export const ROLE_LABELS: Record<string, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  officer: '法治专干',
  staff: '科室人员',
  leader: '领导',
};

export const ORG_LEVELS: Record<string, string> = { province: '省级', city: '市级', county: '县级' };
/** Province above city above county: the levels a new bureau under a parent of that level may have. */
export const LEVEL_RANK: Record<string, number> = { province: 0, city: 1, county: 2 };

/** Wording of the administration pages (系统管理, 安全管理, 审计日志). */
export const ADMIN_MSG = {
  allBureaus: '全部（本单位及下级单位）',
  bureau: '单位',
  oneTimeTitle: '一次性密码（只显示这一次）',
  oneTimeNote: '请把这个密码当面或通过安全渠道交给用户本人。它只能用于首次登录，用户登录后必须立即修改；关闭本窗口后无法再次查看。',
  oneTimeAccount: (username: string, name: string) => `账号：${username}（${name}）`,
  generatedNote: '初始密码由系统生成，创建后只显示一次',
  mustChange: '待改密码',
  resetConfirm: (name: string) => `确定重置“${name}”的密码吗？系统将生成一次性密码，并结束该用户所有会话。`,
  sessions: '会话',
  sessionsTitle: (name: string) => `“${name}”的会话`,
  sessionCreated: '登录时间',
  sessionSeen: '最近活动',
  sessionIp: '地址',
  endOne: '结束',
  endAll: '结束全部会话',
  endAllConfirm: '确定结束该用户的全部会话吗？用户须重新登录。',
  ended: (n: number) => `已结束 ${n} 个会话`,
  noSessions: '该用户当前没有会话',
  factorOn: '已绑定验证器',
  resetFactor: '重置双因素',
  resetFactorConfirm: (name: string) =>
    `确定重置“${name}”的双因素认证吗？用于手机丢失等情形：原验证器和恢复码作废，该用户的会话结束，下次登录时须重新绑定验证器 App。`,
  resetFactorOk: '双因素认证已重置，用户下次登录时重新绑定',
  createAdmin: '新建三员账号',
  createAdminNote: '安全管理员只能创建系统管理员和审计管理员账号（三员分立、专职）',
  edit: '编辑',
  editTitle: (name: string) => `编辑用户：${name}`,
  businessOnly: '只能调整业务账号（法治专干、科室人员、领导）之间的角色；三员账号不能改为业务账号',
  email: '电子邮箱',
  emailExtra: '期限提醒的电子邮件发往此地址；可留空',
  auditRedacted: '审计日志中业务记录只显示改动的字段名，不显示字段内容；字段内容由业务人员在记录的修改历史中查看。',
} as const;

export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login_failed': '登录失败',
  'auth.login.step': '登录验证步骤',
  'auth.lock': '账户锁定',
  'auth.unlock': '解除锁定',
  'auth.2fa.enrol': '启用双因素认证',
  'auth.2fa.disable': '停用双因素认证',
  'auth.2fa.reset': '重置双因素认证',
  'auth.2fa.recovery': '重新生成恢复码',
  'record.create': '新增记录',
  'record.update': '修改记录',
  'record.delete': '删除记录',
  'record.import': '导入记录',
  'record.unlink': '解除记录引用',
  'ledger.upgrade': '升级台账数据格式',
  'deadline_setting.set': '修改期限设置',
  'deadline_setting.reset': '恢复默认期限',
  'user.create': '新建用户',
  'user.security': '安全设置',
  'user.update': '修改用户',
  'user.email': '修改本人电子邮箱',
  'channel.update': '修改消息渠道设置',
  'channel.test': '发送测试消息',
  'channel.test.result': '测试消息发送结果',
  'session.end': '结束会话',
  'user.password': '修改密码',
  'org.create': '新建单位',
  'unit.create': '新建科室',
  'unit.head': '指定科室负责人',
  'reminder_policy.set': '修改提醒规则',
  'reminder_policy.reset': '恢复默认提醒规则',
  'attachment.create': '上传附件',
  'attachment.delete': '删除附件',
  'calendar.override.create': '新增节假日调整',
  'calendar.override.update': '修改节假日调整',
  'calendar.override.delete': '删除节假日调整',
  'calendar.year.import': '录入年度放假安排',
  'calendar.year.complete': '确认年度放假安排已完整录入',
  'calendar.year.reopen': '取消年度放假安排的完整确认',
  'calendar.subscription.create': '开启日历订阅',
  'calendar.subscription.replace': '更换日历订阅链接',
  'calendar.subscription.revoke': '停止日历订阅',
  'draw.verify': '验证摇号结果',
  'report.create': '生成报告',
  'report.regenerate': '重新生成报告（新版本）',
  'report.update': '修改报告',
  'report.refresh': '刷新报告数据',
  'report.confirm': '确认报告内容',
  'report.settings': '修改报告设置',
  'report.finalize': '报告定稿',
  'report.supersede': '定稿被新定稿取代',
  'system.backup': '备份数据',
  'system.restore': '恢复数据',
};

export const AUDIT_ENTITIES: Record<string, string> = {
  app_user: '用户',
  session: '登录会话',
  org: '单位',
  unit: '科室',
  attachment: '附件',
  calendar_override: '节假日调整',
  channel_setting: '消息渠道',
  calendar_year: '年度放假安排',
  report_draft: '报告',
  database: '数据库',
};

export function actionLabel(a: string): string {
  return AUDIT_ACTIONS[a] ?? `其他操作（${a}）`;
}

export const DEADLINE_STATUS: Record<string, string> = { open: '未办结', overdue: '已逾期', done: '已办结', all: '全部' };

export const UNIT_KINDS = ['科室', '事业单位', '乡镇'] as const;

export const FIELD_REQUIRED = (label: string) => `${label}不能为空`;

/** Counts of an import or its dry run, as the server reports them. */
export type ImportCounts = { created: number; updated: number; unchanged: number; duplicates: number; count: number };

/** Wording of the Excel import dialog. */
export const IMPORT_MSG = {
  counts: (r: ImportCounts) => `新增 ${r.created} 条，更新 ${r.updated} 条，未变 ${r.unchanged} 条，疑似重复 ${r.duplicates} 条`,
  confirmTitle: '确认导入',
  confirm: (file: string, r: ImportCounts) => `文件“${file}”检查通过，共 ${r.count} 条记录：${IMPORT_MSG.counts(r)}。确定导入吗？`,
  duplicatesHint: '疑似重复：标题和日期（或年度）与本单位已有记录或文件中另一新增行相同，请确认不是重复填报。',
  ok: '确定导入',
  cancel: '取消',
  nothingTitle: '没有需要导入的内容',
  nothing: (file: string, r: ImportCounts) => `文件“${file}”中的 ${r.count} 条记录与现有记录完全相同，未作任何修改。`,
  done: (r: ImportCounts) => `导入完成：${IMPORT_MSG.counts(r)}`,
  failedTitle: '导入失败，未导入任何记录',
  checkFailedTitle: '文件检查未通过，未导入任何记录',
  errorCount: (n: number) => `共 ${n} 处有误：`,
  line: (e: { row?: number; message: string }) => (e.row === undefined ? e.message : `第${e.row}行：${e.message}`),
  progressTitle: (file: string, dryRun: boolean) => `${dryRun ? '正在检查' : '正在导入'}“${file}”`,
  phase: {
    reading: (done: number) => `正在读取文件：已读 ${done} 行`,
    checking: (total: number) => `正在逐行检查 ${total} 行`,
    writing: (done: number, total: number) => `正在写入：${done} / ${total} 条`,
  },
  progressHint: '大文件需要一些时间，请勿关闭页面；导入全部成功或全部不写入。',
  lost: '导入任务状态未知，请刷新页面后查看台账',
};

/** Form rules generated from a field's limits (same wording as the server's messages). */
export const FIELD_RULE_MSG = {
  maxLength: (label: string, n: number) => `${label}不能超过${n}字`,
  min: (label: string, n: number) => `${label}不能小于${n}`,
  max: (label: string, n: number) => `${label}不能大于${n}`,
};

/** Wording of the record picker of a reference field and of a record's links. */
export const REF_MSG = {
  placeholder: (ledgers: string) => `搜索并选择${ledgers}中的记录`,
  placeholderMany: (ledgers: string) => `搜索并选择${ledgers}中的记录（可多选）`,
  searching: '正在搜索…',
  noMatch: '没有找到匹配的记录',
  unknown: '（记录不存在或无权查看）',
  outgoing: '关联记录',
  incoming: '被引用',
  noOutgoing: '本记录未关联其他记录',
  noIncoming: '暂无其他记录引用本记录',
  openFailed: '无法打开该记录',
};

/** Wording of the 普法责任清单覆盖情况 page. */
export const COVERAGE_MSG = {
  menu: '普法责任清单覆盖情况',
  crumb: '台账',
  title: '普法责任清单覆盖情况',
  intro: '统计每项普法责任清单事项本年度被多少次普法宣传活动落实；尚无宣传活动的事项排在前面并标红。',
  year: '年度',
  yearOption: (y: number) => `${y}年`,
  summary: (total: number, uncovered: number) => `共${total}项，${uncovered}项本年度尚无宣传活动`,
  allCovered: '各项普法责任清单事项本年度均已开展宣传活动',
  law: '法律法规',
  unit: '责任科室',
  activities: '本年度宣传活动',
  activitiesCount: (n: number) => `${n}次`,
  status: '情况',
  gap: '尚无宣传活动',
  covered: '已开展',
  empty: '尚未建立普法责任清单',
  toLedger: '查看普法责任清单',
};

/** The law library pages (法规查阅). */
export const LAWS_MSG = {
  menu: '法规查阅',
  crumb: '法律法规库',
  title: '法规查阅',
  intro: '查阅本单位法律法规库中的法律法规全文，可按名称和条文内容检索。',
  searchPlaceholder: '输入法规名称或条文中的词语，如：最低生活保障',
  search: '检索',
  clear: '返回全部法规',
  lawsFound: (n: number) => `名称相符的法规 ${n} 部`,
  hitsFound: (n: number, truncated: boolean) =>
    truncated ? `条文中含有检索词的前 ${n} 条（结果较多，请换用更具体的词）` : `条文中含有检索词的 ${n} 条`,
  noHits: '没有找到含有该词语的法规或条文',
  empty: '法律法规库中尚无法规',
  count: (n: number) => `共 ${n} 部法律法规`,
  noText: '未导入全文',
  articles: (n: number) => `${n} 条`,
  effective: (d: string) => `${d} 施行`,
  category: '类别',
  issuer: '制定机关',
  promulgatedOn: '公布日期',
  effectiveOn: '施行日期',
  status: '时效性',
  articleCount: '条文数',
  history: '修订沿革',
  text: '条文',
  filterPlaceholder: '在本法规中查找',
  filtered: (shown: number, total: number) => `含有检索词的条文 ${shown} 条（全文共 ${total} 条）`,
  noArticleHit: '本法规中没有含有该词语的条文',
  textMissing: '本法规尚未导入全文，只有目录信息。可由法治专干在“法规查阅”页导入法规文本（.md 或 .txt）。',
  back: '返回法规查阅',
  toLedger: '法律法规库台账',
  importButton: '导入法规文本',
  importCategory: '导入为类别',
  imported: (title: string, n: number) => `已导入《${title}》，共 ${n} 条`,
  exists: (title: string) => `《${title}》的同一版本已在库中，未重复导入`,
  notFound: '法律法规不存在或无权查看',
};

/** Ledger page wording. */
export const LEDGER_MSG = {
  notices: (n: number) => `有${n}项需要处理`,
  shown: (shown: number, total: number) => `共 ${total} 条，已显示 ${shown} 条`,
  loadMore: '加载更多',
  loadMoreFailed: '加载更多失败',
};

/** 年度放假安排: which years are covered, and the bulk entry of a year's notice (系统管理 → 节假日调整). */
export const YEARS_LABEL = {
  title: '年度放假安排',
  intro:
    '一年的放假安排只有在系统内置（国务院办公厅通知）或管理员录入并确认完整后才算已覆盖；未覆盖的年份按《全国年节及纪念日放假办法》规定的法定节日推算期限（周末照常休息，未计调休和补假），相关期限旁会注明。',
  year: '年度',
  status: '情况',
  counts: '已录入',
  countsText: (h: number, w: number) => `放假 ${h} 天，上班 ${w} 天`,
  marked: (by: string, at: string) => `${by} 于 ${at.slice(0, 10)} 确认`,
  actions: '操作',
  enter: '录入全年安排',
  mark: '确认已完整录入',
  markConfirm: '确认该年的放假和调休上班日已全部录入？确认后不再按法定节日推算。',
  unmark: '取消确认',
  unmarkConfirm: '取消后已录入的调整保留，未录入的日子重新按法定节日推算。确定取消吗？',
  markedDone: '已确认该年放假安排完整',
  unmarkedDone: '已取消确认',
  modalTitle: (year: number) => `录入${year}年放假安排`,
  pasteLabel: '粘贴国务院办公厅通知正文（可选）',
  pastePlaceholder: '例如：一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。',
  parse: '识别通知',
  parsed: (n: number) => `已识别 ${n} 项，请核对后预览`,
  problems: '通知正文与日期不符，请核对（或检查年度是否选对）：',
  skipped: '以下内容含日期但未识别为放假或上班，已略过：',
  entries: '放假与调休上班安排',
  name: '名称',
  namePlaceholder: '如 春节',
  kind: '类型',
  kinds: [
    { value: 'holiday', label: '放假' },
    { value: 'workday', label: '上班' },
  ],
  from: '开始日期',
  to: '结束日期',
  required: '必填',
  add: '添加一项',
  remove: '删除',
  complete: '确认该年安排已完整录入（此后不再按法定节日推算）',
  preview: '预览',
  save: '保存',
  cancel: '取消',
  saved: (year: number) => `已保存${year}年放假安排`,
  previewTitle: (n: number, removed: number) => `将保存 ${n} 天${removed ? `，删除该年原有调整 ${removed} 天` : ''}`,
  change: { add: '新增', change: '修改', same: '不变' } as Record<string, string>,
  removedTag: '删除',
  needPreview: '请先预览，核对无误后再保存',
  day: '日期',
  calendarAlert: (year: number, status: string) =>
    `${year}年放假安排：${status}。本年期限按《全国年节及纪念日放假办法》的法定节日推算，未计调休；管理员录入当年放假通知后自动重新计算。`,
};

/** 订阅日历: the subscription dialog on the calendar page. */
export const SUBSCRIPTION_MSG = {
  button: '订阅日历',
  title: '订阅日历',
  intro:
    '订阅后，日历软件定时（本系统建议每小时）自动刷新本人可见的法定期限、普法重要节点和年度法定工作，并在届满前3天和当天上午9时提醒。订阅链接相当于本人的查看凭证，请勿转发他人。',
  create: '生成订阅链接',
  replace: '更换订阅链接',
  replaceHint: '更换后原链接立即失效，已订阅的日历软件需要改用新链接。',
  active: (createdAt: string) =>
    `已开启订阅（链接生成于 ${createdAt.slice(0, 10)}）。链接只在生成时显示一次；如需再次添加，请更换订阅链接。`,
  lastUsed: (at: string) => `日历软件最近一次刷新：${at.slice(0, 16).replace('T', ' ')}`,
  url: '订阅链接',
  qrHint: '用手机扫码可直接打开订阅链接',
  revoke: '停止订阅',
  revokeConfirm: '停止后订阅链接立即失效，日历软件中的期限将不再更新。确定停止订阅吗？',
  revoked: '已停止订阅',
  created: '订阅链接已生成，请立即复制或扫码',
  helpTitle: '如何添加到日历软件',
  help: [
    'Outlook：日历 → 添加日历 → 从 Internet 订阅，粘贴订阅链接。',
    '苹果日历（Mac）：文件 → 新建日历订阅，粘贴订阅链接；iPhone：设置 → 日历 → 账户 → 添加账户 → 其他 → 添加已订阅的日历。',
    '手机日历（安卓）：多数日历 App 在“设置 → 账户/订阅 → 添加订阅日历”中粘贴链接；也可用手机扫描二维码。',
    'WPS 或其他软件：选择“订阅网络日历”或“从 URL 导入”，粘贴订阅链接。',
  ],
  download: '下载日历文件（一次性导入）',
  close: '关闭',
};

/** Login steps, the second factor and 账户安全. */
export const FACTOR_MSG = {
  accountMenu: '账户安全',
  changeTitle: '设置新密码',
  changeHint: '您的密码是管理员设置的一次性密码，或已超过有效期。请设置新密码后继续登录。',
  newPassword: '新密码',
  confirm: '再次输入新密码',
  mismatch: '两次输入的密码不一致',
  passwordRule: '须含大写字母、小写字母、数字、特殊字符中的至少三类，且不含用户名；不能与原密码相同',
  codeTitle: '双因素认证',
  codeHint: '请输入手机验证器 App 显示的 6 位验证码；手机不在身边时，可输入一个恢复码。',
  code: '验证码',
  codeRequired: '请输入验证码',
  codePlaceholder: '6 位数字，或恢复码',
  enrolTitle: '绑定验证器 App',
  enrolHint:
    '您的账户须使用双因素认证。请在手机的验证器 App（如 Microsoft Authenticator、Google 身份验证器）中扫描下面的二维码，或选择“输入密钥”并填入下面的密钥，然后输入 App 显示的 6 位验证码。',
  secret: '密钥',
  recoveryTitle: '恢复码',
  recoveryHint: '手机丢失或不在身边时，可用恢复码代替验证码登录。每个恢复码只能使用一次；请抄写或打印后妥善保存，本页离开后不再显示。',
  continue: '我已保存恢复码，进入系统',
  copyAll: '复制全部恢复码',
  next: '下一步',
  back: '返回重新登录',
  submit: '确 定',
  statusOn: '已启用',
  statusOff: '未启用',
  required: '您的角色必须使用双因素认证',
  optional: '可选：启用后，登录时除密码外还须输入验证器 App 的验证码',
  modeOff: '本系统未启用双因素认证',
  enrolledAt: (at: string) => `启用于 ${new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`,
  codesLeft: (n: number) => `剩余可用恢复码 ${n} 个`,
  enable: '启用双因素认证',
  confirmEnable: '确认启用',
  enabled: '双因素认证已启用',
  disable: '停用双因素认证',
  disabled: '双因素认证已停用',
  renew: '重新生成恢复码',
  renewed: '已生成新的恢复码，原恢复码作废',
  proof: '当前验证码或登录密码',
  proofRequired: '请输入当前验证码或登录密码',
  done: '完成',
  emailTitle: '电子邮箱',
  emailHint: '期限提醒等电子邮件发往此地址（本单位启用电子邮件提醒时）。留空保存即清除。',
  emailSave: '保存邮箱',
  emailSaved: '电子邮箱已保存',
};

/** Wording of 我的待办 (the todo panel on each role's home page) and of the menu's badges. */
export const TODO_LABELS = {
  title: '我的待办',
  overdue: '已逾期',
  thisWeek: '本周到期',
  thisMonth: '本月稍后到期',
  waiting: '等待我处理',
  empty: '暂无待办事项',
  more: (shown: number, total: number) => `显示前 ${shown} 项，共 ${total} 项，其余请在期限日历中查看`,
  due: (due: string) => `期限 ${due}`,
  why: { person: '本人承办', unit: '本科室', bureau: '本单位' } as Record<string, string>,
  week: (from: string, to: string) => `本周：${from} 至 ${to}`,
  badge: (n: number) => `${n} 项待办`,
  open: '去处理',
  calendar: '期限日历',
} as const;

/** The calendar page's quick filter by due window: 全部, 本周 (Monday to Sunday), 本月, 逾期. */
export const DUE_WINDOWS: ReadonlyArray<{ value: 'all' | 'week' | 'month' | 'overdue'; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' },
  { value: 'overdue', label: '逾期' },
];

/** Person fields (承办人). */
export const PERSON_MSG = {
  placeholder: '请选择本单位人员',
  none: '本单位没有可选的人员',
  gone: '（已停用的账号）',
} as const;
/** The header's bell and its list of in-app notifications. */
export const NOTIFY_MSG = {
  bell: '通知',
  bellCount: (n: number) => (n ? `通知（${n} 条未读）` : '通知'),
  title: '我的通知',
  empty: '暂无通知',
  unreadOnly: '只看未读',
  readAll: '全部标为已读',
  readAllDone: (n: number) => (n ? `已将 ${n} 条通知标为已读` : '没有未读通知'),
  unread: '未读',
  open: '查看记录',
};

/** Reminder steps: who is told when (the settings card beside 本单位期限设定). */
export const REMINDER_LABEL = {
  title: '期限提醒规则',
  intro:
    '每项期限按以下步骤提醒：届满前、届满当日提醒承办人（未指定承办人时为承办科室人员）；逾期后依次报送科室负责人、法治专干、分管领导。本单位可改为自己的步骤，其他单位不受影响。',
  audience: { owner: '承办人', unitHead: '科室负责人', officer: '法治专干', leader: '分管领导' } as Record<string, string>,
  when: (offset: number) => (offset < 0 ? `届满前 ${-offset} 个工作日` : offset === 0 ? '届满当日' : `逾期 ${offset} 个工作日`),
  own: '本单位设定',
  byDefault: '按默认',
  changed: (who: string | null, at: string | null) => `${who ?? ''}${at ? ` 于 ${at.slice(0, 10)}` : ''} 设定`,
  edit: '修改',
  editTitle: (label: string) => `提醒步骤：${label}`,
  offset: '工作日（负数为届满前，0 为当日，正数为逾期后）',
  to: '提醒对象',
  addStep: '增加一步',
  removeStep: '删除',
  save: '保存',
  cancel: '取消',
  reset: '恢复默认',
  resetConfirm: '恢复为默认提醒步骤？',
  saved: (label: string) => `已保存：${label}的提醒步骤`,
  wasReset: (label: string) => `已恢复默认：${label}`,
  empty: '没有期限规则',
};

/** The unit-head column of 单位与科室. */
export const UNIT_HEAD_LABEL = {
  column: '科室负责人',
  placeholder: '未指定',
  saved: (unit: string) => `已更新${unit}的负责人`,
  help: '逾期提醒升级至科室负责人；未指定时报送法治专干',
};
