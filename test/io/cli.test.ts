// The CLI as a coordinator runs it: exit codes, the wall table, errors with JSON paths, the validate command.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, RUNS_COMMANDS, runCommand, runQuick } from "../commands.js";
import { OHIO_CSV_ARGS, scenarioInput } from "../fixtures.js";

const cli = (...args: string[]) => runCommand("src/io/cli/main.ts", args);
const exporting = (...args: string[]) => runQuick("src/io/cli/export.ts", args);
const dir = mkdtempSync(join(tmpdir(), "roster-cli-"));

describe.runIf(RUNS_COMMANDS)("CLI", () => {
  it("publishes a week into the database and continues next week from it; a roster file works the same", () => {
    const env = { ...process.env, DATA_DIR: join(dir, "pglite"), DATABASE_URL: "" };
    const run = (...args: string[]) => runCommand("src/io/cli/main.ts", args, env);
    const lastWeek = join(dir, "last-week.json");
    const none = run("roster", "scenarios/rural-25.json", "--previous", "published", "--iterations", "2000");
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("no roster of clinic rural-25 was published for a week before 2026-11-30");
    const first = run("roster", "scenarios/rural-25.json", "--publish", "--iterations", "2000", "--out", lastWeek);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/published as the roster in force for the week of 2026-11-30 \(/);
    const rural = JSON.parse(readFileSync(`${ROOT}scenarios/rural-25.json`, "utf8"));
    const nextWeek = join(dir, "rural-next.json");
    writeFileSync(nextWeek, JSON.stringify({ ...rural, clinic: { ...rural.clinic, weekStart: "2026-12-07" } }));
    for (const previous of ["published", lastWeek]) {
      const next = run("roster", nextWeek, "--previous", previous, "--iterations", "2000", "--format", "json");
      expect(next.status, next.stderr).toBe(0);
      const { continuity } = JSON.parse(next.stdout).metrics;
      expect(continuity.returning).toBeGreaterThan(20);
      expect(continuity.changed).toBeLessThanOrEqual(continuity.returning / 10);
    }
  }, 60_000);

  it("prints the week for the rural sample and writes the roster JSON; validate passes it, and exits 1 naming the rule once it is broken", () => {
    const out = join(dir, "rural.json");
    const run = cli("roster", "scenarios/rural-25.json", "--out", out, "--iterations", "20000");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Rural clinic, one evening track — week of Mon 30 Nov 2026 \(America\/Denver\)/);
    expect(run.stdout).toMatch(/Monday 30 Nov\n\s+time\s+part\s+for\s+track\s+topic/);
    expect(run.stdout).toMatch(/Metrics\n\s+patients fully served\s+\d+ \/ 25/);
    expect(JSON.parse(readFileSync(out, "utf8")).patients).toHaveLength(25);
    const check = cli("validate", "scenarios/rural-25.json", out);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^No violations\./);
    const roster = JSON.parse(readFileSync(out, "utf8"));
    roster.sessions[0].roomId = roster.sessions[1].roomId = "R1";
    roster.sessions[1].start = roster.sessions[0].start;
    roster.sessions[1].end = roster.sessions[0].end;
    const broken = join(dir, "rural-broken.json");
    writeFileSync(broken, JSON.stringify(roster));
    const refuted = cli("validate", "scenarios/rural-25.json", broken);
    expect(refuted.status).toBe(1);
    expect(refuted.stdout).toMatch(/\[room-overlap\]|\[slot-fit\]/);
  });

  it("reads a clinic JSON and its spreadsheets; bad rows are listed and left out, the rest solved", () => {
    const ohio = "scenarios/ohio-60/";
    const run = cli("roster", ...OHIO_CSV_ARGS, "--iterations", "5000");
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`read 60 patients from ${ohio}patients.csv and 5 facilitators from ${ohio}facilitators.csv`);
    expect(run.stdout).toMatch(/^Ohio IOP/);
    const csv = join(dir, "patients.csv");
    writeFileSync(csv, readFileSync(`${ROOT}${ohio}patients.csv`, "utf8").replace("P0002,iop", "P0002,detox"));
    const partial = cli(
      "roster",
      "--clinic",
      `${ohio}clinic.json`,
      "--patients",
      csv,
      "--facilitators",
      `${ohio}facilitators.csv`,
      "--iterations",
      "5000",
    );
    // Solved, and the exit code says a row was left out: a script running the command sees it too.
    expect(partial.status).toBe(4);
    expect(partial.stderr).toContain(`read 59 patients from ${csv}`);
    expect(partial.stderr).toContain(`${csv} row 3, column "Level": unknown level; expected one of`);
    expect(cli("roster", "--clinic", `${ohio}clinic.json`).status).toBe(2);
  });

  it("exports: attendance CSV to stdout, every calendar into a folder, the roster page to a file", () => {
    const csv = cli("roster", "scenarios/rural-25.json", "--iterations", "3000", "--format", "csv");
    expect(csv.status).toBe(0);
    expect(csv.stdout.split("\n")[0]).toBe("Patient ID,Kind,Date,Day,Start,End,Part,Track,Topic,Facilitator,Room,Session ID,Notice");
    const calendars = join(dir, "calendars");
    const ics = cli("roster", "scenarios/rural-25.json", "--iterations", "3000", "--format", "ics", "--out", calendars);
    expect(ics.status).toBe(0);
    expect(ics.stderr).toMatch(/wrote \d+ calendars/);
    expect(readFileSync(join(calendars, "track-substance-use.ics"), "utf8")).toContain("BEGIN:VCALENDAR");
    const page = join(dir, "roster.html");
    expect(cli("roster", "scenarios/rural-25.json", "--iterations", "3000", "--format", "html", "--out", page).status).toBe(0);
    expect(readFileSync(page, "utf8")).toMatch(/^<!doctype html>/);
    const noOwner = cli("roster", "scenarios/rural-25.json", "--iterations", "3000", "--format", "ics");
    expect(noOwner.status).toBe(2);
    expect(noOwner.stderr).toContain("say which (patient:<id>, facilitator:<id> or track:<id>); or --out <folder> for every calendar");
    const tableFor = cli("roster", "scenarios/rural-25.json", "--for", "patient:P0001");
    expect(tableFor.status).toBe(2);
    expect(tableFor.stderr).toContain("use it with --format ics or sign-in");
  });

  it("exports a roster file without solving: every format, the same as the solve's; refuses a broken roster or another week's", () => {
    const roster = join(dir, "whole-week.json");
    expect(cli("roster", "scenarios/whole-week-120.json", "--iterations", "3000", "--out", roster).status).toBe(0);
    const solved = cli("roster", "scenarios/whole-week-120.json", "--iterations", "3000", "--format", "csv");
    const csv = exporting("scenarios/whole-week-120.json", roster, "--format", "csv");
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout).toBe(solved.stdout);
    for (const format of ["groups-csv", "html", "sign-in"])
      expect(exporting("scenarios/whole-week-120.json", roster, "--format", format).status).toBe(0);
    const calendars = join(dir, "exported-calendars");
    expect(exporting("scenarios/whole-week-120.json", roster, "--format", "ics", "--out", calendars).stderr).toMatch(/wrote \d+ calendars/);
    const broken = join(dir, "broken.json");
    const parsed = JSON.parse(readFileSync(roster, "utf8"));
    writeFileSync(broken, JSON.stringify({ ...parsed, sessions: parsed.sessions.slice(1) }));
    const refused = exporting("scenarios/whole-week-120.json", broken, "--format", "csv");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/the validator refuses this roster \(\d+ rule breaks?/);
    expect(refused.stdout).toBe("");
    const otherWeek = exporting("scenarios/rural-25.json", roster, "--format", "csv");
    expect(otherWeek.status).toBe(2);
    expect(exporting("scenarios/whole-week-120.json", roster).status).toBe(2);
  });

  it("exits 2 with the JSON path on invalid input, without echoing patient data", () => {
    const input = scenarioInput();
    input.patients[0].level = "detox";
    input.patients[0].id = "secret-P1";
    const path = join(dir, "bad.json");
    writeFileSync(path, JSON.stringify(input));
    const run = cli("roster", path);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("patients[0].level: unknown level; expected one of");
    expect(run.stderr).not.toMatch(/secret-P1|detox/);
  });

  it("exits 2 on a file that is not JSON and on bad flags", () => {
    const path = join(dir, "broken.json");
    writeFileSync(path, "{ not json");
    expect(cli("roster", path).status).toBe(2);
    expect(cli("roster", "scenarios/rural-25.json", "--time-limit", "soon").stderr).toMatch(/timeLimitMs: expected a duration/);
    expect(cli("roster", "scenarios/rural-25.json", "--bogus").status).toBe(2);
    const help = cli("roster", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage:/);
  });

  it("exits 3 when nobody can be placed", () => {
    const path = join(dir, "tiny.json");
    writeFileSync(path, JSON.stringify(scenarioInput({ patients: scenarioInput().patients.slice(0, 2) })));
    const run = cli("roster", path);
    expect(run.status).toBe(3);
    expect(run.stdout).toMatch(/Waitlist: no group this week \(2\)/);
  });
});
