// The weekly family group: each patient whose plan includes it, with their family members, at a time they can come.
import {
  type FamilySession,
  type ProgramModel,
  type Scenario,
  type ServiceShortfall,
  facilitatorAvailable,
  isoInZone,
  patientBusy,
  slotInterval,
} from "../../domain/index.js";
import { type Bookings, facilitatorCanTake, patientCanAttend } from "./bookings.js";

export interface FamilyBooking {
  readonly sessions: FamilySession[];
  readonly shortfalls: ServiceShortfall[];
  readonly calledFor: number;
}

interface Open {
  readonly session: FamilySession;
  readonly seats: number;
}

export function bookFamily(scenario: Scenario, program: ProgramModel, bookings: Bookings): FamilyBooking {
  const family = program.familyProgram;
  const times = scenario.familyGroups ?? [];
  const patients = scenario.patients.filter((p) => p.family);
  if (!family || times.length === 0) return { sessions: [], shortfalls: [], calledFor: 0 };
  const zone = scenario.clinic.timeZone;
  const at = times.map((t) => slotInterval(scenario, t));
  const leaders = scenario.facilitators.filter((f) => !family.credentials || f.credentials.some((c) => family.credentials!.includes(c)));
  const available = new Map(leaders.map((f) => [f.id, facilitatorAvailable(scenario, f)]));
  const open = new Map<number, Open>();

  const openAt = (g: number, people: number): Open | "no-leader" | "no-room" => {
    const existing = open.get(g);
    if (existing) return existing;
    const lead = [...leaders]
      .filter((f) => facilitatorCanTake(available.get(f.id)!, bookings, f, at[g]))
      .sort((a, b) => bookings.minutesOf(`f:${a.id}`) - bookings.minutesOf(`f:${b.id}`) || a.id.localeCompare(b.id))[0];
    if (!lead) return "no-leader";
    // The largest free room, so that the group seats as many families as the program allows.
    const room = scenario.rooms
      .filter((r) => r.capacity >= people && bookings.free(`r:${r.id}`, at[g]))
      .sort((a, b) => b.capacity - a.capacity || a.id.localeCompare(b.id))[0];
    if (!room) return "no-room";
    const session: FamilySession = {
      id: `family.${times[g].id}`,
      familyGroupId: times[g].id,
      start: isoInZone(at[g].start, zone),
      end: isoInZone(at[g].end, zone),
      facilitatorId: lead.id,
      roomId: room.id,
      patientIds: [],
      familyMembers: 0,
    };
    bookings.book([`f:${lead.id}`, `r:${room.id}`], at[g]);
    const entry = { session, seats: Math.min(family.capacity, room.capacity) };
    open.set(g, entry);
    return entry;
  };

  const options = patients.map((p) => {
    const busy = patientBusy(scenario, p);
    return times.map((_, g) => g).filter((g) => patientCanAttend(busy, bookings, p.id, at[g]));
  });
  const order = patients.map((_, i) => i).sort((a, b) => options[a].length - options[b].length || a - b);
  const shortfalls: ServiceShortfall[] = [];
  for (const i of order) {
    const patient = patients[i];
    const people = 1 + patient.family!.members;
    const why = new Set<string>();
    let placed = false;
    // Fullest-first would strand late families; the one with most seats left spreads them.
    const byRoom = [...options[i]].sort((a, b) => seatsLeft(open.get(b)) - seatsLeft(open.get(a)) || a - b);
    for (const g of byRoom) {
      const entry = openAt(g, people);
      if (typeof entry === "string") {
        why.add(entry);
        continue;
      }
      if (seatsLeft(entry) < people) {
        why.add(`full:${entry.seats}`);
        continue;
      }
      entry.session.patientIds.push(patient.id);
      entry.session.familyMembers += patient.family!.members;
      bookings.book([`p:${patient.id}`], at[g]);
      placed = true;
      break;
    }
    if (!placed)
      shortfalls.push({
        patientId: patient.id,
        service: "family",
        missing: 1,
        reason: familyReason(options[i].length, why),
      });
  }
  const sessions = [...open.values()].map((o) => o.session).filter((s) => s.patientIds.length > 0);
  // A family group nobody could join does not meet: its leader and room go back.
  for (const [g, o] of open)
    if (o.session.patientIds.length === 0) bookings.release([`f:${o.session.facilitatorId}`, `r:${o.session.roomId}`], at[g]);
  return { sessions: sessions.sort((a, b) => a.start.localeCompare(b.start)), shortfalls, calledFor: patients.length };
}

function seatsLeft(entry: Open | undefined): number {
  return entry ? entry.seats - entry.session.patientIds.length - entry.session.familyMembers : Number.MAX_SAFE_INTEGER;
}

function familyReason(options: number, why: ReadonlySet<string>): string {
  if (options === 0) return "every family-group time falls in their work, school or childcare, or another session";
  const seats = [...why].filter((w) => w.startsWith("full:")).map((w) => Number(w.slice(5)));
  if (seats.length > 0) return `the family groups they can attend are full (${[...new Set(seats)].join(" or ")} seats, families included)`;
  if (why.has("no-leader")) return "no facilitator is free to lead the family group at the times they can attend";
  return "no room is free for the family group at the times they can attend";
}
