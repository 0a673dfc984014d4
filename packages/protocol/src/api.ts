/**
 * The HTTP API's request and response bodies, as schemas. The server checks every request body against
 * these (apps/server/src/http/body.ts) and the web takes its types from them, so the two cannot drift; every
 * length comes from LIMITS, which the web's forms use for maxLength too.
 */
import * as v from "valibot";
import type { GroupId, ParticipantId, WorkshopId } from "./ids.ts";
import { LIMITS } from "./limits.ts";
import type { Role } from "./roles.ts";

/**
 * Templates a workshop can be created from (the model's `TEMPLATES` holds their content):
 * - `blank`: title only.
 * - `discretion`: the February 2023 meeting: a scale by two separate groups, then charts in mixed groups.
 * - `word-association`: the October 2022 meeting: word association on key terms, then vignette reflection.
 * - `between-meetings`: a three-question board kept open between meetings.
 */
export type WorkshopTemplate = "blank" | "discretion" | "word-association" | "between-meetings";
export const WORKSHOP_TEMPLATES: readonly WorkshopTemplate[] = [
  "blank",
  "discretion",
  "word-association",
  "between-meetings",
];

/** Trimmed text of at most `max` characters; `required` also refuses an empty one. */
const text = (field: string, max: number) =>
  v.pipe(
    v.string(`"${field}" must be a string.`),
    v.trim(),
    v.maxLength(max, `"${field}" must be at most ${max} characters.`),
  );
const requiredText = (field: string, max: number, empty = `"${field}" must not be empty.`) =>
  v.pipe(text(field, max), v.nonEmpty(empty));
/** A list of trimmed strings, empty ones dropped. */
const textList = (field: string, maxItems: number, maxLength: number) =>
  v.pipe(
    v.array(v.string(`"${field}" must be a list of strings.`), `"${field}" must be a list of strings.`),
    v.transform((items) => items.map((s) => s.trim()).filter((s) => s.length > 0)),
    v.maxLength(maxItems, `"${field}" may have at most ${maxItems} items.`),
    v.check(
      (items) => items.every((s) => [...s].length <= maxLength),
      `Each of "${field}" must be at most ${maxLength} characters.`,
    ),
  );
/** Absent and null both mean "not given". */
const optional = <T extends v.GenericSchema>(schema: T) => v.nullish(schema);

export const CreateWorkshopRequest = v.object({
  title: requiredText("title", LIMITS.title),
  template: v.optional(
    v.picklist(WORKSHOP_TEMPLATES, `"template" must be one of: ${WORKSHOP_TEMPLATES.join(", ")}.`),
    "blank",
  ),
  /** Optional overrides of the template's groups and aspects (the start page lets people edit them). */
  groups: optional(textList("groups", LIMITS.groups, LIMITS.name)),
  aspects: optional(textList("aspects", LIMITS.aspects, LIMITS.aspect)),
  date: optional(v.pipe(text("date", 10), v.regex(/^(\d{4}-\d{2}-\d{2})?$/, '"date" must be YYYY-MM-DD.'))),
  description: optional(text("description", LIMITS.prompt)),
  /**
   * Show people's names to the room's screen, to each other and in the exports. Absent or false: the
   * workshop is anonymous (notes show their group, never the name), the default since issue 13.
   */
  showNames: optional(v.boolean('"showNames" must be true or false.')),
});
export type CreateWorkshopRequest = v.InferInput<typeof CreateWorkshopRequest>;

export interface CreateWorkshopResponse {
  id: WorkshopId;
  joinCode: string;
  /** Secret: gives full control. Shown once to the facilitator, never logged. */
  facilitatorKey: string;
  /** Secret, but harmless: gives read access to what is revealed, for the room's big screen. */
  observerKey: string;
  /** A facilitator token, so the creating browser can connect at once. */
  token: string;
}

export const JoinRequest = v.object({
  // Missing and empty are the same mistake to a person typing a code.
  code: v.optional(requiredText("code", 64, "Enter the workshop code."), ""),
  name: requiredText("name", LIMITS.name),
  /** A group id, or a group's name (matched ignoring case). */
  group: requiredText("group", LIMITS.name),
  /**
   * A random label of the device (kept on it, not secret), so the facilitator can see how many devices a
   * person uses.
   */
  device: optional(v.pipe(text("device", 64), v.regex(/^[A-Za-z0-9_-]*$/, '"device" must be an id.'))),
});
export type JoinRequest = v.InferInput<typeof JoinRequest>;

export interface JoinResponse {
  workshopId: WorkshopId;
  token: string;
  role: Role;
  group: GroupId;
  groupName: string;
  name: string;
  /** The person, chosen by the server (PEOPLE-1). */
  participantId: ParticipantId;
  /**
   * Secret: lets this person come back as the same participant, on this device or another
   * (`POST /api/rejoin`). Kept on the device, shown again only as a "continue on another device" link.
   */
  participantKey: string;
}

/** `POST /api/rejoin`: the same participant again, with the key they were given when they joined. */
export const RejoinRequest = v.object({
  workshopId: requiredText("workshopId", 64),
  participantId: requiredText("participantId", 64),
  key: requiredText("key", 200),
  device: optional(v.pipe(text("device", 64), v.regex(/^[A-Za-z0-9_-]*$/, '"device" must be an id.'))),
});
export type RejoinRequest = v.InferInput<typeof RejoinRequest>;

/**
 * `POST /api/workshops/<id>/people`: another person joins the same workshop from a device already in it (a
 * shared tablet), with the bearer token of a participant on that device or the facilitator's, and no code.
 * The answer is a `JoinResponse` for the new person (PEOPLE-4).
 */
export const AddPersonRequest = v.object({
  name: requiredText("name", LIMITS.name),
  /** A group id, or a group's name (matched ignoring case). */
  group: requiredText("group", LIMITS.name),
  device: optional(v.pipe(text("device", 64), v.regex(/^[A-Za-z0-9_-]*$/, '"device" must be an id.'))),
});
export type AddPersonRequest = v.InferInput<typeof AddPersonRequest>;

/** One person of a workshop, as the facilitator sees them (`GET /api/workshops/<id>/participants`). */
export interface ParticipantSummary {
  id: ParticipantId;
  name: string;
  group: GroupId;
  groupName: string;
  /** How many devices they joined from. */
  devices: number;
  /** Open connections right now (on this server). */
  connections: number;
  /** When they were last connected or joined, ms since the epoch. */
  lastSeen: number;
  /** When the facilitator removed them, or null. */
  removedAt: number | null;
}

export interface ParticipantsResponse {
  participants: ParticipantSummary[];
}

/** `POST /api/session`: exchange a facilitator or observer key for a token. */
export const SessionRequest = v.object({
  workshopId: requiredText("workshopId", 64),
  key: requiredText("key", 200),
  name: optional(text("name", LIMITS.name)),
});
export type SessionRequest = v.InferInput<typeof SessionRequest>;

export interface SessionResponse {
  workshopId: WorkshopId;
  token: string;
  role: Role;
}

/** `POST /api/workshops/<id>/revoke` (facilitator): new private links; the old ones stop working. */
export interface RevokeResponse {
  workshopId: WorkshopId;
  facilitatorKey: string;
  observerKey: string;
  token: string;
}

/** `POST /api/workshops/<id>/close` (facilitator). */
export interface CloseResponse {
  workshopId: WorkshopId;
  closedAt: number;
}

/** `GET /api/lookup/<code>`: what a person needs to pick a group before joining. */
export interface LookupResponse {
  workshopId: WorkshopId;
  title: string;
  groups: { id: GroupId; name: string }[];
}

/** One recorded move of a note on a lane (HIST-1), as `GET /api/workshops/<id>/moves` gives it. */
export interface MoveEntry {
  groupId: GroupId;
  noteId: string;
  aspectId: string | null;
  /** The note's text when it moved. */
  text: string;
  /** 0..100; null when the move placed the note. */
  fromX: number | null;
  fromY: number | null;
  /** 0..100; null when the move took the note off the scale. */
  toX: number | null;
  toY: number | null;
  /** When the server applied it, ms since the epoch. */
  at: number;
  /** Who moved it; "" when unknown or the workshop is anonymous. */
  author: string;
  round: "individual" | "group" | "second";
}

/**
 * `GET /api/workshops/<id>/moves?activity=<activityId>`: a scale's history for the replay (HIST-2). The
 * facilitator gets every group's; anyone else with a link to the workshop gets the groups whose lane they
 * may read right now (their own, and others' once revealed).
 */
export interface MovesResponse {
  activityId: string;
  /** The groups whose moves are included (what the caller may read). */
  groups: GroupId[];
  /** Oldest first. */
  moves: MoveEntry[];
}

/** Every error from the HTTP API has this shape. */
export interface ApiError {
  error: {
    /** Stable, machine readable. */
    code: string;
    /** A sentence a person can read. */
    message: string;
  };
}

/** Any of the request schemas above, and what it gives when a body passes it (for code outside this package). */
export type BodySchema = v.GenericSchema;
export type BodyOf<S extends BodySchema> = v.InferOutput<S>;

/**
 * Checks a parsed JSON body against a schema: the value on success, else the first problem as a sentence
 * (the schemas' messages are written for people).
 */
export function parseBody<S extends v.GenericSchema>(
  schema: S,
  body: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; message: string; missing: boolean } {
  const result = v.safeParse(schema, body, { abortEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const field = issue.path?.map((p) => String(p.key)).join(".") ?? "";
  // valibot's own message for a missing key names the expected type; say which field is needed instead.
  const missing = issue.input === undefined && issue.kind === "schema";
  return { ok: false, missing, message: missing ? `"${field}" is required.` : issue.message };
}

/** Join codes: six characters without look-alikes; people may type them with spaces, dashes or in lower case. */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 6;

export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export function isJoinCode(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/**
 * The server's quotas and limits, with their defaults; the server's configuration can change each one
 * (docs/api.md lists them with their variables and close codes).
 */
export const DEFAULT_LIMITS = {
  /** Largest WebSocket frame accepted (close 1009 above it). */
  maxMessageBytes: 1024 * 1024,
  /**
   * A client whose unsent data passes this is disconnected (close 4408) instead of growing memory. The
   * initial state of a large document is allowed on top: a client reading it is not falling behind.
   */
  maxBufferedBytes: 8 * 1024 * 1024,
  /** A document with no connection for this long is written out and unloaded. */
  idleUnloadMs: 30_000,
  /** Updates appended before the store compacts a document into a snapshot. */
  compactEvery: 500,
  /**
   * Largest document: a write that would take a document past this is refused and its writer closed with
   * 4413 ("this board is full"). A chart of 5,000 notes is about 1 MB.
   */
  maxDocumentBytes: 16 * 1024 * 1024,
  /** What one connection may send, in bytes: a burst, then a steady rate (close 4429 beyond). */
  writeBurstBytes: 4 * 1024 * 1024,
  writeBytesPerSecond: 512 * 1024,
  /** What one connection may send, in frames: a burst, then a steady rate (close 4429 beyond). */
  messageBurst: 600,
  messagesPerSecond: 200,
  /** Largest presence (awareness) state of a single client; a larger one is dropped. */
  maxAwarenessStateBytes: 4 * 1024,
  /** Presence entries (awareness client ids) one connection may own; more are dropped. */
  maxPresenceEntries: 4,
  /** Presence updates of one connection relayed per second, after a burst; more are dropped. */
  presenceBurst: 60,
  presencePerSecond: 30,
} as const;
