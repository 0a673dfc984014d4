/**
 * A fixed workshop for golden files, built with the model's API with fixed ids and times: the February 2023
 * discretion workshop of the blog post (two groups, a scale, a chart about one aspect, a prompt board).
 */
import {
  type ActivityId,
  type AspectId,
  addAspect,
  addBoardActivity,
  addChartActivity,
  addChartNote,
  addColumn,
  addGroup,
  addNote,
  addReason,
  addScaleActivity,
  appendMoves,
  type ColumnId,
  castVote,
  type GroupId,
  getActivity,
  historyDocName,
  initChart,
  initLane,
  initWorkshop,
  type NoteId,
  placeAspect,
  type ScaleActivity,
  setBoardMaterial,
  setColumnInstructions,
  setLocked,
  setMeetingEnded,
  setMeta,
  setOpenBetweenMeetings,
  setPlannedDuration,
  setRevealed,
  setTakingPart,
  setVoting,
  type WorkshopId,
} from "@continuum/model";
import { boardDocName, chartDocName, laneDocName } from "@continuum/protocol";
import * as Y from "yjs";
import { snapshotFromDocs, type WorkshopSnapshot } from "../src/index.ts";

export const T0 = Date.UTC(2023, 1, 15, 10, 0, 0);
const min = (n: number) => T0 + n * 60_000;
export const EXPORTED_AT = Date.UTC(2023, 1, 16, 9, 0, 0);

export const W = "wfeb2023" as WorkshopId;
export const LW = "glinkw" as GroupId;
export const PPI = "gppi" as GroupId;
export const SCALE = "ascale" as ActivityId;
export const CHART = "achart" as ActivityId;
export const BOARD = "aboard" as ActivityId;
const A = {
  location: "xlocation" as AspectId,
  sessions: "xsessions" as AspectId,
  refer: "xrefer" as AspectId,
  home: "xhome" as AspectId,
};

export interface FixtureDocs {
  workshopDoc: Y.Doc;
  docs: Map<string, Y.Doc>;
}

export function buildFixture(options: { anonymous?: boolean } = {}): FixtureDocs {
  const workshopDoc = new Y.Doc();
  initWorkshop(workshopDoc, {
    id: W,
    title: "Discretion in the link worker role",
    template: "blank",
    date: "2023-02-15",
    description: "PPI contributors and link workers at Kellogg College, Oxford, on a bright, frosty day.",
    now: T0,
  });
  // Said either way: whether a new workshop is anonymous by default is the model's choice, not the fixture's.
  setMeta(workshopDoc, { anonymous: options.anonymous === true });
  addGroup(workshopDoc, "Link workers", T0, LW);
  addGroup(workshopDoc, "PPI contributors", T0, PPI);
  addScaleActivity(workshopDoc, {
    id: SCALE,
    title: "What aspects of the link worker role are discretionary?",
    prompt: "Place each aspect on the scale.",
    leftLabel: "About choice",
    rightLabel: "Set in stone",
    aspects: [],
  });
  addAspect(workshopDoc, SCALE, "Location of meetings", A.location);
  addAspect(workshopDoc, SCALE, "Number of sessions", A.sessions);
  addAspect(workshopDoc, SCALE, "Who can refer", A.refer);
  addAspect(workshopDoc, SCALE, "Meeting in the patient's home", A.home);
  addChartActivity(workshopDoc, {
    id: CHART,
    title: "Pros, cons and implications",
    prompt: "What are the pros and cons of making this discretionary?",
    about: { text: "Patients may refer themselves", activityId: SCALE, aspectId: A.refer },
    columns: [],
  });
  const PROS = addColumn(workshopDoc, CHART, "Pros", undefined, "cpros" as ColumnId);
  const CONS = addColumn(workshopDoc, CHART, "Cons", undefined, "ccons" as ColumnId);
  const IMPL = addColumn(workshopDoc, CHART, "Implications", undefined, "cimpl" as ColumnId);
  addBoardActivity(workshopDoc, { id: BOARD, title: "Between meetings", prompts: [] });
  const SURPRISE = addColumn(
    workshopDoc,
    BOARD,
    "Surprising or interesting things",
    undefined,
    "bsurp" as ColumnId,
  );
  addColumn(workshopDoc, BOARD, "Ways to improve", undefined, "bimpr" as ColumnId);
  setBoardMaterial(
    workshopDoc,
    BOARD,
    "Look back over the two meetings.\nWhat stayed with you, and what would you change?",
  );
  setColumnInstructions(workshopDoc, BOARD, SURPRISE, "Anything that surprised you, big or small.");
  setVoting(workshopDoc, CHART, { open: true, revealed: true, budget: 2 });
  setTakingPart(workshopDoc, BOARD, [PPI]);
  setOpenBetweenMeetings(workshopDoc, BOARD, true);
  setPlannedDuration(workshopDoc, SCALE, 20 * 60_000);
  setMeetingEnded(workshopDoc, true);
  setLocked(workshopDoc, SCALE, true);
  setRevealed(workshopDoc, SCALE, LW, true);
  setRevealed(workshopDoc, SCALE, PPI, true);

  const scale = getActivity(workshopDoc, SCALE) as ScaleActivity;
  const aspect = (id: AspectId) => scale.aspects.find((a) => a.id === id) ?? { id, text: "?" };
  const docs = new Map<string, Y.Doc>();

  const lw = new Y.Doc();
  initLane(lw, { workshopId: W, activityId: SCALE, groupId: LW });
  placeAspect(lw, { aspect: aspect(A.location), x: 25, y: 30, author: "Sam", now: min(5) });
  placeAspect(lw, { aspect: aspect(A.sessions), x: 70.04, y: 50, author: "Sam", now: min(6) });
  placeAspect(lw, { aspect: aspect(A.refer), x: 30, y: 70, author: "Ria", now: min(7) });
  placeAspect(lw, { aspect: aspect(A.home), x: 40, author: "Ria", now: min(8) });
  addNote(lw, { id: "nlwown" as NoteId, text: "Time spent on admin", x: 80, author: "Sam", now: min(9) });
  docs.set(laneDocName(W, SCALE, LW), lw);

  const ppi = new Y.Doc();
  initLane(ppi, { workshopId: W, activityId: SCALE, groupId: PPI });
  placeAspect(ppi, { aspect: aspect(A.location), x: 20, author: "Pauline", now: min(5) });
  placeAspect(ppi, { aspect: aspect(A.sessions), x: 45, author: "Pauline", now: min(6) });
  placeAspect(ppi, { aspect: aspect(A.refer), x: 15, author: "Dylan", now: min(7) });
  addNote(ppi, { id: "nppiown" as NoteId, text: "Time spent on admin", x: 60, author: "Dylan", now: min(8) });
  addNote(ppi, {
    id: "nppiwelsh" as NoteId,
    text: "Cyfarfod â’r claf: ŵyl, ŷd",
    x: 50,
    author: "Gwenllian",
    now: min(9),
  });
  docs.set(laneDocName(W, SCALE, PPI), ppi);

  // The reasons each group gave, as in the write-up's table (the server stamps group and name).
  const why = (
    lane: Y.Doc,
    id: string,
    note: string,
    text: string,
    author: string,
    groupId: GroupId,
    at: number,
  ) => addReason(lane, { id, noteId: note as NoteId, text, author, groupId, now: min(at) });
  why(lw, "rlw1", "a_xsessions", "Commissioners set a number; we stretch it when we can", "Sam", LW, 10);
  why(lw, "rlw2", "a_xsessions", "Depends on the person, but the cap is real", "Ria", LW, 11);
  why(lw, "rlw3", "a_xrefer", "GPs refer most, but anyone can", "Ria", LW, 12);
  why(ppi, "rppi1", "a_xsessions", "Should be up to the patient", "Pauline", PPI, 10);
  why(ppi, "rppi2", "a_xrefer", "Self-referral is allowed: it is about choice", "Dylan", PPI, 11);

  // The history: each group's moves while they talked (placing, moving, and one note taken off again).
  const history = new Y.Doc();
  const move = (
    groupId: GroupId,
    noteId: string,
    aspectId: AspectId | null,
    text: string,
    fromX: number | null,
    toX: number | null,
    at: number,
    author: string,
  ) => ({
    activityId: SCALE,
    groupId,
    noteId: noteId as NoteId,
    aspectId,
    text,
    fromX,
    fromY: fromX === null ? null : 50,
    toX,
    toY: toX === null ? null : 50,
    at: min(at),
    author,
    round: "group" as const,
  });
  appendMoves(history, [
    move(LW, "a_xsessions", A.sessions, "Number of sessions", null, 50, 6, "Sam"),
    move(PPI, "a_xsessions", A.sessions, "Number of sessions", null, 60, 6, "Pauline"),
    move(PPI, "a_xrefer", A.refer, "Who can refer", null, 30, 7, "Dylan"),
    move(LW, "a_xsessions", A.sessions, "Number of sessions", 50, 70.04, 10, "Ria"),
    move(PPI, "a_xsessions", A.sessions, "Number of sessions", 60, 45, 10.5, "Pauline"),
    move(PPI, "a_xrefer", A.refer, "Who can refer", 30, 15, 11, "Dylan"),
    move(PPI, "ntemp", null, "Paperwork", null, 90, 12, "Gwenllian"),
    move(PPI, "ntemp", null, "Paperwork", 90, null, 13, "Gwenllian"),
  ]);
  docs.set(historyDocName(W), history);

  const chart = new Y.Doc();
  initChart(chart, { workshopId: W, activityId: CHART, kind: "chart" });
  const add = (
    id: string,
    columnId: ColumnId,
    text: string,
    author: string,
    groupId: GroupId | null,
    at: number,
  ) => addChartNote(chart, { id: id as NoteId, columnId, text, author, groupId, now: min(at) });
  const saves = add("nsaves", PROS, "Saves patient and GP time", "Pauline", PPI, 30);
  add("naware", PROS, "More people hear about social prescribing", "Sam", LW, 31);
  const load = add("nload", CONS, "Bigger caseloads, then waiting lists", "Ria", LW, 32);
  add("nstress", IMPL, "Stressful for link workers and patients", "Dylan", PPI, 33);
  add("ncost", IMPL, "Costs to services: time, money", "Facilitator", null, 34);
  castVote(chart, saves, "v1");
  castVote(chart, saves, "v2");
  castVote(chart, load, "v1");
  castVote(chart, load, "v1"); // over v1's budget of 2: not counted, as in the model
  docs.set(chartDocName(W, CHART), chart);

  const board = new Y.Doc();
  initChart(board, { workshopId: W, activityId: BOARD, kind: "board" });
  addChartNote(board, {
    id: "nskill" as NoteId,
    columnId: SURPRISE,
    text: "How skilled link workers have to be",
    author: "Pauline",
    groupId: PPI,
    now: min(50),
  });
  docs.set(boardDocName(W, BOARD), board);
  return { workshopDoc, docs };
}

export function fixtureSnapshot(options: { anonymous?: boolean } = {}): WorkshopSnapshot {
  const { workshopDoc, docs } = buildFixture(options);
  return snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
}
