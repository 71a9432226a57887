// Clinic shapes for the sample scenarios and the generator: which groups run when, and who the patients are.
import type { Weekday } from "../domain/index.js";

export interface SlotTemplate {
  readonly key: string;
  readonly days: readonly Weekday[];
  readonly start: string;
  readonly end: string;
  readonly part: "day" | "evening";
  readonly levels?: readonly string[];
  readonly tracks?: readonly string[];
}

export interface LifePattern {
  readonly key: string;
  readonly share: number;
  readonly windows: readonly { days: readonly Weekday[]; start: string; end: string; kind: "work" | "school" | "childcare" | "other" }[];
  readonly travel: number;
  readonly preference: "day" | "evening" | "any";
  /** Levels this pattern leaves room for (a full-time worker does not come to a day program). */
  readonly levels: readonly string[];
}

/** Staff and rooms drawn in turn, for clinics where they, not patients' windows, are the limit. */
export interface StaffShape {
  /** Primary track of each facilitator in turn. */
  readonly tracks: readonly string[];
  /** Chance that a facilitator also leads every other adult track (a dual-trained clinician). */
  readonly dualShare: number;
  /** Weekly group hours of each facilitator in turn. */
  readonly hours: readonly number[];
  /** Working hours of each facilitator in turn: day 08:00–17:00, late 12:00–21:30, full 08:00–21:30 (Mon–Fri). */
  readonly shifts: readonly ("day" | "late" | "full")[];
  /** Capacity of each room in turn. */
  readonly rooms: readonly number[];
}

export interface Shape {
  readonly key: string;
  readonly name: string;
  readonly timeZone: string;
  readonly weekStart: string;
  readonly tracks: readonly { id: string; share: number }[];
  readonly levels: readonly { id: string; share: number }[];
  readonly slots: readonly SlotTemplate[];
  readonly patterns: readonly LifePattern[];
  /** Patients per facilitator and per room, for scaling staff with the census. */
  readonly patientsPerFacilitator: number;
  readonly patientsPerRoom: number;
  /** Staff and rooms of a staffing-bound clinic; absent: the sample clinics' mix. */
  readonly staff?: StaffShape;
}

const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri"];
const ALL = ["aftercare", "outpatient", "iop", "php"];

const office: LifePattern = {
  key: "office",
  share: 0.3,
  travel: 30,
  preference: "evening",
  levels: ["aftercare", "outpatient", "iop"],
  windows: [{ days: WEEKDAYS, start: "08:00", end: "17:30", kind: "work" }],
};
const student: LifePattern = {
  key: "student",
  share: 0.1,
  travel: 20,
  preference: "any",
  levels: ["aftercare", "outpatient", "iop"],
  windows: [{ days: WEEKDAYS, start: "08:00", end: "15:00", kind: "school" }],
};
const nightShift: LifePattern = {
  key: "night-shift",
  share: 0.1,
  travel: 30,
  preference: "evening",
  levels: ["aftercare", "outpatient", "iop"],
  windows: [
    { days: ["sun", "mon", "tue", "wed", "thu"], start: "22:00", end: "06:00", kind: "work" },
    { days: WEEKDAYS, start: "07:00", end: "14:00", kind: "other" },
  ],
};
const parent: LifePattern = {
  key: "school-run-parent",
  share: 0.15,
  travel: 15,
  preference: "day",
  levels: ALL,
  windows: [
    { days: WEEKDAYS, start: "07:30", end: "08:45", kind: "childcare" },
    { days: WEEKDAYS, start: "14:45", end: "16:15", kind: "childcare" },
  ],
};
const retail: LifePattern = {
  key: "retail-shifts",
  share: 0.07,
  travel: 20,
  preference: "any",
  levels: ["aftercare", "outpatient", "iop"],
  windows: [{ days: ["tue", "wed", "thu", "fri", "sat"], start: "11:00", end: "20:00", kind: "work" }],
};
const free: LifePattern = { key: "not-working", share: 0.28, travel: 0, preference: "any", levels: ALL, windows: [] };

const adolescent: LifePattern = {
  key: "high-school",
  share: 1,
  travel: 15,
  preference: "any",
  levels: ["outpatient", "iop"],
  windows: [{ days: WEEKDAYS, start: "07:45", end: "15:15", kind: "school" }],
};

export const ADOLESCENT_PATTERN = adolescent;

const IOP_DAY_EVENING: readonly SlotTemplate[] = [
  { key: "am", days: WEEKDAYS, start: "09:30", end: "12:30", part: "day", levels: ["iop", "outpatient"] },
  { key: "eve", days: ["mon", "tue", "wed", "thu"], start: "18:00", end: "21:00", part: "evening", levels: ["iop", "outpatient"] },
];
const TWO_TRACKS = [
  { id: "substance-use", share: 0.6 },
  { id: "co-occurring", share: 0.4 },
];
const IOP_MOSTLY = [
  { id: "iop", share: 0.75 },
  { id: "outpatient", share: 0.25 },
];

/** Clinics where staff and rooms bind (issue 7): for the exact comparison in the tests and for the bench. */
export const STAFFING_SHAPES: Record<string, Shape> = {
  "dual-track": {
    key: "dual-track",
    name: "Co-occurring groups led only by dual-trained clinicians",
    timeZone: "America/Chicago",
    weekStart: "2026-12-07",
    tracks: TWO_TRACKS,
    levels: IOP_MOSTLY,
    slots: IOP_DAY_EVENING,
    patterns: [
      { ...office, share: 0.4 },
      { ...free, share: 0.4 },
      { ...parent, share: 0.2 },
    ],
    patientsPerFacilitator: 9,
    patientsPerRoom: 12,
    staff: { tracks: ["substance-use"], dualShare: 0.4, hours: [18, 24, 12], shifts: ["full", "late", "day"], rooms: [12, 12, 15] },
  },
  "hour-shortage": {
    key: "hour-shortage",
    name: "Facilitators with few group hours left",
    timeZone: "America/New_York",
    weekStart: "2026-12-07",
    tracks: TWO_TRACKS,
    levels: IOP_MOSTLY,
    slots: IOP_DAY_EVENING,
    patterns: [
      { ...office, share: 0.35 },
      { ...free, share: 0.45 },
      { ...student, share: 0.2 },
    ],
    patientsPerFacilitator: 7,
    patientsPerRoom: 10,
    staff: {
      tracks: ["substance-use", "co-occurring"],
      dualShare: 0.3,
      hours: [6, 9, 12, 9],
      shifts: ["full", "late", "day"],
      rooms: [12, 10, 15],
    },
  },
  "mixed-rooms": {
    key: "mixed-rooms",
    name: "Rooms of 6 to 15 seats, fewer than the groups want",
    timeZone: "America/Denver",
    weekStart: "2026-12-07",
    tracks: TWO_TRACKS,
    levels: IOP_MOSTLY,
    slots: IOP_DAY_EVENING,
    patterns: [
      { ...office, share: 0.4 },
      { ...free, share: 0.4 },
      { ...retail, share: 0.2 },
    ],
    patientsPerFacilitator: 6,
    patientsPerRoom: 16,
    staff: {
      tracks: ["substance-use", "co-occurring"],
      dualShare: 0.3,
      hours: [24, 18],
      shifts: ["full", "late", "full"],
      rooms: [8, 12, 6, 15, 10],
    },
  },
  "php-heavy": {
    key: "php-heavy",
    name: "Day program with 5.5-hour days beside IOP",
    timeZone: "America/Chicago",
    weekStart: "2026-12-07",
    tracks: TWO_TRACKS,
    levels: [
      { id: "php", share: 0.5 },
      { id: "iop", share: 0.4 },
      { id: "outpatient", share: 0.1 },
    ],
    slots: [
      { key: "php", days: WEEKDAYS, start: "09:00", end: "14:30", part: "day", levels: ["php"] },
      { key: "eve", days: ["mon", "tue", "wed", "thu"], start: "18:00", end: "21:00", part: "evening", levels: ["iop", "outpatient"] },
    ],
    patterns: [
      { ...free, share: 0.6 },
      { ...office, share: 0.3 },
      { ...parent, share: 0.1 },
    ],
    patientsPerFacilitator: 7,
    patientsPerRoom: 14,
    staff: {
      tracks: ["substance-use", "co-occurring"],
      dualShare: 0.3,
      hours: [24, 16, 30],
      shifts: ["day", "late", "full"],
      rooms: [12, 15, 10],
    },
  },
  "php-am-pm": {
    key: "php-am-pm",
    name: "Day program in two blocks (AM 3 h, PM 2.5 h), leads of 24 h, some dual-trained: billable days bind",
    timeZone: "America/New_York",
    weekStart: "2026-12-07",
    tracks: [
      { id: "substance-use", share: 0.67 },
      { id: "co-occurring", share: 0.33 },
    ],
    levels: [{ id: "php", share: 1 }],
    slots: [
      { key: "am", days: WEEKDAYS, start: "09:00", end: "12:00", part: "day", levels: ["php"] },
      { key: "pm", days: WEEKDAYS, start: "12:30", end: "15:00", part: "day", levels: ["php"] },
    ],
    patterns: [
      { ...free, share: 0.9 },
      { ...parent, share: 0.1 },
    ],
    patientsPerFacilitator: 9,
    patientsPerRoom: 12,
    staff: { tracks: ["substance-use", "substance-use", "co-occurring"], dualShare: 0.5, hours: [24], shifts: ["day"], rooms: [12] },
  },
  "evening-crunch": {
    key: "evening-crunch",
    name: "Most patients work days; few clinicians stay late",
    timeZone: "America/Los_Angeles",
    weekStart: "2026-12-07",
    tracks: TWO_TRACKS,
    levels: IOP_MOSTLY,
    slots: [
      ...IOP_DAY_EVENING,
      { key: "late", days: ["mon", "wed"], start: "19:00", end: "21:00", part: "evening", levels: ["outpatient"] },
    ],
    patterns: [
      { ...office, share: 0.6 },
      { ...nightShift, share: 0.1 },
      { ...free, share: 0.3 },
    ],
    patientsPerFacilitator: 8,
    patientsPerRoom: 12,
    staff: {
      tracks: ["substance-use", "co-occurring"],
      dualShare: 0.35,
      hours: [24, 12, 18],
      shifts: ["day", "day", "late", "full"],
      rooms: [12, 10, 15],
    },
  },
};

export const SHAPES: Record<string, Shape> = {
  rural: {
    key: "rural",
    name: "Rural clinic, one evening track",
    timeZone: "America/Denver",
    weekStart: "2026-11-30",
    tracks: [{ id: "substance-use", share: 1 }],
    levels: [
      { id: "iop", share: 0.7 },
      { id: "outpatient", share: 0.15 },
      { id: "aftercare", share: 0.15 },
    ],
    slots: [
      { key: "eve", days: ["mon", "tue", "thu"], start: "18:00", end: "21:00", part: "evening", levels: ["iop", "outpatient"] },
      { key: "sat", days: ["sat"], start: "09:00", end: "12:00", part: "day", levels: ["iop", "outpatient"] },
      { key: "after", days: ["wed"], start: "18:00", end: "19:30", part: "evening", levels: ["aftercare"] },
    ],
    patterns: [
      { ...office, share: 0.45 },
      { ...nightShift, share: 0.1 },
      { ...parent, share: 0.15 },
      { ...retail, share: 0.1 },
      { ...free, share: 0.2 },
    ],
    patientsPerFacilitator: 9,
    patientsPerRoom: 12,
  },
  suburban: {
    key: "suburban",
    name: "Suburban program: day IOP, evening IOP, PHP and aftercare",
    timeZone: "America/New_York",
    weekStart: "2026-11-30",
    tracks: [
      { id: "substance-use", share: 0.65 },
      { id: "co-occurring", share: 0.35 },
    ],
    levels: [
      { id: "iop", share: 0.55 },
      { id: "php", share: 0.15 },
      { id: "outpatient", share: 0.15 },
      { id: "aftercare", share: 0.15 },
    ],
    slots: [
      { key: "php", days: WEEKDAYS, start: "09:00", end: "13:00", part: "day", levels: ["php"] },
      { key: "am", days: ["mon", "tue", "wed", "thu", "fri"], start: "09:30", end: "12:30", part: "day", levels: ["iop", "outpatient"] },
      { key: "eve", days: ["mon", "tue", "wed", "thu"], start: "18:00", end: "21:00", part: "evening", levels: ["iop", "outpatient"] },
      { key: "sat", days: ["sat"], start: "09:00", end: "12:00", part: "day", levels: ["iop", "outpatient"] },
      { key: "after", days: ["tue", "thu"], start: "19:00", end: "20:30", part: "evening", levels: ["aftercare"] },
    ],
    patterns: [office, student, nightShift, parent, retail, free],
    patientsPerFacilitator: 12,
    patientsPerRoom: 20,
  },
  urban: {
    key: "urban",
    name: "Urban program: three tracks, adolescents after school, DST ends inside the week",
    timeZone: "America/Chicago",
    weekStart: "2026-10-26",
    tracks: [
      { id: "substance-use", share: 0.5 },
      { id: "co-occurring", share: 0.32 },
      { id: "adolescent", share: 0.18 },
    ],
    levels: [
      { id: "iop", share: 0.55 },
      { id: "php", share: 0.12 },
      { id: "outpatient", share: 0.18 },
      { id: "aftercare", share: 0.15 },
    ],
    slots: [
      { key: "php", days: WEEKDAYS, start: "09:00", end: "13:00", part: "day", levels: ["php"], tracks: ["substance-use", "co-occurring"] },
      {
        key: "am",
        days: WEEKDAYS,
        start: "09:30",
        end: "12:30",
        part: "day",
        levels: ["iop", "outpatient"],
        tracks: ["substance-use", "co-occurring"],
      },
      { key: "teen", days: ["mon", "tue", "wed", "thu"], start: "16:00", end: "18:00", part: "day", tracks: ["adolescent"] },
      {
        key: "eve",
        days: ["mon", "tue", "wed", "thu"],
        start: "18:00",
        end: "21:00",
        part: "evening",
        levels: ["iop", "outpatient"],
        tracks: ["substance-use", "co-occurring"],
      },
      { key: "sat", days: ["sat"], start: "10:00", end: "13:00", part: "day", levels: ["iop", "outpatient"] },
      {
        key: "sun",
        days: ["sun"],
        start: "17:00",
        end: "20:00",
        part: "evening",
        levels: ["iop", "outpatient"],
        tracks: ["substance-use", "co-occurring"],
      },
      {
        key: "after",
        days: ["tue", "thu"],
        start: "19:00",
        end: "20:30",
        part: "evening",
        levels: ["aftercare"],
        tracks: ["substance-use", "co-occurring"],
      },
    ],
    patterns: [office, student, nightShift, parent, retail, free],
    patientsPerFacilitator: 12,
    patientsPerRoom: 20,
  },
};
