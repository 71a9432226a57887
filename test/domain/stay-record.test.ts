// The curriculum over a stay, on small hand-built weeks: each level's core, aftercare groups open to the co-occurring
// track, make-ups seated in a group or left for the one-to-one, step-downs proposed only when the core is heard and
// attendance is enough, changes from a spreadsheet, and an update that changes only what it names.
import { describe, expect, it } from "vitest";
import {
  PatientUpdate,
  type Roster,
  WeekChanges,
  SolveOptions,
  type StayRecord,
  closeWeek,
  coreDueOf,
  coreTopics,
  curriculumTopics,
  nextWeekFrom,
  groupTrackOf,
  programOf,
  stepDownProposals,
} from "../../src/domain/index.js";
import { planNextWeek } from "../../src/app/next-week.js";
import { servicesLines } from "../../src/io/cli/services-lines.js";
import { changesFromCsv } from "../../src/io/csv/changes.js";
import { renderExport } from "../../src/io/export/index.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { evening, facilitator, patient, scenario } from "../fixtures.js";

const program = programOf(scenario());
const options = SolveOptions.parse({ seed: 1, maxIterations: 3000 });

describe("each level's core", () => {
  it("is the level's own list of the track's topics: twelve for IOP and PHP, six for outpatient, four for aftercare", () => {
    expect(curriculumTopics(program, "substance-use")).toHaveLength(16);
    expect(coreTopics(program, { level: "iop", track: "substance-use" })).toHaveLength(12);
    expect(coreTopics(program, { level: "php", track: "co-occurring" })).toHaveLength(12);
    expect(coreTopics(program, { level: "outpatient", track: "substance-use" })).toHaveLength(6);
    expect(coreTopics(program, { level: "aftercare", track: "co-occurring" })).toHaveLength(4);
  });
});

describe("aftercare open to several tracks", () => {
  const aftercare = scenario({
    slots: [{ id: "tue-ac", day: "tue", start: "19:00", end: "20:30", part: "evening", levels: ["aftercare"] }],
    facilitators: [facilitator("F1", { tracks: ["substance-use", "co-occurring"], credentials: ["LADC", "LPCC"] })],
    patients: [
      ...Array.from({ length: 3 }, (_, i) => patient(`S${i}`, { level: "aftercare" })),
      ...Array.from({ length: 2 }, (_, i) => patient(`C${i}`, { level: "aftercare", track: "co-occurring" })),
    ],
  });

  it("seats co-occurring aftercare patients in the substance-use group, where alone neither track could meet", () => {
    expect(groupTrackOf(program, { level: "aftercare", track: "co-occurring" })).toBe("substance-use");
    expect(groupTrackOf(program, { level: "iop", track: "co-occurring" })).toBe("co-occurring");
    const roster = solve(aftercare, options);
    expect(roster.sessions).toHaveLength(1);
    expect(roster.sessions[0].track).toBe("substance-use");
    expect(roster.sessions[0].patientIds.sort()).toEqual(["C0", "C1", "S0", "S1", "S2"]);
    expect(validate(aftercare, roster).violations).toEqual([]);
  });

  it("track-separation still refuses a co-occurring IOP patient in a substance-use group", () => {
    const iop = scenario({
      facilitators: [facilitator("F1", { tracks: ["substance-use", "co-occurring"], credentials: ["LADC", "LPCC"] })],
      patients: [...Array.from({ length: 4 }, (_, i) => patient(`S${i}`)), patient("C0", { track: "co-occurring" })],
    });
    const roster = solve(iop, options);
    const mixed: Roster = { ...roster, sessions: roster.sessions.map((s) => ({ ...s, patientIds: [...s.patientIds, "C0"] })) };
    expect(validate(iop, mixed).violations.filter((v) => v.rule === "track-separation").length).toBeGreaterThan(0);
  });

  it("refuses to share a level between an adult and an adolescent track, by path", () => {
    const shared = { ...program, sharedGroups: [{ level: "aftercare", track: "substance-use", tracks: ["adolescent"] }] };
    expect(() => scenario({ program: shared })).toThrow(/program\.sharedGroups|sharedGroups/);
  });
});

describe("the rolling core cycle", () => {
  const slot = { id: "tue-ac", day: "tue" as const, start: "19:00", end: "20:30", part: "evening" as const, levels: ["aftercare"] };
  const week = (extra: object = {}) =>
    scenario({
      slots: [slot, { ...evening(["mon"])[0], levels: ["iop"] }],
      patients: Array.from({ length: 5 }, (_, i) => patient(`A${i}`, { level: "aftercare", completedTopics: ["life-skills"] })),
      ...extra,
    });

  it("holds a due core topic this week even when every member heard it before", () => {
    const due = [{ track: "substance-use", level: "aftercare", topics: ["life-skills"] }];
    expect(solve(week({ coreDue: due }), options).sessions.map((s) => s.topic)).toEqual(["life-skills"]);
    expect(solve(week(), options).sessions.map((s) => s.topic)).not.toEqual(["life-skills"]);
  });

  it("is due when the level's groups did not hold it in the phase's other weeks (at times open to the level)", () => {
    const next = week({ clinic: { ...scenario().clinic, weekStart: "2026-12-07" } });
    const held = (weekStart: string, slotId: string, topic: string) => {
      const s = week({ clinic: { ...scenario().clinic, weekStart } });
      const roster = solve(s, options);
      return { scenario: s, roster: { ...roster, sessions: roster.sessions.map((x) => ({ ...x, slotId, topic })) } };
    };
    const all = coreTopics(program, { level: "aftercare", track: "substance-use" });
    const due = (recent: Parameters<typeof coreDueOf>[2]) => coreDueOf(program, next, recent)[0].topics;
    expect(due([])).toEqual(all);
    expect(due([held("2026-11-30", "tue-ac", "life-skills")])).toEqual(all.filter((t) => t !== "life-skills"));
    // Eight weeks ago is outside aftercare's 8-week phase; an IOP-only time is not open to aftercare.
    expect(due([held("2026-10-12", "tue-ac", "life-skills")])).toEqual(all);
    expect(due([held("2026-11-30", "mon-eve", "life-skills")])).toEqual(all);
  });
});

/** Six IOP patients on weekday evenings; P1 has `makeUps` (and whatever else `p1` says). */
function makeUpWeek(makeUps: string[], p1: object = {}, extra: object = {}) {
  return scenario({
    slots: evening(["mon", "tue", "wed", "thu", "fri"]),
    patients: Array.from({ length: 6 }, (_, i) => patient(`P${i + 1}`, i === 0 ? { makeUps, ...p1 } : {})),
    ...extra,
  });
}
const AT_WORK_EVENINGS = {
  unavailable: [{ days: ["mon", "tue", "wed", "thu", "fri"] as "mon"[], start: "17:00", end: "22:00", kind: "work" as const }],
};

describe("make-ups", () => {
  const week = (makeUps: string[]) => makeUpWeek(makeUps);

  it("seats a missed core topic in a group of the week, and says when one is left for the one-to-one", () => {
    const s = week(["family-education"]);
    const roster = solve(s, options);
    const p1 = roster.patients.find((p) => p.id === "P1")!;
    expect(p1.curriculum?.makeUps).toEqual({ booked: ["family-education"], forOneToOne: [] });
    expect(roster.sessions.some((x) => x.topic === "family-education" && x.patientIds.includes("P1"))).toBe(true);
    // A roster that claims the make-up was booked when it was not is caught.
    const claimed = {
      ...roster,
      patients: roster.patients.map((p) =>
        p.id === "P1" ? { ...p, curriculum: { ...p.curriculum!, makeUps: { booked: [], forOneToOne: [] } } } : p,
      ),
    };
    expect(validate(s, claimed).violations.map((v) => v.rule)).toContain("curriculum-progress");
  });

  it("leaves the make-up for the one-to-one when no group of the week can seat them on it", () => {
    const busy = makeUpWeek(["family-education"], AT_WORK_EVENINGS);
    const p1 = solve(busy, options).patients.find((p) => p.id === "P1")!;
    expect(p1.curriculum?.makeUps).toEqual({ booked: [], forOneToOne: ["family-education"] });
  });

  it("refuses a make-up that is not a core topic of the patient's level", () => {
    expect(() => week(["nutrition-exercise"])).toThrow(/makeUps/);
  });
});

describe("step-down proposals", () => {
  const core = coreTopics(program, { level: "iop", track: "substance-use" });
  const stay = (heard: string[], attended: number, booked = 10): StayRecord => ({
    patient: { ...scenario().patients[0], completedTopics: heard },
    weeks: [
      {
        weekStart: "2026-11-30",
        rosterId: "r",
        level: "iop",
        groups: { booked, attended, missed: booked - attended },
        individual: { booked: 1, attended: 1, missed: 0 },
        family: { booked: 0, attended: 0, missed: 0 },
        tests: { booked: 1, attended: 1, missed: 0 },
        topicsHeard: [],
        topicsMissed: [],
      },
    ],
  });

  it("proposes a step-down only when every core topic is heard and attendance at the level reaches the level's share", () => {
    expect(stepDownProposals(new Map([["P1", stay(core, 8)]]), program)).toEqual([
      { patientId: "P1", from: "iop", to: "outpatient", attendance: 0.8 },
    ]);
    expect(stepDownProposals(new Map([["P1", stay(core, 7)]]), program)).toEqual([]);
    expect(stepDownProposals(new Map([["P1", stay(core.slice(1), 10)]]), program)).toEqual([]);
    // Two weeks at IOP is less than its 4-week phase, whatever was heard before.
    const recent = stay(core, 10);
    const stepped = { ...recent, patient: { ...recent.patient, levelHistory: [{ level: "iop", from: "2026-11-23" }] } };
    expect(stepDownProposals(new Map([["P1", stepped]]), program)).toEqual([]);
    expect(stepDownProposals(new Map([["P1", { ...stay(core, 10), discharged: { date: "2026-12-07", reason: "x" } }]]), program)).toEqual(
      [],
    );
  });
});

describe("closing a week", () => {
  it("counts only attended groups as heard and keeps the record's therapist when the week had none", () => {
    const s = scenario();
    const roster = solve(s, options);
    const [g1, g2] = roster.sessions.filter((x) => x.patientIds.includes("P1"));
    const record = new Map<string, StayRecord>([["P1", { patient: { ...s.patients[0], primaryTherapistId: "T9" }, weeks: [] }]]);
    const closed = closeWeek(
      record,
      { id: "r1", scenario: s, roster },
      [
        { sessionId: g1.id, patientId: "P1", status: "late" },
        { sessionId: g2.id, patientId: "P1", status: "excused" },
      ],
      program,
    );
    const p1 = closed.get("P1")!;
    expect(p1.patient.completedTopics).toEqual([g1.topic]);
    expect(p1.weeks[0].groups).toEqual({
      booked: roster.sessions.filter((x) => x.patientIds.includes("P1")).length,
      attended: 1,
      missed: 1,
    });
    expect(p1.weeks[0].topicsMissed).toEqual(core(g2.topic));
    expect(p1.patient.primaryTherapistId).toBe("T9");
    // Closing it again replaces the week rather than adding a second.
    expect(closeWeek(closed, { id: "r1", scenario: s, roster }, [], program).get("P1")!.weeks).toHaveLength(1);
  });
});

const core = (topic: string) => (coreTopics(program, { level: "iop", track: "substance-use" }).includes(topic) ? [topic] : []);

describe("changes", () => {
  it("reads a spreadsheet of admissions, discharges, updates and step-downs, and names a bad row and column", () => {
    const read = changesFromCsv(
      [
        "Change,ID,Level,Track,Admission date,Work,Reason",
        "admit,N1,IOP,Substance use,2026-12-07,Mon-Fri 09:00-17:00,",
        "discharge,P3,,,,,completed the program",
        "update,P4,,,,Mon-Fri 08:00-12:00,",
        "step-down,P5,,,,,",
      ].join("\n"),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.admit.map((p) => [p.id, p.level, p.track])).toEqual([["N1", "iop", "substance-use"]]);
    expect(read.value.discharge).toEqual([{ patientId: "P3", reason: "completed the program" }]);
    expect(read.value.update).toEqual([
      { id: "P4", unavailable: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "12:00", kind: "work" }] },
    ]);
    expect(read.value.stepDown).toEqual(["P5"]);
    const bad = changesFromCsv("Change,ID,Level\nmove,P1,\nadmit,N2,iop\n");
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map((p) => p.path)).toEqual([
        'row 2, column "Change"',
        'row 3, no "track" column',
        'row 3, no "admissionDate" column',
      ]);
  });

  it("names a patient's problem at their update or admission, where the coordinator can fix it", () => {
    const s = scenario();
    const made = planNextWeek(
      { id: "r1", scenario: s, roster: solve(s, options), marks: [] },
      new Map(),
      WeekChanges.parse({ update: [{ id: "P2", level: "detox" }], admit: [{ ...s.patients[0], id: "N1", track: "gambling" }] }),
    );
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.problems.map((p) => p.path)).toEqual(["update[0].level", "admit[0].track"]);
    const late = nextWeekFrom(
      s,
      new Map(),
      WeekChanges.parse({ admit: [{ ...s.patients[0], id: "N2", admissionDate: "2026-12-14" }] }),
      program,
    );
    expect(late.problems).toEqual([
      { path: "admit[0].admissionDate", message: "after the week of 2026-12-07: admit them with the week they start" },
    ]);
  });

  it("an update's windows replace the patient's windows of those kinds only", () => {
    const school = { days: ["mon" as const], start: "08:00", end: "12:00", kind: "school" as const };
    const s = scenario({
      patients: scenario().patients.map((p) =>
        p.id === "P1" ? { ...p, ...AT_WORK_EVENINGS, unavailable: [...AT_WORK_EVENINGS.unavailable, school] } : p,
      ),
    });
    const record = closeWeek(new Map(), { id: "r1", scenario: s, roster: solve(s, options) }, [], program);
    const work = { days: ["tue" as const], start: "09:00", end: "17:00", kind: "work" as const };
    const next = nextWeekFrom(s, record, WeekChanges.parse({ update: [{ id: "P1", unavailable: [work] }] }), program);
    const p1 = (next.scenario as { patients: { id: string; unavailable: unknown[] }[] }).patients.find((p) => p.id === "P1")!;
    expect(p1.unavailable).toEqual([school, work]);
  });

  it("an update changes only the fields it names: no default resets the preference or windows", () => {
    expect(PatientUpdate.parse({ id: "P1", targetHours: 12 })).toEqual({ id: "P1", targetHours: 12 });
  });
});

describe("a make-up left for the one-to-one", () => {
  it("is on the therapist's list of the page, in both calendars' one-to-one, and in the table", () => {
    const week = makeUpWeek(["family-education"], AT_WORK_EVENINGS, {
      facilitators: [facilitator("F1"), facilitator("T1", { tracks: [], caseload: 16 })],
    });
    const roster = solve(week, options);
    expect(roster.individualSessions.some((s) => s.patientId === "P1")).toBe(true);
    const page = renderExport("html", week, roster, undefined);
    expect(page.ok && page.text).toMatch(/P1 \([^)]+\), make up family-education/);
    for (const owner of ["patient:P1", "facilitator:T1"]) {
      const ics = renderExport("ics", week, roster, owner);
      expect(ics.ok && ics.text.replace(/\r\n /g, "")).toContain("Make up: family-education.");
    }
    expect(servicesLines(roster).join("\n")).toMatch(/Make-ups for the one-to-one.*\(1\)\n {2}P1 +family-education/);
  });
});

describe("a short patient's reason", () => {
  const week = (date: string) =>
    scenario({
      clinic: { ...scenario().clinic, closures: [{ date, label: "Christmas Day" }] },
      slots: evening(["mon", "tue", "wed", "thu", "fri"]),
      patients: Array.from({ length: 6 }, (_, i) => patient(`P${i + 1}`, i === 0 ? AT_WORK_EVENINGS : {})),
    });
  const reasonOf = (date: string) => solve(week(date), options).patients.find((p) => p.id === "P1")!.unmet?.reason ?? "";

  it("names a closure of this week, never one of another week", () => {
    expect(reasonOf("2026-12-04")).toContain("clinic closed Fri 4 Dec (Christmas Day)");
    expect(reasonOf("2026-12-25")).not.toContain("Christmas");
    expect(reasonOf("2026-12-25")).toContain("work");
  });
});
