/**
 * Share-back (issue 14): after the meeting the facilitator publishes a read-only results page with a link
 * of its own, for the people who took part, and can withdraw it.
 *
 * - `POST /api/workshops/<id>/share-back` (facilitator): a new random slug (144 bits); any earlier page of
 *   the workshop is withdrawn. Only the slug's SHA-256 is stored, like the keys, so the answer is the one
 *   time the link is given out.
 * - `GET /api/workshops/<id>/share-back` (facilitator): whether a page is published, never its slug.
 * - `DELETE /api/workshops/<id>/share-back` (facilitator): withdraws it; the link then answers 410.
 * - `GET /api/results/<slug>`: the results without names (`sharedResults` of @continuum/export), built in
 *   the export pool from the documents' current state. A wrong slug is a wrong guess (guard.ts, 404); a
 *   withdrawn one is 410 with a sentence to show.
 *
 * The slug never reaches the logs: the request log writes `/results/[redacted]` (log.ts `pathOnly`).
 */
import { createHash, randomBytes } from "node:crypto";
import type { ShareBackResponse, ShareBackStatus, WorkshopId } from "@continuum/protocol";
import { authorizeFacilitator } from "../../auth/facilitator.ts";
import { updatesFromRooms } from "../../exports/snapshot.ts";
import type { Handler, HttpDeps } from "../context.ts";
import { HttpError } from "../errors.ts";

/** Slugs are base64url of 18 random bytes: 24 characters. Anything else is not one of ours. */
const SLUG = /^[A-Za-z0-9_-]{24}$/;

export const hashSlug = (slug: string): string => createHash("sha256").update(slug).digest("hex");

export function shareBackRoutes(deps: HttpDeps) {
  const { store, rooms, tokens } = deps;
  const facilitator = (req: Parameters<Handler>[0]["req"], id: string | undefined) =>
    deps.guarded(req, () => authorizeFacilitator(req, store, tokens, id ?? "", "Results pages"), id);

  const publish: Handler = async ({ req, params }) => {
    const workshop = await facilitator(req, params.id);
    const slug = randomBytes(18).toString("base64url");
    const now = Date.now();
    await store.publishShareBack(workshop.id, hashSlug(slug), now);
    deps.log.info({ workshop: workshop.id }, "results page published");
    const body: ShareBackResponse = { slug, path: `/results/${slug}`, publishedAt: now };
    return { status: 201, body };
  };

  const status: Handler = async ({ req, params }) => {
    const workshop = await facilitator(req, params.id);
    const latest = await store.latestShareBack(workshop.id);
    const body: ShareBackStatus = {
      published: latest !== null && latest.withdrawnAt === null,
      publishedAt: latest?.createdAt ?? null,
      withdrawnAt: latest?.withdrawnAt ?? null,
    };
    return { status: 200, body };
  };

  const withdraw: Handler = async ({ req, params }) => {
    const workshop = await facilitator(req, params.id);
    const withdrawn = await store.withdrawShareBack(workshop.id, Date.now());
    if (withdrawn) deps.log.info({ workshop: workshop.id }, "results page withdrawn");
    return { status: 200, body: { withdrawn } };
  };

  const results: Handler = ({ req, res, params }) =>
    deps.guarded(req, async () => {
      const slug = params.slug ?? "";
      const found = SLUG.test(slug) ? await store.findShareBack(hashSlug(slug)) : null;
      if (!found || !(await store.getWorkshop(found.workshopId as WorkshopId))) {
        throw new HttpError(
          404,
          "unknown_results",
          "There are no results at this link. Check the link you were sent.",
        );
      }
      if (found.withdrawnAt !== null) {
        throw new HttpError(
          410,
          "results_withdrawn",
          "These results were withdrawn by the workshop's organisers. Ask them if you would like to see them.",
        );
      }
      const body = await deps.exportPool.results(await updatesFromRooms(store, rooms, found.workshopId));
      // A page with its own secret link: not kept by shared caches, not sent on as a referrer.
      res.setHeader("cache-control", "no-store");
      res.setHeader("referrer-policy", "no-referrer");
      return { status: 200, body };
    });

  return { publish, status, withdraw, results };
}
