import type { IncomingMessage } from "node:http";
import type { FailureLimiter } from "../auth/limiter.ts";
import { HttpError } from "./errors.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const isWrongGuess = (err: unknown) => err instanceof HttpError && (err.status === 404 || err.status === 403);

const tooMany = (retryAfter: number) =>
  new HttpError(429, "too_many_attempts", "Too many wrong attempts. Wait a few minutes and try again.", {
    "retry-after": String(Math.max(1, retryAfter)),
  });

/** Turned away without being checked: it says nothing about the code, only to come back in a moment. */
const slowDown = () =>
  new HttpError(
    429,
    "slow_down",
    "Someone on your network is trying many codes at once. Wait a few seconds and try again.",
    { "retry-after": "4" },
  );

/**
 * Guards an endpoint that takes a guessable secret (a join code, a key).
 *
 * A wrong guess is answered more slowly each time, counted per address and, where the request names a
 * workshop, per workshop too (so guessing one workshop's key from many addresses is slowed as well); past
 * the hard limit its answer is 429. How many attempts an address may have in flight at once shrinks with
 * its wrong guesses: as many as its free failures left, and one once they are used up. More are answered
 * 429 at once without being checked, so running guesses in parallel gains nothing: a guesser learns at most
 * one wrong code per delay (15 a minute at the 4 s delay).
 *
 * A right answer is never slowed, and past mistakes never refuse it: a room behind one venue address where
 * one person mistyped the code thirty times still joins with the right one. Only while a wrong guess from
 * that address is being held back (a few seconds at most) is a right code asked to try again (`slow_down`).
 * Against someone flooding guesses from the same address nothing can tell their right code from the
 * room's without checking it, which is what would let the flood through; so during a flood the room waits.
 */
export function createGuard(
  limiter: FailureLimiter,
  addressOf: (req: IncomingMessage) => string,
  free: number,
) {
  const inFlight = new Map<string, number>();

  return async function guarded<T>(
    req: IncomingMessage,
    attempt: () => Promise<T>,
    workshop?: string,
  ): Promise<T> {
    const address = addressOf(req);
    const busy = inFlight.get(address) ?? 0;
    if (busy >= Math.max(1, free - limiter.count(address))) throw slowDown();
    inFlight.set(address, busy + 1);
    try {
      return await attempt();
    } catch (err) {
      if (!isWrongGuess(err)) throw err;
      const delay = limiter.fail(address);
      const scoped = workshop ? limiter.fail(`workshop:${workshop}`) : 0;
      await sleep(Math.max(delay, scoped));
      const retryAfter = limiter.retryAfterSeconds(address);
      throw retryAfter > 0 ? tooMany(retryAfter) : err;
    } finally {
      const left = (inFlight.get(address) ?? 1) - 1;
      if (left <= 0) inFlight.delete(address);
      else inFlight.set(address, left);
    }
  };
}

export type Guard = ReturnType<typeof createGuard>;
