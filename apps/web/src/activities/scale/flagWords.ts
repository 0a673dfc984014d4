/**
 * The plain-language flags under each aspect ("Both groups see this as about choice"), worded from the
 * catalogues in the person's language. The model decides each finding and gives it as data (`aspectFlags`
 * in packages/model/src/stats.ts: kind, the groups' names, the side and the points); the exports word the
 * same data from their own catalogue in the workshop's language (packages/export/src/i18nResearch.ts).
 *
 * The scale's labels are the workshop's own words, never translated. English puts them inside the sentence
 * with a small first letter ("see this as about choice"), which the catalogue asks for with the
 * `inSentence` format; Welsh quotes them as written, since a Welsh sentence cannot safely lower-case or
 * mutate someone else's words.
 */
import { type FlagKind, labelInSentence, type ScaleLabels } from "@continuum/model";
import { i18n } from "../../i18n/i18n.ts";

i18n.services.formatter?.add("inSentence", (value: unknown) => labelInSentence(String(value ?? "")));

/** What a flag's sentence needs: the model's flag, or the share-back page's (groups by index). */
export interface FlagWords {
  readonly kind: FlagKind;
  /** The names of the groups the flag is about, in its order ("differ": the one towards the right first). */
  readonly names: readonly string[];
  readonly side?: "left" | "right";
  readonly points?: number;
}

/**
 * "a" and "b" joined: Welsh writes "ac" before a vowel ("Gweithwyr ac Ymchwilwyr"), so the catalogue has
 * the two forms (the same words in English).
 */
const pair = (a: string, b: string): string =>
  /^[aeiouwyâêîôûŵŷ]/i.test(b.trim())
    ? i18n.t("findings.pairVowel", { a, b })
    : i18n.t("findings.pair", { a, b });

/** One flag as a sentence in the person's language, without a closing full stop. */
export function flagText(f: FlagWords, labels: ScaleLabels): string {
  const [a = "", b = ""] = f.names;
  // "agree" and "middle" name every group that placed the aspect: two are "both", more are "all".
  const many = f.names.length > 2;
  const end = (side: "left" | "right" | undefined) => (side === "right" ? labels.right : labels.left);
  switch (f.kind) {
    case "agree":
      return many
        ? i18n.t("findings.agreeAll", { end: end(f.side) })
        : i18n.t("findings.agreeBoth", { end: end(f.side) });
    case "middle":
      return many ? i18n.t("findings.middleAll") : i18n.t("findings.middleBoth");
    case "differ":
      return i18n.t("findings.differ", { a, b, left: labels.left, right: labels.right });
    case "apart":
      return i18n.t("findings.apart", { count: f.points ?? 0, pair: pair(a, b) });
    case "wide-spread":
      return i18n.t("findings.wideSpread", { a });
    case "close-spread":
      return i18n.t("findings.closeSpread", { a });
    case "moved":
      return i18n.t("findings.moved", { a, count: f.points ?? 0, end: end(f.side) });
  }
}
