/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, closes on Escape and gives
 * focus back to the button that opened it. Used for what the facilitator does now and then (sharing,
 * editing the agenda, downloads), so the cockpit keeps the meeting on one screen.
 */

import { type ReactNode, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";

export function Dialog({
  title,
  open,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      if (typeof d.showModal === "function") d.showModal();
      else d.setAttribute("open", "");
    } else if (!open && d.open) {
      if (typeof d.close === "function") d.close();
      else d.removeAttribute("open");
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`cockpit-dialog${wide ? " wide" : ""}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onClose}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn" onClick={onClose}>
          {t("cockpit.close")}
        </button>
      </div>
      {open ? children : null}
    </dialog>
  );
}
