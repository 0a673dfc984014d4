/**
 * A chart (pros, cons and implications of one aspect) or a prompt board (a column per prompt): notes in
 * columns, added, edited, moved between columns and reordered by touch, pen, mouse (@dnd-kit) and keyboard
 * (focus a note's "Move" button: arrows up and down reorder, left and right move between columns, Home and
 * End go to the top or bottom). Each note says which group wrote it, in words. Dot voting when the
 * facilitator opens it; counts appear only after the facilitator reveals them.
 *
 * Pure React over the Y.Docs passed in: no routing, no providers needed around it.
 */
import {
  addChartNote,
  addColumn,
  attribute,
  type BoardActivity,
  type ChartActivity,
  type Column,
  type ColumnId,
  editChartNote,
  type Group,
  getActivity,
  LIMITS,
  listGroups,
  moveChartNote,
  moveColumn,
  type NoteId,
  placeDot,
  readMeta,
  removeChartNote,
  removeColumn,
  renameColumn,
  takeBackDot,
  type Voting,
  workshopView,
} from "@continuum/model";
import {
  type ActivityId,
  type DocName,
  decideAccess,
  type GroupId,
  isId,
  type Role,
  type WorkshopId,
} from "@continuum/protocol";
import {
  DndContext,
  type DragEndEvent,
  PointerSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  createContext,
  type FormEvent,
  type KeyboardEvent,
  memo,
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import type * as Y from "yjs";
import {
  type ChartStore,
  chartStore,
  useChartNote,
  useColumnNoteIds,
  useDocSelector,
  useLayout,
  useNoteDots,
  useVotes,
} from "./store.ts";
import "./activities.css";

/** Who is looking: enough to decide what they may do and to sign their notes and dots. */
export interface ActivityMe {
  /** Display name, written on notes (hidden from others in anonymous workshops). */
  name: string;
  /** The participant's group; null for the facilitator and observers. */
  groupId: GroupId | null;
  role: Role;
  /** A stable id for this person's dots (must match the id pattern: letters, digits, `_`, `-`). */
  voterId: string;
}

export interface ChartBoardProps {
  workshopDoc: Y.Doc;
  /** The chart's (or board's) own document, `chartDocName` / `boardDocName`. */
  chartDoc: Y.Doc;
  activityId: ActivityId;
  me: ActivityMe;
  /** Look without changing anything (looking back at an earlier activity, or a read-only connection). */
  readOnly?: boolean;
}

type ListActivity = ChartActivity | BoardActivity;

interface BoardContext {
  workshopDoc: Y.Doc;
  store: ChartStore;
  activity: ListActivity;
  columns: readonly Column[];
  editable: boolean;
  canVote: boolean;
  voting: Voting;
  me: ActivityMe;
  groups: readonly Group[];
  anonymous: boolean;
  sortByDots: boolean;
  moveHintId: string;
  announce(text: string): void;
  /** Moves a note with the keyboard; returns the sentence announced. */
  keyboardMove(id: NoteId, key: string): void;
  focusRequest: { current: NoteId | null };
}

const Ctx = createContext<BoardContext | null>(null);
function useBoard(): BoardContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("outside a chart board");
  return ctx;
}

/** Mouse and pen pick a note up after a few pixels; fingers use the touch sensor (a short press). */
class MouseAndPenSensor extends PointerSensor {
  static override activators = [
    {
      eventName: "onPointerDown" as const,
      handler: ({ nativeEvent }: ReactPointerEvent) =>
        nativeEvent.pointerType !== "touch" && nativeEvent.isPrimary && nativeEvent.button === 0,
    },
  ];
}

/** Whether this person may write the activity's document now, by the same rules the server applies. */
function mayWrite(doc: Y.Doc, kind: "chart" | "board", activityId: ActivityId, me: ActivityMe): boolean {
  const workshopId = readMeta(doc).id;
  if (!workshopId) return me.role === "facilitator";
  const name: DocName = { kind, workshopId: workshopId as WorkshopId, activityId };
  const who = { workshopId: workshopId as WorkshopId, role: me.role, group: me.groupId, name: me.name };
  return decideAccess(name, who, workshopView(doc)).access === "write";
}

export function ChartBoard(props: ChartBoardProps) {
  return <NotesBoard {...props} kind="chart" />;
}

/** A prompt board: a chart without "about"; the facilitator may run dot voting on it too. */
export function PromptBoard(props: ChartBoardProps) {
  return <NotesBoard {...props} kind="board" />;
}

function NotesBoard({
  workshopDoc,
  chartDoc,
  activityId,
  me,
  readOnly = false,
  kind,
}: ChartBoardProps & { kind: "chart" | "board" }) {
  const activity = useDocSelector(workshopDoc, `activity:${activityId}`, (d) => {
    const a = getActivity(d, activityId);
    return a && a.kind === kind ? a : undefined;
  });
  const writable = useDocSelector(workshopDoc, `write:${kind}:${activityId}:${me.role}:${me.groupId}`, (d) =>
    mayWrite(d, kind, activityId, me),
  );
  const anonymous = useDocSelector(workshopDoc, "anonymous", (d) => readMeta(d).anonymous);
  const groups = useDocSelector(workshopDoc, "groups", listGroups);
  const store = chartStore(chartDoc);
  const [announcement, setAnnouncement] = useState("");
  const [sortByDots, setSortByDots] = useState(false);
  const moveHintId = useId();
  const focusRequest = useRef<NoteId | null>(null);

  const editable = writable && !readOnly;
  const voting = activity?.voting;
  const canVote = !!voting?.open && editable && isId(me.voterId);
  const columns = activity?.columns;

  const keyboardMove = useCallback(
    (id: NoteId, key: string) => {
      if (!columns) return;
      const layout = store.getLayout().byColumn;
      const note = store.getNote(id);
      if (!note) return;
      const from = columns.findIndex((c) => c.id === note.columnId);
      const list = layout.get(note.columnId) ?? [];
      const index = list.indexOf(id);
      let toColumn = from;
      let toIndex = index;
      if (key === "ArrowUp") toIndex = index - 1;
      else if (key === "ArrowDown") toIndex = index + 1;
      else if (key === "Home") toIndex = 0;
      else if (key === "End") toIndex = list.length - 1;
      else if (key === "ArrowLeft") toColumn = from < 0 ? columns.length - 1 : from - 1;
      else if (key === "ArrowRight") toColumn = from < 0 ? 0 : from + 1;
      const target = columns[toColumn];
      if (!target) return;
      if (toColumn !== from) {
        const size = (layout.get(target.id) ?? []).length;
        toIndex = Math.min(Math.max(0, index), size);
      } else if (toIndex < 0 || toIndex >= list.length || toIndex === index) {
        setAnnouncement(toIndex < 0 ? "Already at the top." : "Already at the bottom.");
        return;
      }
      focusRequest.current = id;
      moveChartNote(chartDoc, id, target.id, toIndex);
      const size = (store.getLayout().byColumn.get(target.id) ?? []).length;
      const position = (store.getLayout().byColumn.get(target.id) ?? []).indexOf(id) + 1;
      setAnnouncement(`Moved “${note.text || "note"}” to ${target.title}, ${position} of ${size}.`);
    },
    [columns, store, chartDoc],
  );

  const ctx = useMemo<BoardContext | null>(
    () =>
      activity && voting && columns
        ? {
            workshopDoc,
            store,
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
            keyboardMove,
            focusRequest,
          }
        : null,
    [
      workshopDoc,
      activity,
      voting,
      columns,
      store,
      editable,
      canVote,
      me,
      groups,
      anonymous,
      sortByDots,
      moveHintId,
      keyboardMove,
    ],
  );

  const sensors = useSensors(
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 180, tolerance: 8 } }),
  );

  if (!activity || !ctx || !columns || !voting) {
    return (
      <p className="hint" role="status">
        This activity is not on the agenda any more.
      </p>
    );
  }

  const onDragEnd = (event: DragEndEvent) => {
    const noteId = event.active.data.current?.noteId as NoteId | undefined;
    const over = event.over?.data.current as { columnId: ColumnId; noteId?: NoteId } | undefined;
    if (!noteId || !over || !editable) return;
    const layout = store.getLayout().byColumn;
    const note = store.getNote(noteId);
    if (!note) return;
    const others = (layout.get(over.columnId) ?? []).filter((n) => n !== noteId);
    let index = others.length;
    if (over.noteId && over.noteId !== noteId) {
      index = others.indexOf(over.noteId);
      const own = layout.get(over.columnId) ?? [];
      // Dragged down within its own column: it lands after the note it was dropped on.
      if (note.columnId === over.columnId && own.indexOf(noteId) < own.indexOf(over.noteId)) index++;
    } else if (over.noteId === noteId) return;
    moveChartNote(chartDoc, noteId, over.columnId, index);
    const title = columns.find((c) => c.id === over.columnId)?.title ?? "the column";
    setAnnouncement(`Moved “${note.text || "note"}” to ${title}.`);
  };

  const heading = activity.kind === "chart" ? "Chart" : "Prompt board";
  const isFacilitator = me.role === "facilitator" && !readOnly;
  return (
    <Ctx.Provider value={ctx}>
      <section className="activity-board" aria-label={`${heading}: ${activity.title}`}>
        <header className="activity-head">
          <h2>{activity.title}</h2>
          {activity.kind === "chart" && activity.about.text && (
            <p className="activity-about">
              <span className="activity-about-label">About: </span>
              {activity.about.text}
            </p>
          )}
          {activity.prompt && <p className="hint">{activity.prompt}</p>}
          {!editable && (
            <p className="activity-readonly" role="note">
              {readOnly ? "Looking back: read only." : "You can look at this, but not change it now."}
            </p>
          )}
          <VoteStatus />
        </header>
        <p id={moveHintId} className="sr-only">
          Arrow up and down move the note within its column; arrow left and right move it to the next column.
        </p>
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          <div className="chart-columns">
            {columns.map((c, i) => (
              <ColumnView key={c.id} column={c} index={i} count={columns.length} manage={isFacilitator} />
            ))}
            <OrphanNotes />
          </div>
        </DndContext>
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
              Sort by dots
            </button>
          </div>
        )}
        <p className="sr-only" role="status" aria-live="polite">
          {announcement}
        </p>
      </section>
    </Ctx.Provider>
  );
}

function VoteStatus() {
  const { store, voting, me, canVote } = useBoard();
  const votes = useVotes(store, me.voterId, voting.budget);
  if (!voting.open && !voting.revealed) return null;
  const left = Math.max(0, voting.budget - votes.used);
  return (
    <p className="vote-status" role="status">
      {voting.open ? "Dot voting is open. " : "Dot voting is closed. "}
      {canVote && `You have ${left} of ${voting.budget} ${voting.budget === 1 ? "dot" : "dots"} left. `}
      {voting.revealed ? "The counts are shown." : "Counts are hidden until the facilitator shows them."}
    </p>
  );
}

function ColumnView({
  column,
  index,
  count,
  manage,
}: {
  column: Column;
  index: number;
  count: number;
  manage: boolean;
}) {
  const { store, editable, sortByDots, voting, me } = useBoard();
  const ids = useColumnNoteIds(store, column.id);
  const votes = useVotes(store, me.voterId, voting.budget);
  const shown = useMemo(() => {
    if (!sortByDots) return ids;
    return ids
      .map((id, i) => ({ id, i, c: votes.counts.get(id) ?? 0 }))
      .sort((a, b) => b.c - a.c || a.i - b.i)
      .map((x) => x.id);
  }, [ids, sortByDots, votes]);
  const { setNodeRef, isOver } = useDroppable({ id: `column:${column.id}`, data: { columnId: column.id } });
  const headingId = useId();
  return (
    <section
      className={`chart-column${isOver ? " is-over" : ""}`}
      aria-labelledby={headingId}
      data-column-id={column.id}
    >
      <ColumnHeading column={column} headingId={headingId} index={index} count={count} manage={manage} />
      <ol ref={setNodeRef} className="chart-notes" aria-label={`Notes in ${column.title}`}>
        {shown.map((id) => (
          <NoteView key={id} id={id} columnId={column.id} />
        ))}
        {shown.length === 0 && <li className="chart-empty">No notes yet.</li>}
      </ol>
      {editable && <AddNote column={column} />}
    </section>
  );
}

function ColumnHeading({
  column,
  headingId,
  index,
  count,
  manage,
}: {
  column: Column;
  headingId: string;
  index: number;
  count: number;
  manage: boolean;
}) {
  const { activity, workshopDoc } = useBoard();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(column.title);
  const [confirmRemove, setConfirmRemove] = useState(false);
  // Columns live in the workshop document, which only the facilitator writes: only they get these controls.
  if (!manage) return <h3 id={headingId}>{column.title}</h3>;
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim()) renameColumn(workshopDoc, activity.id, column.id, title.trim());
    setRenaming(false);
  };
  return (
    <div className="column-head">
      {renaming ? (
        <form onSubmit={save} className="inline-form">
          <label className="field">
            Column heading
            <input value={title} maxLength={LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <button type="submit" className="btn small primary">
            Save heading
          </button>
          <button type="button" className="btn small" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <h3 id={headingId}>{column.title}</h3>
      )}
      <div className="actions">
        {!renaming && (
          <button
            type="button"
            className="btn small"
            aria-label={`Rename column ${column.title}`}
            onClick={() => {
              setTitle(column.title);
              setRenaming(true);
            }}
          >
            Rename
          </button>
        )}
        <button
          type="button"
          className="btn small"
          aria-label={`Move column ${column.title} left`}
          disabled={index === 0}
          onClick={() => moveColumn(workshopDoc, activity.id, column.id, index - 1)}
        >
          ←
        </button>
        <button
          type="button"
          className="btn small"
          aria-label={`Move column ${column.title} right`}
          disabled={index === count - 1}
          onClick={() => moveColumn(workshopDoc, activity.id, column.id, index + 1)}
        >
          →
        </button>
        {confirmRemove ? (
          <>
            <button
              type="button"
              className="btn small danger"
              aria-label={`Remove it: column ${column.title}`}
              onClick={() => removeColumn(workshopDoc, activity.id, column.id)}
            >
              Remove it
            </button>
            <button type="button" className="btn small" onClick={() => setConfirmRemove(false)}>
              Keep
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn small danger"
            aria-label={`Remove column ${column.title}`}
            onClick={() => setConfirmRemove(true)}
          >
            Remove
          </button>
        )}
      </div>
    </div>
  );
}

const NoteView = memo(function NoteView({ id, columnId }: { id: NoteId; columnId: ColumnId }) {
  const {
    store,
    editable,
    canVote,
    voting,
    me,
    groups,
    anonymous,
    moveHintId,
    keyboardMove,
    focusRequest,
    announce,
  } = useBoard();
  const note = useChartNote(store, id);
  const dots = useNoteDots(store, id, me.voterId, voting.budget);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const [confirmRemove, setConfirmRemove] = useState(false);
  const handle = useRef<HTMLButtonElement | null>(null);
  const drag = useDraggable({ id: `note:${id}`, data: { noteId: id }, disabled: !editable || editing });
  const drop = useDroppable({ id: `on:${id}`, data: { columnId, noteId: id } });

  useEffect(() => {
    if (focusRequest.current === id && handle.current) {
      handle.current.focus();
      focusRequest.current = null;
    }
  });

  if (!note) return null;
  const who = attribute(note, groups, anonymous);
  const label = note.text || "Empty note";

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    keyboardMove(id, e.key);
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    editChartNote(store.doc, id, { text: text.trim() });
    setEditing(false);
    announce("Note saved.");
  };
  const setRefs = (el: HTMLLIElement | null) => drop.setNodeRef(el);

  return (
    <li
      ref={setRefs}
      className={`chart-note colour-${note.colour}${drag.isDragging ? " is-dragging" : ""}${drop.isOver ? " is-over" : ""}`}
    >
      {editing ? (
        <form onSubmit={save} className="inline-form">
          <label className="field">
            Edit note
            <textarea value={text} maxLength={LIMITS.noteText} onChange={(e) => setText(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="btn small primary" disabled={!text.trim()}>
              Save
            </button>
            <button type="button" className="btn small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="chart-note-text">{label}</p>
      )}
      <p className="chart-note-by">
        <span className="sr-only">From </span>
        {who.byline}
      </p>
      {voting.revealed && (
        <p className="chart-note-dots">
          {dots.total} {dots.total === 1 ? "dot" : "dots"}
        </p>
      )}
      <div className="actions">
        {editable && !editing && (
          <button
            type="button"
            ref={(el) => {
              handle.current = el;
              drag.setNodeRef(el);
            }}
            {...drag.attributes}
            {...drag.listeners}
            className="btn small move-handle"
            aria-label={`Move note: ${label}`}
            aria-describedby={moveHintId}
            onKeyDown={onKeyDown}
          >
            Move
          </button>
        )}
        {editable && !editing && (
          <button
            type="button"
            className="btn small"
            aria-label={`Edit note: ${label}`}
            onClick={() => {
              setText(note.text);
              setEditing(true);
            }}
          >
            Edit
          </button>
        )}
        {editable &&
          !editing &&
          (confirmRemove ? (
            <>
              <button
                type="button"
                className="btn small danger"
                aria-label={`Remove it: note ${label}`}
                onClick={() => removeChartNote(store.doc, id)}
              >
                Remove it
              </button>
              <button type="button" className="btn small" onClick={() => setConfirmRemove(false)}>
                Keep
              </button>
            </>
          ) : (
            <button
              type="button"
              className="btn small danger"
              aria-label={`Remove note: ${label}`}
              onClick={() => setConfirmRemove(true)}
            >
              Remove
            </button>
          ))}
        {canVote && (
          <>
            <button
              type="button"
              className="btn small"
              aria-label={`Add a dot to: ${label}`}
              onClick={() => {
                if (!placeDot(store.doc, id, me.voterId, voting.budget))
                  announce(`You have used all ${voting.budget} of your dots. Take one back to move it.`);
              }}
            >
              Add a dot
            </button>
            <button
              type="button"
              className="btn small"
              aria-label={`Take back a dot from: ${label}`}
              disabled={dots.mine === 0}
              onClick={() => takeBackDot(store.doc, id, me.voterId)}
            >
              Take back a dot
            </button>
            <span className="my-dots">
              Your dots here: <strong>{dots.mine}</strong>
            </span>
          </>
        )}
      </div>
    </li>
  );
});

function AddNote({ column }: { column: Column }) {
  const { store, me, announce } = useBoard();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  if (!open) {
    return (
      <button type="button" className="btn add-note" onClick={() => setOpen(true)}>
        Add a note to {column.title}
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    addChartNote(store.doc, { columnId: column.id, text: text.trim(), author: me.name, groupId: me.groupId });
    setText("");
    announce(`Note added to ${column.title}.`);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label className="field">
        Your note for {column.title}
        <textarea value={text} maxLength={LIMITS.noteText} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="btn small primary" disabled={!text.trim()}>
          Add note
        </button>
        <button type="button" className="btn small" onClick={() => setOpen(false)}>
          Done
        </button>
      </div>
    </form>
  );
}

/** Notes whose column was removed: kept, so the facilitator can move them into a column. */
function OrphanNotes() {
  const { store, columns } = useBoard();
  const layout = useLayout(store);
  const orphanColumns = [...layout.byColumn.keys()].filter((c) => !columns.some((col) => col.id === c));
  if (orphanColumns.length === 0) return null;
  return (
    <section className="chart-column orphans" aria-label="Notes from removed columns">
      <h3>Notes from removed columns</h3>
      <ol className="chart-notes">
        {orphanColumns.map((c) => (
          <OrphanColumn key={c} columnId={c as ColumnId} />
        ))}
      </ol>
    </section>
  );
}

function OrphanColumn({ columnId }: { columnId: ColumnId }) {
  const { store } = useBoard();
  const ids = useColumnNoteIds(store, columnId);
  return (
    <>
      {ids.map((id) => (
        <NoteView key={id} id={id} columnId={columnId} />
      ))}
    </>
  );
}

function AddColumn({
  activityId,
  workshopDoc,
  kind,
}: {
  activityId: ActivityId;
  workshopDoc: Y.Doc;
  kind: "chart" | "board";
}) {
  const [title, setTitle] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    addColumn(workshopDoc, activityId, title.trim());
    setTitle("");
  };
  return (
    <form onSubmit={submit} className="inline-form add-column">
      <label className="field">
        {kind === "chart" ? "New column heading" : "New prompt"}
        <input value={title} maxLength={LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <button type="submit" className="btn small" disabled={!title.trim()}>
        Add column
      </button>
    </form>
  );
}
