// The checks of the week around the groups: one-to-one sessions, family groups, drug tests, step-down and
// curriculum progress, recomputed from the scenario and the roster's text like every other rule.
import { DateTime } from "luxon";
import {
  type Interval,
  type RuleId,
  type Service,
  curriculumProgress,
  facilitatorAvailable,
  facilitatorWeekly,
  levelInForce,
  overlaps,
  requirementOf,
  weekInterval,
  servicesOn,
  slotInterval,
  stayOf,
  within,
  roomOutOfService,
} from "../domain/index.js";
import type { Violation } from "./checks.js";
import type { Context } from "./context.js";

type Check = (ctx: Context, out: Violation[]) => void;

interface Booked {
  readonly id: string;
  readonly rule: RuleId | null;
  readonly at: Interval;
}

export const span = (s: { start: string; end: string }): Interval => ({ start: Date.parse(s.start), end: Date.parse(s.end) });

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
        // A family group against a one-to-one is the one-to-one's to report, once.
        if (rule === "family-program" && (a.rule === "individual-sessions" || b.rule === "individual-sessions")) continue;
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
    // Hours over the week are reported once: by the one-to-ones when the facilitator has any.
    if (rule === "family-program" && items.some((b) => b.rule === "individual-sessions")) continue;
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
  /** Why a declared shortfall cannot stand (a time both were free, a seat left), or null. */
  refuted: (p: number) => string | null = () => null,
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
    else if (missing > 0) {
      const why = refuted(p);
      if (why) out.push({ rule, message: `declared missing, but ${why}`, patientId: patient.id });
    }
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
  const rooms = new Map(ctx.scenario.rooms.map((r) => [r.id, r]));
  const week = weekInterval(ctx.scenario);
  const daysOf = new Map<string, Set<string>>();
  const therapistOf = new Map<string, string>();
  const patientsOf = new Map<string, Set<string>>();
  for (const s of ctx.roster.individualSessions) {
    const v = (message: string) => out.push({ rule, message, sessionId: s.id, patientId: s.patientId });
    const p = ctx.patientIndex.get(s.patientId);
    const fac = facs.get(s.therapistId);
    const room = rooms.get(s.roomId);
    if (p === undefined || !fac || !room) {
      v("names a patient, therapist or room the scenario does not have");
      continue;
    }
    const patient = ctx.scenario.patients[p];
    const at = span(s);
    if (at.start < week.start || at.end > week.end) v("falls outside the roster's week");
    if (room.capacity < 2) v("the room does not seat two");
    const day = DateTime.fromMillis(at.start, { zone: ctx.scenario.clinic.timeZone }).toISODate()!;
    if (daysOf.get(patient.id)?.has(day)) v("a second one-to-one for the patient on the same day");
    daysOf.set(patient.id, (daysOf.get(patient.id) ?? new Set()).add(day));
    if (fac.caseload === undefined) v("the therapist has no caseload");
    if (patient.primaryTherapistId !== undefined && patient.primaryTherapistId !== fac.id) v("not with the patient's primary therapist");
    if (therapistOf.has(patient.id) && therapistOf.get(patient.id) !== fac.id) v("the patient sees two therapists in one week");
    therapistOf.set(patient.id, fac.id);
    patientsOf.set(fac.id, (patientsOf.get(fac.id) ?? new Set()).add(patient.id));
    const { minutes } = ctx.requirement[p].level.individual;
    if (at.end - at.start !== minutes * 60_000) v(`lasts ${(at.end - at.start) / 60_000} min; the level's sessions last ${minutes}`);
    if (!within(at, facilitatorWeekly(ctx.scenario, fac))) v("the therapist is not available for the whole session");
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
  accounted(
    ctx,
    "individual",
    rule,
    (p) => ctx.requirement[p].level.individual.perWeek,
    booked,
    out,
    (p) => commonFreeTime(ctx, p, patientsOf),
  );
};

export const familyProgram: Check = (ctx, out) => {
  const rule = "family-program";
  const family = ctx.program.familyProgram;
  const times = new Map((ctx.scenario.familyGroups ?? []).map((t) => [t.id, slotInterval(ctx.scenario, t)]));
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
    if (!within(at, facilitatorWeekly(ctx.scenario, fac))) v("the leader is not available for the whole session");
    let members = 0;
    for (const id of s.patientIds) {
      const p = ctx.patientIndex.get(id);
      const patient = p === undefined ? undefined : ctx.scenario.patients[p];
      if (!patient?.family) {
        v("seats a patient whose plan does not include the family program", id);
        continue;
      }
      members += patient.family.members;
      if (ctx.busy[ctx.patientIndex.get(id)!].some((b) => overlaps(b, at)))
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
  accounted(
    ctx,
    "family",
    rule,
    (p) => (ctx.scenario.patients[p].family ? 1 : 0),
    booked,
    out,
    (p) => familySeat(ctx, p),
  );
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
  const attendedDays = (id: string) =>
    new Set((bookedBy(ctx).get(`p:${id}`) ?? []).map((b) => DateTime.fromMillis(b.at.start, { zone }).toISODate())).size;
  accounted(
    ctx,
    "drug-test",
    rule,
    (p) => ctx.requirement[p].level.drugTestsPerWeek,
    booked,
    out,
    (p) => {
      const { id } = ctx.scenario.patients[p];
      const possible = Math.min(ctx.requirement[p].level.drugTestsPerWeek, attendedDays(id));
      return booked(id) < possible ? `they attend on ${attendedDays(id)} days, enough for ${possible}` : null;
    },
  );
};

export const stepDown: Check = (ctx, out) => {
  const plans = new Map(ctx.roster.patients.map((plan) => [plan.id, plan]));
  ctx.scenario.patients.forEach((patient) => {
    if (!patient.levelHistory) return;
    const level = levelInForce(patient.levelHistory, ctx.scenario.clinic.weekStart) ?? patient.level;
    const inForce = requirementOf(ctx.program, { ...patient, level });
    const plan = plans.get(patient.id);
    const v = (message: string) => out.push({ rule: "step-down", message, patientId: patient.id });
    if (plan && plan.level !== level) v(`planned at ${plan.level}; the level in force this week is ${level}`);
    if (plan && Math.abs(plan.requiredHours - inForce.hours) > 1e-3)
      v(`requires ${plan.requiredHours} h; ${inForce.level.label} requires ${inForce.hours} h`);
  });
};

export const curriculumProgressCheck: Check = (ctx, out) => {
  const plans = new Map(ctx.roster.patients.map((plan) => [plan.id, plan]));
  ctx.scenario.patients.forEach((patient, p) => {
    const stay = stayOf(ctx.scenario, ctx.program, patient);
    const claimedStay = plans.get(patient.id)?.stay;
    if (claimedStay && (claimedStay.week !== stay?.week || claimedStay.plannedWeeks !== stay?.plannedWeeks))
      out.push({
        rule: "curriculum-progress",
        message: `stay says week ${claimedStay.week} of ${claimedStay.plannedWeeks}; the record makes it ${stay ? `week ${stay.week} of ${stay.plannedWeeks}` : "no planned stay"}`,
        patientId: patient.id,
      });
    const claimed = plans.get(patient.id)?.curriculum;
    if (!claimed) return;
    const truth = curriculumProgress(
      ctx.program,
      patient,
      ctx.sessionsOf[p].map((i) => ctx.sessions[i].session.topic),
    );
    const said = (value: unknown) => JSON.stringify(value ?? null);
    const keys = [...new Set([...Object.keys(truth), ...Object.keys(claimed)])] as (keyof typeof truth)[];
    const wrong = keys.filter((k) => said(claimed[k]) !== said(truth[k]));
    if (wrong.length > 0)
      out.push({
        rule: "curriculum-progress",
        message: wrong.map((k) => `${k} says ${said(claimed[k])}, the record and the sessions make it ${said(truth[k])}`).join("; "),
        patientId: patient.id,
      });
  });
};

/**
 * A time a therapist who may see the patient (theirs, or one with room in their caseload) and the patient are both
 * free, with a room for two and within the therapist's hours: on the half-hour grid of the therapist's hours or
 * next to something the patient attends, on a day without their one-to-one. Null when there is none.
 */
function commonFreeTime(ctx: Context, p: number, patientsOf: ReadonlyMap<string, ReadonlySet<string>>): string | null {
  const patient = ctx.scenario.patients[p];
  const minutes = ctx.requirement[p].level.individual.minutes;
  const len = minutes * 60_000;
  const week = weekInterval(ctx.scenario);
  const all = bookedBy(ctx);
  const zone = ctx.scenario.clinic.timeZone;
  const mine = all.get(`p:${patient.id}`) ?? [];
  const oneToOneDays = new Set(
    mine.filter((b) => b.rule === "individual-sessions").map((b) => DateTime.fromMillis(b.at.start, { zone }).toISODate()),
  );
  // Each room's bookings with its days out of service, read once for every start tried below.
  const rooms = ctx.scenario.rooms
    .filter((r) => r.capacity >= 2)
    .map((r) => [...(all.get(`r:${r.id}`) ?? []).map((b) => b.at), ...roomOutOfService(ctx.scenario, r).map((c) => c.interval)]);
  for (const f of ctx.scenario.facilitators) {
    if (f.caseload === undefined || (patient.primaryTherapistId !== undefined && patient.primaryTherapistId !== f.id)) continue;
    const named = ctx.scenario.patients.filter((q) => q.primaryTherapistId === f.id).map((q) => q.id);
    const load = new Set([...named, ...(patientsOf.get(f.id) ?? [])]);
    if (!load.has(patient.id) && load.size >= f.caseload) continue;
    const theirs = all.get(`f:${f.id}`) ?? [];
    const used = theirs.reduce((m, b) => m + (b.at.end - b.at.start) / 60_000, 0);
    if (used + minutes > f.maxHoursPerWeek * 60 + 1e-6) continue;
    const available = facilitatorAvailable(ctx.scenario, f);
    const starts = new Set(mine.flatMap((b) => [b.at.end, b.at.start - len]));
    for (const a of available)
      for (let s = Math.max(a.start, week.start); s + len <= Math.min(a.end, week.end); s += 30 * 60_000) starts.add(s);
    for (const start of starts) {
      const at = { start, end: start + len };
      if (at.start < week.start || at.end > week.end || !within(at, available)) continue;
      if (oneToOneDays.has(DateTime.fromMillis(start, { zone }).toISODate())) continue;
      if (ctx.busy[p].some((b) => overlaps(b, at)) || mine.some((b) => overlaps(b.at, at)) || theirs.some((b) => overlaps(b.at, at)))
        continue;
      if (!rooms.some((taken) => !taken.some((b) => overlaps(b, at)))) continue;
      return `${f.id} and the patient are both free ${DateTime.fromMillis(start, { zone }).toFormat("ccc HH:mm")} with a room free`;
    }
  }
  return null;
}

/** A family group at a time the patient can come with a seat left for them and their family. Null when there is none. */
function familySeat(ctx: Context, p: number): string | null {
  const patient = ctx.scenario.patients[p];
  const family = ctx.program.familyProgram;
  if (!family || !patient.family) return null;
  const mine = bookedBy(ctx).get(`p:${patient.id}`) ?? [];
  for (const s of ctx.roster.familySessions) {
    const at = span(s);
    if (ctx.busy[p].some((b) => overlaps(b, at)) || mine.some((b) => overlaps(b.at, at))) continue;
    const room = ctx.scenario.rooms.find((r) => r.id === s.roomId);
    const seats = Math.min(family.capacity, room?.capacity ?? 0);
    if (s.patientIds.length + s.familyMembers + 1 + patient.family.members <= seats)
      return `${s.id} has seats for them at a time they can come`;
  }
  return null;
}
