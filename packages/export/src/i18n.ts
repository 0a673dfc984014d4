/**
 * The exports' own words in the workshop's language (issue 17): the report's headings and sentences, the
 * PDF's and pictures' labels, the codebook's descriptions. The workshop's language is `meta.language`, set by
 * the facilitator (absent = English). What people wrote (titles, aspects, notes, group names) is never
 * translated. CSV column names stay English identifiers (`activity_kind`, `position`), so an R or Python
 * script reads every workshop's files the same way; the codebook explains them in the workshop's language.
 *
 * A catalogue is a typed object, so a language missing a sentence does not compile; sentences with numbers
 * are functions, and plurals use Intl.PluralRules (Welsh has six forms), numbers Intl.NumberFormat and dates
 * Intl.DateTimeFormat in that language. Plain objects rather than i18next: the exports run in the server's
 * export worker as well as in the browser, and need nothing but the language's rules.
 */
import type { WorkshopLanguage } from "@continuum/model";

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface ExportText {
  readonly lang: WorkshopLanguage;
  /** `{n}` in the form the language's plural rules pick for `n`. */
  readonly plural: (n: number, forms: Plural) => string;
  readonly num: (n: number) => string;
  readonly day: (isoDay: string) => string;

  readonly untitledWorkshop: string;
  readonly untitledActivity: string;
  readonly untitledColumn: string;
  readonly untitledAspect: string;
  readonly unnamedGroup: string;
  readonly removedGroup: string;
  /** A note's byline when its group was removed from the workshop (as the web app shows it). */
  readonly removedGroupNote: string;
  readonly facilitator: string;
  readonly chart: string;
  readonly workshopReport: string;
  readonly workshop: string;
  readonly kind: { readonly scale: string; readonly chart: string; readonly board: string };
  readonly removedColumn: string;
  readonly leftEnd: string;
  readonly rightEnd: string;
  readonly left: string;
  readonly right: string;

  // The Markdown report
  readonly atEnd: (label: string) => string;
  readonly towards: (label: string) => string;
  readonly inMiddle: string;
  readonly gapWords: {
    readonly agree: string;
    readonly some: string;
    readonly clear: string;
    readonly very: string;
  };
  readonly votes: (n: number) => string;
  /**
   * A note typed for someone else (OWN-4): by whom (a name or `theFacilitator`; null: say no name), and
   * whether the person it was written for is named beside it (then it says only who wrote it down).
   */
  readonly writtenFor: (scribe: string | null, named: boolean) => string;
  readonly theFacilitator: string;
  readonly nothingHere: string;
  readonly removedColumnNotes: string;
  readonly scaleRuns: (left: string, right: string) => string;
  readonly noAspects: string;
  readonly aspect: string;
  readonly gap: string;
  readonly positionsNote: string;
  readonly groupAdded: string;
  readonly didNotPlace: (group: string) => string;
  readonly placedIt: (group: string, where: string, value: string) => string;
  readonly gapLine: (gap: string, words: string) => string;
  readonly rounds: string;
  readonly whyHere: (group: string) => string;
  readonly takingPart: (names: string) => string;
  readonly noGroupTookPart: string;
  readonly about: (text: string) => string;
  readonly listedAbove: (aspect: string, scale: string) => string;
  readonly readFirst: string;
  readonly nothingOnBoard: string;
  readonly date: (day: string) => string;
  readonly groups: (names: string) => string;
  readonly noGroups: string;
  readonly anonymous: string;
  readonly noActivities: string;
  readonly exportedOn: (day: string) => string;

  // The PDF and the pictures
  readonly nothingPlaced: string;
  readonly addedByGroup: (aspect: string) => string;
  readonly pdfPositions: (left: string, right: string) => string;
  readonly anonymousShort: string;
  readonly contents: string;
  readonly wherePlaced: (title: string) => string;
  readonly footer: (title: string, day: string, page: number, pages: number) => string;
  readonly legend: (left: string, right: string) => string;
  readonly continued: (title: string) => string;
  readonly noGroupsNothingPlaced: string;
  readonly noColumns: string;
  readonly nothingWrittenHere: string;

  // The codebook
  readonly codebook: {
    readonly title: (workshop: string) => string;
    readonly exported: (when: string, version: number) => string;
    readonly format: string;
    readonly formula: string;
    readonly anonymous: string;
    readonly named: string;
    readonly notesFile: string;
    readonly comparisonFile: string;
    readonly columnMeaning: string;
    readonly notes: Readonly<Record<string, string>>;
    readonly comparison: Readonly<Record<string, string>>;
    readonly groupColumns: (names: string) => string;
    readonly noneHere: string;
  };
}

const base = (lang: WorkshopLanguage) => {
  const rules = new Intl.PluralRules(lang);
  const nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  return {
    lang,
    plural: (n: number, forms: Plural) =>
      (forms[rules.select(n)] ?? forms.other).replace("{n}", nf.format(n)),
    num: (n: number) => nf.format(n),
    day: (d: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
      if (!m) return d;
      const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(at);
    },
  };
};

const en: ExportText = {
  ...base("en"),
  untitledWorkshop: "Untitled workshop",
  untitledActivity: "Untitled activity",
  untitledColumn: "Untitled column",
  untitledAspect: "Untitled aspect",
  unnamedGroup: "Unnamed group",
  removedGroup: "a removed group",
  removedGroupNote: "Removed group",
  facilitator: "Facilitator",
  chart: "Chart",
  workshopReport: "Workshop report",
  workshop: "Workshop",
  kind: { scale: "Sliding scale", chart: "Chart", board: "Prompt board" },
  removedColumn: "(removed column)",
  leftEnd: "the left end",
  rightEnd: "the right end",
  left: "left",
  right: "right",
  atEnd: (l) => `at the “${l}” end`,
  towards: (l) => `towards “${l}”`,
  inMiddle: "in the middle",
  gapWords: {
    agree: "the groups broadly agree",
    some: "some difference between the groups",
    clear: "a clear difference between the groups",
    very: "the groups see this very differently",
  },
  votes: (n) => (n === 1 ? `${n} vote` : `${n} votes`),
  writtenFor: (scribe, named) =>
    scribe ? (named ? `written by ${scribe}` : `written for someone by ${scribe}`) : "written for someone",
  theFacilitator: "the facilitator",
  nothingHere: "Nothing was written here.",
  removedColumnNotes: "Notes from a removed column",
  scaleRuns: (l, r) =>
    `The scale runs from ${l} (0) to ${r} (100). Each group placed the aspects on its own, so that the groups can be compared.`,
  noAspects: "No aspects were placed on this scale.",
  aspect: "Aspect",
  gap: "Gap",
  positionsNote: "Positions are from 0 to 100; “–” means the group did not place it.",
  groupAdded: "A group added this aspect itself.",
  didNotPlace: (g) => `**${g}** did not place it.`,
  placedIt: (g, where, v) => `**${g}** placed it ${where} (${v}).`,
  gapLine: (gap, words) => `**Gap:** ${gap} points out of 100: ${words}.`,
  rounds: "Rounds",
  whyHere: (g) => `Why here: ${g}`,
  takingPart: (names) => `Groups taking part: ${names}.`,
  noGroupTookPart: "No group took part.",
  about: (t) => `About: ${t}`,
  listedAbove: (aspect, scale) =>
    `The comments of this chart are listed above, under the aspect ${aspect} of ${scale}.`,
  readFirst: "What people read first:",
  nothingOnBoard: "Nothing was written on this board.",
  date: (d) => `Date: ${d}`,
  groups: (names) => `Groups: ${names}.`,
  noGroups: "This workshop has no groups.",
  anonymous: "Names are not shown: this workshop was anonymous. Each comment shows its group.",
  noActivities: "This workshop has no activities yet.",
  exportedOn: (d) => `Exported from Continuum on ${d}.`,
  nothingPlaced: "Nothing was placed on this scale.",
  addedByGroup: (a) => `${a} (added by a group)`,
  pdfPositions: (l, r) =>
    `Positions from 0 (${l}) to 100 (${r}); “–”: not placed by that group. The gap is the distance between the groups furthest apart.`,
  anonymousShort: "Names are not shown: this workshop was anonymous.",
  contents: "Contents",
  wherePlaced: (t) => `Where each group placed the aspects: ${t}`,
  footer: (t, d, p, n) => `${t} · exported ${d} · page ${p} of ${n}`,
  legend: (l, r) =>
    `Positions from 0 (${l}) to 100 (${r}); the marker under each note shows its exact place.`,
  continued: (t) => `${t} (continued)`,
  noGroupsNothingPlaced: "This workshop has no groups, so nothing was placed.",
  noColumns: "This activity has no columns.",
  nothingWrittenHere: "Nothing written here.",
  codebook: {
    title: (w) => `Codebook: ${w}`,
    exported: (when, v) => `Exported ${when} from Continuum (schema version ${v}).`,
    format: `Both CSV files are UTF-8 with a byte order mark, comma separated, with CRLF line ends and quoting as in
RFC 4180 (a cell with a comma, a double quote or a line break is put in double quotes, and a double quote
inside it is doubled). Times are ISO 8601 in UTC (\`2023-02-15T10:30:00.000Z\`); blank when unknown.`,
    formula: `**Formula protection.** A *text* cell that begins with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return
has a single quote (\`'\`) put before it, so that a spreadsheet shows it as text instead of running it as a
formula. A note that reads \`-5 sessions\` therefore appears as \`'-5 sessions\`; remove the leading quote
if you process the file with a script. *Number* cells (\`position\`, \`votes\`, group positions, \`gap\`)
are never changed: a position is always between 0 and 100 and a count is never negative.`,
    anonymous: "This workshop was anonymous: `author` is blank in every row; `group` is kept.",
    named: "This workshop was not anonymous: `author` is the display name people typed when joining.",
    notesFile: "Notes file (`…-notes.csv`): one row per note",
    comparisonFile: "Comparison file (`…-comparison.csv`): one row per aspect of each sliding scale",
    columnMeaning: "| column | meaning |",
    notes: {
      workshop: "The workshop's title.",
      workshop_date: "The workshop's date, `YYYY-MM-DD`; blank if not set.",
      activity: "The activity's title, as on the agenda.",
      activity_kind:
        "`scale` (sliding scale, one lane per group), `chart` (e.g. pros, cons and implications) or `board` (prompt board).",
      group:
        "Scale: the group whose lane the note is in. Chart and board: the group of the person who wrote it; blank for the facilitator or a group since removed.",
      aspect:
        "Scale: the prepared aspect the note places (its current wording), or the note's own text when the group wrote the aspect itself. Chart: what the chart is about. Board: blank.",
      note: "The text on the note (for a prepared aspect, its wording when it was placed).",
      position:
        'Scale only: where the note sits, from 0 (the left end, e.g. "About choice") to 100 (the right end, e.g. "Set in stone"), rounded to one decimal. The JSON archive keeps the exact value.',
      column:
        'Chart: the column (e.g. Pros, Cons, Implications). Board: the prompt. "(removed column)" when the column was deleted after the note was written. Blank for scales.',
      votes:
        "Chart and board: dots from all voters on the note (0 when none), counting at most the activity's budget of dots per voter, as the board does. Blank for scales.",
      author: "Display name of the person who wrote or placed the note. Blank in anonymous workshops.",
      created: "When the note was written (the writer's device clock).",
      updated: "When the note was last moved or edited.",
      "activity_id, group_id, aspect_id, note_id":
        "Stable ids, to join rows with the comparison file or the JSON archive. `aspect_id` is blank for a group's own aspect (scale) and for a chart that is not about a prepared aspect.",
      participant_id:
        "Chart and board: a pseudonymous id of the person who wrote the note (e.g. `pk3m9x2q4rtb`), issued at random by the server when they joined and stamped on the note by the server, so it cannot be claimed by a device. The same person has the same id in every row and every export of this workshop, on every device they used (a shared tablet gives each person their own), and it is kept in anonymous workshops: count people, or follow one person's notes, without names. Only the facilitator's list of people links an id to a name. Blank for scale notes (a lane is its group's, moved by any member), for the facilitator's notes, and for notes written before ids were issued or brought in by an import.",
      written_for:
        "Chart and board: for a note someone typed on behalf of a person who said it aloud (the facilitator, or a member of the same group), the name given for that person; blank when no name was given or the workshop is anonymous. Such a note is credited to that person: `author` is this name too, `group` is their group, and `participant_id` is blank (they need no link). Blank for every other note.",
      scribe_kind:
        "Chart and board: who typed a note written for someone: `facilitator`, or `participant` (a member of the note's group; the server credits their own group). Stamped by the server, so a device cannot claim it. Filled exactly for the notes written for someone: count them with it, named or not.",
      scribe:
        "The display name of whoever typed a note written for someone; blank in anonymous workshops and for every other note.",
      scribe_participant_id:
        "The pseudonymous id of the participant who typed a note written for someone (as `participant_id` for their own notes); blank when the facilitator typed it and for every other note.",
    },
    comparison: {
      "workshop, activity": "As above.",
      aspect: "A prepared aspect (current wording), or an aspect a group wrote itself.",
      aspect_source:
        "`prepared` by the facilitator, or `group` (written by a group; notes of different groups with the same wording, ignoring case and spacing, count as one aspect).",
      groups:
        "Where that group placed the aspect, 0 to 100, one decimal; the mean when the group has more than one note for it; blank when the group did not place it.",
      gap: "The distance between the two groups furthest apart (highest minus lowest position); blank when fewer than two groups placed the aspect. 0 means full agreement, 100 opposite ends.",
      "activity_id, aspect_id": "Stable ids; `aspect_id` is blank for a group's own aspect.",
    },
    groupColumns: (names) => `one column per group (${names})`,
    noneHere: "none in this workshop",
  },
};

const cy: ExportText = {
  ...base("cy"),
  untitledWorkshop: "Gweithdy heb deitl",
  untitledActivity: "Gweithgaredd heb deitl",
  untitledColumn: "Colofn heb deitl",
  untitledAspect: "Agwedd heb deitl",
  unnamedGroup: "Grŵp heb enw",
  removedGroup: "grŵp a dynnwyd",
  removedGroupNote: "Grŵp a dynnwyd",
  facilitator: "Hwylusydd",
  chart: "Siart",
  workshopReport: "Adroddiad y gweithdy",
  workshop: "Gweithdy",
  kind: { scale: "Graddfa symudol", chart: "Siart", board: "Bwrdd cwestiynau" },
  removedColumn: "(colofn wedi'i thynnu)",
  leftEnd: "y pen chwith",
  rightEnd: "y pen de",
  left: "chwith",
  right: "de",
  atEnd: (l) => `ym mhen “${l}”`,
  towards: (l) => `tuag at “${l}”`,
  inMiddle: "yn y canol",
  gapWords: {
    agree: "mae'r grwpiau'n cytuno'n fras",
    some: "rhywfaint o wahaniaeth rhwng y grwpiau",
    clear: "gwahaniaeth clir rhwng y grwpiau",
    very: "mae'r grwpiau'n gweld hyn yn wahanol iawn",
  },
  votes: (n) =>
    cyPlural(n, {
      zero: "{n} pleidlais",
      one: "{n} bleidlais",
      two: "{n} bleidlais",
      few: "{n} pleidlais",
      many: "{n} pleidlais",
      other: "{n} pleidlais",
    }),
  writtenFor: (scribe, named) =>
    scribe
      ? named
        ? `ysgrifennwyd gan ${scribe}`
        : `ysgrifennwyd ar ran rhywun gan ${scribe}`
      : "ysgrifennwyd ar ran rhywun",
  theFacilitator: "yr hwylusydd",
  nothingHere: "Ni ysgrifennwyd dim yma.",
  removedColumnNotes: "Nodiadau o golofn a dynnwyd",
  scaleRuns: (l, r) =>
    `Mae'r raddfa'n mynd o ${l} (0) i ${r} (100). Gosododd pob grŵp yr agweddau ar ei ben ei hun, fel bod modd cymharu'r grwpiau.`,
  noAspects: "Ni osodwyd unrhyw agweddau ar y raddfa hon.",
  aspect: "Agwedd",
  gap: "Bwlch",
  positionsNote: "Mae'r safleoedd o 0 i 100; mae “–” yn golygu na osododd y grŵp hi.",
  groupAdded: "Ychwanegodd grŵp yr agwedd hon ei hun.",
  didNotPlace: (g) => `Ni osododd **${g}** hi.`,
  placedIt: (g, where, v) => `Gosododd **${g}** hi ${where} (${v}).`,
  gapLine: (gap, words) => `**Bwlch:** ${gap} pwynt allan o 100: ${words}.`,
  rounds: "Rowndiau",
  whyHere: (g) => `Pam yma: ${g}`,
  takingPart: (names) => `Grwpiau sy'n cymryd rhan: ${names}.`,
  noGroupTookPart: "Ni chymerodd unrhyw grŵp ran.",
  about: (t) => `Am: ${t}`,
  listedAbove: (aspect, scale) =>
    `Rhestrir sylwadau'r siart hwn uchod, o dan yr agwedd ${aspect} yn ${scale}.`,
  readFirst: "Yr hyn a ddarllenodd pobl yn gyntaf:",
  nothingOnBoard: "Ni ysgrifennwyd dim ar y bwrdd hwn.",
  date: (d) => `Dyddiad: ${d}`,
  groups: (names) => `Grwpiau: ${names}.`,
  noGroups: "Nid oes grwpiau yn y gweithdy hwn.",
  anonymous: "Ni ddangosir enwau: roedd y gweithdy hwn yn ddienw. Mae pob sylw'n dangos ei grŵp.",
  noActivities: "Nid oes gweithgareddau yn y gweithdy hwn eto.",
  exportedOn: (d) => `Allforiwyd o Continuum ar ${d}.`,
  nothingPlaced: "Ni osodwyd dim ar y raddfa hon.",
  addedByGroup: (a) => `${a} (ychwanegwyd gan grŵp)`,
  pdfPositions: (l, r) =>
    `Safleoedd o 0 (${l}) i 100 (${r}); “–”: heb ei gosod gan y grŵp hwnnw. Y bwlch yw'r pellter rhwng y grwpiau pellaf oddi wrth ei gilydd.`,
  anonymousShort: "Ni ddangosir enwau: roedd y gweithdy hwn yn ddienw.",
  contents: "Cynnwys",
  wherePlaced: (t) => `Lle gosododd pob grŵp yr agweddau: ${t}`,
  footer: (t, d, p, n) => `${t} · allforiwyd ${d} · tudalen ${p} o ${n}`,
  legend: (l, r) => `Safleoedd o 0 (${l}) i 100 (${r}); mae'r marc o dan bob nodyn yn dangos ei union le.`,
  continued: (t) => `${t} (parhad)`,
  noGroupsNothingPlaced: "Nid oes grwpiau yn y gweithdy hwn, felly ni osodwyd dim.",
  noColumns: "Nid oes colofnau yn y gweithgaredd hwn.",
  nothingWrittenHere: "Dim wedi'i ysgrifennu yma.",
  codebook: {
    title: (w) => `Llyfr codau: ${w}`,
    exported: (when, v) => `Allforiwyd ${when} o Continuum (fersiwn sgema ${v}).`,
    format: `Mae'r ddwy ffeil CSV yn UTF-8 gyda marc trefn beitiau, wedi'u gwahanu gan atalnodau, gyda diwedd llinell
CRLF a dyfynnu fel yn RFC 4180 (rhoddir cell ag atalnod, dyfynnod dwbl neu doriad llinell mewn dyfynodau dwbl,
a dyblir dyfynnod dwbl y tu mewn iddi). Mae amseroedd yn ISO 8601 yn UTC (\`2023-02-15T10:30:00.000Z\`); yn wag
pan nad ydynt yn hysbys.`,
    formula: `**Diogelu rhag fformiwlâu.** Rhoddir dyfynnod sengl (\`'\`) o flaen cell *testun* sy'n dechrau gyda \`=\`, \`+\`,
\`-\`, \`@\`, tab neu ddychweliad cerbyd, fel bod taenlen yn ei dangos fel testun yn lle ei rhedeg fel fformiwla.
Felly mae nodyn sy'n darllen \`-5 sessiwn\` yn ymddangos fel \`'-5 sessiwn\`; tynnwch y dyfynnod ar y dechrau os
ydych yn prosesu'r ffeil gyda sgript. Nid yw celloedd *rhif* (\`position\`, \`votes\`, safleoedd grwpiau, \`gap\`)
byth yn cael eu newid: mae safle bob amser rhwng 0 a 100 ac nid yw cyfrif byth yn negyddol.`,
    anonymous: "Roedd y gweithdy hwn yn ddienw: mae `author` yn wag ym mhob rhes; cedwir `group`.",
    named: "Nid oedd y gweithdy hwn yn ddienw: `author` yw'r enw a deipiodd pobl wrth ymuno.",
    notesFile: "Ffeil y nodiadau (`…-notes.csv`): un rhes i bob nodyn",
    comparisonFile: "Ffeil y gymhariaeth (`…-comparison.csv`): un rhes i bob agwedd ar bob graddfa symudol",
    columnMeaning: "| colofn | ystyr |",
    notes: {
      workshop: "Teitl y gweithdy.",
      workshop_date: "Dyddiad y gweithdy, `YYYY-MM-DD`; yn wag os na chafodd ei osod.",
      activity: "Teitl y gweithgaredd, fel ar yr agenda.",
      activity_kind:
        "`scale` (graddfa symudol, un lôn i bob grŵp), `chart` (e.e. manteision, anfanteision a goblygiadau) neu `board` (bwrdd cwestiynau).",
      group:
        "Graddfa: y grŵp y mae'r nodyn yn ei lôn. Siart a bwrdd: grŵp y person a'i hysgrifennodd; yn wag i'r hwylusydd neu i grŵp a dynnwyd ers hynny.",
      aspect:
        "Graddfa: yr agwedd a baratowyd y mae'r nodyn yn ei gosod (ei geiriad presennol), neu destun y nodyn ei hun pan ysgrifennodd y grŵp yr agwedd ei hun. Siart: am beth mae'r siart. Bwrdd: yn wag.",
      note: "Y testun ar y nodyn (ar gyfer agwedd a baratowyd, ei geiriad pan gafodd ei gosod).",
      position:
        "Graddfa yn unig: lle mae'r nodyn, o 0 (y pen chwith, e.e. \"About choice\") i 100 (y pen de, e.e. \"Set in stone\"), wedi'i dalgrynnu i un lle degol. Mae'r archif JSON yn cadw'r union werth.",
      column:
        'Siart: y golofn (e.e. Manteision, Anfanteision, Goblygiadau). Bwrdd: y cwestiwn. "(removed column)" pan ddilëwyd y golofn ar ôl ysgrifennu\'r nodyn. Yn wag ar gyfer graddfeydd.',
      votes:
        "Siart a bwrdd: dotiau gan bob pleidleisiwr ar y nodyn (0 pan nad oes rhai), gan gyfrif hyd at gyllideb dotiau'r gweithgaredd i bob pleidleisiwr, fel y mae'r bwrdd yn ei wneud. Yn wag ar gyfer graddfeydd.",
      author: "Enw'r person a ysgrifennodd neu a osododd y nodyn. Yn wag mewn gweithdai dienw.",
      created: "Pryd yr ysgrifennwyd y nodyn (cloc dyfais yr awdur).",
      updated: "Pryd y symudwyd neu y golygwyd y nodyn ddiwethaf.",
      "activity_id, group_id, aspect_id, note_id":
        "Dynodwyr sefydlog, i gysylltu rhesi â ffeil y gymhariaeth neu'r archif JSON. Mae `aspect_id` yn wag ar gyfer agwedd a ysgrifennodd grŵp ei hun (graddfa) ac ar gyfer siart nad yw'n ymwneud ag agwedd a baratowyd.",
      participant_id:
        "Siart a bwrdd: dynodwr ffugenwol y person a ysgrifennodd y nodyn (e.e. `pk3m9x2q4rtb`), a roddwyd ar hap gan y gweinydd pan ymunodd ac a stampiwyd ar y nodyn gan y gweinydd, fel na all dyfais ei hawlio. Mae gan yr un person yr un dynodwr ym mhob rhes a phob allforyn o'r gweithdy hwn, ar bob dyfais a ddefnyddiodd (mae llechen a rennir yn rhoi ei dynodwr ei hun i bob person), ac fe'i cedwir mewn gweithdai dienw: cyfrwch bobl, neu dilynwch nodiadau un person, heb enwau. Dim ond rhestr pobl yr hwylusydd sy'n cysylltu dynodwr ag enw. Yn wag ar gyfer nodiadau graddfa (lôn y grŵp yw hi, a gall unrhyw aelod ei symud), nodiadau'r hwylusydd, a nodiadau a ysgrifennwyd cyn rhoi dynodwyr neu a ddaeth drwy fewnforio.",
      written_for:
        "Siart a bwrdd: ar gyfer nodyn a deipiodd rhywun ar ran person a'i dywedodd yn uchel (yr hwylusydd, neu aelod o'r un grŵp), yr enw a roddwyd i'r person hwnnw; yn wag pan na roddwyd enw neu pan fo'r gweithdy'n ddienw. Mae nodyn o'r fath yn cael ei briodoli i'r person hwnnw: `author` yw'r enw hwn hefyd, `group` yw eu grŵp, ac mae `participant_id` yn wag (nid oes angen dolen arnyn nhw). Yn wag ar gyfer pob nodyn arall.",
      scribe_kind:
        "Siart a bwrdd: pwy a deipiodd nodyn a ysgrifennwyd ar ran rhywun: `facilitator`, neu `participant` (aelod o grŵp y nodyn; mae'r gweinydd yn priodoli eu grŵp eu hunain). Wedi'i stampio gan y gweinydd, fel na all dyfais ei hawlio. Wedi'i lenwi ar gyfer yr union nodiadau a ysgrifennwyd ar ran rhywun: cyfrwch nhw gyda hwn, gydag enw neu beidio.",
      scribe:
        "Enw'r sawl a deipiodd nodyn a ysgrifennwyd ar ran rhywun; yn wag mewn gweithdai dienw ac ar gyfer pob nodyn arall.",
      scribe_participant_id:
        "Dynodwr ffugenwol y cyfranogwr a deipiodd nodyn a ysgrifennwyd ar ran rhywun (fel `participant_id` ar gyfer eu nodiadau eu hunain); yn wag pan deipiodd yr hwylusydd ef ac ar gyfer pob nodyn arall.",
    },
    comparison: {
      "workshop, activity": "Fel uchod.",
      aspect: "Agwedd a baratowyd (geiriad presennol), neu agwedd a ysgrifennodd grŵp ei hun.",
      aspect_source:
        "`prepared` gan yr hwylusydd, neu `group` (ysgrifennwyd gan grŵp; mae nodiadau gan grwpiau gwahanol gyda'r un geiriad, gan anwybyddu priflythrennau a bylchau, yn cyfrif fel un agwedd).",
      groups:
        "Lle gosododd y grŵp hwnnw'r agwedd, 0 i 100, un lle degol; y cymedr pan fo gan y grŵp fwy nag un nodyn ar ei chyfer; yn wag pan na osododd y grŵp hi.",
      gap: "Y pellter rhwng y ddau grŵp pellaf oddi wrth ei gilydd (y safle uchaf namyn yr isaf); yn wag pan osododd llai na dau grŵp yr agwedd. Mae 0 yn golygu cytundeb llwyr, 100 pennau cyferbyn.",
      "activity_id, aspect_id":
        "Dynodwyr sefydlog; mae `aspect_id` yn wag ar gyfer agwedd a ysgrifennodd grŵp ei hun.",
    },
    groupColumns: (names) => `un golofn i bob grŵp (${names})`,
    noneHere: "dim yn y gweithdy hwn",
  },
};

function cyPlural(n: number, forms: Plural): string {
  return base("cy").plural(n, forms);
}

const CATALOGUES: Readonly<Record<WorkshopLanguage, ExportText>> = { en, cy };

/** The exports' words in a workshop's language (English when absent or unknown). */
export function exportText(lang: WorkshopLanguage | undefined): ExportText {
  return CATALOGUES[lang ?? "en"] ?? en;
}
