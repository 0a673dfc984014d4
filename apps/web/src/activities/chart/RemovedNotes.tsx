/**
 * The facilitator's "Removed notes": notes participants removed from this chart or board, which the server
 * keeps (OWN-3), each with "Put back" (restoreNote) to return it where it was with its dots' note id.
 * Participants cannot write the archive, so this is the facilitator's alone.
 */
import { listRemovedNotes, restoreNote } from "@continuum/model";
import { readerStore } from "../../sync/docStore.ts";
import { useStoreValue } from "../../sync/useDocStore.ts";
import { useBoard } from "./context.ts";

export function RemovedNotes() {
  const { chart, announce } = useBoard();
  const notes = useStoreValue(readerStore(chart.doc, listRemovedNotes), (s) => s);
  if (notes.length === 0) return null;
  return (
    <details className="removed-notes">
      <summary>Removed notes ({notes.length})</summary>
      <ul>
        {notes.map((n) => (
          <li key={n.id}>
            <span>
              <q>{n.text || "Empty note"}</q>
              {n.author && <span className="hint"> by {n.author}</span>}
            </span>
            <button
              type="button"
              className="btn small"
              aria-label={`Put back: ${n.text || "Empty note"}`}
              onClick={() => {
                if (restoreNote(chart.doc, n.id)) announce(`Put back “${n.text}”.`);
              }}
            >
              Put back
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
