import type { Group, ScaleActivity, Workshop } from "@continuum/model";
import type { NoteId } from "@continuum/protocol";
import type * as Y from "yjs";
import { useUi } from "../../app/ui.ts";
import type { DocConnection } from "../../sync/connection.ts";
import { positionText } from "./describe.ts";
import { laneStore, useNote } from "./laneStore.ts";
import { NoteEditor } from "./NoteEditor.tsx";

/** The sheet of the note whose editor is open, in whichever lane it is. */
export function EditorHost({
  conns,
  workshop,
  activity,
  editableFor,
}: {
  conns: Record<string, DocConnection>;
  workshop: Workshop;
  activity: ScaleActivity;
  editableFor(g: Group): boolean;
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
    />
  );
}

function EditorFor({
  doc,
  noteId,
  activity,
  group,
  editable,
  anonymous,
}: {
  doc: Y.Doc;
  noteId: NoteId;
  activity: ScaleActivity;
  group: Group;
  editable: boolean;
  anonymous: boolean;
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
    />
  );
}

/** The card under the finger, with where it would land. */
export function DragCard({ rightLabel }: { rightLabel: string }) {
  const drag = useUi((s) => s.drag);
  if (!drag) return null;
  return (
    <div className="note drag-card" aria-hidden="true">
      <span className="note-text">{drag.text}</span>
      <span className="note-meta">
        {drag.x === null ? "Let go on the scale" : positionText(drag.x, rightLabel)}
      </span>
    </div>
  );
}
