// Preloaded (`node --import`) into every server process under test. It answers the bench over the IPC channel
// with the process's own CPU time and memory, after a full GC when asked, and exits on request so that
// `--cpu-prof` writes its profile. It adds no timers and does nothing until asked.
import { monitorEventLoopDelay } from "node:perf_hooks";

if (process.send) {
  const eld = monitorEventLoopDelay({ resolution: 10 });
  eld.enable();
  process.on("message", (m) => {
    if (!m || typeof m !== "object") return;
    if (m.type === "exit") {
      process.exit(0);
    }
    if (m.type === "heapsnapshot") {
      // For `heap-diff.ts`: what the heap holds, by constructor, at a given moment.
      globalThis.gc?.();
      import("node:v8").then((v8) =>
        process.send?.({ type: "stats", id: m.id, file: v8.writeHeapSnapshot(m.file) }),
      );
      return;
    }
    if (m.type !== "stats") return;
    if (m.gc && typeof globalThis.gc === "function") {
      globalThis.gc();
      globalThis.gc();
    }
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send({
      type: "stats",
      id: m.id,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      external: mem.external,
      arrayBuffers: mem.arrayBuffers,
      cpuMicros: cpu.user + cpu.system,
      // The histogram holds whole timer intervals: the delay is what exceeds the 10 ms resolution.
      eldP99Ms: Math.max(0, eld.percentile(99) / 1e6 - 10),
      eldMaxMs: Math.max(0, eld.max / 1e6 - 10),
    });
    if (m.resetEld) eld.reset();
  });
  // Bench gone (crash, Ctrl-C): do not outlive it.
  process.on("disconnect", () => process.exit(0));
}
