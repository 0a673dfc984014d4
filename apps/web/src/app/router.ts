/**
 * A tiny router: five routes do not justify a dependency. Paths are real URLs (the server falls back to
 * index.html), so a join link from a QR code opens straight on the join page.
 */
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

if (typeof window !== "undefined") window.addEventListener("popstate", notify);

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.scrollTo?.(0, 0);
  notify();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The current path (without query or fragment), re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export type Route =
  | { name: "start" }
  | { name: "join"; code: string }
  | { name: "board"; workshopId: string }
  | { name: "present"; workshopId: string }
  | { name: "results"; slug: string }
  | { name: "notFound" };

export function matchRoute(path: string): Route {
  if (path === "/" || path === "") return { name: "start" };
  const join = /^\/join(?:\/([^/]+))?\/?$/.exec(path);
  if (join) return { name: "join", code: decodeURIComponent(join[1] ?? "") };
  const board = /^\/w\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  if (board?.[1]) return { name: "board", workshopId: board[1] };
  const present = /^\/w\/([A-Za-z0-9_-]{1,64})\/present\/?$/.exec(path);
  if (present?.[1]) return { name: "present", workshopId: present[1] };
  const results = /^\/results\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  if (results?.[1]) return { name: "results", slug: results[1] };
  return { name: "notFound" };
}

/** Links people share. The facilitator key goes in the fragment, which browsers never send to a server. */
export const links = {
  join: (origin: string, code: string) => `${origin}/join/${code}`,
  board: (origin: string, workshopId: string) => `${origin}/w/${workshopId}`,
  withKey: (origin: string, workshopId: string, key: string, code?: string | null) =>
    `${origin}/w/${workshopId}#key=${encodeURIComponent(key)}${code ? `&code=${code}` : ""}`,
  /**
   * A participant's own link, to carry on as the same person on their phone: their id and key in the
   * fragment (never sent to a server, so never in its logs), read once and removed from the address bar.
   */
  continueAs: (
    origin: string,
    workshopId: string,
    participantId: string,
    key: string,
    code?: string | null,
  ) =>
    `${origin}/w/${workshopId}#participant=${encodeURIComponent(participantId)}&pkey=${encodeURIComponent(key)}${code ? `&code=${code}` : ""}`,
  /** The room's screen: a read-only observer token (never a key), and the code to show. */
  present: (origin: string, workshopId: string, roomToken: string, code?: string | null) =>
    `${origin}/w/${workshopId}/present#token=${encodeURIComponent(roomToken)}${code ? `&code=${code}` : ""}`,
};

/** The manifest's `start_url`: the app as launched from a device's home screen. */
export const HOME_SCREEN_START = "/?from=home-screen";

/**
 * Where a page load should really start: launched from the home screen, into the workshop this device had
 * open last (or the start page, without the marker); otherwise where it is. Null: stay.
 */
export function launchPath(pathname: string, search: string, last: string | null): string | null {
  if (pathname !== "/" || new URLSearchParams(search).get("from") !== "home-screen") return null;
  return last ? `/w/${last}` : "/";
}
