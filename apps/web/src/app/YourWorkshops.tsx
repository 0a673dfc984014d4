/**
 * "Your workshops" on the start page: the workshops this browser facilitates (kept on this device with
 * their private links), with their meeting date, status and how many people joined, and what a facilitator
 * does with one afterwards: continue, present, download the report, close it.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, failureMessage } from "../api.ts";
import { formatDay, i18n, partsReady } from "../i18n/i18n.ts";
import { listFacilitated, type Session, saveSession } from "../session.ts";
import { ConfirmButton } from "../ui/ConfirmButton.tsx";
import { navigate } from "./router.ts";

/** The PDF report, made by the server with the facilitator's token (the export code loads on first use). */
async function downloadReport(s: Session, say: (text: string) => void): Promise<void> {
  say(i18n.t("yours.making"));
  try {
    const { saveFile, serverFile } = await import("../facilitator/exporting.ts");
    // Its messages are the facilitator's words: in Welsh, that part of the catalogue is fetched first.
    await partsReady();
    const file = await serverFile(s, "pdf");
    saveFile(file.blob, file.name);
    say(i18n.t("yours.downloaded", { name: file.name }));
  } catch (err) {
    say(err instanceof Error ? err.message : i18n.t("yours.reportFailed"));
  }
}

/** Closes a workshop for everyone and marks it closed in the list. */
async function closeWorkshop(
  s: Session,
  setList: (next: Session[]) => void,
  say: (text: string) => void,
): Promise<void> {
  try {
    await api.close(s.workshopId, s.token);
    if (s.summary) saveSession({ ...s, summary: { ...s.summary, status: "closed" } });
    setList(listFacilitated());
    say(i18n.t("yours.closed", { title: s.summary?.title || i18n.t("common.theWorkshop") }));
  } catch (err) {
    say(failureMessage(err));
  }
}

/** The server's count of people who joined, or (offline, a link taken back) the most this device saw at once. */
function peopleText(joined: number | undefined, seen: number): string {
  if (joined !== undefined) return i18n.t("yours.joined", { count: joined });
  return i18n.t("yours.seen", { count: seen });
}

/**
 * How many people joined each workshop (not removed), asked of the server with the facilitator's token this
 * device keeps (`GET /api/workshops/<id>/participants`): the real number, not only who this device saw.
 */
function useJoinedCounts(list: readonly Session[]): Map<string, number> {
  const [counts, setCounts] = useState<Map<string, number>>(() => new Map());
  useEffect(() => {
    let live = true;
    for (const s of list) {
      if (s.summary?.status === "closed") continue;
      api.participants(s.workshopId, s.token).then(
        (res) => {
          if (!live) return;
          const n = res.participants.filter((p) => p.removedAt === null).length;
          setCounts((m) => new Map(m).set(s.workshopId, n));
        },
        () => undefined, // offline or a token taken back: the count this device saw stays
      );
    }
    return () => {
      live = false;
    };
  }, [list]);
  return counts;
}

/**
 * The workshops this browser facilitates (kept on this device with their private links): to come back to a
 * board left open between meetings, to present it, or to download its results.
 */
export function YourWorkshops() {
  const [list, setList] = useState(listFacilitated);
  const [message, setMessage] = useState("");
  const joined = useJoinedCounts(list);
  const { t } = useTranslation();
  if (list.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="yours-title">
      <h2 id="yours-title">{t("yours.heading")}</h2>
      <p className="hint">{t("yours.hint")}</p>
      <ul className="your-workshops">
        {list.map((s) => {
          const title = s.summary?.title || t("common.untitledWorkshop");
          const closed = s.summary?.status === "closed";
          return (
            <li key={s.workshopId} className="your-workshop">
              <div>
                <strong>{title}</strong>
                <span className="hint">
                  {[
                    s.summary?.date
                      ? t("yours.meeting", { date: formatDay(s.summary.date) })
                      : t("yours.noDate"),
                    t(`yours.status.${s.summary?.status ?? "running"}`),
                    peopleText(joined.get(s.workshopId), s.summary?.people ?? 0),
                  ].join(" · ")}
                </span>
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="btn primary"
                  aria-label={t("yours.continueLabel", { title })}
                  onClick={() => navigate(`/w/${s.workshopId}`)}
                >
                  {t("yours.continue")}
                </button>
                {s.roomToken && !closed ? (
                  <a
                    className="btn"
                    href={`/w/${s.workshopId}/present#token=${encodeURIComponent(s.roomToken)}${s.joinCode ? `&code=${s.joinCode}` : ""}`}
                    target="_blank"
                    rel="noopener"
                    aria-label={t("yours.presentLabel", { title })}
                  >
                    {t("yours.present")}
                  </a>
                ) : null}
                <button
                  type="button"
                  className="btn"
                  aria-label={t("yours.reportLabel", { title })}
                  onClick={() => void downloadReport(s, setMessage)}
                >
                  {t("yours.report")}
                </button>
                {closed ? null : (
                  <ConfirmButton
                    label={t("yours.closeLabel", { title })}
                    confirm={t("yours.closeIt")}
                    confirmLabel={t("yours.closeItLabel", { title })}
                    keep={t("yours.keepOpen")}
                    explain={t("yours.closeExplain")}
                    onConfirm={() => void closeWorkshop(s, setList, setMessage)}
                  >
                    {t("yours.close")}
                  </ConfirmButton>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="hint" role="status">
        {message}
      </p>
    </section>
  );
}
