/**
 * Who wrote a note, as people should see it. Groups are what the research compares, so a note always shows
 * its author's group, in words; in an anonymous workshop (`meta.anonymous`) it never shows the name, on any
 * screen or in any export.
 */
import type { GroupId } from "./ids.ts";
import type { Group } from "./workshop.ts";

export interface Attribution {
  /**
   * The author's group's name; for a note without a group, or of a group since removed, the label the caller
   * gave for it in the reader's language (English by default).
   */
  readonly group: string;
  /** Whether the note is a group's, the facilitator's, or a removed group's (for a caller that words it itself). */
  readonly groupKind: "group" | "facilitator" | "removed";
  /** The author's display name, or null when the workshop is anonymous (or the name is empty). */
  readonly author: string | null;
  /** One line for a note: "Ann, Link workers", or "Link workers" when anonymous. */
  readonly byline: string;
}

/**
 * The words for a note without a group of its own, in the reader's language: the web app passes its
 * catalogue's ("Hwylusydd" in Welsh), the exports theirs. English when not given (tests, scripts).
 */
export interface AttributionLabels {
  readonly facilitator: string;
  readonly removedGroup: string;
}

export const FACILITATOR_LABEL = "Facilitator";
export const REMOVED_GROUP_LABEL = "Removed group";

const ENGLISH_LABELS: AttributionLabels = {
  facilitator: FACILITATOR_LABEL,
  removedGroup: REMOVED_GROUP_LABEL,
};

export function attribute(
  note: { readonly author: string; readonly groupId: GroupId | null },
  groups: readonly Group[],
  anonymous: boolean,
  labels: AttributionLabels = ENGLISH_LABELS,
): Attribution {
  const name = note.groupId === null ? undefined : groups.find((g) => g.id === note.groupId)?.name;
  const groupKind = note.groupId === null ? "facilitator" : name === undefined ? "removed" : "group";
  const group =
    groupKind === "facilitator"
      ? labels.facilitator
      : groupKind === "removed"
        ? labels.removedGroup
        : (name ?? "");
  const author = anonymous || note.author.trim() === "" ? null : note.author;
  return { group, groupKind, author, byline: author && author !== group ? `${author}, ${group}` : group };
}

/**
 * The notes with their authors' names blanked when the workshop is anonymous: readers for exports and
 * screens pass their notes through this, so a name cannot leak by forgetting to hide it at one place.
 */
export function anonymise<N extends { readonly author: string }>(
  notes: readonly N[],
  anonymous: boolean,
): N[] {
  return anonymous ? notes.map((n) => ({ ...n, author: "" })) : [...notes];
}
