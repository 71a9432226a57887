// One check per hard rule, each recomputed from the scenario and the roster's text alone.
// Rule ids come from domain/rules.ts, shared with the solver's predicates and the README.
import {
  type RuleId,
  exceedsBand,
  facilitatorWeekly,
  groupTrackOf,
  overlaps,
  patientWindows,
  slotInterval,
  weekdayIndex,
  within,
} from "../domain/index.js";
import type { Context } from "./context.js";
import { closures } from "./closures.js";
import { curriculumProgressCheck, drugTests, familyProgram, individualSessions, stepDown } from "./services.js";

export interface Violation {
  readonly rule: RuleId;
  readonly message: string;
  readonly sessionId?: string;
  readonly patientId?: string;
}

export type Check = (ctx: Context, out: Violation[]) => void;

export const rosterIntegrity: Check = (ctx, out) => {
  const { scenario, roster } = ctx;
  const known = (ids: { id: string }[]) => new Set(ids.map((x) => x.id));
  const facs = known(scenario.facilitators);
  const rooms = known(scenario.rooms);
  const tracks = new Set(ctx.program.tracks.map((t) => t.id));
  const topics = new Set(ctx.program.curricula.flatMap((c) => c.topics.map((t) => t.id)));
  const v = (message: string, extra: Partial<Violation> = {}) => out.push({ rule: "roster-integrity", message, ...extra });
  const seenSessions = new Set<string>();
  for (const { session } of ctx.sessions) {
    if (seenSessions.has(session.id)) v("duplicate session id", { sessionId: session.id });
    seenSessions.add(session.id);
    if (!facs.has(session.facilitatorId)) v("unknown facilitator", { sessionId: session.id });
    if (!rooms.has(session.roomId)) v("unknown room", { sessionId: session.id });
    if (!tracks.has(session.track)) v("unknown track", { sessionId: session.id });
    if (!topics.has(session.topic)) v("unknown topic", { sessionId: session.id });
    if (new Set(session.patientIds).size !== session.patientIds.length)
      v("a patient is listed twice in one session", { sessionId: session.id });
    for (const id of session.patientIds)
      if (!ctx.patientIndex.has(id)) v("session lists a patient who is not in the scenario", { sessionId: session.id });
  }
  const listed = new Map<string, number>();
  for (const plan of roster.patients) listed.set(plan.id, (listed.get(plan.id) ?? 0) + 1);
  const plans = new Map(roster.patients.map((plan) => [plan.id, plan]));
  scenario.patients.forEach((patient, p) => {
    const count = listed.get(patient.id) ?? 0;
    if (count !== 1) return v(count === 0 ? "patient missing from the roster" : "patient listed more than once", { patientId: patient.id });
    const plan = plans.get(patient.id)!;
    const fromSessions = ctx.sessionsOf[p].map((i) => ctx.sessions[i].session.id).sort();
    if ([...plan.sessionIds].sort().join() !== fromSessions.join())
      v("patient's sessionIds do not match the sessions that list them", { patientId: patient.id });
    const hours = ctx.sessionsOf[p].reduce((h, i) => h + ctx.sessions[i].hours, 0);
    if (Math.abs(plan.scheduledHours - hours) > 1e-3)
      v(`scheduledHours says ${plan.scheduledHours}, the sessions add up to ${hours}`, { patientId: patient.id });
    // Stryker disable next-line EqualityOperator: no level's hours lie exactly a float thousandth from a claim, so > and >= agree.
    if (Math.abs(plan.requiredHours - ctx.requirement[p].hours) > 1e-3)
      v(`requiredHours says ${plan.requiredHours}, the level and plan require ${ctx.requirement[p].hours}`, { patientId: patient.id });
  });
  for (const plan of roster.patients)
    if (!ctx.patientIndex.has(plan.id)) v("roster lists a patient who is not in the scenario", { patientId: plan.id });
};

export const slotFit: Check = (ctx, out) => {
  const { scenario } = ctx;
  const slots = new Map(scenario.slots.map((s) => [s.id, { slot: s, at: slotInterval(scenario, s) }]));
  for (const { session, interval, members } of ctx.sessions) {
    const entry = slots.get(session.slotId);
    if (!entry || entry.at.start !== interval.start || entry.at.end !== interval.end) {
      out.push({ rule: "slot-fit", message: "session does not run at the times of its slot", sessionId: session.id });
      continue;
    }
    const { slot } = entry;
    if (slot.tracks && !slot.tracks.includes(session.track))
      out.push({ rule: "slot-fit", message: "slot is not open to this track", sessionId: session.id });
    for (const p of members) {
      const { id, level } = scenario.patients[p];
      if (slot.levels && !slot.levels.includes(level))
        out.push({ rule: "slot-fit", message: "slot is not open to this patient's level of care", sessionId: session.id, patientId: id });
    }
  }
};

export const patientWindow: Check = (ctx, out) => {
  ctx.sessionsOf.forEach((list, p) => {
    for (const i of list) {
      if (ctx.busy[p].some((b) => overlaps(b, ctx.sessions[i].interval))) {
        // Named the way the coordinator wrote it, so a hand edit shows which window it hit.
        const hit = patientWindows(ctx.scenario, ctx.scenario.patients[p]).find(
          (w) => !w.closure && w.intervals.some((b) => overlaps(b, ctx.sessions[i].interval)),
        );
        out.push({
          rule: "patient-window",
          message: `session falls in the patient's window: ${hit?.text() ?? "unavailable"}`,
          sessionId: ctx.sessions[i].session.id,
          patientId: ctx.scenario.patients[p].id,
        });
      }
    }
  });
};

function pairwiseOverlaps(
  ctx: Context,
  groups: Iterable<number[]>,
  rule: RuleId,
  what: string,
  out: Violation[],
  patientId?: string,
): void {
  for (const list of groups) {
    list.forEach((a, at) => {
      for (const b of list.slice(at + 1)) {
        const sa = ctx.sessions[a];
        const sb = ctx.sessions[b];
        if (!overlaps(sa.interval, sb.interval)) continue;
        out.push({
          rule,
          message: `${what} has overlapping sessions ${sa.session.id} and ${sb.session.id}`,
          sessionId: sb.session.id,
          ...(patientId ? { patientId } : {}),
        });
      }
    });
  }
}

function bucket(ctx: Context, key: (i: number) => string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  ctx.sessions.forEach((_, i) => {
    for (const k of key(i)) {
      const list = map.get(k);
      if (list) list.push(i);
      else map.set(k, [i]);
    }
  });
  return map;
}

export const patientOverlap: Check = (ctx, out) => {
  ctx.sessionsOf.forEach((list, p) => pairwiseOverlaps(ctx, [list], "patient-overlap", "patient", out, ctx.scenario.patients[p].id));
};

export const facilitatorOverlap: Check = (ctx, out) =>
  pairwiseOverlaps(ctx, bucket(ctx, (i) => [ctx.sessions[i].session.facilitatorId]).values(), "facilitator-overlap", "facilitator", out);

export const roomOverlap: Check = (ctx, out) =>
  pairwiseOverlaps(ctx, bucket(ctx, (i) => [ctx.sessions[i].session.roomId]).values(), "room-overlap", "room", out);

export const groupSize: Check = (ctx, out) => {
  for (const { session } of ctx.sessions) {
    const track = ctx.program.tracks.find((t) => t.id === session.track);
    const size = track?.groupSize ?? ctx.program.groupSize;
    const n = session.patientIds.length;
    if (n < size.min || n > size.max)
      out.push({ rule: "group-size", message: `${n} members; the track allows ${size.min}–${size.max}`, sessionId: session.id });
  }
};

export const trackSeparation: Check = (ctx, out) => {
  for (const { session, members } of ctx.sessions) {
    for (const p of members) {
      const { id } = ctx.scenario.patients[p];
      if (groupTrackOf(ctx.program, ctx.scenario.patients[p]) !== session.track)
        out.push({ rule: "track-separation", message: "patient of another track in this session", sessionId: session.id, patientId: id });
    }
  }
};

export const facilitatorFit: Check = (ctx, out) => {
  const minutes = new Map<string, number>();
  const facs = new Map(ctx.scenario.facilitators.map((f) => [f.id, { fac: f, windows: facilitatorWeekly(ctx.scenario, f) }]));
  for (const { session, interval, minutes: m } of ctx.sessions) {
    const entry = facs.get(session.facilitatorId);
    const track = ctx.program.tracks.find((t) => t.id === session.track);
    const topic = ctx.program.curricula.flatMap((c) => c.topics).find((t) => t.id === session.topic);
    if (!entry || !track || !topic) continue;
    const { fac, windows } = entry;
    minutes.set(fac.id, (minutes.get(fac.id) ?? 0) + m);
    const v = (message: string) => out.push({ rule: "facilitator-fit", message, sessionId: session.id });
    if (!fac.tracks.includes(track.id)) v("facilitator does not lead this track");
    if (!track.credentials.some((c) => fac.credentials.includes(c)))
      v(`facilitator lacks a credential for the track (one of ${track.credentials.join(", ")})`);
    if (fac.topics && !fac.topics.includes(topic.id)) v("facilitator does not lead this topic");
    if (topic.credentials && !topic.credentials.some((c) => fac.credentials.includes(c)))
      v(`facilitator lacks a credential for the topic (one of ${topic.credentials.join(", ")})`);
    if (!within(interval, windows)) v("facilitator is not available for the whole session");
  }
  for (const fac of ctx.scenario.facilitators) {
    const m = minutes.get(fac.id) ?? 0;
    const h = m / 60;
    if (m > fac.maxHoursPerWeek * 60)
      out.push({ rule: "facilitator-fit", message: `facilitator ${fac.id} leads ${h} h, above their ${fac.maxHoursPerWeek} h` });
  }
};

export const roomCapacity: Check = (ctx, out) => {
  for (const { session } of ctx.sessions) {
    const room = ctx.scenario.rooms.find((r) => r.id === session.roomId);
    if (room && session.patientIds.length > room.capacity)
      out.push({
        rule: "room-capacity",
        message: `${session.patientIds.length} members in a room for ${room.capacity}`,
        sessionId: session.id,
      });
  }
};

export const levelRules: Check = (ctx, out) => {
  ctx.sessionsOf.forEach((list, p) => {
    const { level, band } = ctx.requirement[p];
    const id = ctx.scenario.patients[p].id;
    const total = list.reduce((h, i) => h + ctx.sessions[i].hours, 0);
    if (exceedsBand(band, total)) out.push({ rule: "level-rules", message: `${total} h is above the ${level.label} band`, patientId: id });
    if (list.length > level.maxSessionsPerWeek)
      out.push({
        rule: "level-rules",
        message: `${list.length} sessions; ${level.label} allows ${level.maxSessionsPerWeek} a week`,
        patientId: id,
      });
    const perDay = new Map<number, { n: number; m: number }>();
    for (const i of list) {
      const d = perDay.get(ctx.sessions[i].day) ?? { n: 0, m: 0 };
      perDay.set(ctx.sessions[i].day, { n: d.n + 1, m: d.m + ctx.sessions[i].minutes });
    }
    for (const { n, m } of perDay.values()) {
      if (n > level.maxSessionsPerDay)
        out.push({
          rule: "level-rules",
          message: `${n} sessions in one day; ${level.label} allows ${level.maxSessionsPerDay}`,
          patientId: id,
        });
      if (m > level.maxHoursPerDay * 60)
        out.push({ rule: "level-rules", message: `${m / 60} h in one day; ${level.label} allows ${level.maxHoursPerDay}`, patientId: id });
    }
  });
};

export const topicEligibility: Check = (ctx, out) => {
  for (const { session, day, members } of ctx.sessions) {
    const track = ctx.program.tracks.find((t) => t.id === session.track);
    const curriculum = ctx.program.curricula.find((c) => c.id === track?.curriculum);
    const topic = curriculum?.topics.find((t) => t.id === session.topic);
    if (!topic) {
      out.push({ rule: "topic-eligibility", message: "topic is not in the track's curriculum", sessionId: session.id });
      continue;
    }
    if (topic.days && !topic.days.some((d) => weekdayIndex(d) === day))
      out.push({ rule: "topic-eligibility", message: `topic is held only on ${topic.days.join(", ")}`, sessionId: session.id });
    const slot = ctx.scenario.slots.find((s) => s.id === session.slotId);
    if (slot?.topics && !slot.topics.includes(topic.id))
      out.push({ rule: "topic-eligibility", message: "slot is reserved for other topics", sessionId: session.id });
    if (!topic.weeksOfStay) continue;
    const { from, to } = topic.weeksOfStay;
    for (const p of members) {
      const week = ctx.weekOfStay[p];
      if (week < from || week > to)
        out.push({
          rule: "topic-eligibility",
          message: `topic is for weeks ${from}–${to} of stay; patient is in week ${week}`,
          sessionId: session.id,
          patientId: ctx.scenario.patients[p].id,
        });
    }
  }
};

/** Every published assignment kept: each read from the sessions' own slot, track, lead, room and members. */
export const pinsHeld: Check = (ctx, out) => {
  ctx.scenario.pins?.forEach((pin, i) => {
    const atSlot = ctx.sessions.filter(({ session }) => session.slotId === pin.slotId).map(({ session }) => session);
    if (pin.kind === "group") {
      const held = atSlot.some(
        (s) =>
          s.track === pin.track &&
          (pin.facilitatorId === undefined || s.facilitatorId === pin.facilitatorId) &&
          (pin.roomId === undefined || s.roomId === pin.roomId),
      );
      if (!held) out.push({ rule: "pins", message: `pins[${i}]: no ${pin.track} group meets at ${pin.slotId} as pinned` });
      return;
    }
    const patient = ctx.scenario.patients.find((p) => p.id === pin.patientId);
    const held = atSlot.some((s) => patient && s.track === groupTrackOf(ctx.program, patient) && s.patientIds.includes(pin.patientId));
    if (!held) out.push({ rule: "pins", message: `pins[${i}]: the patient is in no group at ${pin.slotId}`, patientId: pin.patientId });
  });
};

export const CHECKS: Record<RuleId, Check> = {
  "roster-integrity": rosterIntegrity,
  "slot-fit": slotFit,
  "patient-window": patientWindow,
  "patient-overlap": patientOverlap,
  "facilitator-overlap": facilitatorOverlap,
  "room-overlap": roomOverlap,
  "group-size": groupSize,
  "track-separation": trackSeparation,
  "facilitator-fit": facilitatorFit,
  "room-capacity": roomCapacity,
  "level-rules": levelRules,
  "topic-eligibility": topicEligibility,
  "individual-sessions": individualSessions,
  "family-program": familyProgram,
  "drug-tests": drugTests,
  "step-down": stepDown,
  "curriculum-progress": curriculumProgressCheck,
  pins: pinsHeld,
  closures,
};
