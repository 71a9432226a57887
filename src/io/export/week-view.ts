// The roster as people read it, computed once for every export: local dates and times in the clinic's zone,
// track and topic names, each group's cap. Exports render this; none re-derives times or labels.
import { DateTime } from "luxon";
import { type Roster, type Scenario, programOf } from "../../domain/index.js";

export interface SessionView extends LocalTimes {
  readonly id: string;
  readonly slotId: string;
  /** Monday = 0. */
  readonly weekday: number;
  /** "UTC-06:00" when the offset differs from the week's start (a DST change), else "". */
  readonly offsetNote: string;
  readonly part: string;
  readonly levels: string;
  readonly track: string;
  readonly trackLabel: string;
  readonly topicTitle: string;
  readonly facilitatorId: string;
  readonly roomId: string;
  readonly capacity: number;
  readonly patientIds: readonly string[];
}

export interface WeekView {
  readonly clinicName: string;
  readonly zone: string;
  /** "Mon 30 Nov 2026". */
  readonly weekLabel: string;
  readonly notice: string;
  readonly sessions: readonly SessionView[];
}

/** A booking's local date and times in the clinic's zone, as every export prints them. */
export interface LocalTimes {
  /** Local date, 2026-11-30. */
  readonly date: string;
  /** "Mon 30 Nov". */
  readonly dayLabel: string;
  readonly start: string;
  readonly end: string;
  readonly startAt: DateTime;
  readonly endAt: DateTime;
}

export function localTimes(start: string, end: string, zone: string): LocalTimes {
  const startAt = DateTime.fromISO(start, { zone });
  const endAt = DateTime.fromISO(end, { zone });
  return {
    date: startAt.toISODate() ?? "",
    dayLabel: startAt.toFormat("ccc d LLL"),
    start: startAt.toFormat("HH:mm"),
    end: endAt.toFormat("HH:mm"),
    startAt,
    endAt,
  };
}

/** A week as people name it: "Mon 30 Nov 2026". */
export const weekLabelOf = (weekStart: string, zone?: string): string =>
  DateTime.fromISO(weekStart, zone ? { zone } : {}).toFormat("ccc d LLL yyyy");

export function weekView(scenario: Scenario, roster: Roster): WeekView {
  const zone = roster.timeZone;
  const program = programOf(scenario);
  const tracks = new Map(program.tracks.map((t) => [t.id, t]));
  const rooms = new Map(scenario.rooms.map((r) => [r.id, r.capacity]));
  const slots = new Map(scenario.slots.map((s) => [s.id, s]));
  const week = DateTime.fromISO(roster.weekStart, { zone });
  const sessions = roster.sessions.map((s): SessionView => {
    const times = localTimes(s.start, s.end, zone);
    const track = tracks.get(s.track);
    return {
      id: s.id,
      slotId: s.slotId,
      ...times,
      weekday: times.startAt.weekday - 1,
      offsetNote: times.startAt.offset !== week.offset ? `UTC${times.startAt.toFormat("ZZ")}` : "",
      part: s.part,
      levels: slots.get(s.slotId)?.levels?.join(", ") ?? "all levels",
      track: s.track,
      trackLabel: track?.label ?? s.track,
      topicTitle: s.topicTitle,
      facilitatorId: s.facilitatorId,
      roomId: s.roomId,
      capacity: Math.min((track?.groupSize ?? program.groupSize).max, rooms.get(s.roomId) ?? Infinity),
      patientIds: s.patientIds,
    };
  });
  return {
    clinicName: scenario.clinic.name ?? scenario.clinic.id,
    zone,
    weekLabel: weekLabelOf(roster.weekStart, zone),
    notice: roster.notice,
    sessions,
  };
}
