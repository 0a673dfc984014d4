/**
 * Every limit on what a person or a peer may write, in one place: the model clamps documents to them, the
 * server's request schemas check them, and the web's forms show them (maxLength).
 */
export const LIMITS = {
  // Text lengths are in code points: long enough for real use, short enough to keep documents small.
  /** A post-it note: a phrase or a couple of sentences, never an essay. */
  noteText: 500,
  /** Workshop, activity and column titles. */
  title: 200,
  /** Activity prompts and the workshop description: a short paragraph. */
  prompt: 2000,
  /** Group names, scale end labels, author display names. */
  name: 80,
  /** A prepared aspect's wording. */
  aspect: 200,
  /** Dots one voter may place on one note; a hostile peer cannot inflate a count beyond this. */
  dotsPerNote: 99,
  /** Groups in one workshop, and aspects prepared for one scale, when a workshop is created. */
  groups: 20,
  aspects: 100,
  /** Longest timer: a whole working day is more than any workshop activity needs. */
  timerMs: 24 * 60 * 60 * 1000,

  // Imports (JSON archives): checked before anything is built, so that an archive nobody needs credentials
  // to send cannot make the server do more than the largest real workshop would. Each is several times what
  // a long series of meetings with a whole room of people produces.
  /** An archive's size (the server's request body limit for imports). */
  archiveBytes: 16 * 1024 * 1024,
  /** Activities on one agenda. */
  activities: 200,
  /** Groups in an imported workshop (more than a new workshop starts with: groups can be added later). */
  archiveGroups: 100,
  /** Notes on one lane, chart or board. */
  notesPerDocument: 2000,
  /** Notes in a whole archive. */
  archiveNotes: 10_000,
  /**
   * People voting on one chart or board. Dots are archived as a count per note, so an imported count is at
   * most this many times the activity's budget, written as one vote entry per such person, not one per dot.
   */
  voters: 500,
} as const;
