import type { WorkshopId } from "@continuum/protocol";
import type { ShareBackRecord, Store, StoredShareBack, WorkshopRecord } from "./types.ts";

/** Keeps everything in memory. For tests and for trying the server without a disk; loses all on exit. */
export class MemoryStore implements Store {
  private readonly docs = new Map<string, Uint8Array[]>();
  private readonly workshops = new Map<WorkshopId, WorkshopRecord>();
  private readonly shareBacks = new Map<string, ShareBackRecord>();

  async loadDoc(name: string): Promise<Uint8Array[]> {
    return [...(this.docs.get(name) ?? [])];
  }

  async appendUpdate(name: string, update: Uint8Array): Promise<void> {
    const log = this.docs.get(name) ?? [];
    // Copy: the caller's buffer may be reused by the encoder.
    log.push(update.slice());
    this.docs.set(name, log);
  }

  async appendUpdates(items: readonly { name: string; update: Uint8Array }[]): Promise<void> {
    for (const { name, update } of items) await this.appendUpdate(name, update);
  }

  async compactDoc(name: string, snapshot: Uint8Array): Promise<void> {
    this.docs.set(name, [snapshot.slice()]);
  }

  async countUpdates(name: string): Promise<number> {
    return this.docs.get(name)?.length ?? 0;
  }

  async listDocs(prefix: string): Promise<string[]> {
    return [...this.docs.keys()].filter((n) => n.startsWith(prefix)).sort();
  }

  async createWorkshop(record: WorkshopRecord): Promise<void> {
    if (this.workshops.has(record.id)) throw new Error(`workshop ${record.id} exists`);
    for (const w of this.workshops.values()) {
      if (w.joinCode === record.joinCode && w.closedAt === null) throw new Error("join code in use");
    }
    this.workshops.set(record.id, { ...record });
  }

  async getWorkshop(id: WorkshopId): Promise<WorkshopRecord | null> {
    const w = this.workshops.get(id);
    return w ? { ...w } : null;
  }

  async findWorkshopByCode(joinCode: string): Promise<WorkshopRecord | null> {
    for (const w of this.workshops.values()) {
      if (w.joinCode === joinCode && w.closedAt === null) return { ...w };
    }
    return null;
  }

  async updateWorkshop(id: WorkshopId, patch: Partial<WorkshopRecord>): Promise<void> {
    const w = this.workshops.get(id);
    if (w) this.workshops.set(id, { ...w, ...patch });
  }

  async publishShareBack(workshopId: WorkshopId, slugHash: string, now: number): Promise<void> {
    await this.withdrawShareBack(workshopId, now);
    this.shareBacks.set(slugHash, { workshopId, createdAt: now, withdrawnAt: null });
  }

  async findShareBack(slugHash: string): Promise<ShareBackRecord | null> {
    const r = this.shareBacks.get(slugHash);
    return r ? { ...r } : null;
  }

  async latestShareBack(workshopId: WorkshopId): Promise<ShareBackRecord | null> {
    let latest: ShareBackRecord | null = null;
    for (const r of this.shareBacks.values()) {
      if (r.workshopId === workshopId && (!latest || r.createdAt >= latest.createdAt)) latest = r;
    }
    return latest ? { ...latest } : null;
  }

  async withdrawShareBack(workshopId: WorkshopId, now: number): Promise<boolean> {
    let any = false;
    for (const r of this.shareBacks.values()) {
      if (r.workshopId === workshopId && r.withdrawnAt === null) {
        r.withdrawnAt = now;
        any = true;
      }
    }
    return any;
  }

  async listShareBacks(workshopId: WorkshopId): Promise<StoredShareBack[]> {
    return [...this.shareBacks]
      .filter(([, r]) => r.workshopId === workshopId)
      .map(([slugHash, r]) => ({ ...r, slugHash }))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async importShareBack(page: StoredShareBack): Promise<void> {
    if (this.shareBacks.has(page.slugHash)) return;
    const { slugHash, ...record } = page;
    this.shareBacks.set(slugHash, record);
  }

  async close(): Promise<void> {}
}
