/**
 * Who wrote a note, as people should see it. Groups are what the research compares, so a note always shows
 * its author's group, in words; in an anonymous workshop (`meta.anonymous`) it never shows the name, on any
 * screen or in any export.
 */
import type { GroupId } from "./ids.ts";
import type { Group } from "./workshop.ts";

export interface Attribution {
  /** The author's group's name; "Facilitator" for a note without a group; "Removed group" for a group since removed. */
  readonly group: string;
  /** The author's display name, or null when the workshop is anonymous (or the name is empty). */
  readonly author: string | null;
  /** One line for a note: "Ann, Link workers", or "Link workers" when anonymous. */
  readonly byline: string;
}

export const FACILITATOR_LABEL = "Facilitator";
export const REMOVED_GROUP_LABEL = "Removed group";

export function attribute(
  note: { readonly author: string; readonly groupId: GroupId | null },
  groups: readonly Group[],
  anonymous: boolean,
): Attribution {
  const group =
    note.groupId === null
      ? FACILITATOR_LABEL
      : (groups.find((g) => g.id === note.groupId)?.name ?? REMOVED_GROUP_LABEL);
  const author = anonymous || note.author.trim() === "" ? null : note.author;
  return { group, author, byline: author && author !== group ? `${author}, ${group}` : group };
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
