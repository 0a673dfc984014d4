/**
 * Frames no real client sends: malformed y-websocket messages, oversized ones, and broken WebSocket framing
 * written straight to the TCP socket. Each connection gets a burst of frames the server should survive
 * without closing it (ignored or answered), then one it should close the connection for.
 */
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

/** A small deterministic generator (mulberry32), so a failing run can be repeated with its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Frame =
  /** A binary WebSocket message. */
  | { kind: "binary"; label: string; data: Uint8Array }
  /** A text WebSocket message (not part of the protocol). */
  | { kind: "text"; label: string; data: string }
  /** Bytes written to the TCP socket under the WebSocket layer: broken framing. */
  | { kind: "raw"; label: string; data: Uint8Array };

const bytes = (r: () => number, n: number): Uint8Array => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r() * 256);
  return out;
};
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Valid Yjs updates to mutate: small edits of a chart-shaped document. */
function sampleUpdates(r: () => number, n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  const notes = doc.getMap<Y.Map<unknown>>("notes");
  for (let i = 0; i < n; i++) {
    doc.transact(() => {
      const m = new Y.Map<unknown>();
      m.set("text", `fuzz ${i} ${"é".repeat(int(r, 0, 20))}`);
      m.set("columnId", "cpros");
      m.set("order", r());
      notes.set(`nfuzz${i}`, m);
    });
  }
  doc.destroy();
  return out;
}

/** Masks a client frame's payload (RFC 6455 5.3). */
function masked(first: number, payload: Uint8Array, r: () => number, lengthByte?: number[]): Uint8Array {
  const mask = bytes(r, 4);
  const len =
    lengthByte ??
    (payload.length < 126
      ? [0x80 | payload.length]
      : [0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const out = new Uint8Array(1 + len.length + 4 + payload.length);
  out[0] = first;
  out.set(len, 1);
  out.set(mask, 1 + len.length);
  for (let i = 0; i < payload.length; i++)
    out[1 + len.length + 4 + i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return out;
}

export class FrameFactory {
  private readonly r: () => number;
  private readonly updates: Uint8Array[];

  constructor(
    seed: number,
    private readonly maxMessageBytes: number,
  ) {
    this.r = rng(seed);
    this.updates = sampleUpdates(this.r, 64);
  }

  private pickUpdate(): Uint8Array {
    return this.updates[Math.floor(this.r() * this.updates.length)] ?? new Uint8Array();
  }

  /** A frame the server should read and then ignore or answer, keeping the connection open. */
  survivable(): Frame {
    const r = this.r;
    const x = r();
    if (x < 0.3) {
      // Auth channel: clients have nothing to say there; the server ignores it.
      return {
        kind: "binary",
        label: "auth-junk",
        data: message((e) => {
          encoding.writeVarUint(e, 2);
          encoding.writeUint8Array(e, bytes(r, int(r, 0, 200)));
        }),
      };
    }
    if (x < 0.5) return { kind: "binary", label: "query-awareness", data: Uint8Array.of(3) };
    if (x < 0.75) {
      // Sync step 1 with a state vector naming clients and clocks the server has never seen.
      return {
        kind: "binary",
        label: "sync1-random-sv",
        data: message((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 0);
          const sv = message((s) => {
            const n = int(r, 1, 20);
            encoding.writeVarUint(s, n);
            for (let i = 0; i < n; i++) {
              encoding.writeVarUint(s, int(r, 0, 2 ** 30));
              encoding.writeVarUint(s, int(r, 0, 2 ** 30));
            }
          });
          encoding.writeVarUint8Array(e, sv);
        }),
      };
    }
    if (x < 0.8) {
      // A presence state larger than the server keeps for one client: dropped.
      return {
        kind: "binary",
        label: "awareness-oversized-state",
        data: message((e) => {
          encoding.writeVarUint(e, 1);
          const inner = message((a) => {
            encoding.writeVarUint(a, 1);
            encoding.writeVarUint(a, int(r, 1, 2 ** 30));
            encoding.writeVarUint(a, 1);
            encoding.writeVarString(a, JSON.stringify({ pad: "x".repeat(20_000) }));
          });
          encoding.writeVarUint8Array(e, inner);
        }),
      };
    }
    // An empty update: nothing to apply.
    return {
      kind: "binary",
      label: "update-empty",
      data: message((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(new Y.Doc()));
      }),
    };
  }

  /** A frame the server should refuse by closing the connection (4400, 1009, 1002, 1007). */
  fatal(): Frame {
    const r = this.r;
    const x = r();
    if (x < 0.002) {
      return { kind: "binary", label: "oversized", data: new Uint8Array(this.maxMessageBytes + 1).fill(7) };
    }
    if (x < 0.14) return { kind: "binary", label: "random-bytes", data: bytes(r, int(r, 1, 64)) };
    if (x < 0.22) {
      return {
        kind: "binary",
        label: "unknown-type",
        data: message((e) => encoding.writeVarUint(e, int(r, 4, 2 ** 20))),
      };
    }
    if (x < 0.3) {
      const cuts = [
        Uint8Array.of(0),
        Uint8Array.of(0, 2),
        Uint8Array.of(0, 2, 200, 1),
        Uint8Array.of(1, 50, 1),
      ];
      return {
        kind: "binary",
        label: "truncated",
        data: cuts[int(r, 0, cuts.length - 1)] ?? Uint8Array.of(0),
      };
    }
    if (x < 0.36) return { kind: "text", label: "text-frame", data: '{"type":"sync"}' };
    if (x < 0.42) return { kind: "binary", label: "empty", data: new Uint8Array() };
    if (x < 0.48) return { kind: "binary", label: "varint-overflow", data: new Uint8Array(12).fill(0xff) };
    if (x < 0.7) {
      // A real update with a few bytes changed: either it no longer decodes or it says something odd.
      const u = this.pickUpdate().slice();
      const flips = int(r, 1, 4);
      for (let i = 0; i < flips; i++) u[int(r, 0, u.length - 1)] = Math.floor(r() * 256);
      return {
        kind: "binary",
        label: "update-mutated",
        data: message((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, int(r, 1, 2));
          encoding.writeVarUint8Array(e, u);
        }),
      };
    }
    if (x < 0.78) {
      return {
        kind: "binary",
        label: "awareness-not-json",
        data: message((e) => {
          encoding.writeVarUint(e, 1);
          const inner = message((a) => {
            encoding.writeVarUint(a, 1);
            encoding.writeVarUint(a, int(r, 1, 2 ** 30));
            encoding.writeVarUint(a, 1);
            encoding.writeVarString(a, "{not json");
          });
          encoding.writeVarUint8Array(e, inner);
        }),
      };
    }
    return this.rawFraming();
  }

  /** Broken WebSocket framing, below what a WebSocket library lets a client send. */
  private rawFraming(): Frame {
    const r = this.r;
    const kinds: [string, () => Uint8Array][] = [
      ["raw-unmasked", () => Uint8Array.of(0x82, 0x03, 0, 0, 0)],
      ["raw-reserved-opcode", () => masked(0x83, new Uint8Array(), r)],
      ["raw-rsv1-without-extension", () => masked(0xc2, Uint8Array.of(0), r)],
      ["raw-control-too-long", () => masked(0x89, new Uint8Array(126), r)],
      ["raw-fragmented-control", () => masked(0x09, new Uint8Array(), r)],
      ["raw-continuation-first", () => masked(0x80, Uint8Array.of(1), r)],
      ["raw-invalid-utf8-text", () => masked(0x81, Uint8Array.of(0xff, 0xfe), r)],
      ["raw-length-2^53", () => masked(0x82, new Uint8Array(), r, [0x80 | 127, 0, 0x20, 0, 0, 0, 0, 0, 0])],
    ];
    const [label, make] = kinds[int(r, 0, kinds.length - 1)] ?? kinds[0] ?? ["raw", () => new Uint8Array()];
    return { kind: "raw", label, data: make() };
  }
}
