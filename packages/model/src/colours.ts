/**
 * The fixed palette of note and group colours. Colours are stored by name, never as CSS, so a peer cannot
 * inject styles and the web app may restyle them (high contrast, print) without touching documents.
 * Colour is never the only carrier of meaning: the UI shows the label next to it.
 */

export type Colour = "yellow" | "pink" | "blue" | "green" | "orange" | "purple";

export interface ColourInfo {
  /** The stored name. */
  readonly id: Colour;
  /** What a person reads (and a screen reader says). */
  readonly label: string;
  /** A suggested pale background that keeps black text at WCAG AA contrast. */
  readonly hex: string;
}

export const COLOURS: readonly ColourInfo[] = Object.freeze([
  { id: "yellow", label: "Yellow", hex: "#fff59d" },
  { id: "pink", label: "Pink", hex: "#f8bbd0" },
  { id: "blue", label: "Blue", hex: "#b3e5fc" },
  { id: "green", label: "Green", hex: "#c5e1a5" },
  { id: "orange", label: "Orange", hex: "#ffcc80" },
  { id: "purple", label: "Purple", hex: "#d1c4e9" },
] as const);

/** Yellow, like the paper post-it notes the workshops used. */
export const DEFAULT_COLOUR: Colour = "yellow";

const NAMES: ReadonlySet<string> = new Set(COLOURS.map((c) => c.id));

export function isColour(value: unknown): value is Colour {
  return typeof value === "string" && NAMES.has(value);
}

/** A stored colour, or the default for anything unknown (a colour added by a newer client, garbage). */
export function readColour(value: unknown, fallback: Colour = DEFAULT_COLOUR): Colour {
  return isColour(value) ? value : fallback;
}

/** The human label of a colour. */
export function colourLabel(colour: Colour): string {
  return COLOURS.find((c) => c.id === colour)?.label ?? colour;
}

/** A shape that tells groups apart without colour. */
export type GroupShape = "circle" | "triangle" | "square" | "diamond" | "star" | "hexagon";

/**
 * How a group is recognised on every note after the reveal, whatever colour its notes are: a strong colour
 * from a palette that colour-blind people can tell apart (Okabe and Ito's, darkened to keep 3:1 against
 * white and the pale note colours) and a shape, with the group's initial on it. Given by the group's place in
 * the workshop, so every screen and export agrees without storing anything.
 */
export interface GroupMark {
  readonly hex: string;
  readonly shape: GroupShape;
}

export const GROUP_MARKS: readonly GroupMark[] = Object.freeze([
  { hex: "#0072b2", shape: "circle" },
  { hex: "#c24e00", shape: "square" },
  { hex: "#007a5e", shape: "triangle" },
  { hex: "#a8477f", shape: "diamond" },
  { hex: "#7a5c00", shape: "star" },
  { hex: "#4b4b9b", shape: "hexagon" },
] as const);

export function groupMark(index: number): GroupMark {
  const i = Number.isInteger(index) && index >= 0 ? index % GROUP_MARKS.length : 0;
  return GROUP_MARKS[i] as GroupMark;
}

/** The first letter of a group's name, for its mark ("?" when the name has no letter or digit). */
export function groupInitial(name: string): string {
  const m = /[\p{L}\p{N}]/u.exec(name);
  return m ? m[0].toLocaleUpperCase() : "?";
}
