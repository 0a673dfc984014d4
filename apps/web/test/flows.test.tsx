import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../src/app/App.tsx";
import { navigate } from "../src/app/router.ts";
import { loadLastJoin, loadSession } from "../src/session.ts";
import { boardTestEnv, createWorkshop, eventually } from "./helpers.ts";

const env = boardTestEnv();

describe("start page", () => {
  it("creates a discretion workshop and opens the facilitator's board with the join code", async () => {
    const user = userEvent.setup();
    navigate("/");
    render(<App />);
    // The template's aspects are pre-filled, so a facilitator can start at once.
    expect((screen.getByLabelText(/Aspects to place/) as HTMLTextAreaElement).value).toContain(
      "Location of meetings",
    );
    await user.clear(screen.getByLabelText("Workshop title"));
    await user.type(screen.getByLabelText("Workshop title"), "February meeting");
    await user.click(screen.getByRole("button", { name: "Create the workshop" }));
    await eventually(() => expect(location.pathname).toMatch(/^\/w\//));
    const workshopId = location.pathname.split("/")[2] ?? "";
    const session = loadSession(workshopId);
    expect(session?.role).toBe("facilitator");
    expect(session?.joinCode).toMatch(/^[A-Z2-9]{6}$/);
    // The facilitator key never appears in a participant's link; it is only in the fragment of their own.
    // Sharing is a dialog of the cockpit, opened from the rail.
    await userEvent
      .setup()
      .click(await screen.findByRole("button", { name: "Share and links" }, { timeout: 5000 }));
    await screen.findByText("How people join", {}, { timeout: 5000 });
    const joinLink = screen.getByLabelText("Link for remote members") as HTMLInputElement;
    expect(joinLink.value).toBe(`${location.origin}/join/${session?.joinCode}`);
    expect(joinLink.value).not.toContain(session?.facilitatorKey ?? "-");
    await eventually(() => expect(screen.getByText("February meeting")).toBeTruthy());
    await eventually(() => expect(screen.getAllByText(/Link workers/).length).toBeGreaterThan(0));
  });

  it("says in a sentence when the server cannot be reached", async () => {
    const user = userEvent.setup();
    const { setApiBase } = await import("../src/api.ts");
    setApiBase("http://127.0.0.1:9");
    try {
      navigate("/");
      render(<App />);
      await user.click(screen.getByRole("button", { name: "Create the workshop" }));
      expect((await screen.findByRole("alert")).textContent).toMatch(/cannot reach the workshop server/);
    } finally {
      setApiBase(env.server.url);
    }
  });
});

describe("joining", () => {
  it("joins by the code in the link, with a name and a group, and remembers both", async () => {
    const created = await createWorkshop(env.server);
    const user = userEvent.setup();
    navigate(`/join/${created.joinCode.toLowerCase()}`);
    render(<App />);
    await screen.findByText("Test workshop");
    await user.type(screen.getByLabelText(/Your name/), "Anna");
    await user.click(screen.getByLabelText("PPI contributors"));
    await user.click(screen.getByRole("button", { name: "Join" }));
    await eventually(() => expect(location.pathname).toBe(`/w/${created.id}`));
    const session = loadSession(created.id);
    expect(session).toMatchObject({ role: "participant", name: "Anna", groupName: "PPI contributors" });
    expect(loadLastJoin().name).toBe("Anna");
    expect(
      (await screen.findAllByText("Your group: PPI contributors", {}, { timeout: 5000 })).length,
    ).toBeGreaterThan(0);

    // Rejoining on the same device: name and group are already filled in.
    cleanup();
    navigate(`/join/${created.joinCode}`);
    render(<App />);
    await screen.findByText("Test workshop");
    expect((screen.getByLabelText(/Your name/) as HTMLInputElement).value).toBe("Anna");
    expect((screen.getByLabelText("PPI contributors") as HTMLInputElement).checked).toBe(true);
  });

  it("tells a person plainly when the code is wrong", async () => {
    navigate("/join/ZZZZZZ");
    render(<App />);
    expect((await screen.findByRole("alert")).textContent).toMatch(/no open workshop with that code/i);
  });

  it("rejects a code that cannot be one without asking the server", async () => {
    navigate("/join/AB");
    render(<App />);
    expect((await screen.findByRole("alert")).textContent).toMatch(/6 letters and numbers/);
  });
});
