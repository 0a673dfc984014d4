import type { IncomingMessage } from "node:http";
import type { FailureLimiter } from "../auth/limiter.ts";
import { HttpError } from "./errors.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Attempts of one address that may be in flight at once (being checked, or a wrong one being held back).
 * A room joining at once is a few requests a second, each checked in a millisecond; a guesser running
 * hundreds in parallel is held to this many, each wrong one held for its delay. With wrong attempts held
 * 90 s past the hard limit, that is at most 16 wrong answers a minute per address.
 */
const MAX_IN_FLIGHT = 24;

const isWrongGuess = (err: unknown) => err instanceof HttpError && (err.status === 404 || err.status === 403);

const tooMany = (retryAfter: number) =>
  new HttpError(429, "too_many_attempts", "Too many wrong attempts. Wait a few minutes and try again.", {
    "retry-after": String(Math.max(1, retryAfter)),
  });

/**
 * Guards an endpoint that takes a guessable secret (a join code, a key).
 *
 * A wrong guess is answered more slowly each time, counted per address and, where the request names a
 * workshop, per workshop too (so guessing one workshop's key from many addresses is slowed as well); past
 * the hard limit its answer is 429. An address has at most `MAX_IN_FLIGHT` attempts in flight: more are
 * answered 429 at once without being checked, so running guesses in parallel gains nothing.
 *
 * A right answer is never slowed, and past mistakes never refuse it: a room behind one venue address where
 * one person mistyped the code thirty times still joins with the right one. Only while someone at that
 * address has a flood of guesses in flight can a right code be asked to try again a few seconds later.
 */
export function createGuard(
  limiter: FailureLimiter,
  addressOf: (req: IncomingMessage) => string,
  lockedHoldMs = 90_000,
) {
  const inFlight = new Map<string, number>();

  return async function guarded<T>(
    req: IncomingMessage,
    attempt: () => Promise<T>,
    workshop?: string,
  ): Promise<T> {
    const address = addressOf(req);
    const busy = inFlight.get(address) ?? 0;
    if (busy >= MAX_IN_FLIGHT) throw tooMany(4);
    inFlight.set(address, busy + 1);
    try {
      return await attempt();
    } catch (err) {
      if (!isWrongGuess(err)) throw err;
      const delay = limiter.fail(address);
      const scoped = workshop ? limiter.fail(`workshop:${workshop}`) : 0;
      // Past the hard limit a wrong attempt keeps its place in flight for long: a guesser running them in
      // parallel learns a few a minute, while a right code from the same address still passes at once.
      const retryAfter = limiter.retryAfterSeconds(address);
      await sleep(retryAfter > 0 ? lockedHoldMs : Math.max(delay, scoped));
      throw retryAfter > 0 ? tooMany(retryAfter) : err;
    } finally {
      const left = (inFlight.get(address) ?? 1) - 1;
      if (left <= 0) inFlight.delete(address);
      else inFlight.set(address, left);
    }
  };
}

export type Guard = ReturnType<typeof createGuard>;
