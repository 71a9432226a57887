// The rest of the week around the groups: family group, one-to-one sessions and drug tests, then each patient's progress.
import {
  type Roster,
  type Scenario,
  type Service,
  curriculumProgress,
  programOf,
  serviceMetrics,
  servicesOn,
  stayOf,
  roomOutOfService,
} from "../../domain/index.js";
import { Bookings } from "./bookings.js";
import { bookDrugTests } from "./drug-tests.js";
import { type FamilyBooking, bookFamily } from "./family.js";
import { type IndividualBooking, bookIndividual } from "./individual.js";

/** A facilitator's hours are the whole week's: groups, family groups led and one-to-ones. */
function withServiceHours(
  hours: Readonly<Record<string, number>>,
  family: FamilyBooking | undefined,
  individual: IndividualBooking | undefined,
): Record<string, number> {
  const minutes = new Map<string, number>();
  const add = (id: string, s: { start: string; end: string }) =>
    minutes.set(id, (minutes.get(id) ?? 0) + (Date.parse(s.end) - Date.parse(s.start)) / 60_000);
  for (const s of family?.sessions ?? []) add(s.facilitatorId, s);
  for (const s of individual?.sessions ?? []) add(s.therapistId, s);
  const out = { ...hours };
  for (const [id, m] of minutes) out[id] = Math.round(((out[id] ?? 0) + m / 60) * 1e4) / 1e4;
  return out;
}

/**
 * Family groups first (a few fixed times), then one-to-one sessions (any time both are free), then drug tests (on
 * days the patient now attends). The groups are never moved for them.
 */
export function withServices(scenario: Scenario, roster: Roster, seed: number): Roster {
  const program = programOf(scenario);
  const on = new Set(servicesOn(scenario, program));
  const bookings = Bookings.of(roster.sessions);
  // A room out of service is taken for those days: no one-to-one or family group is put in it.
  for (const room of scenario.rooms) for (const c of roomOutOfService(scenario, room)) bookings.book([`r:${room.id}`], c.interval);
  const family = on.has("family") ? bookFamily(scenario, program, bookings) : undefined;
  const individual = on.has("individual") ? bookIndividual(scenario, program, bookings) : undefined;
  const attended = [
    ...roster.sessions,
    ...(family?.sessions ?? []),
    ...(individual?.sessions ?? []).map((s) => ({ ...s, patientIds: [s.patientId] })),
  ];
  const tests = bookDrugTests(scenario, program, attended, seed);

  const counts = new Map<Service, { calledFor: number; booked: number }>();
  if (family) counts.set("family", { calledFor: family.calledFor, booked: family.sessions.reduce((n, s) => n + s.patientIds.length, 0) });
  if (individual) counts.set("individual", { calledFor: individual.calledFor, booked: individual.sessions.length });
  if (on.has("drug-test")) counts.set("drug-test", { calledFor: tests.calledFor, booked: tests.tests.length });

  const topics = new Map<string, string[]>();
  for (const s of roster.sessions) for (const id of s.patientIds) topics.set(id, [...(topics.get(id) ?? []), s.topic]);
  const patients = roster.patients.map((plan, p) => {
    const patient = scenario.patients[p];
    const stay = stayOf(scenario, program, patient);
    return { ...plan, curriculum: curriculumProgress(program, patient, topics.get(patient.id) ?? []), ...(stay ? { stay } : {}) };
  });
  return {
    ...roster,
    patients,
    familySessions: family?.sessions ?? [],
    individualSessions: individual?.sessions ?? [],
    drugTests: tests.tests,
    serviceShortfalls: [...(family?.shortfalls ?? []), ...(individual?.shortfalls ?? []), ...tests.shortfalls],
    metrics: {
      ...roster.metrics,
      facilitatorHours: withServiceHours(roster.metrics.facilitatorHours, family, individual),
      services: serviceMetrics(counts),
    },
  };
}
