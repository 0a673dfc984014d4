import type { IncomingMessage } from "node:http";
import type { FailureLimiter } from "../auth/limiter.ts";
import { HttpError } from "./errors.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Guards an endpoint that takes a guessable secret (a join code, a key): a wrong one (404 or 403) is
 * answered more slowly each time, then the address is refused with 429 for a while. Successes are never
 * slowed.
 */
export function createGuard(limiter: FailureLimiter, addressOf: (req: IncomingMessage) => string) {
  return async function guarded<T>(req: IncomingMessage, attempt: () => Promise<T>): Promise<T> {
    const address = addressOf(req);
    const retryAfter = limiter.retryAfterSeconds(address);
    if (retryAfter > 0) {
      throw new HttpError(
        429,
        "too_many_attempts",
        "Too many wrong attempts. Wait a few minutes and try again.",
        { "retry-after": String(retryAfter) },
      );
    }
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof HttpError && (err.status === 404 || err.status === 403))
        await sleep(limiter.fail(address));
      throw err;
    }
  };
}

export type Guard = ReturnType<typeof createGuard>;
