/**
 * Periodic jobs shared by several app servers on one database: each job runs on the one server that
 * holds its lease (a row in `job_lease`), at most once per period across all servers. A holder renews
 * its lease at every tick; when it stops cleanly it gives the lease up, and when it dies the lease
 * expires and the next server to tick takes over. Time comes from an injected clock, so tests drive
 * it without sleeping. A job that runs longer than the lease may overlap with a takeover: keep jobs
 * short or idempotent.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Db } from '../db/types.ts';
import { type Clock, systemClock } from '../util/time.ts';
import { acquireLease, markRun, releaseLeases } from './lease.repo.ts';
import { SCHEDULER_MSG } from './scheduler.messages.ts';

export type JobContext = { holder: string; log: (line: string) => void; clock: Clock };
export type Job = { name: string; everyMs: number; run: (db: Db, ctx: JobContext) => Promise<void> };

export type SchedulerOptions = {
  /** who holds the leases (default host:pid:random) */
  holder?: string;
  clock?: Clock;
  /** how often the timer ticks (default 30 s) */
  tickMs?: number;
  /** how long a lease lasts without renewal (default 3 ticks) */
  leaseMs?: number;
  log?: (line: string) => void;
};

export type Scheduler = {
  holder: string;
  /** One round: takes or renews each job's lease and runs the jobs that are ours and due. The names of the jobs run. */
  tick: () => Promise<string[]>;
  /** Ticks now and then every `tickMs`. */
  start: () => void;
  /** Stops the timer, waits for a running tick and gives up the leases. */
  stop: () => Promise<void>;
};

export function createScheduler(db: Db, jobs: Job[], opts: SchedulerOptions = {}): Scheduler {
  const holder = opts.holder ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const clock = opts.clock ?? systemClock;
  const tickMs = opts.tickMs ?? 30_000;
  const leaseMs = opts.leaseMs ?? 3 * tickMs;
  const log = opts.log ?? ((l: string) => console.log(l));
  const ctx: JobContext = { holder, log, clock };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();

  const tick = async (): Promise<string[]> => {
    const ran: string[] = [];
    for (const job of jobs) {
      const now = clock.now();
      const held = await acquireLease(db, job.name, holder, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString());
      if (!held) continue;
      if (held.lastRunAt && now.getTime() - Date.parse(held.lastRunAt) < job.everyMs) continue;
      await markRun(db, job.name, holder, now.toISOString());
      try {
        await job.run(db, ctx);
        ran.push(job.name);
      } catch (e) {
        log(SCHEDULER_MSG.jobFailed(job.name, e instanceof Error ? e.message : String(e)));
      }
    }
    return ran;
  };

  const guardedTick = () => {
    running = running.then(tick).catch((e: unknown) => log(SCHEDULER_MSG.tickFailed(e instanceof Error ? e.message : String(e))));
  };

  return {
    holder,
    tick,
    start: () => {
      if (timer) return;
      guardedTick();
      timer = setInterval(guardedTick, tickMs);
      timer.unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await releaseLeases(db, holder, clock.now().toISOString());
    },
  };
}
