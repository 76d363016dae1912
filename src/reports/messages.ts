/** Every message of the reports module a user sees (check results and errors), in one place. */
import { chineseDate } from '../util/time.ts';

export const MSG = {
  placeholder: (where: string, s: string) => `${where}含有占位符“${s}”，请填写实际内容`,
  emptySection: (heading: string) => `“${heading}”部分没有内容`,
  emptyTitle: '报告标题为空',
  emptySignature: '发文机关署名为空',
  annualOrder:
    '法治政府建设年度报告应依次包含五个法定部分：主要举措和成效、存在的不足和原因、党政主要负责人履行第一责任人职责情况、下一年度主要安排、其他需要报告的情况',
  figureUndefined: (where: string, key: string) => `${where}引用的指标“${key}”尚未定义（相关台账模块尚未启用），正文将印出缺数标记`,
  figureNull: (where: string, label: string) => `${where}的“${label}”无法计算（缺少数据或分母为0），正文将印出缺数标记`,
  figureZero: (where: string, label: string) => `${where}的“${label}”为0，正文将印出“0”，建议改用“未发生……”“尚未……”等表述或补录台账`,
  requiredZero: (label: string) => `“${label}”为0（台账中没有记录），报告采用了“未……”“尚未……”的表述，请核实是否漏录`,
  stale: (label: string, was: number | null, now: number | null) =>
    `台账数据在生成报告后有变化：“${label}”由${was ?? '无法计算'}变为${now ?? '无法计算'}，请点击“刷新数据”`,
  secrecy: '尚未确认保密审查：报告公开前须经保密审查，涉及国家秘密和工作秘密的内容不得公开',
  dueSubmit: (due: string, days: number) =>
    days >= 0
      ? `应于${chineseDate(due)}前报送本级党委、政府和上一级政府有关部门（剩余${days}天）`
      : `报送期限${chineseDate(due)}已过${-days}天`,
  duePublish: (due: string, days: number) =>
    days >= 0 ? `应于${chineseDate(due)}前向社会公开（剩余${days}天）` : `公开期限${chineseDate(due)}已过${-days}天`,
  unknownKind: (kind: string) => `不支持的报告类型：${kind}`,
  noOrgAccess: '无权为该单位生成报告',
  contentUnparsable: '内容无法解析',
  contentFromNewer: (v: number) => `由更新版本的系统保存（格式版本${v}）`,
  contentUnreadable: (why: string) => `草稿内容无法按当前格式读取（${why}），原内容保留未改；请“按模板重新生成”后再编辑`,
  finalized: '报告已定稿，不能再修改或刷新数据',
  versionConflict: '报告已被他人修改，请刷新后再改',
  superseded: '该稿已被新的定稿取代，不能再修改；请在现行草稿上修改，或重新生成',
  draftHasEdits: (version: number, by: string, on: string) =>
    `已有草稿（第${version}版，修改人${by}，${chineseDate(on)}修改），重新生成将覆盖修改`,
  draftCreatedMeanwhile: '他人刚刚生成了同一报告的草稿，请刷新列表后在该草稿上继续',
  systemActor: '系统',
  blockedByErrors: (list: string[]) => `报告存在以下问题，不能定稿：${list.join('；')}`,
  blockedByWarnings: (list: string[]) => `报告存在以下问题，请修改后再定稿，或确认无误后选择“仍然定稿”：${list.join('；')}`,
  rollupFor: (n: number) => `汇总本单位及下级共${n}个单位`,
  preamble: '正文开头',
  table: (title: string) => `表格“${title}”`,
} as const;
