/**
 * The Chinese wording of year coverage: the statutory fallback for a year without the State
 * Council's arrangement, the bulk entry of a year's notice (its parse and its checks), and marking
 * a year complete. Kept in one place so the wording can be reviewed without reading code.
 */
const LAW = '《全国年节及纪念日放假办法》';

export const YEARS_MSG = {
  /** The explanation line of every computation that touched a year without the arrangement. */
  statuteWarning: (year: number) =>
    `${year}年放假安排尚未公布或录入：按${LAW}第二条的法定节日推算（周末照常休息，未计调休和补假），请管理员录入当年放假通知`,
  weekdayWarning: (year: number) => `${year}年法定节假日安排尚未录入，按周一至周五推算，请管理员补录`,
  /** The short line shown beside such a deadline on every page. */
  statuteNote: (years: string) => `${years}年放假安排未录入，按法定节日推算，未计调休`,
  weekdayNote: (years: string) => `${years}年放假安排未录入，按周一至周五推算`,
  statuteTag: '（按放假办法推算）',
  overrideTag: '（管理员录入）',
  statuteBasis: `${LAW}第二条（2024年11月10日修订，2025年1月1日起施行）`,
  /** "X月X日前" as this product reads it, said with each rule that uses the phrase. */
  beforeReading: (phrase: string, lastDay: string) => `${phrase}（不含当日，最迟${lastDay}）`,

  yearLibrary: '已内置（国务院办公厅通知）',
  yearMarked: '管理员已录入并确认完整',
  yearPartial: '仅有部分调整，未确认完整，按法定节日推算',
  yearNone: '尚未录入，按法定节日推算',
  yearNoneWeekday: '尚未录入，按周一至周五推算',

  libraryYear: (year: number) => `${year}年放假安排已内置，无需录入或标记；个别日期请用“节假日调整”`,
  alreadyMarked: (year: number) => `${year}年已标记为完整录入`,
  notMarked: (year: number) => `${year}年未标记为完整录入`,
  noHolidays: (year: number) => `${year}年尚未录入任何放假日，不能标记为完整录入`,
  noEntries: '请至少录入一项放假或上班安排',
  tooManyEntries: (max: number) => `一次最多录入${max}项安排`,
  entryKind: '类型应为 holiday（放假）或 workday（上班）',
  entryName: '名称不能为空，且不能超过20字',
  entryFrom: '开始日期应为有效日期，格式为YYYY-MM-DD',
  entryTo: '结束日期应为有效日期，格式为YYYY-MM-DD',
  entryOrder: (name: string) => `“${name}”的结束日期不能早于开始日期`,
  entryLong: (name: string) => `“${name}”的日期范围不能超过15天`,
  entryYear: (name: string, year: number) => `“${name}”的日期应在${year}年或与之相邻的年末、年初`,
  entryTwice: (day: string) => `${day}录入了不止一次`,
  entryBoth: (day: string) => `${day}既录为放假又录为上班`,
  workdayOnWeekday: (day: string, name: string) => `${day}是工作日，不必录为“${name}”调休上班`,
  textEmpty: '请粘贴放假通知的正文',
  textLong: '通知正文不能超过10000字',
  nothingParsed: '未能从通知正文中识别出任何放假或上班日期，请检查是否粘贴了“一、元旦：1月1日至3日放假……”这样的条目',

  parseBadDate: (text: string) => `无法识别的日期“${text}”`,
  parseWeekday: (date: string, said: string, real: string) => `${date}通知写${said}，实为${real}，请检查年度是否选对`,
  parseCount: (name: string, said: number, got: number) => `“${name}”通知写共${said}天，识别出${got}天`,
  parseUnknown: (sentence: string) => `未识别、已略过：${sentence}`,
  parseNoKind: (sentence: string) => `含日期但未写“放假”或“上班”，已略过：${sentence}`,

  workdayName: (name: string) => `${name}调休上班`,
} as const;
