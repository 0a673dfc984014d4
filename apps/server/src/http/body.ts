import type { IncomingMessage } from "node:http";
import { type BodyOf, type BodySchema, parseBody } from "@continuum/protocol";
import { HttpError } from "./errors.ts";

/** Ordinary request bodies: a name, a code, a list of aspects. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON request body as text, refusing anything larger than `maxBytes` before it is all read. For a
 * body too large to parse on the event loop (an archive), which a worker parses instead.
 */
export async function readJsonText(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  // Exactly JSON (a charset parameter aside): a substring test would take `text/plain; application/json`,
  // a type a browser sends cross-site without asking first, so any web page could post here as a visitor.
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError(
      415,
      "unsupported_media_type",
      "Send the request body as JSON (Content-Type: application/json).",
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new HttpError(413, "body_too_large", `The request body is larger than ${maxBytes / 1024} KiB.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a request body as a JSON object. */
export async function readJson(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readJsonText(req, maxBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, "invalid_json", "The request body must be a JSON object.");
  }
  return parsed;
}

/** Reads a JSON body and checks it against one of the protocol's request schemas (400 with its sentence). */
export async function readBody<S extends BodySchema>(req: IncomingMessage, schema: S): Promise<BodyOf<S>> {
  const result = parseBody(schema, await readJson(req));
  if (!result.ok) {
    throw new HttpError(400, result.missing ? "missing_field" : "invalid_field", result.message);
  }
  return result.value;
}
