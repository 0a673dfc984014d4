/**
 * Slows down guessing of join codes and keys. Each address gets a few free failures in a window; after
 * that every failed attempt waits longer before it is answered, and past a hard limit the address is
 * told to come back later (429). Successes are never slowed.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts: { windowMs: number; free: number; hardLimit: number; maxDelayMs: number },
  ) {}

  private recent(address: string, now: number): number[] {
    const list = (this.failures.get(address) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (list.length === 0) this.failures.delete(address);
    else this.failures.set(address, list);
    return list;
  }

  /** Failures of the key within the window. */
  count(key: string, now = Date.now()): number {
    return this.recent(key, now).length;
  }

  /** True once the key has used its free failures: its next ones are slowed. */
  overFree(key: string, now = Date.now()): boolean {
    return this.count(key, now) >= this.opts.free;
  }

  /** Seconds to wait before trying again, or 0 when the address may try now. */
  retryAfterSeconds(address: string, now = Date.now()): number {
    const list = this.recent(address, now);
    if (list.length < this.opts.hardLimit) return 0;
    const oldest = list[0] ?? now;
    return Math.max(1, Math.ceil((oldest + this.opts.windowMs - now) / 1000));
  }

  /** Records a failure and returns how long to hold the answer back. */
  fail(address: string, now = Date.now()): number {
    const list = this.recent(address, now);
    list.push(now);
    // Enough to know the key is past its hard limit; a flood of failures does not grow the list further.
    if (list.length > this.opts.hardLimit + 1) list.shift();
    this.failures.set(address, list);
    const over = list.length - this.opts.free;
    return over <= 0 ? 0 : Math.min(this.opts.maxDelayMs, 250 * 2 ** (over - 1));
  }

  /** Drops stale entries; called from a timer so the map cannot grow without bound. */
  sweep(now = Date.now()): void {
    for (const address of [...this.failures.keys()]) this.recent(address, now);
  }
}
