/**
 * A scale's history of moves from the server (`GET /api/workshops/<id>/moves`, HIST-2): every group's for the
 * facilitator, the revealed groups' (and one's own) for everyone else.
 */

import type { MoveEntry, MovesResponse } from "@continuum/protocol";
import { useCallback, useEffect, useState } from "react";
import { failureMessage, getApiBase } from "../../../api.ts";
import { apiMessage } from "../../../i18n/errors.ts";
import { i18n } from "../../../i18n/i18n.ts";

export type MovesState =
  | { status: "loading" }
  | { status: "ready"; moves: readonly MoveEntry[]; groups: readonly string[] }
  | { status: "error"; message: string };

export async function fetchMoves(
  workshopId: string,
  activityId: string,
  token: string,
): Promise<MovesResponse> {
  const url = `${getApiBase()}/api/workshops/${encodeURIComponent(workshopId)}/moves?activity=${encodeURIComponent(activityId)}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new Error(failureMessage(err));
  }
  const body = (await res.json().catch(() => null)) as
    | (MovesResponse & { error?: { message?: string; code?: string } })
    | null;
  if (!res.ok || !body || !Array.isArray(body.moves)) {
    throw new Error(
      body?.error?.message ? apiMessage(body.error.code ?? "", body.error.message) : i18n.t("replay.failed"),
    );
  }
  return body;
}

/** Loads the moves when `enabled`; `reload` asks again (the discussion may have gone on). */
export function useMoves(
  enabled: boolean,
  workshopId: string,
  activityId: string,
  token: string,
): { state: MovesState; reload(): void } {
  const [state, setState] = useState<MovesState>({ status: "loading" });
  const [asked, setAsked] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `asked` is the reload button's counter: a new value asks again.
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setState({ status: "loading" });
    fetchMoves(workshopId, activityId, token).then(
      (body) => live && setState({ status: "ready", moves: body.moves, groups: body.groups }),
      (err: unknown) =>
        live && setState({ status: "error", message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [enabled, workshopId, activityId, token, asked]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return { state, reload };
}
