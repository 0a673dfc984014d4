import {
  type Group,
  type GroupMark,
  groupInitial,
  groupMark,
  layoutNotes,
  type ScaleActivity,
} from "@continuum/model";
import type { GroupId, NoteId } from "@continuum/protocol";
import { useDroppable } from "@dnd-kit/core";
import {
  type CSSProperties,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import { useUi } from "../../app/ui.ts";
import type { DocConnection } from "../../sync/connection.ts";
import { useConnectionState, useDoc } from "../../sync/hooks.ts";
import { useRemoteDrags } from "../../sync/presence.ts";
import { GroupBadge } from "../../ui/GroupBadge.tsx";
import { type LaneStore, laneStore, useAllNotes } from "./laneStore.ts";
import { Note, type NoteWords } from "./Note.tsx";

export interface LaneProps {
  conn: DocConnection;
  group: Group;
  /** The group's place in the workshop, which gives it its mark (colour and shape). */
  groupIndex?: number;
  activity: ScaleActivity;
  editable: boolean;
  /** This person's own group's lane. */
  own: boolean;
  locked: boolean;
  /** An anonymous workshop: someone else's drag is shown without their name. */
  anonymous?: boolean;
  /** The element whose box is the 0..100 span, for turning a drop into a position. */
  registerRail(groupId: string, el: HTMLElement | null): void;
  /** More controls for the lane's header, after undo and redo (the own lane's "Show as a list"). */
  headerExtra?: ReactNode;
  /** Undo history of this person's own changes, for the lanes they may change. */
  onUndoManager?(groupId: string, undo: Y.UndoManager | null): void;
  /** What the lane is called instead of the group's name (a person's own scale in an individual round). */
  title?: string | undefined;
}

/** One group's lane: the scale with that group's notes. */
export function Lane({
  conn,
  group,
  groupIndex = 0,
  activity,
  editable,
  own,
  locked,
  anonymous = false,
  registerRail,
  onUndoManager,
  title,
  headerExtra,
}: LaneProps) {
  const doc = useDoc(conn);
  const state = useConnectionState(conn);
  const { t } = useTranslation();
  const store = useMemo(() => (doc ? laneStore(doc) : null), [doc]);
  // `useDroppable` reads dnd-kit's context, so the lane re-renders when a drag starts, passes over it and
  // ends; the note list below is memoized and does not (each note re-renders on its own, see `Note`).
  const { setNodeRef, isOver } = useDroppable({
    id: `lane:${group.id}`,
    data: { groupId: group.id },
    disabled: !editable,
  });
  const size = useRailSize();
  const railRef = useCallback(
    (el: HTMLElement | null) => {
      setNodeRef(el);
      registerRail(group.id, el);
      size.observe(el);
    },
    [setNodeRef, registerRail, group.id, size.observe],
  );
  const mark = groupMark(groupIndex);

  const undo = useMemo(() => {
    if (!doc || !editable) return null;
    // Default tracked origins ({null}): the model writes without an origin, while changes arriving from the
    // server or IndexedDB carry their provider as origin, so undo only ever reverts this person's changes.
    return new Y.UndoManager(doc.getMap("notes"), { captureTimeout: 400 });
  }, [doc, editable]);
  useEffect(() => {
    onUndoManager?.(group.id, undo);
    return () => {
      onUndoManager?.(group.id, null);
      undo?.destroy();
    };
  }, [undo, group.id, onUndoManager]);

  const heading = title ?? (own ? t("board.yourGroup", { group: group.name }) : group.name);
  const status = !editable ? (locked && own ? t("scale.lockedStatus") : t("scale.lookOnly")) : null;

  return (
    <section
      className={`lane${own ? " lane-own" : ""}`}
      style={{ "--group": mark.hex } as CSSProperties}
      aria-label={t("scale.laneLabel", { name: title ?? group.name })}
      data-group={group.id}
    >
      <header className="lane-head">
        <h3>
          <GroupBadge mark={mark} name={group.name} />
          {heading}
        </h3>
        {status ? <span className="lane-status">{status}</span> : null}
        {undo ? <UndoButtons undo={undo} /> : null}
        {headerExtra}
      </header>
      <div className="scale-ends" aria-hidden="true">
        <span>← {activity.leftLabel}</span>
        <span>{activity.rightLabel} →</span>
      </div>
      <div className={`track${isOver ? " is-over" : ""}`}>
        <div className="ticks" aria-hidden="true">
          {[0, 25, 50, 75, 100].map((t) => (
            <span key={t} style={{ left: `${t}%` }}>
              {t}
            </span>
          ))}
        </div>
        <div className="rail" ref={railRef}>
          {store && doc ? (
            <Notes
              store={store}
              doc={doc}
              groupId={group.id}
              groupName={group.name}
              mark={mark}
              rightLabel={activity.rightLabel}
              editable={editable}
              span={size.span}
              noteWidth={size.noteWidth}
            />
          ) : null}
          <RemoteDrags conn={conn} store={store} anonymous={anonymous} />
        </div>
        {!state.ready && state.status !== "closed" ? (
          <p className="lane-loading">{t("scale.loading")}</p>
        ) : null}
        {state.status === "closed" ? <p className="lane-loading">{state.message}</p> : null}
      </div>
    </section>
  );
}

/**
 * The rail's width (the 0..100 span) and a note's width, in pixels, followed as the window changes: the
 * layout of the notes (`layoutNotes`) needs both. A note's width is the track's side padding twice (CSS sets
 * both from `--note-w`), so the style sheet stays the one place the size is chosen.
 */
function useRailSize() {
  const [size, setSize] = useState({ span: 800, noteWidth: 144 });
  const observer = useRef<ResizeObserver | null>(null);
  const observe = useCallback((el: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    const measure = () => {
      const track = el.parentElement;
      const pad = track ? Number.parseFloat(getComputedStyle(track).paddingLeft) : Number.NaN;
      const span = el.clientWidth;
      if (!(span > 0)) return;
      const noteWidth = pad > 0 ? pad * 2 : 144;
      setSize((s) => (s.span === span && s.noteWidth === noteWidth ? s : { span, noteWidth }));
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    observer.current = new ResizeObserver(measure);
    observer.current.observe(el);
  }, []);
  return { ...size, observe };
}

/**
 * The lane's notes, laid out so that none covers another (`layoutNotes`, the rule the exports use too): each
 * in a row of a grid, moved sideways from its value by its left margin. A row is as tall as its tallest note,
 * so a long label wraps instead of being cut, and the lane grows instead of letting a note hang out of it.
 * This list re-renders when any note changes (the layout depends on all of them); each note re-renders only
 * when its own words, place or row change (`Note` is memoized and reads its own entry).
 */
const Notes = memo(function Notes({
  store,
  doc,
  groupId,
  groupName,
  mark,
  rightLabel,
  editable,
  span,
  noteWidth,
}: {
  store: LaneStore;
  doc: Y.Doc;
  groupId: GroupId;
  groupName: string;
  mark: GroupMark;
  rightLabel: string;
  editable: boolean;
  span: number;
  noteWidth: number;
}) {
  const notes = useAllNotes(store);
  const layout = useMemo(() => {
    const { spots, rows } = layoutNotes(notes, { span, noteWidth, gap: 8, preferredRows: 3 });
    // In the order the notes were made, not by value: a note moved past another keeps its place in the
    // page (moving a focused element in the DOM would take the keyboard's focus away from it).
    const byId = new Map(spots.map((s) => [s.id, s]));
    return { rows, spots: notes.flatMap((n) => byId.get(n.id) ?? []) };
  }, [notes, span, noteWidth]);
  const initial = groupInitial(groupName);
  const { t, i18n: lang } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new language gives new words (t reads it).
  const words = useMemo<NoteWords>(
    () => ({ movable: t("scale.movableNote"), role: t("scale.noteRole"), empty: t("scale.emptyNote") }),
    [t, lang.language],
  );
  return (
    <ul
      className="notes"
      aria-label={t("scale.notesOf", { group: groupName })}
      style={{ gridTemplateRows: `repeat(${Math.max(1, layout.rows)}, auto)` }}
    >
      {layout.spots.map((spot) => (
        <li
          key={spot.id}
          // Row, sideways place and the marker's place (`--pin`, inherited by the note) are set here, so a
          // note pushed along by a neighbour's move is restyled without rendering the note again.
          style={
            {
              gridRow: spot.row + 1,
              marginLeft: `${Math.round(spot.left)}px`,
              width: `${noteWidth}px`,
              "--pin": `${Math.round(spot.at - spot.left)}px`,
            } as CSSProperties
          }
        >
          <Note
            store={store}
            doc={doc}
            id={spot.id as NoteId}
            groupId={groupId}
            groupName={groupName}
            initial={initial}
            mark={mark}
            rightLabel={rightLabel}
            editable={editable}
            words={words}
          />
        </li>
      ))}
      {notes.length === 0 ? <li className="empty-lane">{t("column.noNotes")}</li> : null}
    </ul>
  );
});

/** Where other people are dragging right now, with their names: the room sees a move as it happens. */
function RemoteDrags({
  conn,
  store,
  anonymous,
}: {
  conn: DocConnection;
  store: LaneStore | null;
  anonymous: boolean;
}) {
  const drags = useRemoteDrags(conn.awareness);
  const { t } = useTranslation();
  if (drags.length === 0) return null;
  return (
    <>
      {drags.map((d) => {
        const text = store?.getState().byId.get(d.noteId)?.text ?? t("scale.aNoteLower");
        return (
          <div key={d.clientId} className="remote-drag" style={{ left: `${d.x}%` }}>
            <span>
              {t("scale.remoteDrag", { name: anonymous ? t("presence.someone") : d.name, text, x: d.x })}
            </span>
          </div>
        );
      })}
    </>
  );
}

function UndoButtons({ undo }: { undo: Y.UndoManager }) {
  const [, setTick] = useState(0);
  const announce = useUi((s) => s.announce);
  const { t } = useTranslation();
  useEffect(() => {
    const bump = () => setTick((t) => t + 1);
    undo.on("stack-item-added", bump);
    undo.on("stack-item-popped", bump);
    undo.on("stack-cleared", bump);
    return () => {
      undo.off("stack-item-added", bump);
      undo.off("stack-item-popped", bump);
      undo.off("stack-cleared", bump);
    };
  }, [undo]);
  return (
    <div className="undo">
      <button
        type="button"
        className="btn"
        disabled={!undo.canUndo()}
        onClick={() => {
          undo.undo();
          announce(t("scale.undone"));
        }}
      >
        {t("column.undo")}
      </button>
      <button
        type="button"
        className="btn"
        disabled={!undo.canRedo()}
        onClick={() => {
          undo.redo();
          announce(t("scale.redone"));
        }}
      >
        {t("scale.redo")}
      </button>
    </div>
  );
}
