/**
 * Presence and drags in progress, through Yjs awareness (never stored in documents).
 * Local state shape: `{ user: { name, group, groupName, role }, dragging: { noteId, x } | null }`; the
 * server replaces `user` with the token's, plus a `tag` that is the same for one person on every reconnect
 * (PRES-2), and blanks a participant's name in an anonymous workshop (ANON-2).
 */
import type { GroupId, NoteId, Role } from "@continuum/protocol";
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";

export interface PresenceUser {
  name: string;
  group: GroupId | null;
  groupName: string | null;
  role: Role;
}

export interface Person extends PresenceUser {
  clientId: number;
  /** The server's tag for this person (PRES-2): the same after a reconnect; null from an older server. */
  tag: string | null;
  /** False for people who were here and dropped off (closed the tab, lost the connection). */
  here: boolean;
}

export interface RemoteDrag {
  clientId: number;
  name: string;
  noteId: NoteId;
  x: number;
}

function readUser(state: unknown): PresenceUser | null {
  const u = (state as { user?: Partial<PresenceUser> } | null)?.user;
  if (!u || typeof u.name !== "string" || typeof u.role !== "string") return null;
  return {
    name: u.name.slice(0, 60),
    group: typeof u.group === "string" ? (u.group as GroupId) : null,
    groupName: typeof u.groupName === "string" ? u.groupName.slice(0, 80) : null,
    role: u.role as Role,
  };
}

/** The server's presence tag of a state (a short opaque string), or null for a state without one. */
function readTag(state: unknown): string | null {
  const tag = (state as { user?: { tag?: unknown } } | null)?.user?.tag;
  return typeof tag === "string" && tag !== "" ? tag.slice(0, 64) : null;
}

/**
 * Who a presence entry is, across reconnects (each gets a new Yjs client id): the server's tag, or for a
 * state without one, the name and group. Never the name alone where there is a tag: in an anonymous
 * workshop every participant's name is "", so everyone of a group would count as one person.
 */
const personKey = (p: Person): string =>
  p.tag !== null ? `tag\u0000${p.tag}` : `name\u0000${p.name}\u0000${p.group}`;

/**
 * Everyone present on a document, plus those seen earlier who dropped off, so a facilitator notices that
 * a tablet went quiet. Rebuilt only when awareness changes (not on every heartbeat renewal).
 */
export function usePresence(awareness: Awareness | null): readonly Person[] {
  const seen = useRef(new Map<number, Person>());
  const snapshot = useRef<readonly Person[]>([]);
  const subscribe = useCallback(
    (l: () => void) => {
      if (!awareness) return () => undefined;
      const handler = ({
        added,
        updated,
        removed,
      }: {
        added: number[];
        updated: number[];
        removed: number[];
      }) => {
        let changed = false;
        for (const id of [...added, ...updated]) {
          if (id === awareness.clientID) continue;
          const state = awareness.getStates().get(id);
          const user = readUser(state);
          const prev = seen.current.get(id);
          if (!user) continue;
          const tag = readTag(state);
          if (!prev?.here || prev.name !== user.name || prev.group !== user.group || prev.tag !== tag) {
            seen.current.set(id, { ...user, clientId: id, tag, here: true });
            changed = true;
          }
        }
        for (const id of removed) {
          const prev = seen.current.get(id);
          if (prev?.here) {
            seen.current.set(id, { ...prev, here: false });
            changed = true;
          }
        }
        if (changed) {
          // Someone who reconnects gets a new client id: hide their old "dropped off" entry, and list
          // someone who dropped off after several reconnects once (their latest entry).
          const people = [...seen.current.values()];
          const hereKeys = new Set(people.filter((p) => p.here).map(personKey));
          const lastGone = new Map<string, number>();
          for (const p of people) if (!p.here) lastGone.set(personKey(p), p.clientId);
          snapshot.current = people.filter(
            (p) => p.here || (!hereKeys.has(personKey(p)) && lastGone.get(personKey(p)) === p.clientId),
          );
          l();
        }
      };
      awareness.on("change", handler);
      // Pick up who was already here before we subscribed.
      handler({ added: [...awareness.getStates().keys()], updated: [], removed: [] });
      return () => awareness.off("change", handler);
    },
    [awareness],
  );
  return useSyncExternalStore(subscribe, () => snapshot.current);
}

/** Other people's drags in progress on one lane. */
export function useRemoteDrags(awareness: Awareness | null): readonly RemoteDrag[] {
  const snapshot = useRef<readonly RemoteDrag[]>([]);
  const subscribe = useCallback(
    (l: () => void) => {
      if (!awareness) return () => undefined;
      const handler = () => {
        const next: RemoteDrag[] = [];
        for (const [clientId, state] of awareness.getStates()) {
          if (clientId === awareness.clientID) continue;
          const d = (state as { dragging?: { noteId?: unknown; x?: unknown } | null }).dragging;
          const user = readUser(state);
          if (!d || !user || typeof d.noteId !== "string" || typeof d.x !== "number" || !Number.isFinite(d.x))
            continue;
          next.push({
            clientId,
            name: user.name,
            noteId: d.noteId as NoteId,
            x: Math.max(0, Math.min(100, d.x)),
          });
        }
        const prev = snapshot.current;
        const same =
          prev.length === next.length &&
          prev.every(
            (p, i) => p.clientId === next[i]?.clientId && p.x === next[i]?.x && p.noteId === next[i]?.noteId,
          );
        if (!same) {
          snapshot.current = next;
          l();
        }
      };
      awareness.on("change", handler);
      handler();
      return () => awareness.off("change", handler);
    },
    [awareness],
  );
  return useSyncExternalStore(subscribe, () => snapshot.current);
}

/** Publishes this person's presence on a document for as long as the component is mounted. */
export function usePublishPresence(awareness: Awareness | null, user: PresenceUser): void {
  const { name, group, groupName, role } = user;
  useEffect(() => {
    if (!awareness) return;
    awareness.setLocalStateField("user", { name, group, groupName, role });
  }, [awareness, name, group, groupName, role]);
}

/**
 * Shares where this person is dragging at most every `intervalMs` (10 Hz by default): enough for others
 * to follow the movement, not so much that a room of tablets floods the venue Wi-Fi.
 */
export function createDragBroadcaster(intervalMs = 100) {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: { awareness: Awareness; value: { noteId: NoteId; x: number } | null } | null = null;
  const flush = () => {
    timer = null;
    if (!pending) return;
    last = Date.now();
    pending.awareness.setLocalStateField("dragging", pending.value);
    pending = null;
  };
  return {
    update(awareness: Awareness, noteId: NoteId, x: number) {
      pending = { awareness, value: { noteId, x: Math.round(x) } };
      const wait = intervalMs - (Date.now() - last);
      if (wait <= 0) flush();
      else if (!timer) timer = setTimeout(flush, wait);
    },
    end(awareness: Awareness) {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = { awareness, value: null };
      flush();
    },
  };
}
