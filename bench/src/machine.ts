import { readFileSync } from "node:fs";

/** Whole-machine CPU time from /proc/stat, in seconds (busy = everything but idle and iowait). */
export function machineCpu(): { busyS: number; stealS: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return { busyS: (user + nice + system + irq + softirq) / 100, stealS: steal / 100 };
  } catch {
    return null;
  }
}

export function loadAverage(): number | null {
  try {
    return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  } catch {
    return null;
  }
}
