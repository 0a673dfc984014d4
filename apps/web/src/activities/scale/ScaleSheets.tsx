import type { Group, ScaleActivity, Workshop } from "@continuum/model";
import type { GroupId, NoteId } from "@continuum/protocol";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { useDragX, useUi } from "../../app/ui.ts";
import type { DocConnection } from "../../sync/connection.ts";
import { clampPosition } from "./describe.ts";
import { laneStore, useNote } from "./laneStore.ts";
import { NoteEditor } from "./NoteEditor.tsx";
import { WhyHere } from "./reasons/WhyHere.tsx";

/** The sheet of the note whose editor is open, in whichever lane it is. */
export function EditorHost({
  conns,
  workshop,
  activity,
  editableFor,
  who = { name: "", group: null, facilitator: false },
}: {
  conns: Record<string, DocConnection>;
  workshop: Workshop;
  activity: ScaleActivity;
  editableFor(g: Group): boolean;
  /** Who is looking: written with a new reason (the server stamps it anyway), and whether they may remove any. */
  who?: Who;
}) {
  const editing = useUi((s) => s.editing);
  const conn = editing ? conns[editing.groupId] : undefined;
  const group = workshop.groups.find((g) => g.id === editing?.groupId);
  if (!editing || !conn || !group) return null;
  return (
    <EditorFor
      key={editing.noteId}
      doc={conn.doc}
      noteId={editing.noteId}
      activity={activity}
      group={group}
      editable={editableFor(group)}
      anonymous={workshop.meta.anonymous}
      why={editing.why === true}
      who={who}
      groups={workshop.groups}
    />
  );
}

interface Who {
  name: string;
  group: GroupId | null;
  facilitator: boolean;
}

function EditorFor({
  doc,
  noteId,
  activity,
  group,
  editable,
  anonymous,
  why,
  who,
  groups,
}: {
  doc: Y.Doc;
  noteId: NoteId;
  activity: ScaleActivity;
  group: Group;
  editable: boolean;
  anonymous: boolean;
  why: boolean;
  who: Who;
  groups: readonly Group[];
}) {
  const note = useNote(laneStore(doc), noteId);
  if (!note) return null;
  return (
    <NoteEditor
      doc={doc}
      note={note}
      activity={activity}
      groupName={group.name}
      editable={editable}
      anonymous={anonymous}
      extra={
        <WhyHere
          doc={doc}
          noteId={noteId}
          editable={editable}
          canRemove={who.facilitator}
          anonymous={anonymous}
          groupName={(id) => groups.find((g) => g.id === id)?.name ?? ""}
          author={who.name}
          authorGroup={who.facilitator ? null : who.group}
          initiallyOpen={why}
        />
      }
    />
  );
}

/** The card under the finger, with where it would land. */
export function DragCard({ rightLabel }: { rightLabel: string }) {
  const drag = useUi((s) => s.drag);
  const x = useDragX((s) => s.x);
  const { t } = useTranslation();
  if (!drag) return null;
  return (
    <div className="note drag-card" aria-hidden="true">
      <span className="note-text">{drag.text}</span>
      {x === null ? (
        <span className="note-meta">{t("scale.letGo")}</span>
      ) : (
        <PositionTape x={x} rightLabel={rightLabel} />
      )}
    </div>
  );
}

/** Stands for the number in the position sentence, to split the sentence around it. */
const NUMBER = "\u2063#\u2063";
const ALL_POSITIONS = Array.from({ length: 101 }, (_, i) => i);

/**
 * "34 of 100 towards set in stone", where the number is a strip of every value from 0 to 100 behind a window
 * one line tall, slid to the value by a transform. Why not just the words: any change of text on the page, even
 * in the card under the finger, has the browser paint the whole page again, and a lane of hundreds of notes is
 * many screens to paint; on a slow tablet that cost a frame on every move. A transform of its own layer costs
 * no painting, so the card follows the finger and shows the exact value on every frame.
 */
function PositionTape({ x, rightLabel }: { x: number; rightLabel: string }) {
  const { t } = useTranslation();
  // The words around the number change with the language and the scale, not with the finger's moves.
  const [before = "", after = ""] = useMemo(
    () => t("scale.position", { x: NUMBER, right: rightLabel.toLocaleLowerCase() }).split(NUMBER),
    [t, rightLabel],
  );
  const value = clampPosition(x);
  return (
    <span className="note-meta">
      {before}
      <span className="tape-window">
        <span className="tape" style={{ transform: `translateY(${-value * TAPE_LINE}em)` }}>
          {ALL_POSITIONS.map((n) => (
            <span key={n}>{n}</span>
          ))}
        </span>
      </span>
      {after}
    </span>
  );
}

/** One line of the strip, in em: the same as `.tape-window`'s height in scale.css. */
const TAPE_LINE = 1.3;
