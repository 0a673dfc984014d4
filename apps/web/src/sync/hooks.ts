/**
 * React bindings for shared documents. Every hook subscribes narrowly with `useSyncExternalStore`, so a
 * change re-renders only the components that read what changed.
 */
import { readWorkshop, type Workshop } from "@continuum/model";
import type { Role } from "@continuum/protocol";
import { useEffect, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import {
  allConnectionStates,
  type ConnectionState,
  DocConnection,
  subscribeAllConnections,
} from "./connection.ts";

/** How the app reaches the server; tests replace it. */
export interface SyncSettings {
  syncUrl: string;
  WebSocketPolyfill?: typeof WebSocket;
  persist?: boolean;
}

let settings: SyncSettings | null = null;
export function configureSync(next: SyncSettings): void {
  settings = next;
}
function currentSettings(): SyncSettings {
  if (!settings) {
    const { protocol, host } = location;
    settings = { syncUrl: `${protocol === "https:" ? "wss:" : "ws:"}//${host}/sync` };
  }
  return settings;
}

/** Opens a document outside React (the caller destroys it), with the app's sync settings. */
export function openDocConnection(docName: string, token: string, role: Role, quiet = false): DocConnection {
  const s = currentSettings();
  return new DocConnection({
    syncUrl: s.syncUrl,
    docName,
    token,
    role,
    quiet,
    ...(s.persist !== undefined ? { persist: s.persist } : {}),
    ...(s.WebSocketPolyfill ? { WebSocketPolyfill: s.WebSocketPolyfill } : {}),
  });
}

/**
 * Opens a document for as long as the component is mounted (or `docName` is null: nothing is opened, so
 * a lane the server would refuse is never even asked for).
 */
export function useDocConnection(
  docName: string | null,
  token: string,
  role: Role,
  quiet = false,
): DocConnection | null {
  const [conn, setConn] = useState<DocConnection | null>(null);
  useEffect(() => {
    if (!docName) {
      setConn(null);
      return;
    }
    const c = openDocConnection(docName, token, role, quiet);
    setConn(c);
    return () => c.destroy();
  }, [docName, token, role, quiet]);
  return conn;
}

const CLOSED_STATE: ConnectionState = {
  status: "connecting",
  pending: 0,
  message: null,
  closeCode: null,
  generation: 0,
  ready: false,
};
const noop = () => () => undefined;

export function useConnectionState(conn: DocConnection | null): ConnectionState {
  return useSyncExternalStore(conn?.subscribe ?? noop, conn?.getState ?? (() => CLOSED_STATE));
}

/** The connection's current Y.Doc (it changes after a refused write). */
export function useDoc(conn: DocConnection | null): Y.Doc | null {
  const state = useConnectionState(conn);
  void state.generation;
  return conn?.doc ?? null;
}

/**
 * A cached read of a Y.Doc: recomputed after each transaction that changed the doc, the same object
 * otherwise (so `useSyncExternalStore` does not loop).
 */
export function createDocReader<T>(read: (doc: Y.Doc) => T) {
  const cache = new WeakMap<Y.Doc, { value: T; stale: boolean; listeners: Set<() => void> }>();
  function entry(doc: Y.Doc) {
    let e = cache.get(doc);
    if (!e) {
      const created = { value: read(doc), stale: false, listeners: new Set<() => void>() };
      doc.on("afterTransaction", (tr: Y.Transaction) => {
        if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return;
        created.stale = true;
        for (const l of created.listeners) l();
      });
      cache.set(doc, created);
      e = created;
    }
    return e;
  }
  return {
    get(doc: Y.Doc): T {
      const e = entry(doc);
      if (e.stale) {
        e.value = read(doc);
        e.stale = false;
      }
      return e.value;
    },
    subscribe(doc: Y.Doc, l: () => void): () => void {
      const e = entry(doc);
      e.listeners.add(l);
      return () => e.listeners.delete(l);
    },
  };
}

const workshopReader = createDocReader(readWorkshop);

/** The workshop document as plain, validated objects. */
export function useWorkshop(doc: Y.Doc | null): Workshop | null {
  return useSyncExternalStore(
    (l) => (doc ? workshopReader.subscribe(doc, l) : () => undefined),
    () => (doc ? workshopReader.get(doc) : null),
  );
}

/** The state of every open document, for the connection line. */
export function useAllConnectionStates(): readonly ConnectionState[] {
  return useSyncExternalStore(subscribeAllConnections, allConnectionStates);
}
