/** The agenda as both of its screens read it: the activities, the control state, the groups. */

import type { Activity, Control, Group } from "@continuum/model";
import type * as Y from "yjs";
import { i18n } from "../i18n/i18n.ts";
import { useWorkshopValue } from "../sync/useDocStore.ts";

/** How each kind is worked, in words for the agenda. */
export function kindLabel(a: Activity): string {
  if (a.kind === "scale") return i18n.t("agenda.kind.scale");
  if (a.kind === "chart") return i18n.t("agenda.kind.chart");
  return i18n.t("agenda.kind.board");
}

export const useActivities = (doc: Y.Doc): readonly Activity[] => useWorkshopValue(doc, (w) => w.activities);
export const useControl = (doc: Y.Doc): Control => useWorkshopValue(doc, (w) => w.control);
export const useGroups = (doc: Y.Doc): readonly Group[] => useWorkshopValue(doc, (w) => w.groups);
export const useAnonymous = (doc: Y.Doc): boolean => useWorkshopValue(doc, (w) => w.meta.anonymous);
