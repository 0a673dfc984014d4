import type { GroupId, WorkshopId } from "./ids.ts";
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

export interface CreateWorkshopRequest {
  title: string;
  template?: WorkshopTemplate;
  /** Optional overrides of the template's groups and aspects (the start page lets people edit them). */
  groups?: string[];
  aspects?: string[];
  date?: string;
  description?: string;
}

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

export interface JoinRequest {
  code: string;
  name: string;
  /** A group id, or a group's name (matched ignoring case). */
  group: string;
}

export interface JoinResponse {
  workshopId: WorkshopId;
  token: string;
  role: Role;
  group: GroupId;
  groupName: string;
  name: string;
}

/** `POST /api/session`: exchange a facilitator or observer key for a token. */
export interface SessionRequest {
  workshopId: string;
  key: string;
  name?: string;
}

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

/** `GET /api/lookup/<code>`: what a person needs to pick a group before joining. */
export interface LookupResponse {
  workshopId: WorkshopId;
  title: string;
  groups: { id: GroupId; name: string }[];
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

/** Join codes: six characters without look-alikes; people may type them with spaces, dashes or in lower case. */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 6;

export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export function isJoinCode(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/** Default limits; the server's configuration can change them. */
export const DEFAULT_LIMITS = {
  /** Largest WebSocket frame accepted (close 1009 above it). */
  maxMessageBytes: 1024 * 1024,
  /** A client whose unsent data passes this is disconnected (close 4408) instead of growing memory. */
  maxBufferedBytes: 8 * 1024 * 1024,
  /** A document with no connection for this long is written out and unloaded. */
  idleUnloadMs: 30_000,
  /** Updates appended before the store compacts a document into a snapshot. */
  compactEvery: 500,
  /** Largest awareness state of a single client. */
  maxAwarenessStateBytes: 16 * 1024,
} as const;
