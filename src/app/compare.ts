// Two rosters side by side: the headline figures, then each patient whose week differs (days, times or leads).
import type { Roster } from "../domain/index.js";
import { placement } from "./diff.js";

/** The side-by-side lines: the headline figures, then each patient whose week differs. */
export function compareRosters(a: Roster, b: Roster, names: [string, string]): string[] {
  const width = Math.max(...names.map((n) => n.length), 8);
  const row = (label: string, x: string | number, y: string | number) =>
    `  ${label.padEnd(24)} ${String(x).padStart(width)}  ${String(y).padStart(width)}`;
  const lines = [
    row("", names[0], names[1]),
    row("patients", a.metrics.patients, b.metrics.patients),
    row("fully served", a.metrics.patientsFullyServed, b.metrics.patientsFullyServed),
    row("waitlisted", a.metrics.waitlisted, b.metrics.waitlisted),
    row("unmet hours", a.metrics.totalUnmetHours, b.metrics.totalUnmetHours),
    row("groups", a.metrics.groupsOpened, b.metrics.groupsOpened),
    row("mean fill", `${Math.round(a.metrics.meanGroupFill * 100)} %`, `${Math.round(b.metrics.meanGroupFill * 100)} %`),
    row("objective", a.solver.objective, b.solver.objective),
  ];
  const plans = new Map(b.patients.map((p) => [p.id, p]));
  // A group as a coordinator names it: day, time and lead ("Mon 18:00 F03"), so a change of lead shows too.
  const groupsOf = (r: Roster, ids: readonly string[]) => {
    const byId = new Map(r.sessions.map((s) => [s.id, s]));
    return ids
      .map((id) => byId.get(id))
      .filter((s) => s !== undefined)
      .map(placement)
      .join(", ");
  };
  const changed = a.patients.flatMap((p) => {
    const q = plans.get(p.id);
    if (!q) return [`  ${p.id}: only in ${names[0]}`];
    const before = groupsOf(a, p.sessionIds);
    const after = groupsOf(b, q.sessionIds);
    if (before === after && p.scheduledHours === q.scheduledHours) return [];
    return [`  ${p.id}: ${p.scheduledHours} h (${before || "no group"}) → ${q.scheduledHours} h (${after || "no group"})`];
  });
  const added = b.patients.filter((q) => !a.patients.some((p) => p.id === q.id)).map((q) => `  ${q.id}: only in ${names[1]}`);
  lines.push("", `Patients whose week differs (${changed.length + added.length})`, ...changed, ...added);
  return lines;
}
