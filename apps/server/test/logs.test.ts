import { PassThrough } from "node:stream";
import { addNote, listActivities } from "@continuum/model";
import { type ActivityId, type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import {
  api,
  closedWith,
  connect,
  createWorkshop,
  joinAs,
  lookup,
  removeDir,
  synced,
  testServer,
} from "./helpers.ts";

describe("logs", () => {
  it("never contain a token or a key, even at debug level", async () => {
    const stream = new PassThrough();
    let logs = "";
    stream.on("data", (d) => {
      logs += d;
    });
    const server = await testServer({ logLevel: "debug", logStream: stream });
    try {
      const created = await createWorkshop(server.url);
      const { groups } = await lookup(server.url, created.joinCode);
      const group = (groups[0] as { id: GroupId }).id;
      const ann = await joinAs(server.url, created.joinCode, "Ann", group);
      const session = await api<{ token: string }>(server.url, "POST", "/api/session", {
        workshopId: created.id,
        key: created.facilitatorKey,
      });
      await api(server.url, "POST", "/api/session", {
        workshopId: created.id,
        key: `${created.facilitatorKey}x`,
      });
      const facilitator = connect(server.url, created.id, session.body.token);
      await synced(facilitator);
      const scale = listActivities(facilitator.doc).find((a) => a.kind === "scale");
      const lane = laneDocName(created.id as WorkshopId, scale?.id as ActivityId, group);
      const c = connect(server.url, lane, ann.token);
      await synced(c);
      addNote(c.doc, { text: "x", x: 1, author: "Ann" });
      const bad = connect(server.url, lane, `${ann.token}x`);
      await closedWith(bad);
      for (const client of [facilitator, c, bad]) client.destroy();
      await new Promise((r) => setTimeout(r, 100));
      expect(logs).toContain("client connected");
      for (const secret of [
        created.facilitatorKey,
        created.observerKey,
        created.token,
        ann.token,
        session.body.token,
      ]) {
        expect(logs).not.toContain(secret);
        // Nor the signature half of a token alone.
        expect(logs).not.toContain(secret.split(".").pop());
      }
    } finally {
      await server.close();
      removeDir(server.dataDir);
    }
  });
});
