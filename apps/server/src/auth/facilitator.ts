import type { IncomingMessage } from "node:http";
import { isId, type WorkshopId } from "@continuum/protocol";
import { HttpError } from "../http/errors.ts";
import type { Store, WorkshopRecord } from "../store/types.ts";
import { keyMatches, type TokenSigner } from "./tokens.ts";

/** The credential of an `Authorization: Bearer …` header: null when there is no header at all. */
export function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? "";
}

/**
 * The workshop, if the request carries its facilitator key or a current facilitator token of it. Throws
 * 404 (no such workshop), 401 (no credential) or 403 (a credential that is not the facilitator's). Run it
 * inside the server's guard, so guessing is slowed down like join codes are.
 */
export async function authorizeFacilitator(
  req: IncomingMessage,
  store: Store,
  tokens: TokenSigner,
  rawId: string,
  what: string,
): Promise<WorkshopRecord> {
  const found = isId(rawId) ? await store.getWorkshop(rawId as WorkshopId) : null;
  if (!found) throw new HttpError(404, "unknown_workshop", "There is no workshop with this id.");
  const key = bearer(req);
  if (key === null) {
    throw new HttpError(
      401,
      "missing_key",
      `${what} are for the facilitator: send the facilitator key as “Authorization: Bearer <key>”.`,
      { "www-authenticate": 'Bearer realm="continuum"' },
    );
  }
  const token = tokens.verify(key);
  const tokenOk =
    token?.role === "facilitator" &&
    token.workshopId === found.id &&
    token.tokenVersion === found.tokenVersion;
  if (!tokenOk && !keyMatches(key, found.facilitatorKeyHash)) {
    throw new HttpError(403, "wrong_key", "That is not the facilitator key of this workshop.");
  }
  return found;
}
