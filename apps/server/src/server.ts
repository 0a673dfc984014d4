import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { FailureLimiter } from "./auth/limiter.ts";
import { ParticipantRegistry } from "./auth/participants.ts";
import { TokenSigner } from "./auth/tokens.ts";
import type { Cluster } from "./cluster/cluster.ts";
import { clusterFor, openStore, tokenSecretFor } from "./cluster/node.ts";
import { defaultConfig, type ServerConfig } from "./config.ts";
import { ExportPool } from "./exports/pool.ts";
import { createHttpHandler } from "./http/index.ts";
import { createLogger } from "./log.ts";
import type { Store } from "./store/types.ts";
import { keepNamesOut } from "./sync/anonymity.ts";
import { BallotBox } from "./sync/ballots.ts";
import { RoomManager } from "./sync/rooms.ts";
import { SyncService } from "./sync/service.ts";
import { wsSocket } from "./sync/socket.ts";

export interface RunningServer {
  /** `http://127.0.0.1:<port>` (loopback, for tests and tools on this machine). */
  url: string;
  port: number;
  http: Server;
  store: Store;
  rooms: RoomManager;
  /** The sync rules; tests connect to it directly through sync/direct.ts as well as over real sockets. */
  sync: SyncService;
  log: Logger;
  /** With STORAGE=postgres this node is one of several (cluster/cluster.ts); otherwise null. */
  cluster: Cluster | null;
  stats(): { rooms: number; connections: number };
  /** Stops accepting, closes clients with 1001, writes and unloads every document, closes the store. */
  close(): Promise<void>;
}

const SYNC_PREFIX = "/sync/";

function destroySocket(this: Duplex): void {
  this.destroy();
}

export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...defaultConfig(), ...overrides };
  const log = createLogger(config.logLevel, config.logStream);
  const store = await openStore(config);
  const tokens = new TokenSigner(await tokenSecretFor(config, store));
  const cluster = await clusterFor(config, store, log);
  const rooms = new RoomManager(store, log, {
    idleUnloadMs: config.idleUnloadMs,
    compactEvery: config.compactEvery,
  });
  // ANON-2: an anonymous workshop's documents keep no names, whatever the clients write.
  keepNamesOut(rooms);
  // The sync limits are settings of their own in the configuration, by the same names.
  const participants = new ParticipantRegistry(store);
  const ballots = new BallotBox(rooms, store, log);
  const sync = new SyncService(rooms, store, tokens, log, config, participants, ballots);
  // On PostgreSQL both limiters count on every node, so guessing spread over nodes is slowed as on one.
  const limiter = cluster?.limiter("guess", config.rateLimit) ?? new FailureLimiter(config.rateLimit);
  // Creations are counted like failures: each one is a mark in the window, the limit is the hard limit.
  const creationLimits = {
    windowMs: config.createWindowMs,
    free: config.createLimit,
    hardLimit: config.createLimit,
    maxDelayMs: 0,
  };
  const creations = cluster?.limiter("create", creationLimits) ?? new FailureLimiter(creationLimits);
  // People added from shared tablets are counted per address the same way (PEOPLE-4).
  const additionLimits = {
    windowMs: config.addPeopleWindowMs,
    free: config.addPeopleLimit,
    hardLimit: config.addPeopleLimit,
    maxDelayMs: 0,
  };
  const additions = cluster?.limiter("add", additionLimits) ?? new FailureLimiter(additionLimits);
  const sweep = setInterval(() => {
    limiter.sweep();
    creations.sweep();
    additions.sweep();
  }, 60_000);
  sweep.unref();
  const stats = () => ({ rooms: rooms.loadedNames().length, connections: sync.connectionCount() });

  const exportPool = new ExportPool({
    threads: Math.max(1, config.exportThreads),
    maxQueue: config.exportQueue,
    timeoutMs: config.exportTimeoutMs,
    maxHeapMb: config.exportHeapMb,
  });
  const http = createServer(
    createHttpHandler({
      store,
      rooms,
      tokens,
      limiter,
      freeFailures: config.rateLimit.free,
      creations,
      additions,
      exportPool,
      participants,
      connectionsOf: (id) => sync.connectionsOf(id),
      trustProxy: config.trustProxy,
      importKey: config.importKey,
      log,
      webDir: config.webDir,
      stats,
      clusterView: cluster ? () => cluster.view() : undefined,
      disconnect: (id, which, code, reason) => {
        sync.disconnectWorkshop(id, which, code, reason);
        // The other nodes re-read the workshop's record and close what it no longer allows.
        cluster?.workshopChanged(id);
      },
    }),
  );
  // ws closes a connection whose frame is larger than maxPayload with 1009 (Message Too Big).
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
  http.on("upgrade", (req, socket, head) => {
    // A function of its own, not a closure: a closure here shares its scope with the upgrade callback
    // below and would keep the request (with its token-bearing URL) alive for the life of every socket.
    socket.on("error", destroySocket);
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith(SYNC_PREFIX)) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(SYNC_PREFIX.length));
    } catch {
      docName = "";
    }
    const token = url.searchParams.get("token");
    wss.handleUpgrade(req, socket, head, (ws) => {
      // From here ws owns the socket and its errors.
      socket.off("error", destroySocket);
      wsSocket(ws, (socket) => sync.handle(socket, docName, token));
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  await cluster?.start({ rooms, sync, people: participants, stats, port });

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    http,
    store,
    rooms,
    sync,
    log,
    cluster,
    stats,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        sync.closeAll();
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
        await cluster?.close();
        await rooms.closeAll();
        await exportPool.close();
        await store.close();
      })();
      return closing;
    },
  };
}
