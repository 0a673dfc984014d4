/**
 * Issue 17: when the offer of a new version may appear (`app/update.ts`), and where the installed app opens
 * (`launchPath`).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { dragInProgress, markDragEnded, markDragStarted } from "../src/activities/scale/dragGuard.ts";
import { launchPath } from "../src/app/router.ts";
import {
  mayOffer,
  newVersionWaiting,
  offerLater,
  setActivityOnScreen,
  useUpdate,
} from "../src/app/update.ts";

const offered = () => mayOffer(useUpdate.getState(), dragInProgress());

describe("the offer of a new version", () => {
  beforeEach(() => {
    useUpdate.setState({ waiting: false, heldFor: null, onScreen: null, later: false, apply: null });
    markDragEnded();
  });

  it("waits for the next activity when it arrives during one", () => {
    setActivityOnScreen("scale-1");
    newVersionWaiting(async () => {});
    expect(offered()).toBe(false);
    setActivityOnScreen("chart-1");
    expect(offered()).toBe(true);
  });

  it("is offered at once where no activity is on screen (start page, joining)", () => {
    expect(offered()).toBe(false);
    newVersionWaiting(async () => {});
    expect(offered()).toBe(true);
  });

  it("is held while a drag is in progress, and comes back when it ends", () => {
    newVersionWaiting(async () => {});
    markDragStarted();
    expect(offered()).toBe(false);
    markDragEnded();
    expect(offered()).toBe(true);
  });

  it("'Later' puts it away until another activity is on screen", () => {
    setActivityOnScreen("scale-1");
    newVersionWaiting(async () => {});
    setActivityOnScreen("chart-1");
    offerLater();
    expect(offered()).toBe(false);
    setActivityOnScreen("scale-1");
    expect(offered()).toBe(true);
  });
});

describe("launched from the home screen", () => {
  it("opens the workshop this device had open last, or the start page", () => {
    expect(launchPath("/", "?from=home-screen", "abc123")).toBe("/w/abc123");
    expect(launchPath("/", "?from=home-screen", null)).toBe("/");
    // Anything else is left where it is: a start page opened in a browser tab stays the start page.
    expect(launchPath("/", "", "abc123")).toBeNull();
    expect(launchPath("/join/ABC", "?from=home-screen", "abc123")).toBeNull();
  });
});
