/**
 * The sliding scale: every lane this person may see (`LaneConnector` opens each lane's document), the tray of
 * prepared aspects, the compare view, and dragging (dnd-kit, `ui/sensors.ts`) a card or note to a position
 * (`dropPosition.ts`), which is written to that lane's Y.Doc.
 */

import {
  type Group,
  groupMark,
  moveNote,
  noteIdForAspect,
  placeAspect,
  readRounds,
  readStatsThresholds,
  type ScaleActivity as ScaleActivityModel,
  type Workshop,
} from "@continuum/model";
import type { GroupId, NoteId, WorkshopId } from "@continuum/protocol";
import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  DragOverlay,
  type DragStartEvent,
  getClientRect,
  type MeasuringConfiguration,
} from "@dnd-kit/core";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { useDragX, useUi } from "../../app/ui.ts";
import type { Session } from "../../session.ts";
import type { DocConnection } from "../../sync/connection.ts";
import { createDragBroadcaster } from "../../sync/presence.ts";
import { GroupBadge } from "../../ui/GroupBadge.tsx";
import { ReadAloud } from "../../ui/ReadAloud.tsx";
import { useBoardSensors } from "../../ui/sensors.ts";
import { usePageTitle } from "../../ui/usePageTitle.ts";
import { laneDocFor, mayWriteLane, visibleGroups } from "./access.ts";
import { Compare } from "./Compare.tsx";
import { positionText } from "./describe.ts";
import { markDragEnded, markDragStarted } from "./dragGuard.ts";
import { dropPosition } from "./dropPosition.ts";
import { Lane } from "./Lane.tsx";
import { LaneConnector } from "./LaneConnector.tsx";
import { type NoteDragData, NotePicker } from "./Note.tsx";
import { AddNote } from "./NoteEditor.tsx";
import { RoundBanner } from "./rounds/RoundBanner.tsx";
import { useRowRounds } from "./rounds/useRowRounds.tsx";
import { readScaleAsList, ScaleList, saveScaleAsList } from "./ScaleList.tsx";
import { DragCard, EditorHost } from "./ScaleSheets.tsx";
import { type AspectDragData, OwnTray } from "./Tray.tsx";

export { mayWriteLane, visibleGroups };

type DragData = NoteDragData | AspectDragData;

/**
 * Measure what was picked up where it is drawn. dnd-kit's default ignores CSS transforms, but a note is centred
 * on its position with `translateX(-50%)`: measured without it, the card under the finger sat half a note to
 * the right, and a note picked up and put down again moved right by half its width.
 */
const MEASURING: MeasuringConfiguration = { draggable: { measure: getClientRect } };

export interface ScaleActivityProps {
  workshopId: WorkshopId;
  workshop: Workshop;
  activity: ScaleActivityModel;
  session: Session;
  /** The workshop document, to decide access by the same rules as the server (`decideAccess`). */
  workshopDoc: Y.Doc;
  /** Looking back at an earlier activity: nothing can be changed. */
  readOnly?: boolean;
}

export function ScaleActivity({
  workshopId,
  workshop,
  activity,
  session,
  workshopDoc,
  readOnly = false,
}: ScaleActivityProps) {
  usePageTitle(activity.title, workshop.meta.title);
  const locked = workshop.control.locked[activity.id] === true;
  const { t } = useTranslation();
  const visible = visibleGroups(workshop, activity.id, session);
  // The name written on new notes and reasons: none in an anonymous workshop, where the server would blank
  // it anyway (ANON-2), so it never leaves this device.
  const author = workshop.meta.anonymous ? "" : session.name;
  // Own lane first: the one a participant works in.
  const ordered = [...visible].sort(
    (a, b) => Number(b.id === session.group) - Number(a.id === session.group),
  );
  const hidden = workshop.groups.filter((g) => !visible.some((v) => v.id === g.id));
  const [conns, setConns] = useState<Record<string, DocConnection>>({});
  const rails = useRef(new Map<string, HTMLElement>());
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const adding = useUi((s) => s.adding);
  const setAdding = useUi((s) => s.setAdding);
  const setFocusNote = useUi((s) => s.setFocusNote);
  const announce = useUi((s) => s.announce);
  const setDrag = useUi((s) => s.setDrag);
  const setFacilitatorActivity = useUi((s) => s.setFacilitatorActivity);
  const broadcaster = useMemo(() => createDragBroadcaster(100), []);
  // Rounds (issue 14): in an individual round a participant's own lane is their own scale (ACC-13).
  const rounds = readRounds(workshopDoc, activity.id);
  const rowExtra = useRowRounds(workshopDoc, workshop, activity, session, view === "compare");
  const onOwnScale =
    session.role === "participant" && rounds.round === "individual" && !!session.participantId;
  const [asList, setAsList] = useState(readScaleAsList);
  const showAsList = (on: boolean) => {
    setAsList(on);
    saveScaleAsList(on);
  };

  const onConn = useCallback((groupId: string, conn: DocConnection | null) => {
    setConns((prev) => {
      const next = { ...prev };
      if (conn) next[groupId] = conn;
      else delete next[groupId];
      return next;
    });
  }, []);
  const registerRail = useCallback((groupId: string, el: HTMLElement | null) => {
    if (el) rails.current.set(groupId, el);
    else rails.current.delete(groupId);
  }, []);

  // `workshop` is re-read after every change to the workshop document, so deciding here stays current.
  const editableFor = (g: Group) =>
    !readOnly &&
    (session.role === "facilitator" ||
      (session.role === "participant" &&
        session.group === g.id &&
        mayWriteLane(workshopDoc, workshopId, activity.id, g.id, session)));
  const ownGroupId = session.role === "participant" ? session.group : null;
  const takesPart =
    ownGroupId === null || activity.takingPart === null || activity.takingPart.includes(ownGroupId);
  const ownEditable =
    ownGroupId !== null && workshop.groups.some((g) => g.id === ownGroupId && editableFor(g));

  const sensors = useBoardSensors();

  /**
   * Where the last drag ended, for its announcement: dnd-kit composes the sentence after `onDragEnd` has run,
   * when the drag in the UI store is already cleared (it used to say a placed card "was put back").
   */
  let lastDrop: { x: number | null } = { x: null };

  /** Where the dragged card's centre is on its lane's scale, or null when it is off the scale. */
  const dropAt = (event: DragMoveEvent | DragEndEvent, data: DragData) => {
    const card = event.active.rect.current.translated;
    const rail = rails.current.get(data.groupId)?.getBoundingClientRect();
    return card && rail ? dropPosition(card, rail, data.kind === "aspect") : null;
  };

  const noteIdOf = (d: DragData): NoteId => (d.kind === "note" ? d.noteId : noteIdForAspect(d.aspect.id));

  const onDragStart = ({ active }: DragStartEvent) => {
    const d = active.data.current as DragData | undefined;
    lastDrop = { x: null };
    markDragStarted();
    if (!d) return;
    setDrag({ noteId: noteIdOf(d), groupId: d.groupId, text: d.text, x: null });
  };
  const onDragMove = (event: DragMoveEvent) => {
    const d = event.active.data.current as DragData | undefined;
    if (!d) return;
    const pos = dropAt(event, d);
    useDragX.setState({ x: pos?.x ?? null });
    const conn = conns[d.groupId];
    if (conn && pos) broadcaster.update(conn.awareness, noteIdOf(d), pos.x);
  };
  const finish = (groupId: GroupId | undefined) => {
    const conn = groupId ? conns[groupId] : undefined;
    if (conn) broadcaster.end(conn.awareness);
    setDrag(null);
    useDragX.setState({ x: null });
    markDragEnded();
  };
  const onDragEnd = (event: DragEndEvent) => {
    const d = event.active.data.current as DragData | undefined;
    if (!d) return finish(undefined);
    const conn = conns[d.groupId];
    const pos = dropAt(event, d);
    lastDrop = { x: conn && pos ? pos.x : null };
    if (conn && pos) {
      if (d.kind === "note") moveNote(conn.doc, d.noteId, pos.x, pos.y);
      else {
        const colour = workshop.groups.find((g) => g.id === d.groupId)?.colour;
        placeAspect(conn.doc, {
          aspect: d.aspect,
          x: pos.x,
          y: pos.y,
          author,
          ...(colour ? { colour } : {}),
        });
      }
    }
    finish(d.groupId);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t("scale.pickedUp", {
        text: (active.data.current as DragData | undefined)?.text ?? t("scale.aNoteLower"),
      }),
    onDragMove: () => undefined,
    onDragOver: () => undefined,
    onDragEnd: ({ active }) => {
      const d = active.data.current as DragData | undefined;
      const x = lastDrop.x;
      if (!d) return undefined;
      return x === null
        ? t("scale.putBack", { text: d.text })
        : t("scale.placedAtShort", { text: d.text, position: positionText(x, activity.rightLabel) });
    },
    onDragCancel: ({ active }) =>
      t("scale.putBack", {
        text: (active.data.current as DragData | undefined)?.text ?? t("editor.theNote"),
      }),
  };

  const ownGroup =
    session.role === "participant" ? workshop.groups.find((g) => g.id === session.group) : undefined;
  const ownConn = ownGroup ? conns[ownGroup.id] : undefined;
  const canCompare = visible.length >= 2;
  const showCompare = view === "compare" && canCompare;

  return (
    <DndContext
      sensors={sensors}
      measuring={MEASURING}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={() => finish(useUi.getState().drag?.groupId)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: t("scale.dragInstructions"),
        },
      }}
    >
      {visible.map((g) => (
        <LaneConnector
          key={g.id}
          docName={laneDocFor(workshopDoc, workshopId, activity.id, g.id, session)}
          token={session.token}
          role={session.role}
          groupId={g.id}
          onConn={onConn}
          user={session}
        />
      ))}
      <div className="activity-head">
        {/* The screen's one h1: the activity is what the screen is about (the top bar names the workshop). */}
        <h1 className="activity-title">{activity.title}</h1>
        {/* Read aloud at the end of the instructions, not on a line of its own: on a phone every line
            pushes the scale further down. */}
        <p className="prompt">
          {activity.prompt ? `${activity.prompt} ` : null}
          <ReadAloud
            small
            text={[
              { text: activity.title },
              { text: activity.prompt },
              {
                text: t("scale.goesFrom", { left: activity.leftLabel, right: activity.rightLabel }),
                app: true,
              },
            ]}
            what={t("chart.readWhat")}
          />
        </p>
        <RoundBanner rounds={rounds} role={session.role} groupName={session.groupName} />
        {readOnly ? (
          <p className="locked-banner" role="status">
            {t("chart.lookingBack")}
          </p>
        ) : locked ? (
          <p className="locked-banner" role="status">
            {t("scale.lockedBanner")}
          </p>
        ) : ownGroupId !== null && !ownEditable ? (
          <p className="locked-banner" role="status">
            {!takesPart
              ? t("scale.looksOn")
              : workshop.control.meetingEnded
                ? t("scale.endedBanner")
                : t("scale.lookNow")}
          </p>
        ) : null}
      </div>
      {canCompare ? (
        <fieldset className="view-switch">
          <legend className="sr-only">{t("scale.whatToShow")}</legend>
          <button type="button" className="btn" aria-pressed={!showCompare} onClick={() => setView("lanes")}>
            {t("run.scales")}
          </button>
          <button type="button" className="btn" aria-pressed={showCompare} onClick={() => setView("compare")}>
            {t("run.compare")}
          </button>
        </fieldset>
      ) : null}
      <p id="note-help" className="sr-only">
        {t("scale.noteHelp")}
      </p>

      {showCompare ? (
        <Compare
          activity={activity}
          lanes={visible.flatMap((g) =>
            conns[g.id] ? [{ group: g, conn: conns[g.id] as DocConnection }] : [],
          )}
          hiddenCount={hidden.length}
          rowExtra={rowExtra}
          anonymous={workshop.meta.anonymous}
          replay={{ workshopId, token: session.token }}
          thresholds={readStatsThresholds(workshopDoc)}
          openChart={
            session.role === "facilitator"
              ? {
                  workshopDoc,
                  onOpen: (id) => {
                    setFacilitatorActivity(id);
                    announce(t("scale.chartOpened"));
                  },
                }
              : undefined
          }
        />
      ) : (
        <NotePicker>
          <div className="lanes">
            {ordered.map((g) => {
              const conn = conns[g.id];
              if (!conn) return null;
              const own = ownGroup?.id === g.id;
              const working = own && editableFor(g);
              if (working && asList) {
                return (
                  <div key={g.id} className="lane-wrap">
                    <ListSwitch asList={asList} onChange={showAsList} />
                    <ScaleList
                      conn={conn}
                      activity={activity}
                      author={author}
                      editable
                      {...(g.colour ? { colour: g.colour } : {})}
                    />
                    <div className="lane-actions">
                      <button type="button" className="btn primary" onClick={() => setAdding(true)}>
                        {t("scale.addOwn")}
                      </button>
                    </div>
                  </div>
                );
              }
              return (
                <div key={g.id} className={`lane-wrap${working ? " with-tray" : ""}`}>
                  <Lane
                    conn={conn}
                    group={g}
                    title={own && onOwnScale ? t("scale.ownScale") : undefined}
                    groupIndex={workshop.groups.findIndex((x) => x.id === g.id)}
                    activity={activity}
                    editable={editableFor(g)}
                    own={own}
                    locked={locked}
                    anonymous={workshop.meta.anonymous}
                    registerRail={registerRail}
                    headerExtra={working ? <ListSwitch asList={asList} onChange={showAsList} /> : undefined}
                  />
                  {working ? (
                    // Beside the scale on a landscape tablet, docked at the bottom of a narrow screen: the
                    // cards to place and the scale are on screen together, so a drag needs no scrolling.
                    <div className="lane-side">
                      <OwnTray
                        conn={conn}
                        activity={activity}
                        groupId={g.id}
                        author={author}
                        colour={g.colour}
                      />
                      <div className="lane-actions">
                        <button type="button" className="btn primary" onClick={() => setAdding(true)}>
                          {t("scale.addOwn")}
                        </button>
                      </div>
                    </div>
                  ) : null}
                </div>
              );
            })}
            {hidden.map((g) => (
              <p key={g.id} className="lane-hidden">
                <GroupBadge mark={groupMark(workshop.groups.indexOf(g))} name={g.name} />
                {t("scale.hiddenLane", { group: g.name })}
              </p>
            ))}
          </div>
        </NotePicker>
      )}

      {adding && ownConn && ownGroup ? (
        <AddNote
          doc={ownConn.doc}
          author={author}
          onAdded={(id) => {
            setFocusNote(id);
            announce(t("scale.noteAdded", { position: positionText(50, activity.rightLabel) }));
          }}
        />
      ) : null}
      <EditorHost
        conns={conns}
        workshop={workshop}
        activity={activity}
        editableFor={editableFor}
        who={{ name: author, group: session.group, facilitator: session.role === "facilitator" }}
      />
      <DragOverlay dropAnimation={null} style={{ willChange: "transform" }}>
        <DragCard rightLabel={activity.rightLabel} />
      </DragOverlay>
    </DndContext>
  );
}

/**
 * Scale or list for the person's own lane: the list is easier on a phone, the scale shows the whole picture.
 * One small button in the lane's header, so it takes no height above the scale or the tray.
 */
function ListSwitch({ asList, onChange }: { asList: boolean; onChange(on: boolean): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn list-switch" onClick={() => onChange(!asList)}>
      {asList ? t("scale.showOnScale") : t("scale.showAsList")}
    </button>
  );
}
