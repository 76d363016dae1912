/** The registry of all ledgers, filled by the modules' declarations at import time. */
import type { LedgerMeta } from '../contract.ts';
import { notFound } from '../errors.ts';
import type { Ledger } from './define.ts';
import { refTargetKeys } from './field.ts';

const ledgers = new Map<string, Ledger>();

export function registerLedgers(list: readonly Ledger[]): void {
  for (const l of list) {
    if (ledgers.has(l.key)) throw new Error(`duplicate ledger ${l.key}`);
    ledgers.set(l.key, l);
  }
}

export function getLedger(key: string): Ledger {
  const l = ledgers.get(key);
  if (!l) throw notFound(`台账“${key}”不存在`);
  return l;
}

/** The declaration of a stored row's ledger, or undefined for a ledger no longer declared. */
export function findLedger(key: string): Ledger | undefined {
  return ledgers.get(key);
}

export function allLedgers(): Ledger[] {
  return [...ledgers.values()];
}

/** Metadata for the web UI: the same declaration, as JSON. */
export function ledgerMeta(l: Ledger): LedgerMeta {
  return {
    key: l.key,
    module: l.module,
    label: l.label,
    titleField: l.titleField,
    dateField: l.dateField ?? null,
    unitField: l.unitField ?? null,
    ownerField: l.ownerField ?? null,
    statusField: l.statusField ?? null,
    version: l.version,
    fields: Object.entries(l.fields).map(([name, { ref, ...d }]) => ({
      name,
      ...d,
      ref: ref ? { ledgers: refTargetKeys(ref), many: ref.many, onDelete: ref.onDelete } : undefined,
    })),
  };
}
