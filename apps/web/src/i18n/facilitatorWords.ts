/**
 * The facilitator's words (`en.facilitator.ts`, `cy.facilitator.ts`): imported for its effect by every module
 * that uses one of them, all of which load lazily (the cockpit and what it opens, the downloads), so these
 * words are never in a participant's first load. English is added when this module is evaluated; the Welsh
 * part is a chunk of its own, fetched by `partsReady()` before the cockpit renders (apps/web/test/i18n.test.ts
 * checks all of this).
 */
import { enFacilitator } from "./en.facilitator.ts";
import { addPart } from "./i18n.ts";

addPart("facilitator", enFacilitator, {
  cy: () => import("./cy.facilitator.ts").then((m) => m.cyFacilitator),
});
