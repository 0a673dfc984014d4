/**
 * A client connected to the sync service without a network: what the service sends is collected in
 * `received`, and `send` delivers a frame as if it had come over a WebSocket. The sync rules can be tested
 * with it frame by frame; the real-socket tests stay the proof that the rules hold over ws.
 */
import type { SyncService } from "./service.ts";
import type { SocketEvents, SyncSocket } from "./socket.ts";

export class DirectClient {
  /** Every frame the service sent, in order. */
  readonly received: Uint8Array[] = [];
  /** The close code and reason, once the service closed the connection. */
  closedWith: { code: number; reason: string } | null = null;
  /** Bytes the test pretends are still waiting to be sent to this client (to try the slow-client rule). */
  bufferedAmount = 0;
  private readonly events: SocketEvents;

  constructor(service: SyncService, docName: string, token: string | null) {
    const socket: SyncSocket = {
      send: (data) => {
        this.received.push(data);
      },
      sendShared: (message) => {
        this.received.push(message.data);
      },
      close: (code, reason) => {
        if (this.closedWith) return;
        this.closedWith = { code, reason };
        this.events.closed();
      },
      terminate: () => {
        if (!this.closedWith) this.closedWith = { code: 1006, reason: "terminated" };
      },
      ping: () => queueMicrotask(() => this.events.pong()),
      get bufferedAmount() {
        return client.bufferedAmount;
      },
      get isOpen() {
        return client.closedWith === null;
      },
    };
    const client = this;
    this.events = service.handle(socket, docName, token);
  }

  /** A binary frame from the client. */
  send(frame: Uint8Array): void {
    if (!this.closedWith) this.events.message(frame, true);
  }

  /** A text frame, which the protocol does not have. */
  sendText(text: string): void {
    if (!this.closedWith) this.events.message(new TextEncoder().encode(text), false);
  }

  /** The client goes away. */
  disconnect(): void {
    if (this.closedWith) return;
    this.closedWith = { code: 1000, reason: "client left" };
    this.events.closed();
  }
}
