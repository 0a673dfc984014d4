import { useId } from "react";
import { LANGUAGES, type Language, PSEUDO_RTL, setLanguage, useLanguage } from "./i18n.ts";

/**
 * "Language / Iaith": the app's words in another language, on this device (kept in localStorage). Its label
 * is in both languages and each choice is named in itself ("Cymraeg"), so a person who cannot read the page
 * as it is still finds their own. A native select: the device's own picker on a tablet, keyboard as usual.
 */
export function LanguageSwitch({ className = "" }: { className?: string }) {
  const lang = useLanguage();
  const id = useId();
  return (
    <span className={`language-switch ${className}`.trim()}>
      <label htmlFor={id}>Language / Iaith</label>
      <select id={id} value={lang} onChange={(e) => void setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
        {/* The test language, listed only while it is the one in use, so it can be switched away from. */}
        {lang === PSEUDO_RTL ? <option value={PSEUDO_RTL}>RTL test (English)</option> : null}
      </select>
    </span>
  );
}
