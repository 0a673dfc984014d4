/**
 * "Download the results": every export format, for the facilitator. Loaded lazily with `@continuum/export`,
 * so participants never download the export code.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import type { Activity } from "@continuum/model";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import type { Session } from "../session.ts";
import {
  buildSnapshot,
  type LocalFormat,
  localFile,
  type ServerFormat,
  saveFile,
  serverFile,
  withAllDocs,
} from "./exporting.ts";

type Status =
  | { kind: "idle" }
  | { kind: "busy"; text: string }
  | { kind: "done"; text: string }
  | { kind: "error"; text: string };

/** The formats made on this device; their names and what they are for are in the catalogue under `exports`. */
const LOCAL = ["csv", "comparison-csv", "codebook", "md", "json"] as const satisfies readonly LocalFormat[];
/**
 * The research files the server makes: the history of moves is kept by the server only (docs/architecture.md),
 * so the archive with it and the moves file come from there; the reasons file too, from every group's lane.
 */
const RESEARCH = ["json", "moves-csv", "reasons-csv"] as const satisfies readonly ServerFormat[];

export default function ExportPanel({
  workshopDoc,
  session,
  activity,
}: {
  workshopDoc: Y.Doc;
  session: Session;
  activity: Activity | null;
}) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const busy = status.kind === "busy";
  const { t } = useTranslation();

  const local = async (format: LocalFormat, activityId?: string) => {
    setStatus({ kind: "busy", text: t("exports.gathering") });
    try {
      const { file, incomplete } = await withAllDocs(session, workshopDoc, ({ docs, incomplete }) => ({
        file: localFile(buildSnapshot(workshopDoc, docs), format, activityId),
        incomplete,
      }));
      saveFile(file.blob, file.name);
      setStatus({
        kind: "done",
        text:
          incomplete.length > 0
            ? t("exports.savedIncomplete", { name: file.name })
            : t("exports.saved", { name: file.name }),
      });
    } catch (err) {
      setStatus({ kind: "error", text: err instanceof Error ? err.message : String(err) });
    }
  };

  const remote = async (format: ServerFormat, activityId?: string) => {
    setStatus({ kind: "busy", text: t("exports.asking", { format: format.toUpperCase() }) });
    try {
      const file = await serverFile(session, format, activityId);
      saveFile(file.blob, file.name);
      setStatus({ kind: "done", text: t("exports.saved", { name: file.name }) });
    } catch (err) {
      setStatus({ kind: "error", text: err instanceof Error ? err.message : String(err) });
    }
  };

  const title = activity?.title || t("exports.onScreen");
  return (
    <section className="exports" aria-labelledby="exports-title">
      <h3 id="exports-title">{t("cockpit.downloadsButton")}</h3>
      <p className="hint">{t("exports.local")}</p>
      <ul className="export-list">
        {LOCAL.map((f) => (
          <li key={f}>
            <button type="button" className="btn" disabled={busy} onClick={() => void local(f)}>
              {t(`exports.formats.${f}.label`)}
            </button>{" "}
            <span className="hint">{t(`exports.formats.${f}.what`)}</span>
          </li>
        ))}
        {activity ? (
          <li>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void local("svg", activity.id)}
            >
              {t("exports.svg", { title })}
            </button>
          </li>
        ) : null}
      </ul>
      <p className="hint">
        <strong>{t("exports.serverStrong")}</strong> {t("exports.server")}
      </p>
      <ul className="export-list">
        <li>
          <button type="button" className="btn" disabled={busy} onClick={() => void remote("pdf")}>
            {t("yours.report")}
          </button>{" "}
          <span className="hint">{t("exports.pdfWhat")}</span>
        </li>
        {activity ? (
          <li>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void remote("png", activity.id)}
            >
              {t("exports.png", { title })}
            </button>
          </li>
        ) : null}
      </ul>
      <p className="hint">{t("exports.research")}</p>
      <ul className="export-list">
        {RESEARCH.map((f) => (
          <li key={f}>
            <button type="button" className="btn" disabled={busy} onClick={() => void remote(f)}>
              {t(`exports.serverFormats.${f}.label`)}
            </button>{" "}
            <span className="hint">{t(`exports.serverFormats.${f}.what`)}</span>
          </li>
        ))}
      </ul>
      {status.kind === "error" ? (
        <p className="error" role="alert">
          {status.text}
        </p>
      ) : (
        <p role="status">{status.kind === "idle" ? "" : status.text}</p>
      )}
    </section>
  );
}
