import { describe, expect, it } from "vitest";
import {
  csvField,
  csvFile,
  neutralise,
  type SnapshotScaleActivity,
  toComparisonCsv,
  toCsv,
  type WorkshopSnapshot,
} from "../src/index.ts";
import { fixtureSnapshot } from "./fixture.ts";
import { parseCsv } from "./parseCsv.ts";

describe("CSV cells", () => {
  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r\nlf")).toBe('"cr\r\nlf"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
  });
  it("neutralises text cells that would run as formulas, and only text cells", () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutralise("+1")).toBe("'+1");
    expect(neutralise("-5 sessions")).toBe("'-5 sessions");
    expect(neutralise("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralise("\tx")).toBe("'\tx");
    expect(neutralise("a=b")).toBe("a=b");
    expect(csvField(-5)).toBe("-5");
    expect(csvField("=1,2")).toBe('"\'=1,2"');
  });
  it("keeps emoji and right-to-left text as they are, in UTF-8 with a BOM", () => {
    const file = csvFile(["h"], [["🙂 good 👍🏽"], ["مرحبا بالعالم"], ["שלום, עולם"]]);
    expect(file.startsWith("\uFEFFh\r\n")).toBe(true);
    expect(parseCsv(file)).toEqual([["h"], ["🙂 good 👍🏽"], ["مرحبا بالعالم"], ["שלום, עולם"]]);
    const bytes = new TextEncoder().encode(file);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe("CSV files", () => {
  function hostile(): WorkshopSnapshot {
    const s = fixtureSnapshot();
    const activities = s.activities.map((a) => {
      if (a.kind !== "scale") return a;
      const lanes = a.lanes.map((l, i) =>
        i !== 0
          ? l
          : {
              ...l,
              notes: [
                ...l.notes,
                {
                  ...(l.notes[0] as SnapshotScaleActivity["lanes"][0]["notes"][0]),
                  id: "nevil",
                  aspectId: null,
                  text: '=cmd|" /C calc"!A0',
                  x: 0,
                },
                {
                  ...(l.notes[0] as SnapshotScaleActivity["lanes"][0]["notes"][0]),
                  id: "nmulti",
                  aspectId: null,
                  text: 'line one\nline "two", three',
                  x: 100,
                },
                {
                  ...(l.notes[0] as SnapshotScaleActivity["lanes"][0]["notes"][0]),
                  id: "nrtl",
                  aspectId: null,
                  text: "مكان الاجتماع 🏠",
                  x: 12.345,
                },
              ],
            },
      );
      return { ...a, lanes } as SnapshotScaleActivity;
    });
    return {
      ...s,
      groups: s.groups.map((g, i) => (i === 0 ? { ...g, name: "@group, one" } : g)),
      activities,
    } as WorkshopSnapshot;
  }

  it("every row reads back with the same cells, injections neutralised", () => {
    const rows = parseCsv(toCsv(hostile()));
    const header = rows[0] as string[];
    const col = (name: string) => header.indexOf(name);
    const byId = new Map(rows.slice(1).map((r) => [r[col("note_id")], r]));
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    expect(byId.get("nevil")?.[col("note")]).toBe(`'=cmd|" /C calc"!A0`);
    expect(byId.get("nevil")?.[col("position")]).toBe("0");
    expect(byId.get("nmulti")?.[col("note")]).toBe('line one\nline "two", three');
    expect(byId.get("nrtl")?.[col("note")]).toBe("مكان الاجتماع 🏠");
    expect(byId.get("nrtl")?.[col("position")]).toBe("12.3");
    expect(byId.get("nrtl")?.[col("group")]).toBe("'@group, one");
  });

  it("the comparison neutralises a group name used as a header", () => {
    const rows = parseCsv(toComparisonCsv(hostile()));
    expect(rows[0]?.slice(4, 6)).toEqual(["'@group, one", "PPI contributors"]);
    expect(rows.find((r) => r[2] === '\'=cmd|" /C calc"!A0')?.slice(4, 7)).toEqual(["0", "", ""]);
  });
});
