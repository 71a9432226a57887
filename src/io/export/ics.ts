// iCalendar files per patient, per facilitator and per track, in the clinic's zone (TZID with its VTIMEZONE, so
// a calendar shows 18:00 before and after a DST change). No calendar lists a group's members: a patient's file holds
// their own groups, one-to-ones and family group and nothing about anyone else.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalCalendar, escape } from "ical-generator";
import { DateTime } from "luxon";
import { Id, type Roster, type Scenario, oneToOneMakeUps } from "../../domain/index.js";
import { type SessionView, type WeekView, weekView } from "./week-view.js";

export type CalendarOwner = { readonly kind: "patient" | "facilitator" | "track"; readonly id: string };

/**
 * Which publication of its week a roster is: the calendars' SEQUENCE and DTSTAMP, so a calendar application that
 * imported an earlier one takes the corrected events in its place (RFC 5546). A roster not published is edition 0,
 * stamped at its week's start: the same roster always gives the same file.
 */
export interface Edition {
  readonly sequence: number;
  /** ISO 8601 instant. */
  readonly stamp: string;
}

/**
 * Parses "patient:P0001", "facilitator:F1" or "track:substance-use"; null otherwise. The id is a schema id (it
 * names the calendar and its file), so a query's NUL, line break or bidi control never gets that far.
 */
export function parseOwner(text: string): CalendarOwner | null {
  const m = /^(patient|facilitator|track):(.+)$/s.exec(text);
  return m && Id.safeParse(m[2]).success ? { kind: m[1] as CalendarOwner["kind"], id: m[2] } : null;
}

/**
 * RFC 5545 TEXT (backslash, semicolon, comma, line breaks) for the calendar's own name and description:
 * ical-generator escapes what it writes for events but writes these as given, so a line break in a clinic's name
 * would end the line and begin whatever property followed it. The same function the generator uses for events.
 */
export function calendarText(text: string): string {
  return escape(text, false);
}

/** Everyone a roster has a calendar for: each patient and facilitator with anything booked, each track. */
export function calendarOwners(roster: Roster): CalendarOwner[] {
  const unique = (ids: string[]) => [...new Set(ids)].sort();
  return [
    ...unique([
      ...roster.patients.filter((p) => p.sessionIds.length > 0).map((p) => p.id),
      ...roster.individualSessions.map((s) => s.patientId),
      ...roster.familySessions.flatMap((s) => s.patientIds),
    ]).map((id) => ({ kind: "patient" as const, id })),
    ...unique([
      ...roster.sessions.map((s) => s.facilitatorId),
      ...roster.individualSessions.map((s) => s.therapistId),
      ...roster.familySessions.map((s) => s.facilitatorId),
    ]).map((id) => ({ kind: "facilitator" as const, id })),
    ...unique(roster.sessions.map((s) => s.track)).map((id) => ({ kind: "track" as const, id })),
  ];
}

function sessionsOf(sessions: readonly SessionView[], owner: CalendarOwner): readonly SessionView[] {
  if (owner.kind === "patient") return sessions.filter((s) => s.patientIds.includes(owner.id));
  if (owner.kind === "facilitator") return sessions.filter((s) => s.facilitatorId === owner.id);
  return sessions.filter((s) => s.track === owner.id);
}

/** The calendar text, or null when the roster has no such patient, facilitator or track. `view`: the roster's
 * week view when the caller writes many calendars of one roster and builds it once. */
export function calendarFor(
  scenario: Scenario,
  roster: Roster,
  owner: CalendarOwner,
  view: WeekView = weekView(scenario, roster),
  edition?: Edition,
): string | null {
  const known =
    owner.kind === "patient"
      ? roster.patients.some((p) => p.id === owner.id)
      : owner.kind === "facilitator"
        ? scenario.facilitators.some((f) => f.id === owner.id)
        : roster.sessions.some((s) => s.track === owner.id);
  if (!known) return null;
  const calendar = new ICalCalendar({
    name: calendarText(`${view.clinicName}: ${owner.kind} ${owner.id}, week of ${view.weekLabel}`),
    description: calendarText(view.notice),
    prodId: { company: "iop-roster", product: "weekly roster", language: "EN" },
  });
  // The zone goes on each event (TZID, with its VTIMEZONE from the generator), not on the calendar: ical-generator
  // would then also write DTSTAMP in local time, which RFC 5545 requires in UTC.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  const stamp = DateTime.fromISO(edition?.stamp ?? `${roster.weekStart}T00:00:00Z`, { zone: "UTC" });
  const sequence = edition?.sequence ?? 0;
  for (const s of sessionsOf(view.sessions, owner)) {
    calendar.createEvent({
      id: `${s.id}.${roster.weekStart}@${roster.clinicId}.iop-roster`,
      start: s.startAt,
      end: s.endAt,
      timezone: view.zone,
      stamp,
      sequence,
      // A patient's phone shows an event's title on its lock screen: theirs says a group meets, not what it treats.
      summary: owner.kind === "patient" ? "Group session" : `${s.trackLabel}: ${s.topicTitle} (${s.patientIds.length} members)`,
      location: `Room ${s.roomId}`,
      description: `${owner.kind === "patient" ? `${s.topicTitle}. ` : ""}${s.trackLabel} group led by ${s.facilitatorId}, room ${s.roomId}.\n${view.notice}`,
    });
  }
  for (const event of beyondGroups(roster, owner, view.notice)) {
    calendar.createEvent({
      ...event,
      id: `${event.id}.${roster.weekStart}@${roster.clinicId}.iop-roster`,
      start: DateTime.fromISO(event.start, { zone: view.zone }),
      end: DateTime.fromISO(event.end, { zone: view.zone }),
      timezone: view.zone,
      stamp,
      sequence,
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one too; the generator leaves the last one bare.
  return calendar.toString().replace(/(\r\n)?$/, "\r\n");
}

/**
 * One-to-ones and family groups in the calendars of those who attend or lead them: a patient sees their own, a
 * therapist the ids of the patients they see (as a group lead's calendar counts members, it never lists a family).
 */
function beyondGroups(roster: Roster, owner: CalendarOwner, notice: string) {
  const events: { id: string; start: string; end: string; summary: string; location: string; description: string }[] = [];
  if (owner.kind === "track") return events;
  const mine = owner.kind === "patient" ? (id: string) => id === owner.id : () => false;
  const makeUps = oneToOneMakeUps(roster);
  for (const s of roster.individualSessions) {
    if (!mine(s.patientId) && !(owner.kind === "facilitator" && s.therapistId === owner.id)) continue;
    const summary = owner.kind === "patient" ? `One-to-one with ${s.therapistId}` : `One-to-one: ${s.patientId}`;
    const makeUp = makeUps.get(s.patientId);
    events.push({
      id: s.id,
      start: s.start,
      end: s.end,
      summary,
      location: `Room ${s.roomId}`,
      description: `${summary}, room ${s.roomId}.${makeUp ? ` Make up: ${makeUp.join(", ")}.` : ""}\n${notice}`,
    });
  }
  for (const f of roster.familySessions) {
    if (!f.patientIds.some(mine) && !(owner.kind === "facilitator" && f.facilitatorId === owner.id)) continue;
    const summary =
      owner.kind === "patient" ? "Family group" : `Family group (${f.patientIds.length} patients, ${f.familyMembers} family members)`;
    events.push({
      id: f.id,
      start: f.start,
      end: f.end,
      summary,
      location: `Room ${f.roomId}`,
      description: `Family group led by ${f.facilitatorId}, room ${f.roomId}.\n${notice}`,
    });
  }
  return events;
}

export function calendarFileName(owner: CalendarOwner): string {
  return `${owner.kind}-${owner.id}.ics`;
}
