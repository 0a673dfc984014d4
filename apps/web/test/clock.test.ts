import { afterEach, describe, expect, it, vi } from "vitest";
import { serverNow, syncClock } from "../src/sync/clock.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the shared clock", () => {
  it("follows the server's clock, not a tablet's that is five minutes fast", async () => {
    const serverTime = 1_700_000_000_000;
    let deviceTime = serverTime + 5 * 60_000;
    vi.spyOn(Date, "now").mockImplementation(() => deviceTime);
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
      deviceTime += 100; // a 100 ms round trip, the server answering halfway
      return new Response(JSON.stringify({ ok: true, now: serverTime + 50 }), {
        headers: { "content-type": "application/json" },
      });
    });
    await syncClock(true);
    expect(serverNow()).toBe(serverTime + 100);
  });

  it("keeps the last offset when the server cannot be reached", async () => {
    const before = serverNow() - Date.now();
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("offline"));
    await syncClock(true);
    expect(serverNow() - Date.now()).toBe(before);
  });
});
