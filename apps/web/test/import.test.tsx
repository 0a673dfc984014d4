import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../src/app/App.tsx";
import { navigate } from "../src/app/router.ts";
import { loadSession } from "../src/session.ts";
import { boardTestEnv, createWorkshop, eventually } from "./helpers.ts";

const env = boardTestEnv();

describe("opening an archived workshop", () => {
  it("imports a JSON archive from the start page and opens it as the facilitator", async () => {
    const created = await createWorkshop(env.server);
    const archive = await (
      await fetch(`${env.server.url}/api/workshops/${created.id}/export/json`, {
        headers: { authorization: `Bearer ${created.facilitatorKey}` },
      })
    ).text();
    const user = userEvent.setup();
    navigate("/");
    render(<App />);
    const file = new File([archive], "workshop.json", { type: "application/json" });
    await user.upload(screen.getByLabelText("Workshop archive (.json)"), file);
    await eventually(() => expect(location.pathname).toMatch(/^\/w\//));
    const id = location.pathname.split("/")[2] ?? "";
    // The id was taken on this server (the original is here), so the copy has its own id, code and keys.
    expect(id).not.toBe(created.id);
    expect(loadSession(id)).toMatchObject({ role: "facilitator" });
    expect(loadSession(id)?.joinCode).not.toBe(created.joinCode);
  });

  it("says plainly when the file is not an archive", async () => {
    const user = userEvent.setup();
    navigate("/");
    render(<App />);
    const file = new File(['{"hello":"world"}'], "notes.json", { type: "application/json" });
    await user.upload(screen.getByLabelText("Workshop archive (.json)"), file);
    expect((await screen.findByRole("alert")).textContent).toMatch(/not a Continuum workshop archive/);
    expect(location.pathname).toBe("/");
  });
});
