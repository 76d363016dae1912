/**
 * The numbers and the wording of the password policy, without code: the server (password-policy.ts)
 * and the web app's password fields share this one place.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
/** A new password must differ from the current one and the ones before it, this many in all. */
export const PASSWORD_HISTORY = 5;

export const PASSWORD_MSG = {
  tooShort: `密码长度不能少于${PASSWORD_MIN}位`,
  tooLong: `密码长度不能超过${PASSWORD_MAX}位`,
  classes: '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类',
  username: '密码不能包含用户名',
  common: '密码过于常见：不能是常见密码，也不能是一个常见单词加少量数字或符号（大小写变化和 @→a、0→o 之类的替换同样不行）',
  reused: `新密码不能与最近${PASSWORD_HISTORY}次使用过的密码相同`,
  /** Shown beside every password field of the web app. */
  rule: `至少${PASSWORD_MIN}位，包含大写字母、小写字母、数字、特殊字符中的至少三类，不能是常见密码、不能包含用户名、不能与最近${PASSWORD_HISTORY}次的密码相同`,
} as const;
