import {
  type ChartActivity,
  listActivities,
  listChartNotes,
  placeAspect,
  type ScaleActivity,
  setCurrentActivity,
  setTakingPart,
} from "@continuum/model";
import { type CreateWorkshopResponse, chartDocName, laneDocName } from "@continuum/protocol";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../src/app/App.tsx";
import { navigate } from "../src/app/router.ts";
import { setFileSaver } from "../src/facilitator/exporting.ts";
import { boardTestEnv, eventually, saveFacilitatorSession } from "./helpers.ts";

const env = boardTestEnv();
const { open, asParticipant } = env;

async function setup() {
  const w = await env.discretionWorkshop();
  const { activities } = w;
  const scale = activities.find((a): a is ScaleActivity => a.kind === "scale");
  const chart = activities.find((a): a is ChartActivity => a.kind === "chart");
  if (!scale || !chart) throw new Error("the discretion template has a scale and a chart");
  return { ...w, scale, chart };
}

const asFacilitator = (created: CreateWorkshopResponse) => saveFacilitatorSession(created);

describe("charts on the board route", () => {
  it("a participant follows the facilitator to a chart and adds a note that reaches the server", async () => {
    const { created, fac, linkWorkers, chart, workshopId } = await setup();
    act(() => setCurrentActivity(fac.doc, chart.id));
    await asParticipant(workshopId, created.joinCode, "Anna", linkWorkers.id);
    const user = userEvent.setup();
    navigate(`/w/${workshopId}`);
    render(<App />);

    const board = await screen.findByRole("region", { name: `Chart: ${chart.title}` }, { timeout: 5000 });
    expect(within(board).getByText("Patients may refer themselves")).toBeTruthy();
    // The participant's agenda says where everyone is.
    expect(screen.getByRole("navigation", { name: "Agenda" }).textContent).toContain(chart.title);

    await user.click(within(board).getByRole("button", { name: "Add a note to Pros" }));
    await user.type(within(board).getByLabelText("Your note for Pros"), "People know themselves best");
    await user.click(within(board).getByRole("button", { name: "Add note" }));

    const chartConn = open(chartDocName(workshopId, chart.id), created.token);
    await eventually(() =>
      expect(listChartNotes(chartConn.doc).map((n) => [n.text, n.author, n.groupId])).toEqual([
        // A new workshop is anonymous: the server keeps no name (ANON-2)...
        ["People know themselves best", "", linkWorkers.id],
      ]),
    );
    // ...and Anna's own screen shows hers on her note, from her session (ANON-1).
    await eventually(() => expect(within(board).getByText("Anna, Link workers")).toBeTruthy());
  });

  it("the facilitator sees the chart with dot voting in their tools, and opens the vote", async () => {
    const { created, fac, chart, workshopId } = await setup();
    act(() => setCurrentActivity(fac.doc, chart.id));
    asFacilitator(created);
    const user = userEvent.setup();
    navigate(`/w/${workshopId}`);
    render(<App />);

    await screen.findByRole("region", { name: `Chart: ${chart.title}` }, { timeout: 5000 });
    const voting = await screen.findByRole("region", { name: `Dot voting on ${chart.title}` });
    await user.click(within(voting).getByRole("button", { name: "Open voting" }));
    await eventually(() => {
      const a = listActivities(fac.doc).find((x) => x.id === chart.id);
      expect(a?.kind === "chart" && a.voting.open).toBe(true);
    });
    // The cockpit's bar runs the timer of the activity on screen: one "Start timer", then one "Pause timer"
    // and one "Stop timer" (the agenda editor's are in its dialog, closed).
    const bar = await screen.findByRole("region", { name: "Run the activity" });
    await user.click(within(bar).getByRole("button", { name: "Start timer" }));
    await eventually(() => expect(screen.getAllByRole("button", { name: /^Pause/ })).toHaveLength(1));
    expect(within(bar).getByRole("button", { name: "Pause timer" })).toBeTruthy();
    expect(screen.getAllByRole("button", { name: /^(Stop|Remove the) timer/ })).toHaveLength(1);
    expect(screen.queryByRole("button", { name: /^Start \d+ minutes/ })).toBeNull();
  });
});

describe("scale board access", () => {
  it("a group that does not take part sees its lane but is never invited to change it", async () => {
    const { created, fac, linkWorkers, ppi, scale, workshopId } = await setup();
    act(() => {
      setCurrentActivity(fac.doc, scale.id);
      setTakingPart(fac.doc, scale.id, [ppi.id]);
    });
    await asParticipant(workshopId, created.joinCode, "Anna", linkWorkers.id);
    navigate(`/w/${workshopId}`);
    render(<App />);

    await screen.findByRole("region", { name: "Link workers lane" }, { timeout: 5000 });
    await eventually(() => expect(screen.getByText(/Your group looks on in this activity/)).toBeTruthy());
    expect(screen.queryByRole("button", { name: /Place on the scale/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Add a note of your own" })).toBeNull();

    // Taking part again: the tray comes back.
    act(() => setTakingPart(fac.doc, scale.id, null));
    expect(
      (await screen.findAllByRole("button", { name: /Place on the scale/ }, { timeout: 5000 })).length,
    ).toBeGreaterThan(0);
  });
});

describe("downloads", () => {
  it("the export panel saves a CSV with a note a group placed, read from the lanes it opens itself", async () => {
    const { created, ppi, scale, workshopId } = await setup();
    const lane = open(laneDocName(workshopId, scale.id, ppi.id), created.token);
    await eventually(() => expect(lane.getState().status).toBe("connected"));
    const aspect = scale.aspects[0];
    if (!aspect) throw new Error("no aspect");
    placeAspect(lane.doc, { aspect, x: 20, author: "Ben" });
    const saved: { blob: Blob; name: string }[] = [];
    setFileSaver((blob, name) => saved.push({ blob, name }));
    try {
      asFacilitator(created);
      const user = userEvent.setup();
      navigate(`/w/${workshopId}`);
      render(<App />);
      await user.click(
        await screen.findByRole("button", { name: "Download the results" }, { timeout: 5000 }),
      );
      const panel = await screen.findByRole("region", { name: "Download the results" }, { timeout: 5000 });
      expect(panel.textContent).toMatch(/need the workshop server/);
      await user.click(within(panel).getByRole("button", { name: "Notes (CSV)" }));
      await eventually(() => expect(saved).toHaveLength(1), 10_000);
      const file = saved[0];
      expect(file?.name).toMatch(/^test-workshop-\d{4}-\d{2}-\d{2}-notes\.csv$/);
      const text = (await file?.blob.text()) ?? "";
      const row = text.split("\r\n").find((l) => l.includes(aspect.text));
      expect(row).toContain("PPI contributors");
      expect(row).toContain(",20,");
      expect(within(panel).getByRole("status").textContent).toContain("Saved");
    } finally {
      setFileSaver(null);
    }
  });
});
