/**
 * The built web app as the server serves it (apps/server/src/http/static.ts, sirv): precompressed copies
 * to browsers that take them, hashed assets cached for a year, index.html for client routes and checked
 * every time, nothing outside the folder; the service worker and the manifest of the installable app (issue 17)
 * checked every time, so a new version is found, and with the content types browsers require.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { brotliCompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, testServer } from "./helpers.ts";

let server: Awaited<ReturnType<typeof testServer>>;
let webDir: string;
const script = `console.log(${JSON.stringify("x".repeat(5000))});`;

beforeAll(async () => {
  webDir = tempDir();
  mkdirSync(path.join(webDir, "assets"));
  writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Continuum</title>");
  writeFileSync(path.join(webDir, "assets", "app-abc123.js"), script);
  writeFileSync(path.join(webDir, "assets", "app-abc123.js.br"), brotliCompressSync(script));
  writeFileSync(
    path.join(webDir, "sw.js"),
    `self.addEventListener("fetch", () => {}); // ${"x".repeat(2000)}`,
  );
  writeFileSync(path.join(webDir, "manifest.webmanifest"), JSON.stringify({ name: "Continuum" }));
  server = await testServer({ storage: "memory", webDir });
});
afterAll(async () => {
  await server.close();
  removeDir(webDir);
  removeDir(server.dataDir);
});

/** A raw GET (fetch would undo the compression and hide the header). */
function get(pathname: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    bytes: number;
  }>((resolve, reject) => {
    const req = request(`${server.url}${pathname}`, { method, headers }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => {
        bytes += c.length;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the web app's files", () => {
  it("sends the brotli copy to a browser that takes it, and caches hashed assets for a year", async () => {
    const br = await get("/assets/app-abc123.js", { "accept-encoding": "gzip, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.bytes).toBeLessThan(script.length / 10);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const plain = await get("/assets/app-abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.bytes).toBe(script.length);
  });

  it("answers a client route with index.html, checked every time; never a file outside the folder", async () => {
    const route = await get("/w/abc123/present");
    expect(route.status).toBe(200);
    expect(route.headers["content-type"]).toMatch(/text\/html/);
    expect(route.headers["cache-control"]).toBe("no-cache");
    const head = await get("/", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.bytes).toBe(0);
    const traversal = await get("/..%2f..%2f..%2fetc%2fpasswd");
    expect(traversal.headers["content-type"] ?? "").not.toMatch(/octet-stream/);
    expect(traversal.bytes).toBeLessThan(200);
  });
});

describe("the installable app's files", () => {
  it("sends the service worker as JavaScript, never cached without asking, also when compressed", async () => {
    for (const encoding of ["", "gzip, br"]) {
      const sw = await get("/sw.js", encoding ? { "accept-encoding": encoding } : {});
      expect(sw.status).toBe(200);
      expect(sw.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
      // A browser checks for a new worker at most once a day past its cache lifetime: it must have none.
      expect(sw.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("sends the manifest as application/manifest+json, checked every time", async () => {
    const manifest = await get("/manifest.webmanifest");
    expect(manifest.status).toBe(200);
    expect(manifest.headers["content-type"]).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers["cache-control"]).toBe("no-cache");
  });
});
