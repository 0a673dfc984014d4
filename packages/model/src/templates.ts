/**
 * Workshop templates: what a new workshop starts with. "discretion" reproduces the February 2023 meeting
 * described in /work/shared/domain (link workers and PPI contributors placing aspects of the link worker
 * role on a scale, then charting the pros, cons and implications of one of them).
 */
import type { WorkshopTemplate } from "@continuum/protocol";

export interface TemplateScale {
  readonly title: string;
  readonly prompt: string;
  readonly leftLabel: string;
  readonly rightLabel: string;
  readonly aspects: readonly string[];
}

export interface TemplateChart {
  readonly title: string;
  readonly prompt: string;
  /** The sentence the chart is about. */
  readonly about: string;
  /** The scale aspect the chart is about, linked by its wording when the scale has it. */
  readonly aboutAspect?: string;
  readonly columns: readonly string[];
}

export interface TemplateContent {
  readonly groups: readonly string[];
  readonly scale?: TemplateScale;
  readonly chart?: TemplateChart;
}

export const DISCRETION_ASPECTS: readonly string[] = [
  "Location of meetings",
  "Number of sessions",
  "Length of each session",
  "Who can refer",
  "Meeting in the patient's home",
  "Contact by phone or in person",
  "Which services to refer on to",
];

export const TEMPLATES: Readonly<Record<WorkshopTemplate, TemplateContent>> = {
  blank: { groups: [] },
  discretion: {
    groups: ["Link workers", "PPI contributors"],
    scale: {
      title: "Which aspects of the link worker role are discretionary?",
      prompt:
        "Place each aspect of the link worker role on the scale. Towards “About choice” if the link worker " +
        "decides (often with the patient); towards “Set in stone” if it is fixed. Add aspects of your own.",
      leftLabel: "About choice",
      rightLabel: "Set in stone",
      aspects: DISCRETION_ASPECTS,
    },
    chart: {
      title: "Pros, cons and implications",
      prompt: "What are the pros and cons of making this discretionary, and what would it mean for services?",
      about: "Patients may refer themselves",
      aboutAspect: "Who can refer",
      columns: ["Pros", "Cons", "Implications"],
    },
  },
};
