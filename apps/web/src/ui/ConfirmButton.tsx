import { type ReactNode, useState } from "react";

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
  keep = "Keep",
  keepLabel,
  small = false,
  disabled,
  resetOnConfirm = false,
  onConfirm,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
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
      <button
        type="button"
        className={`${btn} danger`}
        aria-label={confirmLabel}
        onClick={() => {
          onConfirm();
          if (resetOnConfirm) setAsking(false);
        }}
      >
        {confirm}
      </button>
      <button type="button" className={btn} aria-label={keepLabel} onClick={() => setAsking(false)}>
        {keep}
      </button>
    </>
  );
}
