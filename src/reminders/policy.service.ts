/**
 * A bureau's own reminder steps per deadline rule. The 法治专干 (settings.manage) sets or resets
 * them for the own bureau; the reminder job reads them at its next run. Every change is audited in
 * the same transaction. The API and the CLI both come through here.
 */
import type { ReminderPolicy, ReminderStep } from '../contract.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { allDeadlineRules, type DeadlineRule, getDeadlineRule } from '../calendar/rules.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest, notFound } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { deleteSetting, findSetting, upsertSetting } from '../org/setting.repo.ts';
import { nowIso } from '../util/time.ts';
import { defaultSteps, parseStoredSteps, REMINDER_AUDIENCES, reminderSettingKey, STEP_BOUNDS, sortSteps } from './policy.ts';
import { REMINDER_MSG as MSG } from './reminders.messages.ts';
import { type ReminderSettingRow, reminderSettingsOf } from './reminders.repo.ts';

export type { ReminderPolicy };

function view(rule: DeadlineRule, stored: ReminderSettingRow | undefined): ReminderPolicy {
  const steps = stored ? parseStoredSteps(stored.value) : null;
  const who = stored?.updatedByName ?? (stored?.updatedBy === 'system' ? MSG.changedByCli : (stored?.updatedBy ?? null));
  const defaults = defaultSteps(rule);
  return {
    ruleKey: rule.key,
    label: rule.label,
    basis: rule.basis,
    defaultSteps: defaults,
    steps,
    effectiveSteps: steps ?? defaults,
    updatedBy: steps ? who : null,
    updatedAt: steps ? (stored?.updatedAt ?? null) : null,
  };
}

/** orgId → rule key → the bureau's own steps (for the reminder job, over all bureaus at once). */
export async function ownStepsOf(db: Db, orgIds: readonly string[]): Promise<Map<string, Map<string, ReminderStep[]>>> {
  const out = new Map<string, Map<string, ReminderStep[]>>();
  for (const r of await reminderSettingsOf(db, orgIds)) {
    const steps = parseStoredSteps(r.value);
    if (!steps) continue;
    const m = out.get(r.orgId) ?? new Map<string, ReminderStep[]>();
    m.set(r.key, steps);
    out.set(r.orgId, m);
  }
  return out;
}

/** Every rule's reminder steps for the caller's bureau, in declaration order. */
export async function listReminderPolicies(db: Db, scope: Scope): Promise<ReminderPolicy[]> {
  requirePerm(scope, 'ledger.read');
  const rows = new Map((await reminderSettingsOf(db, [scope.orgId])).map((r) => [r.key, r]));
  return allDeadlineRules().map((r) => view(r, rows.get(reminderSettingKey(r))));
}

function ruleOf(ruleKey: string): DeadlineRule {
  const rule = getDeadlineRule(ruleKey);
  if (!rule) throw notFound(MSG.unknownRule);
  return rule;
}

/** Checks a list of steps as a bureau gives it; the first problem names the step and the limit. */
export function checkSteps(input: unknown): ReminderStep[] {
  if (!Array.isArray(input)) throw badRequest('steps', MSG.stepsRequired);
  if (input.length < 1 || input.length > STEP_BOUNDS.maxSteps) throw badRequest('steps', MSG.stepsCount(STEP_BOUNDS.maxSteps));
  const out: ReminderStep[] = [];
  const seen = new Set<string>();
  for (const [i, s] of input.entries()) {
    const { offset, to } = (typeof s === 'object' && s !== null ? s : {}) as { offset?: unknown; to?: unknown };
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < STEP_BOUNDS.minOffset || offset > STEP_BOUNDS.maxOffset) {
      throw badRequest(`steps.${i}.offset`, MSG.offset(STEP_BOUNDS.minOffset, STEP_BOUNDS.maxOffset));
    }
    const audience = REMINDER_AUDIENCES.find((a) => a === to);
    if (!audience) throw badRequest(`steps.${i}.to`, MSG.audience);
    if (seen.has(`${offset}:${audience}`)) throw badRequest(`steps.${i}`, MSG.duplicate(offset));
    seen.add(`${offset}:${audience}`);
    out.push({ offset, to: audience });
  }
  return sortSteps(out);
}

/** Sets the caller's bureau steps of one rule. */
export async function setReminderPolicy(db: Db, scope: Scope, ruleKey: string, input: unknown): Promise<ReminderPolicy> {
  requirePerm(scope, 'settings.manage');
  const rule = ruleOf(ruleKey);
  const steps = checkSteps(input);
  const key = reminderSettingKey(rule);
  return inTx(db, async (trx) => {
    const before = await findSetting(trx, scope.orgId, key);
    await upsertSetting(trx, {
      orgId: scope.orgId,
      key,
      value: JSON.stringify(steps),
      updatedBy: scope.userId,
      updatedAt: nowIso(scope.clock),
    });
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'reminder_policy.set',
      entity: 'setting',
      entityId: key,
      detail: { rule: rule.key, steps, before: before ? parseStoredSteps(before.value) : null },
    });
    return policyOf(trx, scope.orgId, rule);
  });
}

/** Back to the rule's default steps; a bureau already on the default is left alone (no audit row). */
export async function resetReminderPolicy(db: Db, scope: Scope, ruleKey: string): Promise<ReminderPolicy> {
  requirePerm(scope, 'settings.manage');
  const rule = ruleOf(ruleKey);
  const key = reminderSettingKey(rule);
  return inTx(db, async (trx) => {
    const before = await findSetting(trx, scope.orgId, key);
    if (before && (await deleteSetting(trx, scope.orgId, key))) {
      await appendAudit(trx, {
        userId: scope.userId,
        username: scope.username,
        orgId: scope.orgId,
        ip: scope.ip,
        action: 'reminder_policy.reset',
        entity: 'setting',
        entityId: key,
        detail: { rule: rule.key, before: parseStoredSteps(before.value) },
      });
    }
    return policyOf(trx, scope.orgId, rule);
  });
}

async function policyOf(db: Db, orgId: string, rule: DeadlineRule): Promise<ReminderPolicy> {
  const key = reminderSettingKey(rule);
  return view(
    rule,
    (await reminderSettingsOf(db, [orgId])).find((r) => r.key === key),
  );
}
