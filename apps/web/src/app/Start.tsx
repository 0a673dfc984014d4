import { TEMPLATES } from "@continuum/model";
import {
  type CreateWorkshopResponse,
  LIMITS,
  normalizeJoinCode,
  WORKSHOP_TEMPLATES,
  type WorkshopTemplate,
} from "@continuum/protocol";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, failureMessage } from "../api.ts";
import { i18n } from "../i18n/i18n.ts";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import { saveSession } from "../session.ts";
import { LargerTextSwitch } from "../ui/LargerText.tsx";
import { CodeField } from "./CodeField.tsx";
import { navigate } from "./router.ts";
import { YourWorkshops } from "./YourWorkshops.tsx";

/** Keeps a new workshop's facilitator session on this device and opens its board. */
function openAsFacilitator(res: CreateWorkshopResponse): void {
  saveSession({
    workshopId: res.id,
    token: res.token,
    role: "facilitator",
    name: i18n.t("start.facilitator"),
    group: null,
    groupName: null,
    joinCode: res.joinCode,
    facilitatorKey: res.facilitatorKey,
    observerKey: res.observerKey,
  });
  navigate(`/w/${res.id}`);
}

/** Today on this device's calendar, as `YYYY-MM-DD` (the date input's format). */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The front door: join a workshop (most people) or start one (the facilitator). */
export function Start() {
  const [code, setCode] = useState("");
  const { t } = useTranslation();
  return (
    <main className="page start">
      <div className="page-tools">
        <LanguageSwitch />
        <LargerTextSwitch className="page-switch" />
      </div>
      <h1>Continuum</h1>
      <p className="lead">{t("start.lead")}</p>
      <section className="panel" aria-labelledby="join-title">
        <h2 id="join-title">{t("start.joinHeading")}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const c = normalizeJoinCode(code);
            if (c) navigate(`/join/${c}`);
          }}
        >
          <CodeField value={code} onChange={setCode} inputMode="text" placeholder="ABC234" />
          <button type="submit" className="btn primary" disabled={!code.trim()}>
            {t("common.next")}
          </button>
        </form>
      </section>
      <YourWorkshops />
      <CreateWorkshop />
      <ImportArchive />
    </main>
  );
}

/** The February 2023 discretion workshop first: what most facilitators come for. */
const TEMPLATE_ORDER: readonly WorkshopTemplate[] = [
  "discretion",
  ...WORKSHOP_TEMPLATES.filter((t) => t !== "discretion"),
];

const DEFAULT_TITLES: Partial<Record<WorkshopTemplate, string>> = {
  discretion: "Discretion in the link worker role",
};

/** The aspects of a template's first sliding scale, or null when it has none. */
function scaleAspects(template: WorkshopTemplate): readonly string[] | null {
  const scale = TEMPLATES[template].activities.find((a) => a.kind === "scale");
  return scale && scale.kind === "scale" ? scale.aspects : null;
}

function CreateWorkshop() {
  const [template, setTemplate] = useState<WorkshopTemplate>("discretion");
  const [title, setTitle] = useState(DEFAULT_TITLES.discretion ?? "");
  const [groups, setGroups] = useState(TEMPLATES.discretion.groups.join("\n"));
  const [aspects, setAspects] = useState((scaleAspects("discretion") ?? []).join("\n"));
  const [date, setDate] = useState(today);
  // Off by default: names are personal data, and the research compares groups (issue 13).
  const [showNames, setShowNames] = useState(false);
  const hasScale = scaleAspects(template) !== null;
  const choose = (next: WorkshopTemplate) => {
    // A new choice fills in that template's groups and aspects; a title the person typed is kept.
    if (!title.trim() || title === (DEFAULT_TITLES[template] ?? "")) setTitle(DEFAULT_TITLES[next] ?? "");
    setTemplate(next);
    setGroups(TEMPLATES[next].groups.join("\n"));
    setAspects((scaleAspects(next) ?? []).join("\n"));
  };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  // A disabled button says why, next to it.
  const missing = !title.trim()
    ? t("start.needTitle")
    : template !== "blank" && lines(groups).length === 0
      ? t("start.needGroup")
      : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.createWorkshop({
        title: title.trim(),
        template,
        ...(date ? { date } : {}),
        groups: lines(groups),
        ...(hasScale ? { aspects: lines(aspects) } : {}),
        showNames,
      });
      openAsFacilitator(res);
    } catch (err) {
      setError(failureMessage(err));
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-title">
      <h2 id="create-title">{t("start.createHeading")}</h2>
      <p className="hint">{t("start.createHint")}</p>
      <form onSubmit={submit}>
        <fieldset className="templates">
          <legend>{t("start.kind")}</legend>
          {TEMPLATE_ORDER.map((template_) => (
            <label key={template_} className="check template-choice">
              <input
                type="radio"
                name="template"
                value={template_}
                checked={template === template_}
                onChange={() => choose(template_)}
              />
              <span>
                <strong>{t(`templates.${template_}.label`)}</strong>
                <br />
                <span className="hint">{t(`templates.${template_}.description`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t("start.title")}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={LIMITS.title} />
        </label>
        <label className="field">
          <span>{t("start.date")}</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label className="field">
          <span>{t("start.groups")}</span>
          <textarea value={groups} onChange={(e) => setGroups(e.target.value)} rows={3} />
        </label>
        {hasScale ? (
          <label className="field">
            <span>{t("start.aspects")}</span>
            <textarea value={aspects} onChange={(e) => setAspects(e.target.value)} rows={8} />
          </label>
        ) : null}
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              checked={showNames}
              aria-describedby="create-names-hint"
              onChange={(e) => setShowNames(e.target.checked)}
            />
            {t("start.showNames")}
          </label>
          <p className="hint" id="create-names-hint">
            {t("start.showNamesHint")}
          </p>
        </div>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {missing ? (
          <p className="hint" id="create-missing">
            {missing}
          </p>
        ) : null}
        <button
          type="submit"
          className="btn primary"
          disabled={busy || missing !== null}
          aria-describedby={missing ? "create-missing" : undefined}
        >
          {busy ? t("start.creating") : t("start.create")}
        </button>
      </form>
    </section>
  );
}

/**
 * A workshop from a JSON archive (the facilitator's "Archive (JSON)" export): to carry on from an earlier
 * meeting, or to move a workshop to another server. It gets a new code and new links.
 */
function ImportArchive() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const load = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      openAsFacilitator(await api.importWorkshop(await file.text()));
    } catch (err) {
      setError(failureMessage(err));
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t("start.importHeading")}</h2>
      <p className="hint">{t("start.importHint")}</p>
      <label className="field">
        <span>{t("start.importField")}</span>
        <input
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={(e) => void load(e.target.files?.[0])}
        />
      </label>
      {busy ? <p role="status">{t("start.importing")}</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
