// The roster as an Excel workbook: one sheet per view, the attendance and groups sheets the CSV exports' own rows,
// the notice in every row, no cell a formula, and a size linear in the roster's; written by the CLI.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  LABEL_MAX,
  PART2_NOTICE,
  PROSE_MAX,
  type ProgramModel,
  type Roster,
  type Scenario,
  SolveOptions,
  programOf,
} from "../../src/domain/index.js";
import { attendanceCsv, groupsCsv } from "../../src/io/export/csv.js";
import { renderExport, renderExportFile } from "../../src/io/export/index.js";
import { XLSX_SHEETS, rosterWorkbook } from "../../src/io/export/xlsx.js";
import { solve } from "../../src/solver/solve.js";
import { RUNS_COMMANDS, runCommand } from "../commands.js";
import { wholeWeek, wholeWeekInput } from "../services/fixtures.js";

const scenario = wholeWeek();
const roster: Roster = solve(scenario, SolveOptions.parse({ seed: 1, maxIterations: 3000 }));

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  return book;
}

/** A sheet's rows as text, as a CSV reader has them (numbers as their digits), the header first. */
function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      cells.push(value === null || value === undefined ? "" : String(value));
    }
    rows.push(cells);
  });
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

describe("the xlsx export", () => {
  it("the roster books groups, one-to-ones and family places", () => {
    expect(roster.sessions.length).toBeGreaterThan(0);
    expect(roster.individualSessions.length).toBeGreaterThan(0);
    expect(roster.familySessions.flatMap((f) => f.patientIds).length).toBeGreaterThan(0);
  });

  it("has one sheet per view, each a table from its first row: the header bold and frozen, columns sized", async () => {
    const book = await read(await rosterWorkbook(scenario, roster));
    expect(book.worksheets.map((s) => s.name)).toEqual(["Attendance", "Groups", "Patients", "Facilitators"]);
    expect([...XLSX_SHEETS]).toEqual(book.worksheets.map((s) => s.name));
    for (const sheet of book.worksheets) {
      expect(sheet.getRow(1).font?.bold, sheet.name).toBe(true);
      expect(sheet.views[0], sheet.name).toMatchObject({ state: "frozen", ySplit: 1 });
      const [header, ...rows] = rowsOf(sheet);
      expect(header.at(-1)).toBe("Notice");
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.at(-1)).toBe(PART2_NOTICE);
      // Widths within bounds (exceljs reads Excel's default width, 9, back as none).
      for (const column of sheet.columns) expect(column.width ?? 9).toBeGreaterThanOrEqual(8);
      for (const column of sheet.columns) expect(column.width ?? 9).toBeLessThanOrEqual(60);
    }
  });

  it("the Attendance and Groups sheets hold the CSV exports' rows, the header first", async () => {
    const book = await read(await rosterWorkbook(scenario, roster));
    const attendance = parse(attendanceCsv(scenario, roster)) as string[][];
    expect(rowsOf(book.getWorksheet("Attendance")!)).toEqual(attendance);
    expect(attendance.map((r) => r[1])).toEqual(expect.arrayContaining(["group", "one-to-one", "family group"]));
    expect(rowsOf(book.getWorksheet("Groups")!)).toEqual(parse(groupsCsv(scenario, roster)));
    // Counts are numbers in the sheet, as in the CSV (unquoted there).
    const groups = book.getWorksheet("Groups")!;
    const members = (groups.getRow(1).values as string[]).indexOf("Members");
    expect(typeof groups.getRow(2).getCell(members).value).toBe("number");
  });

  it("the Patients sheet: a row per patient with hours scheduled and required, and the days short and why", async () => {
    const short: Roster = {
      ...roster,
      patients: roster.patients.map((p, i) => (i === 0 ? { ...p, unmet: { hours: 3, days: 1, reason: "no evening place" } } : p)),
    };
    const [header, ...rows] = rowsOf((await read(await rosterWorkbook(scenario, short))).getWorksheet("Patients")!);
    expect(header).toEqual([
      "Patient ID",
      "Level",
      "Track",
      "Scheduled hours",
      "Required hours",
      "Billable days short",
      "Why short",
      "Notice",
    ]);
    expect(rows).toEqual(
      short.patients.map((p) => [
        p.id,
        p.level,
        p.track,
        String(p.scheduledHours),
        String(p.requiredHours),
        String(p.unmet?.days ?? 0),
        p.unmet?.reason ?? "",
        PART2_NOTICE,
      ]),
    );
    expect(rows[0].slice(5, 7)).toEqual(["1", "no evening place"]);
  });

  it("the Facilitators sheet: a row per facilitator with their hours and the groups they lead", async () => {
    const [header, ...rows] = rowsOf((await read(await rosterWorkbook(scenario, roster))).getWorksheet("Facilitators")!);
    expect(header).toEqual(["Facilitator ID", "Hours", "Groups led", "Notice"]);
    expect(rows).toEqual(
      Object.entries(roster.metrics.facilitatorHours).map(([id, hours]) => [
        id,
        String(hours),
        String(roster.sessions.filter((s) => s.facilitatorId === id).length),
        PART2_NOTICE,
      ]),
    );
    expect(rows.map((r) => r[0])).toEqual(scenario.facilitators.map((f) => f.id));
  });

  it("no cell is a formula: a patient id, topic, track label or reason that begins like one begins with a quote", async () => {
    // Text the schemas would refuse, put in past them: the export itself must hold.
    const formula = "=cmd|' /C calc'!A0";
    const hostileId = '=HYPERLINK("http://x","y")';
    const first = roster.patients[0].id;
    const rename = (id: string) => (id === first ? hostileId : id);
    const program: ProgramModel = structuredClone(programOf(scenario));
    program.tracks = program.tracks.map((t) => ({ ...t, label: "+SUM(A1)" }));
    const hostileScenario: Scenario = { ...scenario, program };
    const hostile: Roster = {
      ...roster,
      sessions: roster.sessions.map((s) => ({ ...s, topicTitle: formula, patientIds: s.patientIds.map(rename) })),
      individualSessions: roster.individualSessions.map((i) => ({ ...i, patientId: rename(i.patientId) })),
      familySessions: roster.familySessions.map((f) => ({ ...f, patientIds: f.patientIds.map(rename) })),
      patients: roster.patients.map((p) => ({ ...p, id: rename(p.id), unmet: { hours: 1, days: 1, reason: "@SUM(A1) -2+3" } })),
    };
    const book = await read(await rosterWorkbook(hostileScenario, hostile));
    for (const sheet of book.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula, `${sheet.name}!${cell.address}`).toBeUndefined();
          if (typeof cell.value === "string") expect(cell.value, `${sheet.name}!${cell.address}`).not.toMatch(FORMULA_START);
        }),
      );
    const attendance = rowsOf(book.getWorksheet("Attendance")!);
    expect(attendance.filter((r) => r[0] === `'${hostileId}`).length).toBeGreaterThan(0);
    expect(attendance.filter((r) => r[8] === `'${formula}`).length).toBeGreaterThan(0);
    expect(rowsOf(book.getWorksheet("Groups")!)[1][6]).toBe("'+SUM(A1)");
    const patients = rowsOf(book.getWorksheet("Patients")!);
    expect(patients[1][0]).toBe(`'${hostileId}`);
    expect(patients[1][6]).toBe("'@SUM(A1) -2+3");
    // As the CSV export has them.
    expect(attendance).toEqual(parse(attendanceCsv(hostileScenario, hostile)));
  });

  it("renderExportFile makes the workbook; the whole roster only; the text renderer leaves it to renderExportFile", async () => {
    const file = await renderExportFile("xlsx", scenario, roster);
    expect(file.ok && "bytes" in file && file.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(await renderExportFile("xlsx", scenario, roster, "patient:P1")).toEqual({
      ok: false,
      message: "the xlsx export is the whole roster; only ics and sign-in take a patient or facilitator",
    });
    expect(await renderExportFile("csv", scenario, roster)).toEqual(renderExport("csv", scenario, roster));
    expect(() => renderExport("xlsx", scenario, roster)).toThrow(/renderExportFile/);
  });

  it("grows no faster than the roster: at most a * rows + b bytes, its text long and incompressible", async () => {
    // Text that compresses badly: pseudo-random characters, among them " & < (escaped in XML) and 3-byte ones.
    const alphabet = [..."\"&<>'abcXYZ019€ĀŁ≈"];
    let seed = 7;
    const noise = (n: number) =>
      Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return alphabet[seed % alphabet.length];
      }).join("");
    const program: ProgramModel = structuredClone(programOf(scenario));
    program.tracks = program.tracks.map((t) => ({ ...t, label: noise(LABEL_MAX) }));
    const worst: Roster = {
      ...roster,
      sessions: roster.sessions.map((s) => ({ ...s, topicTitle: noise(LABEL_MAX) })),
      patients: roster.patients.map((p) => ({ ...p, unmet: { hours: 1, days: 1, reason: noise(PROSE_MAX) } })),
    };
    const rows =
      worst.sessions.length +
      worst.sessions.reduce((n, s) => n + s.patientIds.length, 0) +
      worst.individualSessions.length +
      worst.familySessions.reduce((n, f) => n + f.patientIds.length, 0) +
      worst.patients.length +
      Object.keys(worst.metrics.facilitatorHours).length;
    // A row's text is at most a reason (PROSE_MAX) or two labels and the slot's levels, 6 bytes a character in XML
    // (&quot;), and 1 000 bytes of ids, times and markup; the workbook's own parts (styles, theme) are once.
    const a = 6 * PROSE_MAX + 1000;
    const b = 20_000;
    const bytes = (await rosterWorkbook({ ...scenario, program }, worst)).length;
    expect(bytes).toBeLessThanOrEqual(a * rows + b);
    // The text is in it, not compressed away: the bound is measured against text that takes room.
    const written = LABEL_MAX * (worst.sessions.length + 1) + PROSE_MAX * worst.patients.length;
    expect(bytes - (await rosterWorkbook(scenario, roster)).length).toBeGreaterThan(written / 4);
  });
});

describe.runIf(RUNS_COMMANDS)("the xlsx export from the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "roster-xlsx-"));
  const scenarioPath = join(dir, "whole-week.json");
  const rosterPath = join(dir, "roster.json");
  writeFileSync(scenarioPath, JSON.stringify(wholeWeekInput()));
  writeFileSync(rosterPath, JSON.stringify(roster));

  it("npm run export -- … --format xlsx --out f.xlsx writes a workbook that reads back; without --out it is refused", async () => {
    const out = join(dir, "week.xlsx");
    const run = runCommand("src/io/cli/export.ts", [scenarioPath, rosterPath, "--format", "xlsx", "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`wrote ${out}`);
    const book = await read(readFileSync(out));
    expect(book.worksheets.map((s) => s.name)).toEqual([...XLSX_SHEETS]);
    expect(rowsOf(book.getWorksheet("Attendance")!)).toEqual(parse(attendanceCsv(scenario, roster)));
    const toTerminal = runCommand("src/io/cli/export.ts", [scenarioPath, rosterPath, "--format", "xlsx"]);
    expect(toTerminal.status).toBe(2);
    expect(toTerminal.stderr).toContain("say where with --out <file.xlsx>");
    expect(toTerminal.stdout).toBe("");
  });

  it("npm run roster -- … --format xlsx --out f.xlsx solves and writes the workbook", async () => {
    const out = join(dir, "solved.xlsx");
    const run = runCommand("src/io/cli/main.ts", ["roster", scenarioPath, "--iterations", "2000", "--format", "xlsx", "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    expect((await read(readFileSync(out))).worksheets.map((s) => s.name)).toEqual([...XLSX_SHEETS]);
  });
});
