/** Every Chinese sentence the law library shows a user, in one place for review. */
export const LAW_MSG = {
  empty: '文件为空，请重新选择',
  notText: '文件不是文本（应为 UTF-8 或 GB18030 编码的 .md 或 .txt 文件）',
  noTitle: '文件中没有标题（第一行非空文字应为法规名称）',
  noArticles: '文件中没有找到条文：应有以“第…条”开头的行（例如“第一条 为了……”）',
  badExtension: '只能导入 .md 或 .txt 格式的法规文本',
  badCategory: (options: readonly string[]) => `类别应为以下之一：${options.join('、')}`,
  titleTooLong: '法规名称过长（不能超过500字）',
  qRequired: '请输入要查找的文字',
  qTooLong: '查找的文字不能超过100字',
  citationRequired: '请给出提到法律法规的文字（text）',
  notLaw: '法律法规不存在',
  imported: '导入',
  exists: '已存在',
  textAdded: '补充全文',
  textNote: '导入时解析出的法规全文（章、节、条），供查阅与检索',
  defaultCategory: '其他',
  fileDone: (outcome: string, file: string, title: string, articles: number) => `${outcome}：${file} → ${title}（${articles} 条）`,
  fileFailed: (file: string, reason: string) => `失败：${file}：${reason}`,
  filesSummary: (org: string, r: { imported: number; textAdded: number; existing: number; failed: readonly unknown[] }) =>
    `${org} 法律法规库：导入 ${r.imported} 部、补充全文 ${r.textAdded} 部、已存在 ${r.existing} 部、失败 ${r.failed.length} 部`,
} as const;
