/**
 * Report drafts: generate from figures, edit, refresh the numbers, finalize. Each use case runs in one
 * transaction with its audit row; permission and tenancy checks live here so the CLI cannot go
 * around them. A finalized draft is locked: its figure snapshot is frozen, so numbers never drift.
 *
 * A report is keyed by bureau, kind, year and roll-up flag. Per key there is one working draft:
 * generating again rebuilds it into a new version instead of making a second one (asking first when
 * that would overwrite edits), and generating after a final starts a new draft whose finalizing
 * supersedes the previous final. Every change writes a version (report_version).
 */
import type {
  Figure,
  Page,
  ReportChange,
  ReportCreated,
  ReportDraft,
  ReportKindInfo,
  ReportListItem,
  ReportStatus,
  ReportVersionItem,
  ReportWithIssues,
} from '../contract.ts';
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.service.ts';
import { isUniqueViolation } from '../db/dialect.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { getFigureDecl } from '../figures/define.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { requirePerm, type Scope, subtree } from '../org/scope.ts';
import { type Clock, nowIso, today } from '../util/time.ts';
import { makeCtx, type OrgInfo, type Template } from './builder.ts';
import { type CheckIssue, checkReport, type DueDate } from './check.ts';
import { annualDutyDates } from '../calendar/deadlines.ts';
import { annualLayoutOf } from './report-settings.service.ts';
import { MSG } from './messages.ts';
import {
  findLastTextChange,
  findReportDraft,
  findReportDrafts,
  findReportIdOfKey,
  findVersionsOfKey,
  insertReportDraft,
  insertVersionOfCurrent,
  maxVersionOfKey,
  type ReportDraftRow,
  type ReportKey,
  type FrozenSources,
  insertFrozenSources,
  supersedeReport,
  updateReportDraftIfVersion,
} from './report.repo.ts';
import { findOrgs } from '../org/org.repo.ts';
import type { FigureSnapshot, ReportContent } from '../contract.ts';
import { carryOver, confirmRuns, contentSchema, editOutsideOwnWords, figureRefs, keepConfirmations } from './model.ts';
import '../modules/index.ts';
import './report.figures.ts';
import { renderDocx } from './render-docx.ts';
import { computeSnapshot, inputsUnchanged, mergeSnapshots, parseSnapshot, snapshotHash } from './snapshot.ts';
import { figureSourceIds, sourceKey } from '../figures/evaluate.ts';
import { TEMPLATES, templateOf } from './templates/index.ts';

export type { ReportCreated, ReportDraft, ReportStatus, ReportWithIssues };

/** `overwrite`: regenerate the working draft even when its text was edited since it was generated. */
export type CreateInput = { kind: string; year: number; orgId?: string; rollup?: boolean; overwrite?: boolean };

export function listKinds(): ReportKindInfo[] {
  return TEMPLATES.map((t) => ({ kind: t.kind, label: t.label, yearHint: t.yearHint, published: t.published }));
}

function requireTemplate(kind: string): Template {
  const t = templateOf(kind);
  if (!t) throw badRequest('kind', MSG.unknownKind(kind));
  return t;
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/**
 * The format version of stored draft content. When the content model changes, raise it and add the
 * step that turns content of the previous version into the new one to CONTENT_UPGRADES.
 */
const CONTENT_VERSION = 1;
const CONTENT_UPGRADES: ReadonlyArray<{ from: number; up: (c: Record<string, unknown>) => Record<string, unknown> }> = [];

/** Stored content carries the format version it was written in. */
const storeContent = (c: ReportContent): string => JSON.stringify({ ...c, contentVersion: CONTENT_VERSION });

const emptyContent = (title: string): ReportContent => ({
  title,
  addressee: '',
  preamble: [],
  sections: [],
  attachments: [],
  signature: '',
  date: '',
  copyTo: [],
  printer: null,
  secrecyReviewed: false,
});

/**
 * Stored content as the current model: upgraded from the version it was written in (rows from before
 * versioning are version 1). Content that still does not fit is not passed off as an empty draft:
 * `contentProblem` says why, the check turns it into an error that blocks finalizing, and the stored text
 * is left as it is until someone saves or regenerates the draft.
 */
function readContent(raw: string, title: string): { content: ReportContent; contentProblem: string | null } {
  const parsed = parseJson(raw);
  if (!parsed || typeof parsed !== 'object') return { content: emptyContent(title), contentProblem: MSG.contentUnparsable };
  const { contentVersion, ...stored } = parsed as Record<string, unknown>;
  let c = stored;
  const version = typeof contentVersion === 'number' ? contentVersion : 1;
  if (version > CONTENT_VERSION) return { content: emptyContent(title), contentProblem: MSG.contentFromNewer(version) };
  for (const u of CONTENT_UPGRADES) if (u.from >= version) c = u.up(c);
  const r = contentSchema.safeParse(c);
  if (r.success) return { content: r.data, contentProblem: null };
  return { content: emptyContent(title), contentProblem: r.error.issues[0]?.message ?? MSG.contentUnparsable };
}

const statusOf = (s: string): ReportStatus => (s === 'final' || s === 'superseded' ? s : 'draft');

const successorOf = (r: { superseded_by: string | null; superseded_by_version: number | null }) =>
  r.superseded_by ? { id: r.superseded_by, version: Number(r.superseded_by_version ?? 0) } : null;

function toDraft(r: ReportDraftRow): ReportDraft {
  return {
    id: r.id,
    orgId: r.org_id,
    kind: r.kind,
    kindLabel: templateOf(r.kind)?.label ?? r.kind,
    year: Number(r.year),
    rollup: Number(r.rollup) === 1,
    title: r.title,
    status: statusOf(r.status),
    ...readContent(r.content, r.title),
    figures: parseSnapshot(r.figures, Number(r.year)),
    version: Number(r.version),
    createdAt: r.created_at,
    createdBy: r.created_by,
    generatedAt: r.generated_at ?? r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    finalizedAt: r.finalized_at,
    finalizedBy: r.finalized_by,
    supersededBy: successorOf(r),
    supersededAt: r.superseded_at,
  };
}

const keyOf = (d: { orgId: string; kind: string; year: number; rollup: boolean }): ReportKey => ({
  orgId: d.orgId,
  kind: d.kind,
  year: d.year,
  rollup: d.rollup,
});

/** A user's display name; 'system' is the CLI and the demo. */
const nameOf = (name: string | null, id: string): string => name ?? (id === 'system' ? MSG.systemActor : id);

async function orgInfo(db: Db, orgId: string): Promise<OrgInfo> {
  const [o] = await findOrgs(db, [orgId]);
  if (!o) throw notFound();
  const [parent] = o.parent_id ? await findOrgs(db, [o.parent_id]) : [];
  return { id: o.id, name: o.name, shortName: o.short_name, parentName: parent?.name ?? null, level: o.level };
}

/** The bureaus a report covers: one, or (rollup) it and those below it that the caller may read. */
async function scopeOrgIds(db: Db, scope: Scope, orgId: string, rollup: boolean): Promise<string[]> {
  if (!scope.readOrgIds.includes(orgId)) throw notFound(MSG.noOrgAccess);
  if (!rollup) return [orgId];
  return (await subtree(db, orgId)).filter((o) => scope.readOrgIds.includes(o));
}

/** The yearly duties a kind of report meets, by the calendar's keys (annualDutyDates). */
const DUE_DUTIES: Record<string, ReadonlyArray<[DueDate['code'], string]>> = {
  'annual-report': [
    ['due-submit', 'rule_of_law.annual_report.submit'],
    ['due-publish', 'rule_of_law.annual_report.publish'],
  ],
  'disclosure-report': [['due-publish', 'gov_info.annual_report.publish']],
};

/** The last days for a report on `year`: the duties fall in the following year, on the calendar's dates. */
function dueDatesOf(kind: string, year: number): DueDate[] {
  const duties = annualDutyDates(year + 1);
  return (DUE_DUTIES[kind] ?? []).flatMap(([code, key]) => duties.filter((d) => d.key === key).map((d) => ({ code, due: d.due })));
}

function issuesOf(d: ReportDraft, clock: Clock): CheckIssue[] {
  const t = templateOf(d.kind);
  const unreadable: CheckIssue[] = d.contentProblem
    ? [{ level: 'error', code: 'content-unreadable', message: MSG.contentUnreadable(d.contentProblem) }]
    : [];
  // A stored snapshot whose content no longer matches its hash was changed outside the product.
  const altered: CheckIssue[] =
    d.figures.hash !== undefined && d.figures.hash !== snapshotHash(d.figures)
      ? [{ level: 'error', code: 'snapshot-altered', message: MSG.snapshotAltered }]
      : [];
  return [
    ...unreadable,
    ...altered,
    ...checkReport(d.kind, d.content, d.figures, {
      published: t?.published ?? false,
      required: t?.required,
      today: today(clock),
      dueDates: dueDatesOf(d.kind, d.year),
    }),
  ];
}

async function generate(db: Db, scope: Scope, input: CreateInput) {
  const t = requireTemplate(input.kind);
  const orgId = input.orgId ?? scope.orgId;
  const rollup = input.rollup === true;
  const orgIds = await scopeOrgIds(db, scope, orgId, rollup);
  const org = await orgInfo(db, orgId);
  const ctx = makeCtx(db, org, orgIds, input.year, rollup, today(scope.clock), { annualLayout: await annualLayoutOf(db, orgId) });
  const content = await t.build(ctx);
  const figures = await computeSnapshot(db, orgIds, input.year, rollup, [...t.figures, ...figureRefs(content)], scope.clock);
  return { t, orgId, content, figures };
}

const audit = (db: Db, scope: Scope, orgId: string, action: string, id: string, detail: Record<string, unknown>) =>
  appendAudit(db, {
    userId: scope.userId,
    username: scope.username,
    orgId,
    ip: scope.ip,
    action,
    entity: 'report_draft',
    entityId: id,
    detail,
  });

/**
 * Generates the report of a bureau, kind, year (and roll-up flag) from the figures. When the key has a
 * working draft, that draft is rebuilt into a new version (`regenerated`); when its text was edited
 * since it was last generated, only with `overwrite` (409 otherwise, naming the version and who edited
 * it). Otherwise a new working draft is made, numbered after the key's latest version (so a draft that
 * follows a final continues its numbering). A draft belongs to the bureau it reports on.
 */
export async function createReport(db: Db, scope: Scope, input: CreateInput): Promise<ReportCreated> {
  requirePerm(scope, 'report.write');
  // A draft belongs to the caller's own bureau; a supervisor reads the drafts below but does not write them.
  if ((input.orgId ?? scope.orgId) !== scope.orgId) throw notFound(MSG.noOrgAccess);
  // Generated before the transaction: reading the ledgers needs no lock, and the figures may use
  // several connections. A write landing meanwhile changes the inputs digest taken first, so the
  // new draft shows as stale (to be refreshed), never as current.
  const { t, orgId, content, figures } = await generate(db, scope, input);
  return inTx(db, async (trx) => {
    const key: ReportKey = { orgId, kind: t.kind, year: input.year, rollup: figures.rollup };
    const workingId = await findReportIdOfKey(trx, scope.readOrgIds, key, 'draft');
    if (workingId) {
      const d = await loadForWrite(trx, scope, workingId);
      const last = await findLastTextChange(trx, d.id);
      if (last?.change === 'edit' && !input.overwrite) {
        const detail = MSG.draftHasEdits(
          Number(last.version),
          nameOf(last.display_name, last.created_by),
          today({ now: () => new Date(last.created_at) }),
        );
        throw conflict(detail, [{ field: 'overwrite', message: detail }]);
      }
      // Her own words and the confirmations made survive a regeneration (carryOver).
      const version = await save(trx, scope, d, { content: carryOver(d.content, content), figures, change: 'generate' });
      await audit(trx, scope, orgId, 'report.regenerate', d.id, { kind: t.kind, year: input.year, rollup: figures.rollup, version });
      return { ...withIssues(scope, await load(trx, scope.readOrgIds, d.id)), regenerated: true };
    }
    const id = randomUUID();
    const now = nowIso(scope.clock);
    const version = (await maxVersionOfKey(trx, scope.readOrgIds, key)) + 1;
    // A draft that follows a final starts from the words she wrote and confirmed there.
    const finalId = await findReportIdOfKey(trx, scope.readOrgIds, key, 'final');
    const fresh = finalId ? carryOver((await load(trx, scope.readOrgIds, finalId)).content, content) : content;
    try {
      await insertReportDraft(trx, {
        id,
        org_id: orgId,
        kind: t.kind,
        year: input.year,
        rollup: figures.rollup ? 1 : 0,
        title: content.title,
        status: 'draft',
        content: storeContent(fresh),
        figures: JSON.stringify(figures),
        version,
        created_at: now,
        created_by: scope.userId,
        generated_at: now,
        generated_date: content.date || null,
        updated_at: now,
        updated_by: scope.userId,
        finalized_at: null,
        finalized_by: null,
      });
    } catch (e) {
      // Someone else made the key's working draft at the same moment.
      if (isUniqueViolation(e)) throw conflict(MSG.draftCreatedMeanwhile);
      throw e;
    }
    await insertVersionOfCurrent(trx, id, 'generate');
    await audit(trx, scope, orgId, 'report.create', id, {
      kind: t.kind,
      year: input.year,
      rollup: figures.rollup,
      orgIds: figures.orgIds,
      version,
    });
    return { ...withIssues(scope, await load(trx, scope.readOrgIds, id)), regenerated: false };
  });
}

async function loadRow(db: Db, orgIds: string[], id: string): Promise<ReportDraftRow> {
  const r = await findReportDraft(db, orgIds, id);
  if (!r) throw notFound();
  return r;
}

async function load(db: Db, orgIds: string[], id: string): Promise<ReportDraft> {
  return toDraft(await loadRow(db, orgIds, id));
}

const withIssues = (scope: Scope, d: ReportDraft): ReportWithIssues => ({ ...d, issues: issuesOf(d, scope.clock) });

/**
 * A draft whose numbers no longer match the ledgers (records added or changed since the snapshot).
 * While nothing the figures read has changed (the snapshot's inputs digest), nothing is computed.
 */
async function staleIssues(db: Db, scope: Scope, d: ReportDraft): Promise<CheckIssue[]> {
  if (d.status !== 'draft' || !d.figures.computedAt) return [];
  const keys = Object.keys(d.figures.values);
  const orgIds = d.figures.orgIds.filter((o) => scope.readOrgIds.includes(o));
  if (await inputsUnchanged(db, d.figures, orgIds)) return [];
  const now = await computeSnapshot(db, orgIds, d.year, d.figures.rollup, keys, scope.clock);
  // An error, not a warning: a changed figure may flip a sentence ("未发生…", "均在法定期限内"), and a
  // report must not be finalized on numbers the ledgers no longer give. One click (刷新数据) clears it.
  return keys
    .filter((k) => now.values[k] && !sameFigure(now.values[k], d.figures.values[k]))
    .map((k) => ({
      level: 'error' as const,
      code: 'figure-stale',
      figure: k,
      message:
        now.values[k].value === d.figures.values[k].value
          ? MSG.staleBreakdown(d.figures.values[k].label)
          : MSG.stale(d.figures.values[k].label, d.figures.values[k].value, now.values[k].value),
    }));
}

/** The same value and the same groups (a group can change while the total stays: 驳回 became 维持). */
function sameFigure(a: Figure, b: Figure): boolean {
  const groups = (f: Figure) => JSON.stringify((f.breakdown ?? []).map((g) => [g.label, g.value]).sort());
  return a.value === b.value && groups(a) === groups(b);
}

export async function getReport(db: Db, scope: Scope, id: string): Promise<ReportWithIssues> {
  requirePerm(scope, 'report.read');
  const d = withIssues(scope, await load(db, scope.readOrgIds, id));
  return { ...d, issues: [...d.issues, ...(await staleIssues(db, scope, d))] };
}

/** A draft the caller may read, as stored, without the check (which recomputes the figures). */
export async function readReport(db: Db, scope: Scope, id: string): Promise<ReportDraft> {
  requirePerm(scope, 'report.read');
  return load(db, scope.readOrgIds, id);
}

/** Every report the caller may read: working drafts, current finals and superseded finals, with names. */
export async function listReports(db: Db, scope: Scope, q: { year?: number; kind?: string; orgId?: string }): Promise<ReportListItem[]> {
  requirePerm(scope, 'report.read');
  const rows = await findReportDrafts(db, scope.readOrgIds, q);
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    kind: r.kind,
    kindLabel: templateOf(r.kind)?.label ?? r.kind,
    year: Number(r.year),
    rollup: Number(r.rollup) === 1,
    title: r.title,
    status: statusOf(r.status),
    version: Number(r.version),
    generatedAt: r.generated_at ?? r.created_at,
    updatedAt: r.updated_at,
    updatedByName: nameOf(r.updated_by_name, r.updated_by),
    finalizedAt: r.finalized_at,
    finalizedByName: r.finalized_by ? nameOf(r.finalized_by_name, r.finalized_by) : null,
    supersededBy: successorOf(r),
  }));
}

const VERSIONS_PAGE = 50;

/** The versions of a report's key (its drafts and finals, one numbering), newest first. */
export async function listReportVersions(
  db: Db,
  scope: Scope,
  id: string,
  q: { page?: number; pageSize?: number } = {},
): Promise<Page<ReportVersionItem>> {
  requirePerm(scope, 'report.read');
  const d = await load(db, scope.readOrgIds, id);
  const page = Math.max(q.page ?? 1, 1);
  const pageSize = Math.min(Math.max(q.pageSize ?? VERSIONS_PAGE, 1), 200);
  const res = await findVersionsOfKey(db, scope.readOrgIds, keyOf(d), { limit: pageSize, offset: (page - 1) * pageSize });
  return {
    items: res.items.map((v) => ({
      reportId: v.report_id,
      version: Number(v.version),
      change: changeOf(v.change),
      title: v.title,
      createdAt: v.created_at,
      createdByName: nameOf(v.display_name, v.created_by),
      reportStatus: statusOf(v.status),
    })),
    total: res.total,
    page,
    pageSize,
  };
}

const CHANGES: readonly ReportChange[] = ['generate', 'edit', 'confirm', 'refresh', 'finalize'];
const changeOf = (c: string): ReportChange => CHANGES.find((x) => x === c) ?? 'edit';

/** A draft the caller may change, with the 成文日期 its template gave it (to tell a date set by hand). */
type WritableDraft = ReportDraft & { generatedDate: string | null };

/** Loads a draft the caller may change: own bureau, still the working draft, expected version. */
async function loadForWrite(trx: Db, scope: Scope, id: string, version?: number): Promise<WritableDraft> {
  const r = await loadRow(trx, scope.readOrgIds, id);
  const d = toDraft(r);
  if (d.orgId !== scope.orgId) throw notFound();
  if (d.status === 'superseded') throw conflict(MSG.superseded);
  if (d.status !== 'draft') throw conflict(MSG.finalized);
  if (version !== undefined && version !== d.version) throw conflict(MSG.versionConflict);
  return { ...d, generatedDate: r.generated_date };
}

/**
 * Writes the draft as its next version (only if nobody wrote it first) and records that version.
 * `generate`: the text was rebuilt from the template, so its 成文日期 is the generated default again.
 */
async function save(
  trx: Db,
  scope: Scope,
  d: ReportDraft,
  set: { content?: ReportContent; figures?: FigureSnapshot; change: ReportChange },
): Promise<number> {
  const now = nowIso(scope.clock);
  const version = d.version + 1;
  const written = await updateReportDraftIfVersion(trx, d.id, d.version, {
    ...(set.content ? { content: storeContent(set.content), title: set.content.title } : {}),
    ...(set.figures ? { figures: JSON.stringify(set.figures) } : {}),
    ...(set.change === 'generate' && set.content ? { generated_at: now, generated_date: set.content.date || null } : {}),
    ...(set.change === 'finalize' ? { status: 'final', finalized_at: now, finalized_by: scope.userId } : {}),
    version,
    updated_at: now,
    updated_by: scope.userId,
  });
  if (!written) throw conflict(MSG.versionConflict);
  await insertVersionOfCurrent(trx, d.id, set.change);
  return version;
}

/**
 * 成文日期 (and the 印发日期 of the 版记) at finalizing: a date nobody set by hand — empty, or still the
 * one the template generated — becomes the finalizing day.
 */
function datedOn(c: ReportContent, generated: string | null, day: string): ReportContent {
  const byHand = (date: string) => date !== '' && date !== generated;
  return {
    ...c,
    date: byHand(c.date) ? c.date : day,
    printer: c.printer && !byHand(c.printer.date) ? { ...c.printer, date: day } : c.printer,
  };
}

/** Saves edited content; figures referenced for the first time are computed into the snapshot. */
export async function updateReport(db: Db, scope: Scope, id: string, content: ReportContent, version: number): Promise<ReportWithIssues> {
  requirePerm(scope, 'report.write');
  return inTx(db, async (trx) => {
    const d = await loadForWrite(trx, scope, id, version);
    const outside = editOutsideOwnWords(d.content, content);
    if (outside !== null)
      throw badRequest(
        'content',
        MSG.editOutsideOwnWords(outside === 'preamble' ? MSG.preamble : outside === 'sections' ? MSG.sectionList : `“${outside}”`),
      );
    content = keepConfirmations(d.content, content);
    const missing = figureRefs(content).filter((k) => !(k in d.figures.values) && !d.figures.undefinedKeys.includes(k));
    let figures = d.figures;
    if (missing.length) {
      figures = mergeSnapshots(d.figures, await computeSnapshot(trx, d.figures.orgIds, d.year, d.figures.rollup, missing, scope.clock));
    }
    const saved = await save(trx, scope, d, { content, figures, change: 'edit' });
    await audit(trx, scope, d.orgId, 'report.update', id, { version: saved });
    return withIssues(scope, await load(trx, scope.readOrgIds, id));
  });
}

/**
 * Recomputes every figure the draft uses (same bureaus, same period). With `regenerate` the text is
 * rebuilt from the template as well (edits are lost; record titles quoted in the text are refreshed).
 */
export async function refreshReport(
  db: Db,
  scope: Scope,
  id: string,
  opts: { version?: number; regenerate?: boolean } = {},
): Promise<ReportWithIssues> {
  requirePerm(scope, 'report.write');
  return inTx(db, async (trx) => {
    const d = await loadForWrite(trx, scope, id, opts.version);
    const t = requireTemplate(d.kind);
    let content = d.content;
    if (opts.regenerate) {
      const org = await orgInfo(trx, d.orgId);
      content = await t.build(
        makeCtx(
          trx,
          org,
          d.figures.orgIds.filter((o) => scope.readOrgIds.includes(o)),
          d.year,
          d.figures.rollup,
          today(scope.clock),
          { annualLayout: await annualLayoutOf(trx, d.orgId) },
        ),
      );
      content = carryOver(d.content, content);
    }
    const orgIds = d.figures.orgIds.filter((o) => scope.readOrgIds.includes(o));
    const figures = await computeSnapshot(trx, orgIds, d.year, d.figures.rollup, [...t.figures, ...figureRefs(content)], scope.clock);
    const changed = Object.keys(figures.values).filter((k) => d.figures.values[k]?.value !== figures.values[k].value);
    // A plain refresh keeps the stored text as it is (also text the current format cannot read).
    const version = opts.regenerate
      ? await save(trx, scope, d, { content, figures, change: 'generate' })
      : await save(trx, scope, d, { figures, change: 'refresh' });
    await audit(trx, scope, d.orgId, 'report.refresh', id, { regenerate: opts.regenerate === true, changed, version });
    return withIssues(scope, await load(trx, scope.readOrgIds, id));
  });
}

/**
 * Confirms officer sentences and negative statements (the check's 需确认 items): who and when are
 * recorded in the draft and in the audit log. `all` confirms every item the check lists as open.
 */
export async function confirmReport(
  db: Db,
  scope: Scope,
  id: string,
  opts: { version?: number; own?: string[]; none?: string[]; all?: boolean },
): Promise<ReportWithIssues> {
  requirePerm(scope, 'report.write');
  return inTx(db, async (trx) => {
    const d = await loadForWrite(trx, scope, id, opts.version);
    // Only what the check lists as open can be confirmed: not a negative the records contradict, not a
    // sentence that does not print, not one confirmed already.
    const open = issuesOf(d, scope.clock).flatMap((i) => (i.confirm ? [i.confirm] : []));
    const isOpen = (kind: 'own' | 'none', id: string) => open.some((c) => c.kind === kind && c.id === id);
    const refused = [...(opts.own ?? []).filter((i) => !isOpen('own', i)), ...(opts.none ?? []).filter((i) => !isOpen('none', i))];
    if (refused.length) throw badRequest(undefined, MSG.confirmUnknown(refused));
    const own = opts.all ? open.filter((c) => c.kind === 'own').map((c) => c.id) : (opts.own ?? []);
    const none = opts.all ? open.filter((c) => c.kind === 'none').map((c) => c.id) : (opts.none ?? []);
    // `all` with nothing left open is not a mistake: the draft is as confirmed as it can be.
    if (!own.length && !none.length) {
      if (opts.all) return withIssues(scope, d);
      throw badRequest(undefined, MSG.confirmNothing);
    }
    const ok = { by: scope.userId, name: scope.displayName, at: nowIso(scope.clock) };
    await save(trx, scope, d, { content: confirmRuns(d.content, { own, none }, ok), change: 'confirm' });
    await audit(trx, scope, d.orgId, 'report.confirm', id, { own, none });
    return withIssues(scope, await load(trx, scope.readOrgIds, id));
  });
}

/**
 * Keeps the records behind every number of a report being finalized (the stale check has just
 * shown the ledgers still give the snapshot's values): per figure, per group of a group figure;
 * a ratio's are its parts'.
 */
async function freezeSources(trx: Db, scope: Scope, d: ReportDraft): Promise<void> {
  const snap = d.figures;
  const keys = Object.keys(snap.values).filter((k) => getFigureDecl(k)?.kind !== 'ratio');
  if (!keys.length) return;
  const orgIds = snap.orgIds.filter((o) => scope.readOrgIds.includes(o));
  const filed = await figureSourceIds(trx, orgIds, snap.period, keys);
  const rows: FrozenSources[] = keys.flatMap((k) =>
    getFigureDecl(k)?.kind === 'group'
      ? (snap.values[k].breakdown ?? []).map((g) => ({ figure: k, part: g.label, refs: filed.get(sourceKey(k, g.label)) ?? [] }))
      : [{ figure: k, part: '', refs: filed.get(k) ?? [] }],
  );
  await insertFrozenSources(trx, d.id, rows);
}

/**
 * Finalizes (定稿) a draft: leader only. Errors always block; warnings block unless `force`.
 * `confirmSecrecy` records the 保密审查 confirmation. The snapshot is frozen from here on. A 成文日期
 * not set by hand becomes today. The key's previous final, if any, is superseded by this one.
 */
export async function finalizeReport(
  db: Db,
  scope: Scope,
  id: string,
  opts: { version?: number; force?: boolean; confirmSecrecy?: boolean } = {},
): Promise<ReportWithIssues> {
  requirePerm(scope, 'report.finalize');
  return inTx(db, async (trx) => {
    const d = await loadForWrite(trx, scope, id, opts.version);
    const dated = d.contentProblem ? d.content : datedOn(d.content, d.generatedDate, today(scope.clock));
    const content = opts.confirmSecrecy ? { ...dated, secrecyReviewed: true } : dated;
    const issues = [...issuesOf({ ...d, content }, scope.clock), ...(await staleIssues(trx, scope, d))];
    const errors = issues.filter((i) => i.level === 'error').map((i) => i.message);
    if (errors.length) throw badRequest(undefined, MSG.blockedByErrors(errors));
    const warnings = issues.filter((i) => i.level === 'warning').map((i) => i.message);
    if (warnings.length && !opts.force) throw badRequest(undefined, MSG.blockedByWarnings(warnings));
    const now = nowIso(scope.clock);
    // The previous final steps aside first: the database holds one current final per key.
    const previous = await findReportIdOfKey(trx, scope.readOrgIds, keyOf(d), 'final');
    if (previous) {
      if (!(await supersedeReport(trx, previous, id, now))) throw conflict(MSG.versionConflict);
      await audit(trx, scope, d.orgId, 'report.supersede', previous, { by: id, version: d.version + 1 });
    }
    const version = await save(trx, scope, d, { content, change: 'finalize' });
    await freezeSources(trx, scope, d);
    await audit(trx, scope, d.orgId, 'report.finalize', id, {
      forced: warnings.length > 0,
      warnings,
      confirmSecrecy: opts.confirmSecrecy === true,
      version,
      supersedes: previous ?? null,
    });
    return withIssues(scope, await load(trx, scope.readOrgIds, id));
  });
}

/** For the CLI (`fazhi report`): generates the draft (stored and audited, as `createReport`) and returns it as .docx. */
export async function renderReportDocx(db: Db, scope: Scope, input: CreateInput): Promise<Buffer> {
  const d = await createReport(db, scope, input);
  return renderDocx(d.content, d.figures);
}
