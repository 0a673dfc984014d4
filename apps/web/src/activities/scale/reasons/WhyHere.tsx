/**
 * "Why here? (2)": the reasons behind a note's place, in the note's sheet (one tap on the note, or W on a
 * focused note). Anyone in the group adds a short reason while they talk; everyone reads them once the lane
 * is revealed. The server stamps each reason with its writer's group and name (REASON-1); the name is never
 * shown in an anonymous workshop.
 */

import { addReason, REASON_TEXT_MAX, type Reason, removeReason } from "@continuum/model";
import type { GroupId, NoteId } from "@continuum/protocol";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { useUi } from "../../../app/ui.ts";
import { i18n, intlLocale } from "../../../i18n/i18n.ts";
import { useReasons } from "./reasonsStore.ts";
import "./reasons.css";

export interface WhyHereProps {
  doc: Y.Doc;
  noteId: NoteId;
  /** Whether this person may add reasons (their group's lane, while they may change it). */
  editable: boolean;
  /** The facilitator may remove any reason (a slip, something unkind). */
  canRemove: boolean;
  anonymous: boolean;
  /** A group's name by id, for "Link workers · Ann · 10:42". */
  groupName(id: GroupId | null): string;
  /** This person's name and group, written with a new reason until the server stamps it. */
  author: string;
  authorGroup: GroupId | null;
  /** Open at once (W on a note). */
  initiallyOpen?: boolean;
}

export const timeOf = (ms: number): string =>
  ms > 0 ? new Date(ms).toLocaleTimeString(intlLocale(), { hour: "2-digit", minute: "2-digit" }) : "";

/** "Link workers · Ann · 10:42", without the name when anonymous. */
export function reasonByline(
  r: Reason,
  groupName: (id: GroupId | null) => string,
  anonymous: boolean,
): string {
  return [
    r.groupId === null ? i18n.t("start.facilitator") : groupName(r.groupId),
    anonymous ? "" : r.author,
    timeOf(r.createdAt),
  ]
    .filter(Boolean)
    .join(" · ");
}

export function WhyHere({
  doc,
  noteId,
  editable,
  canRemove,
  anonymous,
  groupName,
  author,
  authorGroup,
  initiallyOpen = false,
}: WhyHereProps) {
  const reasons = useReasons(doc, noteId);
  const [open, setOpen] = useState(initiallyOpen);
  const [text, setText] = useState("");
  const announce = useUi((s) => s.announce);
  const { t } = useTranslation();
  const panelId = useId();
  const inputRef = useRef<HTMLTextAreaElement | null>(null);
  const sectionRef = useRef<HTMLElement | null>(null);
  // Reasons this person added on this device: they may take one back at once (a typing slip).
  const [mine, setMine] = useState<string[]>([]);
  // Opened with W: the reasons are what the person asked for, so they come into view (and the input takes
  // focus when they may add one), below the note's own fields in the sheet.
  useEffect(() => {
    if (!(open && initiallyOpen)) return;
    sectionRef.current?.scrollIntoView({ block: "end" });
    if (editable) inputRef.current?.focus({ preventScroll: true });
  }, [open, initiallyOpen, editable]);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const id = addReason(doc, { noteId, text, author, groupId: authorGroup });
    if (!id) return;
    setMine((m) => [...m, id]);
    setText("");
    announce(t("why.added"));
  };

  return (
    <section className="why-here" aria-label={t("why.heading")} ref={sectionRef}>
      <button
        type="button"
        className="btn why-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {t("why.toggle", { count: reasons.length })}
      </button>
      <div id={panelId} hidden={!open} className="why-panel">
        {reasons.length === 0 ? (
          <p className="hint">{editable ? t("why.noneYet") : t("why.none")}</p>
        ) : (
          <ol className="why-list">
            {reasons.map((r) => (
              <li key={r.id}>
                <span className="why-text">{r.text}</span>
                <span className="why-by">{reasonByline(r, groupName, anonymous)}</span>
                {canRemove || mine.includes(r.id) ? (
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => {
                      removeReason(doc, r.id);
                      announce(t("why.removed"));
                    }}
                  >
                    {t("agenda.row.remove")}
                    <span className="sr-only"> {t("why.theReason", { text: r.text })}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {editable ? (
          <form className="why-add" onSubmit={add}>
            <label className="field">
              <span>{t("why.field")}</span>
              <textarea
                ref={inputRef}
                value={text}
                rows={2}
                maxLength={REASON_TEXT_MAX}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  // Enter adds, as in a chat; Shift+Enter starts a new line; Escape closes the sheet.
                  if (e.key === "Enter" && !e.shiftKey) add(e);
                  if (e.key === "Escape") useUi.getState().openEditor(null);
                }}
              />
            </label>
            <button type="submit" className="btn primary" disabled={!text.trim()}>
              {t("why.add")}
            </button>
          </form>
        ) : null}
      </div>
    </section>
  );
}
