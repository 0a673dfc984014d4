/** Issue 17: larger text kept per device and put on <html>; what "Read aloud" reads for a heading and prompt. */
import { describe, expect, it } from "vitest";
import { sentences } from "../src/ui/ReadAloud.tsx";
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
    expect(sentences("Which aspects are discretionary?", "Place each aspect", "", null)).toBe(
      "Which aspects are discretionary? Place each aspect.",
    );
    expect(sentences("Pros, cons and implications", "About: Patients may refer themselves")).toBe(
      "Pros, cons and implications. About: Patients may refer themselves.",
    );
  });
});
