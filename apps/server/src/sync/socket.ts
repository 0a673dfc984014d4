/**
 * The seam between the sync rules (service.ts) and whatever carries the bytes. The server carries them over
 * ws WebSockets (`wsSocket` below); tests can carry them directly (direct.ts), so a rule can be tested
 * without a network as well as with one.
 */
import type { WebSocket } from "ws";

/** What the sync service needs of a client's socket. */
export interface SyncSocket {
  /**
   * Queues a frame. No callback per frame: a write that fails ends the socket, which the service hears as
   * `closed` (with a thousand recipients per update, a callback each was bookkeeping on every send).
   */
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Drops the connection at once (a client that does not answer a close). */
  terminate(): void;
  ping(): void;
  /** Bytes queued for the client and not yet sent: the slow-client rule watches this. */
  readonly bufferedAmount: number;
  readonly isOpen: boolean;
}

/** What the carrier tells the sync service about one socket. */
export interface SocketEvents {
  message(data: Uint8Array, isBinary: boolean): void;
  pong(): void;
  closed(): void;
  error(err: Error): void;
}

/** For a socket the service refused at once: whatever it still sends is ignored. */
export const IGNORE: SocketEvents = { message() {}, pong() {}, closed() {}, error() {} };

/** A ws WebSocket as a SyncSocket, with its events wired to the service's handlers. */
export function wsSocket(ws: WebSocket, connect: (socket: SyncSocket) => SocketEvents): void {
  ws.binaryType = "nodebuffer";
  const socket: SyncSocket = {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    ping: () => ws.ping(),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
  };
  // Listening for 'error' first: an unhandled 'error' on one socket would crash the process and disconnect
  // everyone.
  let events: SocketEvents = IGNORE;
  ws.on("error", (err) => events.error(err));
  events = connect(socket);
  ws.on("message", (data: Buffer, isBinary: boolean) =>
    events.message(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), isBinary),
  );
  ws.on("pong", () => events.pong());
  ws.on("close", () => events.closed());
}
