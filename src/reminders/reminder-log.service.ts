/** The bureau's reminder log as its 法治专干 reads it: who was told what, when, on which channel, with what result. */
import type { Db } from '../db/types.ts';
import { requirePerm, type Scope } from '../org/scope.ts';
import { recentReminders } from './reminders.repo.ts';

export async function reminderLog(db: Db, scope: Scope, limit: number) {
  requirePerm(scope, 'settings.manage');
  return recentReminders(db, scope.orgId, limit);
}
