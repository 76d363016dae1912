/** Every message of the reports module a user sees (check results and errors), in one place. */
import { chineseDate } from '../util/time.ts';

/** The sources of a report's numbers: the API's refusals and the preview's appendix. */
export const SOURCES_MSG = {
  unknownFigure: (key: string) => `参数 figure 有误：本报告没有引用指标“${key}”`,
  undefinedFigure: '尚未定义的指标',
  appendixTitle: '数字来源',
  appendixHint: '在系统中点击正文或下列数字，可查看其来源记录。',
  status: (status: string) => (status === 'final' ? '已定稿（数据已冻结）' : status === 'superseded' ? '已被取代（数据已冻结）' : '草稿'),
  computed: (status: string, at: string, from: string, to: string) => `状态：${status}；数据计算时间：${at}；统计期间：${from}至${to}`,
  notComputable: '无法计算',
  sourceCount: (n: number) => (n ? `来源记录${n}条` : '无来源记录'),
  ratioSources: (num: string, den: string) => `来源记录即“${num}”与“${den}”的记录`,
  undefinedCount: (n: number) => `另有${n}个指标尚未定义（相关台账模块尚未启用），正文中印出缺数标记。`,
} as const;

export const MSG = {
  snapshotAltered: '报告的数据快照与其校验值不符（可能在系统之外被改动），请重新生成并核对后再使用',
  placeholder: (where: string, s: string) => `${where}含有占位符“${s}”，请填写实际内容`,
  emptySection: (heading: string) => `“${heading}”部分没有内容`,
  emptyTitle: '报告标题为空',
  emptySignature: '发文机关署名为空',
  annualOrder:
    '法治政府建设年度报告应依次包含五个法定部分：主要举措和成效、存在的不足和原因、党政主要负责人履行第一责任人职责情况、下一年度主要安排、其他需要报告的情况（或本单位设置的本地结构）',
  layoutInvalid: '章节结构应为“法定结构”或“本地结构”',
  figureUndefined: (where: string, key: string) => `${where}引用的指标“${key}”尚未定义（相关台账模块尚未启用），正文将印出缺数标记`,
  figureNull: (where: string, label: string) => `${where}的“${label}”无法计算（缺少数据或分母为0），正文将印出缺数标记`,
  figureZero: (where: string, label: string) => `${where}的“${label}”为0，正文将印出“0”，建议改用“未发生……”“尚未……”等表述或补录台账`,
  requiredZero: (label: string) => `“${label}”为0（台账中没有记录），报告采用了“未……”“尚未……”的表述，请核实是否漏录`,
  ownEmpty: (hint: string) => `有一处须由法治专干撰写的内容尚未填写${hint ? `（${hint}）` : ''}`,
  ownUnconfirmed: (text: string) => `需确认：“${text}”是专干撰写的内容，台账不能证明，请核实后确认或改写`,
  ownConfirmed: (text: string, name: string, at: string) => `专干撰写：“${text}”（${name}于${at.slice(0, 10)}确认）`,
  ownDuplicate: (id: string) => `专干撰写内容的编号“${id}”重复`,
  noneUnconfirmed: (text: string, ledger: string) =>
    `需确认：“${text}”——“${ledger}”中本年度没有相关记录，请补录台账，或确认本年度确无此类情况`,
  noneConfirmed: (text: string, name: string, at: string) => `已确认：“${text}”（${name}于${at.slice(0, 10)}确认本年度确无）`,
  noneContradicted: (text: string, label: string, value: number | null) =>
    `“${text}”与台账不符：“${label}”为${value ?? '无法计算'}，请删除该表述或刷新数据`,
  editOutsideOwnWords: (where: string) =>
    `${where}中由台账生成的内容被改动了：只能修改“专干撰写”的内容，或用“改写本段”把整段改为专干撰写；数字、由台账计算的句子、表格和章节结构不能直接改写`,
  sectionList: '章节',
  confirmUnknown: (ids: string[]) =>
    `以下内容当前不需要确认（已确认、未印出，或与台账不符）：${ids.map((i) => i.replace(/^[^:]*::/, '')).join('、')}`,
  confirmNothing: '请指定需确认的内容',
  staleBreakdown: (label: string) => `台账数据在生成报告后有变化：“${label}”的分项数字变了，请点击“刷新数据”`,
  stale: (label: string, was: number | null, now: number | null) =>
    `台账数据在生成报告后有变化：“${label}”由${was ?? '无法计算'}变为${now ?? '无法计算'}，请点击“刷新数据”`,
  secrecy: '尚未确认保密审查：报告公开前须经保密审查，涉及国家秘密和工作秘密的内容不得公开',
  dueSubmit: (due: string, days: number) =>
    days >= 0
      ? `最迟应于${chineseDate(due)}报送本级党委、政府和上一级政府有关部门（剩余${days}天）`
      : `报送期限${chineseDate(due)}已过${-days}天`,
  duePublish: (due: string, days: number) =>
    days >= 0 ? `最迟应于${chineseDate(due)}向社会公开（剩余${days}天）` : `公开期限${chineseDate(due)}已过${-days}天`,
  unknownKind: (kind: string) => `不支持的报告类型：${kind}`,
  noOrgAccess: '无权为该单位生成报告',
  contentUnparsable: '内容无法解析',
  contentFromNewer: (v: number) => `由更新版本的系统保存（格式版本${v}）`,
  contentUnreadable: (why: string) => `草稿内容无法按当前格式读取（${why}），原内容保留未改；请“按模板重新生成”后再编辑`,
  finalized: '报告已定稿，不能再修改或刷新数据',
  versionConflict: '报告已被他人修改，请刷新后再改',
  superseded: '该稿已被新的版本取代，不能再修改；请在现行草稿上修改，或重新生成',
  draftHasEdits: (version: number, by: string, on: string) =>
    `已有草稿（第${version}版，修改人${by}，${chineseDate(on)}修改），重新生成将覆盖改写和新增的段落及标题、主送机关、署名、成文日期的修改（“专干撰写”的内容和已做的确认会保留）`,
  draftCreatedMeanwhile: '他人刚刚生成了同一报告的草稿，请刷新列表后在该草稿上继续',
  systemActor: '系统',
  blockedByErrors: (list: string[]) => `报告存在以下问题，不能定稿：${list.join('；')}`,
  blockedByWarnings: (list: string[]) => `报告存在以下问题，请修改后再定稿，或确认无误后选择“仍然定稿”：${list.join('；')}`,
  preamble: '正文开头',
  table: (title: string) => `表格“${title}”`,
} as const;
