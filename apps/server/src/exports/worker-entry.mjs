// The export pool's threads start here. Plain JavaScript that registers tsx in its own thread, then loads
// the TypeScript tasks: the project runs from source with no build step, in the server and in its tests.
import { register } from "tsx/esm/api";

register();
const tasks = await import("./worker.ts");

export const render = tasks.render;
export const archiveId = tasks.archiveId;
export const importArchive = tasks.importArchive;
export const results = tasks.results;
