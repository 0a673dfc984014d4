/**
 * The workshop snapshot: every export format is a pure function of this plain object, and the JSON archive
 * is this object itself. It is the model's `WorkshopContent` (read with its validating readers, so a
 * garbage value written by a hostile peer reads the same here as on screen) with times in ISO 8601 and
 * chart notes in column order; `snapshotToContent` turns it back, for an import.
 *
 * Anonymous workshops: every `author` is blank here already, so no format can leak a name by mistake; the
 * group of each note is kept (groups are what the research compares).
 */
import {
  type ActivityId,
  type Aspect,
  type ChartAbout,
  type Colour,
  type Column,
  type ColumnId,
  type GroupId,
  type NoteId,
  type ParticipantId,
  readWorkshopContent,
  SCHEMA_VERSION,
  type Scribe,
  type StatsThresholds,
  type WorkshopId,
  type WorkshopLanguage,
} from "@continuum/model";
import type * as Y from "yjs";
import { exportText } from "./i18n.ts";
import { stampedParticipants } from "./participants.ts";
import { type SnapshotRounds, snapshotRounds } from "./rounds.ts";

/** Marks a JSON file as a Continuum workshop archive (the `format` field). */
export const ARCHIVE_FORMAT = "continuum-workshop";

/** An ISO 8601 time in UTC (`2023-02-15T10:30:00.000Z`), or null when the model does not know it. */
export type IsoTime = string | null;

export interface SnapshotWorkshop {
  readonly id: WorkshopId | null;
  readonly title: string;
  /** `YYYY-MM-DD` or `""`. */
  readonly date: string;
  readonly description: string;
  readonly anonymous: boolean;
  /** The facilitator ended the meeting (activities not left open between meetings were closed). */
  readonly meetingEnded: boolean;
  readonly createdAt: IsoTime;
  /** The statistics flags' thresholds the facilitator set (the others are the defaults); absent = none set. */
  readonly statsThresholds?: Partial<StatsThresholds>;
  /** The language of the exports' own words (issue 17, `i18n.ts`); absent = English. */
  readonly language?: WorkshopLanguage;
}

export interface SnapshotGroup {
  readonly id: GroupId;
  readonly name: string;
  readonly colour: Colour;
  readonly order: number;
  readonly createdAt: IsoTime;
}

/** A note on a scale: `x` is the position from 0 (left label) to 100 (right label), unrounded. */
export interface SnapshotScaleNote {
  readonly id: NoteId;
  readonly text: string;
  readonly colour: Colour;
  readonly x: number;
  readonly y: number;
  /** The prepared aspect it places, or null for an aspect the group wrote itself. */
  readonly aspectId: Aspect["id"] | null;
  /** Blank in anonymous workshops. */
  readonly author: string;
  readonly createdAt: IsoTime;
  readonly updatedAt: IsoTime;
}

/** A reason a group gave for a placement ("why here"), on the note it explains. */
export interface SnapshotReason {
  readonly id: string;
  readonly noteId: NoteId;
  readonly text: string;
  /** The author's group; null for the facilitator. */
  readonly groupId: GroupId | null;
  /** Blank in anonymous workshops. */
  readonly author: string;
  readonly createdAt: IsoTime;
}

/** One group's notes on one scale activity. */
export interface SnapshotLane {
  readonly groupId: GroupId;
  readonly notes: readonly SnapshotScaleNote[];
  /** The reasons given for its notes, oldest first; absent in archives from before reasons. */
  readonly reasons?: readonly SnapshotReason[];
}

/**
 * One move of a note on a lane (the history, `history.ts` of the model): placed (`fromX` null), moved, or
 * taken off the scale (`toX` null); positions 0..100 as on the lane, `at` with milliseconds.
 */
export interface SnapshotMove {
  readonly groupId: GroupId;
  readonly noteId: NoteId;
  readonly aspectId: Aspect["id"] | null;
  /** The note's text when it moved. */
  readonly text: string;
  readonly fromX: number | null;
  readonly fromY: number | null;
  readonly toX: number | null;
  readonly toY: number | null;
  readonly at: IsoTime;
  /** Blank in anonymous workshops. */
  readonly author: string;
  /** "individual", "group" or "second". */
  readonly round: string;
}

export interface SnapshotChartNote {
  readonly id: NoteId;
  readonly text: string;
  readonly colour: Colour;
  readonly columnId: ColumnId;
  readonly order: number;
  /** Blank in anonymous workshops. */
  readonly author: string;
  /** The author's group; null for the facilitator or a group since removed. */
  readonly groupId: GroupId | null;
  /**
   * The pseudonymous id the server stamped on the note when its author wrote it (OWN-1), in anonymous
   * workshops too; absent for notes the server did not stamp (the facilitator's, an import's, older ones).
   */
  readonly participantId?: ParticipantId;
  /** Dots from every voter together. */
  readonly votes: number;
  readonly createdAt: IsoTime;
  readonly updatedAt: IsoTime;
  /**
   * Typed for someone else who said it aloud (OWN-4): their name as given, blank when none was given or the
   * workshop is anonymous. The note is credited to them and `groupId`; `author` and `participantId` are who
   * typed it. Absent on every other note, and in archives from before it.
   */
  readonly writtenFor?: string;
  /** Who typed a note written for someone, as the server stamped it; absent otherwise. */
  readonly scribe?: Scribe;
}

/**
 * Whom a chart or board note is credited to, as the exports show it: the person's name (the one it was
 * written for, if it was; blank when anonymous or not given), and for a note written for someone the words
 * saying so and who typed it (no name when anonymous: "the facilitator" is a role, not a name).
 */
export function noteCredit(
  s: WorkshopSnapshot,
  n: SnapshotChartNote,
): { readonly name: string; readonly typed: string | null } {
  if (n.writtenFor === undefined) return { name: n.author, typed: null };
  const tx = exportText(s.workshop.language);
  const scribe = n.scribe === "facilitator" ? tx.theFacilitator : n.author || null;
  return { name: n.writtenFor, typed: tx.writtenFor(scribe, n.writtenFor !== "") };
}

interface SnapshotActivityBase {
  readonly id: ActivityId;
  readonly title: string;
  readonly prompt: string;
  readonly order: number;
  /** Whether participants could still change it when exported. */
  readonly locked: boolean;
  /** The groups taking part, sorted by id; null = every group. */
  readonly takingPart: readonly GroupId[] | null;
  /** Left open after the meeting, for people to add to in their own time. */
  readonly openBetweenMeetings: boolean;
  /** Planned length (ms), or null. */
  readonly durationMs: number | null;
}

/** Dot voting settings of a chart or board. */
export interface SnapshotVoting {
  readonly open: boolean;
  readonly revealed: boolean;
  /** Dots per person; vote counts count at most this many per voter, as the model does. */
  readonly budget: number;
}

export interface SnapshotScaleActivity extends SnapshotActivityBase {
  readonly kind: "scale";
  readonly leftLabel: string;
  readonly rightLabel: string;
  readonly aspects: readonly Aspect[];
  /** Groups whose lanes were revealed to everyone. */
  readonly revealed: readonly GroupId[];
  /** One lane per group of the workshop, in group order (empty when the group placed nothing). */
  readonly lanes: readonly SnapshotLane[];
  /** Every move of its notes, oldest first; absent in archives from before the history. */
  readonly moves?: readonly SnapshotMove[];
  /** Its rounds and everyone's own scale (`rounds.ts`); absent when it never used rounds. */
  readonly rounds?: SnapshotRounds;
}

export interface SnapshotChartActivity extends SnapshotActivityBase {
  readonly kind: "chart";
  readonly about: ChartAbout;
  readonly columns: readonly Column[];
  readonly voting: SnapshotVoting;
  /** Column order within each column; notes of a removed column last. */
  readonly notes: readonly SnapshotChartNote[];
}

export interface SnapshotBoardActivity extends SnapshotActivityBase {
  readonly kind: "board";
  readonly columns: readonly Column[];
  readonly voting: SnapshotVoting;
  readonly notes: readonly SnapshotChartNote[];
  /** The text people responded to (a vignette); "" when there was none. */
  readonly material: string;
  /** The instructions shown under each question, by column id; a column without any is absent. */
  readonly instructions: Readonly<Record<string, string>>;
}

export type SnapshotActivity = SnapshotScaleActivity | SnapshotChartActivity | SnapshotBoardActivity;

export interface WorkshopSnapshot {
  readonly format: typeof ARCHIVE_FORMAT;
  /** The model's schema version this snapshot follows (`SCHEMA_VERSION` of @continuum/model). */
  readonly schemaVersion: number;
  readonly exportedAt: string;
  readonly workshop: SnapshotWorkshop;
  /** In display order. */
  readonly groups: readonly SnapshotGroup[];
  /** In agenda order. */
  readonly activities: readonly SnapshotActivity[];
}

/** ms since the epoch to ISO 8601; 0 (unknown) to null. */
export const isoTime = (ms: number): IsoTime => (ms > 0 ? new Date(ms).toISOString() : null);

export interface SnapshotOptions {
  /** The export time; `Date.now()` by default (tests pass a fixed one). */
  now?: number;
}

/**
 * Builds the snapshot of a workshop from its documents, as the model reads them (`readWorkshopContent`).
 *
 * @param docsByName the workshop's lane, chart and board documents under their document names (see
 *   `laneDocName`, `chartDocName`, `boardDocName`); a missing document reads as empty. Lanes of groups the
 *   workshop no longer has are left out (the workshop no longer names them).
 */
export function snapshotFromDocs(
  workshopDoc: Y.Doc,
  docsByName: ReadonlyMap<string, Y.Doc>,
  options: SnapshotOptions = {},
): WorkshopSnapshot {
  const w = readWorkshopContent(workshopDoc, docsByName);
  const anonymous = w.meta.anonymous;
  const author = (name: string) => (anonymous ? "" : name);

  const activities = w.activities.map((a): SnapshotActivity => {
    const base = {
      id: a.id,
      title: a.title,
      prompt: a.prompt,
      order: a.order,
      locked: a.locked,
      takingPart: a.takingPart === null ? null : [...a.takingPart],
      openBetweenMeetings: a.openBetweenMeetings,
      durationMs: a.durationMs,
    };
    if (a.kind === "scale") {
      return {
        ...base,
        kind: "scale",
        leftLabel: a.leftLabel,
        rightLabel: a.rightLabel,
        aspects: a.aspects.map((x) => ({ id: x.id, text: x.text })),
        revealed: [...a.revealed],
        lanes: a.lanes.map((lane) => ({
          groupId: lane.groupId,
          notes: lane.notes.map((n) => ({
            id: n.id,
            text: n.text,
            colour: n.colour,
            x: n.x,
            y: n.y,
            aspectId: n.aspectId,
            author: author(n.author),
            createdAt: isoTime(n.createdAt),
            updatedAt: isoTime(n.updatedAt),
          })),
          reasons: (lane.reasons ?? []).map((r) => ({
            id: r.id,
            noteId: r.noteId,
            text: r.text,
            groupId: r.groupId,
            author: author(r.author),
            createdAt: isoTime(r.createdAt),
          })),
        })),
        moves: (w.moves ?? [])
          .filter((m) => m.activityId === a.id)
          .map((m) => ({
            groupId: m.groupId,
            noteId: m.noteId,
            aspectId: m.aspectId,
            text: m.text,
            fromX: m.fromX,
            fromY: m.fromY,
            toX: m.toX,
            toY: m.toY,
            at: isoTime(m.at),
            author: author(m.author),
            round: m.round,
          })),
        ...(a.rounds ? { rounds: snapshotRounds(a.rounds, author) } : {}),
      };
    }
    const voting = { open: a.voting.open, revealed: a.voting.revealed, budget: a.voting.budget };
    // Column order first (the order people read them in), then notes of removed columns.
    const rank = new Map<string, number>(a.columns.map((c, i) => [c.id, i]));
    const ordered = a.notes
      .map((n, i) => ({ n, i, r: rank.get(n.columnId) ?? a.columns.length }))
      .sort((p, q) => p.r - q.r || p.i - q.i)
      .map(({ n }) => n);
    const stamped = stampedParticipants(docsByName, w.meta.id, a.id, a.kind);
    const notes = ordered.map(
      (n): SnapshotChartNote => ({
        id: n.id,
        text: n.text,
        colour: n.colour,
        columnId: n.columnId,
        order: n.order,
        author: author(n.author),
        groupId: n.groupId,
        ...(stamped.has(n.id) ? { participantId: stamped.get(n.id) } : {}),
        votes: n.votes,
        createdAt: isoTime(n.createdAt),
        updatedAt: isoTime(n.updatedAt),
        // Written for someone (OWN-4): the mark stays in anonymous workshops, the name does not.
        ...(n.writtenFor !== undefined ? { writtenFor: author(n.writtenFor) } : {}),
        ...(n.writtenFor !== undefined && n.scribe ? { scribe: n.scribe } : {}),
      }),
    );
    const columns = a.columns.map((c) => ({ id: c.id, title: c.title }));
    if (a.kind === "chart") return { ...base, kind: "chart", about: { ...a.about }, columns, voting, notes };
    return {
      ...base,
      kind: "board",
      columns,
      voting,
      notes,
      material: a.material,
      instructions: { ...a.instructions },
    };
  });

  return {
    format: ARCHIVE_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: new Date(options.now ?? Date.now()).toISOString(),
    workshop: {
      id: w.meta.id,
      title: w.meta.title,
      date: w.meta.date,
      description: w.meta.description,
      anonymous,
      meetingEnded: w.meetingEnded,
      createdAt: isoTime(w.meta.createdAt),
      statsThresholds: { ...(w.statsThresholds ?? {}) },
      ...(w.meta.language && w.meta.language !== "en" ? { language: w.meta.language } : {}),
    },
    groups: w.groups.map((g) => ({
      id: g.id,
      name: g.name,
      colour: g.colour,
      order: g.order,
      createdAt: isoTime(g.createdAt),
    })),
    activities,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers every format shares

/** A group's name by id; `""` for null or a group the workshop no longer has. */
export function groupName(snapshot: WorkshopSnapshot, id: GroupId | null): string {
  if (id === null) return "";
  return snapshot.groups.find((g) => g.id === id)?.name ?? "";
}

export function findActivity(snapshot: WorkshopSnapshot, id: string): SnapshotActivity | undefined {
  return snapshot.activities.find((a) => a.id === id);
}

/** A column's title, or a plain phrase for notes whose column was removed. */
export function columnTitle(columns: readonly Column[], id: ColumnId): string {
  return columns.find((c) => c.id === id)?.title ?? "(removed column)";
}

/** Positions are shown with one decimal at most (the stored value keeps full precision in the archive). */
export const round1 = (x: number): number => Math.round(x * 10) / 10;
