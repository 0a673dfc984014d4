/**
 * The HTTP layer: one route table (find-my-way) over handlers grouped by what they are about, JSON in and
 * out, errors as `{ error: { code, message } }`, and the built web app for every other GET.
 *
 * A new endpoint: write its handler in the `routes/` module of its group (or a new one), its request schema
 * in packages/protocol/src/api.ts, and add one line to the table below.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import FindMyWay, { type HTTPMethod } from "find-my-way";
import proxyaddr from "proxy-addr";
import type { FailureLimiter } from "../auth/limiter.ts";
import { pathOnly } from "../log.ts";
import type { Handler, HttpDeps } from "./context.ts";
import { HttpError } from "./errors.ts";
import { createGuard } from "./guard.ts";
import { sendError, sendJson } from "./respond.ts";
import { exportRoutes } from "./routes/exports.ts";
import { historyRoutes } from "./routes/history.ts";
import { participantRoutes } from "./routes/participants.ts";
import { peopleRoutes } from "./routes/people.ts";
import { shareRoutes } from "./routes/share.ts";
import { shareBackRoutes } from "./routes/shareBack.ts";
import { workshopRoutes } from "./routes/workshops.ts";
import { staticFiles } from "./static.ts";

export { HttpError } from "./errors.ts";

export interface HttpOptions extends Omit<HttpDeps, "guarded" | "addressOf"> {
  limiter: FailureLimiter;
  /** Wrong guesses an address may make before they are slowed (see http/guard.ts). */
  freeFailures: number;
  webDir: string;
  /** Proxies whose X-Forwarded-For is believed (see ServerConfig.trustProxy). */
  trustProxy: string;
}

/** The methods any route answers, to say which ones a path takes when it is asked with another (405). */
const METHODS: HTTPMethod[] = ["GET", "HEAD", "POST", "DELETE"];
/** No id, code or format comes near this; a longer path segment is refused (414) rather than looked up. */
const MAX_SEGMENT = 200;

/** Every node of a cluster as it last reported itself; a single node answers 404 (it has no cluster). */
const clusterHealth =
  (deps: HttpDeps): Handler =>
  async () => {
    if (!deps.clusterView) {
      throw new HttpError(404, "not_a_cluster", "This server runs alone (STORAGE is not postgres).");
    }
    return { status: 200, body: await deps.clusterView() };
  };

export function createHttpHandler(options: HttpOptions) {
  // The client's address: the socket's, or what a configured proxy says it forwarded for.
  const trusted = proxyaddr.compile(
    options.trustProxy
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const addressOf = (req: IncomingMessage): string => proxyaddr(req, trusted);
  const deps: HttpDeps = {
    ...options,
    addressOf,
    guarded: createGuard(options.limiter, addressOf, options.freeFailures),
  };
  const { log } = deps;
  const workshops = workshopRoutes(deps);
  const people = peopleRoutes(deps);
  const exports = exportRoutes(deps);
  const sharing = shareRoutes(deps);
  const participants = participantRoutes(deps);
  const history = historyRoutes(deps);
  const shareBack = shareBackRoutes(deps);

  const router = FindMyWay<FindMyWay.HTTPVersion.V1>({
    ignoreTrailingSlash: false,
    maxParamLength: MAX_SEGMENT,
  });
  const table: [HTTPMethod | HTTPMethod[], string, Handler][] = [
    // `now` lets clients agree on one clock for the timer (tablets' own clocks drift by minutes).
    [
      ["GET", "HEAD"],
      "/healthz",
      () => ({ status: 200, body: { ok: true, now: Date.now(), ...deps.stats() } }),
    ],
    [["GET", "HEAD"], "/healthz/cluster", clusterHealth(deps)],
    ["POST", "/api/workshops", workshops.create],
    ["POST", "/api/workshops/import", workshops.importArchive],
    ["POST", "/api/workshops/:id/revoke", workshops.revoke],
    ["POST", "/api/workshops/:id/close", workshops.close],
    ["GET", "/api/workshops/:id/share", sharing.share],
    [["GET", "HEAD"], "/api/workshops/:id/export/:format", exports.exportWorkshop],
    ["GET", "/api/workshops/:id/moves", history.moves],
    ["GET", "/api/lookup/:code", people.lookup],
    ["POST", "/api/join", people.join],
    ["POST", "/api/rejoin", people.rejoin],
    ["POST", "/api/session", people.session],
    ["POST", "/api/workshops/:id/people", people.addPerson],
    ["GET", "/api/workshops/:id/participants", participants.list],
    ["POST", "/api/workshops/:id/participants/:participant/remove", participants.remove],
    ["POST", "/api/workshops/:id/participants/:participant/restore", participants.restore],
    ["POST", "/api/workshops/:id/share-back", shareBack.publish],
    ["GET", "/api/workshops/:id/share-back", shareBack.status],
    ["DELETE", "/api/workshops/:id/share-back", shareBack.withdraw],
    ["GET", "/api/results/:slug", shareBack.results],
  ];
  for (const [method, path, handler] of table) router.on(method, path, () => {}, { handler });

  const serveStatic = staticFiles(options.webDir);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = (req.method ?? "GET") as HTTPMethod;
    const p = url.pathname;
    // Every path is decoded once here, so a malformed one is a 400 for the sender and never an exception
    // deeper in (a router or a handler decoding `%E0%A4%A` would throw).
    try {
      decodeURIComponent(p);
    } catch {
      throw new HttpError(400, "invalid_path", "The address is not correctly encoded.");
    }
    const found = router.find(method, p);
    const handler = (found?.store as { handler: Handler } | undefined)?.handler;
    if (found && handler) {
      const answer = await handler({ req, res, url, params: found.params });
      if (answer) sendJson(res, answer.status, answer.body);
      return;
    }
    if (p.startsWith("/api/") || p === "/api" || p === "/healthz") {
      const allowed = METHODS.filter((m) => m !== method && router.find(m, p));
      if (allowed.length > 0) {
        throw new HttpError(
          405,
          "method_not_allowed",
          `${p} answers ${allowed.join(" and ")}, not ${method}.`,
          {
            allow: allowed.join(", "),
          },
        );
      }
      if (p.split("/").some((segment) => segment.length > MAX_SEGMENT)) {
        throw new HttpError(414, "path_too_long", "A part of the address is too long.");
      }
      throw new HttpError(404, "not_found", `No API endpoint ${method} ${p}. See docs/api.md.`);
    }
    const notFound = () => sendError(res, new HttpError(404, "not_found", "Not found."));
    if (method === "GET" || method === "HEAD") return serveStatic(req, res, notFound);
    throw new HttpError(405, "method_not_allowed", `Pages answer GET and HEAD, not ${method}.`, {
      allow: "GET, HEAD",
    });
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    try {
      await route(req, res);
    } catch (err) {
      if (err instanceof HttpError) sendError(res, err);
      else {
        log.error({ err, path: pathOnly(req.url) }, "request failed");
        sendError(
          res,
          new HttpError(500, "internal_error", "Something went wrong on the server. Try again."),
        );
      }
    } finally {
      log.debug(
        {
          method: req.method,
          path: pathOnly(req.url),
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    }
  };
}
