// Exports that are safe by construction: a calendar's every property is escaped, a spreadsheet never runs a cell
// as a formula, and no export grows faster than the roster it is made from.
import { parse } from "csv-parse/sync";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  LABEL_MAX,
  Label,
  PART2_NOTICE,
  LIMITS,
  PROBLEMS_LISTED,
  PROGRAM_MODELS,
  PROSE_MAX,
  Prose,
  type ProgramModel,
  Roster,
  type Scenario,
  SolveOptions,
  placementsOf,
} from "../../src/domain/index.js";
import { attendanceCsv, groupsCsv, spreadsheetCell } from "../../src/io/export/csv.js";
import { calendarFor, calendarText, calendarOwners, parseOwner } from "../../src/io/export/ics.js";
import { EXPORT_FORMATS, allCalendars, renderExport } from "../../src/io/export/index.js";
import { rosterWorkbook } from "../../src/io/export/xlsx.js";
import { solve } from "../../src/solver/solve.js";
import { scenario as fixture } from "../fixtures.js";
import { wholeWeek } from "../services/fixtures.js";

/** The scenario and roster as they could be if the schemas did not stand in the way: text only a test can make. */
function pastTheSchema(clinicName: string, trackLabel: string, topicTitle: string) {
  const base = fixture();
  const program = structuredClone(PROGRAM_MODELS.get("generic-iop")!) as ProgramModel;
  program.tracks = program.tracks.map((t) => (t.id === "substance-use" ? { ...t, label: trackLabel } : t));
  const scenario: Scenario = { ...base, clinic: { ...base.clinic, name: clinicName }, program };
  const solved = solve(base, SolveOptions.parse({ seed: 1, maxIterations: 2000 }));
  const roster: Roster = { ...solved, sessions: solved.sessions.map((s) => ({ ...s, topicTitle })) };
  return { scenario, roster };
}

// RFC 7986's NAME and the customary X-WR-CALNAME are TEXT, as a calendar app reads them; ical.js reads a property
// it has no type for as it stands, unescaped.
for (const name of ["name", "x-wr-calname"]) ICAL.design.icalendar.property[name] = { defaultType: "text" };

function calendar(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  return {
    name: component.getFirstPropertyValue("name"),
    wrName: component.getFirstPropertyValue("x-wr-calname"),
    components: component.getAllSubcomponents().map((c) => c.name),
    events: component.getAllSubcomponents("vevent").map((v) => ({
      summary: v.getFirstPropertyValue("summary"),
      description: v.getFirstPropertyValue("description"),
    })),
  };
}

describe("calendars escape every property", () => {
  const injection = "\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Invented\r\nEND:VEVENT";
  const clinicName = `North; East, \\West\\${injection}\rlast\nline`;
  const trackLabel = `Substance\\use; day, evening\r\nBEGIN:VALARM`;
  const topicTitle = `Coping; skills, \\ part 1\nBEGIN:VEVENT`;
  const { scenario, roster } = pastTheSchema(clinicName, trackLabel, topicTitle);
  // TEXT has one line break, \n: CRLF and a bare CR read back as LF.
  const asRead = (text: string) => text.replace(/\r\n?/g, "\n");

  it("calendarText escapes backslash, semicolon, comma and each kind of line break", () => {
    expect(calendarText("a\\b;c,d\r\ne\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  it("a clinic name, track label and topic title with line breaks, ; , and \\ read back as they were, and invent nothing", () => {
    const owners = calendarOwners(roster);
    expect(owners.map((o) => o.kind)).toEqual(expect.arrayContaining(["patient", "facilitator", "track"]));
    for (const owner of owners) {
      const text = calendarFor(scenario, roster, owner)!;
      const read = calendar(text);
      const expectedName = asRead(`${clinicName}: ${owner.kind} ${owner.id}, week of Mon 30 Nov 2026`);
      expect(read.name).toBe(expectedName);
      expect(read.wrName).toBe(expectedName);
      expect(read.components.filter((c) => c !== "vtimezone")).toEqual(read.events.map(() => "vevent"));
      const sessions = roster.sessions.filter((s) =>
        owner.kind === "patient"
          ? s.patientIds.includes(owner.id)
          : owner.kind === "facilitator"
            ? s.facilitatorId === owner.id
            : s.track === owner.id,
      );
      expect(read.events).toEqual(
        sessions.map((s) => ({
          summary:
            owner.kind === "patient" ? "Group session" : `${asRead(trackLabel)}: ${asRead(topicTitle)} (${s.patientIds.length} members)`,
          description: `${owner.kind === "patient" ? `${asRead(topicTitle)}. ` : ""}${asRead(trackLabel)} group led by ${s.facilitatorId}, room ${s.roomId}.\n${PART2_NOTICE}`,
        })),
      );
      // Nothing of the injected text begins a line of its own.
      expect(text).not.toMatch(/\r\n(SUMMARY:Invented|BEGIN:VALARM|END:VCALENDAR\r\nBEGIN)/);
      expect(text.match(/^BEGIN:VEVENT\r$/gm) ?? []).toHaveLength(sessions.length);
    }
  });

  it("a `for` subject is an id: NUL, a line break or a bidi control never names a calendar", () => {
    expect(parseOwner("patient:P1")).toEqual({ kind: "patient", id: "P1" });
    for (const bad of ["patient:P1\u0000", "patient:P1\r\nBEGIN:VEVENT", "facilitator:F1\u202e", "track:"])
      expect(parseOwner(bad), JSON.stringify(bad)).toBeNull();
    expect(renderExport("ics", scenario, roster, "patient:P1\nX")).toEqual({
      ok: false,
      message: "expected for = patient:<id>, facilitator:<id> or track:<id>",
    });
  });
});

describe("spreadsheets never run a cell", () => {
  const formula = "=cmd|' /C calc'!A0";
  const labels = ["+SUM(A1)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "＝1+1"];

  it("spreadsheetCell: a text that begins like a formula begins with a quote and is quoted; other text is as it was", () => {
    expect(spreadsheetCell(formula)).toEqual({ value: `'${formula}`, quoted: true });
    for (const text of ["+1", "-1", "@a", "\tx", "\rx", "＝1", "＋1", "－1", "＠a"])
      expect(spreadsheetCell(text)).toEqual({ value: `'${text}`, quoted: true });
    for (const text of ["Coping skills", "2026-11-30", "a=b", " =x", "'quoted", ""]) expect(spreadsheetCell(text)).toBe(text);
  });

  it("a topic titled like a formula and track labels beginning with + - @ or a tab reach both CSVs as text", () => {
    for (const label of labels) {
      const { scenario, roster } = pastTheSchema("North", label, formula);
      for (const text of [attendanceCsv(scenario, roster), groupsCsv(scenario, roster)]) {
        const [header, ...rows] = parse(text) as string[][];
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row[header.indexOf("Topic")]).toBe(`'${formula}`);
          expect(row[header.indexOf("Track")]).toBe(`'${label}`);
        }
        expect(text).toContain(`"'${formula}"`);
        // No cell of either file begins like a formula: neither raw nor after the CSV's own quoting.
        for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/);
      }
    }
  });

  it("numbers stay numbers: a group's members and places are not quoted", () => {
    const { scenario, roster } = pastTheSchema("North", "Substance use", "Coping");
    const [header, first] = parse(groupsCsv(scenario, roster)) as string[][];
    expect(first[header.indexOf("Members")]).toMatch(/^\d+$/);
    expect(groupsCsv(scenario, roster)).not.toContain("'");
  });
});

// ---- Every export's size is linear in the roster's -------------------------------------------------------------

/** An id at its longest (Id: 64 characters), unique by its head. */
const longId = (head: string, width = 64) => `${head}-`.padEnd(width, "x");

/** The longest run of `char` a schema takes, up to 100 times a label's bound: its maximum, as the schema has it. */
function longest(schema: z.ZodType, char: string): string {
  let [low, high] = [0, 100 * LABEL_MAX + 1];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (schema.safeParse(char.repeat(mid)).success) low = mid;
    else high = mid;
  }
  return char.repeat(low);
}

/**
 * The largest week the schemas let through for `patients` patients: every label, title and credential, every note
 * and reason as long as Label and Prose take it, of `char`; ids of 64 characters or near; every slot naming
 * LIMITS.perSlot levels; one-to-ones, a family group and drug tests.
 */
function worstWeek(char: string, patients: number) {
  const label = longest(Label, char);
  const prose = longest(Prose, char);
  const level = (id: string) => longId(`lvl-${id}`);
  const program = structuredClone(PROGRAM_MODELS.get("generic-iop")!) as ProgramModel;
  Object.assign(program, { label, description: prose, sources: [prose], assumptions: [prose] });
  program.levels = program.levels.map((l) => ({
    ...l,
    id: level(l.id),
    stepsDownTo: l.stepsDownTo && level(l.stepsDownTo),
    label,
    asam: label,
    sources: [prose],
    assumptions: [prose],
  }));
  program.sharedGroups = program.sharedGroups.map((g) => ({ ...g, level: level(g.level) }));
  program.tracks = program.tracks.map((t) => ({ ...t, label, credentials: [label], assumptions: [prose] }));
  program.curricula = program.curricula.map((c) => ({ ...c, label, topics: c.topics.map((t) => ({ ...t, title: label, source: prose })) }));
  program.familyProgram = { capacity: 30 };
  const base = wholeWeek();
  const facilitator = (f: Scenario["facilitators"][number]) => ({ ...f, id: longId(f.id), credentials: [label] });
  // Ids the roster makes from these (a session's from its slot's and track's, a one-to-one's from its patient's,
  // a family session's from its time's) must stay within an id's 64 characters: those inputs are a little shorter.
  const slotId = (id: string) => longId(id, 46);
  const scenario = wholeWeek({
    clinic: { ...base.clinic, name: label, trackCredentials: { "substance-use": [label] } },
    program: program as never,
    rooms: base.rooms.map((r) => ({ ...r, id: longId(r.id) })),
    slots: base.slots.map((s) => ({ ...s, id: slotId(s.id), levels: Array.from({ length: LIMITS.perSlot }, () => level("iop")) })),
    facilitators: base.facilitators.map(facilitator),
    familyGroups: base.familyGroups!.map((g) => ({ ...g, id: longId(g.id, 56) })),
    patients: Array.from({ length: patients }, (_, i) => {
      const p = base.patients[i % base.patients.length];
      return {
        ...p,
        id: longId(`P${i + 1}`, 50),
        level: level("iop"),
        primaryTherapistId: p.primaryTherapistId && longId(p.primaryTherapistId),
        family: i % 2 === 0 ? { members: 2 } : undefined,
      };
    }),
  });
  const solved = solve(scenario, SolveOptions.parse({ seed: 1, maxIterations: 3000 }));
  // Every reason and warning at its longest, every patient short, and a warning about each facilitator.
  const roster = Roster.parse({
    ...solved,
    patients: solved.patients.map((p) => ({ ...p, unmet: { hours: 1, days: 1, reason: prose } })),
    waitlist: solved.patients.map((p) => ({ patientId: p.id, reason: prose })),
    serviceShortfalls: solved.patients.flatMap((p) =>
      (["individual", "family", "drug-test"] as const).map((service) => ({ patientId: p.id, service, missing: 1, reason: prose })),
    ),
    warnings: scenario.facilitators.map((f) => ({ code: "facilitator-leads-nothing", subject: f.id, message: prose })),
    solver: { ...solved.solver, engine: label },
  });
  // Last week each patient was somewhere else with someone else: the page's "since last week" lists them all.
  const previous = placementsOf(roster).map((p) => ({ ...p, facilitatorId: longId("F-OLD") }));
  return { scenario: { ...scenario, previous }, roster };
}

/** The roster's size: the items an export can print a line, a row or an event for. */
function items(scenario: Scenario, roster: Roster): number {
  const placements = roster.sessions.reduce((n, s) => n + s.patientIds.length, 0);
  const familyPlaces = roster.familySessions.reduce((n, s) => n + s.patientIds.length, 0);
  return (
    roster.sessions.length +
    placements +
    roster.patients.length +
    roster.individualSessions.length +
    roster.familySessions.length +
    familyPlaces +
    roster.drugTests.length +
    roster.serviceShortfalls.length +
    roster.waitlist.length +
    roster.warnings.length +
    Object.keys(roster.metrics.facilitatorHours).length +
    (scenario.previous?.length ?? 0)
  );
}

/** Every export of the roster, by name, as the CLI and the service write them. */
async function everyExport(scenario: Scenario, roster: Roster, leftOut: string[]): Promise<Record<string, (string | Buffer)[]>> {
  const owners = calendarOwners(roster).map((o) => `${o.kind}:${o.id}`);
  const text = (format: (typeof EXPORT_FORMATS)[number], forWhom?: string) => {
    const rendered = renderExport(format, scenario, roster, forWhom, leftOut);
    if (!rendered.ok) throw new Error(rendered.message);
    return rendered.text;
  };
  return {
    json: [JSON.stringify(roster, null, 2)],
    csv: [text("csv")],
    "groups-csv": [text("groups-csv")],
    html: [text("html")],
    "sign-in": [
      text("sign-in"),
      ...owners
        .filter((o) => o.startsWith("facilitator:"))
        .flatMap((o) => {
          const r = renderExport("sign-in", scenario, roster, o);
          return r.ok ? [r.text] : [];
        }),
    ],
    "drug-tests": [text("drug-tests")],
    xlsx: [await rosterWorkbook(scenario, roster)],
    ics: owners.map((o) => text("ics", o)),
    "ics, every calendar": [
      allCalendars(scenario, roster)
        .map((c) => c.text)
        .join(""),
    ],
  };
}

/**
 * Bytes of an export at most: a * items + b. Derived from what each item of the roster prints at most, with
 * L = LABEL_MAX and P = PROSE_MAX characters of free text and M = 1 000 bytes an item may spend on ids (64
 * characters each), tags, keys and our own words. A character of free text is at most 6 bytes in HTML (" is
 * &quot;) and 3 elsewhere (a character from U+0800 is 3 bytes of UTF-8; escaping makes \ or " 2 bytes at most);
 * iCalendar folds its lines every 75 bytes with 3 more.
 */
const L = LABEL_MAX;
const P = PROSE_MAX;
const M = 1000;
const HTML = 6;
const UTF8 = 3;
const FOLD = 78 / 75;
/** A slot's levels, printed beside each of its groups. */
const LEVELS = LIMITS.perSlot * (64 + 2);
/** An event: a track label and a topic title in its summary, the label again in its description. */
const EVENT = FOLD * (3 * UTF8 * L + M);
/** A calendar's own lines: its name (with the clinic's), and a VTIMEZONE (under 500 bytes for every IANA zone). */
const CALENDAR = FOLD * (UTF8 * L + M) + 2 * M;
const BOUNDS: Record<string, { a: number; b: number }> = {
  // An item's longest text is a reason, a warning or a shortfall's; the metrics and the objective's terms once.
  json: { a: UTF8 * P + M, b: UTF8 * L + 5 * M },
  // A row per placement: its track's label and topic's title, each quoted and perhaps begun with '.
  csv: { a: 2 * (UTF8 * L + 3) + M, b: M },
  // A row per session with its slot's levels; a member id per placement.
  "groups-csv": { a: 2 * (UTF8 * L + 3) + LEVELS + M, b: M },
  // Per item a reason, warning or shortfall at most (a session's card and rows hold two labels, two titles and
  // its levels: less); once the page (styles, script, headings, the clinic's name thrice) and the rows left out.
  html: { a: HTML * P + M, b: 3 * HTML * L + 10 * M + (PROBLEMS_LISTED + 1) * (HTML * P + M) },
  // A sheet per session: the clinic's name, the track's label and the topic's title; a line per member.
  "sign-in": { a: 3 * HTML * L + 2 * M, b: 2 * HTML * L + 5 * M },
  // A row per test: its ids and the title of the topic of the group it is collected at; the clinic's name thrice.
  "drug-tests": { a: HTML * L + M, b: 3 * HTML * L + 5 * M },
  // A sheet's row per item: a patient's reason, or a group's two labels, its slot's levels and a member id per
  // placement; XML escapes a character to 6 bytes at most (&quot;), and deflate adds next to nothing to text it
  // cannot shrink. Once the workbook's own parts (content types, styles, theme: under 10 kB).
  xlsx: { a: HTML * P + LEVELS + 2 * M, b: 20 * M },
  // Each item brings at most two events (a session: its lead's and its track's) and one calendar (a patient's, a
  // facilitator's or a session's track's).
  ics: { a: 2 * EVENT + CALENDAR, b: CALENDAR },
  "ics, every calendar": { a: 2 * EVENT + CALENDAR, b: CALENDAR },
};

describe("no export grows faster than the roster", () => {
  // The worst character for each export: " in HTML, a 3-byte character in UTF-8, \ doubled in iCalendar and JSON.
  for (const char of ['"', "€", "\\"])
    it(`each export of the largest week the schemas allow, all its text ${JSON.stringify(char)}, is at most a * items + b`, async () => {
      for (const patients of [8, 24]) {
        const { scenario, roster } = worstWeek(char, patients);
        // More rows left out than are ever listed, each longer than a reason.
        const leftOut = Array.from({ length: 2 * PROBLEMS_LISTED }, () => char.repeat(2 * P));
        const n = items(scenario, roster);
        for (const [format, texts] of Object.entries(await everyExport(scenario, roster, leftOut))) {
          const { a, b } = BOUNDS[format];
          for (const text of texts)
            expect(Buffer.byteLength(text), `${format}, ${patients} patients, ${n} items`).toBeLessThanOrEqual(a * n + b);
        }
      }
    }, 60_000);

  it("every export format is measured", () => {
    expect(Object.keys(BOUNDS)).toEqual(expect.arrayContaining([...EXPORT_FORMATS, "json"]));
  });
});
