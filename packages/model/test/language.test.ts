/** Issue 17: the exports' language, an optional meta field (absent is English, no migration). */
import { workshopDocName } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  initWorkshop,
  readMeta,
  readWorkshopContent,
  readWorkshopLanguage,
  setMeta,
  type WorkshopId,
  writeWorkshopContent,
} from "../src/index.ts";

const W = "w_language0000000" as WorkshopId;

function workshop(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { id: W, title: "Iaith", template: "blank", now: 1 });
  return doc;
}

describe("the workshop's language", () => {
  it("is English when absent, or anything but a language the exports have", () => {
    const doc = workshop();
    expect(readMeta(doc).language).toBe("en");
    expect(doc.getMap("meta").has("language")).toBe(false);
    for (const v of [undefined, null, "", "fr", "CY", 3, { lang: "cy" }])
      expect(readWorkshopLanguage(v)).toBe("en");
    expect(readWorkshopLanguage("cy")).toBe("cy");
  });
  it("is set by the facilitator, and English is stored as absent", () => {
    const doc = workshop();
    setMeta(doc, { language: "cy" });
    expect(readMeta(doc).language).toBe("cy");
    setMeta(doc, { language: "en" });
    expect(doc.getMap("meta").has("language")).toBe(false);
  });
  it("travels through an archive, and an English archive has no field for it", () => {
    const doc = workshop();
    const english = readWorkshopContent(doc, new Map([[workshopDocName(W), doc]]));
    expect("language" in english.meta).toBe(false);
    setMeta(doc, { language: "cy" });
    const welsh = readWorkshopContent(doc, new Map([[workshopDocName(W), doc]]));
    expect(welsh.meta.language).toBe("cy");
    const copy = writeWorkshopContent(welsh, W).get(workshopDocName(W));
    expect(copy && readMeta(copy).language).toBe("cy");
  });
});
