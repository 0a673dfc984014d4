import type { RoomTarget } from "./servers.ts";

/** The value every client writes into its own key of the "notes" map, once a second. */
export interface Note {
  x: number;
  y: number;
  /** writer's global client index */
  w: number;
  /** writer's sequence number, from 1 */
  s: number;
  /** write time on the shared clock (performance.timeOrigin + performance.now()), ms */
  t: number;
}

export interface ClientSpec {
  gid: number;
  roomIdx: number;
  target: RoomTarget;
}

export type Command =
  | {
      cmd: "connect";
      kind: string;
      clients: ClientSpec[];
      /** 0: all at once (join storm); otherwise connect this many at a time. */
      batch: number;
      seedEntries: number;
      timeoutMs: number;
    }
  | { cmd: "seed"; kind: string; clients: ClientSpec[]; entries: number }
  | { cmd: "start"; writes: boolean; cursors: boolean }
  | { cmd: "mark" }
  | { cmd: "stop" }
  | { cmd: "collect"; finals: [number, number, number][] }
  | { cmd: "disconnect" };

export type WorkerReply =
  | { type: "ok" }
  | { type: "connected"; syncedAt: number[] }
  | { type: "marked"; warmupEldP99Ms: number }
  | {
      type: "stopped";
      finals: [number, number, number][];
      eldP50Ms: number;
      eldP99Ms: number;
      eldMaxMs: number;
    }
  | {
      type: "collected";
      lost: number;
      closes: number;
      lat: Float64Array;
      writer: Uint32Array;
      seq: Uint32Array;
    };
