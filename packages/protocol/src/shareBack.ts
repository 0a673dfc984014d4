/**
 * Share-back pages (issue 14): a read-only results page the facilitator publishes after the meeting, at
 * `/results/<slug>`, for the people who took part. See docs/api.md.
 */

/** `POST /api/workshops/<id>/share-back`: the new page's slug, given out this once (only its hash is kept). */
export interface ShareBackResponse {
  slug: string;
  /** The web page's path, `/results/<slug>`. */
  path: string;
  publishedAt: number;
}

/** `GET /api/workshops/<id>/share-back`: whether a page is published now; never the slug. */
export interface ShareBackStatus {
  published: boolean;
  /** When the latest page was published (ms), or null if none ever was. */
  publishedAt: number | null;
  /** When it was withdrawn (ms), or null while it is published (or none ever was). */
  withdrawnAt: number | null;
}
