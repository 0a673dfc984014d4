/**
 * ANON-2 (packages/protocol/SPEC.md): in an anonymous workshop the server keeps no person's name in the
 * documents it shares, nor in what it relays of their presence, so no replica holds one: hiding names only
 * in the interface would leave everyone's name on every device, for devtools or a raw Yjs client to read.
 *
 * - Notes (charts, boards, lanes, solo lanes, private words) and reasons: `author` is "" and a note's
 *   `writtenFor` is "" (OWN-4), whatever a client wrote. Every transaction a client (or the facilitator)
 *   makes on such a room is looked at once it is applied, and any name it left on a note it touched is
 *   blanked by the server in the transaction that follows, so every connection, the writer's included,
 *   receives the blank. The archive of removed notes (`removed`, OWN-3) is blanked the same way.
 * - When the facilitator switches a workshop to anonymous, every document of it that is loaded is blanked
 *   at once (one server transaction each), and any other the next time it loads: names written while names
 *   were shown are gone for good, so switching back shows names only on notes written after.
 * - Presence: a participant's state says only their group, role and presence tag (`user.name` is ""; the
 *   tag is an HMAC, neither their name nor their participant id), and carries only what the board needs
 *   from it (`dragging`: which note, where), so no free text reaches the others. The facilitator's and the
 *   room screen's keep their role's name.
 *
 * A participant still sees their own name on their own notes: the web app shows the session's name where a
 * note's `participantId` is the session's (ANON-1). A client that writes a name anyway has it relayed to
 * those connected at that moment in its own update, before the server's blank follows (as it would with a
 * name typed into a note's words); the web app writes none in an anonymous workshop.
 */
import { reasonsMap } from "@continuum/model";
import { isId } from "@continuum/protocol";
import * as Y from "yjs";
import { REMOTE_ORIGIN, type Room, type RoomManager, SERVER_ORIGIN } from "./rooms.ts";

/** Documents whose notes carry a writer's name. Ballots hold dots only; the workshop document no notes. */
const NOTE_KINDS = new Set(["chart", "board", "lane", "solo", "words"]);

/**
 * Whether the room's workshop hides names (ANON-1); a room without its workshop loaded counts as named. Read
 * as the model's `readMeta` reads it (only a literal true), but without reading the rest of the meta: this
 * runs for every transaction on a room of notes and every presence update.
 */
export function hidesNames(room: Room): boolean {
  const workshop = room.docName.kind === "workshop" ? room : room.parent;
  return workshop ? workshop.doc.getMap<unknown>("meta").get("anonymous") === true : false;
}

/** A note or reason's fields that name a person, and what they become: "" (the model reads it as no name). */
const NAME_KEYS = ["author", "writtenFor"] as const;

const named = (value: unknown): boolean => typeof value === "string" && value !== "";

const hasName = (m: unknown): boolean => m instanceof Y.Map && NAME_KEYS.some((k) => named(m.get(k)));
const archivedHasName = (v: unknown): boolean =>
  v !== null &&
  typeof v === "object" &&
  !(v instanceof Y.AbstractType) &&
  NAME_KEYS.some((k) => named((v as Record<string, unknown>)[k]));

/** Blanks the names on one note or reason (a Y.Map). */
function blankMap(m: unknown): void {
  if (!(m instanceof Y.Map)) return;
  for (const key of NAME_KEYS) if (named(m.get(key))) m.set(key, "");
}

/** Blanks the names in one archived note (a plain object in `removed`). */
function blankArchived(archive: Y.Map<unknown>, id: string): void {
  const fields = archive.get(id);
  if (!archivedHasName(fields)) return;
  const copy = { ...(fields as Record<string, unknown>) };
  for (const key of NAME_KEYS) if (named(copy[key])) copy[key] = "";
  archive.set(id, copy);
}

/** The maps of a room whose entries carry names: its notes, and a lane's reasons. */
function namedMaps(room: Room): Y.Map<unknown>[] {
  const notes = room.doc.getMap<unknown>("notes");
  const kind = room.docName.kind;
  return kind === "lane" || kind === "solo" ? [notes, reasonsMap(room.doc)] : [notes];
}

/** A chart's or board's archive of removed notes (OWN-3); other documents have none. */
function archiveOf(room: Room): Y.Map<unknown> | null {
  const kind = room.docName.kind;
  return kind === "chart" || kind === "board" ? room.doc.getMap<unknown>("removed") : null;
}

/** Blanks every name in a document of notes, in one server transaction (nothing is written if none). */
export function blankAll(room: Room): void {
  const maps = namedMaps(room);
  const archive = archiveOf(room);
  const needs =
    maps.some((m) => [...m.values()].some(hasName)) ||
    (archive && [...archive.values()].some(archivedHasName));
  if (!needs) return;
  room.doc.transact(() => {
    for (const m of maps) for (const v of m.values()) blankMap(v);
    if (archive) for (const id of [...archive.keys()]) blankArchived(archive, id);
  }, SERVER_ORIGIN);
}

/**
 * After each transaction a client made on a room of notes in an anonymous workshop: the names it left on
 * what it touched. Updates another node applied (REMOTE_ORIGIN) were blanked there; the server's own are
 * already blank.
 */
function watch(room: Room): void {
  const doc = room.doc;
  const maps = namedMaps(room);
  const archive = archiveOf(room);
  doc.on("afterTransaction", (tr: Y.Transaction) => {
    if (tr.origin === SERVER_ORIGIN || tr.origin === REMOTE_ORIGIN || doc.isDestroyed) return;
    if (!hidesNames(room)) return;
    const touched: Y.Map<unknown>[] = [];
    const archived: string[] = [];
    for (const [type, keys] of tr.changed) {
      const t = type as unknown;
      if (archive && t === archive) {
        for (const key of keys) if (key !== null) archived.push(key);
        continue;
      }
      const parent = maps.find((m) => m === t);
      if (parent) {
        for (const key of keys) if (key !== null) touched.push(parent.get(key) as Y.Map<unknown>);
        continue;
      }
      const item = type._item;
      if (item && maps.some((m) => (m as unknown) === item.parent) && type instanceof Y.Map)
        touched.push(type);
    }
    const needs = touched.some(hasName) || archived.some((id) => archivedHasName(archive?.get(id)));
    if (!needs) return;
    // A transaction of its own, after the client's: started from here, Yjs runs it once the client's is done.
    doc.transact(() => {
      for (const m of touched) blankMap(m);
      if (archive) for (const id of archived) blankArchived(archive, id);
    }, SERVER_ORIGIN);
  });
}

/**
 * Keeps names out of every workshop's shared documents while it is anonymous: wired once, on the room
 * manager, for every room it loads.
 */
export function keepNamesOut(rooms: RoomManager): void {
  rooms.onLoad.add((room) => {
    const kind = room.docName.kind;
    if (kind === "workshop") {
      // The facilitator switched to anonymous: the loaded documents of this workshop lose their names now.
      const meta = room.doc.getMap<unknown>("meta");
      let was = hidesNames(room);
      meta.observe(() => {
        const now = hidesNames(room);
        if (now && !was) void blankLoaded(rooms, room);
        was = now;
      });
      return;
    }
    if (!NOTE_KINDS.has(kind)) return;
    watch(room);
    // Names written before the switch, in a document not loaded then.
    if (hidesNames(room)) blankAll(room);
  });
}

async function blankLoaded(rooms: RoomManager, workshop: Room): Promise<void> {
  const prefix = `${workshop.name}/`;
  for (const name of rooms.loadedNames()) {
    if (!name.startsWith(prefix)) continue;
    const room = await rooms.peek(name);
    if (room && room.parent === workshop && NOTE_KINDS.has(room.docName.kind) && !room.doc.isDestroyed)
      blankAll(room);
  }
}

/** What a presence state may carry from a participant of an anonymous workshop besides `user`. */
function dragging(value: unknown): { noteId: string; x: number } | null | undefined {
  if (value === null) return null;
  if (typeof value !== "object") return undefined;
  const { noteId, x } = value as { noteId?: unknown; x?: unknown };
  // A note id is an id (letters, digits, `_`, `-`): no sentence fits there.
  if (!isId(noteId) || typeof x !== "number" || !Number.isFinite(x)) return undefined;
  return { noteId, x };
}

export interface PresenceIdentity {
  name: string;
  group: string | null;
  groupName: string | null;
  role: string;
  /**
   * The same for one person on every reconnect, different for each, saying nothing about them
   * (TokenSigner.presenceTag): the board tells a tablet that came back from another of its group by it.
   */
  tag: string;
}

/**
 * A presence state as the server relays it (PRES-2, ANON-2): `user` is the token's identity with its presence
 * tag, whatever the client wrote; in an anonymous workshop a participant's has no name, and the state keeps
 * only `dragging`.
 * Returns null for a state passed on as it is (not an object, in a workshop that shows names).
 */
export function presenceState(
  parsed: unknown,
  identity: PresenceIdentity,
  anonymous: boolean,
): string | null {
  const participant = anonymous && identity.role === "participant";
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return participant && parsed !== null ? "{}" : null;
  if (!participant) return JSON.stringify({ ...parsed, user: identity });
  const drag = dragging((parsed as { dragging?: unknown }).dragging);
  return JSON.stringify({
    user: { ...identity, name: "" },
    ...(drag !== undefined ? { dragging: drag } : {}),
  });
}
