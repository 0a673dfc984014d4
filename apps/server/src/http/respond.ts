import type { ServerResponse } from "node:http";
import type { ApiError } from "@continuum/protocol";
import type { HttpError } from "./errors.ts";

/** A JSON answer; API answers are never cached (they carry tokens and live state). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  const body: ApiError = { error: { code: err.code, message: err.message } };
  sendJson(res, err.status, body, err.headers);
}
