// The table's lines for the week around the groups: what was booked against what plans call for, the family
// groups, and each one-to-one, family place or drug test not booked with its reason.
import { DateTime } from "luxon";
import { type Roster, oneToOneMakeUps } from "../../domain/index.js";

const LABEL = { individual: "one-to-one sessions", family: "family group places", "drug-test": "drug tests" } as const;

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

export function servicesLines(roster: Roster): string[] {
  const counts = roster.metrics.services;
  if (!counts) return [];
  const lines = ["", "Beyond the groups"];
  for (const [service, label] of Object.entries(LABEL)) {
    const wanted = counts[`${service}-called-for`];
    if (wanted !== undefined) lines.push(`  ${label.padEnd(22)}  ${counts[`${service}-booked`]} / ${wanted} booked`);
  }
  for (const f of roster.familySessions) {
    const at = DateTime.fromISO(f.start, { setZone: true });
    lines.push(
      `  family group ${at.toFormat("ccc HH:mm")}   ${plural(f.patientIds.length, "patient")} with ${plural(f.familyMembers, "family member")}, ${f.facilitatorId}, ${f.roomId}`,
    );
  }
  const makeUps = oneToOneMakeUps(roster);
  if (makeUps.size > 0) {
    lines.push("", `Make-ups for the one-to-one: core topics missed last week that no group of this week holds for them (${makeUps.size})`);
    for (const [id, topics] of makeUps) lines.push(`  ${id.padEnd(10)} ${topics.join(", ")}`);
  }
  if (roster.serviceShortfalls.length > 0) {
    lines.push("", `Not booked (${roster.serviceShortfalls.length})`);
    for (const s of roster.serviceShortfalls)
      lines.push(`  ${s.patientId.padEnd(10)} ${s.service.padEnd(10)} ${s.missing > 1 ? `${s.missing} × ` : ""}— ${s.reason}`);
  }
  return lines;
}
