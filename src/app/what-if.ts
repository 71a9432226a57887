// What would recover the most unmet hours, found by re-solving: one extra group at a slot for a track (a room and a
// lead there for it alone), one more room, one more session's hours for a facilitator, a track's group minimum one
// lower, a lead with hours to spare available at a time short patients can come, or an emptiest slot moved to
// the time most short patients can come. Each candidate is the scenario
// with that one change, solved with the same seed and budget as the base. And per track, how many more
// patients the groups already open could take before a new group is needed (counted from the roster's free seats).
import {
  type Roster,
  type Scenario,
  type ScenarioInput,
  type Slot,
  type SolveOptions,
  WEEKDAYS,
  type Weekday,
  describeDays,
  minutesOf,
  programOf,
  requirementOf,
} from "../domain/index.js";
import { solve } from "../solver/solve.js";

export interface WhatIf {
  readonly change: string;
  readonly recoveredHours: number;
  readonly patientsFullyServed: number;
  readonly groups: number;
}

export interface WhatIfReport {
  readonly base: { readonly unmetHours: number; readonly patientsFullyServed: number; readonly groups: number };
  /** Best first; only changes that recover something. */
  readonly changes: readonly WhatIf[];
  readonly admits: readonly { readonly track: string; readonly trackLabel: string; readonly patients: number; readonly level: string }[];
}

const POP_UP = "what-if";
const MIN_GROUP = 2;

function variant(scenario: Scenario, edit: (s: ScenarioInput) => void): Scenario {
  const copy = structuredClone(scenario) as ScenarioInput;
  edit(copy);
  return copy as Scenario;
}

/** (slot, track) pairs where patients short of hours are free to come, most such patients first. */
function groupCandidates(scenario: Scenario, roster: Roster, limit: number): { slot: string; track: string; short: number }[] {
  const short = new Set(roster.patients.filter((p) => p.unmet).map((p) => p.id));
  const counts = new Map<string, { slot: string; track: string; short: number }>();
  for (const p of scenario.patients) {
    if (!short.has(p.id)) continue;
    for (const slot of scenario.slots) {
      if (slot.tracks && !slot.tracks.includes(p.track)) continue;
      if (slot.levels && !slot.levels.includes(p.level)) continue;
      const key = `${slot.id} ${p.track}`;
      const entry = counts.get(key) ?? { slot: slot.id, track: p.track, short: 0 };
      entry.short++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.short - a.short || a.slot.localeCompare(b.slot)).slice(0, limit);
}

/** Whether a patient's weekly windows leave them free on `day` from `start` to `end` (a window past midnight runs on). */
function freeAt(patient: Scenario["patients"][number], day: Weekday, start: number, end: number): boolean {
  const before = WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7];
  return !patient.unavailable.some((w) => {
    const from = minutesOf(w.start);
    const to = minutesOf(w.end);
    if (to > from) return w.days.includes(day) && from < end && start < to;
    return (w.days.includes(day) && from < end) || (w.days.includes(before) && start < to);
  });
}

/**
 * The slots whose groups are emptiest (none open at all first), each moved to the time on a clinic day where the
 * most patients short of hours, of the levels and tracks it takes, are free: its lead and room go with it.
 */
function slotMoves(
  scenario: Scenario,
  roster: Roster,
  limit: number,
): { slot: Slot; day: Weekday; start: string; end: string; short: number }[] {
  const members = new Map(scenario.slots.map((s) => [s.id, 0]));
  for (const g of roster.sessions) members.set(g.slotId, (members.get(g.slotId) ?? 0) + g.patientIds.length);
  const short = new Set(roster.patients.filter((p) => p.unmet).map((p) => p.id));
  const patients = scenario.patients.filter((p) => short.has(p.id));
  const bands = [...new Map(scenario.slots.map((s) => [`${s.start}-${s.end}`, s])).values()];
  const days = [...new Set(scenario.slots.map((s) => s.day))];
  const sources = [...scenario.slots].sort((a, b) => members.get(a.id)! - members.get(b.id)! || a.id.localeCompare(b.id)).slice(0, 2);
  const moves = sources.flatMap((slot) =>
    days.flatMap((day) =>
      bands
        .filter((band) => !scenario.slots.some((s) => s.day === day && s.start === band.start && s.end === band.end))
        .map((band) => ({
          slot,
          day,
          start: band.start,
          end: band.end,
          short: patients.filter(
            (p) =>
              (!slot.levels || slot.levels.includes(p.level)) &&
              (!slot.tracks || slot.tracks.includes(p.track)) &&
              freeAt(p, day, minutesOf(band.start), minutesOf(band.end)),
          ).length,
        })),
    ),
  );
  return moves
    .filter((m) => m.short > 0)
    .sort((a, b) => b.short - a.short || a.slot.id.localeCompare(b.slot.id))
    .slice(0, limit);
}

export function whatIf(scenario: Scenario, options: SolveOptions, limit = 8): WhatIfReport {
  const base = solve(scenario, options);
  const tried = whatIfChanges(scenario, base, limit).map(({ change, scenario: s }) => ({ change, roster: solve(s, options) }));
  return whatIfReport(scenario, base, tried);
}

/** The scenarios to re-solve, each with one change: solved here by whatIf, or elsewhere (the workspace's pool). */
export function whatIfChanges(scenario: Scenario, base: Roster, limit = 8): { change: string; scenario: Scenario }[] {
  const program = programOf(scenario);
  const changes: { change: string; scenario: Scenario }[] = [];
  const biggest = Math.max(...scenario.rooms.map((r) => r.capacity));
  changes.push({
    change: `one more room of ${biggest} seats`,
    scenario: variant(scenario, (s) => s.rooms.push({ id: `${POP_UP}-room`, capacity: biggest })),
  });
  // Slots never cross midnight (the schema says so), so end minus start is the slot's length.
  const longest = Math.max(...scenario.slots.map((s) => (minutesOf(s.end) - minutesOf(s.start)) / 60));
  for (const f of scenario.facilitators) {
    const used = base.metrics.facilitatorHours[f.id] ?? 0;
    if (used + longest <= f.maxHoursPerWeek) continue;
    changes.push({
      change: `${f.id} leads up to ${f.maxHoursPerWeek + longest} h (${longest} h more)`,
      scenario: variant(scenario, (s) => {
        const fac = s.facilitators.find((x) => x.id === f.id)!;
        fac.maxHoursPerWeek = Math.min(80, fac.maxHoursPerWeek + longest);
      }),
    });
  }
  const trackOf = (id: string) => program.tracks.find((t) => t.id === id)!;
  for (const track of new Set(scenario.patients.filter((p) => base.patients.find((r) => r.id === p.id)?.unmet).map((p) => p.track))) {
    const { min, max } = trackOf(track).groupSize ?? program.groupSize;
    // A group of one is not group therapy: the minimum goes no lower than two.
    if (min <= MIN_GROUP) continue;
    changes.push({
      change: `${trackOf(track).label} groups may meet from ${min - 1} members (minimum ${min} now)`,
      scenario: variant(scenario, (s) => {
        s.clinic.trackGroupSize = { ...s.clinic.trackGroupSize, [track]: { min: min - 1, max } };
      }),
    });
  }
  const candidates = groupCandidates(scenario, base, limit);
  for (const { slot, track } of candidates) {
    const at = scenario.slots.find((s) => s.id === slot)!;
    const credentials = trackOf(track).credentials;
    const lead = scenario.facilitators.find(
      (f) =>
        f.tracks.includes(track) &&
        f.credentials.some((c) => credentials.includes(c)) &&
        (base.metrics.facilitatorHours[f.id] ?? 0) + longest <= f.maxHoursPerWeek &&
        !f.availability.some(
          (w) => w.days.includes(at.day) && minutesOf(w.start) <= minutesOf(at.start) && minutesOf(at.end) <= minutesOf(w.end),
        ),
    );
    if (!lead) continue;
    changes.push({
      change: `${lead.id} available ${describeDays([at.day])} ${at.start}–${at.end} too (for ${trackOf(track).label}, hours to spare)`,
      scenario: variant(scenario, (s) => {
        s.facilitators.find((f) => f.id === lead.id)!.availability.push({ days: [at.day], start: at.start, end: at.end });
      }),
    });
  }
  for (const { slot, track } of candidates) {
    const at = scenario.slots.find((s) => s.id === slot)!;
    const label = program.tracks.find((t) => t.id === track)?.label ?? track;
    changes.push({
      change: `one more ${label} group at ${slot} (a room and a lead for it)`,
      scenario: variant(scenario, (s) => {
        s.rooms.push({ id: `${POP_UP}-room`, capacity: biggest });
        const credentials = program.tracks.find((t) => t.id === track)!.credentials;
        s.facilitators.push({
          id: `${POP_UP}-lead`,
          credentials: [credentials[0]],
          tracks: [track],
          availability: [{ days: [at.day], start: at.start, end: at.end }],
          maxHoursPerWeek: longest,
        });
      }),
    });
  }
  for (const move of slotMoves(scenario, base, 3)) {
    const { slot } = move;
    changes.push({
      change: `${slot.id} (${describeDays([slot.day])} ${slot.start}–${slot.end}) moved to ${describeDays([move.day])} ${move.start}–${move.end}`,
      scenario: variant(scenario, (s) => {
        Object.assign(
          s.slots.find((x) => x.id === slot.id)!,
          { day: move.day, start: move.start, end: move.end },
        );
      }),
    });
  }
  return changes;
}

/** The base roster against each change's, best first; and the seats the open groups have left. */
export function whatIfReport(scenario: Scenario, base: Roster, tried: readonly { change: string; roster: Roster }[]): WhatIfReport {
  const results = tried.map(({ change, roster: r }) => ({
    change,
    recoveredHours: Math.round((base.metrics.totalUnmetHours - r.metrics.totalUnmetHours) * 100) / 100,
    patientsFullyServed: r.metrics.patientsFullyServed,
    groups: r.metrics.groupsOpened,
  }));
  return {
    base: {
      unmetHours: base.metrics.totalUnmetHours,
      patientsFullyServed: base.metrics.patientsFullyServed,
      groups: base.metrics.groupsOpened,
    },
    changes: results
      .filter((r) => r.recoveredHours > 0)
      .sort((a, b) => b.recoveredHours - a.recoveredHours || b.patientsFullyServed - a.patientsFullyServed),
    admits: admits(scenario, base),
  };
}

/**
 * Per track, how many more patients of its most common level the open groups could seat: each newcomer takes the
 * sessions their level needs from the groups with the most free seats, on different days, until none fits.
 */
function admits(scenario: Scenario, roster: Roster): WhatIfReport["admits"] {
  const program = programOf(scenario);
  const rooms = new Map(scenario.rooms.map((r) => [r.id, r.capacity]));
  return program.tracks
    .filter((t) => scenario.patients.some((p) => p.track === t.id))
    .map((track) => {
      const levels = scenario.patients.filter((p) => p.track === track.id).map((p) => p.level);
      const level = levels.sort((a, b) => levels.filter((l) => l === b).length - levels.filter((l) => l === a).length)[0];
      const sample = scenario.patients.find((p) => p.track === track.id && p.level === level)!;
      const hours = requirementOf(program, { ...sample, targetHours: undefined }).hours;
      const groups = roster.sessions
        .filter((s) => s.track === track.id && scenario.slots.find((x) => x.id === s.slotId)?.levels?.includes(level) !== false)
        .map((s) => ({
          day: s.start.slice(0, 10),
          hours: (Date.parse(s.end) - Date.parse(s.start)) / 3_600_000,
          free: Math.min((track.groupSize ?? program.groupSize).max, rooms.get(s.roomId) ?? Infinity) - s.patientIds.length,
        }));
      let patients = 0;
      for (;;) {
        const byDay = new Map<string, (typeof groups)[number]>();
        for (const g of groups) if (g.free > 0 && (!byDay.has(g.day) || byDay.get(g.day)!.free < g.free)) byDay.set(g.day, g);
        const picked: (typeof groups)[number][] = [];
        let got = 0;
        for (const g of [...byDay.values()].sort((a, b) => b.free - a.free)) {
          if (got >= hours) break;
          picked.push(g);
          got += g.hours;
        }
        if (got < hours) break;
        for (const g of picked) g.free--;
        patients++;
      }
      return { track: track.id, trackLabel: track.label, patients, level };
    });
}

export function describeWhatIf(report: WhatIfReport): string[] {
  const lines = [
    `Now: ${report.base.unmetHours} unmet hours, ${report.base.patientsFullyServed} patients fully served, ${report.base.groups} groups.`,
    "",
  ];
  if (report.changes.length === 0)
    lines.push(
      "No single change tried recovers an unmet hour: an extra group, room or session of a lead's hours, a lower group minimum, a lead available at another time, a slot moved.",
    );
  else {
    lines.push("One change, re-solved, by hours recovered:");
    for (const c of report.changes)
      lines.push(`  ${String(c.recoveredHours).padStart(6)} h  ${c.change} (${c.patientsFullyServed} fully served, ${c.groups} groups)`);
  }
  lines.push("", "More patients the open groups could take before a new group is needed:");
  for (const a of report.admits)
    lines.push(`  ${a.trackLabel}: ${a.patients} more ${a.level} patient${a.patients === 1 ? "" : "s"} (the track's most common level)`);
  return lines;
}
