/**
 * "Read aloud" (issue 17): for people who find reading, or writing, hard. The device's own speech synthesis
 * reads the text: no server, nothing leaves the device. The language is the page's (`<html lang>`), so the
 * device picks a voice for it. One thing is read at a time: a new request stops the one before.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

const supported = (): boolean =>
  typeof window !== "undefined" && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;

/** Parts read one after another as sentences ("Title? Prompt." not "Title?. Prompt"), empty ones left out. */
export function sentences(...parts: (string | null | undefined)[]): string {
  return parts
    .map((p) => p?.trim() ?? "")
    .filter(Boolean)
    .map((p) => (/[.?!:…]$/.test(p) ? p : `${p}.`))
    .join(" ");
}

/** Reads `text` aloud; `onEnd` is called when it finishes or is stopped. */
export function speak(text: string, onEnd?: () => void): void {
  if (!supported()) return;
  window.speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = document.documentElement.lang || "en";
  if (onEnd) {
    u.onend = onEnd;
    u.onerror = onEnd;
  }
  window.speechSynthesis.speak(u);
}

/**
 * A button that reads `text` aloud, and stops it when pressed again. `what` completes its name for screen
 * readers when a page has several ("Read aloud: the note Quicker for patients").
 */
export function ReadAloud({ text, what, small = false }: { text: string; what?: string; small?: boolean }) {
  const [reading, setReading] = useState(false);
  const { t } = useTranslation();
  const readingNow = useRef(false);
  readingNow.current = reading;
  // Leaving the screen stops the reading that this button started (and only that).
  useEffect(
    () => () => {
      if (readingNow.current) window.speechSynthesis?.cancel();
    },
    [],
  );
  if (!supported() || !text.trim()) return null;
  const label = reading ? t("readAloud.stop") : t("readAloud.read");
  return (
    <button
      type="button"
      className={`btn read-aloud${small ? " small" : ""}`}
      aria-label={what ? t("readAloud.what", { label, what }) : undefined}
      onClick={() => {
        if (reading) {
          window.speechSynthesis.cancel();
          setReading(false);
          return;
        }
        setReading(true);
        speak(text, () => setReading(false));
      }}
    >
      <svg aria-hidden="true" className="read-aloud-mark" viewBox="0 0 24 24" width="20" height="20">
        <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
        <path
          d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
      </svg>
      {label}
    </button>
  );
}
