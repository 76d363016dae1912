/**
 * The tenant scope of a request: who is asking, which bureaus they may read and which they may write.
 * Computed once per request (SessionResolver in auth.service.ts) and applied by the data layer, never by each route.
 */
import type { Db } from '../db/types.ts';
import { forbidden } from '../errors.ts';
import { type Clock, systemClock } from '../util/time.ts';
import { OrgTree } from './org-tree.ts';
import { findAllOrgs } from './org.repo.ts';
import { isAdminRole, type Perm, permsOf, READS_SUBTREE, type Role } from './roles.ts';

export type Scope = {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  unitId: string | null;
  readOrgIds: string[];
  writeOrgIds: string[];
  /**
   * The bureaus whose accounts, units and audit rows an admin role administers: its own and every one
   * below it. Used only by the admin services (org.service, searchAudit), never for business records;
   * empty for business roles.
   */
  manageOrgIds: string[];
  perms: readonly Perm[];
  ip: string;
  /** The clock every date and timestamp this request writes comes from (a test or the demo fixes it). */
  clock: Clock;
  /** The org tree as checked against the database for this request (absent outside a request). */
  orgTree?: OrgTree;
};

export function can(scope: Scope, perm: Perm): boolean {
  return scope.perms.includes(perm);
}

export function requirePerm(scope: Scope, perm: Perm): void {
  if (!can(scope, perm)) throw forbidden();
}

/** The org and all orgs below it. */
export async function subtree(db: Db, orgId: string): Promise<string[]> {
  return [...new OrgTree(0, await findAllOrgs(db)).subtree(orgId)];
}

export async function buildScope(
  db: Db,
  user: { id: string; username: string; display_name: string; role: Role; org_id: string; unit_id: string | null },
  ip: string,
  clock: Clock = systemClock,
  /** The org tree already checked against the database for this request; read afresh when absent. */
  tree?: OrgTree,
): Promise<Scope> {
  const below = READS_SUBTREE.includes(user.role) || isAdminRole(user.role);
  const sub = !below ? [user.org_id] : tree ? [...tree.subtree(user.org_id)] : await subtree(db, user.org_id);
  const read = READS_SUBTREE.includes(user.role) ? sub : [user.org_id];
  const perms = permsOf(user.role);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    orgId: user.org_id,
    unitId: user.unit_id,
    readOrgIds: perms.includes('ledger.read') || perms.includes('report.read') ? read : [user.org_id],
    writeOrgIds: perms.includes('ledger.write') ? [user.org_id] : [],
    manageOrgIds: isAdminRole(user.role) ? sub : [],
    perms,
    ip,
    clock,
    ...(tree ? { orgTree: tree } : {}),
  };
}

/** A scope for the CLI and the demo loader: acts as the officer of one bureau. */
export function systemScope(orgId: string, readOrgIds: string[] = [orgId], clock: Clock = systemClock): Scope {
  return {
    userId: 'system',
    username: 'system',
    displayName: '系统',
    role: 'officer',
    orgId,
    unitId: null,
    readOrgIds,
    writeOrgIds: [orgId],
    manageOrgIds: [],
    perms: permsOf('officer'),
    ip: 'cli',
    clock,
  };
}
