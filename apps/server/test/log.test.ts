/**
 * The request log's path: nothing in it opens a workshop (share-back slugs, join codes), and no query string.
 */
import { describe, expect, it } from "vitest";
import { pathOnly } from "../src/log.ts";

describe("pathOnly", () => {
  it("keeps the route and drops what would open a workshop", () => {
    expect(pathOnly("/api/results/abcDEF123?x=1")).toBe("/api/results/[redacted]");
    expect(pathOnly("/results/abcDEF123")).toBe("/results/[redacted]");
    expect(pathOnly("/api/lookup/HV6NSD")).toBe("/api/lookup/[redacted]");
    expect(pathOnly("/join/HV6NSD")).toBe("/join/[redacted]");
    expect(pathOnly("/api/workshops/w1/export/csv?token=secret")).toBe("/api/workshops/w1/export/csv");
    expect(pathOnly(undefined)).toBe("");
  });
});
