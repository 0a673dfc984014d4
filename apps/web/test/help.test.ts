/** Issue 17: larger text kept per device and put on <html>; what "Read aloud" reads for a heading and prompt. */
import { describe, expect, it } from "vitest";
import { utterances } from "../src/ui/ReadAloud.tsx";
import { applyTextSize, setLargerText } from "../src/ui/textSize.ts";

describe("larger text", () => {
  it("is put on <html> and kept by the device", () => {
    setLargerText(true);
    expect(document.documentElement.dataset.text).toBe("larger");
    expect(localStorage.getItem("continuum.largerText")).toBe("1");
    delete document.documentElement.dataset.text;
    applyTextSize();
    expect(document.documentElement.dataset.text).toBe("larger");
    setLargerText(false);
    expect(document.documentElement.dataset.text).toBeUndefined();
    expect(localStorage.getItem("continuum.largerText")).toBeNull();
  });
});

describe("read aloud", () => {
  it("reads parts as sentences, leaving out empty ones", () => {
    expect(
      utterances(
        [{ text: "Which aspects are discretionary?" }, { text: "Place each aspect" }, { text: "" }],
        "en",
        "en",
      ),
    ).toEqual([{ text: "Which aspects are discretionary? Place each aspect.", lang: "en" }]);
    expect(utterances("  ", "cy", "en")).toEqual([]);
  });

  it("reads the workshop's words in the workshop's language and the app's in the page's", () => {
    // A Welsh workshop on a tablet whose app is in English: the note in Welsh, as written.
    expect(utterances("Lleoliad y cyfarfodydd", "cy", "en")).toEqual([
      { text: "Lleoliad y cyfarfodydd", lang: "cy" },
    ]);
    expect(
      utterances(
        [
          { text: "Pa agweddau sy'n ddewisol?" },
          { text: "Gosodwch bob agwedd" },
          { text: "The scale goes from About choice to Set in stone", app: true },
        ],
        "cy",
        "en",
      ),
    ).toEqual([
      { text: "Pa agweddau sy'n ddewisol? Gosodwch bob agwedd.", lang: "cy" },
      { text: "The scale goes from About choice to Set in stone.", lang: "en" },
    ]);
    // Outside a workshop (no language known), everything is read in the page's language.
    expect(
      utterances([{ text: "About:", app: true }, { text: "Patients may refer themselves" }], null, "cy"),
    ).toEqual([{ text: "About: Patients may refer themselves.", lang: "cy" }]);
  });
});
