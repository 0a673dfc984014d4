import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The tests drive the built app, as `pnpm start` serves it; build it once before any test file runs. */
export default function setup(): void {
  if (process.env.CONTINUUM_E2E_SKIP_BUILD === "1" && existsSync(path.join(root, "apps/web/dist/index.html")))
    return;
  // NODE_ENV must say production: vitest sets it to "test", and a build that inherits that is React's
  // development build (double effects, extra checks), not the app people get from `pnpm start`.
  const result = spawnSync("pnpm", ["--filter", "@continuum/web", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("building the web app failed");
}
