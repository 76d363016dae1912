/**
 * A ledger declaration: the one place a record type is described. Routes, validation, list/filter,
 * Excel template/import/export, the web forms, the figures, the deadline rules and the links between
 * records all read it. Code names a ledger by its declaration object and a field by `keyof` its
 * fields, so a misspelt or renamed field is a compile error (or a declared `renamedFrom`).
 */
import type { z } from 'zod';
import { type DataOfFields, dataSchema, type FieldValue, type Fields, isSet, type KeysOfKind, type RecordData } from './field.ts';

export type Issue = { field: string; message: string };

/** A cross-field rule over a ledger's data; returns the first problem in Chinese. */
export type Rule<F extends Fields> = ((d: DataOfFields<F>) => Issue | null) | FieldRule<keyof F & string>;

/** A rule built by a helper; `fields` carries the field names it reads so the compiler checks them. */
export type FieldRule<K extends string> = { fields: readonly K[]; check: (d: RecordData) => Issue | null };

/** An ordered step that upgrades a stored payload written under `from` to `from + 1`. */
export type Upgrade = { from: number; note: string; up: (d: RecordData) => RecordData };

export type LedgerDecl<F extends Fields> = {
  key: string;
  module: string;
  /** Chinese name of the ledger, e.g. 学法活动台账. */
  label: string;
  fields: F;
  /** Field whose value is the record's title in lists and provenance. */
  titleField: NoInfer<keyof F & string>;
  /** Date field that places the record in time (→ occurred_on, year). */
  dateField?: NoInfer<KeysOfKind<F, 'date'>>;
  /** An explicit year field (a plan's year); used when dateField is empty. */
  yearField?: NoInfer<KeysOfKind<F, 'int'>>;
  /** Field holding the responsible unit (科室) id. */
  unitField?: NoInfer<KeysOfKind<F, 'unit'>>;
  /** The `user` field naming the person who answers for the record (承办人): its deadlines' owner. */
  ownerField?: NoInfer<KeysOfKind<F, 'user'>>;
  /** Field holding the status shown in lists. */
  statusField?: NoInfer<keyof F & string>;
  /** Cross-field rules and lifecycle gates. */
  rules?: ReadonlyArray<Rule<NoInfer<F>>>;
  /**
   * Records written only by a service (e.g. a random draw's result): the generic create, import,
   * update and delete refuse them with this Chinese reason.
   */
  serviceOnly?: string;
  /** Fields computed on save (e.g. a status derived from dates). */
  derive?: (d: DataOfFields<NoInfer<F>>) => DataOfFields<NoInfer<F>>;
  /** Payload version (default 1); stored rows carry the version they were written under. */
  version?: number;
  /** Upgrades from older versions, one per step, in order. */
  upgrades?: readonly Upgrade[];
};

export type Ledger<F extends Fields = Fields> = {
  key: string;
  module: string;
  label: string;
  fields: F;
  // Field names are plain strings here (checked in LedgerDecl): `keyof F` would make a ledger
  // invariant in F, and then no typed ledger could sit in the registry's list of all ledgers.
  titleField: string;
  dateField?: string;
  yearField?: string;
  unitField?: string;
  ownerField?: string;
  statusField?: string;
  serviceOnly?: string;
  version: number;
  upgrades: readonly Upgrade[];
  schema: z.ZodType<RecordData>;
  /** Every rule as a check over the untyped payload (the typed ones are checked at declaration). */
  checks: ReadonlyArray<(d: RecordData) => Issue | null>;
  derive?: (d: RecordData) => RecordData;
};

/** The payload type of a ledger: `DataOf<typeof studySession>`. */
export type DataOf<L> = L extends { fields: infer F }
  ? // A ledger not known at compile time (any of the registry's) has the untyped payload.
    string extends keyof F
    ? RecordData
    : DataOfFields<F>
  : never;
/** The field declarations of a ledger. */
export type FieldsOf<L> = L extends { fields: infer F } ? F : never;
/** Field names of a ledger. */
export type FieldOf<L> = keyof FieldsOf<L> & string;

export function defineLedger<const F extends Fields>(decl: LedgerDecl<F>): Ledger<F> {
  const fields: Fields = decl.fields;
  for (const k of [decl.titleField, decl.dateField, decl.yearField, decl.unitField, decl.ownerField, decl.statusField]) {
    if (k && !fields[k]) throw new Error(`ledger ${decl.key}: unknown field ${k}`);
  }
  const version = decl.version ?? 1;
  const upgrades = [...(decl.upgrades ?? [])];
  upgrades.forEach((u, i) => {
    if (u.from !== i + 1) throw new Error(`ledger ${decl.key}: upgrades must run 1→2→…, found from ${u.from} at step ${i + 1}`);
  });
  if (upgrades.length !== version - 1) throw new Error(`ledger ${decl.key}: version ${version} needs ${version - 1} upgrades`);
  const checks = (decl.rules ?? []).map((r) => (typeof r === 'function' ? (r as (d: RecordData) => Issue | null) : r.check));
  return {
    key: decl.key,
    module: decl.module,
    label: decl.label,
    fields: decl.fields,
    titleField: decl.titleField,
    dateField: decl.dateField,
    yearField: decl.yearField,
    unitField: decl.unitField,
    ownerField: decl.ownerField,
    statusField: decl.statusField,
    serviceOnly: decl.serviceOnly,
    version,
    upgrades,
    schema: dataSchema(fields),
    checks,
    derive: decl.derive as ((d: RecordData) => RecordData) | undefined,
  };
}

const str = (v: FieldValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Helpers for common rules; the field names are checked against the ledger they are declared in. */
export const rule = {
  /** `later` must not be before `earlier` when both are set. */
  order: <const K extends string>(earlier: K, later: K, message: string): FieldRule<K> => ({
    fields: [earlier, later],
    check: (d) => {
      const a = str(d[earlier]);
      const b = str(d[later]);
      return a && b && b < a ? { field: later, message } : null;
    },
  }),
  /** When `field` is set, `requires` must be set too (a lifecycle gate); `onlyIf` limits it to some records. */
  requires: <const K extends string>(field: K, requires: K, message: string, onlyIf?: K): FieldRule<K> => ({
    fields: onlyIf ? [field, requires, onlyIf] : [field, requires],
    check: (d) => ((onlyIf && !isSet(d[onlyIf])) || !isSet(d[field]) || isSet(d[requires]) ? null : { field, message }),
  }),
  /** a ≤ b for numeric fields. */
  notMore: <const K extends string>(a: K, b: K, message: string): FieldRule<K> => ({
    fields: [a, b],
    check: (d) => {
      const x = d[a];
      const y = d[b];
      return typeof x === 'number' && typeof y === 'number' && x > y ? { field: a, message } : null;
    },
  }),
};

/**
 * A stored payload as the current declaration reads it: the upgrades from the version it was written
 * under, then fields stored under a name listed in `renamedFrom` moved to their current name.
 */
export function upgradePayload(ledger: Ledger, data: RecordData, writtenUnder: number): RecordData {
  let d = data;
  for (const u of ledger.upgrades) if (u.from >= writtenUnder) d = u.up(d);
  for (const [name, def] of Object.entries(ledger.fields)) {
    for (const old of def.renamedFrom ?? []) {
      if (name in d || !(old in d)) continue;
      const { [old]: value, ...rest } = d;
      d = { ...rest, [name]: value };
    }
  }
  return d;
}
