import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";

const h = useHarness();

describe("the built app", () => {
  it("is served from the server's port, with client routes falling back to the app", async () => {
    const { page } = await h.person();
    await page.goto("/");
    await expect(page.title()).resolves.toMatch(/Continuum/);
    const deep = await page.goto("/join/ABCDEF");
    expect(deep?.status()).toBe(200);
    await expect(page.title()).resolves.toMatch(/Continuum/);
  });

  it("is the production build people get from pnpm start, not React's development build", async () => {
    const html = await (await fetch(`${h.url}/`)).text();
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const js = await (await fetch(`${h.url}${script}`)).text();
    expect(js.length).toBeGreaterThan(10_000);
    expect(js).not.toContain("jsxDEV");
  });
});
