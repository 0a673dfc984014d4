/**
 * The app's words in the person's language (issue 17), with i18next and react-i18next.
 *
 * English is bundled and set up synchronously at import, so every component (and every test that renders
 * one) has its words without waiting; any other language is a catalogue of its own that Vite puts in a lazy
 * chunk (`import("./cy.ts")`), fetched only by a device that uses it, so the first load stays small.
 *
 * The words only lazily loaded screens use are a part of the catalogue of their own (the facilitator's words:
 * `en.facilitator.ts`, `cy.facilitator.ts`, added by `facilitatorWords.ts`), so a participant's device never
 * downloads them: the English part is added when a module that uses it is evaluated (`addPart`), and the
 * lazy import of such a screen awaits `partsReady()`, which fetches the part in the device's language first.
 *
 * The language follows the device: a choice made with the "Language / Iaith" control (kept per device in
 * localStorage), else the first of the browser's languages (`navigator.languages`) the app has, else English.
 * It sets <html lang> and <html dir>. What people wrote in the workshop (titles, aspects, notes, prompts) is
 * never translated: only the app's own words are here.
 */
import i18next from "i18next";
import { useSyncExternalStore } from "react";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";

/** The languages a person can choose, each named in itself. */
export const LANGUAGES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "cy", name: "Cymraeg", dir: "ltr" },
] as const;

/**
 * A test language, never offered in the control: English words laid out right to left (as Chromium's own
 * "ar-XB" pseudo-locale), so a browser test proves the layout works for Arabic or Urdu before anyone
 * translates them. Chosen only by storing it (`continuum.language` = "ar-XB").
 */
export const PSEUDO_RTL = "ar-XB";

export type Language = (typeof LANGUAGES)[number]["code"] | typeof PSEUDO_RTL;

const KEY = "continuum.language";

/** Each language's catalogue loader: a dynamic import, so each is a chunk of its own. */
const loaders: Record<Exclude<Language, "en">, () => Promise<Record<string, unknown>>> = {
  cy: () => import("./cy.ts").then((m) => m.cy),
  [PSEUDO_RTL]: async () => en,
};

const isLanguage = (s: string | null | undefined): s is Language =>
  s === PSEUDO_RTL || LANGUAGES.some((l) => l.code === s);

export const dirOf = (lang: string): "ltr" | "rtl" =>
  lang === PSEUDO_RTL || /^(ar|ur|fa|he|ps|sd|ug|yi|ckb|dv)(-|$)/i.test(lang) ? "rtl" : "ltr";

function stored(): Language | null {
  try {
    const s = globalThis.localStorage?.getItem(KEY);
    return isLanguage(s) ? s : null;
  } catch {
    return null;
  }
}

/** The first of the browser's languages the app has, by its primary subtag ("cy-GB" is Welsh). */
export function fromBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    const found = LANGUAGES.find((l) => l.code === base);
    if (found) return found.code;
  }
  return "en";
}

/** The language this device should use now. */
export function deviceLanguage(): Language {
  return stored() ?? fromBrowser(globalThis.navigator?.languages ?? []);
}

void i18next.use(initReactI18next).init({
  lng: "en",
  fallbackLng: "en",
  resources: { en: { translation: en } },
  // English is here already: no waiting, so the first render (and a test's) has its words.
  initAsync: false,
  // React escapes what it renders; escaping again would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
});

let current: Language = "en";
const listeners = new Set<() => void>();

function applyToPage(lang: Language): void {
  if (typeof document === "undefined") return;
  document.documentElement.lang = lang === PSEUDO_RTL ? "ar" : lang;
  document.documentElement.dir = dirOf(lang);
}

type Loader = () => Promise<Record<string, unknown>>;
/** The catalogue's parts added so far, each with its loader per language other than English. */
const parts = new Map<string, Record<Exclude<Language, "en" | typeof PSEUDO_RTL>, Loader>>();
/** "cy:facilitator" once that part is in the catalogue. */
const partsLoaded = new Set<string>();

/**
 * Adds a part of the catalogue: its English words at once (deep, beside the main catalogue's keys, which it
 * never repeats), and how to fetch it in each other language, which `partsReady` and `setLanguage` do.
 */
export function addPart(name: string, english: Record<string, unknown>, others: Record<"cy", Loader>): void {
  if (parts.has(name)) return;
  parts.set(name, others);
  i18next.addResourceBundle("en", "translation", english, true, false);
}

/** Fetches every added part in `lang` that is not in the catalogue yet. */
async function loadParts(lang: Language): Promise<void> {
  if (lang === "en" || lang === PSEUDO_RTL) return;
  await Promise.all(
    [...parts].map(async ([name, others]) => {
      if (partsLoaded.has(`${lang}:${name}`)) return;
      i18next.addResourceBundle(lang, "translation", await others[lang](), true, false);
      partsLoaded.add(`${lang}:${name}`);
    }),
  );
}

/**
 * Resolves once every added part is in the catalogue in this device's language: a lazy screen awaits it
 * after importing its module, so it never shows a key, or English in Welsh, while its words load (its
 * Suspense fallback shows meanwhile).
 */
export async function partsReady(): Promise<void> {
  try {
    await loadParts(current);
  } catch {
    // Offline and never fetched (the service worker precaches every chunk, so this is rare): that part's
    // words in English (the fallback language) rather than no screen at all.
  }
}

/** Switches the app to `lang`, fetching its catalogue first; `remember` keeps the choice on this device. */
export async function setLanguage(lang: Language, remember = true): Promise<void> {
  try {
    if (lang !== "en" && !i18next.hasResourceBundle(lang, "translation")) {
      i18next.addResourceBundle(lang, "translation", await loaders[lang]());
    }
    // The parts a screen already open uses (the cockpit's words when its language is changed there).
    await loadParts(lang);
  } catch {
    // Offline and never fetched (the service worker precaches every chunk, so this is rare): unchanged.
    return;
  }
  if (remember) {
    try {
      globalThis.localStorage?.setItem(KEY, lang);
    } catch {
      // Storage refused: the choice lasts for this page.
    }
  }
  current = lang;
  // The pseudo-locale has English words: i18next looks them up under "en" and the page says "rtl".
  await i18next.changeLanguage(lang === PSEUDO_RTL ? "en" : lang);
  applyToPage(lang);
  for (const l of listeners) l();
}

/** Before the first render: this device's language, so nothing appears in English first. */
export function startLanguage(): Promise<void> {
  return setLanguage(deviceLanguage(), false);
}

export function currentLanguage(): Language {
  return current;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, () => current);
}

/**
 * The locale for dates and numbers ("ar-XB" formats as English, its words are English). The English catalogue is British English, written for UK meetings: a bare
 * "en" would format dates the American way in most browsers ("February 9, 2023").
 */
export const intlLocale = (lang: Language = current): string =>
  lang === PSEUDO_RTL || lang === "en" ? "en-GB" : lang;

export const i18n = i18next;

/** A meeting date (`YYYY-MM-DD`, a calendar day with no time zone) as the language writes it: "9 February 2023". */
export function formatDay(day: string, lang: Language = current): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: "long", timeZone: "UTC" }).format(d);
}
