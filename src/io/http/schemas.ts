// The shapes the HTTP API reads and answers, by the names the OpenAPI document gives them: the domain's zod
// schemas, plus the few that exist only over HTTP (the export query, the CSV solve, a diff of two weeks).
import { z } from "zod";
import {
  AccessEntry,
  ApiKeyView,
  AttendanceRecorded,
  AttendanceRequest,
  CreateKeyRequest,
  CreatedKey,
  Health,
  ID_PATTERN,
  JobView,
  Problem,
  ProgramModel,
  PublishRequest,
  Published,
  PublishedSummary,
  Readiness,
  Roster,
  Scenario,
  SolveOptions,
  SolveRequest,
  StayRecord,
  ValidateRequest,
  WeekChanges,
  ValidationReport,
} from "../../domain/index.js";
import { CheckRequest, CheckResponse } from "../../app/check-edit.js";
import { CsvSolveResponse, CsvSources } from "../csv/scenario-from-csv.js";
import { RosterDiff } from "../../app/diff.js";
import { EXPORT_FORMATS, EXPORT_MEDIA_TYPES } from "../export/index.js";
import { RecommendRequest, Recommendation } from "../../app/recommend.js";
import { NextWeekReport } from "../../app/next-week.js";

export const ExportQuery = z.strictObject({
  format: z
    .enum(EXPORT_FORMATS)
    .optional()
    .meta({ description: `An export instead of JSON; also chosen by Accept (${EXPORT_MEDIA_TYPES.join(", ")})` }),
  for: z
    .string()
    .regex(new RegExp(`^(patient|facilitator|track):${ID_PATTERN}$`), {
      error: "expected patient:<id>, facilitator:<id> or track:<id>",
    })
    .optional()
    .meta({ description: "Whose calendar or sign-in sheets: patient:<id>, facilitator:<id> or track:<id>" }),
});

export const CsvSolveRequest = SolveOptions.extend(CsvSources.shape);

const RosterWeek = z.strictObject({ roster: Roster, scenario: Scenario.optional() });
export const DiffRequest = z.strictObject({ from: RosterWeek, to: RosterWeek });

/** Every named schema, and whether the document shows it as read (input) or as written (output). */
export const NextWeekRequest = z.strictObject({
  changes: WeekChanges.optional().meta({
    description: "Admissions, discharges, updates and confirmed step-downs; absent = those given before, or none",
  }),
  changesCsv: z
    .string()
    .max(5_000_000)
    .optional()
    .meta({ description: "The same as a spreadsheet: a Change column (admit, discharge, update, step-down) and the patients' columns" }),
});

export const NextWeekResponse = z.object({ scenario: Scenario, report: NextWeekReport });

export const StaysResponse = z.object({ stays: z.array(StayRecord) });

export const SCHEMAS = {
  SolveRequest: [SolveRequest, "input"],
  ValidateRequest: [ValidateRequest, "input"],
  CsvSolveRequest: [CsvSolveRequest, "input"],
  CsvSolveResponse: [CsvSolveResponse, "output"],
  CheckRequest: [CheckRequest, "input"],
  DiffRequest: [DiffRequest, "input"],
  RecommendRequest: [RecommendRequest, "input"],
  Recommendation: [Recommendation, "output"],
  PublishRequest: [PublishRequest, "input"],
  PublishedSummary: [PublishedSummary, "output"],
  Published: [Published, "output"],
  AccessEntry: [AccessEntry, "output"],
  CreateKeyRequest: [CreateKeyRequest, "input"],
  AttendanceRequest: [AttendanceRequest, "input"],
  AttendanceRecorded: [AttendanceRecorded, "output"],
  NextWeekRequest: [NextWeekRequest, "input"],
  NextWeekResponse: [NextWeekResponse, "output"],
  StaysResponse: [StaysResponse, "output"],
  ApiKeyView: [ApiKeyView, "output"],
  CreatedKey: [CreatedKey, "output"],
  RosterDiff: [RosterDiff, "output"],
  CheckResponse: [CheckResponse, "output"],
  Roster: [Roster, "output"],
  ValidationReport: [ValidationReport, "output"],
  JobView: [JobView, "output"],
  ProgramModel: [ProgramModel, "output"],
  Health: [Health, "output"],
  Readiness: [Readiness, "output"],
  Problem: [Problem, "output"],
} as const satisfies Record<string, readonly [z.ZodType, "input" | "output"]>;
export type SchemaName = keyof typeof SCHEMAS;
