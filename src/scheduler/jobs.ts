/** The periodic jobs of a deployment, started by `fazhi serve` and the demo (one server runs each). */
import { writeAnchor } from '../audit/anchor.service.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import { createChannelDeliverer } from '../notify/deliverer.ts';
import type { Deliverer } from '../notify/outbound.ts';
import { inOfficeHours, runReminders } from '../reminders/reminders.service.ts';
import { REMINDER_MSG } from '../reminders/reminders.messages.ts';
import { createScheduler, type Job, type Scheduler } from './scheduler.ts';

/** The head of the audit chain anchored outside the database every AUDIT_ANCHOR_MINUTES. */
export function auditAnchorJob(cfg: Pick<Config, 'auditAnchorMinutes' | 'auditAnchorFile'>): Job {
  return {
    name: 'audit.anchor',
    everyMs: cfg.auditAnchorMinutes * 60_000,
    run: async (db, ctx) => {
      await writeAnchor(db, { file: cfg.auditAnchorFile, writtenBy: ctx.holder, log: ctx.log, clock: ctx.clock });
    },
  };
}

/**
 * The deadline reminders every REMINDER_MINUTES, sent only in office hours of working days (a
 * reminder at 3 a.m. or on a holiday is read the next working morning anyway, and then is the
 * moment it should arrive). `deliver` reaches the bureaus' external channels.
 */
export function reminderJob(cfg: Pick<Config, 'reminderMinutes' | 'reminderHours' | 'publicUrl'>, deliver?: Deliverer): Job {
  return {
    name: 'reminders.run',
    everyMs: cfg.reminderMinutes * 60_000,
    run: async (db, ctx) => {
      if (!(await inOfficeHours(db, ctx.clock.now(), cfg.reminderHours))) return;
      const r = await runReminders(db, { clock: ctx.clock, deliver, publicUrl: cfg.publicUrl });
      if (r.items.length)
        ctx.log(
          REMINDER_MSG.jobDone(
            r.items.length,
            r.items.reduce((n, i) => n + i.recipients.length, 0),
          ),
        );
    },
  };
}

/** What the jobs reach beyond the database: the external channels of reminders (default: the bureaus' configured ones). */
export type JobDeps = { deliver?: Deliverer };

export function deploymentJobs(cfg: Config, deps: JobDeps = {}): Job[] {
  return [auditAnchorJob(cfg), reminderJob(cfg, deps.deliver)];
}

/** Starts the deployment's scheduler; the caller stops it before closing the database. */
export function startDeploymentJobs(db: Db, cfg: Config, log?: (line: string) => void, deps: JobDeps = {}): Scheduler {
  const s = createScheduler(db, deploymentJobs(cfg, { deliver: deps.deliver ?? createChannelDeliverer(db, cfg) }), { log });
  s.start();
  return s;
}
