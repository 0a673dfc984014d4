import {
  type ActivityId,
  getActivity,
  listActivities,
  readControl,
  readMeta,
  type ScaleActivity,
  setCurrentActivity,
  setLocked,
  setMeetingEnded,
} from "@continuum/model";
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OpenChartButton } from "../../src/activities/chart/OpenChartButton.tsx";
import { AgendaEditor } from "../../src/agenda/AgendaEditor.tsx";
import { AgendaView } from "../../src/agenda/AgendaView.tsx";
import { participant, remote, twoDevices } from "./helpers.tsx";

afterEach(cleanup);

const titles = (doc: Parameters<typeof listActivities>[0]) => listActivities(doc).map((a) => a.title);

describe("AgendaEditor", () => {
  it("adds, renames, reorders and removes activities; the other device follows", async () => {
    const d = twoDevices("word-association");
    render(<AgendaEditor workshopDoc={d.w1} now={() => 1_000} />);
    const user = userEvent.setup();
    expect(titles(d.w2)).toEqual(["Word association", "Reflecting on the vignettes"]);

    const add = within(screen.getByRole("form", { name: "Add an activity" }));
    await user.selectOptions(add.getByLabelText("Kind"), "chart");
    await user.type(add.getByLabelText("Title"), "Self-referral");
    await user.type(add.getByLabelText("What the chart is about"), "Patients may refer themselves");
    await user.click(add.getByRole("button", { name: "Add activity" }));
    const chart = listActivities(d.w2).at(-1);
    expect(chart).toMatchObject({
      kind: "chart",
      title: "Self-referral",
      about: { text: "Patients may refer themselves" },
    });
    if (chart?.kind !== "chart") throw new Error("kind");
    expect(chart.columns.map((c) => c.title)).toEqual(["Pros", "Cons", "Implications"]);

    await user.selectOptions(add.getByLabelText("Kind"), "board:between-meetings");
    await user.click(add.getByRole("button", { name: "Add activity" }));
    expect(listActivities(d.w2).at(-1)).toMatchObject({ kind: "board", openBetweenMeetings: true });

    await user.click(screen.getByRole("button", { name: "Move Self-referral up" }));
    expect(titles(d.w2)).toEqual([
      "Word association",
      "Self-referral",
      "Reflecting on the vignettes",
      "Between meetings",
    ]);

    const items = screen.getAllByRole("listitem");
    const title = within(items[0] as HTMLElement).getByLabelText("Title");
    await user.clear(title);
    await user.type(title, "Key words{Enter}");
    expect(titles(d.w2)[0]).toBe("Key words");

    await user.click(screen.getByRole("button", { name: "Remove Between meetings" }));
    await user.click(screen.getByRole("button", { name: "Remove it: Between meetings" }));
    expect(titles(d.w2)).toEqual(["Key words", "Self-referral", "Reflecting on the vignettes"]);

    const template = within(screen.getByRole("form", { name: "Add activities from a template" }));
    await user.selectOptions(template.getByLabelText("Template"), "discretion");
    await user.click(template.getByRole("button", { name: "Add these activities" }));
    expect(listActivities(d.w2).map((a) => a.kind)).toEqual([
      "board",
      "chart",
      "board",
      "scale",
      "chart",
      "chart",
    ]);
  });

  it("locks an activity, runs its timer, and chooses the groups taking part", async () => {
    const d = twoDevices("discretion");
    render(<AgendaEditor workshopDoc={d.w1} now={() => 1_000} />);
    const user = userEvent.setup();
    const [scale, chart] = listActivities(d.w1) as [ScaleActivity, { id: ActivityId; title: string }];

    // Making an activity current is the cockpit's "Bring everyone to this activity", not the editor's.
    expect(screen.queryByRole("button", { name: `Make current: ${chart.title}` })).toBeNull();
    await user.click(screen.getByRole("button", { name: `Lock ${chart.title}` }));
    expect(readControl(d.w2).locked).toEqual({ [chart.id]: true });
    expect(screen.getByRole("button", { name: `Lock ${chart.title}` }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    await user.click(screen.getByRole("button", { name: `Lock ${chart.title}` }));
    expect(readControl(d.w2).locked).toEqual({});

    // The scale is worked by the two groups separately; take the PPI contributors out of it.
    const groups = within(screen.getByRole("group", { name: `Groups taking part in ${scale.title}` }));
    await user.click(groups.getByRole("checkbox", { name: "PPI contributors" }));
    expect(getActivity(d.w2, scale.id)?.takingPart).toEqual([d.groups[0].id]);
    await user.click(groups.getByRole("checkbox", { name: "PPI contributors" }));
    expect(getActivity(d.w2, scale.id)?.takingPart).toBeNull();

    await user.click(screen.getByRole("button", { name: `Start timer: ${scale.title}` }));
    expect(readControl(d.w2).timer).toEqual({
      durationMs: 40 * 60_000,
      startedAt: 1_000,
      remainingMs: 40 * 60_000,
      activityId: scale.id,
    });
    expect(readControl(d.w2).currentActivity).toBe(scale.id);
    expect(screen.getByText("40:00")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Pause timer" }));
    expect(readControl(d.w2).timer?.startedAt).toBeNull();

    // Minutes typed and started at once (the field has not lost focus yet) count: saved and timed.
    const minutes = screen.getByRole("spinbutton", { name: `Planned minutes for ${chart.title}` });
    await user.clear(minutes);
    await user.type(minutes, "12");
    await user.click(screen.getByRole("button", { name: `Start timer: ${chart.title}` }));
    expect(readControl(d.w2).timer).toEqual({
      durationMs: 12 * 60_000,
      startedAt: 1_000,
      remainingMs: 12 * 60_000,
      activityId: chart.id,
    });
    expect(getActivity(d.w2, chart.id)?.durationMs).toBe(12 * 60_000);
    expect(readControl(d.w2).currentActivity).toBe(chart.id);
    await user.click(screen.getByRole("button", { name: "Stop timer" }));
    expect(readControl(d.w2).timer).toBeNull();

    const showNames = screen.getByRole("checkbox", { name: "Show names to the room and in exports" });
    const before = readMeta(d.w2).anonymous;
    expect((showNames as HTMLInputElement).checked).toBe(!before);
    await user.click(showNames);
    expect(readMeta(d.w2).anonymous).toBe(!before);
    await user.click(screen.getByRole("button", { name: "End the meeting" }));
    expect(readControl(d.w2).meetingEnded).toBe(true);
    expect(screen.getByRole("button", { name: "Resume the meeting" })).toBeTruthy();
  });
});

describe("AgendaView", () => {
  it("follows the current activity and lets a participant look back at earlier ones read-only", async () => {
    const d = twoDevices("discretion");
    const [scale, first, second] = listActivities(d.w1) as unknown as [
      { id: ActivityId; title: string },
      { id: ActivityId; title: string },
      { id: ActivityId; title: string },
    ];
    const onView = vi.fn();
    const view = render(
      <AgendaView
        workshopDoc={d.w2}
        me={participant("Ann", d.groups[0], "a1")}
        viewing={null}
        onView={onView}
      />,
    );
    const user = userEvent.setup();
    expect(screen.getByText(/The facilitator has not started yet/)).toBeTruthy();
    remote(() => setCurrentActivity(d.w1, first.id));
    expect(screen.getByText(first.title)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: `Look back at ${scale.title}` }));
    expect(onView).toHaveBeenLastCalledWith(scale.id, { readOnly: true });

    view.rerender(
      <AgendaView
        workshopDoc={d.w2}
        me={participant("Ann", d.groups[0], "a1")}
        viewing={scale.id}
        onView={onView}
      />,
    );
    await user.click(screen.getByRole("button", { name: "Back to the current activity" }));
    expect(onView).toHaveBeenLastCalledWith(first.id, { readOnly: false });

    remote(() => {
      setCurrentActivity(d.w1, second.id);
      setLocked(d.w1, second.id, true);
    });
    expect(screen.getByRole("button", { name: `Look back at ${first.title}` })).toBeTruthy();
    expect(screen.getByText(/finished: read only/)).toBeTruthy();
  });

  it("after the meeting, offers the boards left open between meetings", async () => {
    const d = twoDevices("between-meetings");
    const board = listActivities(d.w1)[0] as { id: ActivityId; title: string };
    const onView = vi.fn();
    render(<AgendaView workshopDoc={d.w2} viewing={null} onView={onView} />);
    remote(() => setMeetingEnded(d.w1, true));
    expect(screen.getByText(/The meeting has ended/)).toBeTruthy();
    await userEvent.setup().click(screen.getByRole("button", { name: `Add to ${board.title}` }));
    expect(onView).toHaveBeenCalledWith(board.id, { readOnly: false });
    remote(() => setLocked(d.w1, board.id, true));
    expect(screen.queryByRole("button", { name: `Add to ${board.title}` })).toBeNull();
  });
});

describe("OpenChartButton", () => {
  it("opens the chart about an aspect from the compare view, creating it once", async () => {
    const d = twoDevices("discretion");
    const scale = listActivities(d.w1)[0] as ScaleActivity;
    const sessions = scale.aspects.find((a) => a.text === "Number of sessions");
    if (!sessions) throw new Error("aspect");
    const onOpen = vi.fn();
    render(
      <OpenChartButton
        workshopDoc={d.w1}
        scaleActivityId={scale.id}
        aspectId={sessions.id}
        text={sessions.text}
        onOpen={onOpen}
      />,
    );
    const user = userEvent.setup();
    const button = screen.getByRole("button", {
      name: "Chart pros and cons: Number of sessions",
    });
    await user.click(button);
    await user.click(button);
    expect(onOpen).toHaveBeenCalledTimes(2);
    const id = onOpen.mock.calls[0]?.[0] as ActivityId;
    expect(onOpen.mock.calls[1]?.[0]).toBe(id);
    expect(getActivity(d.w2, id)).toMatchObject({ kind: "chart", about: { text: "Number of sessions" } });
    expect(listActivities(d.w2).filter((a) => a.kind === "chart")).toHaveLength(3);
  });
});
