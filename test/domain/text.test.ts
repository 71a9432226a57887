// Free text at input: every name, title, label, credential and note a client sends is bounded and one plain line,
// refused with its JSON path and the character found (never the text around it). The CLI (exit 2) and the HTTP
// service (422 invalid-input) read input through these same schemas with parseWith.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  LABEL_MAX,
  Label,
  PROGRAM_MODELS,
  PROSE_MAX,
  Prose,
  Roster,
  Scenario,
  SolveOptions,
  SolveRequest,
  ValidateRequest,
  clipText,
  parseWith,
  shownText,
} from "../../src/domain/index.js";
import { ColumnMapping } from "../../src/io/csv/columns.js";
import { scenarioFromCsv } from "../../src/io/csv/scenario-from-csv.js";
import { solve } from "../../src/solver/solve.js";
import { RUNS_COMMANDS, runCommand } from "../commands.js";
import { scenario, scenarioInput } from "../fixtures.js";

const messageOf = (schema: z.ZodType, value: unknown) => {
  const parsed = parseWith(schema, value);
  return parsed.ok ? null : parsed.problems.map((p) => p.message).join("; ");
};

const problemsOf = (input: unknown) => {
  const parsed = parseWith(Scenario, input);
  if (parsed.ok) throw new Error("expected the scenario to be refused");
  return parsed.problems;
};

describe("Label and Prose", () => {
  it("take plain text of any script, punctuation and emoji, up to their length", () => {
    for (const text of ["", "Relapse prevention: triggers & cravings", `Ohio "North"; a\\b, <c>`, "Zürich · 東京 · مرحبا · 🙂", "=SUM(A1)"])
      expect(Label.parse(text)).toBe(text);
    expect(Label.parse("x".repeat(LABEL_MAX))).toHaveLength(LABEL_MAX);
    expect(Prose.parse("x".repeat(PROSE_MAX))).toHaveLength(PROSE_MAX);
  });

  it("refuse a longer text, saying the bound", () => {
    expect(messageOf(Label, "x".repeat(LABEL_MAX + 1))).toBe("expected at most 200 characters");
    expect(messageOf(Prose, "x".repeat(PROSE_MAX + 1))).toBe("expected at most 2000 characters");
  });

  it("refuse control, line-break and bidi characters, naming the one found and where", () => {
    const found: [string, string][] = [
      ["\n", "a line break, U+000A"],
      ["\r", "a line break, U+000D"],
      ["\u2028", "a line break, U+2028"],
      ["\t", "a tab, U+0009"],
      ["\u0000", "a NUL character, U+0000"],
      ["\u001b", "a control character, U+001B"],
      ["\u007f", "a control character, U+007F"],
      ["\u0085", "a control character, U+0085"],
      ["\u202e", "a bidirectional control (right-to-left override), U+202E"],
      ["\u202a", "a bidirectional control (left-to-right embedding), U+202A"],
      ["\u2066", "a bidirectional control (left-to-right isolate), U+2066"],
      ["\u2069", "a bidirectional control (pop directional isolate), U+2069"],
      ["\u200e", "a bidirectional control (left-to-right mark), U+200E"],
      ["\u200f", "a bidirectional control (right-to-left mark), U+200F"],
      ["\u061c", "a bidirectional control (arabic letter mark), U+061C"],
      ["\ud800", "half of a surrogate pair without the other half, U+D800"],
    ];
    for (const [char, name] of found) {
      expect(messageOf(Label, `ab${char}cd`), name).toBe(`expected one line of plain text; found ${name} at character 3`);
      expect(messageOf(Prose, `${char}`), name).toContain(name);
    }
  });

  it("clipText cuts our own text to the bound, never between the halves of a pair; shownText also makes it safe", () => {
    expect(clipText("abc", 5)).toBe("abc");
    expect(clipText("abcdefgh", 5)).toBe("abcd…");
    expect(clipText("abc🙂defg", 5)).toBe("abc…");
    expect(clipText("x".repeat(PROSE_MAX + 50))).toHaveLength(PROSE_MAX);
    expect(shownText("Work\nhours\u202e")).toBe("Work\ufffdhours\ufffd");
    expect(shownText("x".repeat(1000))).toHaveLength(LABEL_MAX);
  });
});

describe("every free-text field of the input takes Label or Prose", () => {
  const described = new Set([Label, Prose].map((s) => s.meta()?.description));
  // Ids and times have a pattern, dates a format, choices an enum; a time zone must be one of the IANA list.
  const bounded = (node: Record<string, unknown>, path: string) =>
    node.pattern !== undefined ||
    node.format !== undefined ||
    node.enum !== undefined ||
    node.const !== undefined ||
    /timeZone$/.test(path);

  for (const [name, schema] of Object.entries({ SolveRequest, ValidateRequest, ColumnMapping }))
    it(name, () => {
      const loose: string[] = [];
      const walk = (node: unknown, path: string): void => {
        if (!node || typeof node !== "object") return;
        const n = node as Record<string, unknown>;
        if (n.type === "string" && !bounded(n, path)) {
          if (!described.has(n.description as string) || (n.maxLength as number) > PROSE_MAX) loose.push(path);
        }
        for (const [key, value] of Object.entries(n)) walk(value, `${path}/${key}`);
      };
      walk(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }), "");
      expect(loose).toEqual([]);
    });
});

describe("the scenario refuses such text where it is", () => {
  it("a clinic name with a line break (the calendar injection), by its path", () => {
    const input = scenarioInput();
    input.clinic.name = "North\r\nBEGIN:VEVENT";
    expect(problemsOf(input)).toEqual([
      { path: "clinic.name", message: "expected one line of plain text; found a line break, U+000D at character 6" },
    ]);
    // The same path, one level down, is what the HTTP service answers 422 with.
    const request = parseWith(SolveRequest, { scenario: input });
    expect(request.ok ? [] : request.problems.map((p) => p.path)).toEqual(["scenario.clinic.name"]);
  });

  it("a program model's titles, labels, credentials and notes", () => {
    const program = structuredClone(PROGRAM_MODELS.get("generic-iop")!) as Record<string, any>;
    program.curricula[0].topics[1].title = "t".repeat(LABEL_MAX + 1);
    program.tracks[0].label = "Substance\u202euse";
    program.levels[0].label = "IOP\tevening";
    program.tracks[0].credentials = ["LADC\u0000"];
    program.assumptions = ["x".repeat(PROSE_MAX + 1)];
    program.description = "two\nlines";
    expect(problemsOf(scenarioInput({ program: program as never }))).toEqual([
      { path: "program.description", message: expect.stringContaining("a line break, U+000A") },
      { path: "program.levels[0].label", message: expect.stringContaining("a tab, U+0009") },
      { path: "program.tracks[0].label", message: expect.stringContaining("right-to-left override") },
      { path: "program.tracks[0].credentials[0]", message: expect.stringContaining("NUL") },
      { path: "program.curricula[0].topics[1].title", message: "expected at most 200 characters" },
      { path: "program.assumptions[0]", message: "expected at most 2000 characters" },
    ]);
  });

  it("a facilitator's credentials and the clinic's track credentials", () => {
    const input = scenarioInput();
    input.facilitators[0].credentials = ["LADC", "L\u2066PC"];
    input.clinic.trackCredentials = { "substance-use": ["x".repeat(201)] };
    expect(problemsOf(input).map((p) => p.path)).toEqual(["clinic.trackCredentials.substance-use[0]", "facilitators[0].credentials[1]"]);
  });

  it("the shipped models parse under these bounds", () => {
    expect([...PROGRAM_MODELS.keys()]).toEqual(["generic-iop", "matrix-16"]);
  });

  it("a slot names at most 50 levels, tracks or topics (each group of it prints them)", () => {
    const input = scenarioInput();
    input.slots[0].levels = Array.from({ length: 51 }, () => "iop");
    expect(problemsOf(input).map((p) => p.path)).toEqual(["slots[0].levels"]);
  });

  it("the roster a client sends back: titles, reasons, warnings, the engine and the zone", () => {
    const sample = scenario();
    const roster = solve(sample, SolveOptions.parse({ seed: 1, maxIterations: 2000 }));
    expect(parseWith(Roster, roster).ok).toBe(true);
    const edited = structuredClone(roster) as Record<string, any>;
    edited.sessions[0].topicTitle = "Coping\r\nBEGIN:VEVENT";
    edited.waitlist = [{ patientId: "P1", reason: "r".repeat(PROSE_MAX + 1) }];
    edited.warnings = [{ code: "slot-unstaffable", subject: "mon-eve", message: "\u202eevil" }];
    edited.solver.engine = "x\u0000";
    edited.timeZone = "Not/AZone";
    const parsed = parseWith(Roster, edited);
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual([
      "timeZone",
      "sessions[0].topicTitle",
      "waitlist[0].reason",
      "warnings[0].message",
      "solver.engine",
    ]);
  });
});

describe("the spreadsheet import goes through the same schemas", () => {
  const { patients: _p, facilitators: _f, ...clinic } = scenarioInput();
  const patientsCsv = [
    "Patient ID,Level,Track,Admission date",
    ...["P1", "P2", "P3", "P4"].map((id) => `${id},iop,substance-use,2026-11-02`),
  ].join("\n");
  const facilitators = (credentials: string) =>
    [
      "Staff ID,Credentials,Tracks,Availability,Max hours",
      `F1,LADC,substance-use,Mon-Sun 08:00-22:00,30`,
      `F2,${credentials},substance-use,Mon-Sun 08:00-22:00,30`,
    ].join("\n");

  it("a credential cell with a line break or a bidi control costs its row, named by column", () => {
    for (const [cell, name] of [
      ['"LA\nDC"', "a line break, U+000A"],
      ["LA\u202eDC", "right-to-left override"],
    ]) {
      const result = scenarioFromCsv({ clinic, patientsCsv, facilitatorsCsv: facilitators(cell) });
      expect(result.scenario?.facilitators.map((f) => f.id)).toEqual(["F1"]);
      expect(result.problems).toEqual([{ file: "facilitators", row: 3, column: "Credentials", message: expect.stringContaining(name) }]);
    }
  });

  it("a column mapping's field and header names are labels too", () => {
    const parsed = parseWith(ColumnMapping, { id: "Client\nalias", ["x".repeat(201)]: "Work" });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: "id", message: "expected one line of plain text; found a line break, U+000A at character 7" },
      { path: `${"x".repeat(199)}…`, message: "this key: expected at most 200 characters" },
    ]);
  });
});

describe.runIf(RUNS_COMMANDS)("the command line", () => {
  it("exits 2 naming clinic.name for the scenario that once printed invented calendar events", () => {
    const path = join(mkdtempSync(join(tmpdir(), "roster-text-")), "scenario.json");
    const input = scenarioInput();
    input.clinic.name = "North\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Invented\r\nEND:VEVENT";
    writeFileSync(path, JSON.stringify(input));
    const run = runCommand("src/io/cli/main.ts", ["roster", path, "--format", "ics", "--for", "patient:P2"]);
    expect(run.status, run.stdout).toBe(2);
    expect(run.stdout).not.toContain("Invented");
    expect(run.stderr).toContain("clinic.name: expected one line of plain text; found a line break, U+000D");
  }, 60_000);
});
