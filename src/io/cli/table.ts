// The roster as a coordinator pins it on the wall: per day, each group; then who is short and why; then metrics.
import { DateTime } from "luxon";
import type { Roster, Scenario } from "../../domain/index.js";
import { programOf } from "../../domain/index.js";

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export function formatRoster(scenario: Scenario, roster: Roster): string {
  const zone = roster.timeZone;
  const program = programOf(scenario);
  const trackLabel = new Map(program.tracks.map((t) => [t.id, t.label]));
  const track = (id: string) => trackLabel.get(id) ?? id;
  const size = new Map(program.tracks.map((t) => [t.id, (t.groupSize ?? program.groupSize).max]));
  const rooms = new Map(scenario.rooms.map((r) => [r.id, r.capacity]));
  const levelsOf = new Map(scenario.slots.map((s) => [s.id, s.levels ? s.levels.join(", ") : "all levels"]));
  const lines: string[] = [];
  const week = DateTime.fromISO(roster.weekStart, { zone });
  lines.push(`${scenario.clinic.name ?? scenario.clinic.id} — week of ${week.toFormat("ccc d LLL yyyy")} (${zone})`);
  let day = "";
  for (const s of roster.sessions) {
    const start = DateTime.fromISO(s.start, { zone });
    const end = DateTime.fromISO(s.end, { zone });
    const label = start.toFormat("cccc d LLL");
    if (label !== day) {
      day = label;
      lines.push(
        "",
        label,
        `  ${pad("time", 12)} ${pad("part", 8)} ${pad("for", 16)} ${pad("track", 24)} ${pad("topic", 46)} ${pad("facilitator", 11)} ${pad("room", 6)} size`,
      );
    }
    const cap = Math.min(size.get(s.track) ?? 15, rooms.get(s.roomId) ?? 15);
    const offset = start.offset !== week.offset ? ` (UTC${start.toFormat("ZZ")})` : "";
    lines.push(
      `  ${pad(`${start.toFormat("HH:mm")}–${end.toFormat("HH:mm")}`, 12)} ${pad(s.part, 8)} ${pad(levelsOf.get(s.slotId) ?? "", 16)} ${pad(track(s.track), 24)} ${pad(s.topicTitle, 46)} ${pad(s.facilitatorId, 11)} ${pad(s.roomId, 6)} ${s.patientIds.length}/${cap}${offset}`,
    );
  }
  if (roster.sessions.length === 0) lines.push("", "No group can meet this week.");
  const short = roster.patients.filter((p) => p.unmet && p.scheduledHours > 0);
  lines.push("", `Patients short of their hours (${short.length})`);
  for (const p of short) {
    const days = p.unmet!.days > 0 ? `, ${p.unmet!.days} billable day${p.unmet!.days > 1 ? "s" : ""} short` : "";
    lines.push(`  ${pad(p.id, 10)} ${pad(p.level, 10)} ${p.scheduledHours}/${p.requiredHours} h${days} — ${p.unmet!.reason}`);
  }
  lines.push("", `Waitlist: no group this week (${roster.waitlist.length})`);
  for (const w of roster.waitlist) lines.push(`  ${pad(w.patientId, 10)} ${w.reason}`);
  if (roster.warnings.length > 0) {
    lines.push("", `Warnings: the scenario rules these out of every roster (${roster.warnings.length})`);
    for (const w of roster.warnings) lines.push(`  ${w.message}`);
  }
  const m = roster.metrics;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const facs = Object.entries(m.facilitatorHours)
    .map(([id, h]) => `${id} ${h} h`)
    .join(", ");
  lines.push(
    "",
    "Metrics",
    `  patients fully served   ${m.patientsFullyServed} / ${m.patients}`,
    `  unmet hours             ${m.totalUnmetHours}`,
    `  groups                  ${m.groupsOpened} (mean fill ${pct(m.meanGroupFill)}, lowest ${pct(m.minGroupFill)})`,
    `  topic repeats           ${m.topicRepeats}`,
    `  facilitator hours       ${facs}`,
  );
  const s = roster.solver;
  if (s.unmetHoursBound !== null) {
    const floor = s.unmetHoursBound;
    lines.push(
      floor >= m.totalUnmetHours - 1e-6
        ? `  ${m.totalUnmetHours} h unmet: proven the fewest any valid roster can leave`
        : `  ${m.totalUnmetHours} h unmet; no valid roster can have fewer than ${floor} h`,
    );
  }
  const bound = s.bound === null ? "no bound" : `bound ${s.bound}, gap ${(100 * (s.gap ?? 0)).toFixed(1)} %`;
  lines.push("", `Solver: ${s.status}, objective ${s.objective}, ${bound}, ${s.iterations} iterations in ${s.timeMs} ms, seed ${s.seed}`);
  lines.push("", roster.notice);
  return lines.join("\n");
}
