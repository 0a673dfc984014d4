import { getApiBase } from "../api.ts";

/**
 * One clock for everyone in the room. The timer is stored as "started at T for D ms", and each screen works
 * out the time left; with each tablet's own clock, a tablet a minute fast would show a minute less. The
 * server's clock is the reference: its offset from this device is measured from /healthz, halving the
 * round trip (good to well under a second on a venue's Wi-Fi, which is what a countdown needs).
 */
let offsetMs = 0;
let lastSync = 0;

/** Now, on the server's clock (this device's clock until the first measurement succeeds). */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** Measures the offset; at most once a minute, and silently keeps the old one when offline. */
export async function syncClock(force = false): Promise<void> {
  if (!force && Date.now() - lastSync < 60_000) return;
  lastSync = Date.now();
  try {
    const sent = Date.now();
    const res = await fetch(`${getApiBase()}/healthz`, { cache: "no-store" });
    const received = Date.now();
    const body = (await res.json()) as { now?: unknown };
    if (typeof body.now === "number" && Number.isFinite(body.now)) {
      offsetMs = body.now - (sent + received) / 2;
    }
  } catch {
    // Offline: the last offset (or none) stands; the timer is still right to the device's drift.
  }
}
