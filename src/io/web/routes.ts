// Every page and form of the workspace, in the order docs list them.
import { ATTENDANCE_ROUTES } from "./attendance.js";
import { CLINIC_ROUTES } from "./clinics.js";
import type { DeskRoute } from "./desk-route.js";
import { EXPORT_ROUTES } from "./exports.js";
import { MOVE_ROUTES } from "./move.js";
import { SIGN_IN_ROUTES } from "./sign-in.js";
import { WEEK_ROUTES } from "./week.js";
import { WHAT_IF_ROUTES } from "./what-if.js";

export const WORKSPACE_ROUTES: readonly DeskRoute[] = [
  ...SIGN_IN_ROUTES,
  ...CLINIC_ROUTES,
  ...WEEK_ROUTES,
  ...MOVE_ROUTES,
  ...WHAT_IF_ROUTES,
  ...EXPORT_ROUTES,
  ...ATTENDANCE_ROUTES,
];
