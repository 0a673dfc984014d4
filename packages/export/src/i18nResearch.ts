/**
 * The exports' words for the research parts (issue 14's reasons, history, rounds and statistics) in the
 * workshop's language (issue 17): the plain-language flags under each aspect, the report's account of the
 * rounds, the PDF's reasons heading, the codebook's sections on the reasons, moves and rounds files and on
 * the statistics, and the share-back page's method line. Beside `i18n.ts` (the report's other words) so the
 * two catalogues can grow without editing each other; the same rules: a typed object per language, so a
 * language missing a sentence does not compile; what people wrote (group names, the scale's labels) is put
 * in as written.
 *
 * English is byte for byte what the exports said before (the golden files check it); the Welsh was written
 * by the project's engineers and awaits review by a Welsh speaker (docs/web.md).
 */
import {
  type Flag,
  labelInSentence,
  QUANTILE_METHOD,
  type ScaleLabels,
  type WorkshopLanguage,
} from "@continuum/model";

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The flags' thresholds as the codebook's table shows them, each `"name = value (note)"`. */
export type ThresholdCells = Readonly<
  Record<"agreeWithin" | "middleBand" | "differBy" | "wideSpread" | "minPeople" | "movedBy", string>
>;

export interface ResearchText {
  /** One plain-language flag, without a closing full stop. */
  readonly flag: (f: Flag, labels: ScaleLabels) => string;
  /** "3 notes", on a group's band in the pictures. */
  readonly notes: (n: number) => string;
  /** The PDF's heading above the reasons table. */
  readonly whyHereHeading: string;
  readonly rounds: {
    readonly intro: (steps: readonly string[]) => string;
    readonly individual: (people: number) => string;
    readonly fromMedian: string;
    readonly together: string;
    readonly second: string;
    readonly spread: (group: string, n: number, median: string, q1: string, q3: string) => string;
    readonly kept: (group: string, to: string) => string;
    readonly moved: (group: string, from: string, to: string, distance: string, end: string) => string;
  };
  /** The share-back page's line on how the figures were worked out. */
  readonly method: string;
  readonly codebook: {
    /** The sections on the reasons file and the moves file (Markdown, starting with a blank line). */
    readonly research: string;
    /** The section on the rounds file. */
    readonly rounds: string;
    /** The statistics section, given each threshold's cell. */
    readonly stats: (cells: ThresholdCells) => string;
    /** After a threshold the facilitator set: " (set for this workshop; the default is 10)". */
    readonly setHere: (byDefault: number) => string;
    /** After a threshold left as it was. */
    readonly isDefault: string;
  };
}

const plural = (lang: WorkshopLanguage) => {
  const rules = new Intl.PluralRules(lang);
  return (n: number, forms: Plural) => (forms[rules.select(n)] ?? forms.other).replace("{n}", String(n));
};

const en: ResearchText = {
  flag: (f, labels) => {
    const end = (side: "left" | "right") => labelInSentence(side === "left" ? labels.left : labels.right);
    const subject = f.groupIds.length === 2 ? "Both groups" : "All groups";
    const [a = "", b = ""] = f.names;
    const points = (n: number) => `${n} ${n === 1 ? "point" : "points"}`;
    switch (f.kind) {
      case "agree":
        return `${subject} see this as ${end(f.side)}`;
      case "middle":
        return `${subject} put this in the middle`;
      case "differ":
        return `${a} lean towards ${end("right")}; ${b} towards ${end("left")}`;
      case "apart":
        return `${a} and ${b} are ${points(f.points)} apart`;
      case "wide-spread":
        return `${a} did not agree among themselves (wide spread)`;
      case "close-spread":
        return `${a} mostly agreed among themselves`;
      case "moved":
        return `${a} moved this towards ${end(f.side)} (by ${points(f.points)})`;
    }
  },
  notes: (n) => `${n} ${n === 1 ? "note" : "notes"}`,
  whyHereHeading: "Why here? The reasons each group gave",
  rounds: {
    intro: (steps) =>
      `This scale was run in rounds: ${steps.join(", ")}. “Middle half” is the interquartile range (R type 7).`,
    individual: (n) =>
      `each person placed the aspects on a scale of their own (${n} ${n === 1 ? "person" : "people"})`,
    fromMedian: "then each group started from the middle (median) of its members' placements",
    together: "then each group placed them together",
    second: "then, having seen the other groups, each group could move its notes again (a second round)",
    spread: (g, n, median, q1, q3) =>
      `${g}, each person on their own (${n} ${n === 1 ? "person" : "people"}): the middle one at ${median}, the middle half from ${q1} to ${q3}.`,
    kept: (g, to) => `${g} kept it at ${to} in the second round.`,
    moved: (g, from, to, d, end) =>
      `${g} moved it from ${from} in round 1 to ${to} in round 2 (${d} points towards ${end}).`,
  },
  method:
    "Positions run from 0 to 100 along each scale. Where each person placed the aspects on their own first, the middle half is the interquartile range (R type 7).",
  codebook: {
    research: `
## Reasons file (\`…-reasons.csv\`): one row per reason given for a placement

| column | meaning |
| --- | --- |
| workshop, activity | As above. |
| aspect | The prepared aspect the note places (current wording), or the note's own text. |
| note | The note's text. |
| group | The group whose lane the note is in. |
| position | Where the note is now, 0 to 100, one decimal; blank if the note was since taken off the scale. |
| reason | What someone in the group wrote ("why here"), at most 500 characters. |
| author_group | The group of the person who wrote it, as the server stamped it from their link; \`Facilitator\` for the facilitator. |
| participant | Their display name; blank in anonymous workshops (the server does not store it then). |
| time | When it was written (server clock), ISO 8601 UTC. |
| activity_id, group_id, aspect_id, note_id, reason_id | Stable ids, to join with the notes file and the JSON archive. |

## Moves file (\`…-moves.csv\`): one row per move of a note on a sliding scale (long format)

Every change of a note's place on a group's lane, recorded by the server as it applied it: placing a note
(\`kind\` = \`place\`), moving it (\`move\`) and taking it off the scale (\`remove\`). A drag is one move
(the board writes a position when the note is dropped; a keyboard step is one move). Rows are in time
order within each activity. Read it directly: \`read.csv("…-moves.csv")\` in R,
\`pandas.read_csv("…-moves.csv")\` in Python; one row is one observation, no reshaping is needed.

| column | meaning |
| --- | --- |
| workshop, activity | As above. |
| group | The group whose lane it is. |
| aspect | The prepared aspect the note places, or the note's own text. |
| note | The note's text when it moved. |
| round | \`group\` (the group round; every workshop without rounds), \`individual\` or \`second\` (the round the activity was in when the move was made). |
| kind | \`place\`, \`move\` or \`remove\`. |
| from_x, to_x | Position before and after, 0 (left end) to 100 (right end), one decimal; \`from_x\` blank for \`place\`, \`to_x\` blank for \`remove\`. |
| change | \`to_x - from_x\`: positive towards the right end, negative towards the left; blank for \`place\` and \`remove\`. |
| from_y, to_y | Vertical place on the lane (0 top to 100 bottom); carries no meaning, kept for the replay. |
| time | When the server applied the move, ISO 8601 UTC with milliseconds. |
| seconds | Seconds since the activity's first recorded move (a number, for plotting). |
| sequence | 1, 2, 3 … within the activity, in time order. |
| author | Who moved it; blank in anonymous workshops (the server does not store it then) and when unknown. |
| activity_id, group_id, aspect_id, note_id | Stable ids; \`aspect_id\` blank for a group's own aspect. |
`,
    rounds: `
## Rounds file (\`…-rounds.csv\`): one row per placement per round (long format)

For a sliding scale run in rounds: an individual round (each person places the aspects on a scale of their
own, private until the facilitator shows the individual placements), the group round, and a second round
after the groups have seen each other. Scales without rounds have no rows. Read it directly:
\`read.csv("…-rounds.csv")\` in R, \`pandas.read_csv("…-rounds.csv")\` in Python.

| column | meaning |
| --- | --- |
| workshop, activity | As above. |
| round | \`individual\`: one person's own placement; \`group\`: the group's lane in the group round (when there was a second round, as it stood when the second round started); \`second\`: the group's lane at the end of the second round. |
| group | The group: the person's group (from the server, not from what a device said) for \`individual\` rows, the lane's group otherwise. |
| participant_id | \`individual\` rows: the person's pseudonymous id (random, issued by the server when they joined; the same as in the notes file), never a name. Blank for group rows. |
| aspect | The prepared aspect (current wording), or the note's own text. |
| position | 0 (left end) to 100 (right end), one decimal. |
| activity_id, group_id, aspect_id, note_id | Stable ids. |

The spread of a group's individual placements is summarised in the report as the median ("the middle one")
and the interquartile range ("the middle half"), by R's type 7 quantiles (the default of R's \`quantile()\`
and NumPy's \`percentile()\`), so the same figures come out of this file in R or Python.
`,
    stats: (c) => `
## Statistics and plain-language flags

Positions are points on the 0 to 100 scale. Medians and quartiles of individual placements use
${QUANTILE_METHOD}: for the values sorted \`x(1) ≤ … ≤ x(n)\`, \`h = (n - 1) p\` and
\`j = floor(h) + 1\`, the \`p\` quantile is \`x(j) + (h + 1 - j) (x(j + 1) - x(j))\`. The interquartile range (IQR) is
the third quartile minus the first; the spread is the IQR. Movement between two rounds is the later
position minus the earlier (positive towards the right end).

The comparison shows sentences for lay readers, decided by these thresholds; the facilitator can change
each for a workshop:

| flag | when | threshold in this workshop |
| --- | --- | --- |
| "Both groups see this as …" (or "… put this in the middle") | the groups' positions are at most \`agreeWithin\` apart; "in the middle" when their mean is within \`middleBand\` of 50 | ${c.agreeWithin}; ${c.middleBand} |
| "A lean towards …; B towards …" | the groups furthest apart are at least \`differBy\` apart | ${c.differBy} |
| "A and B are N points apart" | between the two | |
| "A did not agree among themselves (wide spread)" | a group's individual placements have an IQR of at least \`wideSpread\`, with at least \`minPeople\` placements | ${c.wideSpread}; ${c.minPeople} |
| "A mostly agreed among themselves" | that IQR is at most \`agreeWithin\` (same minimum of people) | |
| "A moved this towards … (by N points)" | a group's position changed by at least \`movedBy\` between rounds | ${c.movedBy} |
`,
    setHere: (d) => ` (set for this workshop; the default is ${d})`,
    isDefault: " (the default)",
  },
};

/**
 * "a" before a consonant, "ac" before a vowel: Welsh's "and" between two group names ("Gweithwyr cyswllt a
 * Chyfranwyr", "… ac Ymchwilwyr"). The names are the workshop's own words, left unmutated.
 */
const cyAnd = (a: string, b: string) => `${a} ${/^[aeiouwyâêîôûŵŷ]/i.test(b.trim()) ? "ac" : "a"} ${b}`;
const cyPlural = plural("cy");
/** "(3 pherson)", "(7 o bobl)": Welsh counts with the singular noun, mutated after 2, 3 and 6. */
const cyPeople = (n: number) =>
  cyPlural(n, {
    zero: "{n} o bobl",
    one: "{n} person",
    two: "{n} berson",
    few: "{n} pherson",
    many: "{n} pherson",
    other: "{n} o bobl",
  });

const cy: ResearchText = {
  flag: (f, labels) => {
    // The scale's label is quoted as written: it is the workshop's wording, which a Welsh sentence cannot
    // mutate or lower-case safely.
    const end = (side: "left" | "right") => `“${(side === "left" ? labels.left : labels.right).trim()}”`;
    const subject = f.groupIds.length === 2 ? "Mae'r ddau grŵp" : "Mae pob grŵp";
    const [a = "", b = ""] = f.names;
    switch (f.kind) {
      case "agree":
        return `${subject} yn rhoi hyn tuag at ${end(f.side)}`;
      case "middle":
        return `${subject} yn rhoi hyn yn y canol`;
      case "differ":
        return `Mae ${a} yn pwyso tuag at ${end("right")}; ${b} tuag at ${end("left")}`;
      case "apart":
        return `Mae ${f.points} pwynt rhwng ${cyAnd(a, b)}`;
      case "wide-spread":
        return `Nid oedd ${a} yn cytuno â'i gilydd (gwasgariad eang)`;
      case "close-spread":
        return `Roedd ${a} yn cytuno â'i gilydd gan mwyaf`;
      case "moved":
        return `Symudodd ${a} hyn tuag at ${end(f.side)} (${f.points} pwynt)`;
    }
  },
  notes: (n) => `${n} nodyn`,
  whyHereHeading: "Pam yma? Y rhesymau a roddodd pob grŵp",
  rounds: {
    intro: (steps) =>
      `Cynhaliwyd y raddfa hon mewn rowndiau: ${steps.join(", ")}. Yr “hanner canol” yw'r amrediad rhyngchwartel (R math 7).`,
    individual: (n) => `gosododd pob person yr agweddau ar ei raddfa ei hun (${cyPeople(n)})`,
    fromMedian: "yna dechreuodd pob grŵp o ganol (canolrif) safleoedd ei aelodau",
    together: "yna gosododd pob grŵp nhw gyda'i gilydd",
    second: "yna, ar ôl gweld y grwpiau eraill, gallai pob grŵp symud ei nodiadau eto (ail rownd)",
    spread: (g, n, median, q1, q3) =>
      `${g}, pob person ar ei ben ei hun (${cyPeople(n)}): yr un canol ar ${median}, yr hanner canol o ${q1} i ${q3}.`,
    kept: (g, to) => `Cadwodd ${g} hi ar ${to} yn yr ail rownd.`,
    moved: (g, from, to, d, end) =>
      `Symudodd ${g} hi o ${from} yn rownd 1 i ${to} yn rownd 2 (${d} pwynt tuag at “${end}”).`,
  },
  method:
    "Mae'r safleoedd yn mynd o 0 i 100 ar hyd pob graddfa. Lle gosododd pob person yr agweddau ar ei ben ei hun yn gyntaf, yr hanner canol yw'r amrediad rhyngchwartel (R math 7).",
  codebook: {
    research: `
## Ffeil y rhesymau (\`…-reasons.csv\`): un rhes i bob rheswm a roddwyd dros leoliad

| colofn | ystyr |
| --- | --- |
| workshop, activity | Fel uchod. |
| aspect | Yr agwedd a baratowyd y mae'r nodyn yn ei gosod (ei geiriad presennol), neu destun y nodyn ei hun. |
| note | Testun y nodyn. |
| group | Y grŵp y mae'r nodyn yn ei lôn. |
| position | Lle mae'r nodyn nawr, 0 i 100, un lle degol; yn wag os tynnwyd y nodyn oddi ar y raddfa ers hynny. |
| reason | Yr hyn a ysgrifennodd rhywun yn y grŵp ("pam yma"), hyd at 500 nod. |
| author_group | Grŵp y person a'i hysgrifennodd, fel y stampiodd y gweinydd ef o'i ddolen; \`Facilitator\` ar gyfer yr hwylusydd. |
| participant | Enw'r person; yn wag mewn gweithdai dienw (nid yw'r gweinydd yn ei gadw bryd hynny). |
| time | Pryd yr ysgrifennwyd ef (cloc y gweinydd), ISO 8601 UTC. |
| activity_id, group_id, aspect_id, note_id, reason_id | Dynodwyr sefydlog, i gysylltu â ffeil y nodiadau a'r archif JSON. |

## Ffeil y symudiadau (\`…-moves.csv\`): un rhes i bob symudiad nodyn ar raddfa symudol (fformat hir)

Pob newid i le nodyn ar lôn grŵp, wedi'i gofnodi gan y gweinydd wrth iddo ei gymhwyso: gosod nodyn
(\`kind\` = \`place\`), ei symud (\`move\`) a'i dynnu oddi ar y raddfa (\`remove\`). Un symudiad yw llusgo
(mae'r bwrdd yn ysgrifennu safle pan ollyngir y nodyn; un symudiad yw un cam â'r bysellfwrdd). Mae'r rhesi yn
nhrefn amser o fewn pob gweithgaredd. Darllenwch hi'n uniongyrchol: \`read.csv("…-moves.csv")\` yn R,
\`pandas.read_csv("…-moves.csv")\` yn Python; un arsylwad yw pob rhes, nid oes angen ail-lunio.

| colofn | ystyr |
| --- | --- |
| workshop, activity | Fel uchod. |
| group | Y grŵp y mae'r lôn yn eiddo iddo. |
| aspect | Yr agwedd a baratowyd y mae'r nodyn yn ei gosod, neu destun y nodyn ei hun. |
| note | Testun y nodyn pan symudodd. |
| round | \`group\` (y rownd grŵp; pob gweithdy heb rowndiau), \`individual\` neu \`second\` (y rownd yr oedd y gweithgaredd ynddi pan wnaed y symudiad). |
| kind | \`place\`, \`move\` neu \`remove\`. |
| from_x, to_x | Y safle cyn ac ar ôl, 0 (y pen chwith) i 100 (y pen de), un lle degol; \`from_x\` yn wag ar gyfer \`place\`, \`to_x\` yn wag ar gyfer \`remove\`. |
| change | \`to_x - from_x\`: positif tuag at y pen de, negatif tuag at y chwith; yn wag ar gyfer \`place\` a \`remove\`. |
| from_y, to_y | Y lle fertigol ar y lôn (0 ar y brig i 100 ar y gwaelod); nid oes ystyr iddo, fe'i cedwir ar gyfer yr ailchwarae. |
| time | Pryd y cymhwysodd y gweinydd y symudiad, ISO 8601 UTC gyda milieiliadau. |
| seconds | Eiliadau ers symudiad cyntaf y gweithgaredd a gofnodwyd (rhif, ar gyfer plotio). |
| sequence | 1, 2, 3 … o fewn y gweithgaredd, yn nhrefn amser. |
| author | Pwy a'i symudodd; yn wag mewn gweithdai dienw (nid yw'r gweinydd yn ei gadw bryd hynny) a phan nad yw'n hysbys. |
| activity_id, group_id, aspect_id, note_id | Dynodwyr sefydlog; \`aspect_id\` yn wag ar gyfer agwedd a ysgrifennodd grŵp ei hun. |
`,
    rounds: `
## Ffeil y rowndiau (\`…-rounds.csv\`): un rhes i bob lleoliad ym mhob rownd (fformat hir)

Ar gyfer graddfa symudol a gynhaliwyd mewn rowndiau: rownd unigol (mae pob person yn gosod yr agweddau ar ei
raddfa ei hun, yn breifat nes bod yr hwylusydd yn dangos y lleoliadau unigol), y rownd grŵp, ac ail rownd
ar ôl i'r grwpiau weld ei gilydd. Nid oes rhesi ar gyfer graddfeydd heb rowndiau. Darllenwch hi'n
uniongyrchol: \`read.csv("…-rounds.csv")\` yn R, \`pandas.read_csv("…-rounds.csv")\` yn Python.

| colofn | ystyr |
| --- | --- |
| workshop, activity | Fel uchod. |
| round | \`individual\`: lleoliad un person ei hun; \`group\`: lôn y grŵp yn y rownd grŵp (pan gafwyd ail rownd, fel yr oedd pan ddechreuodd yr ail rownd); \`second\`: lôn y grŵp ar ddiwedd yr ail rownd. |
| group | Y grŵp: grŵp y person (gan y gweinydd, nid o'r hyn a ddywedodd dyfais) ar gyfer rhesi \`individual\`, grŵp y lôn fel arall. |
| participant_id | Rhesi \`individual\`: dynodwr ffugenwol y person (ar hap, a roddwyd gan y gweinydd pan ymunodd; yr un fath ag yn ffeil y nodiadau), byth yn enw. Yn wag ar gyfer rhesi grŵp. |
| aspect | Yr agwedd a baratowyd (geiriad presennol), neu destun y nodyn ei hun. |
| position | 0 (y pen chwith) i 100 (y pen de), un lle degol. |
| activity_id, group_id, aspect_id, note_id | Dynodwyr sefydlog. |

Mae'r adroddiad yn crynhoi gwasgariad lleoliadau unigol grŵp fel y canolrif ("yr un canol") a'r amrediad
rhyngchwartel ("yr hanner canol"), gyda dull math 7 R o gyfrifo chwartelau (rhagosodiad \`quantile()\` R a
\`percentile()\` NumPy), fel bod yr un ffigurau'n dod o'r ffeil hon yn R neu Python.
`,
    stats: (c) => `
## Ystadegau a brawddegau mewn iaith glir

Pwyntiau ar y raddfa 0 i 100 yw'r safleoedd. Mae canolrifau a chwartelau lleoliadau unigol yn defnyddio
math 7 R (rhyngosod llinol; rhagosodiad quantile() R a percentile() NumPy): ar gyfer y gwerthoedd wedi'u
trefnu \`x(1) ≤ … ≤ x(n)\`, \`h = (n - 1) p\` a \`j = floor(h) + 1\`, y gwerth ar gyfran \`p\` yw
\`x(j) + (h + 1 - j) (x(j + 1) - x(j))\`. Yr amrediad rhyngchwartel (IQR) yw'r trydydd chwartel namyn y
cyntaf; yr IQR yw'r gwasgariad. Y symudiad rhwng dwy rownd yw'r safle diweddarach namyn yr un cynharach
(positif tuag at y pen de).

Mae'r gymhariaeth yn dangos brawddegau i ddarllenwyr lleyg, wedi'u penderfynu gan y trothwyon hyn; gall yr
hwylusydd newid pob un ar gyfer gweithdy:

| brawddeg | pryd | trothwy yn y gweithdy hwn |
| --- | --- | --- |
| "Mae'r ddau grŵp yn rhoi hyn tuag at …" (neu "… yn rhoi hyn yn y canol") | mae safleoedd y grwpiau \`agreeWithin\` neu lai oddi wrth ei gilydd; "yn y canol" pan fo'u cymedr o fewn \`middleBand\` i 50 | ${c.agreeWithin}; ${c.middleBand} |
| "Mae A yn pwyso tuag at …; B tuag at …" | mae'r grwpiau pellaf oddi wrth ei gilydd o leiaf \`differBy\` ar wahân | ${c.differBy} |
| "Mae N pwynt rhwng A a B" | rhwng y ddau | |
| "Nid oedd A yn cytuno â'i gilydd (gwasgariad eang)" | mae gan leoliadau unigol grŵp IQR o \`wideSpread\` o leiaf, gydag o leiaf \`minPeople\` o leoliadau | ${c.wideSpread}; ${c.minPeople} |
| "Roedd A yn cytuno â'i gilydd gan mwyaf" | mae'r IQR hwnnw'n \`agreeWithin\` neu lai (yr un isafswm o bobl) | |
| "Symudodd A hyn tuag at … (N pwynt)" | newidiodd safle grŵp o \`movedBy\` o leiaf rhwng rowndiau | ${c.movedBy} |
`,
    setHere: (d) => ` (wedi'i osod ar gyfer y gweithdy hwn; y rhagosodiad yw ${d})`,
    isDefault: " (y rhagosodiad)",
  },
};

const CATALOGUES: Readonly<Record<WorkshopLanguage, ResearchText>> = { en, cy };

/** The research parts' words in a workshop's language (English when absent or unknown). */
export function researchText(lang: WorkshopLanguage | undefined): ResearchText {
  return CATALOGUES[lang ?? "en"] ?? en;
}
