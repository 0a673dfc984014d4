/**
 * The seam between the sync rules (service.ts) and whatever carries the bytes. The server carries them over
 * ws WebSockets (`wsSocket` below); tests can carry them directly (direct.ts), so a rule can be tested
 * without a network as well as with one.
 */
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";

/**
 * One message for many recipients (a broadcast), with its WebSocket frame built once: a server's binary
 * frame is the same bytes for every client (no mask, no compression), so the fan-out can write those bytes to
 * each socket instead of having ws frame the message again for each of them.
 */
export interface SharedMessage {
  readonly data: Uint8Array;
  /** The whole frame as it goes on the wire: header (FIN, binary opcode, length) then the data. */
  readonly wire: Buffer;
}

/** Frames `data` once as an unmasked, final, binary WebSocket frame (RFC 6455, section 5.2). */
export function shareMessage(data: Uint8Array): SharedMessage {
  const n = data.byteLength;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const wire = Buffer.allocUnsafe(head + n);
  wire[0] = 0x82;
  if (n < 126) wire[1] = n;
  else if (n < 65536) {
    wire[1] = 126;
    wire.writeUInt16BE(n, 2);
  } else {
    wire[1] = 127;
    wire.writeBigUInt64BE(BigInt(n), 2);
  }
  wire.set(data, head);
  return { data, wire };
}

/** What the sync service needs of a client's socket. */
export interface SyncSocket {
  /**
   * Queues a frame. No callback per frame: a write that fails ends the socket, which the service hears as
   * `closed` (with a thousand recipients per update, a callback each was bookkeeping on every send).
   */
  send(data: Uint8Array): void;
  /** Queues a message framed once for many recipients; the same as `send(message.data)` for the client. */
  sendShared(message: SharedMessage): void;
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
    sendShared: (message) => {
      // ws keeps the TCP socket in `_socket` (not public). Writing the prepared frame there is what ws's own
      // sender does for an unmasked, uncompressed frame, less the framing and a second write per recipient
      // (about a fifth of a 1,000-client fan-out on this machine). Only when no extension was negotiated
      // (the server offers none, permessage-deflate is off): then ws's sender never holds frames back that
      // this write could overtake. Otherwise, and if ws ever stops having `_socket`, ws sends it.
      const raw = (ws as unknown as { _socket?: Duplex })._socket;
      if (raw?.writable && ws.extensions === "") raw.write(message.wire);
      else ws.send(message.data);
    },
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
