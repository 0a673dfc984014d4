import pino, { type Logger } from "pino";

/**
 * Structured logs. Secrets never reach them: request logs carry the path without its query string (where
 * WebSocket tokens travel), and any field that could hold a key or token is censored wherever it appears.
 */
export function createLogger(level: string, stream?: NodeJS.WritableStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: {
      paths: [
        "token",
        "key",
        "facilitatorKey",
        "observerKey",
        "*.token",
        "*.key",
        "*.facilitatorKey",
        "*.observerKey",
        "req.headers.authorization",
        "headers.authorization",
      ],
      censor: "[redacted]",
    },
  };
  return stream ? pino(options, stream as pino.DestinationStream) : pino(options);
}

/**
 * The URL path with the query string removed, for logging. What in a path opens a workshop is replaced: a
 * share-back page's slug (`/results/<slug>`, `/api/results/<slug>`), and a join code (`/join/<code>`,
 * `/api/lookup/<code>`), which lets anyone who reads it into the workshop.
 */
export const pathOnly = (url: string | undefined): string =>
  ((url ?? "").split("?")[0] ?? "")
    .replace(/\/results\/[^/]*/, "/results/[redacted]")
    .replace(/^\/(join|api\/lookup)\/[^/]*/, "/$1/[redacted]");
