// Worker threads do not inherit the parent's `--import tsx` hooks on Node 20: register them, then load the
// TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./fuzz-worker.ts");
