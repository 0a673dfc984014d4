import "i18next";
import type { enFacilitator } from "./en.facilitator.ts";
import type { en } from "./en.ts";

// Typed resources: a key that is not in the English catalogue (its first-load part or the facilitator's) is a
// type error where it is used.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en & typeof enFacilitator };
    returnNull: false;
  }
}
