/**
 * "Download the results": every export format, for the facilitator. Loaded lazily with `@continuum/export`,
 * so participants never download the export code.
 */
import type { Activity } from "@continuum/model";
import { useState } from "react";
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

const LOCAL: readonly { format: LocalFormat; label: string; what: string }[] = [
  { format: "csv", label: "Notes (CSV)", what: "one row per note, for a spreadsheet" },
  {
    format: "comparison-csv",
    label: "Comparison (CSV)",
    what: "each aspect with every group's position and the gap",
  },
  { format: "codebook", label: "Codebook", what: "what each CSV column means" },
  { format: "md", label: "Report (Markdown)", what: "in plain language, to share back with the group" },
  { format: "json", label: "Archive (JSON)", what: "everything, to keep or to import again" },
];

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

  const local = async (format: LocalFormat, activityId?: string) => {
    setStatus({ kind: "busy", text: "Gathering every group's notes…" });
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
            ? `Saved ${file.name}. Some boards could not be brought up to date from the server, so it has what this device holds of them.`
            : `Saved ${file.name}.`,
      });
    } catch (err) {
      setStatus({ kind: "error", text: err instanceof Error ? err.message : String(err) });
    }
  };

  const remote = async (format: ServerFormat, activityId?: string) => {
    setStatus({ kind: "busy", text: `Asking the server for the ${format.toUpperCase()}…` });
    try {
      const file = await serverFile(session, format, activityId);
      saveFile(file.blob, file.name);
      setStatus({ kind: "done", text: `Saved ${file.name}.` });
    } catch (err) {
      setStatus({ kind: "error", text: err instanceof Error ? err.message : String(err) });
    }
  };

  const title = activity?.title || "the activity on screen";
  return (
    <section className="panel exports" aria-labelledby="exports-title">
      <h2 id="exports-title">Download the results</h2>
      <p className="hint">
        These are made on this device and work offline, from every group's notes as this device has them:
      </p>
      <ul className="export-list">
        {LOCAL.map((f) => (
          <li key={f.format}>
            <button type="button" className="btn" disabled={busy} onClick={() => void local(f.format)}>
              {f.label}
            </button>{" "}
            <span className="hint">{f.what}</span>
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
              Picture of “{title}” (SVG)
            </button>
          </li>
        ) : null}
      </ul>
      <p className="hint">
        <strong>These need the workshop server</strong> (a connection to it): the printable PDF report and a
        PNG picture.
      </p>
      <ul className="export-list">
        <li>
          <button type="button" className="btn" disabled={busy} onClick={() => void remote("pdf")}>
            Report (PDF)
          </button>{" "}
          <span className="hint">printable, A4</span>
        </li>
        {activity ? (
          <li>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void remote("png", activity.id)}
            >
              Picture of “{title}” (PNG)
            </button>
          </li>
        ) : null}
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
