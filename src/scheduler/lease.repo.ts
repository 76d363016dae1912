/**
 * SQL of job leases: one row per job names the app server that may run it until `expires_at`.
 * Acquiring is one conditional UPDATE (ours already, or expired) or, for a job never run, an INSERT
 * that does nothing on conflict; both are atomic on SQLite and PostgreSQL, so of several servers
 * ticking at once exactly one gets the row. Instants are ISO UTC strings, which order as text.
 */
import type { Db } from '../db/types.ts';

export type Held = { lastRunAt: string | null };

export async function acquireLease(db: Db, job: string, holder: string, now: string, until: string): Promise<Held | null> {
  const renewed = await db
    .updateTable('job_lease')
    .set({ holder, expires_at: until })
    .where('job', '=', job)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', now)]))
    .returning(['last_run_at'])
    .executeTakeFirst();
  if (renewed) return { lastRunAt: renewed.last_run_at };
  const created = await db
    .insertInto('job_lease')
    .values({ job, holder, expires_at: until, last_run_at: null })
    .onConflict((oc) => oc.column('job').doNothing())
    .returning(['last_run_at'])
    .executeTakeFirst();
  return created ? { lastRunAt: created.last_run_at } : null;
}

/** Records a run; only while the lease is still ours. */
export async function markRun(db: Db, job: string, holder: string, at: string): Promise<void> {
  await db.updateTable('job_lease').set({ last_run_at: at }).where('job', '=', job).where('holder', '=', holder).execute();
}

/** Gives up every lease of `holder` (a clean stop), so another server takes the jobs over at its next tick. */
export async function releaseLeases(db: Db, holder: string, now: string): Promise<void> {
  await db.updateTable('job_lease').set({ expires_at: now }).where('holder', '=', holder).where('expires_at', '>', now).execute();
}
