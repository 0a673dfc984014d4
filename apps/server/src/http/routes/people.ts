/**
 * How people get in: look a code up (`GET /api/lookup/<code>`), join with it (`POST /api/join`), or trade a
 * facilitator's or room screen's key for a token (`POST /api/session`). Every one of them takes a guessable
 * secret, so every one runs inside the guessing guard.
 */
import { listGroups, readMeta } from "@continuum/model";
import {
  isId,
  isJoinCode,
  JoinRequest,
  type JoinResponse,
  type LookupResponse,
  normalizeJoinCode,
  RejoinRequest,
  SessionRequest,
  type SessionResponse,
  type WorkshopId,
  workshopDocName,
} from "@continuum/protocol";
import type * as Y from "yjs";
import type { Participant } from "../../auth/participants.ts";
import { keyMatches } from "../../auth/tokens.ts";
import type { WorkshopRecord } from "../../store/types.ts";
import { readBody } from "../body.ts";
import type { Handler, HttpDeps } from "../context.ts";
import { HttpError } from "../errors.ts";

export function peopleRoutes(deps: HttpDeps) {
  const { store, rooms, tokens, guarded } = deps;

  /** Reads a workshop document (loading it if needed) without keeping it loaded longer than idle rooms stay. */
  async function withWorkshopDoc<T>(id: WorkshopId, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await rooms.acquire(workshopDocName(id));
    try {
      return read(room.doc);
    } finally {
      rooms.release(room);
    }
  }

  async function findOpenByCode(rawCode: string) {
    if (rawCode.trim() === "") throw new HttpError(400, "missing_field", "Enter the workshop code.");
    const code = normalizeJoinCode(rawCode);
    const workshop = isJoinCode(code) ? await store.findWorkshopByCode(code) : null;
    if (!workshop) {
      throw new HttpError(
        404,
        "unknown_code",
        "There is no open workshop with that code. Check the code and try again.",
      );
    }
    return workshop;
  }

  /** A workshop by the id a link carries: 404 when there is none, 410 when it was closed. */
  async function openWorkshopById(raw: string): Promise<WorkshopRecord> {
    const workshop = isId(raw) ? await store.getWorkshop(raw as WorkshopId) : null;
    if (!workshop) throw new HttpError(404, "unknown_workshop", "There is no workshop at this link.");
    if (workshop.closedAt !== null)
      throw new HttpError(410, "workshop_closed", "This workshop has been closed.");
    return workshop;
  }

  /** A participant's token and the answer that carries it: the same for joining and for coming back. */
  function participantAnswer(
    workshop: WorkshopRecord,
    person: Pick<Participant, "id" | "name" | "group">,
    groupName: string,
    key: string,
  ): { status: number; body: JoinResponse } {
    const token = tokens.sign(
      {
        workshopId: workshop.id,
        role: "participant",
        group: person.group,
        name: person.name,
        participant: person.id,
      },
      workshop.tokenVersion,
    );
    const body: JoinResponse = {
      workshopId: workshop.id,
      token,
      role: "participant",
      group: person.group,
      groupName,
      name: person.name,
      participantId: person.id,
      participantKey: key,
    };
    return { status: 200, body };
  }

  const lookup: Handler = ({ req, params }) =>
    guarded(req, async () => {
      const workshop = await findOpenByCode(params.code ?? "");
      const body: LookupResponse = await withWorkshopDoc(workshop.id, (doc) => ({
        workshopId: workshop.id,
        title: readMeta(doc).title,
        groups: listGroups(doc).map((g) => ({ id: g.id, name: g.name })),
      }));
      return { status: 200, body };
    });

  const join: Handler = async ({ req }) => {
    const input = await readBody(req, JoinRequest);
    return guarded(req, async () => {
      const workshop = await findOpenByCode(input.code);
      const groups = await withWorkshopDoc(workshop.id, (doc) => listGroups(doc));
      const wanted = input.group;
      const group =
        groups.find((g) => g.id === wanted) ??
        groups.find((g) => g.name.toLocaleLowerCase() === wanted.toLocaleLowerCase());
      if (!group) {
        const names = groups.map((g) => `"${g.name}"`).join(", ");
        throw new HttpError(
          400,
          "unknown_group",
          groups.length
            ? `There is no group "${wanted}" in this workshop. Choose one of: ${names}.`
            : "This workshop has no groups yet. Ask the facilitator to add one.",
        );
      }
      const { participant, key } = await deps.participants.add(workshop.id, {
        name: input.name,
        group: group.id,
        device: input.device || null,
      });
      return participantAnswer(workshop, participant, group.name, key);
    });
  };

  /**
   * The same participant again (a reload that lost its token, another device of the same person) with the
   * key they were given at joining: a device secret, never a guess from the name (PEOPLE-2).
   */
  const rejoin: Handler = async ({ req }) => {
    const input = await readBody(req, RejoinRequest);
    return guarded(
      req,
      async () => {
        const workshop = await openWorkshopById(input.workshopId);
        const participant = await deps.participants.rejoin(
          workshop.id,
          input.participantId,
          input.key,
          input.device || null,
        );
        if (!participant) {
          throw new HttpError(403, "wrong_key", "This link is not valid. Join again with the workshop code.");
        }
        if (participant.removedAt !== null) {
          throw new HttpError(403, "removed", "The facilitator has removed you from this workshop.");
        }
        const groups = await withWorkshopDoc(workshop.id, (doc) => listGroups(doc));
        const groupName = groups.find((g) => g.id === participant.group)?.name ?? "";
        return participantAnswer(workshop, participant, groupName, input.key);
      },
      input.workshopId,
    );
  };

  const session: Handler = async ({ req }) => {
    const input = await readBody(req, SessionRequest);
    return guarded(
      req,
      async () => {
        const workshop = await openWorkshopById(input.workshopId);
        const role = keyMatches(input.key, workshop.facilitatorKeyHash)
          ? "facilitator"
          : keyMatches(input.key, workshop.observerKeyHash)
            ? "observer"
            : null;
        if (!role) {
          throw new HttpError(
            403,
            "wrong_key",
            "This link is not valid any more. Ask the facilitator for a new link.",
          );
        }
        const name = input.name || (role === "facilitator" ? "Facilitator" : "Big screen");
        const token = tokens.sign(
          { workshopId: workshop.id, role, group: null, name },
          workshop.tokenVersion,
        );
        const body: SessionResponse = { workshopId: workshop.id, token, role };
        return { status: 200, body };
      },
      input.workshopId,
    );
  };

  return { lookup, join, rejoin, session };
}
