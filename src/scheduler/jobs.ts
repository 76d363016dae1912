/** The periodic jobs of a deployment, started by `fazhi serve` and the demo (one server runs each). */
import { writeAnchor } from '../audit/anchor.service.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
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

export function deploymentJobs(cfg: Config): Job[] {
  return [auditAnchorJob(cfg)];
}

/** Starts the deployment's scheduler; the caller stops it before closing the database. */
export function startDeploymentJobs(db: Db, cfg: Config, log?: (line: string) => void): Scheduler {
  const s = createScheduler(db, deploymentJobs(cfg), { log });
  s.start();
  return s;
}
