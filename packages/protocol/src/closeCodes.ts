/**
 * WebSocket close codes shared by the server and the client, so that a client can tell a person in a plain
 * sentence why it was disconnected. Codes 4000-4999 are reserved by RFC 6455 for applications; the ones here
 * echo HTTP status codes so they are easy to remember.
 */
export const CloseCode = {
  /** Server shutting down or restarting: reconnect later. */
  GoingAway: 1001,
  /** A frame larger than the server's limit. */
  MessageTooBig: 1009,
  /** A frame that does not decode as a y-websocket message. */
  Malformed: 4400,
  /** No token, or a token that is not valid (bad signature, expired, key rotated). */
  Unauthorized: 4401,
  /** A valid token that does not give access to this document (another group's hidden lane, say). */
  Forbidden: 4403,
  /** The document name does not belong to any known workshop or activity. */
  NotFound: 4404,
  /** The client fell too far behind: its send buffer passed the server's limit. It may reconnect. */
  SlowConsumer: 4408,
  /** The workshop has been closed by its facilitator. */
  WorkshopClosed: 4410,
  /** The facilitator removed this person from the workshop; their token no longer works. */
  Removed: 4411,
  /** A write would take the document past the server's size limit: nothing more can be added to it. */
  DocumentFull: 4413,
  /** The client sent more, or faster, than one connection may. It may reconnect after a pause. */
  TooFast: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting cannot help until something changes (a new link, a reveal). */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.NotFound,
  CloseCode.WorkshopClosed,
  CloseCode.DocumentFull,
  CloseCode.Removed,
]);

/** A sentence for a person, not a developer. */
export function describeClose(code: number): string {
  switch (code) {
    case CloseCode.GoingAway:
      return "The server is restarting. Reconnecting…";
    case CloseCode.MessageTooBig:
      return "That change was too large to send. Try a shorter note.";
    case CloseCode.Malformed:
      return "Your device sent something the server could not read. Reload the page to continue.";
    case CloseCode.Unauthorized:
      return "This link is no longer valid. Ask the facilitator for a new one.";
    case CloseCode.Forbidden:
      return "You are not allowed to see this board yet.";
    case CloseCode.NotFound:
      return "This workshop or activity does not exist. Check the code or link.";
    case CloseCode.SlowConsumer:
      return "Your connection is too slow to keep up. Reconnecting…";
    case CloseCode.WorkshopClosed:
      return "This workshop has been closed by the facilitator.";
    case CloseCode.Removed:
      return "The facilitator has removed you from this workshop. What you wrote stays.";
    case CloseCode.DocumentFull:
      return "This board is full, so your last change was not saved. Ask the facilitator to start a new board.";
    case CloseCode.TooFast:
      return "Your device sent too much too fast. Reconnecting in a moment…";
    default:
      return "The connection to the server was lost. Reconnecting…";
  }
}
