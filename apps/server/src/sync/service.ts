import { listGroups, stampSoloGroup } from "@continuum/model";
import {
  type Access,
  type AccessDecision,
  CloseCode,
  decideAccess,
  MessageType,
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
import type { ParticipantRegistry } from "../auth/participants.ts";
import type { TokenSigner, VerifiedToken } from "../auth/tokens.ts";
import type { Store } from "../store/types.ts";
import { hidesNames, type PresenceIdentity, presenceState } from "./anonymity.ts";
import type { BallotBox } from "./ballots.ts";
import { LaneWatch } from "./lanes.ts";
import { moveLogFor } from "./moveLog.ts";
import { NoteGuard } from "./notes.ts";
import { TokenBucket } from "./quota.ts";
import type { Room, RoomManager } from "./rooms.ts";
import { IGNORE, type SharedMessage, type SocketEvents, type SyncSocket, shareMessage } from "./socket.ts";
import { bringsNews } from "./updateNews.ts";

/** What the sync rules are bounded by; the defaults and their meaning are DEFAULT_LIMITS in the protocol. */
export interface SyncLimits {
  /** Unsent bytes per client before it is cut off (SYNC-4, QUOTA-3). */
  maxBufferedBytes: number;
  /** Presence: bytes per state, entries per connection, updates relayed (PRES-3). */
  maxAwarenessStateBytes: number;
  maxPresenceEntries: number;
  presenceBurst: number;
  presencePerSecond: number;
  /** How often every socket is pinged; one that did not answer the last ping is dropped. */
  pingIntervalMs: number;
  /** Largest document (QUOTA-2). */
  maxDocumentBytes: number;
  /** What one connection may send (QUOTA-1). */
  writeBurstBytes: number;
  writeBytesPerSecond: number;
  messageBurst: number;
  messagesPerSecond: number;
}

/** How long a presence entry's client id stays reserved for its owner after the owner drops off. */
const PRESENCE_RESERVATION_MS = 60_000;

class ProtocolError extends Error {}

interface RoomPresence {
  /** Which connection announced each presence client id. */
  owners: Map<number, Connection>;
  /** Ids of connections that dropped off, kept for the same token for a while. */
  reserved: Map<number, { tokenKey: string; until: number }>;
}

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
  /** Bytes of unsent data allowed on top of the limit: the initial state of a large document. */
  sendAllowance = 0;
  /** Who this connection is in presence, from its token; a client cannot claim another name or role. */
  identity: PresenceIdentity;
  /** The token this connection came with, as a key: its owner may take its presence ids back. */
  readonly tokenKey: string;
  readonly bytesIn: TokenBucket;
  readonly framesIn: TokenBucket;
  readonly presenceIn: TokenBucket;

  constructor(
    readonly ws: SyncSocket,
    readonly principal: VerifiedToken,
    readonly docNameRaw: string,
    limits: SyncLimits,
    presenceTag: string,
  ) {
    this.identity = {
      name: principal.name,
      group: principal.group,
      groupName: null,
      role: principal.role,
      tag: presenceTag,
    };
    this.tokenKey = `${principal.role}|${principal.group}|${principal.name}|${principal.issuedAt}`;
    this.bytesIn = new TokenBucket(limits.writeBytesPerSecond, limits.writeBurstBytes);
    this.framesIn = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    this.presenceIn = new TokenBucket(limits.presencePerSecond, limits.presenceBurst);
  }

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
  /** Who owns each presence client id, and whose ids are kept for a while after they dropped off, per room. */
  private readonly presence = new WeakMap<Room, RoomPresence>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly notes = new NoteGuard();
  /** HIST-1 and REASON-1: moves recorded and reasons stamped from the lane updates this node applies. */
  private readonly lanes: LaneWatch;

  constructor(
    private readonly rooms: RoomManager,
    private readonly store: Store,
    private readonly tokens: TokenSigner,
    private readonly log: Logger,
    private readonly limits: SyncLimits,
    private readonly participants: ParticipantRegistry,
    private readonly ballots: BallotBox,
  ) {
    this.lanes = new LaneWatch(moveLogFor(store));
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
    const conn = new Connection(ws, verified, docNameRaw, this.limits, this.tokens.presenceTag(verified));
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
        // Quotas before anything is decoded or queued: a flood costs the server a subtraction per frame.
        if (!conn.framesIn.take(1) || !conn.bytesIn.take(bytes.byteLength)) {
          this.close(conn, CloseCode.TooFast, "too much too fast");
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
    // PEOPLE-3: a person the facilitator removed is refused everywhere, whatever token they kept.
    if (who.participant) {
      const person = await this.participants.get(workshop.id, who.participant);
      if (!person) return this.close(conn, CloseCode.Unauthorized, "unknown participant");
      if (person.removedAt !== null) return this.close(conn, CloseCode.Removed, "removed by the facilitator");
    }
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
    const group = conn.principal.group;
    if (group)
      conn.identity.groupName = listGroups(workshopRoom.doc).find((g) => g.id === group)?.name ?? null;
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
    this.ballots.attachWorkshop(workshopRoom);
    if (room.docName.kind === "ballot") this.ballots.attachBallot(room);
    // ACC-13: a person's own scale records their group from their token (not from anything a client wrote),
    // so the individual placements are counted with the right group.
    const who = conn.principal;
    if (room.docName.kind === "solo" && who.group && who.participant === room.docName.participantId) {
      stampSoloGroup(room.doc, who.group);
    }

    this.log.info(
      { doc: room.name, role: conn.principal.role, group: conn.principal.group, access: conn.access },
      "client connected",
    );

    // Our state vector first: the client answers with what we lack (sync step 2) and asks for what it lacks.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
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
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeUpdate(encoder, update);
      // Encoded and framed once for every recipient (`shareMessage`).
      const message = shareMessage(encoding.toUint8Array(encoder));
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
            const message = shareMessage(this.awarenessMessage(room, [...batch.clients]));
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
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep2(encoder, room.doc);
      message = encoding.toUint8Array(encoder);
      this.fullState.set(room, message);
    }
    return message;
  }

  private awarenessMessage(room: Room, clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
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
        case MessageType.Sync:
          this.receiveSync(conn, room, decoder);
          break;
        case MessageType.Awareness:
          this.receiveAwareness(conn, room, decoding.readVarUint8Array(decoder));
          break;
        case MessageType.QueryAwareness:
          this.send(conn, this.awarenessMessage(room, [...room.awareness.getStates().keys()]));
          break;
        case MessageType.Auth:
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
        // A large document's initial state may be larger than the slow-client limit by itself; a client
        // reading it is not falling behind, so it is allowed on top of the limit.
        this.sendWhenStored(conn, room, this.fullStateMessage(room));
        return;
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep2(encoder, room.doc, stateVector);
      this.sendWhenStored(conn, room, encoding.toUint8Array(encoder));
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
    // BALLOT-2: a ballot stays within the vote's budget, however many devices or clients write it.
    if (room.docName.kind === "ballot" && !this.ballots.accepts(room, update)) {
      this.denyWrite(conn, room);
      return;
    }
    if (room.bytes + update.byteLength > this.limits.maxDocumentBytes) {
      this.log.warn({ doc: room.name, bytes: room.bytes, update: update.byteLength }, "document full");
      this.close(conn, CloseCode.DocumentFull, "this board is full");
      return;
    }
    // OWN-1..3: on a chart or board, a participant changes only their own notes (and moves anyone's).
    const kind = room.docName.kind;
    if ((kind === "chart" || kind === "board") && conn.principal.role !== "facilitator") {
      const verdict = this.notes.check(room, update, conn.principal);
      if (!verdict.ok) {
        this.log.info({ doc: room.name, reason: verdict.reason }, "refused a write to a chart");
        this.denyWrite(conn, room);
        return;
      }
      Y.applyUpdate(room.doc, update, conn);
      this.notes.stamp(room, verdict, conn.principal);
      return;
    }
    // OWN-4: the facilitator's notes written for someone say so, and name only the workshop's groups.
    if (kind === "chart" || kind === "board") {
      this.notes.applyAsFacilitator(room, () => Y.applyUpdate(room.doc, update, conn));
      return;
    }
    if (kind === "lane") {
      this.lanes.apply(room, conn.principal, () => Y.applyUpdate(room.doc, update, conn));
      return;
    }
    Y.applyUpdate(room.doc, update, conn);
  }

  /**
   * Sends an answer made from the document as it is now once every update in it is stored (they are all on
   * the persist chain before this point), so that a client never receives state that a crash of this
   * process could lose: store before forward holds for answers as it does for forwarded updates.
   */
  private sendWhenStored(conn: Connection, room: Room, answer: Uint8Array): void {
    conn.sendAllowance = Math.max(conn.sendAllowance, answer.byteLength);
    room.flushed().then(
      () => this.send(conn, answer),
      () => this.close(conn, CloseCode.GoingAway, "server could not store the document"),
    );
  }

  private denyWrite(conn: Connection, room: Room): void {
    this.log.debug(
      { doc: room.name, role: conn.principal.role },
      "dropped a write from a read-only connection",
    );
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Auth);
    authProtocol.writePermissionDenied(encoder, "read-only");
    this.send(conn, encoding.toUint8Array(encoder));
  }

  /**
   * Applies only the entries this connection may change, as the server says they are:
   * - a client id belongs to the connection that first announced it while that connection lives, and stays
   *   reserved for the same token for a minute after it drops off, so nobody can take a reconnecting
   *   person's place in the list;
   * - at most `maxPresenceEntries` ids per connection, `maxAwarenessStateBytes` per state, and
   *   `presencePerSecond` updates after a burst (the rest are dropped: presence is renewed anyway);
   * - the name, group and role shown come from the connection's token, whatever the client wrote.
   */
  private receiveAwareness(conn: Connection, room: Room, update: Uint8Array): void {
    if (!conn.presenceIn.take(1)) return;
    const presence = this.presenceOf(room);
    const now = Date.now();
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: { clientId: number; clock: number; state: string }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      // Not news (the same or an older clock, as y-protocols judges it): every y-websocket client sends the
      // states it receives straight back. Such an echo must not claim the id, or a client could take the
      // place of someone whose connection is on another server node.
      const known = room.awareness.meta.get(clientId)?.clock ?? 0;
      const news =
        known < clock || (known === clock && state === "null" && room.awareness.states.has(clientId));
      if (!news) continue;
      if (!this.mayClaim(conn, presence, clientId, now)) continue;
      if (state.length > this.limits.maxAwarenessStateBytes) continue;
      kept.push({ clientId, clock, state: this.stampIdentity(conn, state) });
    }
    if (kept.length === 0) return;
    for (const entry of kept) {
      presence.owners.set(entry.clientId, conn);
      presence.reserved.delete(entry.clientId);
      conn.awarenessIds.add(entry.clientId);
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

  private presenceOf(room: Room): RoomPresence {
    let presence = this.presence.get(room);
    if (!presence) {
      presence = { owners: new Map(), reserved: new Map() };
      this.presence.set(room, presence);
    }
    return presence;
  }

  private mayClaim(conn: Connection, presence: RoomPresence, clientId: number, now: number): boolean {
    const owner = presence.owners.get(clientId);
    if (owner) return owner === conn;
    const reservation = presence.reserved.get(clientId);
    if (reservation && reservation.until > now && reservation.tokenKey !== conn.tokenKey) return false;
    return conn.awarenessIds.has(clientId) || conn.awarenessIds.size < this.limits.maxPresenceEntries;
  }

  /**
   * The state with the token's name, group, role and presence tag as its `user`: what a client writes there
   * is replaced; in an anonymous workshop a participant's says no name and carries nothing else but a drag
   * (ANON-2).
   * A state that is not JSON throws, which closes the connection as malformed.
   */
  private stampIdentity(conn: Connection, state: string): string {
    const parsed: unknown = JSON.parse(state);
    return presenceState(parsed, conn.identity, conn.room ? hidesNames(conn.room) : false) ?? state;
  }

  /**
   * Sends, unless the client has fallen too far behind: its unsent bytes would grow without bound, so it is
   * disconnected instead and resyncs from the document when it reconnects.
   */
  private send(conn: Connection, message: Uint8Array | SharedMessage): void {
    const ws = conn.ws;
    if (conn.closed || !ws.isOpen) return;
    const data = message instanceof Uint8Array ? message : message.data;
    // A client with nothing waiting takes any one message (a large update is not a sign of falling behind);
    // a client whose unsent data would pass the limit is.
    const waiting = ws.bufferedAmount;
    if (waiting > 0 && waiting + data.byteLength > this.limits.maxBufferedBytes + conn.sendAllowance) {
      this.close(conn, CloseCode.SlowConsumer, "too far behind");
      return;
    }
    if (message instanceof Uint8Array) ws.send(message);
    else ws.sendShared(message);
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
    if (conn.awarenessIds.size > 0) {
      const presence = this.presenceOf(room);
      const until = Date.now() + PRESENCE_RESERVATION_MS;
      for (const id of conn.awarenessIds) {
        if (presence.owners.get(id) !== conn) continue;
        presence.owners.delete(id);
        presence.reserved.set(id, { tokenKey: conn.tokenKey, until });
      }
      // Expired reservations go when someone leaves, so the map is as small as the room's recent past.
      const now = Date.now();
      for (const [id, r] of presence.reserved) if (r.until <= now) presence.reserved.delete(id);
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

  /** Open connections per participant of a workshop (for the facilitator's list of people). */
  connectionsOf(workshopId: WorkshopId): Map<string, number> {
    const counts = new Map<string, number>();
    for (const conn of this.byWorkshop.get(workshopId) ?? []) {
      const id = conn.principal.participant;
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
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
