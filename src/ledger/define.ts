/**
 * A ledger declaration: the one place a record type is described. Routes, validation, list/filter,
 * Excel template/import/export, the web forms and the figures all read it.
 */
import type { z } from 'zod';
import { dataSchema, type FieldDef, type RecordData } from './field.ts';

export type Issue = { field: string; message: string };

export type LedgerDecl = {
  key: string;
  module: string;
  /** Chinese name of the ledger, e.g. 学法活动台账. */
  label: string;
  fields: Record<string, FieldDef>;
  /** Field whose value is the record's title in lists and provenance. */
  titleField: string;
  /** Date field that places the record in time (→ occurred_on, year). */
  dateField?: string;
  /** An explicit year field (a plan's year); used when dateField is empty. */
  yearField?: string;
  /** Field holding the responsible unit (科室) id. */
  unitField?: string;
  /** Field holding the status shown in lists. */
  statusField?: string;
  /** Cross-field rules and lifecycle gates; each returns the first problem in Chinese. */
  rules?: ReadonlyArray<(d: RecordData) => Issue | null>;
  /**
   * Records written only by a service (e.g. a random draw's result): the generic create, import,
   * update and delete refuse them with this Chinese reason.
   */
  serviceOnly?: string;
  /** Fields computed on save (e.g. a status derived from dates). */
  derive?: (d: RecordData) => RecordData;
};

export type Ledger = LedgerDecl & { schema: z.ZodType<RecordData> };

export function defineLedger(decl: LedgerDecl): Ledger {
  for (const k of [decl.titleField, decl.dateField, decl.yearField, decl.unitField, decl.statusField]) {
    if (k && !decl.fields[k]) throw new Error(`ledger ${decl.key}: unknown field ${k}`);
  }
  return { ...decl, schema: dataSchema(decl.fields) };
}

/** Small helpers for common rules. */
export const rule = {
  /** `later` must not be before `earlier` when both are set. */
  order:
    (earlier: string, later: string, message: string) =>
    (d: RecordData): Issue | null => {
      const a = d[earlier];
      const b = d[later];
      return typeof a === 'string' && typeof b === 'string' && b < a ? { field: later, message } : null;
    },
  /** When `field` is set, `requires` must be set too (a lifecycle gate). */
  requires:
    (field: string, requires: string, message: string, when?: (d: RecordData) => boolean) =>
    (d: RecordData): Issue | null => {
      const set = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false;
      if (when && !when(d)) return null;
      return set(d[field]) && !set(d[requires]) ? { field, message } : null;
    },
  /** a ≤ b for numeric fields. */
  notMore:
    (a: string, b: string, message: string) =>
    (d: RecordData): Issue | null => {
      const x = d[a];
      const y = d[b];
      return typeof x === 'number' && typeof y === 'number' && x > y ? { field: a, message } : null;
    },
};
