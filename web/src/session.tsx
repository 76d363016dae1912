/** The logged-in user, the ledger declarations and the units, shared by every page. */
import { createContext, useContext } from 'react';
import type { LedgerMeta, Me, Perm, Unit } from './api.ts';

export type Session = {
  me: Me;
  ledgers: LedgerMeta[];
  units: Unit[];
  reloadMe: () => void;
  logout: () => void;
};

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext');
  return s;
}

export function can(me: Me, perm: Perm): boolean {
  return me.perms.includes(perm);
}

export function unitName(units: Unit[], id: string | null | undefined): string {
  if (!id) return '';
  return units.find((u) => u.id === id)?.name ?? '（已删除的科室）';
}

export function orgName(me: Me, id: string | null | undefined): string {
  if (!id) return '';
  return me.orgs.find((o) => o.id === id)?.name ?? '';
}
