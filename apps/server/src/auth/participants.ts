/**
 * The people of each workshop, as the server knows them (PEOPLE-1..4): a participant id the server chose,
 * the name and group they joined with, a hash of the key that lets them come back, the devices they used,
 * and whether the facilitator removed them.
 *
 * Kept as a small Yjs document per workshop in the same Store as everything else (`<workshopId>#people`,
 * a name no client can open: `#` is not an id character), written as incremental updates, so two server
 * nodes adding people at once merge instead of overwriting, and read from the store each time it is
 * needed, so every node sees a removal at once.
 */
import { type GroupId, newParticipantId, type ParticipantId, type WorkshopId } from "@continuum/protocol";
import * as Y from "yjs";
import type { Store } from "../store/types.ts";
import { hashKey, keyMatches, newSecretKey } from "./tokens.ts";

export interface Participant {
  id: ParticipantId;
  name: string;
  group: GroupId;
  /** Device labels they joined from. */
  devices: string[];
  joinedAt: number;
  lastSeen: number;
  removedAt: number | null;
}

const peopleDocName = (workshopId: WorkshopId): string => `${workshopId}#people`;

function read(id: string, value: unknown): Participant | null {
  if (!(value instanceof Y.Map)) return null;
  const name = value.get("name");
  const group = value.get("group");
  if (typeof name !== "string" || typeof group !== "string") return null;
  const devices = value.get("devices");
  const removedAt = value.get("removedAt");
  return {
    id: id as ParticipantId,
    name,
    group: group as GroupId,
    devices: devices instanceof Y.Map ? [...devices.keys()] : [],
    joinedAt: Number(value.get("joinedAt")) || 0,
    lastSeen: Number(value.get("lastSeen")) || 0,
    removedAt: typeof removedAt === "number" ? removedAt : null,
  };
}

export class ParticipantRegistry {
  /** Changes of one workshop's people are made one after another on this node. */
  private readonly chains = new Map<WorkshopId, Promise<unknown>>();

  constructor(private readonly store: Store) {}

  private async load(workshopId: WorkshopId): Promise<Y.Doc> {
    const doc = new Y.Doc();
    for (const update of await this.store.loadDoc(peopleDocName(workshopId))) Y.applyUpdate(doc, update);
    return doc;
  }

  /** Runs a change on the people document and stores what it changed (an incremental update). */
  private change<T>(workshopId: WorkshopId, edit: (people: Y.Map<unknown>) => T): Promise<T> {
    const run = async () => {
      const doc = await this.load(workshopId);
      try {
        const before = Y.encodeStateVector(doc);
        let result!: T;
        doc.transact(() => {
          result = edit(doc.getMap("people"));
        });
        const update = Y.encodeStateAsUpdate(doc, before);
        // An empty update is two bytes (no structs, no deletions): nothing to store.
        if (update.byteLength > 2) await this.store.appendUpdate(peopleDocName(workshopId), update);
        return result;
      } finally {
        doc.destroy();
      }
    };
    const next = (this.chains.get(workshopId) ?? Promise.resolve()).then(run, run);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(workshopId, settled);
    void settled.then(() => {
      if (this.chains.get(workshopId) === settled) this.chains.delete(workshopId);
    });
    return next;
  }

  /** A new participant; returns them and the key that lets them come back (shown once). */
  add(
    workshopId: WorkshopId,
    input: { name: string; group: GroupId; device: string | null },
    now = Date.now(),
  ): Promise<{ participant: Participant; key: string }> {
    const id = newParticipantId();
    const key = newSecretKey();
    return this.change(workshopId, (people) => {
      const m = new Y.Map<unknown>();
      m.set("name", input.name);
      m.set("group", input.group);
      m.set("keyHash", hashKey(key));
      m.set("joinedAt", now);
      m.set("lastSeen", now);
      const devices = new Y.Map<number>();
      if (input.device) devices.set(input.device, now);
      m.set("devices", devices);
      people.set(id, m);
      return { participant: read(id, m) as Participant, key };
    });
  }

  /**
   * The participant again, given the key they were issued: null when the id or key is wrong. A removed
   * participant is returned as removed; the caller refuses them.
   */
  rejoin(
    workshopId: WorkshopId,
    id: string,
    key: string,
    device: string | null,
    now = Date.now(),
  ): Promise<Participant | null> {
    return this.change(workshopId, (people) => {
      const m = people.get(id);
      const hash = m instanceof Y.Map ? m.get("keyHash") : null;
      if (!(m instanceof Y.Map) || typeof hash !== "string" || !keyMatches(key, hash)) return null;
      if (m.get("removedAt") == null) {
        m.set("lastSeen", now);
        const devices = m.get("devices");
        if (device && devices instanceof Y.Map && !devices.has(device)) devices.set(device, now);
      }
      return read(id, m);
    });
  }

  async get(workshopId: WorkshopId, id: string): Promise<Participant | null> {
    const doc = await this.load(workshopId);
    try {
      return read(id, doc.getMap("people").get(id));
    } finally {
      doc.destroy();
    }
  }

  async list(workshopId: WorkshopId): Promise<Participant[]> {
    const doc = await this.load(workshopId);
    try {
      const out: Participant[] = [];
      for (const [id, value] of doc.getMap("people")) {
        const p = read(id, value);
        if (p) out.push(p);
      }
      return out.sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id));
    } finally {
      doc.destroy();
    }
  }

  /** Marks a participant removed (or, with `removed` false, lets them back); false for an unknown id. */
  setRemoved(workshopId: WorkshopId, id: string, removed: boolean, now = Date.now()): Promise<boolean> {
    return this.change(workshopId, (people) => {
      const m = people.get(id);
      if (!(m instanceof Y.Map)) return false;
      if (removed) m.set("removedAt", now);
      else m.delete("removedAt");
      return true;
    });
  }
}
