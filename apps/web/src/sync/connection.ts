/**
 * One shared document on this device: a Y.Doc, its copy in IndexedDB, and its WebSocket to the server.
 * Framework-free, so tests can drive it without React; `hooks.ts` binds it to components.
 *
 * Why each piece:
 * - IndexedDB (one store per document name and role) keeps every change made offline on the tablet, so a
 *   device that loses the venue Wi-Fi for ten minutes, or is reloaded meanwhile, loses nothing; the provider
 *   merges it into the server's copy when the socket comes back.
 * - The socket reconnects by itself after transient closes; after a fatal close (4401/4403/4404/4410) it
 *   stops and the person is told why in a sentence (`describeClose`).
 * - When the server refuses a write (read-only or locked), it answers "permission denied". Our replica then
 *   holds changes the server never took and never will, so it has diverged for good: we drop it (new Y.Doc,
 *   cleared store) and sync afresh from the server.
 */

import { FATAL_CLOSE_CODES, MessageType, type Role } from "@continuum/protocol";
import * as decoding from "lib0/decoding";
import { IndexeddbPersistence } from "y-indexeddb";
import type { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { closeMessage } from "../i18n/errors.ts";
import { i18n } from "../i18n/i18n.ts";

export type ConnectionStatus =
  /** First contact not made yet (showing what this device had stored, if anything). */
  | "connecting"
  /** Socket open and the document in step with the server. */
  | "connected"
  /** Lost the server; retrying on its own. */
  | "reconnecting"
  /** The device itself says it has no network. */
  | "offline"
  /** The server closed for a reason retrying cannot fix; see `message`. */
  | "closed";

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Local changes made since the server last confirmed it is in step with us. */
  readonly pending: number;
  /** A sentence for the person when status is "closed" (or after a refused write). */
  readonly message: string | null;
  /** The close code behind `status: "closed"`. */
  readonly closeCode: number | null;
  /** Incremented whenever the replica is replaced (after a refused write): components re-bind to `doc`. */
  readonly generation: number;
  /** True once the document holds something to show (from IndexedDB or from the server). */
  readonly ready: boolean;
}

export interface ConnectionOptions {
  /** `ws://host:port/sync` or `wss://…/sync`. */
  syncUrl: string;
  docName: string;
  token: string;
  /** Part of the IndexedDB store name, so two roles on one device never share an offline replica. */
  role: Role;
  /** Keep a copy in IndexedDB (default: when the browser has it). */
  persist?: boolean;
  /** Tests pass `ws`'s WebSocket. */
  WebSocketPolyfill?: typeof WebSocket;
  /**
   * A document this person only looks at (another group's revealed lane): when the server closes it (the
   * facilitator hid it again) that is not worth a warning in the connection line.
   */
  quiet?: boolean;
  /** Called when the server refused a write; the replica has already been replaced. */
  onWriteRefused?: () => void;
}

/** A connection's state before its first contact with the server. */
export const CONNECTING: ConnectionState = {
  status: "connecting",
  pending: 0,
  message: null,
  closeCode: null,
  generation: 0,
  ready: false,
};

const deviceOffline = (): boolean => typeof navigator !== "undefined" && navigator.onLine === false;

/** The URL of the sync endpoint on the same origin as the page (dev: vite proxies it). */
export function defaultSyncUrl(base = ""): string {
  if (base) return `${base.replace(/^http/, "ws")}/sync`;
  const { protocol, host } = location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}/sync`;
}

/** Every open connection, for the connection line that sums them up. */
const registry = new Set<DocConnection>();
const registryListeners = new Set<() => void>();
let registrySnapshot: readonly ConnectionState[] = [];
function registryChanged(): void {
  registrySnapshot = [...registry]
    .filter((c) => !(c.quiet && c.getState().status === "closed"))
    .map((c) => c.getState());
  for (const l of registryListeners) l();
}
export function subscribeAllConnections(l: () => void): () => void {
  registryListeners.add(l);
  return () => registryListeners.delete(l);
}
export function allConnectionStates(): readonly ConnectionState[] {
  return registrySnapshot;
}
/** Names of the documents this screen has open (tests check that hidden lanes are never asked for). */
export function openDocNames(): string[] {
  return [...registry].map((c) => c.docName);
}
/** The connection this screen already has open for a document (or holding that very Y.Doc), if any. */
export function findOpenConnection(docName: string, doc?: Y.Doc): DocConnection | undefined {
  for (const c of registry) {
    if (c.docName !== docName || c.getState().status === "closed") continue;
    if (!doc || c.doc === doc) return c;
  }
  return undefined;
}
export function dismissAllMessages(): void {
  for (const c of registry) c.dismissMessage();
}

export class DocConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  private persistence: IndexeddbPersistence | null = null;
  private state: ConnectionState;
  private readonly listeners = new Set<() => void>();
  private destroyed = false;
  private readonly onlineHandler = (event?: Event) => {
    // A socket that looked open while the device was offline may have lost messages either way without
    // noticing (half-open TCP): start a fresh connection, whose sync exchange sends whatever is waiting.
    if (event?.type === "online" && this.provider.shouldConnect) {
      this.provider.disconnect();
      this.provider.connect();
    }
    this.refresh();
  };

  constructor(private readonly opts: ConnectionOptions) {
    this.state = CONNECTING;
    this.doc = new Y.Doc();
    this.provider = this.open();
    registry.add(this);
    registryChanged();
    if (typeof window !== "undefined") {
      window.addEventListener("online", this.onlineHandler);
      window.addEventListener("offline", this.onlineHandler);
    }
  }

  /** The IndexedDB store name. */
  get storeName(): string {
    return `continuum/${this.opts.role}/${this.opts.docName}`;
  }

  get docName(): string {
    return this.opts.docName;
  }

  get quiet(): boolean {
    return this.opts.quiet === true;
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setState(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch };
    if (
      Object.keys(patch).every(
        (k) => next[k as keyof ConnectionState] === this.state[k as keyof ConnectionState],
      )
    )
      return;
    this.state = next;
    for (const l of this.listeners) l();
    if (registry.has(this)) registryChanged();
  }

  private open(): WebsocketProvider {
    const doc = this.doc;
    const usePersistence = this.opts.persist ?? typeof indexedDB !== "undefined";
    if (usePersistence) {
      const persistence = new IndexeddbPersistence(this.storeName, doc);
      this.persistence = persistence;
      persistence.once("synced", () => {
        if (this.doc === doc) this.setState({ ready: true });
      });
    }
    const provider = new WebsocketProvider(this.opts.syncUrl, this.opts.docName, doc, {
      params: { token: this.opts.token },
      // Tabs of one browser must not share updates behind the server's back: a participant's tab would
      // otherwise pass writes to a facilitator's tab, which the server would accept.
      disableBc: true,
      maxBackoffTime: 5000,
      ...(this.opts.WebSocketPolyfill ? { WebSocketPolyfill: this.opts.WebSocketPolyfill } : {}),
    });
    // y-websocket only logs "permission denied"; we need to act on it (see the top of this file).
    provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
      const kind = decoding.readVarUint(decoder);
      // The server also refuses a read-only client's sync reply when it carries only deletions it already has
      // (it judges by size); a replica this person never changed holds nothing to drop, so ignore those.
      if (kind === 0 && this.localEdits > 0) queueMicrotask(() => this.dropReplica());
    };
    provider.on("status", () => this.refresh());
    provider.on("sync", (isSynced: boolean) => {
      if (isSynced && this.doc === doc) this.setState({ pending: 0, ready: true });
      this.refresh();
    });
    provider.on("closed", (event: { code: number }) => {
      if (this.doc !== doc) return;
      this.setState({
        status: "closed",
        closeCode: event.code,
        message: closeMessage(event.code),
      });
    });
    provider.on("connection-close", (event: CloseEvent | null) => {
      // Fatal codes arrive via "closed"; for the others we only need to show "reconnecting".
      if (event && FATAL_CLOSE_CODES.has(event.code)) provider.shouldConnect = false;
      this.refresh();
    });
    doc.on("update", (_update: Uint8Array, origin: unknown) => {
      // Count only what this person changed while the server was not confirming our changes.
      if (origin === provider || (origin !== null && origin === this.persistence) || this.doc !== doc) return;
      this.localEdits++;
      if (!provider.synced || deviceOffline()) this.setState({ pending: this.state.pending + 1 });
    });
    return provider;
  }

  private refresh(): void {
    if (this.destroyed || this.state.status === "closed") return;
    const p = this.provider;
    let status: ConnectionStatus;
    // The device's own word that it is offline wins: its socket may not have noticed yet.
    if (deviceOffline()) status = "offline";
    else if (p.wsconnected && p.synced) status = "connected";
    else if (this.everConnected || this.state.ready) status = "reconnecting";
    else status = "connecting";
    if (status === "connected") this.everConnected = true;
    this.setState({ status });
  }
  private everConnected = false;
  /** Changes this person made to the current replica (see the permission-denied handler). */
  private localEdits = 0;

  /** Throws away this device's copy and starts again from the server's. */
  async dropReplica(): Promise<void> {
    if (this.destroyed) return;
    const old = this.doc;
    const oldProvider = this.provider;
    const oldPersistence = this.persistence;
    const localState = oldProvider.awareness.getLocalState();
    oldProvider.destroy();
    this.persistence = null;
    // clearData destroys the persistence and deletes its database: the refused changes must not come back.
    if (oldPersistence) await oldPersistence.clearData().catch(() => undefined);
    old.destroy();
    if (this.destroyed) return;
    this.doc = new Y.Doc();
    this.localEdits = 0;
    this.provider = this.open();
    if (localState) this.provider.awareness.setLocalState(localState);
    this.setState({
      generation: this.state.generation + 1,
      pending: 0,
      ready: false,
      message: i18n.t("connection.lockedRefused"),
    });
    this.opts.onWriteRefused?.();
    this.refresh();
  }

  /** Clears the notice shown after a refused write. */
  dismissMessage(): void {
    if (this.state.status !== "closed") this.setState({ message: null });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    registry.delete(this);
    registryChanged();
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.onlineHandler);
      window.removeEventListener("offline", this.onlineHandler);
    }
    this.provider.awareness.setLocalState(null);
    this.provider.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }
}
