// Every route the service has, in the order the document lists them.
import type { RouteSpec } from "../route-table.js";
import { CLINIC_ROUTES } from "./clinics.js";
import { JOB_ROUTES } from "./jobs.js";
import { KEY_ROUTES } from "./keys.js";
import { META_ROUTES } from "./meta.js";
import { ROSTER_ROUTES } from "./rosters.js";
import { WEEK_ROUTES } from "./weeks.js";

export const ROUTES: readonly RouteSpec[] = [
  ...ROSTER_ROUTES,
  ...JOB_ROUTES,
  ...CLINIC_ROUTES,
  ...WEEK_ROUTES,
  ...KEY_ROUTES,
  ...META_ROUTES,
];
