export * from "./time.js";
export * from "./program.js";
export * from "./scenario.js";
export * from "./objective.js";
export * from "./roster.js";
export * from "./errors.js";
export { PROGRAM_MODELS } from "./catalog.js";
export * from "./calendar.js";
export * from "./requests.js";
