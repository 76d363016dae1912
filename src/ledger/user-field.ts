/**
 * `user` fields: a record naming a person of its bureau (承办人). The value is an account id; it must
 * be an active business account (法治专干, 科室人员, 领导) of the record's own bureau, checked on every
 * write (form, API, import). Excel shows the display name and reads a display name or a username;
 * a name two accounts share must be given as the username.
 */
import type { Person } from '../contract.ts';
import type { Db } from '../db/types.ts';
import type { FieldError } from '../errors.ts';
import { findActiveAccounts } from '../org/org.repo.ts';
import { BUSINESS_ROLES } from '../org/roles.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import type { Ledger } from './define.ts';
import type { RecordData } from './field.ts';

export type { Person };

export const USER_FIELD_MSG = {
  notPerson: (label: string) => `${label}应为本单位在职的业务人员（法治专干、科室人员或领导）账号`,
  unknownName: (label: string, name: string) => `${label}“${name}”不是本单位在职的业务人员（请填写姓名或用户名）`,
  ambiguous: (label: string, name: string, usernames: readonly string[]) =>
    `${label}“${name}”有 ${usernames.length} 个同名账号（用户名：${usernames.join('、')}），请改填用户名`,
};

/** The names of a ledger's `user` fields. */
export function userFieldsOf(ledger: Ledger): string[] {
  return Object.entries(ledger.fields)
    .filter(([, d]) => d.kind === 'user')
    .map(([k]) => k);
}

/** The accounts `user` fields of these bureaus' records may name. */
export async function peopleOf(db: Db, orgIds: readonly string[]): Promise<Person[]> {
  return (await findActiveAccounts(db, orgIds, BUSINESS_ROLES)).map((u) => ({
    id: u.id,
    displayName: u.display_name,
    username: u.username,
    orgId: u.org_id,
    unitId: u.unit_id,
  }));
}

/** GET /api/people: whom the caller's records may name, of every bureau the caller reads (forms pick from their own). */
export async function listPeople(db: Db, scope: Scope): Promise<Person[]> {
  requirePerm(scope, 'ledger.read');
  return peopleOf(db, scope.readOrgIds);
}

/**
 * Every `user` field of `data` naming no one of `people` of bureau `orgId`, with `rowLabel` before
 * the message. A value the record already had (`before`) stands: the person may have left since,
 * and editing another field must not force the record to forget who handled it.
 */
export function userFieldProblems(
  ledger: Ledger,
  data: RecordData,
  orgId: string,
  people: readonly Person[],
  opts: { rowLabel?: string; before?: RecordData } = {},
): FieldError[] {
  const out: FieldError[] = [];
  const rowLabel = opts.rowLabel ?? '';
  for (const k of userFieldsOf(ledger)) {
    const v = data[k];
    if (v === null || v === undefined || v === '') continue;
    if (opts.before && opts.before[k] === v) continue;
    if (!people.some((p) => p.id === v && p.orgId === orgId)) {
      out.push({ field: k, message: `${rowLabel}${USER_FIELD_MSG.notPerson(ledger.fields[k].label)}` });
    }
  }
  return out;
}

/**
 * Reads a spreadsheet cell of a `user` field: a username, or a display name only one account has.
 * Returns the account id, or the problem in Chinese.
 */
export function personByName(people: readonly Person[], label: string, text: string): { id: string } | { error: string } {
  const name = text.trim();
  const byUsername = people.find((p) => p.username === name);
  if (byUsername) return { id: byUsername.id };
  const named = people.filter((p) => p.displayName === name);
  if (named.length === 1) return { id: named[0].id };
  if (named.length > 1)
    return {
      error: USER_FIELD_MSG.ambiguous(
        label,
        name,
        named.map((p) => p.username),
      ),
    };
  return { error: USER_FIELD_MSG.unknownName(label, name) };
}
