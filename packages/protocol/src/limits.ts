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
} as const;
