/**
 * Branded ids. A brand exists only for the type checker: at run time every id is a plain string, but a
 * `NoteId` cannot be passed where an `ActivityId` is expected.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type WorkshopId = Brand<string, "WorkshopId">;
export type ActivityId = Brand<string, "ActivityId">;
export type GroupId = Brand<string, "GroupId">;
export type NoteId = Brand<string, "NoteId">;
export type AspectId = Brand<string, "AspectId">;
export type ColumnId = Brand<string, "ColumnId">;
/** A person in a workshop, chosen by the server when they join; pseudonymous (no name in it). */
export type ParticipantId = Brand<string, "ParticipantId">;

/**
 * Ids appear inside document names and URL paths, so they are restricted to characters that need no
 * escaping there and can never be confused with the `/` that separates the parts of a document name.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

// No look-alike characters, so an id read aloud or copied by hand survives.
const ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A random id with ~60 bits of entropy (12 characters from a 32-letter alphabet). */
export function randomId(length = 12): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += ID_ALPHABET[b & 31];
  return out;
}

export const newWorkshopId = (): WorkshopId => randomId() as WorkshopId;
export const newActivityId = (): ActivityId => randomId() as ActivityId;
export const newGroupId = (): GroupId => randomId() as GroupId;
export const newNoteId = (): NoteId => randomId() as NoteId;
export const newAspectId = (): AspectId => randomId() as AspectId;
export const newColumnId = (): ColumnId => randomId() as ColumnId;
export const newParticipantId = (): ParticipantId => `p${randomId(11)}` as ParticipantId;
