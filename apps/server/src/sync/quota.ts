/**
 * A token bucket: `burst` to start with, refilled at `perSecond`. Each connection has one for the bytes it
 * writes, one for its messages and one for its presence updates, so a client cannot flood the server or
 * the others however fast its network is, while a person's bursts (a paste, a quick series of drags) pass.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes `amount` if there is that much; says whether it did. */
  take(amount = 1, now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}
