import type { IncomingMessage } from "node:http";
import type { FailureLimiter } from "../auth/limiter.ts";
import { HttpError } from "./errors.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Attempts of one address waiting their turn, past which more are refused at once. */
const MAX_WAITING = 20;

const isWrongGuess = (err: unknown) => err instanceof HttpError && (err.status === 404 || err.status === 403);

const tooMany = (retryAfter: number) =>
  new HttpError(429, "too_many_attempts", "Too many wrong attempts. Wait a few minutes and try again.", {
    "retry-after": String(Math.max(1, retryAfter)),
  });

/**
 * Guards an endpoint that takes a guessable secret (a join code, a key).
 *
 * A wrong guess is answered more slowly each time, counted per address and, where the request names a
 * workshop, per workshop too (so guessing one workshop's key from many addresses is slowed as well). Past
 * the free failures an address's attempts take turns, so a guesser cannot run them in parallel; past the
 * hard limit its wrong guesses are answered 429.
 *
 * A right answer is never slowed or refused: a room behind one venue address (a NAT, a proxy) where one
 * person mistyped the code thirty times can still join with the right one.
 */
export function createGuard(limiter: FailureLimiter, addressOf: (req: IncomingMessage) => string) {
  const turns = new Map<string, { tail: Promise<unknown>; waiting: number }>();

  return async function guarded<T>(
    req: IncomingMessage,
    attempt: () => Promise<T>,
    workshop?: string,
  ): Promise<T> {
    const address = addressOf(req);
    const run = async (): Promise<T> => {
      try {
        return await attempt();
      } catch (err) {
        if (!isWrongGuess(err)) throw err;
        const delay = limiter.fail(address);
        const scoped = workshop ? limiter.fail(`workshop:${workshop}`) : 0;
        await sleep(Math.max(delay, scoped));
        const retryAfter = limiter.retryAfterSeconds(address);
        throw retryAfter > 0 ? tooMany(retryAfter) : err;
      }
    };
    if (!limiter.overFree(address)) return run();

    const queue = turns.get(address) ?? { tail: Promise.resolve(), waiting: 0 };
    if (queue.waiting >= MAX_WAITING) throw tooMany(limiter.retryAfterSeconds(address));
    queue.waiting++;
    turns.set(address, queue);
    const mine = queue.tail.then(run, run);
    queue.tail = mine.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await mine;
    } finally {
      queue.waiting--;
      if (queue.waiting === 0 && turns.get(address) === queue) turns.delete(address);
    }
  };
}

export type Guard = ReturnType<typeof createGuard>;
