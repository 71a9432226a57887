// `npm run simulate [-- --weeks 20 --seeds 1,2,3]`: weeks of the whole-week sample (one-to-ones, family group and
// drug tests booked) lived through the product's own record, as a clinic would: each week solved, validated and
// published; its sign-in sheets recorded as attendance; next week made from the record and the coordinator's changes
// (discharges, admissions, confirmed step-downs, holidays, a therapist's leave) by the code behind `npm run week`.
// Nothing is kept on the side: the figures are read from the record and the rosters. Results in
// bench/results/simulation.{md,json,svg}; exit 1 when a target is missed.
import { readFileSync, writeFileSync } from "node:fs";
import { diffRosters } from "../src/app/diff.js";
import { type Roster, Scenario, SolveOptions, coreTopics, daysLater, groupTrackOf, programOf } from "../src/domain/index.js";
import { AttendanceBook } from "../src/io/store/attendance.js";
import { openDb } from "../src/io/store/db.js";
import { migrate } from "../src/io/store/migrations.js";
import { makeNextWeek } from "../src/io/store/next-week.js";
import { RosterArchive } from "../src/io/store/rosters.js";
import { StayBook } from "../src/io/store/stays.js";
import { Random } from "../src/solver/random.js";
import { solve } from "../src/solver/solve.js";
import { validate } from "../src/validator/index.js";
import { type LevelStay, type SimulationRun, type WeekRow, coreCoverage, levelStaysOf, writeSimulation } from "./simulation/report.js";
import { fridayChanges, signIn } from "./simulation/stay.js";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const WEEKS = Number(arg("weeks", "20"));
const SEEDS = arg("seeds", "1,2,3").split(",").map(Number);
const CLINIC = "scenarios/whole-week-120.json";
const KEY = "simulation";
/** A therapist takes a week of leave in this week of the run (the week after it is made). */
const LEAVE_WEEK = 6;

const start = Scenario.parse(JSON.parse(readFileSync(CLINIC, "utf8")));
const program = programOf(start);
const clinicId = start.clinic.id;

interface SeedRun {
  rows: WeekRow[];
  cycle: SimulationRun["cycle"];
  stays: LevelStay[];
  therapists: SimulationRun["therapists"];
  closures: SimulationRun["closures"];
  attendance: SimulationRun["attendance"];
  violations: number;
}

async function runSeed(seed: number): Promise<SeedRun> {
  const db = await openDb({});
  await migrate(db);
  const archive = new RosterArchive(db);
  const book = new StayBook(db);
  const random = new Random(seed);
  const options = SolveOptions.parse({ seed });
  const therapists: SeedRun["therapists"] = { returning: 0, changed: 0, byReason: {} };
  const closures = { days: 0, bookedOnClosedDays: 0 };
  const rows: WeekRow[] = [];
  const held: Map<string, Set<string>>[] = [];
  let violations = 0;
  let scenario: Scenario = start;
  let last: { scenario: Scenario; roster: Roster } | undefined;
  let moves = { admitted: [] as string[], discharged: [] as string[], steppedDown: [] as string[] };
  for (let week = 1; week <= WEEKS; week++) {
    process.stderr.write(`seed ${seed}, week ${week} (${scenario.clinic.weekStart}): ${scenario.patients.length} patients…\n`);
    const t0 = performance.now();
    const roster = solve(scenario, options);
    const ms = performance.now() - t0;
    const report = validate(scenario, roster);
    violations += report.violations.length + report.metricMismatches.length;
    const { weekStart } = scenario.clinic;
    closures.days += scenario.clinic.closures?.filter((c) => c.date >= weekStart && c.date <= daysLater(weekStart, 6)).length ?? 0;
    closures.bookedOnClosedDays += bookedOnClosures(scenario, roster);
    if (last) countTherapists(therapists, last, { scenario, roster });
    held.push(heldFor(scenario, roster));
    const published = await archive.publish(KEY, scenario, roster);
    const marks = signIn(random, roster);
    await new AttendanceBook(db).record(KEY, published, marks);
    rows.push(weekRow(week, scenario, roster, report.violations.length + report.metricMismatches.length, ms, moves, marks));
    last = { scenario, roster };

    // Friday: what the record proposes, then the week made with the coordinator's changes.
    const dry = await makeNextWeek(db, KEY, clinicId);
    if (!dry.ok) throw new Error(`seed ${seed} week ${week}: ${JSON.stringify(dry)}`);
    const record = await book.stays(clinicId);
    const therapist = week === LEAVE_WEEK - 1 ? roster.individualSessions?.[0]?.therapistId : undefined;
    const coming = dry.report.weekStart;
    const leave = therapist ? [{ facilitatorId: therapist, from: coming, to: daysLater(coming, 6), label: "vacation" }] : [];
    const changes = fridayChanges(
      random,
      record,
      dry.report.stepDownProposals,
      coming,
      start.patients,
      (i) => admissionId(seed, week, i),
      leave,
    );
    const made = await makeNextWeek(db, KEY, clinicId, changes);
    if (!made.ok) throw new Error(`seed ${seed} week ${week}: ${JSON.stringify(made)}`);
    moves = made.report;
    scenario = made.scenario;
  }
  const record = await book.stays(clinicId);
  const prior = new Map(start.patients.map((p) => [p.id, p.completedTopics]));
  await db.close();
  return {
    rows,
    cycle: rollingCycle(held),
    stays: levelStaysOf(record, program, prior, start.clinic.weekStart),
    therapists,
    closures,
    attendance: attendanceOf([...record.values()].flatMap((s) => s.weeks)),
    violations,
  };
}

const admissionId = (seed: number, week: number, i: number) =>
  `A${seed}-${String(week).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}`;

/** Topics held this week per track and level: in the track's groups at times open to the level. */
function heldFor(scenario: Scenario, roster: Roster): Map<string, Set<string>> {
  const slots = new Map(scenario.slots.map((s) => [s.id, s]));
  const held = new Map<string, Set<string>>();
  for (const s of roster.sessions)
    for (const level of program.levels)
      if (slots.get(s.slotId)?.levels?.includes(level.id) ?? true) {
        const key = `${s.track} ${level.id}`;
        held.set(key, (held.get(key) ?? new Set()).add(s.topic));
      }
  return held;
}

/**
 * The rolling core cycle: per level with a phase, each run of that many weeks in which the level's patients of a
 * track met (its groups held something), and whether those weeks held every core topic of the level.
 */
function rollingCycle(weeks: readonly Map<string, Set<string>>[]): SimulationRun["cycle"] {
  const out: SimulationRun["cycle"] = {};
  for (const level of program.levels) {
    if (!level.phaseWeeks) continue;
    for (const track of program.tracks) {
      const core = coreTopics(program, { level: level.id, track: track.id });
      const key = `${groupTrackOf(program, { level: level.id, track: track.id })} ${level.id}`;
      if (track.id !== groupTrackOf(program, { level: level.id, track: track.id })) continue;
      for (let w = 0; w + level.phaseWeeks <= weeks.length; w++) {
        const window = weeks.slice(w, w + level.phaseWeeks);
        if (window.some((h) => !h.has(key))) continue;
        const all = core.every((t) => window.some((h) => h.get(key)!.has(t)));
        const entry = (out[level.id] ??= { windows: 0, complete: 0 });
        entry.windows++;
        if (all) entry.complete++;
      }
    }
  }
  return out;
}

/** Sessions, one-to-ones, family places and tests on a day the clinic is closed all day. */
function bookedOnClosures(scenario: Scenario, roster: Roster): number {
  const closed = new Set((scenario.clinic.closures ?? []).filter((c) => c.start === undefined).map((c) => c.date));
  const starts = [
    ...roster.sessions.map((s) => s.start),
    ...(roster.individualSessions ?? []).map((s) => s.start),
    ...(roster.familySessions ?? []).map((s) => s.start),
    ...(roster.drugTests ?? []).map((t) => t.date),
  ];
  return starts.filter((s) => closed.has(s.slice(0, 10))).length;
}

/** Returning patients with a one-to-one both weeks, and whose therapist changed, by the diff's reason. */
function countTherapists(
  into: SeedRun["therapists"],
  a: { scenario: Scenario; roster: Roster },
  b: { scenario: Scenario; roster: Roster },
) {
  const before = new Set((a.roster.individualSessions ?? []).map((s) => s.patientId));
  into.returning += (b.roster.individualSessions ?? []).filter((s) => before.has(s.patientId)).length;
  for (const change of diffRosters(a, b).therapistsChanged) {
    into.changed++;
    into.byReason[change.why] = (into.byReason[change.why] ?? 0) + 1;
  }
}

function attendanceOf(weeks: readonly { groups: Tally; individual: Tally; family: Tally; tests: Tally }[]): SimulationRun["attendance"] {
  const sum = (k: "groups" | "individual" | "family" | "tests") => ({
    booked: weeks.reduce((n, w) => n + w[k].booked, 0),
    attended: weeks.reduce((n, w) => n + w[k].attended, 0),
  });
  return { groups: sum("groups"), individual: sum("individual"), family: sum("family"), tests: sum("tests") };
}
type Tally = { booked: number; attended: number };

function weekRow(
  week: number,
  scenario: Scenario,
  roster: Roster,
  violations: number,
  ms: number,
  moves: { admitted: readonly string[]; discharged: readonly string[]; steppedDown: readonly string[] },
  marks: readonly { status: string }[],
): WeekRow {
  const m = roster.metrics;
  const s = m.services ?? {};
  const required = roster.patients.reduce((h, p) => h + p.requiredHours, 0);
  // "Where windows allow": a patient whose every free hour is taken by work, school or groups is not counted.
  const noTime = roster.serviceShortfalls.filter((x) => x.service === "individual" && x.reason.startsWith("no time")).length;
  return {
    week,
    weekStart: scenario.clinic.weekStart,
    patients: m.patients,
    admitted: moves.admitted.length,
    discharged: moves.discharged.length,
    steppedDown: moves.steppedDown.length,
    requiredHours: Math.round(required * 10) / 10,
    unmetHours: m.totalUnmetHours,
    fullyServed: m.patientsFullyServed,
    churn: (m.continuity?.changed ?? 0) + moves.admitted.length,
    topicRepeats: m.topicRepeats,
    heardBeforeInCycle: roster.patients.reduce((n, p) => n + p.sessionIds.length - (p.curriculum?.newThisWeek ?? 0), 0),
    noShows: marks.filter((x) => x.status === "absent").length,
    individualCalledFor: s["individual-called-for"] ?? 0,
    individualBooked: s["individual-booked"] ?? 0,
    individualNoCommonTime: noTime,
    familyCalledFor: s["family-called-for"] ?? 0,
    familyBooked: s["family-booked"] ?? 0,
    testsCalledFor: s["drug-test-called-for"] ?? 0,
    testsBooked: s["drug-test-booked"] ?? 0,
    violations,
    ms: Math.round(ms),
  };
}

const runs: SeedRun[] = [];
for (const seed of SEEDS) runs.push(await runSeed(seed));
const merged = (k: "returning" | "changed") => runs.reduce((n, r) => n + r.therapists[k], 0);
const byReason: Record<string, number> = {};
for (const r of runs) for (const [why, n] of Object.entries(r.therapists.byReason)) byReason[why] = (byReason[why] ?? 0) + n;
const sumTally = (k: keyof SimulationRun["attendance"]) => ({
  booked: runs.reduce((n, r) => n + r.attendance[k].booked, 0),
  attended: runs.reduce((n, r) => n + r.attendance[k].attended, 0),
});
const { markdown, failed } = writeSimulation(new URL("results/", import.meta.url), {
  clinic: CLINIC,
  seeds: SEEDS,
  weeks: WEEKS,
  rows: runs[0].rows,
  cycle: Object.fromEntries(
    program.levels.flatMap((l) => {
      const at = runs.map((r) => r.cycle[l.id]).filter((c) => c !== undefined);
      return at.length === 0
        ? []
        : [[l.id, { windows: at.reduce((n, c) => n + c.windows, 0), complete: at.reduce((n, c) => n + c.complete, 0) }]];
    }),
  ),
  coverage: coreCoverage(runs.flatMap((r) => r.stays)),
  therapists: { returning: merged("returning"), changed: merged("changed"), byReason },
  closures: {
    days: runs.reduce((n, r) => n + r.closures.days, 0),
    bookedOnClosedDays: runs.reduce((n, r) => n + r.closures.bookedOnClosedDays, 0),
  },
  attendance: { groups: sumTally("groups"), individual: sumTally("individual"), family: sumTally("family"), tests: sumTally("tests") },
  violations: runs.reduce((n, r) => n + r.violations, 0),
});
writeFileSync(1, markdown);
process.exitCode = failed ? 1 : 0;
