/**
 * "Read aloud" (issue 17): for people who find reading, or writing, hard. The device's own speech synthesis
 * reads the text: no server, nothing leaves the device. One thing is read at a time: a new request stops the
 * one before.
 *
 * Each part is read in its own language, so the device picks a voice that pronounces it: the workshop's own
 * words (notes, titles, prompts, aspects, material) in the workshop's language (`meta.language`, which the
 * facilitator sets; a board below `<WorkshopLanguage>` knows it), the app's own words (an instruction such
 * as "The scale goes from …") in the page's (`<html lang>`). A Welsh workshop's notes are read in Welsh on
 * a tablet whose app is in English.
 */
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** Something to read: the workshop's own words, unless `app` says they are the app's (the page's language). */
export interface ReadPart {
  readonly text: string | null | undefined;
  readonly app?: boolean;
}

/** One utterance: what the device says, and in which language. */
export interface Utterance {
  readonly text: string;
  readonly lang: string;
}

const WorkshopLanguageContext = createContext<string | null>(null);

/**
 * Gives the workshop's language to every Read aloud button below (the boards of a participant, the cockpit
 * and the room's screen); outside one, the workshop's words are read in the page's language.
 */
export function WorkshopLanguage({
  lang,
  children,
}: {
  lang: string | null | undefined;
  children: ReactNode;
}) {
  return <WorkshopLanguageContext.Provider value={lang ?? null}>{children}</WorkshopLanguageContext.Provider>;
}

const supported = (): boolean =>
  typeof window !== "undefined" && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;

/** A part read as a sentence ("Title? Prompt." not "Title?. Prompt"); empty stays empty. */
const asSentence = (p: string | null | undefined): string => {
  const t = p?.trim() ?? "";
  return !t || /[.?!:…]$/.test(t) ? t : `${t}.`;
};

/**
 * What to say for `what`: a text on its own is the workshop's words, read as written; parts are read as
 * sentences, each in its language, neighbours in the same language as one utterance (so a reading in one
 * language sounds as it always did).
 */
export function utterances(
  what: string | readonly ReadPart[],
  workshopLang: string | null,
  pageLang: string,
): Utterance[] {
  const content = workshopLang ?? pageLang;
  if (typeof what === "string") return what.trim() ? [{ text: what, lang: content }] : [];
  const out: { text: string; lang: string }[] = [];
  for (const part of what) {
    const text = asSentence(part.text);
    if (!text) continue;
    const lang = part.app ? pageLang : content;
    const last = out.at(-1);
    if (last && last.lang === lang) last.text = `${last.text} ${text}`;
    else out.push({ text, lang });
  }
  return out;
}

const pageLanguage = (): string => document.documentElement.lang || "en";

/** Reads the utterances aloud, one after another; `onEnd` is called when the last finishes or any is stopped. */
export function speak(what: string | readonly Utterance[], onEnd?: () => void): void {
  if (!supported()) return;
  window.speechSynthesis.cancel();
  const list = typeof what === "string" ? [{ text: what, lang: pageLanguage() }] : what;
  list.forEach((said, i) => {
    const u = new SpeechSynthesisUtterance(said.text);
    u.lang = said.lang;
    if (onEnd) {
      if (i === list.length - 1) u.onend = onEnd;
      u.onerror = onEnd;
    }
    window.speechSynthesis.speak(u);
  });
}

/**
 * A button that reads `text` aloud, and stops it when pressed again: a string is the workshop's own words;
 * parts mix them with the app's (see `ReadPart`). `what` completes its name for screen readers when a page
 * has several ("Read aloud: the note Quicker for patients").
 */
export function ReadAloud({
  text,
  what,
  small = false,
}: {
  text: string | readonly ReadPart[];
  what?: string;
  small?: boolean;
}) {
  const [reading, setReading] = useState(false);
  const { t } = useTranslation();
  const workshopLang = useContext(WorkshopLanguageContext);
  const readingNow = useRef(false);
  readingNow.current = reading;
  // Leaving the screen stops the reading that this button started (and only that).
  useEffect(
    () => () => {
      if (readingNow.current) window.speechSynthesis?.cancel();
    },
    [],
  );
  const hasWords = typeof text === "string" ? text.trim() !== "" : text.some((p) => p.text?.trim());
  if (!supported() || !hasWords) return null;
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
        const said = utterances(text, workshopLang, pageLanguage());
        if (said.length === 0) return;
        setReading(true);
        speak(said, () => setReading(false));
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
