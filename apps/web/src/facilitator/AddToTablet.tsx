/**
 * The facilitator adds someone to a shared tablet (PEOPLE-4): name and group here, and the server joins that
 * person (`POST /api/workshops/<id>/people` with the facilitator's token); this shows their own link as a QR
 * code. Scanned with the tablet's camera (or opened there), it adds the person to the tablet's "Who's
 * writing?" list and makes them the one writing, without the code; whoever was on the tablet stays in its
 * list. It is the same link as "Use this on your phone too": anyone who opens it writes as that person, so
 * it is shown once, for this tablet, and hidden again when the form is used for someone else.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import type { Group } from "@continuum/model";
import { type JoinResponse, LIMITS } from "@continuum/protocol";
import { type FormEvent, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { api, failureMessage } from "../api.ts";
import { links } from "../app/router.ts";
import type { Session } from "../session.ts";
import { GroupChoice } from "../ui/GroupChoice.tsx";
import { useQrCode } from "../ui/qr.ts";

export function AddToTablet({
  session,
  groups,
  onAdded,
}: {
  session: Session;
  groups: readonly Group[];
  onAdded(): void;
}) {
  const [name, setName] = useState("");
  const [group, setGroup] = useState(groups.length === 1 ? (groups[0]?.id ?? "") : "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<JoinResponse | null>(null);
  const { t } = useTranslation();
  const url = added
    ? links.continueAs(
        location.origin,
        session.workshopId,
        added.participantId,
        added.participantKey,
        session.joinCode,
      )
    : null;
  const qr = useQrCode(url, 320);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !group) return;
    setBusy(true);
    setError(null);
    try {
      setAdded(await api.addPerson(session.workshopId, session.token, { name: name.trim(), group }));
      setName("");
      onAdded();
    } catch (err) {
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="add-to-tablet" aria-labelledby="add-to-tablet-title">
      <h3 id="add-to-tablet-title">{t("tablet.heading")}</h3>
      <p className="hint">{t("tablet.hint")}</p>
      {added && url ? (
        <div className="add-to-tablet-code">
          <p>
            <Trans
              i18nKey="tablet.joined"
              values={{ name: added.name, group: added.groupName }}
              components={{ b: <strong /> }}
            />
          </p>
          {qr ? (
            <img className="you-qr" src={qr} alt={t("tablet.qrAlt", { name: added.name })} />
          ) : (
            <p className="hint">{t("you.making")}</p>
          )}
          <p className="hint">
            {t("tablet.scanWarning", { name: added.name })}{" "}
            <a href={url} target="_blank" rel="noreferrer">
              {t("tablet.openLink")}
            </a>
          </p>
          <button type="button" className="btn" onClick={() => setAdded(null)}>
            {t("tablet.done")}
          </button>
        </div>
      ) : (
        <form className="add-to-tablet-form" onSubmit={(e) => void submit(e)}>
          <label className="field">
            <span>{t("tablet.name")}</span>
            <input
              value={name}
              maxLength={LIMITS.name}
              autoComplete="off"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <GroupChoice
            legend={t("who.group")}
            name="add-to-tablet-group"
            groups={groups}
            value={group}
            onChange={setGroup}
          />
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="btn primary" disabled={busy || !name.trim() || !group}>
            {busy ? t("tablet.adding") : t("tablet.add")}
          </button>
        </form>
      )}
    </section>
  );
}
