/**
 * Writing a note for someone else (issue 17, OWN-4): a member unsure of writing says their thought aloud and
 * the facilitator or a neighbour types it. The note editor has a quiet "Writing for someone else?" (a
 * details element, as the GOV.UK Details component: clearly secondary, keyboard operable, nothing to learn)
 * that opens the person's name (optional) and, for the facilitator, their group; a participant writes only
 * for someone in their own group, which is shown, not chosen (the server credits their group whatever the
 * device says). An anonymous workshop asks for no name. The note then shows that person's group and name (no name in an anonymous workshop) and a
 * quiet line saying who typed it.
 */
import { LIMITS } from "@continuum/model";
import type { TFunction } from "i18next";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { GroupChoice } from "../../ui/GroupChoice.tsx";

export interface WrittenForState {
  open: boolean;
  name: string;
  /** The facilitator's choice; a participant's is their own group. */
  groupId: string;
  /** The facilitator tried to add a note without choosing a group. */
  missingGroup: boolean;
}

export const NOT_WRITTEN_FOR: WrittenForState = { open: false, name: "", groupId: "", missingGroup: false };

export function WrittenForFields({
  value,
  onChange,
  groups,
  ownGroup,
  anonymous,
}: {
  value: WrittenForState;
  onChange(next: WrittenForState): void;
  /** The groups the facilitator may credit; empty for a participant. */
  groups: readonly { id: string; name: string }[];
  /** A participant's own group's name; null for the facilitator. */
  ownGroup: string | null;
  /**
   * The workshop hides names (ANON-1): no name is asked for (the server would not keep it, OWN-4), and a
   * line says the note shows only their group.
   */
  anonymous: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <details
      className="written-for"
      open={value.open}
      onToggle={(e) => {
        const open = e.currentTarget.open;
        if (open !== value.open) onChange({ ...value, open, missingGroup: false });
      }}
    >
      <summary>
        <span className="written-for-toggle">{t("writtenFor.toggle")}</span>
      </summary>
      <div className="written-for-fields">
        <p className="hint">{t("writtenFor.intro")}</p>
        {anonymous ? (
          <p className="hint">{t("writtenFor.anonymous")}</p>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-name`}>{t("writtenFor.name")}</label>
            <span className="hint" id={`${id}-hint`}>
              {t("writtenFor.nameHint")}
            </span>
            <input
              id={`${id}-name`}
              value={value.name}
              maxLength={LIMITS.name}
              autoComplete="off"
              aria-describedby={`${id}-hint`}
              onChange={(e) => onChange({ ...value, name: e.target.value })}
            />
          </div>
        )}
        {ownGroup !== null ? (
          <p className="written-for-group">{t("writtenFor.groupFixed", { group: ownGroup })}</p>
        ) : (
          <div className={value.missingGroup ? "written-for-missing" : undefined}>
            {value.missingGroup && (
              <p className="error" role="alert">
                {t("writtenFor.chooseGroup")}
              </p>
            )}
            <GroupChoice
              legend={t("writtenFor.group")}
              name={`${id}-group`}
              groups={groups}
              value={value.groupId}
              onChange={(groupId) => onChange({ ...value, groupId, missingGroup: false })}
            />
          </div>
        )}
      </div>
    </details>
  );
}

/**
 * The quiet line under a note written for someone: who typed it, so the room knows. `showNames` false (an
 * anonymous workshop, on anyone's screen but the writer's) gives no name at all, only that it was written
 * for someone.
 */
export function scribeLine(
  t: TFunction,
  note: { readonly writtenFor?: string; readonly scribe?: string; readonly author: string },
  showNames: boolean,
): string | null {
  if (note.writtenFor === undefined) return null;
  const byFacilitator = note.scribe === "facilitator";
  const scribe = note.author.trim();
  if (!showNames || (!byFacilitator && scribe === ""))
    return byFacilitator ? t("writtenFor.forSomeoneByFacilitator") : t("writtenFor.forSomeone");
  if (note.writtenFor.trim() === "")
    return byFacilitator
      ? t("writtenFor.forSomeoneByFacilitator")
      : t("writtenFor.forSomeoneBy", { name: scribe });
  return byFacilitator ? t("writtenFor.byFacilitator") : t("writtenFor.by", { name: scribe });
}
