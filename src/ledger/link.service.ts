/**
 * References between records: the `ref` fields of a payload, checked against the records they name
 * (same bureau, not deleted, of a ledger the field allows) and mirrored in `record_link`; the delete
 * guard (a referenced record is not deleted behind its referrers' backs); and the links of a record.
 */
import type { RecordLink, RecordLinks } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { conflict, type FieldError, invalid } from '../errors.ts';
import type { Scope } from '../org/scope.ts';
import type { Ledger } from './define.ts';
import { type FieldDef, type RecordData, refTargetKeys } from './field.ts';
import { findLinked, findReferrers, type LinkedRecord, replaceLinks } from './link.repo.ts';
import { findLinkTargets } from './record.repo.ts';
import { allLedgers, getLedger } from './registry.ts';

const MSG = {
  missing: (label: string) => `${label}：所选记录不存在、已删除或不属于本单位`,
  wrongLedger: (label: string, allowed: string) => `${label}：只能选择${allowed}中的记录`,
  self: (label: string) => `${label}：不能引用记录本身`,
  referenced: (title: string, refs: string) => `“${title}”被以下记录引用，不能删除：${refs}。请先修改或删除这些记录`,
};

const ledgerLabel = (key: string): string => allLedgers().find((l) => l.key === key)?.label ?? key;

/** The ids a payload's `ref` fields name, field by field. */
export function refsOf(ledger: Ledger, data: RecordData): Array<{ field: string; toId: string }> {
  const out: Array<{ field: string; toId: string }> = [];
  for (const [field, def] of Object.entries(ledger.fields)) {
    if (def.kind !== 'ref') continue;
    const v = data[field];
    const ids = Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
    for (const toId of new Set(ids)) out.push({ field, toId });
  }
  return out;
}

/**
 * The problems of a payload's references, given the records they name (`targets`, looked up in the
 * bureau by findLinkTargets): a reference to the record itself, to a missing, deleted or foreign
 * record (all answered alike: no hint that it exists), or to a ledger the field does not allow.
 */
export function refProblems(
  ledger: Ledger,
  fromId: string,
  refs: ReadonlyArray<{ field: string; toId: string }>,
  targets: ReadonlyMap<string, { ledger: string }>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const r of refs) {
    const def: FieldDef = ledger.fields[r.field];
    const t = targets.get(r.toId);
    const allowed = def.ref ? refTargetKeys(def.ref) : [];
    if (r.toId === fromId) errors.push({ field: r.field, message: MSG.self(def.label) });
    else if (!t) errors.push({ field: r.field, message: MSG.missing(def.label) });
    else if (!allowed.includes(t.ledger)) {
      errors.push({ field: r.field, message: MSG.wrongLedger(def.label, allowed.map(ledgerLabel).join('、')) });
    }
  }
  return errors;
}

/** Checks every reference of a payload about to be written for `orgId` and mirrors them as links of `fromId`. */
export async function writeLinks(db: Db, ledger: Ledger, fromId: string, orgId: string, data: RecordData): Promise<void> {
  const refs = refsOf(ledger, data);
  const targets = await findLinkTargets(
    db,
    orgId,
    refs.map((r) => r.toId),
  );
  const errors = refProblems(ledger, fromId, refs, targets);
  if (errors.length) throw invalid(errors);
  await replaceLinks(db, fromId, orgId, refs);
}

/**
 * Before a record is deleted: referrers through a 'restrict' field refuse the delete (409 naming
 * them); referrers through an 'unlink' field are returned, for the caller to drop the reference.
 */
export async function referrersBeforeDelete(db: Db, rec: { id: string; orgId: string; title: string }): Promise<LinkedRecord[]> {
  const referrers = await findReferrers(db, rec.id, [rec.orgId]);
  const restricting = referrers.filter((r) => getLedger(r.ledger).fields[r.field]?.ref?.onDelete !== 'unlink');
  if (restricting.length) {
    const names = restricting.map((r) => `${ledgerLabel(r.ledger)}“${r.title}”`);
    throw conflict(
      MSG.referenced(rec.title, names.join('、')),
      restricting.map((r) => ({ field: r.field, message: `${ledgerLabel(r.ledger)}“${r.title}”（${r.id}）` })),
    );
  }
  return referrers;
}

/** The payload with `toId` taken out of `field` (a single reference becomes empty). */
export function withoutRef(data: RecordData, field: string, toId: string): RecordData {
  const v = data[field];
  return { ...data, [field]: Array.isArray(v) ? v.filter((x) => x !== toId) : null };
}

/** What a record points at (关联记录) and what points at it (被引用), within the caller's bureaus. */
export async function linksOf(db: Db, scope: Scope, rec: { id: string; ledger: string }): Promise<RecordLinks> {
  const own = getLedger(rec.ledger);
  const present = (r: LinkedRecord, fieldLedger: Ledger): RecordLink => ({
    field: r.field,
    fieldLabel: fieldLedger.fields[r.field]?.label ?? r.field,
    id: r.id,
    ledger: r.ledger,
    ledgerLabel: ledgerLabel(r.ledger),
    title: r.title,
    occurredOn: r.occurredOn,
    orgId: r.orgId,
  });
  const outgoing = (await findLinked(db, rec.id, scope.readOrgIds)).map((r) => present(r, own));
  const incoming = (await findReferrers(db, rec.id, scope.readOrgIds)).map((r) => present(r, getLedger(r.ledger)));
  return { outgoing, incoming };
}
