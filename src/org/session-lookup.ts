/**
 * Coalesces the session lookups of requests that arrive together into one query: those of one turn
 * of the event loop, and, while MAX_OUT queries are out, those that arrive meanwhile (so under load
 * the batches grow instead of the queries queueing). Each lookup still reads the
 * database after its request arrived, so a session ended through any server is refused at once;
 * nothing is remembered once the query has answered.
 */
import type { Db } from '../db/types.ts';
import { findSessionsWithUser, type SessionWithUser } from './session.repo.ts';

type Waiter = { resolve: (row: SessionWithUser | undefined) => void; reject: (e: unknown) => void };

/**
 * Queries out at once. One leaves the server idle while it waits; more make smaller batches and
 * take the connections the requests' own queries need (the PostgreSQL pool holds 10). Two measured
 * best in bench/requests.ts (1, 2 and 4 tried on PostgreSQL).
 */
const MAX_OUT = 2;

export class SessionLookup {
  #pending = new Map<string, Waiter[]>();
  #scheduled = false;
  #out = 0;

  constructor(private readonly db: Db) {}

  /** The session with this id (the token's hash) and its account, or undefined. */
  find(id: string): Promise<SessionWithUser | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.#pending.get(id);
      if (waiting) {
        waiting.push({ resolve, reject });
        return;
      }
      this.#pending.set(id, [{ resolve, reject }]);
      this.#schedule();
    });
  }

  /** After the turn's other I/O callbacks, so that the requests read in this turn join the batch. */
  #schedule(): void {
    if (this.#scheduled || this.#out >= MAX_OUT) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = new Map();
    this.#out++;
    try {
      const rows = new Map((await findSessionsWithUser(this.db, [...batch.keys()])).map((r) => [r.sid, r]));
      for (const [id, waiters] of batch) for (const w of waiters) w.resolve(rows.get(id));
    } catch (e) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
    } finally {
      this.#out--;
      if (this.#pending.size) this.#schedule();
    }
  }
}
