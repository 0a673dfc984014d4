/**
 * The API's errors in the person's language. The server words each error in English for people and gives it
 * a stable code (packages/protocol/src/api.ts `ApiError`, apps/server/src/http/errors.ts); the app shows the
 * catalogue's sentence for a code it knows, and the server's own sentence for a code it does not (a newer
 * server), so nothing is ever blank.
 *
 * Two codes cover many different sentences (`missing_field`, `invalid_field`: one per field, from the
 * request schemas): in English the server's sentence says exactly which field, so it is kept; in another
 * language the catalogue's general sentence is shown rather than English.
 */
import { CloseCode } from "@continuum/protocol";
import { en } from "./en.ts";
import { currentLanguage, i18n } from "./i18n.ts";

type ErrorCode = keyof typeof en.errors;

const PER_FIELD = new Set<string>(["missing_field", "invalid_field"]);

const isKnown = (code: string): code is ErrorCode => Object.hasOwn(en.errors, code);

/** The sentence to show for an API error with this code and the server's English `message`. */
export function apiMessage(code: string, message: string): string {
  if (!isKnown(code)) return message || i18n.t("errors.unreachable");
  if (PER_FIELD.has(code) && message && (currentLanguage() === "en" || currentLanguage() === "ar-XB")) {
    return message;
  }
  return i18n.t(`errors.${code}`);
}

/** Why the server closed a sync connection, in the person's language (`CloseCode`, packages/protocol). */
export function closeMessage(code: number): string {
  const key = (Object.keys(CloseCode) as (keyof typeof CloseCode)[]).find((k) => CloseCode[k] === code);
  return key ? i18n.t(`close.${key}`) : i18n.t("close.lost");
}
