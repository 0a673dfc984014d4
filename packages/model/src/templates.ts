/**
 * Workshop templates: what a new workshop starts with, reproducing meetings described in
 * /work/shared/domain. The facilitator can change everything afterwards; `addTemplateActivities` also adds a
 * template's activities to an existing workshop.
 *
 * - `discretion`: the February 2023 meeting: link workers and PPI contributors place aspects of the link
 *   worker role on a scale, in two separate groups; then mixed groups chart the pros, cons and implications
 *   of making one aspect discretionary.
 * - `word-association`: the October 2022 meeting: word association on key terms, then reflection on
 *   anonymised vignettes with set questions.
 * - `between-meetings`: the online platform with three questions, kept open between meetings.
 */
import type { WorkshopTemplate } from "@continuum/protocol";

export interface TemplateScale {
  readonly kind: "scale";
  readonly title: string;
  readonly prompt: string;
  readonly leftLabel: string;
  readonly rightLabel: string;
  readonly aspects: readonly string[];
  readonly durationMinutes?: number;
}

export interface TemplateChart {
  readonly kind: "chart";
  readonly title: string;
  readonly prompt: string;
  /** The sentence the chart is about. */
  readonly about: string;
  /** The scale aspect the chart is about, linked by its wording when the template's scale has it. */
  readonly aboutAspect?: string;
  readonly columns: readonly string[];
  readonly durationMinutes?: number;
}

export interface TemplateBoard {
  readonly kind: "board";
  readonly title: string;
  readonly prompt: string;
  /** One column per prompt. */
  readonly prompts: readonly string[];
  readonly openBetweenMeetings?: boolean;
  readonly durationMinutes?: number;
}

export type TemplateActivity = TemplateScale | TemplateChart | TemplateBoard;

export interface TemplateContent {
  /** What the start page shows for the template. */
  readonly label: string;
  readonly description: string;
  readonly groups: readonly string[];
  /** The agenda, in order. */
  readonly activities: readonly TemplateActivity[];
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

export const CHART_PROMPT =
  "What are the pros and cons of making this discretionary, and what would it mean for services?";

/** Column presets for prompt boards, from the meetings in the write-ups. */
export const WORD_ASSOCIATION_PROMPTS: readonly string[] = ["Holding", "Feedback loops", "Readiness"];
export const VIGNETTE_PROMPTS: readonly string[] = [
  "What was interesting?",
  "What were the key themes or ideas?",
  "What did it suggest about benefits for patients?",
];
export const BETWEEN_MEETINGS_PROMPTS: readonly string[] = [
  "Surprising or interesting things",
  "Ways to improve",
  "Things we need to know more about",
];

const WORD_ASSOCIATION: TemplateBoard = {
  kind: "board",
  title: "Word association",
  prompt: "Write the first things that come into your mind when you see each word.",
  prompts: WORD_ASSOCIATION_PROMPTS,
  durationMinutes: 15,
};
const VIGNETTES: TemplateBoard = {
  kind: "board",
  title: "Reflecting on the vignettes",
  prompt: "Read the anonymised vignettes, then add your thoughts under each question.",
  prompts: VIGNETTE_PROMPTS,
  durationMinutes: 30,
};
const BETWEEN_MEETINGS: TemplateBoard = {
  kind: "board",
  title: "Between meetings",
  prompt:
    "Add your thoughts in your own time, from the same link, until the facilitator closes the board. " +
    "Surprising or interesting things: what you have learnt about social prescribing. Ways to improve: for " +
    "people who see a link worker, or for link workers themselves. Things we need to know more about: " +
    "things to look at or ask about as the study moves forward.",
  prompts: BETWEEN_MEETINGS_PROMPTS,
  openBetweenMeetings: true,
};

/** Ready-made prompt boards the agenda editor offers. */
export const BOARD_PRESETS: readonly { id: string; label: string; board: TemplateBoard }[] = [
  { id: "word-association", label: "Word association", board: WORD_ASSOCIATION },
  { id: "vignettes", label: "Vignette reflection", board: VIGNETTES },
  { id: "between-meetings", label: "Between meetings", board: BETWEEN_MEETINGS },
];

export const TEMPLATES: Readonly<Record<WorkshopTemplate, TemplateContent>> = {
  blank: { label: "Blank", description: "A title and nothing else.", groups: [], activities: [] },
  discretion: {
    label: "Discretion (February 2023)",
    description:
      "Link workers and PPI contributors place aspects of the link worker role on a scale in two separate " +
      "groups, then chart the pros, cons and implications of making an aspect discretionary in mixed groups.",
    groups: ["Link workers", "PPI contributors"],
    activities: [
      {
        kind: "scale",
        title: "Which aspects of the link worker role are discretionary?",
        prompt:
          "Place each aspect of the link worker role on the scale. Towards “About choice” if the link worker " +
          "decides (often with the patient); towards “Set in stone” if it is fixed. Add aspects of your own.",
        leftLabel: "About choice",
        rightLabel: "Set in stone",
        aspects: DISCRETION_ASPECTS,
        durationMinutes: 40,
      },
      {
        kind: "chart",
        title: "Pros, cons and implications",
        prompt: CHART_PROMPT,
        about: "Patients may refer themselves",
        aboutAspect: "Who can refer",
        columns: ["Pros", "Cons", "Implications"],
        durationMinutes: 30,
      },
      {
        kind: "chart",
        title: "Pros, cons and implications: meeting at home",
        prompt: CHART_PROMPT,
        about: "Link workers may decide with the patient to meet in their home",
        aboutAspect: "Meeting in the patient's home",
        columns: ["Pros", "Cons", "Implications"],
        durationMinutes: 30,
      },
    ],
  },
  "word-association": {
    label: "Word association and vignettes (October 2022)",
    description:
      "Word association on key terms (holding, feedback loops, readiness), then reflection on anonymised " +
      "vignettes with three set questions.",
    groups: ["PPI contributors"],
    activities: [WORD_ASSOCIATION, VIGNETTES],
  },
  "between-meetings": {
    label: "Between meetings",
    description:
      "A board with three questions that members add to in their own time, open after the meeting ends " +
      "until the facilitator closes it.",
    groups: ["PPI contributors"],
    activities: [BETWEEN_MEETINGS],
  },
};
