/**
 * What the load generator's sockets write and read, with no Yjs document on the receiving side.
 *
 * Every write carries a marker in the text it inserts, `~bm<writer>.<seq>.<time>~` (ASCII, so it travels as the
 * same bytes inside any Yjs update encoding): a receiver finds it with `Buffer.indexOf` in whatever message
 * arrives and never decodes or applies the update. `<time>` is CLOCK_MONOTONIC in microseconds
 * (`process.hrtime`), one clock for every process on the machine, so a writer in one process and a reader in
 * another compare times directly.
 */
import * as encoding from "lib0/encoding";

export const MARK_OPEN = "~bm";
const OPEN = Buffer.from(MARK_OPEN, "latin1");
const CLOSE = 0x7e; // "~"
const DOT = 0x2e; // "."

/** Now on the machine-wide monotonic clock, in microseconds. */
export const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

export function marker(writer: number, seq: number, timeUs: number): string {
  return `${MARK_OPEN}${writer}.${seq}.${timeUs}~`;
}

/**
 * Calls `found` for every well-formed marker in `data` (an update may carry several when a server forwards
 * writes together). Digits are read straight from the bytes: this runs for every message every observer gets.
 */
export function readMarkers(
  data: Uint8Array,
  found: (writer: number, seq: number, timeUs: number) => void,
): number {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let n = 0;
  let at = buf.indexOf(OPEN);
  while (at !== -1) {
    let i = at + OPEN.length;
    const fields = [0, 0, 0];
    let field = 0;
    let digits = 0;
    let ok = false;
    for (; i < buf.length; i++) {
      const c = buf[i] as number;
      if (c >= 0x30 && c <= 0x39) {
        fields[field] = (fields[field] as number) * 10 + (c - 0x30);
        digits++;
      } else if (c === DOT && field < 2 && digits > 0) {
        field++;
        digits = 0;
      } else {
        ok = c === CLOSE && field === 2 && digits > 0;
        break;
      }
    }
    if (ok) {
      found(fields[0] as number, fields[1] as number, fields[2] as number);
      n++;
    }
    at = buf.indexOf(OPEN, i);
  }
  return n;
}

/** Which framing a server speaks: y-websocket's (one document per socket, in the URL) or Hocuspocus's. */
export type Framing = "y-websocket" | "hocuspocus";

// y-protocols' message and sync step numbers, as every one of these servers uses them.
const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const SYNC_STEP_1 = 0;
const SYNC_UPDATE = 2;

function frame(framing: Framing, docName: string, body: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  // Hocuspocus multiplexes documents on one socket: every message starts with the document's name.
  if (framing === "hocuspocus") encoding.writeVarString(e, docName);
  body(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1 with an empty state vector: "I have nothing", as every new client sends. */
export const syncStep1Empty = (framing: Framing, docName: string): Uint8Array =>
  frame(framing, docName, (e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP_1);
    encoding.writeVarUint8Array(e, new Uint8Array([0]));
  });

export const updateMessage = (framing: Framing, docName: string, update: Uint8Array): Uint8Array =>
  frame(framing, docName, (e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });

/** Hocuspocus's first message on a document: its token (empty without authentication). */
export const hocuspocusAuth = (docName: string, token: string): Uint8Array =>
  frame("hocuspocus", docName, (e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH);
    encoding.writeVarUint(e, 0); // AuthMessageType.Token
    encoding.writeVarString(e, token);
  });

/** Nearest-rank quantile of a sorted array. */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? null;
}

/** Median of the values that are numbers; null when there are none. */
export function median(values: (number | null | undefined)[]): number | null {
  const v = values
    .filter((x): x is number => typeof x === "number" && Number.isFinite(x))
    .sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/** "1x2,10x10" → [[1, 2], [10, 10]]; throws on anything else. */
export function parseSizes(text: string): [number, number][] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => {
      const m = /^(\d+)x(\d+)$/.exec(s);
      const rooms = Number(m?.[1]);
      const perRoom = Number(m?.[2]);
      if (!m || rooms < 1 || perRoom < 2)
        throw new Error(
          `"${s}" is not a size: write rooms x clients per room, e.g. 10x10 (at least 2 clients)`,
        );
      return [rooms, perRoom];
    });
}
