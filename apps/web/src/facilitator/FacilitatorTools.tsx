/**
 * Everything only the facilitator sees: how people join, and the controls of the current activity. Loaded
 * lazily, with the QR code library, so participants' tablets never download it.
 */
import type { Activity, Workshop } from "@continuum/model";
import type * as Y from "yjs";
import type { Session } from "../session.ts";
import { Controls } from "./Controls.tsx";
import { SharePanel } from "./SharePanel.tsx";

export default function FacilitatorTools({
  doc,
  workshop,
  session,
  activity,
}: {
  doc: Y.Doc;
  workshop: Workshop;
  session: Session;
  activity: Activity | null;
}) {
  return (
    <div className="facilitator">
      <SharePanel session={session} />
      <Controls doc={doc} workshop={workshop} activity={activity} />
    </div>
  );
}
