/**
 * Chinese messages for zod issues that their schema did not word itself. Installed once, globally
 * (`z.config({ customError })`), when this module is first imported (errors.ts imports it, so every
 * schema of the server and the CLI is covered); a message a schema gives (`.min(1, '请输入用户名')`)
 * always wins over these. Each sentence names the field by its path, so a client that forgot a
 * field, or sent a number as text, is told which one and what is wanted.
 */
import { z } from 'zod';

const TYPE: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是/否（true 或 false）',
  object: '对象',
  array: '数组',
  date: '日期',
  null: '空值',
  undefined: '空',
  nan: '数字',
  symbol: '符号',
  function: '函数',
  file: '文件',
  map: '映射',
  set: '集合',
};

const FORMAT: Record<string, string> = {
  regex: '规定的格式',
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  datetime: 'ISO 日期时间（如 2025-03-05T08:00:00Z）',
  date: '日期（YYYY-MM-DD）',
  time: '时间（HH:MM:SS）',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  base64: 'base64 编码',
  json_string: 'JSON 文本',
  starts_with: '规定的开头',
  ends_with: '规定的结尾',
  includes: '规定的内容',
  lowercase: '小写字母',
  uppercase: '大写字母',
};

const UNIT: Record<string, string> = { string: '个字符', array: '项', set: '项', map: '项', file: '字节' };

const MSG = {
  whole: '请求内容',
  field: (path: string) => `“${path}”`,
  missing: (f: string) => `缺少必填项${f}`,
  type: (f: string, expected: string, got: string) => `${f}应为${expected}，收到的是${got}`,
  nullGiven: '空值（null）',
  notNumber: (f: string) => `${f}应为数字`,
  small: (f: string, n: string, unit: string, inclusive: boolean) =>
    unit ? `${f}至少应有${n}${unit}` : `${f}不能小于${n}${inclusive ? '' : '（且不能等于）'}`,
  big: (f: string, n: string, unit: string, inclusive: boolean) =>
    unit ? `${f}最多${n}${unit}` : `${f}不能大于${n}${inclusive ? '' : '（且不能等于）'}`,
  format: (f: string, what: string) => `${f}格式不正确，应为${what}`,
  multiple: (f: string, d: string) => `${f}应为${d}的整数倍`,
  unknownKeys: (f: string, keys: string) => `${f}含有不认识的字段：${keys}`,
  key: (f: string) => `${f}含有无效的键`,
  element: (f: string) => `${f}含有无效的项`,
  union: (f: string) => `${f}的内容不符合任何一种允许的形式`,
  oneOf: (f: string, values: string) => `${f}的值无效，应为以下之一：${values}`,
  custom: (f: string) => `${f}的值不符合要求`,
  other: (f: string) => `${f}的内容有误`,
};

const typeName = (v: unknown): string => {
  if (v === null) return MSG.nullGiven;
  if (Array.isArray(v)) return TYPE.array;
  return TYPE[typeof v] ?? typeof v;
};

const shown = (v: unknown) => (typeof v === 'string' ? `“${v}”` : String(v));

type Issue = Parameters<NonNullable<Parameters<typeof z.config>[0]>['customError'] & {}>[0];

/** The Chinese sentence for one zod issue, naming the field by its path (or 请求内容 at the top). */
export function zodIssueMessage(iss: Issue): string {
  const path = (iss.path ?? []).map(String).join('.');
  const f = path ? MSG.field(path) : MSG.whole;
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return MSG.missing(f);
      // z.coerce.number() of a text that is not a number
      if (typeof iss.input === 'number' && Number.isNaN(iss.input)) return MSG.notNumber(f);
      return MSG.type(f, TYPE[iss.expected] ?? iss.expected, typeName(iss.input));
    case 'too_small': {
      const unit = UNIT[iss.origin] ?? '';
      return MSG.small(f, String(iss.minimum), unit, iss.inclusive !== false);
    }
    case 'too_big': {
      const unit = UNIT[iss.origin] ?? '';
      return MSG.big(f, String(iss.maximum), unit, iss.inclusive !== false);
    }
    case 'invalid_format':
      return MSG.format(f, FORMAT[iss.format] ?? FORMAT.regex);
    case 'not_multiple_of':
      return MSG.multiple(f, String(iss.divisor));
    case 'unrecognized_keys':
      return MSG.unknownKeys(f, iss.keys.map((k) => `“${k}”`).join('、'));
    case 'invalid_key':
      return MSG.key(f);
    case 'invalid_element':
      return MSG.element(f);
    case 'invalid_union':
      return MSG.union(f);
    case 'invalid_value':
      return MSG.oneOf(f, iss.values.map(shown).join('、'));
    case 'custom':
      return MSG.custom(f);
    default:
      return MSG.other(f);
  }
}

z.config({ customError: zodIssueMessage });
