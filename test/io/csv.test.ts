// Spreadsheets in: a clinic's patients and facilitators as an EHR or a spreadsheet exports them. Bad rows are
// named by row and column and left out; good rows are kept; nothing crashes, whatever the file holds.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioFromCsv, formatCsvProblems } from "../../src/io/csv/scenario-from-csv.js";
import { readTable } from "../../src/io/csv/table.js";
import { scenarioInput } from "../fixtures.js";

const root = new URL("../../", import.meta.url).pathname;
const ohio = (file: string) => readFileSync(`${root}scenarios/ohio-60/${file}`, "utf8");
const { patients: _p, ...clinic } = scenarioInput();

const HEADER = "Patient ID,Level,Track,Work,Admission date";
const rows = (...lines: string[]) => [HEADER, ...lines].join("\n");
const good = (id: string) => `${id},iop,substance-use,Mon-Fri 08:00-17:30,2026-11-02`;
const read = (patientsCsv: string, extra: object = {}) => scenarioFromCsv({ clinic, patientsCsv, ...extra });

describe("patients and facilitators from CSV", () => {
  it("reads the shipped Ohio clinic whole: 60 patients, 5 facilitators, no problem", () => {
    const { clinic: ohioClinic } = { clinic: JSON.parse(ohio("clinic.json")) };
    const result = scenarioFromCsv({ clinic: ohioClinic, patientsCsv: ohio("patients.csv"), facilitatorsCsv: ohio("facilitators.csv") });
    expect(result.problems).toEqual([]);
    expect(result.read).toEqual({ patients: 60, facilitators: 5 });
    expect(result.scenario?.patients[1].unavailable).toEqual([
      { days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "17:30", kind: "work" },
    ]);
    expect(result.scenario?.facilitators[0]).toMatchObject({
      id: "F01",
      credentials: ["LICDC"],
      tracks: ["substance-use"],
      maxHoursPerWeek: 24,
    });
  });

  it("the templates a clinic starts from read without a problem", () => {
    const template = (file: string) => readFileSync(`${root}scenarios/templates/${file}`, "utf8");
    const result = scenarioFromCsv({
      clinic: JSON.parse(template("clinic.json")),
      patientsCsv: template("patients.csv"),
      facilitatorsCsv: template("facilitators.csv"),
    });
    expect(result.problems).toEqual([]);
    expect(result.read).toEqual({ patients: 4, facilitators: 3 });
    expect(result.ignoredColumns).toEqual({ patients: [], facilitators: [] });
  });

  it("keeps the good rows and names each bad one by row and column, never by its text", () => {
    const result = read(
      rows(good("P1"), "P2,iop,substance-use,Mon-Fri 8-17:30,2026-11-02", good("P3"), "P4,detox,substance-use,,2026-11-02", good("P5")),
    );
    expect(result.read.patients).toBe(3);
    expect(result.scenario?.patients.map((p) => p.id)).toEqual(["P1", "P3", "P5"]);
    expect(formatCsvProblems(result.problems, { patients: "patients.csv" })).toEqual([
      'patients.csv row 3, column "Work": start time: a bare hour is ambiguous: write 06:00 or 18:00 (or 6am, 6pm)',
      'patients.csv row 5, column "Level": unknown level; expected one of aftercare, outpatient, iop, php',
    ]);
    expect(JSON.stringify(result.problems)).not.toMatch(/detox|8-17:30/);
  });

  it("a US date is told it is not ISO, and the same problem in many rows is one line with a count", () => {
    const result = read(rows(...["P1", "P2", "P3"].map((id) => `${id},iop,substance-use,,12/07/2026`), good("P4")));
    expect(formatCsvProblems(result.problems, { patients: "p.csv" })).toEqual([
      'p.csv rows 2, 3, 4 (3 rows), column "Admission date": a date with slashes or dots reads differently in the US and elsewhere: write it as YYYY-MM-DD (2026-12-07)',
    ]);
    expect(result.read.patients).toBe(1);
    const impossible = read(rows("P1,iop,substance-use,,2026-02-30", good("P2")));
    expect(formatCsvProblems(impossible.problems, { patients: "p.csv" })).toEqual([
      'p.csv row 2, column "Admission date": expected a date that exists (months 01–12, and a day the month has)',
    ]);
  });

  it("levels and tracks as people type them: IOP, Substance Use", () => {
    const result = read(rows("P1,IOP,Substance Use,Mon-Fri 08:00-17:30,2026-11-02"));
    expect(result.problems).toEqual([]);
    expect(result.scenario?.patients[0]).toMatchObject({ level: "iop", track: "substance-use" });
  });

  it("a duplicate id is the later row's problem", () => {
    const result = read(rows(good("P1"), good("P2"), good("P1")));
    expect(result.scenario?.patients.map((p) => p.id)).toEqual(["P1", "P2"]);
    expect(result.problems).toEqual([{ file: "patients", row: 4, column: "Patient ID", message: "duplicate id: row 2 has the same one" }]);
  });

  it("semicolons, a byte-order mark and Windows line ends are read like any export", () => {
    const text = `\uFEFF${rows(good("P1"), good("P2")).replaceAll(",", ";").replaceAll("\n", "\r\n")}\r\n`;
    const result = read(text);
    expect(result.problems).toEqual([]);
    expect(result.read.patients).toBe(2);
  });

  it("a missing column, an unknown mapping and a file that is not comma-separated stop with what to do", () => {
    expect(read("Patient ID,Track,Admission date\nP1,substance-use,2026-11-02").problems).toEqual([
      {
        file: "patients",
        row: null,
        message: 'no "level" column: looked for a header named "level" or "level of care" or "loc"; rename it or map it',
      },
    ]);
    expect(read(rows(good("P1")).replaceAll(",", "|")).problems).toEqual([
      { file: "patients", row: null, message: "the header row is a single cell: save the sheet as CSV separated by commas or semicolons" },
    ]);
    const mapped = read("Client alias,Level,Track\nP1,iop,substance-use", { columns: { patients: { id: "Client alias", ward: "Unit" } } });
    expect(mapped.scenario).toBeNull();
    expect(mapped.problems[0]).toMatchObject({ row: null, message: expect.stringContaining('names "ward", which is not a field') });
  });

  it("a mapping to a header the file lacks, a file of headers only and a clinic without facilitators stop the read", () => {
    const missed = read(rows(good("P1")), { columns: { patients: { work: "Job hours" } } });
    expect(missed.scenario).toBeNull();
    expect(missed.problems).toContainEqual({
      file: "patients",
      row: null,
      message: 'the column mapping puts "work" under "Job hours", but no header is named so',
    });
    expect(read(HEADER).problems).toEqual([{ file: "patients", row: null, message: "no rows under the header" }]);
    const { facilitators: _f, ...bare } = clinic;
    expect(scenarioFromCsv({ clinic: bare, patientsCsv: rows(good("P1")) }).problems).toEqual([
      { path: "clinic.facilitators", message: "no facilitators: list them in the clinic, or send them as CSV (--facilitators)" },
    ]);
  });

  it("a clinic's own header names, through a column mapping; columns no field reads are listed, not read", () => {
    const result = read(
      "Client alias,Level,Track,Name,Admitted\n" +
        ["Zelda", "Ygritte", "X", "Y"].map((name, i) => `P${i + 1},iop,substance-use,${name},2026-11-02`).join("\n"),
      {
        columns: { patients: { id: "Client alias" } },
      },
    );
    expect(result.problems).toEqual([]);
    expect(result.scenario?.patients.map((p) => p.id)).toEqual(["P1", "P2", "P3", "P4"]);
    expect(result.ignoredColumns.patients).toEqual(["Name"]);
    expect(JSON.stringify(result.scenario)).not.toContain("Zelda");
  });

  it("a row with a cell too many or too few, and a stray quote, cost that row only", () => {
    const result = read(
      rows(good("P1"), `${good("P2")},extra`, "P3,iop", `P4,iop,substance-use,"Mon 08:00-12:00" x,2026-11-02`, good("P5")),
    );
    expect(result.scenario?.patients.map((p) => p.id)).toEqual(["P1", "P5"]);
    expect(result.problems.map((p) => ("row" in p ? p.row : null))).toEqual([3, 4, 5]);
  });

  it("Excel's sep= line names the delimiter; a workbook or a file not in UTF-8 is told how to save it as CSV", () => {
    const semicolons = [
      "sep=;",
      HEADER.replaceAll(",", ";"),
      good("P1").replaceAll(",", ";"),
      "P2;iop;substance-use;Mon - Fri 0800-1700;2026-11-02",
    ];
    const read1 = read(semicolons.join("\r\n"));
    expect(read1.problems).toEqual([]);
    expect(read1.scenario?.patients.map((p) => p.id)).toEqual(["P1", "P2"]);
    expect(read("PK\u0003\u0004\u0014\u0000binary").problems).toEqual([
      {
        file: "patients",
        row: null,
        message: 'this is an Excel workbook (.xlsx), not CSV: save the sheet as "CSV UTF-8 (Comma delimited)" and read that',
      },
    ]);
    expect(read(rows(good("P1"), "Jos\uFFFD,iop,substance-use,,2026-11-02")).problems[0].message).toContain('save it as "CSV UTF-8"');
  });

  it("10 MB of junk ends in a bounded list of problems, quickly and without a crash", () => {
    let seed = 7;
    const junk = Array.from({ length: 10_000_000 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256)).join(
      "",
    );
    const table = readTable(junk);
    expect(table.problems.length).toBeLessThanOrEqual(51);
    const result = read(junk);
    expect(result.scenario).toBeNull();
    expect(result.problems.length).toBeLessThanOrEqual(52);
  });

  it("a column mapping of a thousand unknown fields is one problem naming 50 and how many more; a list stops at 50", () => {
    const patients = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`field${i}`, `H${i}`]));
    const result = read(rows(good("P1")), { columns: { patients } });
    expect(result.problems).toHaveLength(1);
    const [{ message }] = result.problems;
    expect(message).toMatch(
      /^the column mapping names "field0", "field1", .*, "field49" and 950 more, which are not fields; expected one of id,/,
    );
    expect(message).not.toContain("field50");
    // Any list of problems to show: the first 50, then one line with how many more.
    const many = Array.from({ length: 120 }, (_, i) => ({ file: "patients" as const, row: null, message: `problem ${i}` }));
    const listed = formatCsvProblems(many, { patients: "p.csv" });
    expect(listed).toHaveLength(51);
    expect(listed.at(-1)).toBe("(more): 70 more problems not listed; fix these first");
  });

  it("a header with a control character, a bidi control or ten thousand characters is shown safe and short", () => {
    const header = `Patient ID,Le\u202evel,Track,Admission date,Notes\u0000${"x".repeat(10_000)}`;
    const result = read([header, "P1,detox,substance-use,2026-11-02,x"].join("\n"));
    expect(result.ignoredColumns.patients).toEqual([`Notes\ufffd${"x".repeat(193)}…`]);
    expect(result.problems).toEqual([
      { file: "patients", row: 2, column: "Le\ufffdvel", message: expect.stringContaining("unknown level") },
    ]);
  });

  it("facilitators from CSV replace none silently: the clinic may not list them too", () => {
    const result = scenarioFromCsv({
      clinic,
      patientsCsv: rows(good("P1")),
      facilitatorsCsv: "Staff ID,Credentials,Tracks,Availability,Max hours\nF9,LADC,substance-use,Mon-Fri 08:00-21:00,20",
    });
    expect(result.scenario).toBeNull();
    expect(result.problems).toEqual([
      { path: "clinic.facilitators", message: "the facilitators come from the CSV: leave them out of the clinic" },
    ]);
  });
});
