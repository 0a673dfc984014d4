import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SharePanel } from "../src/facilitator/SharePanel.tsx";
import { loadSession, type Session } from "../src/session.ts";
import { boardTestEnv, createWorkshop, eventually, saveFacilitatorSession } from "./helpers.ts";

const env = boardTestEnv();
afterEach(() => {
  vi.restoreAllMocks();
});

const facilitatorSession = async (): Promise<Session> =>
  saveFacilitatorSession(await createWorkshop(env.server), { withKeys: true });

const shareOf = (session: Session) => ({
  joinCode: session.joinCode,
  roomToken: null,
  closed: false,
  error: null,
});

const sessionWith = async (workshopId: string, key: string) =>
  (
    await fetch(`${env.server.url}/api/session`, {
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
    vi.spyOn(window, "location", "get").mockReturnValue({
      ...window.location,
      reload,
      origin: env.server.url,
    });
    render(<SharePanel session={session} share={shareOf(session)} />);
    await user.click(screen.getByRole("button", { name: "Make new private links" }));
    expect(screen.getByText(/room-screen link will stop working/)).toBeTruthy();
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
    render(<SharePanel session={session} share={shareOf(session)} />);
    await user.click(screen.getByRole("button", { name: "Close the workshop" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect((await fetch(`${env.server.url}/api/lookup/${session.joinCode}`)).status).toBe(200);
    await user.click(screen.getByRole("button", { name: "Close the workshop" }));
    await user.click(screen.getByRole("button", { name: "Close the workshop now" }));
    await screen.findByText(/The workshop is closed/);
    expect((await fetch(`${env.server.url}/api/lookup/${session.joinCode}`)).status).toBe(404);
  });
});
