import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CreateWorkshopResponse } from "@continuum/protocol";
import { type RunningServer, startServer } from "@continuum/server";
import { type Browser, type BrowserContext, chromium, devices, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const webDir = path.join(root, "apps/web/dist");

/**
 * Debian's Chromium, or another one named by CHROMIUM_PATH. Never a downloaded browser: the machines this
 * runs on cannot download one, and the one the project tests against is the one people install.
 */
export function chromiumPath(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** Launch flags that work headless as root on a machine without a network beyond loopback. */
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Harness {
  server: RunningServer;
  browser: Browser;
  url: string;
  /** A new person: a fresh browser context (own storage, own IndexedDB). */
  person(
    kind?: "desktop" | "tablet-portrait" | "tablet-landscape",
  ): Promise<{ context: BrowserContext; page: Page }>;
  createWorkshop(template?: "blank" | "discretion"): Promise<CreateWorkshopResponse>;
  restartServer(): Promise<void>;
  /** Stops the server (clients see their sockets close), for tests that act while it is down. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port with the same data directory. */
  startServerAgain(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error(
      "No Chromium found. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.",
    );
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "continuum-e2e-"));
  const serverOptions = { port: 0, host: "127.0.0.1", dataDir, webDir, logLevel: "warn" } as const;
  let server = await startServer(serverOptions);
  const port = server.port;
  // launch() starts from a fresh temporary profile, and each newContext() is a person with their own storage.
  const browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
  const contexts: BrowserContext[] = [];
  const harness: Harness = {
    server,
    browser,
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    async person(kind = "desktop") {
      const options =
        kind === "tablet-portrait"
          ? {
              ...devices["iPad (gen 7)"],
              viewport: { width: 768, height: 1024 },
              hasTouch: true,
              isMobile: true,
            }
          : kind === "tablet-landscape"
            ? {
                ...devices["iPad (gen 7) landscape"],
                viewport: { width: 1024, height: 768 },
                hasTouch: true,
                isMobile: true,
              }
            : { viewport: { width: 1280, height: 900 } };
      // Chromium with an iPad's user agent: what matters here is the size, touch and the absence of hover.
      const context = await browser.newContext({ ...options, baseURL: harness.url });
      contexts.push(context);
      const page = await context.newPage();
      return { context, page };
    },
    async createWorkshop(template = "discretion") {
      const res = await fetch(`${harness.url}/api/workshops`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Link worker discretion", template }),
      });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as CreateWorkshopResponse;
    },
    async restartServer() {
      await harness.stopServer();
      await harness.startServerAgain();
    },
    async stopServer() {
      await server.close();
    },
    async startServerAgain() {
      server = await startServer({ ...serverOptions, port });
      harness.server = server;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * The harness for one test file: started before its first test, closed after its last. Call it at the top of
 * the file (`const h = useHarness();`); the object it returns reaches the running harness.
 */
export function useHarness(): Harness {
  let running: Harness | undefined;
  beforeAll(async () => {
    running = await startHarness();
  });
  afterAll(async () => {
    await running?.close();
  });
  const current = (): Harness => {
    if (!running) throw new Error("the harness starts in beforeAll");
    return running;
  };
  return {
    get server() {
      return current().server;
    },
    get browser() {
      return current().browser;
    },
    get url() {
      return current().url;
    },
    person: (kind) => current().person(kind),
    createWorkshop: (template) => current().createWorkshop(template),
    restartServer: () => current().restartServer(),
    stopServer: () => current().stopServer(),
    startServerAgain: () => current().startServerAgain(),
    close: () => current().close(),
  };
}
