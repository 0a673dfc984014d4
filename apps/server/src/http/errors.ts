/**
 * The one error type of the HTTP layer: a status, a stable code and a sentence a person can act on. It
 * imports nothing from the server, so handlers, auth and exports can all throw it without import cycles.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
