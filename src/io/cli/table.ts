// The roster as a coordinator pins it on the wall: per day, each group (long names wrap, never cut; members on
// request); then who is short and why; then metrics.
import { servicesLines } from "./services-lines.js";
import { type Roster, type Scenario, boundClaims, unmetDaysOf } from "../../domain/index.js";
import { type SessionView, type WeekView, weekView } from "../export/week-view.js";

/** Words laid into lines of at most `width` characters; a word longer than that gets a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return lines.length || line ? [...lines, line] : [""];
}

/** Columns as wide as their longest cell (topic and track capped, wrapping beyond), rows of several lines. */
function groupLines(view: WeekView, listMembers: boolean): string[] {
  const columns = [
    { title: "time", cell: (s: SessionView) => `${s.start}–${s.end}${s.offsetNote ? ` (${s.offsetNote})` : ""}`, max: 40 },
    { title: "part", cell: (s: SessionView) => s.part, max: 10 },
    { title: "for", cell: (s: SessionView) => s.levels, max: 24 },
    { title: "track", cell: (s: SessionView) => s.trackLabel, max: 24 },
    { title: "topic", cell: (s: SessionView) => s.topicTitle, max: 40 },
    { title: "facilitator", cell: (s: SessionView) => s.facilitatorId, max: 64 },
    { title: "room", cell: (s: SessionView) => s.roomId, max: 64 },
    { title: "size", cell: (s: SessionView) => `${s.patientIds.length}/${s.capacity}`, max: 10 },
  ];
  const widths = columns.map((c) => Math.min(c.max, Math.max(c.title.length, ...view.sessions.map((s) => c.cell(s).length))));
  const row = (cells: string[][]) => {
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, i) => `  ${cells.map((c, j) => (c[i] ?? "").padEnd(widths[j])).join("  ")}`.trimEnd());
  };
  const header = row(columns.map((c) => [c.title]));
  const lines: string[] = [];
  let day = "";
  for (const s of view.sessions) {
    if (s.dayLabel !== day) {
      day = s.dayLabel;
      lines.push("", s.startAt.toFormat("cccc d LLL"), ...header);
    }
    lines.push(...row(columns.map((c, j) => wrap(c.cell(s), widths[j]))));
    if (listMembers) lines.push(...wrap(s.patientIds.join(" "), 100).map((l) => `      members: ${l}`));
  }
  return lines;
}

export function formatRoster(scenario: Scenario, roster: Roster, options: { members?: boolean } = {}): string {
  const view = weekView(scenario, roster);
  const lines: string[] = [`${view.clinicName} — week of ${view.weekLabel} (${view.zone})`, ...groupLines(view, options.members ?? false)];
  if (roster.sessions.length === 0) lines.push("", "No group can meet this week.");
  const short = roster.patients.filter((p) => p.unmet && p.scheduledHours > 0);
  lines.push("", `Patients short of their hours (${short.length})`);
  for (const p of short) {
    const days = p.unmet!.days > 0 ? `, ${p.unmet!.days} billable day${p.unmet!.days > 1 ? "s" : ""} short` : "";
    lines.push(`  ${p.id.padEnd(10)} ${p.level.padEnd(10)} ${p.scheduledHours}/${p.requiredHours} h${days} — ${p.unmet!.reason}`);
  }
  lines.push("", `Waitlist: no group this week (${roster.waitlist.length})`);
  for (const w of roster.waitlist) lines.push(`  ${w.patientId.padEnd(10)} ${w.reason}`);
  if (roster.warnings.length > 0) {
    lines.push("", `Warnings: the scenario rules these out of every roster (${roster.warnings.length})`);
    for (const w of roster.warnings) lines.push(`  ${w.message}`);
  }
  lines.push(...servicesLines(roster));
  const m = roster.metrics;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const facs = Object.entries(m.facilitatorHours)
    .map(([id, h]) => `${id} ${Math.round(h * 10) / 10} h`)
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
  const claims = boundClaims(roster);
  const claim = (what: string, said: string) => `  ${what}${said.startsWith("proven") ? ":" : ";"} ${said}`;
  if (claims.hours) lines.push(claim(`${m.totalUnmetHours} h unmet`, claims.hours));
  const days = unmetDaysOf(roster);
  if (days > 0 && claims.days) lines.push(claim(`${days} billable day${days === 1 ? "" : "s"} short`, claims.days));
  const bound = s.bound === null ? "no bound" : `bound ${s.bound}, gap ${(100 * (s.gap ?? 0)).toFixed(1)} %`;
  const proven = s.provenAtMs === null ? "" : `, hours and days proven at ${s.provenAtMs} ms`;
  lines.push(
    "",
    `Solver: ${s.status}, objective ${s.objective}, ${bound}, ${s.iterations} iterations in ${s.timeMs} ms${proven}, seed ${s.seed}`,
  );
  lines.push("", roster.notice);
  return lines.join("\n");
}
