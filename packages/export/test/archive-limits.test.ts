/**
 * Imports that cannot hurt (issue 18, finding 1): anyone may send an archive, so one is refused quickly,
 * with a sentence a person can read, when it holds more than `LIMITS` allows, and an accepted one is
 * written in time and memory proportional to its size (a count of dots is never expanded per dot).
 */
import { importableVotes, LIMITS } from "@continuum/model";
import { describe, expect, it } from "vitest";
import {
  ARCHIVE_FORMAT,
  ArchiveError,
  importArchive,
  importArchiveUpdates,
  parseArchive,
  snapshotFromDocs,
  toJson,
} from "../src/index.ts";

const note = (i: number, votes = 0, text = "x") => ({ id: `n${i}`, columnId: "c1", text, votes });
const chart = (id: string, notes: unknown[], budget = 1) => ({
  id,
  kind: "chart",
  title: "Chart",
  voting: { open: false, revealed: true, budget },
  columns: [{ id: "c1", title: "Pros" }],
  notes,
});
const archive = (activities: unknown[], extra: Record<string, unknown> = {}) => ({
  format: ARCHIVE_FORMAT,
  schemaVersion: 2,
  exportedAt: "2024-01-01T00:00:00.000Z",
  workshop: { id: "wimport", title: "Import" },
  groups: [],
  activities,
  ...extra,
});

/** Runs `f`, which must throw an ArchiveError, and tells how long it took and how much the heap grew. */
function refused(f: () => unknown): { message: string; ms: number; heapMb: number } {
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  let message = "";
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ArchiveError);
    message = (err as Error).message;
  }
  const ms = performance.now() - started;
  expect(message).not.toBe("");
  return { message, ms, heapMb: (process.memoryUsage().heapUsed - heap) / 2 ** 20 };
}

describe("the 700-byte archive of issue 18", () => {
  // Warm up the code paths, so the timings below measure the work and not the first compilation.
  importArchive(archive([chart("awarm", [note(1, 1)])]));

  it("one chart note with a million dots is refused at once, before anything is built", () => {
    const text = JSON.stringify(archive([chart("aevil", [note(1, 1_000_000)])]));
    expect(text.length).toBeLessThan(700);
    const r = refused(() => importArchiveUpdates(text));
    expect(r.message).toBe(
      `This archive has 1,000,000 dots on one note; at most ${importableVotes(1).toLocaleString("en")} are allowed.`,
    );
    expect(r.ms).toBeLessThan(50);
    expect(r.heapMb).toBeLessThan(32);
  });

  it("eight such notes are refused as fast", () => {
    const notes = Array.from({ length: 8 }, (_, i) => note(i, 1_000_000));
    const text = JSON.stringify(archive([chart("aevil", notes)]));
    const r = refused(() => importArchiveUpdates(text));
    expect(r.message).toMatch(/1,000,000 dots on one note/);
    expect(r.ms).toBeLessThan(50);
    expect(r.heapMb).toBeLessThan(32);
  });

  it("the server's parse-then-import path refuses it too", () => {
    const parsed = JSON.parse(JSON.stringify(archive([chart("aevil", [note(1, 1_000_000)])])));
    expect(refused(() => parseArchive(parsed)).ms).toBeLessThan(50);
  });
});

describe("bounds of an import", () => {
  it("a count up to what the activity's voters could cast imports and exports back exactly", () => {
    for (const budget of [1, 3, 20]) {
      const most = importableVotes(budget);
      const json = toJson(parseArchive(archive([chart("acount", [note(1, most), note(2, 0)], budget)])));
      const imported = importArchive(json);
      const again = snapshotFromDocs(imported.workshopDoc, imported.docs, { now: Date.parse("2024-01-01") });
      expect(toJson(again)).toBe(json);
      // One entry per made-up voter: the count is not expanded per dot.
      const votes = [...imported.docs.values()].map((d) => d.getMap("votes").size).reduce((x, y) => x + y, 0);
      expect(votes).toBe(LIMITS.voters);
    }
  });

  it("refuses more dots on one chart than its voters could cast, and cuts nothing silently", () => {
    const half = Math.ceil(importableVotes(1) / 2) + 1;
    const r = refused(() => parseArchive(archive([chart("atotal", [note(1, half), note(2, half)])])));
    expect(r.message).toMatch(/dots on one chart or board; at most 500 are allowed/);
  });

  it("refuses too many activities, groups or notes, saying how many and how many are allowed", () => {
    const activities = Array.from({ length: LIMITS.activities + 1 }, (_, i) => chart(`a${i}`, []));
    expect(refused(() => parseArchive(archive(activities))).message).toBe(
      "This archive has 201 activities; at most 200 are allowed.",
    );
    const groups = Array.from({ length: LIMITS.archiveGroups + 1 }, (_, i) => ({ id: `g${i}`, name: "G" }));
    expect(refused(() => parseArchive(archive([], { groups }))).message).toMatch(/101 groups; at most 100/);
    const many = Array.from({ length: LIMITS.notesPerDocument + 1 }, (_, i) => note(i));
    expect(refused(() => parseArchive(archive([chart("amany", many)]))).message).toBe(
      "This archive has 2,001 notes on one lane, chart or board; at most 2,000 are allowed.",
    );
    const full = Array.from({ length: LIMITS.notesPerDocument }, (_, i) => note(i));
    const boards = Array.from({ length: LIMITS.archiveNotes / LIMITS.notesPerDocument }, (_, i) =>
      chart(`a${i}`, full),
    );
    expect(refused(() => parseArchive(archive([...boards, chart("aone", [note(1)])]))).message).toBe(
      "This archive has 10,001 notes; at most 10,000 are allowed.",
    );
  });

  it("refuses a text longer than the model keeps, counting characters as people do", () => {
    const long = "x".repeat(LIMITS.noteText + 1);
    expect(refused(() => parseArchive(archive([chart("along", [note(1, 0, long)])]))).message).toBe(
      "This archive has a note longer than 500 characters, the most Continuum keeps.",
    );
    // 500 emoji are 1000 UTF-16 units, and 500 characters.
    const emoji = "🙂".repeat(LIMITS.noteText);
    expect(parseArchive(archive([chart("aemoji", [note(1, 0, emoji)])])).activities).toHaveLength(1);
    const title = { id: "wimport", title: "t".repeat(LIMITS.title + 1) };
    expect(refused(() => parseArchive(archive([], { workshop: title }))).message).toMatch(
      /a workshop title longer/,
    );
  });

  it("refuses a file larger than LIMITS.archiveBytes before parsing it", () => {
    const big = " ".repeat(LIMITS.archiveBytes + 1);
    const r = refused(() => parseArchive(big));
    expect(r.message).toBe("This archive is larger than 16 MB, the most Continuum imports.");
    expect(r.ms).toBeLessThan(50);
    // Bytes, not characters: six million three-byte characters are 18 MB.
    expect(refused(() => parseArchive("€".repeat(6 * 2 ** 20))).message).toMatch(/larger than 16 MB/);
  });
});
