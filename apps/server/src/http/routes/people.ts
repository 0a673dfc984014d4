/**
 * How people get in: look a code up (`GET /api/lookup/<code>`), join with it (`POST /api/join`), join
 * another person from a device already in the workshop (`POST /api/workshops/<id>/people`, a shared
 * tablet), or trade a facilitator's or room screen's key for a token (`POST /api/session`). Every one of
 * them takes a guessable secret, so every one runs inside the guessing guard.
 */
import { listGroups, readMeta } from "@continuum/model";
import {
  AddPersonRequest,
  type GroupId,
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
import { bearer } from "../../auth/facilitator.ts";
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

  /** The group a person asked for, by id or by name ignoring case: 400 with the choices when there is none. */
  async function groupOf(workshopId: WorkshopId, wanted: string): Promise<{ id: GroupId; name: string }> {
    const groups = await withWorkshopDoc(workshopId, (doc) => listGroups(doc));
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
    return group;
  }

  const join: Handler = async ({ req }) => {
    const input = await readBody(req, JoinRequest);
    return guarded(req, async () => {
      const workshop = await findOpenByCode(input.code);
      const group = await groupOf(workshop.id, input.group);
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

  /**
   * Who is adding a person to this workshop: a participant of it whom the facilitator has not removed, or
   * the facilitator (token or key). Anything else is refused as a wrong guess is (401 without a credential,
   * 403 with one that is not good here), so trying tokens is slowed like trying codes.
   */
  async function adderOf(req: Parameters<Handler>[0]["req"], workshop: WorkshopRecord) {
    const credential = bearer(req);
    if (credential === null) {
      throw new HttpError(
        401,
        "missing_token",
        "Adding someone needs the token of a person already in this workshop: “Authorization: Bearer <token>”.",
        { "www-authenticate": 'Bearer realm="continuum"' },
      );
    }
    const token = tokens.verify(credential);
    if (token?.workshopId === workshop.id) {
      if (token.role === "facilitator" && token.tokenVersion === workshop.tokenVersion)
        return { facilitator: true, participant: null };
      if (token.role === "participant" && token.participant) {
        const person = await deps.participants.get(workshop.id, token.participant);
        if (person && person.removedAt !== null)
          throw new HttpError(403, "removed", "The facilitator has removed you from this workshop.");
        if (person) return { facilitator: false, participant: person.id };
      }
    }
    if (keyMatches(credential, workshop.facilitatorKeyHash)) return { facilitator: true, participant: null };
    throw new HttpError(
      403,
      "wrong_token",
      "This device cannot add people to this workshop. Join with the workshop code instead.",
    );
  }

  /**
   * Another person joins from a device already in the workshop (a shared tablet), or the facilitator joins
   * someone for a tablet: no code, the same rules as joining otherwise (an open workshop, a group it has),
   * and at most `addPeopleLimit` people per address in a window (PEOPLE-4). The new person's id is chosen
   * here, never taken from the request.
   */
  const addPerson: Handler = async ({ req, params }) => {
    const input = await readBody(req, AddPersonRequest);
    const rawId = params.id ?? "";
    return guarded(
      req,
      async () => {
        const workshop = await openWorkshopById(rawId);
        const adder = await adderOf(req, workshop);
        const group = await groupOf(workshop.id, input.group);
        if (!adder.facilitator) {
          const address = deps.addressOf(req);
          const retryAfter = deps.additions.retryAfterSeconds(address);
          if (retryAfter > 0) {
            throw new HttpError(
              429,
              "too_many_people",
              "Too many people were added from this network just now. Wait a few minutes, or join with the workshop code.",
              { "retry-after": String(retryAfter) },
            );
          }
          deps.additions.fail(address);
        }
        const { participant, key } = await deps.participants.add(workshop.id, {
          name: input.name,
          group: group.id,
          device: input.device || null,
        });
        deps.log.info(
          { workshop: workshop.id, participant: participant.id, by: adder.participant ?? "facilitator" },
          "person added from a device in the workshop",
        );
        return participantAnswer(workshop, participant, group.name, key);
      },
      rawId,
    );
  };

  return { lookup, join, rejoin, session, addPerson };
}
