import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  addNote,
  listNotes,
  placeAspect,
  type ScaleActivity,
  setLocked,
  setRevealed,
} from "@continuum/model";
import { type ActivityId, laneDocName, type WorkshopId } from "@continuum/protocol";
import { startServer } from "@continuum/server";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../src/app/App.tsx";
import { navigate } from "../src/app/router.ts";
import { ConnectionBanner } from "../src/app/topbar/ConnectionBanner.tsx";
import { openDocNames } from "../src/sync/connection.ts";
import { createDragBroadcaster } from "../src/sync/presence.ts";
import { boardTestEnv, eventually, join } from "./helpers.ts";

const env = boardTestEnv();
const { open, asParticipant } = env;

/** A workshop, its scale and groups (read through a facilitator connection, as any client would). */
async function setup() {
  const w = await env.discretionWorkshop();
  const scale = w.activities.find((a) => a.kind === "scale") as ScaleActivity;
  return { ...w, scale };
}

describe("scale board", () => {
  it("places a card with the keyboard and moves it in steps of 5 and 1; the stored position changes", async () => {
    const { created, linkWorkers, scale, workshopId } = await setup();
    await asParticipant(workshopId, created.joinCode, "Anna", linkWorkers.id);
    const user = userEvent.setup();
    navigate(`/w/${workshopId}`);
    render(<App />);

    const card = await screen.findByRole(
      "button",
      { name: "Place on the scale: Location of meetings" },
      { timeout: 5000 },
    );
    card.focus();
    await user.keyboard("{Enter}");
    const note = await screen.findByRole("button", {
      name: "Location of meetings, Link workers, 50 of 100 towards set in stone",
    });
    // Focus moves to the new note, so arrows move it at once.
    await eventually(() => expect(document.activeElement).toBe(note));
    await user.keyboard("{ArrowRight}{ArrowRight}{Shift>}{ArrowRight}{/Shift}{ArrowLeft}");
    expect(note.getAttribute("aria-label")).toBe(
      "Location of meetings, Link workers, 56 of 100 towards set in stone",
    );
    expect(screen.getByTestId("announcer").textContent).toMatch(/moved to 56 of 100 towards set in stone/);

    // The facilitator's copy, through the env.server, has the 0..100 value.
    const lane = open(laneDocName(workshopId, scale.id, linkWorkers.id), created.token, "facilitator");
    await eventually(() =>
      expect(listNotes(lane.doc).map((n) => [n.text, n.x])).toEqual([["Location of meetings", 56]]),
    );
  });

  it("does not render, or even open, another group's lane until the facilitator reveals it", async () => {
    const { created, fac, linkWorkers, ppi, scale, workshopId } = await setup();
    // PPI contributors have placed something the link workers must not see yet.
    const ppiLane = open(laneDocName(workshopId, scale.id, ppi.id), created.token, "facilitator");
    await eventually(() => expect(ppiLane.getState().status).toBe("connected"));
    const aspect = scale.aspects[0];
    if (!aspect) throw new Error("no aspect");
    placeAspect(ppiLane.doc, { aspect, x: 20, author: "Ben" });

    await asParticipant(workshopId, created.joinCode, "Anna", linkWorkers.id);
    navigate(`/w/${workshopId}`);
    render(<App />);
    await screen.findByRole("region", { name: "Link workers lane" }, { timeout: 5000 });
    expect(screen.queryByRole("region", { name: "PPI contributors lane" })).toBeNull();
    expect(screen.getByText(/PPI contributors: hidden until the facilitator shows it/)).toBeTruthy();
    const ppiDoc = laneDocName(workshopId, scale.id, ppi.id);
    // Only the facilitator connections of this test opened it; the participant's screen never asked.
    expect(openDocNames().filter((n) => n === ppiDoc)).toHaveLength(1);

    act(() => setRevealed(fac.doc, scale.id as ActivityId, ppi.id, true));
    const region = await screen.findByRole("region", { name: "PPI contributors lane" }, { timeout: 5000 });
    await eventually(() =>
      expect(
        within(region).getByRole("button", { name: /Location of meetings, PPI contributors, 20 of 100/ }),
      ).toBeTruthy(),
    );
    // Read only: a note of another group cannot be moved.
    expect(within(region).queryByText("Undo")).toBeNull();
  });

  it("two devices on one lane see each other's moves and drags in progress", async () => {
    const { created, linkWorkers, scale, workshopId } = await setup();
    const a = await join(env.server, created.joinCode, "Anna", linkWorkers.id);
    const b = await join(env.server, created.joinCode, "Bilal", linkWorkers.id);
    const name = laneDocName(workshopId, scale.id, linkWorkers.id);
    const ca = open(name, a.token, "participant");
    const cb = open(name, b.token, "participant");
    await eventually(() =>
      expect([ca.getState().status, cb.getState().status]).toEqual(["connected", "connected"]),
    );
    const aspect = scale.aspects[1];
    if (!aspect) throw new Error("no aspect");
    const id = placeAspect(ca.doc, { aspect, x: 30, author: "Anna" });
    await eventually(() => expect(listNotes(cb.doc).find((n) => n.id === id)?.x).toBe(30));

    ca.awareness.setLocalStateField("user", {
      name: "Anna",
      group: linkWorkers.id,
      groupName: "Link workers",
      role: "participant",
    });
    const drag = createDragBroadcaster(100);
    drag.update(ca.awareness, id, 72.4);
    await eventually(() => {
      const states = [...cb.awareness.getStates().values()] as { dragging?: { noteId: string; x: number } }[];
      expect(states.some((s) => s.dragging?.noteId === id && s.dragging.x === 72)).toBe(true);
    });
    drag.end(ca.awareness);
    placeAspect(cb.doc, { aspect, x: 80, author: "Bilal" });
    await eventually(() => expect(listNotes(ca.doc).find((n) => n.id === id)?.x).toBe(80));
  });
});

describe("refused writes", () => {
  it("drops the replica and says the activity is locked when the server refuses a change", async () => {
    const { created, fac, linkWorkers, scale, workshopId } = await setup();
    const a = await join(env.server, created.joinCode, "Anna", linkWorkers.id);
    const lane = open(laneDocName(workshopId, scale.id, linkWorkers.id), a.token, "participant");
    await eventually(() => expect(lane.getState().status).toBe("connected"));
    const aspect = scale.aspects[0];
    if (!aspect) throw new Error("no aspect");
    placeAspect(lane.doc, { aspect, x: 10, author: "Anna" });
    setLocked(fac.doc, scale.id as ActivityId, true);
    // Wait until the lock has reached the server (it re-decides access on open connections).
    const check = open(laneDocName(workshopId, scale.id, linkWorkers.id), created.token, "facilitator");
    await eventually(() => expect(listNotes(check.doc)).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 200));
    const first = lane.doc;
    addNote(lane.doc, { text: "written after the lock", x: 90, author: "Anna" });
    await eventually(() => expect(lane.getState().generation).toBe(1));
    expect(lane.doc).not.toBe(first);
    expect(lane.getState().message).toMatch(/locked/);
    // Fresh from the server: the accepted note is back, the refused one is gone.
    await eventually(() => expect(listNotes(lane.doc).map((n) => n.text)).toEqual(["Location of meetings"]));
    expect(listNotes(check.doc).map((n) => n.text)).toEqual(["Location of meetings"]);
  });
});

describe("connection line", () => {
  it("shows reconnecting and offline with the changes waiting, and loses nothing when the server returns", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "continuum-web-"));
    const config = {
      port: 0,
      host: "127.0.0.1",
      storage: "sqlite" as const,
      dataDir,
      logLevel: "silent",
      webDir: "/nonexistent",
    };
    let own = await startServer(config);
    // happy-dom enforces the same-origin policy, as a browser would: this page "comes from" this env.server.
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(`${own.url}/`);
    try {
      const created = (await (
        await fetch(`${own.url}/api/workshops`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ title: "Wi-Fi test", template: "discretion" }),
        })
      ).json()) as { id: WorkshopId; token: string };
      const conn = open(created.id, created.token, "facilitator", own.url);
      await eventually(() => expect(conn.getState().status).toBe("connected"));
      const { rerender } = render(<ConnectionBanner state={conn.getState()} />);
      expect(screen.getByTestId("connection").textContent).toBe("Connected");

      const port = own.port;
      await own.close();
      await eventually(() => expect(conn.getState().status).toBe("reconnecting"));
      conn.doc.getMap("meta").set("description", "written while the Wi-Fi was down");
      conn.doc.getMap("meta").set("date", "2023-02-01");
      expect(conn.getState().pending).toBe(2);
      rerender(<ConnectionBanner state={conn.getState()} />);
      expect(screen.getByTestId("connection").textContent).toMatch(
        /Reconnecting… 2 changes waiting, kept on this device/,
      );

      Object.defineProperty(navigator, "onLine", { value: false, configurable: true });
      window.dispatchEvent(new Event("offline"));
      await eventually(() => expect(conn.getState().status).toBe("offline"));
      rerender(<ConnectionBanner state={conn.getState()} />);
      expect(screen.getByTestId("connection").textContent).toMatch(
        /^Offline\. 2 changes waiting, kept on this device\.$/,
      );

      Object.defineProperty(navigator, "onLine", { value: true, configurable: true });
      window.dispatchEvent(new Event("online"));
      own = await startServer({ ...config, port });
      await eventually(
        () => expect(conn.getState()).toMatchObject({ status: "connected", pending: 0 }),
        10_000,
      );
      // A second device sees what was written offline: nothing was lost.
      const other = open(created.id, created.token, "facilitator", own.url);
      await eventually(() =>
        expect(other.doc.getMap("meta").get("description")).toBe("written while the Wi-Fi was down"),
      );
    } finally {
      env.destroyOpened();
      await own.close();
      (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(`${env.server.url}/`);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
