/**
 * The server's side of secret ballots (BALLOT-1..3 in packages/protocol/SPEC.md): it checks every write to
 * a ballot against the vote's budget, and keeps each chart's published totals in step with its ballots and
 * with the facilitator's reveal. Nobody but the server ever reads every ballot of a vote.
 */
import {
  ballotDots,
  ballotIsValid,
  ballotRound,
  getVoting,
  initBallot,
  listActivities,
  publishTally,
  startBallotRound,
  sumBallots,
} from "@continuum/model";
import {
  type ActivityId,
  boardDocName,
  chartDocName,
  type DocName,
  parseDocName,
  type WorkshopId,
  workshopDocName,
} from "@continuum/protocol";
import type { Logger } from "pino";
import * as Y from "yjs";
import type { Store } from "../store/types.ts";
import { type Room, type RoomManager, SERVER_ORIGIN } from "./rooms.ts";

type BallotName = Extract<DocName, { kind: "ballot" }>;

export class BallotBox {
  /** Whether each vote's counts were revealed when last published, by `workshop/activity`. */
  private readonly revealed = new Map<string, boolean>();
  /** Recounts waiting for the end of this turn of the event loop, by `workshop/activity`. */
  private readonly due = new Set<string>();
  private readonly wired = new WeakSet<Room>();
  /** The round of each vote when last seen, by `workshop/activity`. */
  private readonly rounds = new Map<string, number>();

  /** Empties a ballot left from an earlier round of its vote (the facilitator cleared the dots since). */
  private bringUpToRound(room: Room): void {
    const d = room.docName as BallotName;
    const round = room.parent ? (getVoting(room.parent.doc, d.activityId).round ?? 0) : 0;
    if (ballotRound(room.doc) < round)
      room.doc.transact(() => startBallotRound(room.doc, round), SERVER_ORIGIN);
  }

  constructor(
    private readonly rooms: RoomManager,
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** A ballot room, when its first connection arrives: stamped, and recounted whenever it changes. */
  attachBallot(room: Room): void {
    const d = room.docName;
    if (d.kind !== "ballot" || this.wired.has(room)) return;
    this.wired.add(room);
    if (room.doc.store.clients.size === 0) {
      room.doc.transact(() => initBallot(room.doc, d), SERVER_ORIGIN);
    }
    this.bringUpToRound(room);
    room.onStoredUpdate.add(() => this.recount(d.workshopId, d.activityId));
  }

  /** The workshop room: a reveal, a hidden count or a new budget changes what is published. */
  attachWorkshop(room: Room): void {
    if (room.docName.kind !== "workshop" || this.wired.has(room)) return;
    this.wired.add(room);
    const workshopId = room.docName.workshopId;
    room.onAccessChange.add(() => {
      for (const a of listActivities(room.doc)) {
        if (a.kind !== "chart" && a.kind !== "board") continue;
        const key = `${workshopId}/${a.id}`;
        // Unknown counts as not revealed and round 0: a vote nobody has touched since the server started is
        // recounted when it is revealed or cleared, not on every change of the workshop.
        const round = a.voting.round ?? 0;
        if (
          (this.revealed.get(key) ?? false) !== a.voting.revealed ||
          (this.rounds.get(key) ?? 0) !== round
        ) {
          this.rounds.set(key, round);
          this.recount(workshopId, a.id);
        }
      }
    });
  }

  /**
   * Whether an update keeps a ballot within the vote's budget (BALLOT-2): tried on a copy first, so a
   * refused update never touches the ballot. Ballots are a few hundred bytes, so the copy costs nothing.
   */
  accepts(room: Room, update: Uint8Array): boolean {
    const d = room.docName as BallotName;
    const workshop = room.parent;
    if (!workshop) return false;
    const budget = getVoting(workshop.doc, d.activityId).budget;
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      Y.applyUpdate(copy, update);
      // The round is the server's to write: a ballot cannot carry its dots past a clear.
      return ballotIsValid(copy, budget) && ballotRound(copy) === ballotRound(room.doc);
    } finally {
      copy.destroy();
    }
  }

  private recount(workshopId: WorkshopId, activityId: ActivityId): void {
    const key = `${workshopId}/${activityId}`;
    if (this.due.has(key)) return;
    this.due.add(key);
    setImmediate(() => {
      this.due.delete(key);
      this.publish(workshopId, activityId).catch((err: unknown) =>
        this.log.error({ err, workshop: workshopId, activity: activityId }, "could not publish vote totals"),
      );
    });
  }

  /** Sums every ballot of a vote and writes what everyone may see into its chart or board. */
  private async publish(workshopId: WorkshopId, activityId: ActivityId): Promise<void> {
    const workshop = await this.rooms.acquire(workshopDocName(workshopId));
    const held: Room[] = [workshop];
    try {
      const activity = listActivities(workshop.doc).find((a) => a.id === activityId);
      if (!activity || (activity.kind !== "chart" && activity.kind !== "board")) return;
      const voting = getVoting(workshop.doc, activityId);
      const prefix = `${workshopId}/ballot/${activityId}/`;
      const names = new Set(await this.store.listDocs(prefix));
      for (const name of this.rooms.loadedNames()) if (name.startsWith(prefix)) names.add(name);
      const ballots = [];
      for (const name of names) {
        if (parseDocName(name)?.kind !== "ballot") continue;
        const room = await this.rooms.acquire(name);
        held.push(room);
        this.bringUpToRound(room);
        ballots.push(ballotDots(room.doc));
      }
      const { counts, voters } = sumBallots(ballots, voting.budget);
      const chartName = (activity.kind === "chart" ? chartDocName : boardDocName)(workshopId, activityId);
      const chart = await this.rooms.acquire(chartName);
      held.push(chart);
      let dots = 0;
      for (const n of counts.values()) dots += n;
      chart.doc.transact(
        () => publishTally(chart.doc, voting.revealed ? counts : null, { voters, dots }),
        SERVER_ORIGIN,
      );
      this.revealed.set(`${workshopId}/${activityId}`, voting.revealed);
    } finally {
      for (const room of held.reverse()) this.rooms.release(room);
    }
  }
}
