/**
 * A chart (pros, cons and implications of one aspect) or a prompt board (a column per prompt): notes in
 * columns, added, edited, moved between columns and reordered by touch, pen, mouse (@dnd-kit) and keyboard
 * (focus a note's "Move" button: arrows up and down reorder, left and right move between columns, Home and
 * End go to the top or bottom). Each note says which group wrote it, in words. Dot voting when the
 * facilitator opens it; counts appear only after the facilitator reveals them.
 *
 * Pure React over the Y.Docs passed in: no routing, no providers needed around it. The columns are in
 * `Column.tsx`, the note cards in `NoteCard.tsx`, where a moved note goes in `reorder.ts`.
 */

import { moveChartNote, type NoteId, wordsArePrivate } from "@continuum/model";
import { type ActivityId, ballotDocName, isId, type WorkshopId, wordsDocName } from "@continuum/protocol";
import { DndContext, type DragEndEvent } from "@dnd-kit/core";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { createStore } from "zustand/vanilla";
import { useDoc, useDocConnection } from "../../sync/hooks.ts";
import { useWorkshopValue } from "../../sync/useDocStore.ts";
import { ConfirmButton } from "../../ui/ConfirmButton.tsx";
import { ReadAloud } from "../../ui/ReadAloud.tsx";
import { useBoardSensors } from "../../ui/sensors.ts";
import { usePageTitle } from "../../ui/usePageTitle.ts";
import type { ActivityMe } from "../me.ts";
import { BoardMaterial } from "../prompt/Material.tsx";
import { shareWords } from "../prompt/shareWords.ts";
import { markDragEnded, markDragStarted } from "../scale/dragGuard.ts";
import { ColumnView, OrphanNotes } from "./Column.tsx";
import {
  type BoardContext,
  BoardCtx,
  mayWrite,
  type RemovedByMe,
  type Selection,
  useBoard,
} from "./context.ts";
import { AddColumn } from "./forms.tsx";
import { RemovedNotes } from "./RemovedNotes.tsx";
import { byColumnOf, type DropTarget, dropIndex, keyboardMove } from "./reorder.ts";
import { attachBallot, chartStore, useVotes } from "./store.ts";
import "./chart.css";

export interface ChartBoardProps {
  workshopDoc: Y.Doc;
  /** The chart's (or board's) own document, `chartDocName` / `boardDocName`. */
  chartDoc: Y.Doc;
  activityId: ActivityId;
  me: ActivityMe;
  /** Look without changing anything (looking back at an earlier activity, or a read-only connection). */
  readOnly?: boolean;
}

export function ChartBoard(props: ChartBoardProps) {
  return <NotesBoard {...props} kind="chart" />;
}

/** A chart or, with `kind="board"`, a prompt board (`prompt/PromptBoard.tsx`). */
export function NotesBoard({
  workshopDoc,
  chartDoc: sharedDoc,
  activityId,
  me,
  readOnly = false,
  kind,
}: ChartBoardProps & { kind: "chart" | "board" }) {
  const { t } = useTranslation();
  const activity = useWorkshopValue(workshopDoc, (w) =>
    w.activities.find((a) => a.id === activityId && a.kind === kind),
  ) as BoardContext["activity"] | undefined;
  const writable = useWorkshopValue(workshopDoc, (_w, d) => mayWrite(d, kind, activityId, me));
  const anonymous = useWorkshopValue(workshopDoc, (w) => w.meta.anonymous);
  const workshopTitle = useWorkshopValue(workshopDoc, (w) => w.meta.title);
  usePageTitle(activity?.title, workshopTitle);
  const groups = useWorkshopValue(workshopDoc, (w) => w.groups);
  // Private first (ACC-12): until the facilitator shares the words, a participant writes and sees only their
  // own words document; the shared board fills when the facilitator shares them.
  const privateWords = useWorkshopValue(
    workshopDoc,
    (_w, d) => kind === "board" && wordsArePrivate(d, activityId),
  );
  const wordsName =
    privateWords && me.role === "participant" && me.participantId && me.workshopId
      ? wordsDocName(me.workshopId as WorkshopId, activityId, me.participantId)
      : null;
  const wordsDoc = useDoc(useDocConnection(wordsName, me.token ?? "", me.role));
  const chartDoc = (wordsName ? wordsDoc : sharedDoc) ?? sharedDoc;
  const waitingForWords = !!wordsName && !wordsDoc;
  const chart = chartStore(chartDoc);
  const [announcement, setAnnouncement] = useState("");
  const [sortByDots, setSortByDots] = useState(false);
  const moveHintId = useId();
  const focusRequest = useRef<NoteId | null>(null);
  const sensors = useBoardSensors();
  const [selection] = useState(() => createStore<Selection>(() => ({ id: null })));
  const [removed] = useState(() => createStore<RemovedByMe>(() => ({ last: null })));

  const editable = writable && !readOnly;
  const voting = activity?.voting;
  // A participant's dots are in their own ballot, which only they and the facilitator can open (ACC-11);
  // it is open while the vote is, or its counts are shown.
  const ballotName =
    me.participantId && me.workshopId && (voting?.open || voting?.revealed) && !readOnly
      ? ballotDocName(me.workshopId as WorkshopId, activityId, me.participantId)
      : null;
  const ballot = useDoc(useDocConnection(ballotName, me.token ?? "", me.role, true));
  useEffect(() => attachBallot(chart, ballot), [chart, ballot]);
  const canVote =
    !!voting?.open && editable && !privateWords && isId(me.voterId) && (!me.participantId || ballot !== null);
  const columns = activity?.columns;

  const onKeyboardMove = useCallback(
    (id: NoteId, key: string) => {
      const note = chart.notes.getState().byId.get(id);
      if (!columns || !note) return;
      const move = keyboardMove(columns, byColumnOf(chart.notes.getState().all), id, note.columnId, key);
      if (move.kind === "edge") setAnnouncement(move.edge === "top" ? t("chart.atTop") : t("chart.atBottom"));
      if (move.kind !== "move") return;
      focusRequest.current = id;
      // Its actions stay showing while it moves, so its Move button keeps the focus.
      selection.setState({ id });
      moveChartNote(chartDoc, id, move.column.id, move.index);
      const list = byColumnOf(chart.notes.getState().all).get(move.column.id) ?? [];
      setAnnouncement(
        `Moved “${note.text || "note"}” to ${move.column.title}, ${list.indexOf(id) + 1} of ${list.length}.`,
      );
    },
    [columns, chart, chartDoc, selection, t],
  );

  const ctx = useMemo<BoardContext | null>(
    () =>
      activity && voting && columns
        ? {
            workshopDoc,
            chart,
            activity,
            columns,
            editable,
            canVote,
            voting,
            me,
            groups,
            anonymous,
            sortByDots: sortByDots && voting.revealed,
            moveHintId,
            announce: setAnnouncement,
            keyboardMove: onKeyboardMove,
            focusRequest,
            selection,
            removed,
            ownsAll: !!wordsName,
          }
        : null,
    [
      workshopDoc,
      activity,
      voting,
      columns,
      chart,
      editable,
      canVote,
      me,
      groups,
      anonymous,
      sortByDots,
      moveHintId,
      onKeyboardMove,
      selection,
      removed,
      wordsName,
    ],
  );

  if (waitingForWords) {
    return (
      <p className="hint" role="status">
        {t("chart.openingWords")}
      </p>
    );
  }
  if (!activity || !ctx || !columns || !voting) {
    return (
      <p className="hint" role="status">
        {t("chart.gone")}
      </p>
    );
  }

  const onDragEnd = (event: DragEndEvent) => {
    const noteId = event.active.data.current?.noteId as NoteId | undefined;
    const over = event.over?.data.current as DropTarget | undefined;
    if (!noteId || !over || !editable) return;
    const note = chart.notes.getState().byId.get(noteId);
    if (!note) return;
    const index = dropIndex(byColumnOf(chart.notes.getState().all), noteId, note.columnId, over);
    if (index === null) return;
    moveChartNote(chartDoc, noteId, over.columnId, index);
    const title = columns.find((c) => c.id === over.columnId)?.title ?? t("chart.theColumn");
    setAnnouncement(t("chart.moved", { text: note.text || t("chart.note"), title }));
  };

  const heading = activity.kind === "chart" ? t("chart.chart") : t("chart.board");
  const isFacilitator = me.role === "facilitator" && !readOnly;
  return (
    <BoardCtx.Provider value={ctx}>
      <section className="activity-board" aria-label={t("chart.label", { heading, title: activity.title })}>
        <header className="activity-head">
          {/* The screen's one h1: the activity is what the screen is about. */}
          <h1 className="activity-title">{activity.title}</h1>
          {activity.kind === "chart" && activity.about.text && (
            <p className="activity-about">
              <span className="activity-about-label">{t("chart.about")} </span>
              {activity.about.text}
            </p>
          )}
          {/* Read aloud at the end of the instructions, not on a line of its own (space on a phone). */}
          <p className="hint">
            {activity.prompt ? `${activity.prompt} ` : null}
            <ReadAloud
              small
              text={[
                { text: activity.title },
                // "About:" is the app's word, what follows the workshop's: each in its own language.
                ...(activity.kind === "chart" && activity.about.text
                  ? [{ text: t("chart.about"), app: true }, { text: activity.about.text }]
                  : []),
                { text: activity.prompt },
              ]}
              what={t("chart.readWhat")}
            />
          </p>
          {activity.kind === "board" && (
            <BoardMaterial workshopDoc={workshopDoc} activityId={activity.id} manage={isFacilitator} />
          )}
          {privateWords && (
            <PrivateWordsNote
              facilitator={isFacilitator}
              share={() =>
                shareWords({
                  workshopDoc,
                  boardDoc: sharedDoc,
                  workshopId: me.workshopId ?? "",
                  activityId,
                  token: me.token ?? "",
                })
              }
            />
          )}
          {!editable && (
            <p className="activity-readonly" role="note">
              {readOnly ? t("chart.lookingBack") : t("chart.cannotChange")}
            </p>
          )}
          <VoteStatus />
        </header>
        <p id={moveHintId} className="sr-only">
          {t("chart.moveHint")}
        </p>
        <DndContext
          sensors={sensors}
          onDragStart={markDragStarted}
          onDragEnd={(e) => {
            markDragEnded();
            onDragEnd(e);
          }}
          onDragCancel={markDragEnded}
        >
          <div className="chart-columns">
            {columns.map((c, i) => (
              <ColumnView key={c.id} column={c} index={i} count={columns.length} manage={isFacilitator} />
            ))}
            <OrphanNotes />
          </div>
        </DndContext>
        {isFacilitator && <RemovedNotes />}
        {isFacilitator && (
          <AddColumn activityId={activity.id} workshopDoc={workshopDoc} kind={activity.kind} />
        )}
        {voting.revealed && (
          <div className="actions">
            <button
              type="button"
              className="btn small"
              aria-pressed={sortByDots}
              onClick={() => setSortByDots((s) => !s)}
            >
              {t("chart.sortByDots")}
            </button>
          </div>
        )}
        <p className="sr-only" role="status" aria-live="polite">
          {announcement}
        </p>
      </section>
    </BoardCtx.Provider>
  );
}

/**
 * While a board's words are private: who sees what, and for the facilitator "Share the words" (asked twice:
 * sharing cannot be taken back).
 */
function PrivateWordsNote({ facilitator, share }: { facilitator: boolean; share(): Promise<number> }) {
  const [state, setState] = useState<"idle" | "sharing" | "failed">("idle");
  const { t } = useTranslation();
  if (!facilitator) {
    return (
      <p className="private-words" role="note">
        {t("chart.privateParticipant")}
      </p>
    );
  }
  return (
    <section className="private-words" aria-label={t("chart.privateLabel")}>
      <p>{t("chart.privateFacilitator")}</p>
      <div className="actions">
        <ConfirmButton
          confirm={t("chart.shareNow")}
          keep={t("chart.keepPrivate")}
          disabled={state === "sharing"}
          onConfirm={() => {
            setState("sharing");
            share().then(
              () => setState("idle"),
              () => setState("failed"),
            );
          }}
        >
          {state === "sharing" ? t("chart.sharing") : t("chart.share")}
        </ConfirmButton>
      </div>
      {state === "failed" && (
        <p className="error" role="alert">
          {t("chart.shareFailed")}
        </p>
      )}
    </section>
  );
}

function VoteStatus() {
  const { chart, voting, me, canVote } = useBoard();
  const votes = useVotes(chart, me.voterId, voting.budget);
  const { t } = useTranslation();
  if (!voting.open && !voting.revealed) return null;
  const left = Math.max(0, voting.budget - votes.used);
  return (
    <p className="vote-status" role="status">
      {voting.open ? t("chart.votingOpen") : t("chart.votingClosed")}{" "}
      {canVote && `${t("chart.dotsLeft", { left, count: voting.budget })} `}
      {voting.revealed ? t("chart.countsShown") : t("chart.countsHidden")}
    </p>
  );
}
