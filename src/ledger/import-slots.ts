/**
 * At most N Excel imports parsed at once by this server process (IMPORT_MAX_CONCURRENT). This is a
 * per-process limit on purpose, not a shared one: what it protects is this process's memory (each
 * import holds its file, its inflating parts and its rows), and several app servers sharing one
 * database each have their own memory. The N+1th import is refused at once with a 503 and
 * Retry-After rather than queued, so a burst of uploads cannot pile up files in memory while waiting.
 */
import { BusyError } from '../errors.ts';

/** Seconds a refused client is told to wait (an import of 50,000 rows takes a few seconds). */
const RETRY_AFTER_SECONDS = 5;

export class ImportSlots {
  private used = 0;
  constructor(readonly max: number) {}

  /** Takes a slot and returns its release (idempotent), or throws a 503 saying `busy(max)`. */
  acquire(busy: (max: number) => string): () => void {
    if (this.used >= this.max) throw new BusyError(busy(this.max), RETRY_AFTER_SECONDS);
    this.used++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used--;
    };
  }
}
