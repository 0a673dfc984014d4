/**
 * The February 2023 fixture with rounds (issue 14): an individual round (three link workers, four PPI
 * contributors, each on a scale of their own), the group round, the reveal and a second round in which the
 * PPI contributors move "Location of meetings" towards set in stone. For the rounds tests and the Welsh
 * export's.
 */
import {
  type AspectId,
  initSolo,
  listNotes,
  moveNote,
  noteIdForAspect,
  type ParticipantId,
  placeAspect,
  readWorkshop,
  type ScaleActivity,
  setSoloRevealed,
  soloPlacements,
  stampSoloGroup,
  startGroupRound,
  startIndividualRound,
  startSecondRound,
  summariseSolo,
} from "@continuum/model";
import { laneDocName, soloDocName } from "@continuum/protocol";
import * as Y from "yjs";
import { buildFixture, LW, PPI, SCALE, T0, W } from "./fixture.ts";

/** The fixture's aspect ids (fixture.ts). */
const A = { location: "xlocation", sessions: "xsessions" } as const;

/** Person, group, where they put "Location of meetings" and "Number of sessions". */
export const PEOPLE: [string, typeof LW, number, number][] = [
  ["pann00000001", LW, 20, 60],
  ["pben00000002", LW, 40, 70],
  ["pcal00000003", LW, 90, 65],
  ["pdee00000004", PPI, 10, 80],
  ["peve00000005", PPI, 15, 85],
  ["pfay00000006", PPI, 20, 90],
  ["pgus00000007", PPI, 70, 95],
];

export function withRounds(anonymous = false) {
  const { workshopDoc, docs } = buildFixture({ anonymous });
  const scale = readWorkshop(workshopDoc).activities.find((a) => a.id === SCALE) as ScaleActivity;
  const aspect = (id: string) => scale.aspects.find((a) => a.id === id) as ScaleActivity["aspects"][number];
  startIndividualRound(workshopDoc, SCALE);
  for (const [p, g, location, sessions] of PEOPLE) {
    const d = new Y.Doc();
    initSolo(d, { workshopId: W, activityId: SCALE, participantId: p as ParticipantId });
    stampSoloGroup(d, g);
    placeAspect(d, { aspect: aspect(A.location), x: location, author: `Person ${p}`, now: T0 + 1000 });
    placeAspect(d, { aspect: aspect(A.sessions), x: sessions, author: `Person ${p}`, now: T0 + 2000 });
    docs.set(soloDocName(W, SCALE, p as ParticipantId), d);
  }
  startGroupRound(workshopDoc, SCALE, "empty");
  const people = PEOPLE.map(([p]) =>
    soloPlacements(docs.get(soloDocName(W, SCALE, p as ParticipantId)) as Y.Doc, p as ParticipantId),
  );
  setSoloRevealed(workshopDoc, SCALE, summariseSolo(people));
  const lanes = [LW, PPI].map((g) => ({
    groupId: g,
    notes: listNotes(docs.get(laneDocName(W, SCALE, g)) as Y.Doc),
  }));
  startSecondRound(workshopDoc, SCALE, lanes, T0 + 3_600_000);
  // In the second round the PPI contributors move "Location of meetings" towards set in stone.
  moveNote(
    docs.get(laneDocName(W, SCALE, PPI)) as Y.Doc,
    noteIdForAspect(A.location as AspectId),
    60,
    undefined,
    T0 + 3_700_000,
  );
  return { workshopDoc, docs };
}
