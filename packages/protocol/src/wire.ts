/**
 * The y-websocket wire format: every frame starts with one of these message types (a varuint), then its body.
 * Sync and awareness come from y-protocols; auth is y-protocols' permission-denied message, which the server
 * sends before it drops a refused write; query-awareness asks peers to announce themselves again.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];
