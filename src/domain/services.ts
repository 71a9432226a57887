// Which services beyond the groups a clinic books with its roster, and how the roster counts them.
import type { ProgramModel } from "./program.js";
import type { Service } from "./roster.js";
import type { Scenario } from "./scenario.js";

/**
 * A service is booked when the scenario holds what it needs: one-to-one sessions when a facilitator has a caseload,
 * the family group when the clinic lists its times, drug tests when the clinic turns them on.
 */
export function servicesOn(scenario: Scenario, program: ProgramModel): Service[] {
  const on: Service[] = [];
  if (scenario.facilitators.some((f) => f.caseload !== undefined)) on.push("individual");
  if (program.familyProgram && (scenario.familyGroups?.length ?? 0) > 0) on.push("family");
  if (scenario.clinic.drugTesting) on.push("drug-test");
  return on;
}

/** metrics.services: for each service booked, what the week called for and what it booked. */
export function serviceMetrics(counts: ReadonlyMap<Service, { calledFor: number; booked: number }>): Record<string, number> | undefined {
  if (counts.size === 0) return undefined;
  const out: Record<string, number> = {};
  for (const [service, c] of counts) {
    out[`${service}-called-for`] = c.calledFor;
    out[`${service}-booked`] = c.booked;
  }
  return out;
}
