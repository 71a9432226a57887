// The checks of the week around the groups: one-to-one sessions, family groups, drug tests, step-down and
// curriculum progress, recomputed from the scenario and the roster's text like every other rule.
import { DateTime } from "luxon";
import {
  type Interval,
  type RuleId,
  type Service,
  curriculumProgress,
  exceedsBand,
  facilitatorAvailable,
  levelInForce,
  overlaps,
  patientBusy,
  requirementOf,
  servicesOn,
  slotInterval,
  within,
} from "../domain/index.js";
import type { Violation } from "./checks.js";
import type { Context } from "./context.js";

type Check = (ctx: Context, out: Violation[]) => void;

interface Booked {
  readonly id: string;
  readonly rule: RuleId | null;
  readonly at: Interval;
}

const span = (s: { start: string; end: string }): Interval => ({ start: Date.parse(s.start), end: Date.parse(s.end) });

const bookedCache = new WeakMap<Context, Map<string, Booked[]>>();

/** Everything booked per patient, facilitator and room: groups (rule null: their own rules judge them), family, one-to-one. */
function bookedBy(ctx: Context): Map<string, Booked[]> {
  const known = bookedCache.get(ctx);
  if (known) return known;
  const map = new Map<string, Booked[]>();
  bookedCache.set(ctx, map);
  const add = (keys: string[], item: Booked) => {
    for (const k of keys) {
      const list = map.get(k);
      if (list) list.push(item);
      else map.set(k, [item]);
    }
  };
  for (const { session, interval } of ctx.sessions)
    add([`f:${session.facilitatorId}`, `r:${session.roomId}`, ...session.patientIds.map((p) => `p:${p}`)], {
      id: session.id,
      rule: null,
      at: interval,
    });
  for (const s of ctx.roster.familySessions)
    add([`f:${s.facilitatorId}`, `r:${s.roomId}`, ...s.patientIds.map((p) => `p:${p}`)], { id: s.id, rule: "family-program", at: span(s) });
  for (const s of ctx.roster.individualSessions)
    add([`f:${s.therapistId}`, `r:${s.roomId}`, `p:${s.patientId}`], { id: s.id, rule: "individual-sessions", at: span(s) });
  return map;
}

/** Two things at once for one person or room, when either is a family group or a one-to-one session. */
function overlapsOf(ctx: Context, rule: RuleId, out: Violation[]): void {
  // Groups against groups are the group rules' business: without a family group or one-to-one there is nothing here.
  if (ctx.roster.familySessions.length === 0 && ctx.roster.individualSessions.length === 0) return;
  for (const [who, items] of bookedBy(ctx)) {
    items.forEach((a, i) => {
      for (const b of items.slice(i + 1)) {
        if ((a.rule !== rule && b.rule !== rule) || !overlaps(a.at, b.at)) continue;
        const what = who.startsWith("p:") ? "patient" : who.startsWith("f:") ? "facilitator" : "room";
        out.push({ rule, message: `${what} has overlapping sessions ${a.id} and ${b.id}`, sessionId: (b.rule === rule ? b : a).id });
      }
    });
  }
}

/** A facilitator's week whole: groups, family groups and one-to-ones within their weekly hours. */
function hoursOf(ctx: Context, rule: RuleId, out: Violation[]): void {
  if (ctx.roster.familySessions.length === 0 && ctx.roster.individualSessions.length === 0) return;
  const all = bookedBy(ctx);
  for (const f of ctx.scenario.facilitators) {
    const items = all.get(`f:${f.id}`) ?? [];
    if (!items.some((b) => b.rule === rule)) continue;
    const hours = items.reduce((h, b) => h + (b.at.end - b.at.start) / 3_600_000, 0);
    if (hours > f.maxHoursPerWeek + 1e-6)
      out.push({ rule, message: `facilitator ${f.id} works ${hours} h, above their ${f.maxHoursPerWeek} h` });
  }
}

/** What the week called for against what it booked plus the shortfalls it declared, per patient. */
function accounted(
  ctx: Context,
  service: Service,
  rule: RuleId,
  calledFor: (p: number) => number,
  booked: (id: string) => number,
  out: Violation[],
): void {
  const declared = new Map<string, number>();
  for (const s of ctx.roster.serviceShortfalls)
    if (s.service === service) declared.set(s.patientId, (declared.get(s.patientId) ?? 0) + (s.reason.trim() ? s.missing : 0));
  const on = servicesOn(ctx.scenario, ctx.program).includes(service);
  ctx.scenario.patients.forEach((patient, p) => {
    const want = on ? calledFor(p) : 0;
    const got = booked(patient.id);
    const missing = declared.get(patient.id) ?? 0;
    if (got > want) out.push({ rule, message: `${got} booked; the week calls for ${want}`, patientId: patient.id });
    else if (got + missing !== want)
      out.push({
        rule,
        message: `${got} booked and ${missing} declared missing with a reason; the week calls for ${want}`,
        patientId: patient.id,
      });
  });
}

const count = (ids: readonly string[]) => {
  const map = new Map<string, number>();
  for (const id of ids) map.set(id, (map.get(id) ?? 0) + 1);
  return (id: string) => map.get(id) ?? 0;
};

export const individualSessions: Check = (ctx, out) => {
  const rule = "individual-sessions";
  const facs = new Map(ctx.scenario.facilitators.map((f) => [f.id, f]));
  const rooms = new Set(ctx.scenario.rooms.map((r) => r.id));
  const therapistOf = new Map<string, string>();
  const patientsOf = new Map<string, Set<string>>();
  for (const s of ctx.roster.individualSessions) {
    const v = (message: string) => out.push({ rule, message, sessionId: s.id, patientId: s.patientId });
    const p = ctx.patientIndex.get(s.patientId);
    const fac = facs.get(s.therapistId);
    if (p === undefined || !fac || !rooms.has(s.roomId)) {
      v("names a patient, therapist or room the scenario does not have");
      continue;
    }
    const patient = ctx.scenario.patients[p];
    const at = span(s);
    if (fac.caseload === undefined) v("the therapist has no caseload");
    if (patient.primaryTherapistId !== undefined && patient.primaryTherapistId !== fac.id) v("not with the patient's primary therapist");
    if (therapistOf.has(patient.id) && therapistOf.get(patient.id) !== fac.id) v("the patient sees two therapists in one week");
    therapistOf.set(patient.id, fac.id);
    patientsOf.set(fac.id, (patientsOf.get(fac.id) ?? new Set()).add(patient.id));
    const { minutes } = ctx.requirement[p].level.individual;
    if (at.end - at.start !== minutes * 60_000) v(`lasts ${(at.end - at.start) / 60_000} min; the level's sessions last ${minutes}`);
    if (!within(at, facilitatorAvailable(ctx.scenario, fac))) v("the therapist is not available for the whole session");
    if (ctx.busy[p].some((b) => overlaps(b, at)))
      v("falls in the patient's work, school, childcare or one-off window, or before admission");
  }
  for (const f of ctx.scenario.facilitators) {
    if (f.caseload === undefined) continue;
    const named = ctx.scenario.patients.filter((p) => p.primaryTherapistId === f.id).map((p) => p.id);
    const all = new Set([...named, ...(patientsOf.get(f.id) ?? [])]);
    if (all.size > f.caseload)
      out.push({ rule, message: `therapist ${f.id} has ${all.size} patients, above their caseload of ${f.caseload}` });
  }
  overlapsOf(ctx, rule, out);
  hoursOf(ctx, rule, out);
  const booked = count(ctx.roster.individualSessions.map((s) => s.patientId));
  accounted(ctx, "individual", rule, (p) => ctx.requirement[p].level.individual.perWeek, booked, out);
};

export const familyProgram: Check = (ctx, out) => {
  const rule = "family-program";
  const family = ctx.program.familyProgram;
  const times = new Map((ctx.scenario.familyGroups ?? []).map((t) => [t.id, slotInterval(ctx.scenario, { ...t, part: "evening" })]));
  const facs = new Map(ctx.scenario.facilitators.map((f) => [f.id, f]));
  const rooms = new Map(ctx.scenario.rooms.map((r) => [r.id, r]));
  for (const s of ctx.roster.familySessions) {
    const v = (message: string, patientId?: string) => out.push({ rule, message, sessionId: s.id, ...(patientId ? { patientId } : {}) });
    const time = times.get(s.familyGroupId);
    const fac = facs.get(s.facilitatorId);
    const room = rooms.get(s.roomId);
    if (!time || !fac || !room || !family) {
      v("names a family-group time, facilitator or room the scenario does not have");
      continue;
    }
    const at = span(s);
    if (at.start !== time.start || at.end !== time.end) v("does not run at the times of its family-group time");
    if (family.credentials && !family.credentials.some((c) => fac.credentials.includes(c)))
      v(`the leader lacks a credential for the family program (one of ${family.credentials.join(", ")})`);
    if (!within(at, facilitatorAvailable(ctx.scenario, fac))) v("the leader is not available for the whole session");
    let members = 0;
    for (const id of s.patientIds) {
      const p = ctx.patientIndex.get(id);
      const patient = p === undefined ? undefined : ctx.scenario.patients[p];
      if (!patient?.family) {
        v("seats a patient whose plan does not include the family program", id);
        continue;
      }
      members += patient.family.members;
      if (patientBusy(ctx.scenario, patient).some((b) => overlaps(b, at)))
        v("falls in the patient's work, school, childcare or one-off window, or before admission", id);
    }
    if (members !== s.familyMembers) v(`familyMembers says ${s.familyMembers}; the patients' plans bring ${members}`);
    // The room holds what the roster says comes: its own count, even when that count is wrong.
    const people = s.patientIds.length + Math.max(members, s.familyMembers);
    const seats = Math.min(family.capacity, room.capacity);
    if (people > seats) v(`${people} people; the family group seats ${seats}`);
  }
  overlapsOf(ctx, rule, out);
  hoursOf(ctx, rule, out);
  const booked = count(ctx.roster.familySessions.flatMap((s) => s.patientIds));
  accounted(ctx, "family", rule, (p) => (ctx.scenario.patients[p].family ? 1 : 0), booked, out);
};

export const drugTests: Check = (ctx, out) => {
  const rule = "drug-tests";
  const zone = ctx.scenario.clinic.timeZone;
  const attended = new Map<string, { start: string; patientIds: readonly string[] }>();
  for (const { session } of ctx.sessions) attended.set(session.id, session);
  for (const s of ctx.roster.familySessions) attended.set(s.id, s);
  for (const s of ctx.roster.individualSessions) attended.set(s.id, { start: s.start, patientIds: [s.patientId] });
  const days = new Map<string, Set<string>>();
  for (const t of ctx.roster.drugTests) {
    const v = (message: string) => out.push({ rule, message, patientId: t.patientId, sessionId: t.sessionId });
    const at = attended.get(t.sessionId);
    if (!at || !at.patientIds.includes(t.patientId)) v("collected at a session the patient does not attend");
    else if (DateTime.fromISO(at.start, { zone }).toISODate() !== t.date) v("dated another day than the session it is collected at");
    const seen = days.get(t.patientId) ?? new Set();
    if (seen.has(t.date)) v("a second test on the same day");
    days.set(t.patientId, seen.add(t.date));
  }
  const booked = count(ctx.roster.drugTests.map((t) => t.patientId));
  accounted(ctx, "drug-test", rule, (p) => ctx.requirement[p].level.drugTestsPerWeek, booked, out);
};

export const stepDown: Check = (ctx, out) => {
  const plans = new Map(ctx.roster.patients.map((plan) => [plan.id, plan]));
  ctx.scenario.patients.forEach((patient, p) => {
    if (!patient.levelHistory) return;
    const level = levelInForce(patient.levelHistory, ctx.scenario.clinic.weekStart) ?? patient.level;
    const inForce = requirementOf(ctx.program, { ...patient, level });
    const plan = plans.get(patient.id);
    const v = (message: string) => out.push({ rule: "step-down", message, patientId: patient.id });
    if (plan && plan.level !== level) v(`planned at ${plan.level}; the level in force this week is ${level}`);
    if (plan && Math.abs(plan.requiredHours - inForce.hours) > 1e-3)
      v(`requires ${plan.requiredHours} h; ${inForce.level.label} requires ${inForce.hours} h`);
    const hours = ctx.sessionsOf[p].reduce((h, i) => h + ctx.sessions[i].hours, 0);
    if (exceedsBand(inForce.band, hours)) v(`${hours} h is above the ${inForce.level.label} band`);
    if (ctx.sessionsOf[p].length > inForce.level.maxSessionsPerWeek)
      v(`${ctx.sessionsOf[p].length} groups; ${inForce.level.label} allows ${inForce.level.maxSessionsPerWeek} a week`);
  });
};

export const curriculumProgressCheck: Check = (ctx, out) => {
  const plans = new Map(ctx.roster.patients.map((plan) => [plan.id, plan]));
  ctx.scenario.patients.forEach((patient, p) => {
    const claimed = plans.get(patient.id)?.curriculum;
    if (!claimed) return;
    const truth = curriculumProgress(
      ctx.program,
      patient,
      ctx.sessionsOf[p].map((i) => ctx.sessions[i].session.topic),
    );
    const wrong = (Object.keys(truth) as (keyof typeof truth)[]).filter((k) => claimed[k] !== truth[k]);
    if (wrong.length > 0)
      out.push({
        rule: "curriculum-progress",
        message: wrong.map((k) => `${k} says ${claimed[k]}, the record and the sessions make it ${truth[k]}`).join("; "),
        patientId: patient.id,
      });
  });
};
