/**
 * One hostile workshop for every text export: every field a person types holds HTML, a script, a
 * spreadsheet formula, a Markdown link to `javascript:`, table pipes and line breaks. Built with the model's
 * API, so it is what a participant or a facilitator could really have typed.
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
  type ColumnId,
  castVote,
  type GroupId,
  initChart,
  initLane,
  initWorkshop,
  type NoteId,
  noteIdForAspect,
  placeAspect,
  setVoting,
  type WorkshopId,
} from "@continuum/model";
import { boardDocName, chartDocName, laneDocName } from "@continuum/protocol";
import * as Y from "yjs";
import { snapshotFromDocs, type WorkshopSnapshot } from "../src/index.ts";
import { EXPORTED_AT, T0 } from "./fixture.ts";

/** What each hostile text tries. */
export const HOSTILE = {
  html: "<img src=x onerror=alert(1)>",
  script: "<script>alert(document.cookie)</script>",
  formula: "=cmd|' /C calc'!A0",
  hyperlink: '=HYPERLINK("http://evil.example","click")',
  plusFormula: "+1+cmd|' /C calc'!A0",
  atFormula: "@SUM(1+1)*cmd|' /C calc'!A0",
  mdLink: "[click me](javascript:alert(1))",
  mdImage: "![x](http://evil.example/x.png)",
  autolink: "<javascript:alert(1)>",
  pipes: "a | b | c",
  lines: "first line\r\n# heading\n> quote\n| x | y |\n---",
  entity: "&lt;script&gt;alert(1)&lt;/script&gt;",
} as const;

/** All hostile texts joined into one (for the fields that hold one text). */
const all = Object.values(HOSTILE).join(" ");

export const HW = "whostile" as WorkshopId;
const G1 = "gevil" as GroupId;
const G2 = "gbad" as GroupId;
const SCALE = "aevilscale" as ActivityId;
const CHART = "aevilchart" as ActivityId;
const BOARD = "aevilboard" as ActivityId;
export const HOSTILE_ACTIVITIES = [SCALE, CHART, BOARD] as const;

export function hostileSnapshot(): WorkshopSnapshot {
  const ws = new Y.Doc();
  initWorkshop(ws, {
    id: HW,
    title: `${HOSTILE.html}${HOSTILE.script}`,
    template: "blank",
    date: "2024-01-01",
    description: all,
    now: T0,
  });
  addGroup(ws, HOSTILE.formula, T0, G1);
  addGroup(ws, `${HOSTILE.html} | ${HOSTILE.mdLink}\n${HOSTILE.pipes}`, T0, G2);
  addScaleActivity(ws, {
    id: SCALE,
    title: HOSTILE.mdLink,
    prompt: HOSTILE.lines,
    leftLabel: HOSTILE.html,
    rightLabel: HOSTILE.formula,
  });
  const texts = Object.values(HOSTILE);
  const aspects = texts.map((t, i) => addAspect(ws, SCALE, t, `x${i}` as AspectId));
  addChartActivity(ws, {
    id: CHART,
    title: HOSTILE.script,
    prompt: HOSTILE.autolink,
    about: { text: HOSTILE.hyperlink },
    columns: [],
  });
  const col = addColumn(ws, CHART, HOSTILE.pipes, undefined, "cevil" as ColumnId);
  addBoardActivity(ws, { id: BOARD, title: HOSTILE.atFormula, prompts: [] });
  const prompt = addColumn(ws, BOARD, HOSTILE.mdImage, undefined, "pevil" as ColumnId);
  setVoting(ws, CHART, { revealed: true, budget: 3 });

  const docs = new Map<string, Y.Doc>();
  [G1, G2].forEach((g, gi) => {
    const lane = new Y.Doc();
    initLane(lane, { workshopId: HW, activityId: SCALE, groupId: g });
    aspects.forEach((id, i) => {
      placeAspect(lane, {
        aspect: { id, text: texts[i] ?? "" },
        x: (i * 9 + gi * 30) % 100,
        author: HOSTILE.html,
        now: T0 + i,
      });
    });
    texts.forEach((t, i) => {
      addNote(lane, {
        id: `n${g}${i}` as NoteId,
        text: t,
        x: i * 8,
        author: HOSTILE.formula,
        now: T0 + 100 + i,
      });
    });
    // Reasons typed by the same hostile hands, on the prepared aspects both groups placed.
    texts.slice(0, 4).forEach((t, i) => {
      const id = aspects[i];
      if (id)
        addReason(lane, {
          id: `r${g}${i}`,
          noteId: noteIdForAspect(id),
          text: t,
          author: HOSTILE.formula,
          now: T0 + 200 + i,
        });
    });
    docs.set(laneDocName(HW, SCALE, g), lane);
  });
  const chart = new Y.Doc();
  initChart(chart, { workshopId: HW, activityId: CHART, kind: "chart" });
  texts.forEach((t, i) => {
    const id = addChartNote(chart, {
      id: `c${i}` as NoteId,
      columnId: col,
      text: t,
      author: texts[(i + 1) % texts.length] ?? "",
      groupId: i % 2 ? G1 : G2,
      now: T0 + i,
    });
    if (i % 3 === 0) castVote(chart, id, "voter1");
  });
  docs.set(chartDocName(HW, CHART), chart);
  const board = new Y.Doc();
  initChart(board, { workshopId: HW, activityId: BOARD, kind: "board" });
  texts.forEach((t, i) => {
    addChartNote(board, {
      id: `b${i}` as NoteId,
      columnId: prompt,
      text: t,
      author: HOSTILE.script,
      groupId: G2,
      now: T0 + i,
    });
  });
  docs.set(boardDocName(HW, BOARD), board);
  return snapshotFromDocs(ws, docs, { now: EXPORTED_AT });
}
