export * from "./access.ts";
export * from "./api.ts";
export * from "./closeCodes.ts";
export * from "./docNames.ts";
export * from "./ids.ts";
export * from "./limits.ts";
export * from "./roles.ts";
export * from "./wire.ts";
