import "i18next";
import type { en } from "./en.ts";

// Typed resources: a key that is not in the English catalogue is a type error where it is used.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
    returnNull: false;
  }
}
