// Seeded scenario generator: a clinic of a given shape and census, for the samples, the tests and the bench.
import { DateTime } from "luxon";
import { PROGRAM_MODELS, type ScenarioInput, type Weekday } from "../domain/index.js";
import { Random } from "../solver/random.js";
import { ADOLESCENT_PATTERN, type LifePattern, SHAPES, STAFFING_SHAPES, type Shape, type StaffShape } from "./profiles.js";

const ALL_SHAPES: Record<string, Shape> = { ...SHAPES, ...STAFFING_SHAPES };
export const SHAPE_KEYS = Object.keys(ALL_SHAPES);
export const STAFFING_SHAPE_KEYS = Object.keys(STAFFING_SHAPES);

export interface GenerateOptions {
  readonly shape: string;
  readonly patients: number;
  readonly seed: number;
  readonly clinicId?: string;
}

function weighted<T extends { share: number }>(rng: Random, items: readonly T[]): T {
  const total = items.reduce((s, i) => s + i.share, 0);
  let r = rng.next() * total;
  for (const item of items) if ((r -= item.share) <= 0) return item;
  return items[items.length - 1];
}

const CREDENTIALS = {
  "substance-use": [["LADC"], ["CADC"], ["LCDC"]],
  "co-occurring": [["LCSW"], ["LPC"], ["LMFT"]],
  adolescent: [["LCSW"], ["LPC"]],
} as Record<string, string[][]>;

function facilitators(rng: Random, shape: Shape, count: number): ScenarioInput["facilitators"] {
  const days: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  return Array.from({ length: count }, (_, i) => {
    const track = shape.tracks[i % shape.tracks.length].id;
    const dual = track === "co-occurring" || (shape.tracks.length > 1 && rng.next() < 0.3);
    const credentials = rng.pick(CREDENTIALS[dual ? "co-occurring" : track] ?? [["LCSW"]]);
    const tracks = dual ? shape.tracks.map((t) => t.id).filter((t) => t !== "adolescent" || track === "adolescent") : [track];
    const shift = i % 3;
    const availability =
      shift === 0
        ? [
            { days: days.slice(0, 5), start: "08:00", end: "17:00" },
            { days: ["sat" as Weekday], start: "08:00", end: "14:00" },
          ]
        : shift === 1
          ? [
              { days: days.slice(0, 5), start: "12:00", end: "21:30" },
              { days: ["sun" as Weekday], start: "15:00", end: "21:00" },
            ]
          : [{ days: days.slice(0, 5), start: "08:00", end: "21:30" }];
    return { id: `F${String(i + 1).padStart(2, "0")}`, credentials: [...credentials], tracks, availability, maxHoursPerWeek: 24 };
  });
}

const SHIFTS = {
  day: [{ days: ["mon", "tue", "wed", "thu", "fri"] as Weekday[], start: "08:00", end: "17:00" }],
  late: [{ days: ["mon", "tue", "wed", "thu", "fri"] as Weekday[], start: "12:00", end: "21:30" }],
  full: [{ days: ["mon", "tue", "wed", "thu", "fri"] as Weekday[], start: "08:00", end: "21:30" }],
};

/** Facilitators of a staffing-bound shape: tracks, hours and shifts in turn, some dual-trained. */
function staffFacilitators(rng: Random, shape: Shape, staff: StaffShape, count: number): ScenarioInput["facilitators"] {
  const adult = shape.tracks.map((t) => t.id).filter((t) => t !== "adolescent");
  return Array.from({ length: count }, (_, i) => {
    const track = staff.tracks[i % staff.tracks.length];
    const dual = rng.next() < staff.dualShare;
    const tracks = dual ? [...new Set([track, ...adult])] : [track];
    return {
      id: `F${String(i + 1).padStart(2, "0")}`,
      credentials: tracks.includes("co-occurring") ? ["LCSW"] : ["LADC"],
      tracks,
      availability: SHIFTS[staff.shifts[i % staff.shifts.length]].map((w) => ({ ...w, days: [...w.days] })),
      maxHoursPerWeek: staff.hours[i % staff.hours.length],
    };
  });
}

function patternFor(rng: Random, shape: Shape, track: string, level: string): LifePattern {
  if (track === "adolescent") return ADOLESCENT_PATTERN;
  return weighted(
    rng,
    shape.patterns.filter((p) => p.levels.includes(level)),
  );
}

export function generateScenario(options: GenerateOptions): ScenarioInput {
  const shape = ALL_SHAPES[options.shape];
  if (!shape) throw new Error(`unknown clinic shape ${options.shape}; expected one of ${SHAPE_KEYS.join(", ")}`);
  const rng = new Random(options.seed * 7919 + options.patients);
  const program = PROGRAM_MODELS.get("generic-iop")!;
  const topics = program.curricula[0].topics.map((t) => t.id);
  const weekStart = DateTime.fromISO(shape.weekStart);
  const slots = shape.slots.flatMap((t) =>
    t.days.map((day) => ({
      id: `${day}-${t.key}`,
      day,
      start: t.start,
      end: t.end,
      part: t.part,
      ...(t.levels ? { levels: [...t.levels] } : {}),
      ...(t.tracks ? { tracks: [...t.tracks] } : {}),
    })),
  );
  const roomCount = Math.max(2, Math.ceil(options.patients / shape.patientsPerRoom));
  const capacities = shape.staff?.rooms ?? [12, 15, 10, 12];
  const rooms = Array.from({ length: roomCount }, (_, i) => ({ id: `R${i + 1}`, capacity: capacities[i % capacities.length] }));
  const patients = Array.from({ length: options.patients }, (_, i) => {
    const track = weighted(rng, shape.tracks).id;
    const level = track === "adolescent" ? (rng.next() < 0.75 ? "iop" : "outpatient") : weighted(rng, shape.levels).id;
    const pattern = patternFor(rng, shape, track, level);
    const lateJoiner = rng.next() < 0.08;
    const weeksIn = lateJoiner ? 0 : rng.int(12);
    const admission = lateJoiner ? weekStart.plus({ days: 1 + rng.int(2) }) : weekStart.minus({ days: 7 * weeksIn + rng.int(5) });
    const completed = rng.shuffle([...topics]).slice(0, Math.min(topics.length - 4, weeksIn * 3));
    // Some patients have a three-hour one-off appointment (a court date, a doctor's visit).
    const appointment = rng.next() < 0.06 ? weekStart.plus({ days: rng.int(5), hours: 8 + rng.int(6) }) : null;
    const local = "yyyy-MM-dd'T'HH:mm";
    const oneOff = appointment
      ? [{ start: appointment.toFormat(local), end: appointment.plus({ hours: 3 }).toFormat(local), kind: "other" as const }]
      : [];
    return {
      id: `P${String(i + 1).padStart(4, "0")}`,
      level,
      track,
      preference: pattern.preference,
      unavailable: pattern.windows.map((w) => ({ days: [...w.days], start: w.start, end: w.end, kind: w.kind })),
      oneOff,
      travelBufferMinutes: pattern.travel,
      admissionDate: admission.toISODate()!,
      completedTopics: completed.sort(),
    };
  });
  const facilitatorCount = Math.max(shape.tracks.length * 2, Math.ceil(options.patients / shape.patientsPerFacilitator));
  return {
    clinic: {
      id: options.clinicId ?? `${shape.key}-${options.patients}`,
      name: shape.name,
      timeZone: shape.timeZone,
      weekStart: shape.weekStart,
    },
    program: "generic-iop",
    rooms,
    slots,
    facilitators: shape.staff ? staffFacilitators(rng, shape, shape.staff, facilitatorCount) : facilitators(rng, shape, facilitatorCount),
    patients,
  };
}
