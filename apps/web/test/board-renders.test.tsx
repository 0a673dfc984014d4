/**
 * A crowded lane must pick a note up, let it go and move one note with the keyboard without re-rendering the
 * other notes: on a slow tablet, re-rendering 300 notes at the start and end of every drag is what made the
 * note lift late (docs/performance.md, "Web client in a real browser"). Counts note body renders.
 */
import { addNote, listActivities, listGroups, listNotes, type ScaleActivity } from "@continuum/model";
import { laneDocName, type WorkshopId } from "@continuum/protocol";
import { act, fireEvent, render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { noteRenders } from "../src/activities/scale/Note.tsx";
import { App } from "../src/app/App.tsx";
import { navigate } from "../src/app/router.ts";
import { useUi } from "../src/app/ui.ts";
import { saveSession } from "../src/session.ts";
import { boardTestEnv, createWorkshop, eventually, join } from "./helpers.ts";

const NOTES = 60;
/** The note picked up or moved, and a little slack (e.g. the note under a lane that re-renders). */
const HANDFUL = 3;

const env = boardTestEnv();
const { open } = env;

/** A participant of the first group looking at a lane of `NOTES` notes. */
async function crowdedLane() {
  const created = await createWorkshop(env.server);
  const workshopId = created.id as WorkshopId;
  const fac = open(created.id, created.token, "facilitator");
  await eventually(() => expect(listGroups(fac.doc).length).toBeGreaterThan(0));
  const group = listGroups(fac.doc)[0];
  const scale = listActivities(fac.doc).find((a) => a.kind === "scale") as ScaleActivity | undefined;
  if (!group || !scale) throw new Error("the template has a group and a scale");
  const lane = open(laneDocName(workshopId, scale.id, group.id), created.token, "facilitator");
  await eventually(() => expect(lane.getState().status).toBe("connected"));
  for (let n = 0; n < NOTES; n++) addNote(lane.doc, { text: `Note ${n + 1}`, x: n % 100, author: "Seeder" });

  const joined = await join(env.server, created.joinCode, "Anna", group.id);
  saveSession({
    workshopId,
    token: joined.token,
    role: "participant",
    name: "Anna",
    group: joined.group,
    groupName: joined.groupName,
    joinCode: created.joinCode,
  });
  navigate(`/w/${workshopId}`);
  render(<App />);
  const notes = () => [
    ...document.querySelectorAll<HTMLElement>('[data-note-id][aria-roledescription="movable note"]'),
  ];
  await eventually(() => expect(notes()).toHaveLength(NOTES), 10_000);
  // Let the mount settle (connection line, presence) before counting.
  await new Promise((r) => setTimeout(r, 200));
  return { lane, notes };
}

describe("a crowded lane re-renders only the note that changes", () => {
  it("picking a note up and letting it go re-renders a handful of notes, not the lane", async () => {
    const { notes } = await crowdedLane();
    const rendersAtMount = noteRenders.body;
    expect(rendersAtMount).toBeGreaterThanOrEqual(NOTES); // the counter counts
    const note = notes()[10] as HTMLElement;
    const id = note.getAttribute("data-note-id");

    // A mouse drag: dnd-kit's pointer sensor starts it after 6 px.
    noteRenders.body = 0;
    const at = { clientX: 100, clientY: 100, pointerId: 1, pointerType: "mouse", isPrimary: true, button: 0 };
    act(() => {
      fireEvent.pointerDown(note, at);
    });
    act(() => {
      fireEvent.pointerMove(note, { ...at, clientX: 110 });
    });
    act(() => {
      fireEvent.pointerMove(note, { ...at, clientX: 140 });
    });
    await eventually(() => expect(useUi.getState().drag?.noteId).toBe(id));
    await eventually(() => expect(note.classList.contains("is-dragging")).toBe(true));
    await new Promise((r) => setTimeout(r, 100));
    const atPickUp = noteRenders.body;

    noteRenders.body = 0;
    act(() => {
      fireEvent.pointerUp(note, { ...at, clientX: 140 });
    });
    await eventually(() => expect(useUi.getState().drag).toBeNull());
    await eventually(() => expect(note.classList.contains("is-dragging")).toBe(false));
    await new Promise((r) => setTimeout(r, 100));
    const atDrop = noteRenders.body;

    expect(atPickUp, "note bodies rendered while picking one up").toBeLessThanOrEqual(HANDFUL);
    expect(atDrop, "note bodies rendered while letting it go").toBeLessThanOrEqual(HANDFUL);
    expect(notes()).toHaveLength(NOTES);
  });

  it("moving one note with the keyboard re-renders that note only", async () => {
    const { lane, notes } = await crowdedLane();
    const user = userEvent.setup();
    const note = notes()[20] as HTMLElement;
    const id = note.getAttribute("data-note-id");
    const x = listNotes(lane.doc).find((n) => n.id === id)?.x ?? 0;
    note.focus();
    noteRenders.body = 0;
    await user.keyboard("{ArrowRight}");
    await eventually(() => expect(note.getAttribute("data-x")).toBe(String(x + 5)));
    await new Promise((r) => setTimeout(r, 100));
    expect(noteRenders.body, "note bodies rendered by one keyboard move").toBeLessThanOrEqual(HANDFUL);
    // And the move reached the others.
    await eventually(() => expect(listNotes(lane.doc).find((n) => n.id === id)?.x).toBe(x + 5));
  });
});
