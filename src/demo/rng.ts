/** A small seeded PRNG (mulberry32) so the demo data is the same on every run. */
import { addDays, daysBetween } from '../util/time.ts';

/** FNV-1a: a stable 32-bit seed from a string (so adding a ledger does not shift the others). */
export function seedOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class Rng {
  private state: number;
  constructor(seed: number | string) {
    this.state = typeof seed === 'string' ? seedOf(seed) : seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from empty list');
    return items[Math.floor(this.next() * items.length)];
  }
  /** `n` distinct items (fewer when the list is shorter). */
  some<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (copy.length && out.length < n) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
  /** A calendar date in [from, to]. */
  date(from: string, to: string): string {
    const span = daysBetween(from, to);
    return addDays(from, span <= 0 ? 0 : this.int(0, span));
  }
  /** A working-looking date (Mon–Fri) in [from, to]. */
  workday(from: string, to: string): string {
    for (let i = 0; i < 10; i++) {
      const d = this.date(from, to);
      const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6) return d;
    }
    return this.date(from, to);
  }
}
