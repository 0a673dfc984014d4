/**
 * The connections in React: open a document while a component is mounted, and follow its state. What is in
 * a document is read through `docStore.ts` / `useDocStore.ts`.
 */
import type { Role } from "@continuum/protocol";
import { useEffect, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import {
  allConnectionStates,
  CONNECTING,
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
 * Resolves once a connection has what the server holds, or is closed, or after `ms` with what it has: for the
 * facilitator's device reading many documents once (everyone's words or own scales, each group's lane).
 */
export function synced(conn: DocConnection, ms = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      const s = conn.getState();
      if (s.status === "connected" || s.status === "closed") {
        stop();
        clearTimeout(timer);
        resolve();
      }
    };
    const stop = conn.subscribe(done);
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
    done();
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

const noop = () => () => undefined;

export function useConnectionState(conn: DocConnection | null): ConnectionState {
  return useSyncExternalStore(conn?.subscribe ?? noop, conn?.getState ?? (() => CONNECTING));
}

/** The connection's current Y.Doc (it changes after a refused write). */
export function useDoc(conn: DocConnection | null): Y.Doc | null {
  const state = useConnectionState(conn);
  void state.generation;
  return conn?.doc ?? null;
}

/** The state of every open document, for the connection line. */
export function useAllConnectionStates(): readonly ConnectionState[] {
  return useSyncExternalStore(subscribeAllConnections, allConnectionStates);
}
