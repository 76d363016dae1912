/**
 * The password policy (等保2.0 身份鉴别 a: 复杂度): length, character classes, not a common password,
 * not the username, not one of the last passwords; and the one-time passwords the server generates
 * when someone other than the owner sets a password. Every message a user sees is in MSG.
 */
import { randomInt } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { PASSWORD_MAX, PASSWORD_MIN, PASSWORD_MSG } from './password-rules.ts';

export { PASSWORD_HISTORY, PASSWORD_MAX, PASSWORD_MIN, PASSWORD_MSG } from './password-rules.ts';

/**
 * Guesses below which zxcvbn's estimate says "a common password or one dictionary word with a few
 * digits or symbols": its score 3 starts at 10^8 guesses. `Password1`, `P@ssw0rd`, `Admin@12345` and
 * `Qwerty1234!` are all far below; zxcvbn matches case-folded and through l33t substitutions.
 */
const MIN_GUESSES = 1e8;
/** zxcvbn's own advice: past this length the estimate costs time and tells nothing more. */
const ZXCVBN_MAX_INPUT = 100;

let guessesOf: Promise<(pw: string) => number> | undefined;

/** The dictionaries (some MB) are loaded on the first check, once per process. */
function loadGuesses(): Promise<(pw: string) => number> {
  guessesOf ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]);
    const z = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
    return (pw: string) => z.check(pw.slice(0, ZXCVBN_MAX_INPUT)).guesses;
  })();
  return guessesOf;
}

/** The Chinese reason a password is refused, or null when it passes (the history is checked apart: `reusedPassword`). */
export async function passwordProblem(pw: string, username = ''): Promise<string | null> {
  if (pw.length < PASSWORD_MIN) return PASSWORD_MSG.tooShort;
  if (pw.length > PASSWORD_MAX) return PASSWORD_MSG.tooLong;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3) return PASSWORD_MSG.classes;
  if (username && pw.toLowerCase().includes(username.toLowerCase())) return PASSWORD_MSG.username;
  if ((await loadGuesses())(pw) < MIN_GUESSES) return PASSWORD_MSG.common;
  return null;
}

/** Whether `pw` is one of the given argon2 hashes (the current password and the recent ones). */
export async function reusedPassword(pw: string, hashes: readonly string[]): Promise<boolean> {
  for (const h of hashes) if (await verify(h, pw)) return true;
  return false;
}

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%*+=?@'] as const;
const ONE_TIME_LENGTH = 16;

/**
 * A one-time password for an account created or reset by an administrator: 16 characters from CSPRNG,
 * every class present, no look-alikes (0/O, 1/l/I). About 95 bits; the owner replaces it at the next login.
 */
export function oneTimePassword(): string {
  const all = CLASSES.join('');
  const chars = CLASSES.map((c) => c[randomInt(c.length)]);
  while (chars.length < ONE_TIME_LENGTH) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
