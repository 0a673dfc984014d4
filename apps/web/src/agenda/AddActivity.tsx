/** The facilitator's forms for new activities: one of a kind, or a template's. */
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
import type * as Y from "yjs";

type NewKind = "scale" | "chart" | `board:${string}` | "board";

export function AddActivity({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const [kind, setKind] = useState<NewKind>("chart");
  const [title, setTitle] = useState("");
  const [about, setAbout] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = title.trim();
    if (kind === "scale") addScaleActivity(workshopDoc, { title: t || "Sliding scale" });
    else if (kind === "chart")
      addChartActivity(workshopDoc, { title: t || "Pros, cons and implications", about: about.trim() });
    else if (kind === "board")
      addBoardActivity(workshopDoc, { title: t || "Prompt board", prompts: ["Your thoughts"] });
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
    <form className="panel add-activity" onSubmit={submit} aria-label="Add an activity">
      <h3>Add an activity</h3>
      <label className="field">
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as NewKind)}>
          <option value="scale">Sliding scale</option>
          <option value="chart">Pros, cons and implications chart</option>
          {BOARD_PRESETS.map((p) => (
            <option key={p.id} value={`board:${p.id}`}>
              Prompt board: {p.label}
            </option>
          ))}
          <option value="board">Prompt board with my own prompts</option>
        </select>
      </label>
      <label className="field">
        Title
        <input value={title} maxLength={LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {kind === "chart" && (
        <label className="field">
          What the chart is about
          <input value={about} maxLength={LIMITS.title} onChange={(e) => setAbout(e.target.value)} />
        </label>
      )}
      <button type="submit" className="btn primary">
        Add activity
      </button>
    </form>
  );
}

export function AddFromTemplate({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const options = WORKSHOP_TEMPLATES.filter((t) => TEMPLATES[t].activities.length > 0);
  const [template, setTemplate] = useState<WorkshopTemplate>(options[0] ?? "blank");
  return (
    <form
      className="panel add-template"
      aria-label="Add activities from a template"
      onSubmit={(e) => {
        e.preventDefault();
        addTemplateActivities(workshopDoc, template);
      }}
    >
      <h3>Add a template's activities</h3>
      <label className="field">
        Template
        <select value={template} onChange={(e) => setTemplate(e.target.value as WorkshopTemplate)}>
          {options.map((t) => (
            <option key={t} value={t}>
              {TEMPLATES[t].label}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{TEMPLATES[template].description}</p>
      <button type="submit" className="btn">
        Add these activities
      </button>
    </form>
  );
}
