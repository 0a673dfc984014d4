import { useEffect } from "react";
import type { Session } from "../../session.ts";
import type { DocConnection } from "../../sync/connection.ts";
import { useDocConnection } from "../../sync/hooks.ts";
import { usePublishPresence } from "../../sync/presence.ts";

/** Opens one lane document while mounted and hands the connection up. */
export function LaneConnector({
  docName,
  token,
  role,
  groupId,
  onConn,
  user,
}: {
  docName: string;
  token: string;
  role: Session["role"];
  groupId: string;
  onConn(groupId: string, conn: DocConnection | null): void;
  user: Session;
}) {
  const conn = useDocConnection(docName, token, role, !(role === "participant" && user.group === groupId));
  useEffect(() => {
    onConn(groupId, conn);
    return () => onConn(groupId, null);
  }, [conn, groupId, onConn]);
  // Presence on the lane too, so a drag broadcast there carries the mover's name.
  usePublishPresence(conn?.awareness ?? null, {
    name: user.name,
    group: user.group,
    groupName: user.groupName,
    role: user.role,
  });
  return null;
}
