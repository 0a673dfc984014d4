import type { IncomingMessage, ServerResponse } from "node:http";
import type { Principal, WorkshopId } from "@continuum/protocol";
import type { Logger } from "pino";
import type { FailureLimiter } from "../auth/limiter.ts";
import type { ParticipantRegistry } from "../auth/participants.ts";
import type { TokenSigner } from "../auth/tokens.ts";
import type { ExportPool } from "../exports/pool.ts";
import type { Store } from "../store/types.ts";
import type { RoomManager } from "../sync/rooms.ts";
import type { Guard } from "./guard.ts";

/** What the handlers share: the server's parts, wired once in http/index.ts. */
export interface HttpDeps {
  store: Store;
  rooms: RoomManager;
  tokens: TokenSigner;
  log: Logger;
  guarded: Guard;
  /** The client's address, believing X-Forwarded-For only from configured proxies. */
  addressOf: (req: IncomingMessage) => string;
  /** Workshops one address may create or import per window. */
  creations: FailureLimiter;
  /** People one address may add from devices already in a workshop per window (PEOPLE-4). */
  additions: FailureLimiter;
  /** The people of each workshop (participant ids, removal). */
  participants: ParticipantRegistry;
  /** Open connections per participant of a workshop, right now. */
  connectionsOf: (workshopId: WorkshopId) => Map<string, number>;
  /** Where exports are rendered and archives imported: worker threads, off the event loop. */
  exportPool: ExportPool;
  /** When set, importing needs this key. */
  importKey: string | undefined;
  stats: () => Record<string, number>;
  /** With several nodes (STORAGE=postgres): every live node with its rooms and connections; else absent. */
  clusterView?: () => Promise<unknown>;
  /** Closes a workshop's open connections whose principal matches (revoked links, a closed workshop). */
  disconnect: (
    workshopId: WorkshopId,
    which: (who: Principal) => boolean,
    code: number,
    reason: string,
  ) => void;
}

/** One request as a handler sees it: path parameters decoded, the query parsed. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string | undefined>;
}

/** A handler answers through `res` (exports stream a file) or returns a JSON body with a status. */
export type Handler = (
  ctx: RequestContext,
) => Promise<{ status: number; body: unknown } | undefined> | { status: number; body: unknown } | undefined;
