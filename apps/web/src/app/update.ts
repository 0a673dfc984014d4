/**
 * A new version of the app, picked up without breaking a running workshop (issue 17).
 *
 * The service worker (vite-plugin-pwa, `registerType: "prompt"`) installs a new version in the background and
 * leaves it waiting: the page keeps running the version it started with until the person chooses "Reload".
 * The offer appears only when it cannot get in anyone's way:
 * - never while a drag is in progress (a note under a finger; `dragInProgress`), and
 * - on a workshop's screen, only between activities: once the activity on screen is another one than when
 *   the new version arrived, or when no activity is on screen (the start page, joining, the room's screen
 *   between activities). Someone in the middle of placing notes is not asked to reload.
 *
 * Framework-free apart from zustand, so tests drive it without a service worker; `main.tsx` connects it to
 * `virtual:pwa-register`.
 */
import { useSyncExternalStore } from "react";
import { create } from "zustand";
import { dragInProgress, markDragEnded, subscribeDragging } from "../activities/scale/dragGuard.ts";

/** Not on an activity's screen. */
const NONE = null;

interface UpdateState {
  /** A new version is installed and waiting. */
  waiting: boolean;
  /** The activity on screen when the new version arrived (the offer waits until it is another one). */
  heldFor: string | null;
  /** The activity this screen shows now, or null when it shows none. */
  onScreen: string | null;
  /** The person said "Later": not offered again until the screen shows another activity. */
  later: boolean;
  /** Activates the waiting version; the page reloads when it has taken over. */
  apply: (() => Promise<void>) | null;
}

export const useUpdate = create<UpdateState>()(() => ({
  waiting: false,
  heldFor: NONE,
  onScreen: NONE,
  later: false,
  apply: null,
}));

/** Called when the service worker has a new version waiting. */
export function newVersionWaiting(apply: () => Promise<void>): void {
  const { onScreen } = useUpdate.getState();
  useUpdate.setState({ waiting: true, heldFor: onScreen, apply });
}

/** The workshop screen says which activity it shows (null when it leaves, or shows none). */
export function setActivityOnScreen(activityId: string | null): void {
  if (useUpdate.getState().onScreen === activityId) return;
  // A board taken away in the middle of a drag (the facilitator moved everyone on) never reports the drag's
  // end: no drag survives a change of activity.
  if (dragInProgress()) markDragEnded();
  useUpdate.setState({ onScreen: activityId, later: false });
}

/** "Later": put the offer away until the screen shows another activity. */
export function offerLater(): void {
  useUpdate.setState((s) => ({ later: true, heldFor: s.onScreen }));
}

/** Whether the offer may be shown now, given the state and whether a drag is in progress. */
export function mayOffer(
  s: Pick<UpdateState, "waiting" | "heldFor" | "onScreen" | "later">,
  dragging: boolean,
): boolean {
  if (!s.waiting || s.later || dragging) return false;
  return s.onScreen === NONE || s.onScreen !== s.heldFor;
}

/** React: whether to show "A new version is ready — Reload" now. */
export function useUpdateOffer(): { show: boolean; reload(): void } {
  const state = useUpdate();
  const dragging = useSyncExternalStore(subscribeDragging, dragInProgress);
  return {
    show: mayOffer(state, dragging),
    reload: () => {
      // Without a waiting worker's handle (should not happen), a plain reload still picks up index.html.
      if (state.apply) void state.apply();
      else location.reload();
    },
  };
}

/** The registration's options (from `virtual:pwa-register`), kept to what the app uses. */
interface RegisterOptions {
  onNeedRefresh?: () => void;
  onRegisteredSW?: (url: string, registration: ServiceWorkerRegistration | undefined) => void;
}

/**
 * Registers the service worker. A long workshop day keeps one page open for hours, so the worker is also
 * asked for a new version every half hour (and whenever the device comes back online).
 */
export function startUpdates(
  register: (options: RegisterOptions) => (reloadPage?: boolean) => Promise<void>,
): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  const updateSW = register({
    onNeedRefresh: () => newVersionWaiting(() => updateSW(true)),
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      const check = () => {
        if (navigator.onLine) registration.update().catch(() => undefined);
      };
      setInterval(check, 30 * 60_000);
      window.addEventListener("online", check);
    },
  });
}
