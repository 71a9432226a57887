// `npm run attendance` as a coordinator runs it after the week: the sign-in sheets typed into a spreadsheet
// (Session ID, Patient ID, Status) recorded against the roster published for that week, bad rows named by row.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { AttendanceBook } from "../../src/io/store/attendance.js";
import { openDb } from "../../src/io/store/db.js";
import { RosterArchive } from "../../src/io/store/rosters.js";
import { solve } from "../../src/solver/solve.js";
import { RUNS_COMMANDS, publishedIn, runCommand } from "../commands.js";
import { scenario } from "../fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "roster-attendance-"));
const dataDir = join(dir, "pglite");
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
const week = scenario();
const roster = solve(week, SolveOptions.parse({ seed: 1, maxIterations: 500 }));
const session = roster.sessions[0];
const csv = (rows: string[]) => {
  const path = join(dir, `attendance-${rows.length}.csv`);
  writeFileSync(path, ["Session ID,Patient ID,Status", ...rows].join("\n"));
  return path;
};

describe.runIf(RUNS_COMMANDS)("npm run attendance", () => {
  beforeAll(() => publishedIn(dataDir, week, roster), 60_000);

  it("records the marks of the published week and names a bad row by its number and column", async () => {
    const [a, b] = session.patientIds;
    const bad = runCommand(
      "src/io/cli/attendance.ts",
      ["test-clinic", "2026-11-30", csv([`${session.id},${a},present`, `${session.id},${b},maybe`])],
      env,
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('row 3, column "Status": Invalid option');
    // A sheet saved with semicolons, a misnamed column, a date that is not a Monday: each said plainly.
    const semicolons = join(dir, "semicolons.csv");
    writeFileSync(semicolons, `Session ID;Client ID;Attended\n${session.id};${a};present\n`);
    expect(runCommand("src/io/cli/attendance.ts", ["test-clinic", "2026-11-30", semicolons], env).status).toBe(0);
    const misnamed = join(dir, "misnamed.csv");
    writeFileSync(misnamed, `Session,Who,Status\n${session.id},${a},present\n`);
    expect(runCommand("src/io/cli/attendance.ts", ["test-clinic", "2026-11-30", misnamed], env).stderr).toContain('no "patientId" column');
    expect(runCommand("src/io/cli/attendance.ts", ["test-clinic", "2026-12-02", semicolons], env).stderr).toContain(
      "2026-12-02 is a Wednesday: a week is named by its Monday (2026-11-30)",
    );
    const ok = runCommand(
      "src/io/cli/attendance.ts",
      [
        "test-clinic",
        "2026-11-30",
        csv([`${session.id},${a},Present`, `${session.id},${b},absent`, `${session.id},${session.patientIds[2]},late`]),
      ],
      env,
    );
    expect(ok.stdout).toBe("recorded 3 marks for clinic test-clinic, week of 2026-11-30: 1 present, 1 late, 1 absent, 0 excused\n");
    const places = roster.sessions.reduce((n, s) => n + s.patientIds.length, 0);
    expect(ok.stderr).toBe(
      `1 of them replaced marks recorded before; 3 of the week's ${places} booked places now have a mark (the others count as not attended)\n`,
    );
    const db = await openDb({ dataDir });
    const published = await new RosterArchive(db).find("test-clinic", "latest");
    expect((await new AttendanceBook(db).marks(published!.id)).map((m) => m.status).sort()).toEqual(["absent", "late", "present"]);
    await db.close();
  }, 60_000);
});
