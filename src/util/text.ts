/**
 * The one rule for text the system accepts from outside (request fields, query, path, headers,
 * uploaded file names, imported cells): no NUL, no lone UTF-16 surrogate, no bidirectional control
 * character. NUL is stored by SQLite but refused by PostgreSQL, so without this rule the two databases
 * answered differently (and PostgreSQL with a 500); a lone surrogate cannot be encoded as UTF-8; a
 * bidi control makes `‮gnp.exe` display as `exe.png` and can disguise any text a reviewer reads.
 */

export type TextRule = 'nul' | 'surrogate' | 'bidi';

/** What each rule says, in the message that names the field. */
export const TEXT_RULE_MSG: Record<TextRule, string> = {
  nul: '空字符（U+0000）',
  surrogate: '不成对的代理字符（无效的 Unicode 编码）',
  bidi: '双向文本控制字符（如 U+202E，会使文字显示顺序与实际不符）',
};

// U+061C arabic letter mark, U+200E/U+200F LRM/RLM, U+202A–U+202E embeddings and overrides,
// U+2066–U+2069 isolates.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The rule `s` breaks, or null. */
export function textRuleBroken(s: string): TextRule | null {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  if (BIDI.test(s)) return 'bidi';
  return null;
}

/** The first string (object key or value, at any depth) of `value` that breaks the rule, with its path. */
export function findBadText(value: unknown, path: readonly string[] = []): { path: string[]; rule: TextRule } | null {
  if (typeof value === 'string') {
    const rule = textRuleBroken(value);
    return rule ? { path: [...path], rule } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [k, v] of entries) {
    const keyRule = textRuleBroken(k);
    if (keyRule) return { path: [...path, k.replace(/[^\x20-\x7e]/g, '?')], rule: keyRule };
    const inner = findBadText(v, [...path, k]);
    if (inner) return inner;
  }
  return null;
}

/** The Chinese sentence for text `where` (e.g. “请求字段“data.topic””) that breaks `rule`. */
export const badTextMessage = (where: string, rule: TextRule): string => `${where}含有不允许的${TEXT_RULE_MSG[rule]}，请删除后重新提交`;
