/**
 * 领导小组 members whose person has left: a member still in office (no 任职终止日期) whose entry in the
 * people register (人员名册中的本人) is 调离 or 退休. The group has to be adjusted (成立或调整文件),
 * and the officer is told so instead of finding out when the report lists someone who retired.
 */
import type { Db } from '../../db/types.ts';
import { registerLedgerNotices } from '../../ledger/notices.ts';
import { findLedgerRecords } from '../../ledger/record.repo.ts';
import { requirePerm, type Scope } from '../../org/scope.ts';
import { leadingMember, person } from './org.ledger.ts';

export type LeadingGroupConflict = {
  memberId: string;
  orgId: string;
  personId: string;
  name: string;
  group: string;
  role: string;
  personStatus: string;
  leftOn: string | null;
  message: string;
};

const MSG = {
  conflict: (name: string, status: string, leftOn: string | null, group: string, role: string) =>
    `${name}${leftOn ? `已于${leftOn}` : '已'}${status}，仍登记为${group}${role}，请调整领导小组并填写任职终止日期`,
};

export async function leadingGroupConflicts(db: Db, scope: Scope): Promise<LeadingGroupConflict[]> {
  requirePerm(scope, 'ledger.read');
  const members = await findLedgerRecords(db, scope.readOrgIds, leadingMember);
  const inOffice = members.filter((m) => !m.data.toDate && m.data.personId);
  if (!inOffice.length) return [];
  const people = new Map((await findLedgerRecords(db, scope.readOrgIds, person)).map((p) => [p.id, p.data]));
  const out: LeadingGroupConflict[] = [];
  for (const m of inOffice) {
    const p = m.data.personId ? people.get(m.data.personId) : undefined;
    if (!p || p.status === '在职') continue;
    out.push({
      memberId: m.id,
      orgId: m.orgId,
      personId: m.data.personId ?? '',
      name: m.data.name,
      group: m.data.group,
      role: m.data.role,
      personStatus: p.status,
      leftOn: p.leftOn ?? null,
      message: MSG.conflict(m.data.name, p.status, p.leftOn ?? null, m.data.group, m.data.role),
    });
  }
  return out;
}

registerLedgerNotices(leadingMember, async (db, scope) =>
  (await leadingGroupConflicts(db, scope)).map((c) => ({ recordId: c.memberId, message: c.message })),
);
