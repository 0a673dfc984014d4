/**
 * Workshops as a whole: create one (`POST /api/workshops`), import an archive as one
 * (`POST /api/workshops/import`), and the facilitator's settings (`POST /api/workshops/<id>/revoke|close`).
 */

import type { IncomingMessage } from "node:http";
import { initWorkshop } from "@continuum/model";
import {
  CloseCode,
  type CloseResponse,
  CreateWorkshopRequest,
  type CreateWorkshopResponse,
  isId,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  LIMITS,
  newWorkshopId,
  type RevokeResponse,
  type WorkshopId,
  workshopDocName,
} from "@continuum/protocol";
import * as Y from "yjs";
import { authorizeFacilitator, bearer } from "../../auth/facilitator.ts";
import { hashKey, keyMatches, newSecretKey } from "../../auth/tokens.ts";
import { readBody, readJsonText } from "../body.ts";
import type { Handler, HttpDeps } from "../context.ts";
import { HttpError } from "../errors.ts";

function randomJoinCode(): string {
  const bytes = new Uint8Array(JOIN_CODE_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length]).join("");
}

export function workshopRoutes(deps: HttpDeps) {
  const { store, tokens, log } = deps;

  /**
   * Stores a new workshop's documents, then its record with a fresh join code and keys. Documents first,
   * so a workshop that can be joined always has them.
   */
  async function register(id: WorkshopId, docs: Map<string, Uint8Array>): Promise<CreateWorkshopResponse> {
    for (const [name, update] of docs) await store.appendUpdate(name, update);
    const facilitatorKey = newSecretKey();
    const observerKey = newSecretKey();
    for (let attempt = 0; ; attempt++) {
      const joinCode = randomJoinCode();
      try {
        await store.createWorkshop({
          id,
          joinCode,
          facilitatorKeyHash: hashKey(facilitatorKey),
          observerKeyHash: hashKey(observerKey),
          tokenVersion: 1,
          createdAt: Date.now(),
          closedAt: null,
        });
        const token = tokens.sign(
          { workshopId: id, role: "facilitator", group: null, name: "Facilitator" },
          1,
        );
        return { id, joinCode, facilitatorKey, observerKey, token };
      } catch (err) {
        // A join code already in use by another open workshop: draw again (one in a billion per draw).
        if (attempt >= 5) throw err;
      }
    }
  }

  /** Each address makes at most `createLimit` workshops per window (creating and importing alike). */
  function countCreation(req: IncomingMessage): void {
    const address = deps.addressOf(req);
    const retryAfter = deps.creations.retryAfterSeconds(address);
    if (retryAfter > 0) {
      throw new HttpError(
        429,
        "too_many_workshops",
        "Too many workshops were started from this network just now. Wait a few minutes and try again.",
        { "retry-after": String(retryAfter) },
      );
    }
    deps.creations.fail(address);
  }

  const create: Handler = async ({ req }) => {
    const input = await readBody(req, CreateWorkshopRequest);
    countCreation(req);
    const id = newWorkshopId();
    const doc = new Y.Doc();
    initWorkshop(doc, {
      id,
      title: input.title,
      template: input.template,
      groups: input.groups ?? undefined,
      aspects: input.aspects ?? undefined,
      date: input.date || undefined,
      description: input.description ?? undefined,
      anonymous: input.showNames !== true,
    });
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const created = await register(id, new Map([[workshopDocName(id), update]]));
    log.info({ workshop: id, template: input.template }, "workshop created");
    return { status: 201, body: created };
  };

  /**
   * A new workshop from a JSON archive (an export). The archive's ids are kept, so export → import → export
   * gives the same archive; a workshop id already on this server gets a new one. The new workshop has its
   * own join code and keys: an archive carries no secrets.
   */
  const importArchive: Handler = async ({ req }) => {
    if (deps.importKey !== undefined) {
      const key = bearer(req);
      if (key === null) {
        throw new HttpError(
          401,
          "missing_key",
          "Importing needs this server's import key: send it as “Authorization: Bearer <key>”.",
          { "www-authenticate": 'Bearer realm="continuum"' },
        );
      }
      if (!keyMatches(key, hashKey(deps.importKey)))
        throw new HttpError(403, "wrong_key", "That is not this server's import key.");
    }
    countCreation(req);
    // Parsed, checked against every bound and written into documents in the export pool's thread: a large
    // archive costs the person importing it some waiting, never everyone's sync.
    const text = await readJsonText(req, LIMITS.archiveBytes);
    const original = await deps.exportPool.archiveId(text);
    const taken = !isId(original) || (await store.getWorkshop(original as WorkshopId)) !== null;
    const id = taken ? newWorkshopId() : (original as WorkshopId);
    const docs = await deps.exportPool.importArchive(text, id);
    const created = await register(id, docs);
    log.info({ workshop: id, documents: docs.size, newId: taken }, "workshop imported");
    return { status: 201, body: created };
  };

  /** The workshop of a facilitator's request to `/api/workshops/<id>/…`, checked like a guessed secret. */
  const facilitatorsWorkshop = (ctx: Parameters<Handler>[0]) =>
    deps.guarded(
      ctx.req,
      () => authorizeFacilitator(ctx.req, store, tokens, ctx.params.id ?? "", "Workshop settings"),
      ctx.params.id,
    );

  /** Nobody can join or connect any more; exports still work. */
  const close: Handler = async (ctx) => {
    const workshop = await facilitatorsWorkshop(ctx);
    const closedAt = workshop.closedAt ?? Date.now();
    await store.updateWorkshop(workshop.id, { closedAt });
    deps.disconnect(workshop.id, () => true, CloseCode.WorkshopClosed, "workshop closed");
    log.info({ workshop: workshop.id }, "workshop closed");
    const body: CloseResponse = { workshopId: workshop.id, closedAt };
    return { status: 200, body };
  };

  /**
   * New facilitator and observer keys; every facilitator and room-screen token issued so far stops working
   * at once (a private link was shared by mistake). Participants keep theirs.
   */
  const revoke: Handler = async (ctx) => {
    const workshop = await facilitatorsWorkshop(ctx);
    const facilitatorKey = newSecretKey();
    const observerKey = newSecretKey();
    const tokenVersion = workshop.tokenVersion + 1;
    await store.updateWorkshop(workshop.id, {
      facilitatorKeyHash: hashKey(facilitatorKey),
      observerKeyHash: hashKey(observerKey),
      tokenVersion,
    });
    deps.disconnect(workshop.id, (who) => who.role !== "participant", CloseCode.Unauthorized, "link revoked");
    log.info({ workshop: workshop.id }, "private links revoked");
    const token = tokens.sign(
      { workshopId: workshop.id, role: "facilitator", group: null, name: "Facilitator" },
      tokenVersion,
    );
    const body: RevokeResponse = { workshopId: workshop.id, facilitatorKey, observerKey, token };
    return { status: 200, body };
  };

  return { create, importArchive, close, revoke };
}
