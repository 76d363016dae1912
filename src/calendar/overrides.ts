/**
 * Administrator overrides of the holiday calendar: a day declared a holiday or a working day when
 * the official data is missing (a year not yet in `chinese-days`) or wrong. National, not per
 * bureau. Each change is audited in the same transaction.
 */
import { appendAudit } from '../audit/audit.service.ts';
import { inTx } from '../db/tx.ts';
import type { Db } from '../db/types.ts';
import { badRequest, notFound } from '../errors.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { isValidDate, nowIso } from '../util/time.ts';
import { deleteOverrideRow, findOverride, upsertOverride } from './calendar.repo.ts';
import type { CalendarOverride, OverrideKind } from './workdays.ts';

export const OVERRIDE_KIND_LABEL: Record<OverrideKind, string> = { holiday: '放假', workday: '上班' };

function checkDay(day: string): void {
  if (!isValidDate(day)) throw badRequest('day', '日期应为有效日期，格式为YYYY-MM-DD');
  const y = Number(day.slice(0, 4));
  if (y < 2000 || y > 2100) throw badRequest('day', '日期应在2000年至2100年之间');
}

/** Creates or replaces the override of `day`. */
export async function setOverride(
  db: Db,
  scope: Scope,
  day: string,
  input: { kind: OverrideKind; name: string },
): Promise<CalendarOverride> {
  requirePerm(scope, 'calendar.manage');
  checkDay(day);
  const name = input.name.trim();
  if (!name) throw badRequest('name', '名称不能为空');
  if (name.length > 30) throw badRequest('name', '名称不能超过30字');
  return inTx(db, async (trx) => {
    const before = await findOverride(trx, day);
    const row = { day, kind: input.kind, name, updated_by: scope.userId, updated_at: nowIso(scope.clock) };
    await upsertOverride(trx, row);
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: before ? 'calendar.override.update' : 'calendar.override.create',
      entity: 'calendar_override',
      entityId: day,
      detail: { kind: input.kind, name, before: before ? { kind: before.kind, name: before.name } : null },
    });
    return { day, kind: input.kind, name };
  });
}

export async function deleteOverride(db: Db, scope: Scope, day: string): Promise<void> {
  requirePerm(scope, 'calendar.manage');
  checkDay(day);
  await inTx(db, async (trx) => {
    const before = await findOverride(trx, day);
    if (!before) throw notFound(`${day} 没有调整记录`);
    await deleteOverrideRow(trx, day);
    await appendAudit(trx, {
      userId: scope.userId,
      username: scope.username,
      orgId: scope.orgId,
      ip: scope.ip,
      action: 'calendar.override.delete',
      entity: 'calendar_override',
      entityId: day,
      detail: { before: { kind: before.kind, name: before.name } },
    });
  });
}
