/**
 * The facilitator's "Removed notes": notes participants removed from this chart or board, which the server
 * keeps (OWN-3), each with "Put back" (restoreNote) to return it where it was with its dots' note id.
 * Participants cannot write the archive, so this is the facilitator's alone. Each says whose it was: the
 * group, and the name when the workshop shows names.
 */

import { attribute, listRemovedNotes, restoreNote } from "@continuum/model";
import { useTranslation } from "react-i18next";
import { readerStore } from "../../sync/docStore.ts";
import { useStoreValue } from "../../sync/useDocStore.ts";
import { useBoard } from "./context.ts";

export function RemovedNotes() {
  const { chart, announce, groups, anonymous } = useBoard();
  const notes = useStoreValue(readerStore(chart.doc, listRemovedNotes), (s) => s);
  const { t } = useTranslation();
  if (notes.length === 0) return null;
  return (
    <details className="removed-notes">
      <summary>{t("forms.removedNotes", { count: notes.length })}</summary>
      <ul>
        {notes.map((n) => (
          <li key={n.id}>
            <span>
              <q>{n.text || t("note.empty")}</q>
              <span className="hint">
                {" "}
                {t("forms.by", {
                  // Its writer's group, and their name unless the workshop is anonymous (ANON-1): the
                  // server keeps none there, and a name from before the switch would not be shown.
                  author: attribute(n, groups, anonymous, {
                    facilitator: t("byline.facilitator"),
                    removedGroup: t("byline.removedGroup"),
                  }).byline,
                })}
              </span>
            </span>
            <button
              type="button"
              className="btn small"
              aria-label={t("forms.putBackLabel", { text: n.text || t("note.empty") })}
              onClick={() => {
                if (restoreNote(chart.doc, n.id)) announce(t("column.putBack", { text: n.text }));
              }}
            >
              {t("forms.putBack")}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
