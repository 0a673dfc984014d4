/**
 * Notes belong to someone (OWN-1..3 in packages/protocol/SPEC.md). On a chart or board a participant may
 * add notes, move anyone's (discussions reorder the wall), and change or remove only their own; the
 * server's own parts of the document (the published vote totals, the archive of removed notes) and the
 * voting of old clients are out of their reach. The facilitator may do anything.
 *
 * How, without filtering updates: each chart or board room has a shadow copy of its document. A
 * participant's update is applied to the shadow first and the transaction's changes are read; an update
 * that does anything not allowed is refused whole (permission denied, so the client resyncs) and the
 * shadow is rebuilt. An allowed one is then applied to the room, and the server stamps every new note with
 * its author's participant id, group and name from the token, and keeps a copy of every removed note, so
 * the facilitator can restore it.
 *
 * A note typed for someone else who said it aloud (OWN-4) carries that person's name only (`writtenFor`, a
 * string: nothing a client could claim as an identity) and who typed it (`scribe`), which the server
 * stamps from the token. A participant's such note is credited to their own group like any of their notes;
 * the facilitator's may be credited to any group of the workshop, and a group the workshop does not have is
 * dropped. In an anonymous workshop the server keeps no name for the person at all (as for reasons,
 * REASON-1): nothing would show it, so no replica needs to hold it.
 */
import type { GroupId, NoteId } from "@continuum/protocol";
import * as Y from "yjs";
import type { VerifiedToken } from "../auth/tokens.ts";
import { hidesNames } from "./anonymity.ts";
import { type Room, SERVER_ORIGIN } from "./rooms.ts";

/** The top-level types of a chart or board: the model's, and the server's own. */
const CHART_ROOTS = ["meta", "notes", "votes", "tally", "ballots", "removed"];
/** What a participant may change on someone else's note: where it sits. */
const MOVE_KEYS = new Set(["columnId", "order", "updatedAt"]);
/**
 * What a participant never changes on a note once it exists, their own included: who wrote it and whom it
 * is credited to, which the server stamped (OWN-1, OWN-4).
 */
const STAMPED_KEYS = new Set(["participantId", "groupId", "author", "writtenFor", "scribe"]);

/** A shared type as a transaction reports it changed. */
type SharedType = Parameters<Y.Transaction["changed"]["get"]>[0];

export type NoteCheck =
  | { ok: true; created: NoteId[]; removed: [NoteId, Record<string, unknown>][] }
  | { ok: false; reason: string };

export class NoteGuard {
  private readonly shadows = new WeakMap<Room, Y.Doc>();

  private shadowOf(room: Room): Y.Doc {
    let shadow = this.shadows.get(room);
    if (!shadow) {
      const copy = new Y.Doc();
      // Named before any update arrives: a top-level type first met in an update is a placeholder that a
      // later getMap replaces, and the changes would be reported on the placeholder.
      for (const name of CHART_ROOTS) copy.getMap(name);
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      // Everything the room takes reaches the shadow too (a no-op for the update just checked on it).
      room.doc.on("update", (update: Uint8Array) => Y.applyUpdate(copy, update));
      room.doc.on("destroy", () => copy.destroy());
      this.shadows.set(room, copy);
      shadow = copy;
    }
    return shadow;
  }

  /** Forgets a shadow that took a refused update; the next check builds it again from the room. */
  private discard(room: Room): void {
    this.shadows.get(room)?.destroy();
    this.shadows.delete(room);
  }

  /** Whether a participant's update to a chart or board keeps to the rules; tried on the shadow. */
  check(room: Room, update: Uint8Array, who: VerifiedToken): NoteCheck {
    const shadow = this.shadowOf(room);
    let changed: [SharedType, Set<string | null>][] = [];
    const grab = (tr: Y.Transaction) => {
      changed = [...tr.changed].map(([type, keys]) => [type, new Set(keys)]);
    };
    shadow.on("afterTransaction", grab);
    try {
      Y.applyUpdate(shadow, update);
    } finally {
      shadow.off("afterTransaction", grab);
    }
    const verdict = this.judge(room, shadow, changed, who);
    if (!verdict.ok) this.discard(room);
    return verdict;
  }

  private judge(
    room: Room,
    shadow: Y.Doc,
    changed: [SharedType, Set<string | null>][],
    who: VerifiedToken,
  ): NoteCheck {
    const notes = shadow.getMap<unknown>("notes");
    const before = room.doc.getMap<unknown>("notes");
    const mine = (id: string) => {
      const note = before.get(id);
      return (
        note instanceof Y.Map && who.participant != null && note.get("participantId") === who.participant
      );
    };
    const created: NoteId[] = [];
    const removed: [NoteId, Record<string, unknown>][] = [];
    for (const [type, keys] of changed) {
      if ((type as unknown) === notes) {
        for (const key of keys) {
          if (key === null) continue;
          const was = before.get(key);
          if (was === undefined) {
            if (notes.get(key) instanceof Y.Map) created.push(key as NoteId);
            continue;
          }
          if (!mine(key)) return { ok: false, reason: "changed or removed someone else's note" };
          if (notes.get(key) === undefined && was instanceof Y.Map)
            removed.push([key as NoteId, was.toJSON()]);
        }
        continue;
      }
      const item = type._item;
      const parent = item?.parent;
      const noteId = (parent as unknown) === notes ? item?.parentSub : null;
      if (!noteId)
        return {
          ok: false,
          reason: `wrote to ${rootName(shadow, type) ?? "a part of the board"} it may not`,
        };
      if (created.includes(noteId as NoteId) || before.get(noteId) === undefined) continue;
      for (const key of keys) {
        if (key !== null && STAMPED_KEYS.has(key)) return { ok: false, reason: "changed who wrote a note" };
        if (!mine(noteId) && (key === null || !MOVE_KEYS.has(key)))
          return { ok: false, reason: "changed someone else's note" };
      }
    }
    return { ok: true, created, removed };
  }

  /**
   * After an allowed update is in the room: new notes carry who wrote them (from the token, whatever the
   * client wrote), and removed notes are kept for the facilitator to restore (`removed` map).
   */
  stamp(room: Room, verdict: Extract<NoteCheck, { ok: true }>, who: VerifiedToken, now = Date.now()): void {
    if (verdict.created.length === 0 && verdict.removed.length === 0) return;
    const notes = room.doc.getMap<unknown>("notes");
    const archive = room.doc.getMap<unknown>("removed");
    const anonymous = hidesNames(room);
    room.doc.transact(() => {
      for (const id of verdict.created) {
        const note = notes.get(id);
        if (!(note instanceof Y.Map)) continue;
        if (who.participant) note.set("participantId", who.participant);
        note.set("groupId", who.group);
        // ANON-2: no name in an anonymous workshop; the writer's own screen shows theirs from their session.
        note.set("author", anonymous ? "" : who.name);
        stampWrittenFor(note, "participant", anonymous);
      }
      for (const [id, fields] of verdict.removed) {
        archive.set(id, { ...fields, removedAt: now, removedBy: who.participant ?? null });
      }
    }, SERVER_ORIGIN);
  }

  /**
   * The facilitator's updates are not checked (they may do anything), but a note they add written for
   * someone (OWN-4) is stamped as theirs (`scribe`), and credited to no group when its group is not one of
   * the workshop's. Runs `apply` (which applies the update to the room) and stamps what it created.
   */
  applyAsFacilitator(room: Room, apply: () => void): void {
    const notes = room.doc.getMap<unknown>("notes");
    const added: string[] = [];
    const watch = (event: Y.YMapEvent<unknown>) => {
      for (const [key, change] of event.changes.keys) if (change.action !== "delete") added.push(key);
    };
    notes.observe(watch);
    try {
      apply();
    } finally {
      notes.unobserve(watch);
    }
    const written = added
      .map((id) => notes.get(id))
      .filter((n): n is Y.Map<unknown> => n instanceof Y.Map && (n.has("writtenFor") || n.has("scribe")));
    if (written.length === 0) return;
    const view = room.parent?.view();
    const anonymous = hidesNames(room);
    room.doc.transact(() => {
      for (const note of written) {
        // A note that carries a participant's id is one of theirs the facilitator put back (OWN-3).
        const participant = typeof note.get("participantId") === "string";
        stampWrittenFor(note, participant ? "participant" : "facilitator", anonymous);
        const group = note.get("groupId");
        if (group !== null && (typeof group !== "string" || !view?.hasGroup(group as GroupId)))
          note.set("groupId", null);
      }
    }, SERVER_ORIGIN);
  }
}

/**
 * OWN-4: a note written for someone keeps only a name for them and says who typed it, from the token; any
 * other value there (not a string) means the note is not written for anyone, and `scribe` goes too.
 */
function stampWrittenFor(
  note: Y.Map<unknown>,
  scribe: "facilitator" | "participant",
  anonymous: boolean,
): void {
  const name = note.get("writtenFor");
  if (typeof name === "string") {
    if (note.get("scribe") !== scribe) note.set("scribe", scribe);
    if (anonymous && name !== "") note.set("writtenFor", "");
    return;
  }
  if (note.has("writtenFor")) note.delete("writtenFor");
  if (note.has("scribe")) note.delete("scribe");
}

/** The name of a top-level type, to say where a refused write went. */
function rootName(doc: Y.Doc, type: SharedType): string | null {
  for (const [name, root] of doc.share) if (root === type) return `"${name}"`;
  return null;
}
