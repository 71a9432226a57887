// Exports a coordinator takes out of the terminal: CSV rows, calendars that import with the right local times
// across a DST week, sign-in sheets and the roster page; each carries the Part 2 notice, none shows more than
// it was asked for.
import { parse } from "csv-parse/sync";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { PART2_NOTICE, type Roster, SolveOptions, placementsOf } from "../../src/domain/index.js";
import { attendanceCsv, groupsCsv } from "../../src/io/export/csv.js";
import { calendarFor, calendarOwners } from "../../src/io/export/ics.js";
import { renderExport } from "../../src/io/export/index.js";
import { rosterPage } from "../../src/io/export/page.js";
import { signInSheets } from "../../src/io/export/sign-in.js";
import { solve } from "../../src/solver/solve.js";
import { facilitator, patient, scenario } from "../fixtures.js";

// The week DST ends in Chicago (Sunday 1 Nov 2026, 02:00): Monday is CDT (UTC-5), Sunday evening CST (UTC-6).
const dst = scenario({
  clinic: { id: "dst-clinic", name: "Clinic <A&B>", timeZone: "America/Chicago", weekStart: "2026-10-26" },
  slots: ["mon", "wed", "sun"].map((day) => ({
    id: `${day}-eve`,
    day: day as "mon",
    start: "18:00",
    end: "21:00",
    part: "evening" as const,
  })),
  facilitators: [
    facilitator("F1"),
    facilitator("F2", { availability: [{ days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "08:00", end: "22:00" }] }),
  ],
  rooms: [
    { id: "R1", capacity: 8 },
    { id: "R2", capacity: 8 },
  ],
  patients: Array.from({ length: 12 }, (_, i) => patient(`PX-${String(i + 1).padStart(3, "0")}`, { admissionDate: "2026-10-01" })),
});
const roster: Roster = solve(dst, SolveOptions.parse({ seed: 1, maxIterations: 5000 }));

function events(text: string): { summary: string; start: Date; end: Date; local: string }[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const event = new ICAL.Event(v);
    return { summary: event.summary, start: event.startDate.toJSDate(), end: event.endDate.toJSDate(), local: event.startDate.toString() };
  });
}

describe("exports", () => {
  it("the roster has groups on both sides of the DST change", () => {
    expect(roster.sessions.map((s) => s.slotId)).toEqual(expect.arrayContaining(["mon-eve", "sun-eve"]));
  });

  it("calendars import with 18:00 local on both sides of the DST change, and right instants", () => {
    const patientId = roster.sessions.find((s) => s.slotId === "sun-eve")!.patientIds[0];
    const text = calendarFor(dst, roster, { kind: "patient", id: patientId })!;
    expect(text).toContain("BEGIN:VTIMEZONE");
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    const byDay = new Map(events(text).map((e) => [e.local.slice(0, 10), e]));
    expect(byDay.get("2026-10-26")?.start.toISOString()).toBe("2026-10-26T23:00:00.000Z");
    expect(byDay.get("2026-11-01")?.start.toISOString()).toBe("2026-11-02T00:00:00.000Z");
    for (const e of byDay.values()) expect(e.local.slice(11, 16)).toBe("18:00");
  });

  it("a patient's calendar holds their groups only and names nobody else", () => {
    const ids = roster.patients.map((p) => p.id);
    for (const owner of calendarOwners(roster).filter((o) => o.kind === "patient")) {
      const text = calendarFor(dst, roster, owner)!;
      const mine = roster.patients.find((p) => p.id === owner.id)!.sessionIds;
      expect(events(text)).toHaveLength(mine.length);
      for (const other of ids.filter((id) => id !== owner.id)) expect(text).not.toContain(other);
      expect(text.replace(/\r\n /g, "")).toContain(PART2_NOTICE);
    }
    expect(calendarFor(dst, roster, { kind: "patient", id: "nobody" })).toBeNull();
  });

  it("facilitator and track calendars hold exactly their groups, without member ids", () => {
    for (const f of ["F1", "F2"]) {
      const text = calendarFor(dst, roster, { kind: "facilitator", id: f })!;
      expect(events(text)).toHaveLength(roster.sessions.filter((s) => s.facilitatorId === f).length);
      for (const id of roster.patients.map((p) => p.id)) expect(text).not.toContain(id);
    }
    expect(events(calendarFor(dst, roster, { kind: "track", id: "substance-use" })!)).toHaveLength(roster.sessions.length);
  });

  it("the attendance CSV is a table from its first line: one row per patient and session, in local time, each with the notice", () => {
    // A reader that takes the first line as the header (Python's DictReader, a spreadsheet's table import) gets it.
    const [header, ...rows] = parse(attendanceCsv(dst, roster)) as string[][];
    expect(header).toEqual([
      "Patient ID",
      "Kind",
      "Date",
      "Day",
      "Start",
      "End",
      "Part",
      "Track",
      "Topic",
      "Facilitator",
      "Room",
      "Session ID",
      "Notice",
    ]);
    expect(rows).toHaveLength(roster.sessions.reduce((n, s) => n + s.patientIds.length, 0));
    for (const row of rows) expect(row.at(-1)).toBe(PART2_NOTICE);
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(["18:00"]));
    const sunday = rows.find((r) => r[2] === "2026-11-01")!;
    expect(sunday.slice(3, 6)).toEqual(["Sun 1 Nov", "18:00", "21:00"]);
  });

  it("the groups CSV has one row per group session with its members, the header first", () => {
    const [header, ...rows] = parse(groupsCsv(dst, roster)) as string[][];
    expect(header.slice(-2)).toEqual(["Member IDs", "Notice"]);
    expect(rows.map((r) => r[0])).toEqual(roster.sessions.map((s) => s.id));
    expect(rows.map((r) => r.at(-2)!.split(" "))).toEqual(roster.sessions.map((s) => s.patientIds));
  });

  it("sign-in sheets: one per group with every member, its session id, blank lines and the notice; a facilitator's are theirs only", () => {
    const all = signInSheets(dst, roster)!;
    expect(all.match(/<section /g)).toHaveLength(roster.sessions.length);
    for (const s of roster.sessions) for (const id of s.patientIds) expect(all).toContain(`<td>${id}</td>`);
    // The id attendance is typed back against, printed on each sheet.
    for (const s of roster.sessions) expect(all).toContain(`session ID <code>${s.id}</code>`);
    expect(all).toContain(PART2_NOTICE);
    expect(all).toContain("Clinic &lt;A&amp;B&gt;");
    const f1 = signInSheets(dst, roster, "F1");
    const led = roster.sessions.filter((s) => s.facilitatorId === "F1");
    if (led.length === 0) expect(f1).toBeNull();
    else expect(f1!.match(/<section /g)).toHaveLength(led.length);
  });

  it("the roster page lists every group and every patient, escapes the clinic's text and carries the notice", () => {
    const page = rosterPage(dst, roster);
    for (const s of roster.sessions) expect(page).toContain(`data-session="${s.id}"`);
    for (const p of roster.patients) expect(page).toContain(`data-patient="${p.id}"`);
    expect(page).toContain(PART2_NOTICE);
    expect(page).not.toContain("<A&B>");
    expect(page).not.toMatch(/<(link|img|script)[^>]+(src|href)=/);
  });

  it("the roster page shows, since last week, exactly the returning patients whose group time or lead changed", () => {
    expect(rosterPage(dst, roster)).not.toContain("Since last week");
    const placements = placementsOf(roster);
    const mover = placements[0].patientId;
    // Last week the first patient sat at the same times with another lead; everyone else where they sit now.
    const previous = placements.map((p) => (p.patientId === mover ? { ...p, facilitatorId: "F-OLD" } : p));
    const page = rosterPage({ ...dst, previous }, roster);
    const table = /<table id="since-last-week">([\s\S]*?)<\/table>/.exec(page)![1];
    expect(table).toContain("1 returning patients changed group time or lead");
    expect([...table.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1])).toEqual([mover]);
    expect(table).toContain("F-OLD");
    expect(rosterPage({ ...dst, previous: placements }, roster)).toContain("Every returning patient keeps last week's groups");
  });

  it("asks for an owner where one is needed and refuses one where it is not", () => {
    expect(renderExport("ics", dst, roster)).toMatchObject({ ok: false });
    expect(renderExport("csv", dst, roster, "patient:PX-001")).toMatchObject({ ok: false });
    expect(renderExport("sign-in", dst, roster, "patient:PX-001")).toMatchObject({ ok: false });
    expect(renderExport("ics", dst, roster, "someone")).toMatchObject({ ok: false });
    expect(renderExport("ics", dst, roster, "facilitator:F1")).toMatchObject({ ok: true });
    expect(renderExport("sign-in", dst, roster, "facilitator:F9")).toEqual({
      ok: false,
      message: "the roster has no facilitator with that id; it has F1, F2",
    });
    expect(renderExport("ics", dst, roster, "patient:PX-999")).toEqual({ ok: false, message: "the roster has no patient with that id" });
  });
});
