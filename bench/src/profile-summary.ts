/**
 * Summarises a V8 .cpuprofile (from `pnpm bench --profile`, written by `node --cpu-prof`): self time by
 * function and by package/file, and inclusive time of the functions that matter, so a slow spot can be named.
 *
 *   node --import tsx src/profile-summary.ts results/profiles/continuum-….cpuprofile [top=30]
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error("usage: profile-summary <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(process.argv[3] ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per sample node, from the deltas (more exact than hit counts).
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i] as number;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const short = (url: string): string => {
  const m = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (m) return `${m[1]}/${m[2]}`;
  const i = url.indexOf("/apps/");
  if (i >= 0) return url.slice(i + 1);
  const j = url.indexOf("/packages/");
  if (j >= 0) return url.slice(j + 1);
  return url.replace(/^file:\/\//, "") || "(native)";
};
const label = (n: Node): string =>
  `${n.callFrame.functionName || "(anonymous)"} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const selfByFn = new Map<string, number>();
const selfByPkg = new Map<string, number>();
const inclByFn = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  if (!n) continue;
  selfByFn.set(label(n), (selfByFn.get(label(n)) ?? 0) + us);
  const url = short(n.callFrame.url);
  const pkg = url.startsWith("apps/") || url.startsWith("packages/") ? url : (url.split("/")[0] ?? url);
  const pkgKey = n.callFrame.url ? pkg : n.callFrame.functionName || "(native)";
  selfByPkg.set(pkgKey, (selfByPkg.get(pkgKey) ?? 0) + us);
  // Inclusive: count each function once per stack.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const c = byId.get(cur);
    if (!c) break;
    const l = label(c);
    if (seen.has(l)) continue;
    seen.add(l);
    inclByFn.set(l, (inclByFn.get(l) ?? 0) + us);
  }
}

const pct = (us: number) =>
  `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
const print = (title: string, m: Map<string, number>, filter: (k: string) => boolean = () => true) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m]
    .filter(([k]) => filter(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    console.log(`${pct(v)}  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
print("Self time by file or package", selfByPkg);
print("Self time by function", selfByFn);
print("Inclusive time, functions in apps/ and packages/", inclByFn, (k) => / (apps|packages)\//.test(k));
const grep = process.argv[4];
if (grep) print(`Inclusive time, functions matching /${grep}/`, inclByFn, (k) => new RegExp(grep).test(k));
