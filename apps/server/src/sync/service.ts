import {
  type Access,
  type AccessDecision,
  CloseCode,
  decideAccess,
  type Principal,
  parseDocName,
  type WorkshopId,
  workshopDocName,
} from "@continuum/protocol";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import * as authProtocol from "y-protocols/auth";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { TokenSigner } from "../auth/tokens.ts";
import type { Store } from "../store/types.ts";
import type { Room, RoomManager } from "./rooms.ts";
import { IGNORE, type SocketEvents, type SyncSocket } from "./socket.ts";
import { bringsNews } from "./updateNews.ts";

// y-websocket's top-level message types.
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

export interface SyncLimits {
  maxBufferedBytes: number;
  maxAwarenessStateBytes: number;
  pingIntervalMs: number;
}

class ProtocolError extends Error {}

/**
 * One client's WebSocket on one document. Messages that arrive while the room is loading are queued, so the
 * client's first sync step is answered from the stored state and never from an empty document.
 */
class Connection {
  room: Room | null = null;
  access: Access = "none";
  /** Awareness client ids this connection has announced; it may change only these. */
  readonly awarenessIds = new Set<number>();
  private queue: Uint8Array[] | null = [];
  closed = false;
  alive = true;

  constructor(
    readonly ws: SyncSocket,
    readonly principal: Principal,
    readonly docNameRaw: string,
  ) {}

  enqueueOrNull(data: Uint8Array): boolean {
    if (this.queue) {
      this.queue.push(data);
      return true;
    }
    return false;
  }

  drainQueue(): Uint8Array[] {
    const q = this.queue ?? [];
    this.queue = null;
    return q;
  }
}

export class SyncService {
  /** Every live connection of each room; wired for broadcasting once per loaded room. */
  private readonly roomConns = new WeakMap<Room, Set<Connection>>();
  /** Rooms with at least one connection. */
  private readonly liveRooms = new Set<Room>();
  /** Every live connection of each workshop, whatever its document: a reveal or lock re-decides only these. */
  private readonly byWorkshop = new Map<WorkshopId, Set<Connection>>();
  /** Workshops whose connections are due to be re-decided (batched per microtask). */
  private readonly recheckDue = new Set<WorkshopId>();
  /** Which connection announced each awareness client id, per room. */
  private readonly awarenessOwners = new WeakMap<Room, Map<number, Connection>>();
  private readonly pingTimer: NodeJS.Timeout;

  constructor(
    private readonly rooms: RoomManager,
    private readonly store: Store,
    private readonly tokens: TokenSigner,
    private readonly log: Logger,
    private readonly limits: SyncLimits,
  ) {
    this.pingTimer = setInterval(() => this.ping(), limits.pingIntervalMs);
    this.pingTimer.unref();
  }

  connectionCount(): number {
    let n = 0;
    for (const room of this.liveRooms) n += this.roomConns.get(room)?.size ?? 0;
    return n;
  }

  /**
   * Entry point for a client's socket at `/sync/<document name>?token=…`, whatever carries it (a ws
   * WebSocket in the server, a direct pair in tests): returns what the carrier must call when something
   * arrives from the client.
   */
  handle(ws: SyncSocket, docNameRaw: string, token: string | null): SocketEvents {
    const verified = this.tokens.verify(token);
    if (!verified) {
      this.refuse(ws, CloseCode.Unauthorized, "missing or invalid token", docNameRaw);
      return IGNORE;
    }
    const conn = new Connection(ws, verified, docNameRaw);
    this.attach(conn, verified.tokenVersion).catch((err: unknown) => {
      this.log.error({ err, doc: docNameRaw }, "could not open document");
      this.close(conn, CloseCode.GoingAway, "server could not open the document");
    });
    return {
      message: (bytes, isBinary) => {
        if (conn.closed) return;
        if (!isBinary) {
          this.close(conn, CloseCode.Malformed, "text frames are not part of the protocol");
          return;
        }
        if (conn.enqueueOrNull(bytes)) return;
        this.receive(conn, bytes);
      },
      pong: () => {
        conn.alive = true;
      },
      closed: () => this.detach(conn),
      error: (err) => {
        this.log.warn({ err: err.message, doc: docNameRaw }, "socket error");
        ws.terminate();
      },
    };
  }

  private async attach(conn: Connection, tokenVersion: number): Promise<void> {
    const docName = parseDocName(conn.docNameRaw);
    const who = conn.principal;
    if (!docName) return this.close(conn, CloseCode.NotFound, "no such document");
    const workshop = await this.store.getWorkshop(docName.workshopId);
    if (!workshop || workshop.id !== who.workshopId) {
      const code = workshop ? CloseCode.Forbidden : CloseCode.NotFound;
      return this.close(conn, code, workshop ? "token is for another workshop" : "no such workshop");
    }
    if (workshop.closedAt !== null) return this.close(conn, CloseCode.WorkshopClosed, "workshop closed");
    // New private links (POST …/revoke) end the facilitator's and the room screen's old tokens; participants
    // joined with the code and keep theirs.
    if (who.role !== "participant" && tokenVersion !== workshop.tokenVersion)
      return this.close(conn, CloseCode.Unauthorized, "token revoked");
    if (conn.closed) return;

    // The workshop room decides access; hold it while we decide, so it cannot unload under us.
    const workshopRoom = await this.rooms.acquire(workshopDocName(docName.workshopId));
    try {
      // Decided before the room is loaded, so a refused name never creates a document.
      if (this.refused(conn, decideAccess(docName, who, workshopRoom.view()))) return;
      const room = await this.rooms.acquire(conn.docNameRaw);
      // Decided again: a reveal could have been taken back while the room loaded, and this connection is
      // not yet among those a change of control state re-decides.
      const decision = decideAccess(docName, who, workshopRoom.view());
      if (conn.closed || this.refused(conn, decision)) {
        this.rooms.release(room);
        return;
      }
      conn.room = room;
      conn.access = decision.access;
      this.join(conn, room, workshopRoom);
    } finally {
      this.rooms.release(workshopRoom);
    }
  }

  /** Closes the connection if the decision gives no access (4404 or 4403); says whether it did. */
  private refused(conn: Connection, decision: AccessDecision): boolean {
    if (decision.access !== "none") return false;
    const notFound = "reason" in decision && decision.reason === "not-found";
    this.close(
      conn,
      notFound ? CloseCode.NotFound : CloseCode.Forbidden,
      notFound ? "no such document" : "not allowed",
    );
    return true;
  }

  private join(conn: Connection, room: Room, workshopRoom: Room): void {
    let set = this.roomConns.get(room);
    if (!set) {
      set = new Set();
      this.roomConns.set(room, set);
      this.wireRoom(room, set);
    }
    set.add(conn);
    this.liveRooms.add(room);
    let peers = this.byWorkshop.get(room.docName.workshopId);
    if (!peers) {
      peers = new Set();
      this.byWorkshop.set(room.docName.workshopId, peers);
    }
    peers.add(conn);
    if (!workshopRoom.onAccessChange.has(this.recheckWorkshop))
      workshopRoom.onAccessChange.add(this.recheckWorkshop);

    this.log.info(
      { doc: room.name, role: conn.principal.role, group: conn.principal.group, access: conn.access },
      "client connected",
    );

    // Our state vector first: the client answers with what we lack (sync step 2) and asks for what it lacks.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, room.doc);
    this.send(conn, encoding.toUint8Array(encoder));
    const states = room.awareness.getStates();
    if (states.size > 0) {
      this.send(conn, this.awarenessMessage(room, [...states.keys()]));
    }
    for (const message of conn.drainQueue()) {
      if (conn.closed) break;
      this.receive(conn, message);
    }
  }

  /** Broadcasting for a room is wired once, when its first connection arrives. */
  private wireRoom(room: Room, set: Set<Connection>): void {
    room.onStoredUpdate.add((update, origin) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const conn of set) if (conn !== origin) this.send(conn, message);
    });
    // Every new client asks for the whole document with an empty state vector; the answer is the same for
    // all of them until the document changes, so a join storm encodes a large document once, not per client.
    room.doc.on("update", () => {
      this.fullState.delete(room);
    });
    // Presence changes (cursors, drags) are sent at most once per event-loop turn per room, all changed
    // clients in one message: with 200 people in a room, a message per moving cursor per recipient is what
    // costs the server its time. The sender does not get its own change back.
    let pending: { clients: Set<number>; origins: Set<unknown> } | null = null;
    room.awareness.on(
      "update",
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed];
        if (changed.length === 0) return;
        if (!pending) {
          pending = { clients: new Set(), origins: new Set() };
          setImmediate(() => {
            const batch = pending;
            pending = null;
            if (!batch || room.doc.isDestroyed) return;
            const message = this.awarenessMessage(room, [...batch.clients]);
            const only = batch.origins.size === 1 ? [...batch.origins][0] : undefined;
            for (const conn of set) if (conn !== only) this.send(conn, message);
          });
        }
        for (const id of changed) pending.clients.add(id);
        pending.origins.add(origin);
      },
    );
  }

  /** A room's whole state as a sync step 2 message, while the document has not changed since. */
  private readonly fullState = new WeakMap<Room, Uint8Array>();

  private fullStateMessage(room: Room): Uint8Array {
    let message = this.fullState.get(room);
    if (!message) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, room.doc);
      message = encoding.toUint8Array(encoder);
      this.fullState.set(room, message);
    }
    return message;
  }

  private awarenessMessage(room: Room, clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  private receive(conn: Connection, data: Uint8Array): void {
    const room = conn.room;
    if (!room || conn.closed) return;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          this.receiveSync(conn, room, decoder);
          break;
        case MESSAGE_AWARENESS:
          this.receiveAwareness(conn, room, decoding.readVarUint8Array(decoder));
          break;
        case MESSAGE_QUERY_AWARENESS:
          this.send(conn, this.awarenessMessage(room, [...room.awareness.getStates().keys()]));
          break;
        case MESSAGE_AUTH:
          // Clients have nothing to say on this channel; ignore rather than fail old or future clients.
          break;
        default:
          throw new ProtocolError(`unknown message type ${type}`);
      }
    } catch (err) {
      // Anything that does not decode is the sender's problem: close that connection only.
      this.log.warn({ doc: room.name, err: (err as Error).message }, "malformed message");
      this.close(conn, CloseCode.Malformed, "malformed message");
    }
  }

  private receiveSync(conn: Connection, room: Room, decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      // An empty state vector (one byte: zero clients) is a client that has nothing yet.
      if (stateVector.byteLength === 1 && stateVector[0] === 0) {
        this.send(conn, this.fullStateMessage(room));
        return;
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, room.doc, stateVector);
      this.send(conn, encoding.toUint8Array(encoder));
      return;
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
      throw new ProtocolError(`unknown sync step ${step}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (conn.access !== "write") {
      // A read-only client's answer to our sync step 1 usually brings nothing; refuse only real writes.
      if (bringsNews(room.doc, update)) this.denyWrite(conn, room);
      return;
    }
    // Decode first: a malformed update must be refused before it touches the shared document.
    Y.decodeUpdate(update);
    Y.applyUpdate(room.doc, update, conn);
  }

  private denyWrite(conn: Connection, room: Room): void {
    this.log.debug(
      { doc: room.name, role: conn.principal.role },
      "dropped a write from a read-only connection",
    );
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(encoder, "read-only");
    this.send(conn, encoding.toUint8Array(encoder));
  }

  /**
   * Applies only the entries this connection may change: client ids it announced itself, or new ones. A
   * client cannot remove or impersonate someone else's presence, and an oversized state is dropped.
   */
  private receiveAwareness(conn: Connection, room: Room, update: Uint8Array): void {
    let owners = this.awarenessOwners.get(room);
    if (!owners) {
      owners = new Map();
      this.awarenessOwners.set(room, owners);
    }
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: { clientId: number; clock: number; state: string }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      const owner = owners.get(clientId);
      if (owner && owner !== conn) continue;
      if (state.length > this.limits.maxAwarenessStateBytes) continue;
      kept.push({ clientId, clock, state });
    }
    if (kept.length === 0) return;
    for (const entry of kept) {
      owners.set(entry.clientId, conn);
      conn.awarenessIds.add(entry.clientId);
    }
    // The usual case keeps every entry: apply the bytes as they came instead of encoding them again. A state
    // that is not JSON makes applyAwarenessUpdate throw, which closes this connection as malformed.
    if (kept.length === count) {
      awarenessProtocol.applyAwarenessUpdate(room.awareness, update, conn);
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const entry of kept) {
      encoding.writeVarUint(encoder, entry.clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.state);
    }
    awarenessProtocol.applyAwarenessUpdate(room.awareness, encoding.toUint8Array(encoder), conn);
  }

  /**
   * Sends, unless the client has fallen too far behind: its unsent bytes would grow without bound, so it is
   * disconnected instead and resyncs from the document when it reconnects.
   */
  private send(conn: Connection, message: Uint8Array): void {
    const ws = conn.ws;
    if (conn.closed || !ws.isOpen) return;
    if (ws.bufferedAmount + message.byteLength > this.limits.maxBufferedBytes) {
      this.close(conn, CloseCode.SlowConsumer, "too far behind");
      return;
    }
    ws.send(message, (err) => {
      if (err) ws.terminate();
    });
  }

  /** Re-decides access for every connection of a workshop when its workshop document changes. */
  private readonly recheckWorkshop = (workshopRoom: Room): void => {
    // Batched: a reveal of several groups is one transaction but may be several updates.
    const id = workshopRoom.docName.workshopId;
    if (this.recheckDue.has(id)) return;
    this.recheckDue.add(id);
    queueMicrotask(() => {
      this.recheckDue.delete(id);
      this.recheck(id, workshopRoom);
    });
  };

  private recheck(workshopId: WorkshopId, workshopRoom: Room): void {
    const view = workshopRoom.view();
    for (const conn of [...(this.byWorkshop.get(workshopId) ?? [])]) {
      const room = conn.room;
      if (!room || conn.closed) continue;
      const decision = decideAccess(room.docName, conn.principal, view);
      if (this.refused(conn, decision)) continue;
      if (decision.access !== conn.access) {
        this.log.info({ doc: room.name, from: conn.access, to: decision.access }, "access changed");
        conn.access = decision.access;
      }
    }
  }

  private ping(): void {
    for (const room of this.liveRooms) {
      for (const conn of this.roomConns.get(room) ?? []) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }

  private refuse(ws: SyncSocket, code: number, reason: string, doc: string): void {
    this.log.info({ doc, code, reason }, "refused connection");
    ws.close(code, reason);
    setTimeout(() => ws.terminate(), 2000).unref();
  }

  private close(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    this.log.info({ doc: conn.docNameRaw, code, reason, role: conn.principal.role }, "closing connection");
    conn.ws.close(code, reason);
    setTimeout(() => conn.ws.terminate(), 2000).unref();
    this.detach(conn);
  }

  private detach(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    const room = conn.room;
    if (!room) return;
    const set = this.roomConns.get(room);
    set?.delete(conn);
    const owners = this.awarenessOwners.get(room);
    if (conn.awarenessIds.size > 0) {
      for (const id of conn.awarenessIds) if (owners?.get(id) === conn) owners.delete(id);
      awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
    }
    if (!set || set.size === 0) this.liveRooms.delete(room);
    const peers = this.byWorkshop.get(room.docName.workshopId);
    peers?.delete(conn);
    if (peers?.size === 0) this.byWorkshop.delete(room.docName.workshopId);
    this.rooms.release(room);
    this.log.info({ doc: room.name, role: conn.principal.role }, "client disconnected");
  }

  /** Closes the connections of a workshop whose principal matches (a revoked link, a closed workshop). */
  disconnectWorkshop(
    workshopId: WorkshopId,
    which: (who: Principal) => boolean,
    code: number,
    reason: string,
  ): number {
    let n = 0;
    for (const conn of [...(this.byWorkshop.get(workshopId) ?? [])]) {
      if (!which(conn.principal)) continue;
      this.close(conn, code, reason);
      n++;
    }
    return n;
  }

  /** Closes every connection with 1001 so clients reconnect to the next server (shutdown). */
  closeAll(): void {
    clearInterval(this.pingTimer);
    for (const room of [...this.liveRooms]) {
      for (const conn of [...(this.roomConns.get(room) ?? [])])
        this.close(conn, CloseCode.GoingAway, "server shutting down");
    }
  }
}
