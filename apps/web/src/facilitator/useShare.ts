/**
 * What the facilitator needs to let people in, on whichever device opened the private link: the join code
 * and a room-screen token, asked of the server (`GET /api/workshops/<id>/share`) and kept in the session.
 * The device that created the workshop already has the code; the room token is fetched there too.
 */
import { useEffect, useState } from "react";
import { api, failureMessage } from "../api.ts";
import { loadSession, type Session, saveSession, saveSummary } from "../session.ts";

export interface ShareInfo {
  joinCode: string | null;
  roomToken: string | null;
  closed: boolean;
  error: string | null;
}

export function useShare(session: Session): ShareInfo {
  const [info, setInfo] = useState<ShareInfo>({
    joinCode: session.joinCode,
    roomToken: session.roomToken ?? null,
    closed: false,
    error: null,
  });
  useEffect(() => {
    let live = true;
    api.share(session.workshopId, session.token).then(
      (res) => {
        if (!live) return;
        setInfo({
          joinCode: res.joinCode,
          roomToken: res.roomToken ?? null,
          closed: res.closedAt !== null,
          error: null,
        });
        const saved = loadSession(session.workshopId) ?? session;
        saveSession({
          ...saved,
          joinCode: res.joinCode,
          ...(res.roomToken ? { roomToken: res.roomToken } : {}),
        });
        if (res.closedAt !== null) saveSummary(session.workshopId, { status: "closed" });
      },
      (err) => live && setInfo((i) => ({ ...i, error: failureMessage(err) })),
    );
    return () => {
      live = false;
    };
  }, [session]);
  return info;
}
