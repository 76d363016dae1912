/**
 * Notices a ledger's page shows above its records: things the records show that someone has to act
 * on (a 领导小组 member whose person has retired). A module registers a function for its ledger at
 * start; the registry is never changed at request time.
 */
import type { LedgerNotice } from '../contract.ts';
import type { Db } from '../db/types.ts';
import type { Scope } from '../org/scope.ts';
import type { Ledger } from './define.ts';

type NoticeSource = (db: Db, scope: Scope) => Promise<LedgerNotice[]>;

export type { LedgerNotice };

const sources = new Map<string, NoticeSource>();

export function registerLedgerNotices(ledger: Ledger, source: NoticeSource): void {
  if (sources.has(ledger.key)) throw new Error(`duplicate notices for ledger ${ledger.key}`);
  sources.set(ledger.key, source);
}

/** The notices of a ledger for the caller (none for a ledger without a source). */
export async function ledgerNotices(db: Db, scope: Scope, ledgerKey: string): Promise<LedgerNotice[]> {
  const source = sources.get(ledgerKey);
  return source ? source(db, scope) : [];
}

/** The notices of every ledger that has a source, each with its ledger's key (我的待办). */
export async function allLedgerNotices(db: Db, scope: Scope): Promise<Array<LedgerNotice & { ledger: string }>> {
  const out: Array<LedgerNotice & { ledger: string }> = [];
  for (const [ledger, source] of sources) for (const n of await source(db, scope)) out.push({ ...n, ledger });
  return out;
}
