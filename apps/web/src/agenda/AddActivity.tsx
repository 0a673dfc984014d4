/** The facilitator's forms for new activities: one of a kind, or a template's. */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import {
  addBoardActivity,
  addChartActivity,
  addScaleActivity,
  addTemplateActivities,
  BOARD_PRESETS,
  LIMITS,
  TEMPLATES,
} from "@continuum/model";
import { WORKSHOP_TEMPLATES, type WorkshopTemplate } from "@continuum/protocol";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";

/** The ready-made boards, named in the catalogue by their id. */
type PresetId = "word-association" | "vignettes" | "between-meetings";

type NewKind = "scale" | "chart" | `board:${string}` | "board";

export function AddActivity({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const [kind, setKind] = useState<NewKind>("chart");
  const [title, setTitle] = useState("");
  const [about, setAbout] = useState("");
  const { t: tr } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = title.trim();
    if (kind === "scale") addScaleActivity(workshopDoc, { title: t || tr("agenda.defaults.scale") });
    else if (kind === "chart")
      addChartActivity(workshopDoc, { title: t || tr("agenda.defaults.chart"), about: about.trim() });
    else if (kind === "board")
      addBoardActivity(workshopDoc, {
        title: t || tr("agenda.defaults.board"),
        prompts: [tr("agenda.defaults.prompt")],
      });
    else {
      const preset = BOARD_PRESETS.find((p) => `board:${p.id}` === kind)?.board;
      if (preset)
        addBoardActivity(workshopDoc, {
          title: t || preset.title,
          prompt: preset.prompt,
          prompts: preset.prompts,
          openBetweenMeetings: preset.openBetweenMeetings ?? false,
        });
    }
    setTitle("");
    setAbout("");
  };
  return (
    <form className="panel add-activity" onSubmit={submit} aria-label={tr("agenda.add.heading")}>
      <h3>{tr("agenda.add.heading")}</h3>
      <label className="field">
        {tr("agenda.add.kind")}
        <select value={kind} onChange={(e) => setKind(e.target.value as NewKind)}>
          <option value="scale">{tr("agenda.add.scale")}</option>
          <option value="chart">{tr("agenda.add.chart")}</option>
          {BOARD_PRESETS.map((p) => (
            <option key={p.id} value={`board:${p.id}`}>
              {tr("agenda.add.preset", { name: tr(`agenda.presets.${p.id as PresetId}`) })}
            </option>
          ))}
          <option value="board">{tr("agenda.add.own")}</option>
        </select>
      </label>
      <label className="field">
        {tr("agenda.title")}
        <input value={title} maxLength={LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {kind === "chart" && (
        <label className="field">
          {tr("agenda.add.about")}
          <input value={about} maxLength={LIMITS.title} onChange={(e) => setAbout(e.target.value)} />
        </label>
      )}
      <button type="submit" className="btn primary">
        {tr("agenda.add.submit")}
      </button>
    </form>
  );
}

export function AddFromTemplate({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const options = WORKSHOP_TEMPLATES.filter((t) => TEMPLATES[t].activities.length > 0);
  const [template, setTemplate] = useState<WorkshopTemplate>(options[0] ?? "blank");
  const { t: tr } = useTranslation();
  return (
    <form
      className="panel add-template"
      aria-label={tr("agenda.fromTemplate.label")}
      onSubmit={(e) => {
        e.preventDefault();
        addTemplateActivities(workshopDoc, template);
      }}
    >
      <h3>{tr("agenda.fromTemplate.heading")}</h3>
      <label className="field">
        {tr("agenda.fromTemplate.template")}
        <select value={template} onChange={(e) => setTemplate(e.target.value as WorkshopTemplate)}>
          {options.map((t) => (
            <option key={t} value={t}>
              {tr(`templates.${t}.label`)}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{tr(`templates.${template}.description`)}</p>
      <button type="submit" className="btn">
        {tr("agenda.fromTemplate.submit")}
      </button>
    </form>
  );
}
