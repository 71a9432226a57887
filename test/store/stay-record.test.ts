// Two consecutive weeks of the whole-week sample through the clinic's record, as a clinic lives them: the week of
// 14 Dec published, attendance recorded, the week of 21 Dec made from the record with a discharge, an admission,
// Christmas Day closed and a therapist on leave; then that week solved, published and closed into the record too.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type AttendanceMark, type Roster, Scenario, SolveOptions, WeekChanges, programOf, staySummary } from "../../src/domain/index.js";
import { diffRosters } from "../../src/app/diff.js";
import { readAccessLog } from "../../src/io/store/access-log.js";
import { AttendanceBook } from "../../src/io/store/attendance.js";
import { type MadeWeek, makeNextWeek } from "../../src/io/store/next-week.js";
import { RosterArchive } from "../../src/io/store/rosters.js";
import { StayBook } from "../../src/io/store/stays.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { ENGINES, onDatabase } from "./databases.js";

const raw = JSON.parse(readFileSync(new URL("../../scenarios/whole-week-120.json", import.meta.url), "utf8"));
// The sample's week moved to the week before Christmas (its one-off appointments belong to its own week).
const first = Scenario.parse({
  ...raw,
  clinic: { ...raw.clinic, weekStart: "2026-12-14" },
  patients: raw.patients.map((p: object) => ({ ...p, oneOff: [] })),
});
const options = SolveOptions.parse({ seed: 1, maxIterations: 20_000 });
const CLINIC = first.clinic.id;
const onLeave = first.facilitators.find((f) => f.caseload !== undefined)!.id;

/** Every eighth booking marked absent, the rest present: the sign-in sheets of a week. */
function signIn(roster: Roster): AttendanceMark[] {
  let n = 0;
  const mark = (sessionId: string, patientId: string): AttendanceMark => ({
    sessionId,
    patientId,
    status: n++ % 8 === 0 ? "absent" : "present",
  });
  return [
    ...roster.sessions.flatMap((s) => s.patientIds.map((p) => mark(s.id, p))),
    ...(roster.individualSessions ?? []).map((s) => mark(s.id, s.patientId)),
  ];
}

const [name, open] = ENGINES[0];

describe(`two weeks of whole-week-120 through the record (${name})`, () => {
  const database = onDatabase(open);
  const lastWeek = solve(first, options);
  const marks = signIn(lastWeek);
  const discharged = first.patients[0].id;
  let made: Extract<MadeWeek, { ok: true }>;
  let nextRoster: Roster;

  beforeAll(async () => {
    const db = database();
    const published = await new RosterArchive(db).publish("key-a", first, lastWeek);
    await new AttendanceBook(db).record("key-a", published, marks);
    const changes = WeekChanges.parse({
      discharge: [{ patientId: discharged, reason: "completed the program" }],
      admit: [{ ...first.patients[5], id: "N0001", admissionDate: "2026-12-21", completedTopics: [], primaryTherapistId: undefined }],
      closures: [{ date: "2026-12-25", label: "Christmas Day" }],
      leave: [{ facilitatorId: onLeave, from: "2026-12-21", to: "2026-12-27", label: "vacation" }],
    });
    const result = await makeNextWeek(db, "key-a", CLINIC, changes);
    if (!result.ok) throw new Error(JSON.stringify(result));
    made = result;
    nextRoster = solve(made.scenario, options);
  });

  it("makes the week after from the record: the census, the changes, and the topics attended as heard", () => {
    const { scenario, report } = made;
    expect(scenario.clinic.weekStart).toBe("2026-12-21");
    expect(report.census).toBe(first.patients.length);
    expect(report.admitted).toEqual(["N0001"]);
    expect(report.discharged).toEqual([discharged]);
    expect(report.attendanceMarks).toBe(marks.length);
    expect(scenario.patients.some((p) => p.id === discharged)).toBe(false);
    // Heard is what was attended: an absence leaves the topic unheard and makes it a make-up when it is core.
    const absent = marks.find((m) => m.status === "absent" && lastWeek.sessions.some((s) => s.id === m.sessionId))!;
    const topic = lastWeek.sessions.find((s) => s.id === absent.sessionId)!.topic;
    const row = scenario.patients.find((p) => p.id === absent.patientId)!;
    const before = first.patients.find((p) => p.id === absent.patientId)!;
    if (!before.completedTopics.includes(topic)) expect(row.completedTopics).not.toContain(topic);
    const present = marks.find((m) => m.status === "present" && lastWeek.sessions.some((s) => s.id === m.sessionId))!;
    const heard = lastWeek.sessions.find((s) => s.id === present.sessionId)!.topic;
    expect(scenario.patients.find((p) => p.id === present.patientId)!.completedTopics).toContain(heard);
    expect(report.makeUps).toBeGreaterThan(0);
    expect(scenario.patients.filter((p) => p.makeUps?.length).every((p) => p.makeUps!.every((t) => !p.completedTopics.includes(t)))).toBe(
      true,
    );
  });

  it("books nothing on Christmas Day nor with the therapist on leave, and the validator holds the week to it", () => {
    expect(validate(made.scenario, nextRoster).violations).toEqual([]);
    const onChristmas = [
      ...nextRoster.sessions.map((s) => s.start),
      ...(nextRoster.individualSessions ?? []).map((s) => s.start),
      ...(nextRoster.familySessions ?? []).map((s) => s.start),
    ].filter((start) => start.startsWith("2026-12-25"));
    expect(onChristmas).toEqual([]);
    expect(nextRoster.drugTests?.filter((t) => t.date === "2026-12-25")).toEqual([]);
    expect(nextRoster.individualSessions?.some((s) => s.therapistId === onLeave)).toBe(false);
    expect(nextRoster.sessions.some((s) => s.facilitatorId === onLeave)).toBe(false);
  });

  it("keeps every returning patient's therapist unless theirs is on leave, and the diff names the leave", () => {
    const before = new Map((lastWeek.individualSessions ?? []).map((s) => [s.patientId, s.therapistId]));
    const returning = (nextRoster.individualSessions ?? []).filter((s) => before.has(s.patientId) && before.get(s.patientId) !== onLeave);
    expect(returning.length).toBeGreaterThan(80);
    expect(returning.filter((s) => before.get(s.patientId) !== s.therapistId)).toEqual([]);
    const diff = diffRosters({ scenario: first, roster: lastWeek }, { scenario: made.scenario, roster: nextRoster });
    const away = made.report.therapistAway;
    expect(away.length).toBeGreaterThan(0);
    expect(diff.therapistsChanged.map((c) => c.patientId).sort()).toEqual(
      [...away].filter((id) => nextRoster.individualSessions?.some((s) => s.patientId === id)).sort(),
    );
    for (const change of diff.therapistsChanged) expect(change.why).toBe("the therapist is away all week");
  });

  it("closes the second week into the record: two weeks a stay, the discharge with its reason, the therapist back after leave", async () => {
    const db = database();
    await new RosterArchive(db).publish("key-a", made.scenario, nextRoster);
    const third = await makeNextWeek(db, "key-a", CLINIC);
    expect(third.ok).toBe(true);
    const stays = await new StayBook(db).read("key-a", CLINIC);
    expect(stays.get(discharged)!.discharged).toEqual({ date: "2026-12-21", reason: "completed the program" });
    const program = programOf(first);
    const kept = first.patients.find((p) => p.id !== discharged)!.id;
    const summary = staySummary(stays.get(kept)!, program);
    expect(summary.weeks).toBe(2);
    expect(summary.groups.booked).toBe(
      lastWeek.sessions.filter((s) => s.patientIds.includes(kept)).length +
        nextRoster.sessions.filter((s) => s.patientIds.includes(kept)).length,
    );
    // The week of leave gave them another therapist; the record keeps their own, so it comes back.
    const away = made.report.therapistAway[0];
    const own = lastWeek.individualSessions!.find((s) => s.patientId === away)!.therapistId;
    expect(stays.get(away)!.patient.primaryTherapistId).toBe(own);
    if (third.ok) expect(third.scenario.patients.find((p) => p.id === away)!.primaryTherapistId).toBe(own);
    const log = await readAccessLog(db, "auditor", CLINIC);
    expect(log.filter((e) => e.action === "next-week").map((e) => e.resource)).toEqual(["week:2026-12-21", "week:2026-12-28"]);
    expect(log.some((e) => e.action === "read-stays")).toBe(true);
    expect(JSON.stringify(log)).not.toContain(kept);
  });
});

describe.each(ENGINES)("the record on %s", (_name, open) => {
  const database = onDatabase(open);

  it("says so when nothing is published, refuses changes by path, and makes the same week again from the changes kept", async () => {
    const db = database();
    expect(await makeNextWeek(db, "key-a", CLINIC)).toEqual({ ok: false, unpublished: true });
    const small = Scenario.parse({ ...raw, patients: raw.patients.slice(0, 12).map((p: object) => ({ ...p, oneOff: [] })) });
    await new RosterArchive(db).publish("key-a", small, solve(small, SolveOptions.parse({ seed: 1, maxIterations: 500 })));
    const bad = await makeNextWeek(
      db,
      "key-a",
      CLINIC,
      WeekChanges.parse({
        discharge: [{ patientId: "nobody" }],
        stepDown: [small.patients.find((p) => p.level === "aftercare")?.id ?? "nobody"],
        admit: [{ ...small.patients[1], id: small.patients[1].id }],
      }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok && "problems" in bad)
      expect(bad.problems.map((p) => p.path)).toEqual(["discharge[0].patientId", "stepDown[0]", "admit[0].id"]);
    const changes = WeekChanges.parse({ discharge: [{ patientId: small.patients[0].id }] });
    const once = await makeNextWeek(db, "key-a", CLINIC, changes);
    const again = await makeNextWeek(db, "key-a", CLINIC);
    expect(once.ok && again.ok && again.scenario).toEqual(once.ok && once.scenario);
    expect(once.ok && once.scenario.patients.length).toBe(11);
  });

  it("deletes stays discharged longer ago than retention, and logs it", async () => {
    const db = database();
    const book = new StayBook(db);
    const stay = (id: string, date?: string) => ({
      patient: { ...Scenario.parse(raw).patients[0], id },
      weeks: [],
      ...(date ? { discharged: { date, reason: "completed" } } : {}),
    });
    const record = new Map([
      ["OLD", stay("OLD", "2025-01-06")],
      ["NEW", stay("NEW", "2026-11-30")],
      ["OPEN", stay("OPEN")],
    ]);
    await book.save("key-a", "retention-clinic", record, "2026-12-07", WeekChanges.parse({}));
    expect(await book.applyRetention(52, new Date("2026-12-03"))).toBe(1);
    expect([...(await book.stays("retention-clinic")).keys()]).toEqual(["NEW", "OPEN"]);
    const log = await readAccessLog(db, "auditor", "retention-clinic");
    expect(log.some((e) => e.action === "delete" && e.resource === "stays")).toBe(true);
  });
});
