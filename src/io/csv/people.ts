// The columns of the two spreadsheets a clinic keeps: patients (one row per patient) and facilitators.
import { type Column, isoDate, list, number, text, wholeNumber } from "./columns.js";
import { parseAvailabilityText, parseWindowsText } from "./windows-text.js";

type Kind = "work" | "school" | "childcare" | "other";

const windows =
  (kind: Kind) =>
  (cell: string, into: Record<string, unknown>): string | null => {
    const read = parseWindowsText(cell, kind);
    if (!read.ok) return read.error;
    into.unavailable = [...((into.unavailable as unknown[] | undefined) ?? []), ...read.windows];
    return null;
  };

/** Program ids as people type them in a sheet: "IOP" is iop, "Substance Use" is substance-use. */
const programId =
  (field: string) =>
  (cell: string, into: Record<string, unknown>): null => {
    into[field] = cell
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, "-");
    return null;
  };

export const PATIENT_COLUMNS: readonly Column[] = [
  { field: "id", headers: ["id", "patient id", "client id", "patient", "alias"], required: true, read: text("id") },
  { field: "level", headers: ["level", "level of care", "loc"], required: true, read: programId("level") },
  { field: "track", headers: ["track", "program track", "group track"], required: true, read: programId("track") },
  {
    field: "targetHours",
    headers: ["target hours", "weekly hours", "hours"],
    read: number("targetHours", "weekly hours such as 9 or 9.5"),
  },
  {
    field: "preference",
    headers: ["preference", "day or evening"],
    read: (cell, into) => {
      const value = cell.toLowerCase();
      if (!["day", "evening", "any"].includes(value)) return "expected day, evening or any";
      into.preference = value;
      return null;
    },
  },
  { field: "work", headers: ["work", "work hours", "work schedule"], read: windows("work") },
  { field: "school", headers: ["school", "school hours"], read: windows("school") },
  { field: "childcare", headers: ["childcare", "child care"], read: windows("childcare") },
  { field: "unavailable", headers: ["unavailable", "not available", "busy"], read: windows("other") },
  {
    field: "travelBufferMinutes",
    headers: ["travel minutes", "travel buffer", "travel"],
    read: wholeNumber("travelBufferMinutes", "whole minutes such as 30"),
  },
  { field: "admissionDate", headers: ["admission date", "admitted", "admission"], required: true, read: isoDate("admissionDate") },
  { field: "completedTopics", headers: ["completed topics", "topics completed"], read: list("completedTopics") },
  {
    field: "primaryTherapistId",
    headers: ["primary therapist", "therapist", "primary counselor", "counselor"],
    read: text("primaryTherapistId"),
  },
  {
    field: "family",
    headers: ["family members", "family"],
    read: (cell, into) => {
      if (!/^\d+$/.test(cell)) return "expected how many family members come to the family group, such as 2 (0: the patient alone)";
      into.family = { members: Number(cell) };
      return null;
    },
  },
  {
    field: "plannedWeeks",
    headers: ["planned weeks", "planned stay", "length of stay"],
    read: wholeNumber("plannedWeeks", "weeks such as 12"),
  },
];

export const FACILITATOR_COLUMNS: readonly Column[] = [
  { field: "id", headers: ["id", "facilitator id", "staff id", "facilitator"], required: true, read: text("id") },
  { field: "credentials", headers: ["credentials", "licences", "licenses", "credential"], required: true, read: list("credentials") },
  {
    field: "tracks",
    headers: ["tracks", "track"],
    required: true,
    // A clinician who sees patients one-to-one only leads no track.
    read: (cell, into) => {
      if (cell.toLowerCase() !== "none") return list("tracks")(cell, into);
      into.tracks = [];
      return null;
    },
  },
  { field: "topics", headers: ["topics"], read: list("topics") },
  {
    field: "availability",
    headers: ["availability", "available", "hours available"],
    required: true,
    read: (cell, into) => {
      const read = parseAvailabilityText(cell);
      if (!read.ok) return read.error;
      into.availability = read.windows;
      return null;
    },
  },
  {
    field: "maxHoursPerWeek",
    headers: ["max hours per week", "max hours", "weekly group hours"],
    required: true,
    read: number("maxHoursPerWeek", "group hours a week such as 24"),
  },
  {
    field: "caseload",
    headers: ["caseload", "case load"],
    read: wholeNumber("caseload", "how many patients they may be primary therapist to, such as 16"),
  },
];
