/**
 * Per-bureau amounts of the deadline rules the law leaves to local rules (`configurable: true`,
 * e.g. the 规范性文件 filing period). A bureau's officer sets or resets its own bureau's value; the
 * deadline engine (deadlines.ts) reads it on the next computation. Every change is audited in the
 * same transaction. The API and the CLI both come through here.
 */
import type { DeadlineSetting } from '../contract.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest, notFound } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { nowIso } from '../util/time.ts';
import { DEADLINE_SETTING_MSG as MSG } from './deadline-settings.messages.ts';
import { deleteSetting, findSetting, upsertSetting } from '../org/setting.repo.ts';
import { deadlineSettingsOf } from './deadline-settings.repo.ts';
import { settingKeyOf, UNIT_CN } from './deadlines.ts';
import { allDeadlineRules, type DeadlineRule, getDeadlineRule } from './rules.ts';

/** Sensible bounds of a bureau's amount, by unit: up to a year of days, five years of months. */
export const AMOUNT_BOUNDS: Record<DeadlineRule['unit'], { min: number; max: number }> = {
  day: { min: 1, max: 365 },
  workday: { min: 1, max: 365 },
  month: { min: 1, max: 60 },
};

export type { DeadlineSetting };

type Stored = { value: string; updatedBy: string | null; updatedByName: string | null; updatedAt: string | null };

function view(rule: DeadlineRule, stored: Stored | undefined): DeadlineSetting {
  const n = stored ? Number(stored.value) : Number.NaN;
  const amount = Number.isInteger(n) && n > 0 ? n : null;
  const who = stored?.updatedByName ?? (stored?.updatedBy === 'system' ? MSG.changedByCli : (stored?.updatedBy ?? null));
  return {
    ruleKey: rule.key,
    label: rule.label,
    basis: rule.basis,
    unit: rule.unit,
    unitLabel: UNIT_CN[rule.unit],
    defaultAmount: rule.amount,
    amount,
    effectiveAmount: amount ?? rule.amount,
    ...AMOUNT_BOUNDS[rule.unit],
    updatedBy: amount === null ? null : who,
    updatedAt: amount === null ? null : (stored?.updatedAt ?? null),
  };
}

function configurableRule(ruleKey: string): DeadlineRule {
  const rule = getDeadlineRule(ruleKey);
  if (!rule?.configurable) throw notFound(MSG.unknownRule);
  return rule;
}

async function settingOf(db: Db, orgId: string, rule: DeadlineRule): Promise<DeadlineSetting> {
  const key = settingKeyOf(rule);
  return view(
    rule,
    (await deadlineSettingsOf(db, orgId)).find((r) => r.key === key),
  );
}

/** The configurable rules with the caller's bureau value, in declaration order. */
export async function listDeadlineSettings(db: Db, scope: Scope): Promise<DeadlineSetting[]> {
  requirePerm(scope, 'ledger.read');
  const rows = new Map((await deadlineSettingsOf(db, scope.orgId)).map((r) => [r.key, r]));
  return allDeadlineRules()
    .filter((r) => r.configurable)
    .map((r) => view(r, rows.get(settingKeyOf(r))));
}

/** Sets the caller's bureau amount of one configurable rule (an integer within AMOUNT_BOUNDS). */
export async function setDeadlineSetting(db: Db, scope: Scope, ruleKey: string, amount: number): Promise<DeadlineSetting> {
  requirePerm(scope, 'settings.manage');
  const rule = configurableRule(ruleKey);
  const unit = UNIT_CN[rule.unit];
  if (!Number.isInteger(amount)) throw badRequest('amount', MSG.amountNotInteger(rule.label, unit));
  const { min, max } = AMOUNT_BOUNDS[rule.unit];
  if (amount < min || amount > max) throw badRequest('amount', MSG.amountOutOfRange(rule.label, min, max, unit));
  const key = settingKeyOf(rule);
  return inTx(db, async (trx) => {
    const before = await findSetting(trx, scope.orgId, key);
    await upsertSetting(trx, { orgId: scope.orgId, key, value: String(amount), updatedBy: scope.userId, updatedAt: nowIso(scope.clock) });
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'deadline_setting.set',
      entity: 'setting',
      entityId: key,
      detail: { rule: rule.key, amount, unit: rule.unit, defaultAmount: rule.amount, before: before ? Number(before.value) : null },
    });
    return settingOf(trx, scope.orgId, rule);
  });
}

/** Back to the rule's default for the caller's bureau; a bureau already on the default is left alone (no audit row). */
export async function resetDeadlineSetting(db: Db, scope: Scope, ruleKey: string): Promise<DeadlineSetting> {
  requirePerm(scope, 'settings.manage');
  const rule = configurableRule(ruleKey);
  const key = settingKeyOf(rule);
  return inTx(db, async (trx) => {
    const before = await findSetting(trx, scope.orgId, key);
    if (before && (await deleteSetting(trx, scope.orgId, key))) {
      await appendAudit(trx, {
        userId: scope.userId,
        username: scope.username,
        orgId: scope.orgId,
        ip: scope.ip,
        action: 'deadline_setting.reset',
        entity: 'setting',
        entityId: key,
        detail: { rule: rule.key, defaultAmount: rule.amount, before: Number(before.value) },
      });
    }
    return settingOf(trx, scope.orgId, rule);
  });
}
