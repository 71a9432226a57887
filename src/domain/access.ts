// Who may do what: API keys as principals, each acting for some clinics (or all) in one role, and the access log
// that records every disclosure (42 CFR Part 2: by key id, never patient data beyond a pseudonymous subject id).
import { z } from "zod";
import { Id } from "./program.js";
import { Label } from "./text.js";

/** Each role may do what the ones before it may, and more. */
export const ROLES = ["reader", "planner", "publisher", "admin"] as const;
export const Role = z.enum(ROLES).meta({
  description:
    "reader: published rosters, their exports and attendance, the stays on record; planner: + solves, jobs, check, recommend, diff, validate; publisher: + publish, attendance, next week from the record; admin: + keys, access logs, every clinic",
});
export type Role = z.infer<typeof Role>;

export const ClinicScope = z
  .union([z.literal("all"), z.array(Id).min(1).max(1000)])
  .meta({ description: '"all", or the ids of the clinics the key acts for' });
export type ClinicScope = z.infer<typeof ClinicScope>;

export const CreateKeyRequest = z
  .strictObject({
    role: Role,
    clinics: ClinicScope,
    label: Label.optional().meta({ description: "Whose key this is, for the operator's list (no patient data)" }),
  })
  .refine((k) => k.role !== "admin" || k.clinics === "all", {
    error: 'an admin acts for every clinic: clinics must be "all"',
    path: ["clinics"],
  });
export type CreateKeyRequest = z.infer<typeof CreateKeyRequest>;

export const ApiKeyView = z.object({
  id: z.string(),
  role: Role,
  clinics: ClinicScope,
  label: z.string().nullable(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** A new key: the only time the key itself is shown. */
export const CreatedKey = ApiKeyView.extend({ key: z.string().meta({ description: "The bearer key; kept nowhere, shown once" }) });
export type CreatedKey = z.infer<typeof CreatedKey>;

export const ACCESS_ACTIONS = [
  "read",
  "export",
  "publish",
  "delete",
  "read-access-log",
  "create-key",
  "revoke-key",
  "record-attendance",
  "next-week",
  "read-stays",
] as const;

/** One line of the access log: who, by API key id, did what to which record; no patient data. */
export const AccessEntry = z.object({
  at: z.iso.datetime(),
  keyId: z.string(),
  action: z.enum(ACCESS_ACTIONS),
  clinicId: z.string().nullable(),
  resource: z.string().meta({ description: "roster:<id>, attendance:<roster id>, stays, week:<monday>, job:<id>, key:<id> or access-log" }),
  format: z.string().nullable(),
  subject: z.string().nullable().meta({ description: "Whose export: patient:<id>, facilitator:<id> or track:<id> (pseudonymous ids)" }),
});
export type AccessEntry = z.infer<typeof AccessEntry>;
