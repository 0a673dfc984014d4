import type { WorkshopId } from "@continuum/protocol";
import type { RunningServer } from "@continuum/server";
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SharePanel } from "../src/facilitator/SharePanel.tsx";
import { loadSession, type Session, saveSession } from "../src/session.ts";
import { createWorkshop, eventually, testServer } from "./helpers.ts";

let server: RunningServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.restoreAllMocks();
});

async function facilitatorSession(): Promise<Session> {
  const created = await createWorkshop(server);
  const session: Session = {
    workshopId: created.id as WorkshopId,
    token: created.token,
    role: "facilitator",
    name: "Facilitator",
    group: null,
    groupName: null,
    joinCode: created.joinCode,
    facilitatorKey: created.facilitatorKey,
    observerKey: created.observerKey,
  };
  saveSession(session);
  return session;
}

const sessionWith = async (workshopId: string, key: string) =>
  (
    await fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ workshopId, key }),
    })
  ).status;

describe("the facilitator's link safety", () => {
  it("makes new private links after asking twice; the old facilitator link stops working", async () => {
    const user = userEvent.setup();
    const session = await facilitatorSession();
    const reload = vi.fn();
    vi.spyOn(window, "location", "get").mockReturnValue({ ...window.location, reload, origin: server.url });
    render(<SharePanel session={session} />);
    await user.click(screen.getByRole("button", { name: "Make new private links" }));
    expect(screen.getByText(/big-screen link will stop working/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Make new private links now" }));
    await eventually(() => expect(reload).toHaveBeenCalled());
    const saved = loadSession(session.workshopId);
    expect(saved?.facilitatorKey).not.toBe(session.facilitatorKey);
    expect(await sessionWith(session.workshopId, session.facilitatorKey ?? "")).toBe(403);
    expect(await sessionWith(session.workshopId, saved?.facilitatorKey ?? "")).toBe(200);
  });

  it("closes the workshop after asking twice; the code stops working", async () => {
    const user = userEvent.setup();
    const session = await facilitatorSession();
    render(<SharePanel session={session} />);
    await user.click(screen.getByRole("button", { name: "Close the workshop" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect((await fetch(`${server.url}/api/lookup/${session.joinCode}`)).status).toBe(200);
    await user.click(screen.getByRole("button", { name: "Close the workshop" }));
    await user.click(screen.getByRole("button", { name: "Close the workshop now" }));
    await screen.findByText(/The workshop is closed/);
    expect((await fetch(`${server.url}/api/lookup/${session.joinCode}`)).status).toBe(404);
  });
});
