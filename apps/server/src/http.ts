import { createReadStream, existsSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { ArchiveError, importArchiveUpdates, parseArchive } from "@continuum/export";
import { initWorkshop, listGroups, readMeta } from "@continuum/model";
import {
  type ApiError,
  CloseCode,
  type CreateWorkshopResponse,
  isId,
  isJoinCode,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  type JoinResponse,
  type LookupResponse,
  newWorkshopId,
  normalizeJoinCode,
  type Principal,
  type RevokeResponse,
  type SessionResponse,
  WORKSHOP_TEMPLATES,
  type WorkshopId,
  type WorkshopTemplate,
  workshopDocName,
} from "@continuum/protocol";
import type { Logger } from "pino";
import * as Y from "yjs";
import { type FailureLimiter, hashKey, keyMatches, newSecretKey, type TokenSigner } from "./auth.ts";
import { EXPORT_ROUTE, serveExport } from "./exports.ts";
import { authorizeFacilitator } from "./facilitatorAuth.ts";
import { pathOnly } from "./log.ts";
import type { RoomManager } from "./rooms.ts";
import type { Store } from "./store/types.ts";

const MAX_BODY_BYTES = 64 * 1024;
/** Archives carry every note of a workshop: a long series of meetings is still far below this. */
const MAX_ARCHIVE_BYTES = 16 * 1024 * 1024;

/** An error with an HTTP status and a sentence for a person. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface HttpDeps {
  store: Store;
  rooms: RoomManager;
  tokens: TokenSigner;
  limiter: FailureLimiter;
  log: Logger;
  webDir: string;
  stats: () => Record<string, number>;
  /** Closes a workshop's open connections whose principal matches (revoked links, a closed workshop). */
  disconnect: (
    workshopId: WorkshopId,
    which: (who: Principal) => boolean,
    code: number,
    reason: string,
  ) => void;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: HttpError): void {
  const body: ApiError = { error: { code: err.code, message: err.message } };
  sendJson(res, err.status, body, err.headers);
}

async function readJson(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const type = req.headers["content-type"] ?? "";
  if (!type.includes("application/json")) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      "Send the request body as JSON (Content-Type: application/json).",
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new HttpError(413, "body_too_large", `The request body is larger than ${maxBytes / 1024} KiB.`);
    }
    chunks.push(chunk as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, "invalid_json", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

function text(
  body: Record<string, unknown>,
  field: string,
  opts: { max: number; required?: boolean },
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (opts.required) throw new HttpError(400, "missing_field", `"${field}" is required.`);
    return undefined;
  }
  if (typeof value !== "string") throw new HttpError(400, "invalid_field", `"${field}" must be a string.`);
  const trimmed = value.trim();
  if (opts.required && trimmed.length === 0)
    throw new HttpError(400, "missing_field", `"${field}" must not be empty.`);
  if (trimmed.length > opts.max) {
    throw new HttpError(400, "invalid_field", `"${field}" must be at most ${opts.max} characters.`);
  }
  return trimmed;
}

function textList(
  body: Record<string, unknown>,
  field: string,
  maxItems: number,
  maxLength: number,
): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new HttpError(400, "invalid_field", `"${field}" must be a list of strings.`);
  }
  const items = value.map((v: string) => v.trim()).filter((v) => v.length > 0);
  if (items.length > maxItems)
    throw new HttpError(400, "invalid_field", `"${field}" may have at most ${maxItems} items.`);
  if (items.some((v) => v.length > maxLength)) {
    throw new HttpError(400, "invalid_field", `Each of "${field}" must be at most ${maxLength} characters.`);
  }
  return items;
}

function randomJoinCode(): string {
  const bytes = new Uint8Array(JOIN_CODE_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length]).join("");
}

const clientAddress = (req: IncomingMessage): string => req.socket.remoteAddress ?? "unknown";

export function createHttpHandler(deps: HttpDeps) {
  const { store, rooms, tokens, limiter, log } = deps;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Guards endpoints that take a guessable secret (join code, key): failures are slowed, then refused. */
  async function guarded<T>(req: IncomingMessage, attempt: () => Promise<T>): Promise<T> {
    const address = clientAddress(req);
    const retryAfter = limiter.retryAfterSeconds(address);
    if (retryAfter > 0) {
      throw new HttpError(
        429,
        "too_many_attempts",
        "Too many wrong attempts. Wait a few minutes and try again.",
        {
          "retry-after": String(retryAfter),
        },
      );
    }
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof HttpError && (err.status === 404 || err.status === 403))
        await sleep(limiter.fail(address));
      throw err;
    }
  }

  /** Reads a workshop document (loading it if needed) without keeping it loaded longer than idle rooms stay. */
  async function withWorkshopDoc<T>(id: WorkshopId, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await rooms.acquire(workshopDocName(id));
    try {
      return read(room.doc);
    } finally {
      rooms.release(room);
    }
  }

  async function findOpenByCode(rawCode: unknown) {
    if (typeof rawCode !== "string" || rawCode.trim() === "") {
      throw new HttpError(400, "missing_field", "Enter the workshop code.");
    }
    const code = normalizeJoinCode(rawCode);
    const workshop = isJoinCode(code) ? await store.findWorkshopByCode(code) : null;
    if (!workshop) {
      throw new HttpError(
        404,
        "unknown_code",
        "There is no open workshop with that code. Check the code and try again.",
      );
    }
    return workshop;
  }

  async function createWorkshop(req: IncomingMessage): Promise<CreateWorkshopResponse> {
    const body = await readJson(req);
    const title = text(body, "title", { max: 200, required: true }) as string;
    const template = (body.template ?? "blank") as WorkshopTemplate;
    if (!WORKSHOP_TEMPLATES.includes(template)) {
      throw new HttpError(
        400,
        "invalid_field",
        `"template" must be one of: ${WORKSHOP_TEMPLATES.join(", ")}.`,
      );
    }
    const groups = textList(body, "groups", 20, 80);
    const aspects = textList(body, "aspects", 100, 200);
    const date = text(body, "date", { max: 10 });
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new HttpError(400, "invalid_field", '"date" must be YYYY-MM-DD.');
    const description = text(body, "description", { max: 2000 });

    const id = newWorkshopId();
    const doc = new Y.Doc();
    initWorkshop(doc, { id, title, template, groups, aspects, date, description });
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const created = await register(id, new Map([[workshopDocName(id), update]]));
    log.info({ workshop: id, template }, "workshop created");
    return created;
  }

  /**
   * Stores a new workshop's documents, then its record with a fresh join code and keys. Documents first,
   * so a workshop that can be joined always has them.
   */
  async function register(id: WorkshopId, docs: Map<string, Uint8Array>): Promise<CreateWorkshopResponse> {
    for (const [name, update] of docs) await store.appendUpdate(name, update);
    const facilitatorKey = newSecretKey();
    const observerKey = newSecretKey();
    for (let attempt = 0; ; attempt++) {
      const joinCode = randomJoinCode();
      try {
        await store.createWorkshop({
          id,
          joinCode,
          facilitatorKeyHash: hashKey(facilitatorKey),
          observerKeyHash: hashKey(observerKey),
          tokenVersion: 1,
          createdAt: Date.now(),
          closedAt: null,
        });
        const token = tokens.sign(
          { workshopId: id, role: "facilitator", group: null, name: "Facilitator" },
          1,
        );
        return { id, joinCode, facilitatorKey, observerKey, token };
      } catch (err) {
        // A join code already in use by another open workshop: draw again (one in a billion per draw).
        if (attempt >= 5) throw err;
      }
    }
  }

  /**
   * `POST /api/workshops/import`: a new workshop from a JSON archive (an export). The archive's ids are
   * kept, so export → import → export gives the same archive; a workshop id already on this server gets a
   * new one. The new workshop has its own join code and keys: an archive carries no secrets.
   */
  async function importWorkshop(req: IncomingMessage): Promise<CreateWorkshopResponse> {
    const body = await readJson(req, MAX_ARCHIVE_BYTES);
    let archived: ReturnType<typeof parseArchive>;
    try {
      archived = parseArchive(body);
    } catch (err) {
      if (err instanceof ArchiveError) throw new HttpError(400, "invalid_archive", err.message);
      throw err;
    }
    const original = archived.workshop.id;
    const taken = !isId(original) || (await store.getWorkshop(original as WorkshopId)) !== null;
    const id = taken ? newWorkshopId() : (original as WorkshopId);
    const docs = importArchiveUpdates(body, { workshopId: id });
    const created = await register(id, docs);
    log.info({ workshop: id, documents: docs.size, newId: taken }, "workshop imported");
    return created;
  }

  async function lookup(req: IncomingMessage, rawCode: string): Promise<LookupResponse> {
    return guarded(req, async () => {
      const workshop = await findOpenByCode(decodeURIComponent(rawCode));
      return withWorkshopDoc(workshop.id, (doc) => ({
        workshopId: workshop.id,
        title: readMeta(doc).title,
        groups: listGroups(doc).map((g) => ({ id: g.id, name: g.name })),
      }));
    });
  }

  async function join(req: IncomingMessage): Promise<JoinResponse> {
    const body = await readJson(req);
    const name = text(body, "name", { max: 60, required: true }) as string;
    const groupInput = text(body, "group", { max: 80, required: true }) as string;
    return guarded(req, async () => {
      const workshop = await findOpenByCode(body.code);
      const groups = await withWorkshopDoc(workshop.id, (doc) => listGroups(doc));
      const group =
        groups.find((g) => g.id === groupInput) ??
        groups.find((g) => g.name.toLocaleLowerCase() === groupInput.toLocaleLowerCase());
      if (!group) {
        const names = groups.map((g) => `"${g.name}"`).join(", ");
        throw new HttpError(
          400,
          "unknown_group",
          groups.length
            ? `There is no group "${groupInput}" in this workshop. Choose one of: ${names}.`
            : "This workshop has no groups yet. Ask the facilitator to add one.",
        );
      }
      const token = tokens.sign(
        { workshopId: workshop.id, role: "participant", group: group.id, name },
        workshop.tokenVersion,
      );
      return {
        workshopId: workshop.id,
        token,
        role: "participant",
        group: group.id,
        groupName: group.name,
        name,
      };
    });
  }

  async function session(req: IncomingMessage): Promise<SessionResponse> {
    const body = await readJson(req);
    const workshopId = text(body, "workshopId", { max: 64, required: true }) as string;
    const key = text(body, "key", { max: 200, required: true }) as string;
    const name = text(body, "name", { max: 60 });
    return guarded(req, async () => {
      const workshop = isId(workshopId) ? await store.getWorkshop(workshopId as WorkshopId) : null;
      if (!workshop) throw new HttpError(404, "unknown_workshop", "There is no workshop at this link.");
      if (workshop.closedAt !== null)
        throw new HttpError(410, "workshop_closed", "This workshop has been closed.");
      const role = keyMatches(key, workshop.facilitatorKeyHash)
        ? "facilitator"
        : keyMatches(key, workshop.observerKeyHash)
          ? "observer"
          : null;
      if (!role) {
        throw new HttpError(
          403,
          "wrong_key",
          "This link is not valid any more. Ask the facilitator for a new link.",
        );
      }
      const displayName = name ?? (role === "facilitator" ? "Facilitator" : "Big screen");
      const token = tokens.sign(
        { workshopId: workshop.id, role, group: null, name: displayName },
        workshop.tokenVersion,
      );
      return { workshopId: workshop.id, token, role };
    });
  }

  /**
   * `POST /api/workshops/<id>/revoke`: new facilitator and observer keys; every facilitator and room-screen
   * token issued so far stops working at once (a private link was shared by mistake). Participants keep
   * theirs. `POST /api/workshops/<id>/close`: nobody can join or connect any more; exports still work.
   */
  async function manage(req: IncomingMessage, rawId: string, action: string): Promise<unknown> {
    const workshop = await guarded(req, () =>
      authorizeFacilitator(req, store, tokens, rawId, "Workshop settings"),
    );
    if (action === "close") {
      const closedAt = workshop.closedAt ?? Date.now();
      await store.updateWorkshop(workshop.id, { closedAt });
      deps.disconnect(workshop.id, () => true, CloseCode.WorkshopClosed, "workshop closed");
      log.info({ workshop: workshop.id }, "workshop closed");
      return { workshopId: workshop.id, closedAt };
    }
    const facilitatorKey = newSecretKey();
    const observerKey = newSecretKey();
    const tokenVersion = workshop.tokenVersion + 1;
    await store.updateWorkshop(workshop.id, {
      facilitatorKeyHash: hashKey(facilitatorKey),
      observerKeyHash: hashKey(observerKey),
      tokenVersion,
    });
    deps.disconnect(workshop.id, (who) => who.role !== "participant", CloseCode.Unauthorized, "link revoked");
    log.info({ workshop: workshop.id }, "private links revoked");
    const token = tokens.sign(
      { workshopId: workshop.id, role: "facilitator", group: null, name: "Facilitator" },
      tokenVersion,
    );
    const body: RevokeResponse = { workshopId: workshop.id, facilitatorKey, observerKey, token };
    return body;
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, urlPath: string): boolean {
    if (!existsSync(deps.webDir)) return false;
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath);
    } catch {
      return false;
    }
    const file = path.join(deps.webDir, path.normalize(relative));
    // Never serve outside the web folder (../ tricks).
    const inside = file.startsWith(deps.webDir + path.sep);
    const target =
      inside && existsSync(file) && statSync(file).isFile() ? file : path.join(deps.webDir, "index.html");
    if (!existsSync(target)) return false;
    const isAsset = target.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      "content-type": MIME[path.extname(target)] ?? "application/octet-stream",
      // Hashed asset names never change content; index.html must always be fresh to pick up new builds.
      "cache-control": isAsset ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(target).pipe(res);
    return true;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const p = url.pathname;
    const method = req.method ?? "GET";

    // `now` lets clients agree on one clock for the timer (tablets' own clocks drift by minutes).
    if (p === "/healthz") return sendJson(res, 200, { ok: true, now: Date.now(), ...deps.stats() });
    if (p === "/api/workshops" && method === "POST") return sendJson(res, 201, await createWorkshop(req));
    if (p === "/api/workshops/import" && method === "POST")
      return sendJson(res, 201, await importWorkshop(req));
    if (p === "/api/join" && method === "POST") return sendJson(res, 200, await join(req));
    if (p === "/api/session" && method === "POST") return sendJson(res, 200, await session(req));
    const lookupMatch = /^\/api\/lookup\/([^/]+)$/.exec(p);
    if (lookupMatch && method === "GET") return sendJson(res, 200, await lookup(req, lookupMatch[1] ?? ""));
    const manageMatch = /^\/api\/workshops\/([^/]+)\/(revoke|close)$/.exec(p);
    if (manageMatch && method === "POST") {
      return sendJson(res, 200, await manage(req, manageMatch[1] ?? "", manageMatch[2] ?? ""));
    }
    const exportMatch = EXPORT_ROUTE.exec(p);
    if (exportMatch && (method === "GET" || method === "HEAD"))
      return serveExport(req, res, url, exportMatch, { store, rooms, tokens, guard: (a) => guarded(req, a) });
    if (p.startsWith("/api/") || p === "/api") {
      throw new HttpError(404, "not_found", `No API endpoint ${method} ${p}. See docs/api.md.`);
    }
    if ((method === "GET" || method === "HEAD") && serveStatic(req, res, p)) return;
    throw new HttpError(404, "not_found", "Not found.");
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
