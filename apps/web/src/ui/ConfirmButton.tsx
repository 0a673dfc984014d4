import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export interface ConfirmButtonProps {
  /** The first button's words ("Remove"). */
  children: ReactNode;
  /** Its accessible name, when the words alone do not say what it removes. */
  label?: string;
  /** The second press that does it ("Remove it"), and its accessible name. */
  confirm: string;
  confirmLabel?: string;
  /** The way back ("Keep"), and its accessible name. */
  keep?: string;
  keepLabel?: string;
  small?: boolean;
  disabled?: boolean;
  /** What will happen, shown (and given as the second button's description) while asking. */
  explain?: ReactNode;
  /** Back to the first button after doing it (for actions that leave the button on screen). */
  resetOnConfirm?: boolean;
  onConfirm(): void;
}

/** A destructive action asked twice: "Remove", then "Remove it" or "Keep". */
export function ConfirmButton({
  children,
  label,
  confirm,
  confirmLabel,
  keep,
  keepLabel,
  small = false,
  disabled,
  resetOnConfirm = false,
  explain,
  onConfirm,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const { t } = useTranslation();
  const explainId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  // The first button is gone once asking: focus goes to "Keep" rather than being lost to the page (and not
  // to the destructive answer, which a repeated key press would then choose).
  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);
  const btn = small ? "btn small" : "btn";
  if (!asking) {
    return (
      <button
        type="button"
        className={`${btn} danger`}
        aria-label={label}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {children}
      </button>
    );
  }
  return (
    <>
      {explain ? (
        <p className="confirm-explain" id={explainId}>
          {explain}
        </p>
      ) : null}
      <button
        type="button"
        className={`${btn} danger`}
        aria-label={confirmLabel}
        aria-describedby={explain ? explainId : undefined}
        onClick={() => {
          onConfirm();
          if (resetOnConfirm) setAsking(false);
        }}
      >
        {confirm}
      </button>
      <button
        type="button"
        className={btn}
        aria-label={keepLabel}
        ref={keepRef}
        onClick={() => setAsking(false)}
      >
        {keep ?? t("common.keep")}
      </button>
    </>
  );
}
