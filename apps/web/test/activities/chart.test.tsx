import {
  addChartNote,
  type ColumnId,
  dotsUsed,
  editChartNote,
  getActivity,
  listChartNotes,
  type NoteId,
  setLocked,
  setMeta,
  setTakingPart,
} from "@continuum/model";
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { ChartBoard } from "../../src/activities/chart/ChartBoard.tsx";
import { chartStore } from "../../src/activities/chart/store.ts";
import { VotingControls } from "../../src/activities/chart/VotingControls.tsx";
import { PromptBoard } from "../../src/activities/prompt/PromptBoard.tsx";
import { facilitatorMe, participant, remote, twoDevices } from "./helpers.tsx";

afterEach(cleanup);

function column(container: HTMLElement, title: string): HTMLElement {
  return within(container).getByRole("list", { name: `Notes in ${title}` });
}
function notesIn(container: HTMLElement, title: string): string[] {
  return Array.from(column(container, title).querySelectorAll(".chart-note-text")).map(
    (n) => n.textContent ?? "",
  );
}
/** A note's face: pressing it selects the note, which shows its actions. */
function noteFace(text: string): HTMLElement {
  const face = screen
    .getAllByRole("button")
    .find(
      (b) =>
        b.classList.contains("chart-note-body") && b.querySelector(".chart-note-text")?.textContent === text,
    );
  if (!face) throw new Error(`no note "${text}"`);
  return face;
}
/** Marks a note as written by a participant, as the server stamps it (OWN-1). */
const stamp = (doc: Y.Doc, id: NoteId, participantId: string) =>
  remote(() => (doc.getMap("notes").get(id) as Y.Map<unknown>).set("participantId", participantId));
const columnsOf = (doc: Y.Doc, activityId: Parameters<typeof getActivity>[1]) => {
  const a = getActivity(doc, activityId);
  if (!a || a.kind === "scale") throw new Error("not a chart");
  return a.columns;
};

describe("ChartBoard", () => {
  it("shows a note added on one device on the other, with its group in words; anonymity hides the name", async () => {
    const d = twoDevices();
    const [lw, ppi] = d.groups;
    // New workshops are anonymous (issue 13): this one shows names until it is made anonymous below.
    remote(() => setMeta(d.w1, { anonymous: false }));
    const ann = render(<ChartBoard {...d.on1} me={participant("Ann", lw, "ann1")} />);
    const pat = render(<ChartBoard {...d.on2} me={participant("Pat", ppi, "pat1")} />);
    const user = userEvent.setup();
    const annBoard = within(ann.container);
    expect(annBoard.getByText("Patients may refer themselves")).toBeTruthy();
    await user.click(annBoard.getByRole("button", { name: "Add a note to Pros" }));
    await user.type(annBoard.getByLabelText("Your note for Pros"), "Saves patients' time");
    await user.click(annBoard.getByRole("button", { name: "Add note" }));

    expect(notesIn(pat.container, "Pros")).toEqual(["Saves patients' time"]);
    const patBoard = within(pat.container);
    expect(patBoard.getByText("Ann, Link workers")).toBeTruthy();

    remote(() => setMeta(d.w1, { anonymous: true }));
    expect(patBoard.queryByText(/Ann/)).toBeNull();
    expect(patBoard.getByText("Link workers")).toBeTruthy();
    expect(annBoard.queryByText(/Ann, /)).toBeNull();
  });

  it("an anonymous workshop: a note leaves the device with no name, and only its writer sees theirs on it (ANON-2)", async () => {
    const d = twoDevices();
    const [lw, ppi] = d.groups;
    const ann = render(<ChartBoard {...d.on1} me={participant("Ann", lw, "ann1", "p-ann")} />);
    const pat = render(<ChartBoard {...d.on2} me={participant("Pat", ppi, "pat1", "p-pat")} />);
    const user = userEvent.setup();
    const annBoard = within(ann.container);
    await user.click(annBoard.getByRole("button", { name: "Add a note to Pros" }));
    await user.type(annBoard.getByLabelText("Your note for Pros"), "Saves patients' time");
    await user.click(annBoard.getByRole("button", { name: "Add note" }));
    const [note] = listChartNotes(d.c1);
    expect(note?.author).toBe("");
    // As the server stamps it (OWN-1): Ann's, with no name.
    if (note) stamp(d.c1, note.id, "p-ann");
    expect(annBoard.getByText("Ann, Link workers")).toBeTruthy();
    const patBoard = within(pat.container);
    expect(patBoard.getByText("Link workers")).toBeTruthy();
    expect(patBoard.queryByText(/Ann/)).toBeNull();
  });

  it("writes a note for someone else: the facilitator chooses their group, a participant's is their own; anonymity hides every name", async () => {
    const d = twoDevices();
    const [lw, ppi] = d.groups;
    remote(() => setMeta(d.w1, { anonymous: false }));
    const fac = render(<ChartBoard {...d.on1} me={facilitatorMe} />);
    const user = userEvent.setup();
    const facBoard = within(fac.container);
    await user.click(facBoard.getByRole("button", { name: "Add a note to Pros" }));
    await user.click(facBoard.getByText("Writing for someone else?"));
    await user.type(facBoard.getByLabelText("Their note for Pros"), "The bus takes an hour");
    await user.type(facBoard.getByLabelText("Their name (optional)"), "Amira");
    // No group chosen yet: the note waits, and says why.
    await user.click(facBoard.getByRole("button", { name: "Add note" }));
    expect(facBoard.getByRole("alert").textContent).toBe("Choose their group");
    expect(listChartNotes(d.c1)).toHaveLength(0);
    await user.click(facBoard.getByRole("radio", { name: ppi.name }));
    await user.click(facBoard.getByRole("button", { name: "Add note" }));
    expect(listChartNotes(d.c1)[0]).toMatchObject({ groupId: ppi.id, writtenFor: "Amira" });
    fac.unmount();

    const ann = render(<ChartBoard {...d.on1} me={participant("Ann", lw, "ann1")} />);
    const annBoard = within(ann.container);
    await user.click(annBoard.getByRole("button", { name: "Add a note to Cons" }));
    await user.click(annBoard.getByText("Writing for someone else?"));
    expect(annBoard.getByText(`Their group: ${lw.name}`)).toBeTruthy();
    expect(annBoard.queryByRole("radio")).toBeNull();
    await user.type(annBoard.getByLabelText("Their note for Cons"), "Too many forms");
    await user.click(annBoard.getByRole("button", { name: "Add note" }));
    const forNeighbour = listChartNotes(d.c1).find((n) => n.text === "Too many forms");
    expect(forNeighbour).toMatchObject({ groupId: lw.id, writtenFor: "" });
    ann.unmount();
    // As the server stamps them (OWN-4).
    remote(() => {
      for (const n of listChartNotes(d.c1)) {
        const m = d.c1.getMap("notes").get(n.id) as Y.Map<unknown>;
        m.set("scribe", n.groupId === lw.id ? "participant" : "facilitator");
      }
    });

    const pat = render(<ChartBoard {...d.on2} me={participant("Pat", ppi, "pat1")} />);
    const patBoard = within(pat.container);
    expect(patBoard.getByText(`Amira, ${ppi.name}`)).toBeTruthy();
    expect(patBoard.getByText("Written by the facilitator")).toBeTruthy();
    expect(patBoard.getByText("Written for someone by Ann")).toBeTruthy();
    remote(() => setMeta(d.w1, { anonymous: true }));
    expect(patBoard.queryByText(/Amira|Ann/)).toBeNull();
    expect(patBoard.getByText("Written for someone by the facilitator")).toBeTruthy();
    expect(patBoard.getByText("Written for someone")).toBeTruthy();
    // An anonymous workshop asks for no name: the server would not keep it (OWN-4).
    await user.click(patBoard.getByRole("button", { name: "Add a note to Pros" }));
    await user.click(patBoard.getByText("Writing for someone else?"));
    expect(patBoard.queryByLabelText("Their name (optional)")).toBeNull();
    expect(patBoard.getByText(/This workshop is anonymous/)).toBeTruthy();
  });

  it("moves notes with the keyboard: up and down reorder, left and right change column; focus follows", async () => {
    const d = twoDevices();
    const [lw] = d.groups;
    const [pros, cons] = columnsOf(d.w1, d.activityId) as unknown as [{ id: ColumnId }, { id: ColumnId }];
    remote(() => {
      addChartNote(d.c1, { columnId: pros.id, text: "a", author: "Ann", groupId: lw.id });
      addChartNote(d.c1, { columnId: pros.id, text: "b", author: "Ann", groupId: lw.id });
    });
    const view = render(<ChartBoard {...d.on2} me={participant("Ann", lw, "ann1")} />);
    const user = userEvent.setup();
    const handle = () => screen.getByRole("button", { name: "Move note: b" });
    // Actions show only once a note is selected (here by focusing it, as Tab does).
    expect(screen.queryByRole("button", { name: "Move note: b" })).toBeNull();
    remote(() => noteFace("b").focus());
    expect(noteFace("b").getAttribute("aria-expanded")).toBe("true");
    expect(screen.queryByRole("button", { name: "Move note: a" })).toBeNull();
    handle().focus();
    await user.keyboard("{ArrowUp}");
    expect(notesIn(view.container, "Pros")).toEqual(["b", "a"]);
    expect(document.activeElement).toBe(handle());
    await user.keyboard("{ArrowRight}");
    expect(notesIn(view.container, "Pros")).toEqual(["a"]);
    expect(notesIn(view.container, "Cons")).toEqual(["b"]);
    expect(document.activeElement).toBe(handle());
    expect(screen.getByText(/Moved “b” to Cons, 1 of 1\./)).toBeTruthy();
    // The other device (the facilitator's replica) has the move too.
    expect(listChartNotes(d.c1).find((n) => n.text === "b")?.columnId).toBe(cons.id);
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(notesIn(view.container, "Implications")).toEqual(["b"]);
    await user.keyboard("{ArrowLeft}");
    expect(notesIn(view.container, "Cons")).toEqual(["b"]);
    // Every control has an accessible name.
    for (const b of screen.getAllByRole("button"))
      expect(b.getAttribute("aria-label") ?? b.textContent).not.toBe("");
  });

  it("edits and removes a note, with a confirmation before removing", async () => {
    const d = twoDevices();
    const [lw] = d.groups;
    const [pros] = columnsOf(d.w1, d.activityId) as unknown as [{ id: ColumnId }];
    let id = "" as NoteId;
    let other = "" as NoteId;
    remote(() => {
      id = addChartNote(d.c1, { columnId: pros.id, text: "Waiting lists", author: "Ann", groupId: lw.id });
      other = addChartNote(d.c1, { columnId: pros.id, text: "Bob's", author: "Bob", groupId: lw.id });
    });
    stamp(d.c1, id, "p-ann");
    stamp(d.c1, other, "p-bob");
    render(<ChartBoard {...d.on2} me={participant("Ann", lw, "a1", "p-ann")} />);
    const user = userEvent.setup();
    // Someone else's note: Ann may move it, not change or remove it (OWN-2).
    await user.click(noteFace("Bob's"));
    expect(screen.getByRole("button", { name: "Move note: Bob's" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Edit note: Bob's" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Remove note: Bob's" })).toBeNull();
    await user.click(noteFace("Waiting lists"));
    expect(screen.queryByRole("button", { name: "Move note: Bob's" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Edit note: Waiting lists" }));
    const box = screen.getByLabelText("Edit note");
    await user.clear(box);
    await user.type(box, "Longer waiting lists");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(listChartNotes(d.c1).map((n) => n.text)).toEqual(["Longer waiting lists", "Bob's"]);
    await user.click(noteFace("Longer waiting lists"));
    await user.click(screen.getByRole("button", { name: "Remove note: Longer waiting lists" }));
    expect(listChartNotes(d.c1)).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Remove it: note Longer waiting lists" }));
    expect(listChartNotes(d.c1).map((n) => n.text)).toEqual(["Bob's"]);
    // Undo is where the note was, and has the focus: it puts the note back with its id and author.
    const undo = screen.getByRole("button", { name: "Undo removing note: Longer waiting lists" });
    expect(document.activeElement).toBe(undo);
    await user.click(undo);
    expect(listChartNotes(d.c1).map((n) => [n.id, n.text, n.participantId])).toEqual([
      [id, "Longer waiting lists", "p-ann"],
      [other, "Bob's", "p-bob"],
    ]);
    expect(screen.queryByRole("button", { name: /Undo/ })).toBeNull();
    expect(document.activeElement).toBe(
      screen.getByRole("button", { name: "Move note: Longer waiting lists" }),
    );
  });

  it("the facilitator changes any note, and puts back a note a participant removed", async () => {
    const d = twoDevices();
    const [lw] = d.groups;
    const [pros] = columnsOf(d.w1, d.activityId) as unknown as [{ id: ColumnId }];
    let id = "" as NoteId;
    remote(() => {
      id = addChartNote(d.c1, { columnId: pros.id, text: "Kept", author: "Ann", groupId: lw.id });
      addChartNote(d.c1, { columnId: pros.id, text: "Gone", author: "Ann", groupId: lw.id });
    });
    stamp(d.c1, id, "p-ann");
    render(<ChartBoard {...d.on2} me={facilitatorMe} />);
    const user = userEvent.setup();
    await user.click(noteFace("Kept"));
    expect(screen.getByRole("button", { name: "Edit note: Kept" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Remove note: Kept" })).toBeTruthy();
    expect(screen.queryByText(/Removed notes/)).toBeNull();
    // What the server does when Ann removes her own note (OWN-3): it keeps a copy in `removed`.
    remote(() =>
      d.c1.transact(() => {
        const fields = (d.c1.getMap("notes").get(id) as Y.Map<unknown>).toJSON();
        d.c1.getMap("notes").delete(id);
        d.c1.getMap("removed").set(id, { ...fields, removedAt: 1, removedBy: "p-ann" });
      }),
    );
    await user.click(screen.getByText("Removed notes (1)"));
    // Whose it was: the group only, in an anonymous workshop (ANON-1), the name too when names are shown.
    expect(screen.getByText("by Link workers")).toBeTruthy();
    remote(() => setMeta(d.w1, { anonymous: false }));
    expect(screen.getByText("by Ann, Link workers")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Put back: Kept" }));
    expect(listChartNotes(d.c1).map((n) => n.text)).toEqual(["Kept", "Gone"]);
    expect(screen.queryByText(/Removed notes/)).toBeNull();
  });

  it("dot voting: the budget holds, counts stay hidden until revealed, then notes sort by dots", async () => {
    const d = twoDevices();
    const [lw] = d.groups;
    const [pros] = columnsOf(d.w1, d.activityId) as unknown as [{ id: ColumnId }];
    remote(() => {
      addChartNote(d.c1, { columnId: pros.id, text: "a", author: "Ann", groupId: lw.id });
      addChartNote(d.c1, { columnId: pros.id, text: "b", author: "Ann", groupId: lw.id });
    });
    const fac = render(<VotingControls workshopDoc={d.w1} chartDoc={d.c1} activityId={d.activityId} />);
    const ann = render(<ChartBoard {...d.on2} me={participant("Ann", lw, "ann1")} />);
    const user = userEvent.setup();
    const annBoard = within(ann.container);
    const facPanel = within(fac.container);
    expect(annBoard.queryByRole("button", { name: /Add a dot/ })).toBeNull();

    const budget = facPanel.getByLabelText("Dots per person");
    await user.clear(budget);
    await user.type(budget, "2");
    await user.click(facPanel.getByRole("button", { name: "Open voting" }));
    expect(annBoard.getByText(/You have 2 of 2 dots left/)).toBeTruthy();

    await user.click(noteFace("b"));
    const addDotB = annBoard.getByRole("button", { name: "Add a dot to: b" });
    await user.click(addDotB);
    await user.click(addDotB);
    await user.click(addDotB);
    expect(dotsUsed(d.c1, "ann1")).toBe(2);
    expect(annBoard.getByText(/You have 0 of 2 dots left/)).toBeTruthy();
    expect(annBoard.getByText(/You have used all 2 of your dots/)).toBeTruthy();
    // Hidden until the reveal: no counts on the notes, the facilitator sees only totals.
    expect(annBoard.queryByText(/^\d+ dots?$/)).toBeNull();
    expect(facPanel.getByText(/2 dots placed by 1 person/)).toBeTruthy();

    // Taking a dot back frees it.
    await user.click(annBoard.getByRole("button", { name: "Take back a dot from: b" }));
    await user.click(noteFace("a"));
    await user.click(annBoard.getByRole("button", { name: "Add a dot to: a" }));
    await user.click(noteFace("b"));
    await user.click(annBoard.getByRole("button", { name: "Add a dot to: b" }));
    expect(dotsUsed(d.c1, "ann1")).toBe(2);
    // b is selected (its bar says "Your dots here: 1"); a, not selected, says it on its face.
    expect(annBoard.getAllByText("1 of your dots")).toHaveLength(1);
    await user.click(noteFace("a"));
    await user.click(annBoard.getByRole("button", { name: "Take back a dot from: a" }));
    await user.click(noteFace("b"));
    await user.click(annBoard.getByRole("button", { name: "Add a dot to: b" }));

    await user.click(facPanel.getByRole("button", { name: "Show counts" }));
    expect(annBoard.getByText("2 dots")).toBeTruthy();
    expect(annBoard.getByText("0 dots")).toBeTruthy();
    expect(notesIn(ann.container, "Pros")).toEqual(["a", "b"]);
    await user.click(annBoard.getByRole("button", { name: "Sort by dots" }));
    expect(notesIn(ann.container, "Pros")).toEqual(["b", "a"]);

    await user.click(facPanel.getByRole("button", { name: "Close voting" }));
    expect(annBoard.queryByRole("button", { name: /Add a dot/ })).toBeNull();
    await user.click(facPanel.getByRole("button", { name: "Clear dots" }));
    await user.click(facPanel.getByRole("button", { name: "Remove every dot" }));
    expect(dotsUsed(d.c2, "ann1")).toBe(0);
  });

  it("offers no editing while locked, looking back, or to a group that does not take part", async () => {
    const d = twoDevices();
    const [lw, ppi] = d.groups;
    const props = { workshopDoc: d.w2, chartDoc: d.c2, activityId: d.activityId };
    const view = render(<ChartBoard {...props} me={participant("Ann", lw, "a1")} />);
    expect(screen.getAllByRole("button", { name: /Add a note to/ })).toHaveLength(3);
    remote(() => setLocked(d.w1, d.activityId, true));
    expect(screen.queryAllByRole("button", { name: /Add a note to/ })).toHaveLength(0);
    expect(screen.getByText(/You can look at this, but not change it now/)).toBeTruthy();
    remote(() => setLocked(d.w1, d.activityId, false));
    expect(screen.getAllByRole("button", { name: /Add a note to/ })).toHaveLength(3);
    remote(() => setTakingPart(d.w1, d.activityId, [ppi.id]));
    expect(screen.queryAllByRole("button", { name: /Add a note to/ })).toHaveLength(0);
    view.unmount();
    render(<ChartBoard {...props} me={participant("Pat", ppi, "p1")} readOnly />);
    expect(screen.queryAllByRole("button", { name: /Add a note to/ })).toHaveLength(0);
    expect(screen.getByText(/Looking back: read only/)).toBeTruthy();
  });

  it("re-renders only the note that changed", () => {
    const d = twoDevices();
    const [lw] = d.groups;
    const [pros] = columnsOf(d.w1, d.activityId) as unknown as [{ id: ColumnId }];
    let a = "" as NoteId;
    let b = "" as NoteId;
    remote(() => {
      a = addChartNote(d.c1, { columnId: pros.id, text: "a", author: "Ann", groupId: lw.id });
      b = addChartNote(d.c1, { columnId: pros.id, text: "b", author: "Ann", groupId: lw.id });
    });
    render(<ChartBoard {...d.on2} me={participant("Ann", lw, "a1")} />);
    const store = chartStore(d.c2);
    const before = { a: store.noteNotifications.get(a) ?? 0, b: store.noteNotifications.get(b) ?? 0 };
    remote(() => editChartNote(d.c1, a, { text: "a, edited elsewhere" }));
    expect(screen.getByText("a, edited elsewhere")).toBeTruthy();
    expect(store.noteNotifications.get(a)).toBe(before.a + 1);
    expect(store.noteNotifications.get(b) ?? 0).toBe(before.b);
  });
});

describe("PromptBoard", () => {
  it("shows the between-meetings prompts, and the facilitator renames, reorders, adds and removes columns", async () => {
    const d = twoDevices("between-meetings");
    render(<PromptBoard {...d.on1} me={facilitatorMe} />);
    const user = userEvent.setup();
    for (const q of [
      "Surprising or interesting things",
      "Ways to improve",
      "Things we need to know more about",
    ])
      expect(screen.getByRole("heading", { name: q })).toBeTruthy();
    expect(screen.queryByText(/^About:/)).toBeNull();

    await user.click(screen.getByRole("button", { name: "Rename column Ways to improve" }));
    const input = screen.getByLabelText("Column heading");
    await user.clear(input);
    await user.type(input, "Ways to improve social prescribing");
    await user.click(screen.getByRole("button", { name: "Save heading" }));
    await user.click(
      screen.getByRole("button", { name: "Move column Ways to improve social prescribing left" }),
    );
    await user.type(screen.getByLabelText("New prompt"), "Anything else?");
    await user.click(screen.getByRole("button", { name: "Add column" }));
    await user.click(screen.getByRole("button", { name: "Remove column Things we need to know more about" }));
    await user.click(
      screen.getByRole("button", { name: "Remove it: column Things we need to know more about" }),
    );
    expect(columnsOf(d.w2, d.activityId).map((c) => c.title)).toEqual([
      "Ways to improve social prescribing",
      "Surprising or interesting things",
      "Anything else?",
    ]);
  });

  it("holds the material people respond to and each question's instructions, edited by the facilitator", async () => {
    const d = twoDevices("between-meetings");
    const fac = render(<PromptBoard {...d.on1} me={facilitatorMe} />);
    const ann = render(<PromptBoard {...d.on2} me={participant("Ann", d.groups[0], "ann1")} />);
    const user = userEvent.setup();
    const facBoard = within(fac.container);
    const annBoard = within(ann.container);
    expect(annBoard.queryByRole("heading", { name: "Read this first" })).toBeNull();

    await user.click(facBoard.getByRole("button", { name: "Add material to respond to" }));
    await user.type(facBoard.getByLabelText(/What people respond to/), "Mrs A is 78 and lives alone.");
    await user.click(facBoard.getByRole("button", { name: "Save the material" }));
    await user.click(facBoard.getByRole("button", { name: "Add instructions for Ways to improve" }));
    await user.type(facBoard.getByLabelText("Instructions for Ways to improve"), "One idea per note.");
    await user.click(facBoard.getByRole("button", { name: "Save instructions" }));

    // Ann reads both, under the right question, and cannot change them.
    expect(annBoard.getByRole("heading", { name: "Read this first" })).toBeTruthy();
    expect(annBoard.getByText("Mrs A is 78 and lives alone.")).toBeTruthy();
    const ways = annBoard.getByRole("region", { name: "Ways to improve" });
    expect(within(ways).getByText("One idea per note.")).toBeTruthy();
    expect(annBoard.queryByRole("button", { name: /material|instructions/i })).toBeNull();
    expect(facBoard.getByRole("button", { name: "Change instructions for Ways to improve" })).toBeTruthy();
  });
});
