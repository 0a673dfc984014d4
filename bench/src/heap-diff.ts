/**
 * What one idle connection costs each server, by constructor: heap snapshots of the server process before and
 * after `rooms x perRoom` idle clients connect, diffed by node type and name.
 *
 *   node --import tsx src/heap-diff.ts [continuum|ywebsocket|hocuspocus] [rooms] [perRoom]
 */
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { buildContinuum, type ServerKind, ServerProcess } from "./servers.ts";
import type { ClientSpec } from "./types.ts";

const kind = (process.argv[2] ?? "continuum") as ServerKind;
const rooms = Number(process.argv[3] ?? 10);
const perRoom = Number(process.argv[4] ?? 50);

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

function bySize(file: string): Map<string, { count: number; size: number }> {
  const s = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const n = fields.length;
  const iType = fields.indexOf("type");
  const iName = fields.indexOf("name");
  const iSize = fields.indexOf("self_size");
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < s.nodes.length; i += n) {
    const type = types[s.nodes[i + iType] ?? 0] ?? "?";
    const rawName = s.strings[s.nodes[i + iName] ?? 0] ?? "";
    const name =
      type === "string" || type === "concatenated string" || type === "sliced string" ? "" : rawName;
    const key = `${type} ${name.slice(0, 60)}`;
    const e = out.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += s.nodes[i + iSize] ?? 0;
    out.set(key, e);
  }
  return out;
}

if (kind === "continuum") buildContinuum();
const server = await ServerProcess.start(kind, { profileDir: null });
const targets = await server.createRooms(rooms, "heap");
const before = path.join(tmpdir(), `heap-${kind}-before.heapsnapshot`);
const after = path.join(tmpdir(), `heap-${kind}-after.heapsnapshot`);
await server.heapSnapshot(before);
const specs: ClientSpec[] = [];
for (let r = 0; r < rooms; r++)
  for (let c = 0; c < perRoom; c++)
    specs.push({ gid: specs.length, roomIdx: r, target: targets[r] as ClientSpec["target"] });
const worker = new Worker(new URL("./worker-boot.mjs", import.meta.url));
await new Promise<void>((resolve, reject) => {
  worker.on("message", (m: { error?: string }) => (m.error ? reject(new Error(m.error)) : resolve()));
  worker.postMessage({
    id: 1,
    cmd: { cmd: "connect", kind, clients: specs, batch: 25, seedEntries: 0, timeoutMs: 120_000 },
  });
});
await new Promise((r) => setTimeout(r, 2000));
await server.heapSnapshot(after);
const a = bySize(before);
const b = bySize(after);
const n = rooms * perRoom;
const rows: [string, number, number][] = [];
for (const [k, v] of b) {
  const o = a.get(k) ?? { count: 0, size: 0 };
  rows.push([k, (v.size - o.size) / n, (v.count - o.count) / n]);
}
rows.sort((x, y) => y[1] - x[1]);
const total = rows.reduce((t, r) => t + r[1], 0);
console.log(
  `${kind}: ${n} idle connections in ${rooms} rooms: ${total.toFixed(0)} bytes of heap per connection`,
);
for (const [k, size, count] of rows.slice(0, 25))
  console.log(`${size.toFixed(0).padStart(7)} B  ${count.toFixed(2).padStart(6)} objects  ${k}`);
await worker.terminate();
await server.stop();
rmSync(before, { force: true });
rmSync(after, { force: true });
process.exit(0);
