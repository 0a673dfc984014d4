/**
 * The English catalogue: every word the app shows, says to a screen reader or puts in a page title. The
 * other catalogues have the same keys (apps/web/test/i18n.test.ts checks it, with the plural forms each
 * language needs); a key used in the code must be here, or TypeScript says so (i18next.d.ts).
 *
 * Plurals: a key with `_one` and `_other` is looked up with `count` (`t("x", { count })`), and each language
 * has the forms its plural rules name (Welsh: zero, one, two, few, many, other). Numbers in `{{count}}` are
 * formatted for the language by i18next with Intl.NumberFormat.
 */
export const en = {
  language: {
    // Always in both languages, so a person who cannot read the one on screen still finds it.
    label: "Language / Iaith",
  },
  common: {
    next: "Next",
    keep: "Keep",
    on: "On",
    off: "Off",
    untitledWorkshop: "Untitled workshop",
    theWorkshop: "The workshop",
  },
  app: {
    openingRoomScreen: "Opening the room screen…",
    openingResults: "Opening the results…",
    notFound: "This page does not exist",
    toStart: "Go to the start page",
  },
  errors: {
    unreachable:
      "We cannot reach the workshop server. Check your Wi-Fi or internet connection, then try again.",
    too_many_attempts: "Too many wrong attempts. Wait a few minutes and try again.",
    slow_down: "Someone on your network is trying many codes at once. Wait a few seconds and try again.",
    unknown_code: "There is no open workshop with that code. Check the code and try again.",
    unknown_workshop: "There is no workshop at this link.",
    unknown_participant: "There is no such person in this workshop.",
    unknown_group: "That group is not in this workshop. Choose one of the groups shown.",
    unknown_activity: "This activity is not in the workshop any more.",
    unknown_results: "There are no results at this link. Check the link you were sent.",
    results_withdrawn:
      "These results were withdrawn by the workshop's organisers. Ask them if you would like to see them.",
    workshop_closed: "This workshop has been closed.",
    removed: "The facilitator has taken you out of this workshop.",
    wrong_key: "This link is not valid any more. Ask the facilitator for a new link.",
    wrong_token: "This device cannot add people to this workshop. Join with the workshop code instead.",
    missing_key: "This needs the facilitator's link. Open the workshop from the facilitator's device.",
    missing_token: "This needs someone already in the workshop. Join with the workshop code instead.",
    missing_field: "Something is missing. Fill in every field and try again.",
    invalid_field: "Something entered is not right. Check what you entered and try again.",
    invalid_json: "The file is not a workshop archive. Choose the .json file downloaded from a workshop.",
    body_too_large: "That is too large to send. Choose a smaller file.",
    too_many_workshops:
      "Too many workshops were started from this network just now. Wait a few minutes and try again.",
    too_many_people:
      "Too many people were added from this network just now. Wait a few minutes, or join with the workshop code.",
    busy: "The server is busy with other exports. Try again in a minute.",
    too_large: "This export needed more memory than the server allows.",
    too_slow: "This export took too long and was stopped. Try a smaller one.",
    internal_error: "Something went wrong on the server. Try again.",
  },
  start: {
    lead: "Workshops where groups place ideas on a scale, then compare.",
    joinHeading: "Join a workshop",
    createHeading: "Start a new workshop",
    createHint: "For facilitators. Everything can be changed later in the agenda.",
    kind: "What kind of workshop",
    title: "Workshop title",
    date: "Meeting date",
    groups: "Groups (one per line)",
    aspects: "Aspects to place on the scale (one per line)",
    showNames: "Show names to the room and in exports",
    showNamesHint:
      "Off: notes show only the group, on the room's screen, on other people's screens and in the downloads. Each person still sees their own name on their own notes. You can change this later in the agenda.",
    needTitle: "Give the workshop a title to create it.",
    needGroup: "Add at least one group (one per line) to create it.",
    creating: "Creating…",
    create: "Create the workshop",
    importHeading: "Open an archived workshop",
    importHint:
      "For facilitators: choose a workshop archive (a .json file downloaded from a facilitator's view). It opens as a new workshop with its own code.",
    importField: "Workshop archive (.json)",
    importing: "Opening the archive…",
    facilitator: "Facilitator",
  },
  templates: {
    blank: { label: "Blank", description: "A title and nothing else." },
    discretion: {
      label: "Discretion (February 2023)",
      description:
        "Link workers and PPI contributors place aspects of the link worker role on a scale in two separate groups, then chart the pros, cons and implications of making an aspect discretionary in mixed groups.",
    },
    "word-association": {
      label: "Word association and vignettes (October 2022)",
      description:
        "Word association on key terms (holding, feedback loops, readiness), then reflection on anonymised vignettes with three set questions.",
    },
    "between-meetings": {
      label: "Between meetings",
      description:
        "A board with three questions that members add to in their own time, open after the meeting ends until the facilitator closes it.",
    },
  },
  join: {
    heading: "Join a workshop",
    codeField: "Workshop code (on the screen in the room)",
    badCode: "That code does not look right. Codes have 6 letters and numbers, like ABC234.",
    lookingUp: "Looking up workshop {{code}}…",
    otherCode: "Enter a different code",
    name: "Your name (only first name is fine)",
    group: "Your group",
    needName: "Type your name to join.",
    needGroup: "Choose your group to join.",
    joining: "Joining…",
    join: "Join",
  },
  yours: {
    heading: "Your workshops",
    hint: "The workshops you facilitate from this browser. Only this device keeps this list.",
    meeting: "Meeting {{date}}",
    noDate: "No meeting date",
    status: {
      running: "Running",
      ended: "Meeting ended",
      "open-between": "Open between meetings",
      closed: "Closed",
    },
    joined_one: "{{count}} person joined",
    joined_other: "{{count}} people joined",
    seen_one: "{{count}} person seen",
    seen_other: "{{count}} people seen",
    continue: "Continue",
    continueLabel: "Continue: {{title}}",
    present: "Present",
    presentLabel: "Present: {{title}}",
    report: "Report (PDF)",
    reportLabel: "Download the report (PDF): {{title}}",
    close: "Close",
    closeLabel: "Close: {{title}}",
    closeIt: "Close it",
    closeItLabel: "Close it: {{title}}",
    keepOpen: "Keep it open",
    closeExplain: "Nobody can join or change anything any more. You can still download everything.",
    making: "Making the report…",
    downloaded: "Downloaded {{name}}.",
    reportFailed: "The report could not be made. Try again.",
    closed: "“{{title}}” is closed. Its downloads still work.",
  },
  you: {
    menu: "You",
    heading: "Use this on your phone too",
    explain: "Open your board on your phone as the same person. Your notes and dots stay yours.",
    qrAlt: "QR code that opens your board on another device",
    making: "Making the code…",
    scan: "Scan it with your phone's camera. Anyone who scans it can write as you, so keep it to yourself.",
    show: "Show the code to scan",
    copied: "Link copied",
    copy: "Copy the link",
    copiedHint: "Send it only to yourself: anyone with it can write as you.",
    joinFirst: "To use this, join again with the workshop code on this device first.",
  },
  larger: { label: "Larger text" },
  readAloud: { read: "Read aloud", stop: "Stop reading", what: "{{label}}: {{what}}" },
  update: {
    ready: "A new version is ready.",
    explain: "Reload to use it: nothing you have done is lost.",
    reload: "Reload",
    later: "Later",
  },
} as const;
