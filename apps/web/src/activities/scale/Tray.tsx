import {
  type Aspect,
  type Colour,
  noteIdForAspect,
  placeAspect,
  type ScaleActivity,
  unplacedAspects,
} from "@continuum/model";
import type { GroupId } from "@continuum/protocol";
import { useDraggable } from "@dnd-kit/core";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { useUi } from "../../app/ui.ts";
import type { DocConnection } from "../../sync/connection.ts";
import { useDoc } from "../../sync/hooks.ts";
import { positionText } from "./describe.ts";
import { recentlyDragged } from "./dragGuard.ts";
import { type LaneStore, laneStore, useAllNotes } from "./laneStore.ts";
import { freeY } from "./place.ts";

export interface AspectDragData {
  kind: "aspect";
  groupId: GroupId;
  aspect: Aspect;
  text: string;
}

/** The tray of this person's own group, over whichever replica its connection holds now. */
export function OwnTray({
  conn,
  activity,
  groupId,
  author,
  colour,
}: {
  conn: DocConnection;
  activity: ScaleActivity;
  groupId: GroupId;
  author: string;
  /** The group's colour, which its cards take when placed (each note's colour can still be changed). */
  colour?: Colour;
}) {
  const doc = useDoc(conn);
  if (!doc) return null;
  return (
    <Tray
      store={laneStore(doc)}
      doc={doc}
      activity={activity}
      groupId={groupId}
      author={author}
      {...(colour ? { colour } : {})}
    />
  );
}

/** The prepared aspects this group has not placed yet. */
export function Tray({
  store,
  doc,
  activity,
  groupId,
  author,
  colour,
}: {
  store: LaneStore;
  doc: Y.Doc;
  activity: ScaleActivity;
  groupId: GroupId;
  author: string;
  colour?: Colour;
}) {
  const notes = useAllNotes(store);
  const left = unplacedAspects(activity.aspects, notes);
  const announce = useUi((s) => s.announce);
  const setFocusNote = useUi((s) => s.setFocusNote);
  const { t } = useTranslation();

  const placeInMiddle = (aspect: Aspect) => {
    const id = placeAspect(doc, {
      aspect,
      x: 50,
      y: freeY(notes, 50),
      author,
      ...(colour ? { colour } : {}),
    });
    setFocusNote(id);
    announce(t("scale.placedAt", { text: aspect.text, position: positionText(50, activity.rightLabel) }));
  };

  return (
    <section className="tray" aria-labelledby="tray-title">
      <h3 id="tray-title">{t("scale.toPlace", { count: left.length })}</h3>
      {left.length === 0 ? (
        <p className="hint">{t("scale.allPlaced")}</p>
      ) : (
        <p className="hint">{t("scale.trayHint")}</p>
      )}
      <ul className="tray-cards">
        {left.map((a) => (
          <li key={a.id}>
            <TrayCard aspect={a} groupId={groupId} onPlace={placeInMiddle} {...(colour ? { colour } : {})} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function TrayCard({
  aspect,
  groupId,
  onPlace,
  colour,
}: {
  aspect: Aspect;
  groupId: GroupId;
  onPlace(a: Aspect): void;
  colour?: Colour;
}) {
  const data: AspectDragData = { kind: "aspect", groupId, aspect, text: aspect.text };
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `aspect:${groupId}:${aspect.id}`,
    data,
  });
  return (
    <button
      type="button"
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      aria-roledescription={t("scale.cardRole")}
      aria-label={t("scale.placeLabel", { text: aspect.text })}
      data-aspect-id={aspect.id}
      data-note-id={noteIdForAspect(aspect.id)}
      className={`card${colour ? ` colour-${colour}` : ""}${isDragging ? " is-dragging" : ""}`}
      onClick={() => {
        if (recentlyDragged()) return;
        onPlace(aspect);
      }}
    >
      {aspect.text}
    </button>
  );
}
