import type { Group, ScaleActivity } from "@continuum/model";
import type { GroupId } from "@continuum/protocol";
import { useDroppable } from "@dnd-kit/core";
import { memo, useCallback, useEffect, useMemo, useState } from "react";
import * as Y from "yjs";
import { useUi } from "../../app/ui.ts";
import type { DocConnection } from "../../sync/connection.ts";
import { useConnectionState, useDoc } from "../../sync/hooks.ts";
import { useRemoteDrags } from "../../sync/presence.ts";
import { type LaneStore, laneStore, useNoteIds } from "./laneStore.ts";
import { Note } from "./Note.tsx";

export interface LaneProps {
  conn: DocConnection;
  group: Group;
  activity: ScaleActivity;
  editable: boolean;
  /** This person's own group's lane. */
  own: boolean;
  locked: boolean;
  /** An anonymous workshop: someone else's drag is shown without their name. */
  anonymous?: boolean;
  /** The element whose box is the 0..100 span, for turning a drop into a position. */
  registerRail(groupId: string, el: HTMLElement | null): void;
  /** Undo history of this person's own changes, for the lanes they may change. */
  onUndoManager?(groupId: string, undo: Y.UndoManager | null): void;
}

/** One group's lane: the scale with that group's notes. */
export function Lane({
  conn,
  group,
  activity,
  editable,
  own,
  locked,
  anonymous = false,
  registerRail,
  onUndoManager,
}: LaneProps) {
  const doc = useDoc(conn);
  const state = useConnectionState(conn);
  const store = useMemo(() => (doc ? laneStore(doc) : null), [doc]);
  // `useDroppable` reads dnd-kit's context, so the lane re-renders when a drag starts, passes over it and
  // ends; the note list below is memoized and does not (each note re-renders on its own, see `Note`).
  const { setNodeRef, isOver } = useDroppable({
    id: `lane:${group.id}`,
    data: { groupId: group.id },
    disabled: !editable,
  });
  const railRef = useCallback(
    (el: HTMLElement | null) => {
      setNodeRef(el);
      registerRail(group.id, el);
    },
    [setNodeRef, registerRail, group.id],
  );

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

  const heading = own ? `Your group: ${group.name}` : group.name;
  const status = !editable
    ? locked && own
      ? "Locked: the facilitator has stopped changes"
      : "You can look, not change"
    : null;

  return (
    <section
      className={`lane${own ? " lane-own" : ""}`}
      aria-label={`${group.name} lane`}
      data-group={group.id}
    >
      <header className="lane-head">
        <h3>
          <span className={`swatch colour-${group.colour}`} aria-hidden="true" />
          {heading}
        </h3>
        {status ? <span className="lane-status">{status}</span> : null}
        {undo ? <UndoButtons undo={undo} /> : null}
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
              rightLabel={activity.rightLabel}
              editable={editable}
            />
          ) : null}
          <RemoteDrags conn={conn} store={store} anonymous={anonymous} />
        </div>
        {!state.ready && state.status !== "closed" ? (
          <p className="lane-loading">Loading the notes…</p>
        ) : null}
        {state.status === "closed" ? <p className="lane-loading">{state.message}</p> : null}
      </div>
    </section>
  );
}

/** The lane's notes: re-renders when notes are added or removed, not when one moves (that note does). */
const Notes = memo(function Notes({
  store,
  doc,
  groupId,
  groupName,
  rightLabel,
  editable,
}: {
  store: LaneStore;
  doc: Y.Doc;
  groupId: GroupId;
  groupName: string;
  rightLabel: string;
  editable: boolean;
}) {
  const ids = useNoteIds(store);
  return (
    <ul className="notes" aria-label={`Notes of ${groupName}`}>
      {ids.map((id) => (
        <li key={id}>
          <Note
            store={store}
            doc={doc}
            id={id}
            groupId={groupId}
            groupName={groupName}
            rightLabel={rightLabel}
            editable={editable}
          />
        </li>
      ))}
      {ids.length === 0 ? <li className="empty-lane">No notes yet.</li> : null}
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
  if (drags.length === 0) return null;
  return (
    <>
      {drags.map((d) => {
        const text = store?.getState().byId.get(d.noteId)?.text ?? "a note";
        return (
          <div key={d.clientId} className="remote-drag" style={{ left: `${d.x}%` }}>
            <span>
              {anonymous ? "Someone" : d.name} is moving “{text}” ({d.x})
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
          announce("Your last change was undone.");
        }}
      >
        Undo
      </button>
      <button
        type="button"
        className="btn"
        disabled={!undo.canRedo()}
        onClick={() => {
          undo.redo();
          announce("Your change was done again.");
        }}
      >
        Redo
      </button>
    </div>
  );
}
