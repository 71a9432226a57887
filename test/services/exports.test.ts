// One-to-ones and family groups reach the calendars of those who come to them, and nobody else's; the roster page
// shows the week around the groups without telling anyone their test day.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { attendanceCsv } from "../../src/io/export/csv.js";
import { calendarFor, calendarOwners } from "../../src/io/export/ics.js";
import { renderExport } from "../../src/io/export/index.js";
import { rosterPage } from "../../src/io/export/page.js";
import { signInSheets } from "../../src/io/export/sign-in.js";
import { solve } from "../../src/solver/solve.js";
import { patient } from "../fixtures.js";
import { wholeWeek } from "./fixtures.js";

const week = wholeWeek();
const roster = solve(week, SolveOptions.parse({ seed: 3, maxIterations: 4000 }));
// iCalendar escapes commas in text.
const summaries = (text: string) => [...text.matchAll(/^SUMMARY:(.*)\r$/gm)].map((m) => m[1].replaceAll("\\,", ","));

describe("calendars of the whole week", () => {
  it("a patient's holds their groups, their one-to-one and the family group, and names no other patient", () => {
    const text = calendarFor(week, roster, { kind: "patient", id: "P1" })!;
    expect(summaries(text).filter((s) => s !== "Group session")).toEqual(["One-to-one with T2", "Family group"]);
    for (const other of week.patients.filter((p) => p.id !== "P1")) expect(text).not.toContain(other.id);
    expect(summaries(calendarFor(week, roster, { kind: "patient", id: "P8" })!).filter((s) => s !== "Group session")).toEqual([
      "One-to-one with T2",
    ]);
  });

  it("a therapist who leads no group has a calendar of their one-to-ones and the family group they lead", () => {
    expect(calendarOwners(roster)).toContainEqual({ kind: "facilitator", id: "T1" });
    const t2 = summaries(calendarFor(week, roster, { kind: "facilitator", id: "T2" })!);
    expect(t2).toContain("Family group (4 patients, 8 family members)");
    expect(t2.filter((s) => s.startsWith("One-to-one")).sort()).toEqual([
      "One-to-one: P1",
      "One-to-one: P4",
      "One-to-one: P6",
      "One-to-one: P8",
    ]);
  });

  it("the roster page lists each therapist's one-to-ones and the family groups, and counts drug tests by day only", () => {
    const page = rosterPage(week, roster);
    expect(page).toContain("<h2>Beyond the groups</h2>");
    expect(page).toContain("<dt>One-to-one sessions</dt><dd>8 of 8 booked</dd>");
    expect(page).toMatch(/<th scope="row">T2<\/th><td>[^<]*P1 \(office\)/);
    expect(page).toMatch(/<table id="family-groups">[\s\S]*<td>4<\/td><td>8<\/td>/);
    // A therapist who leads no group: no "h of groups" that are one-to-ones; every page's content in its main landmark.
    const t2 = roster.metrics.facilitatorHours.T2;
    expect(page).toContain(
      `<caption>T2: 0 h of groups, ${Math.round(t2 * 100) / 100} h in all with one-to-ones and the family group</caption>`,
    );
    expect(page).toMatch(/<body>\n<main>[\s\S]*<\/main>\n<script>/);
    const tests = /<p id="drug-tests">([^<]*)<\/p>/.exec(page)![1];
    for (const p of week.patients) expect(tests).not.toContain(p.id);
  });

  it("the attendance CSV holds every one-to-one and family place beside the groups, in the order of the week, and no test", () => {
    const [header, ...rows] = parse(attendanceCsv(week, roster)) as string[][];
    const col = (name: string) => header.indexOf(name);
    const of = (kind: string) => rows.filter((r) => r[col("Kind")] === kind);
    expect(of("group")).toHaveLength(roster.sessions.reduce((n, s) => n + s.patientIds.length, 0));
    expect(of("one-to-one").map((r) => [r[col("Patient ID")], r[col("Facilitator")], r[col("Session ID")]])).toEqual(
      expect.arrayContaining(roster.individualSessions.map((i) => [i.patientId, i.therapistId, i.id])),
    );
    expect(of("one-to-one")).toHaveLength(roster.individualSessions.length);
    expect(of("family group")).toHaveLength(roster.familySessions.reduce((n, f) => n + f.patientIds.length, 0));
    expect(rows).toHaveLength(of("group").length + of("one-to-one").length + of("family group").length);
    const order = rows.map((r) => `${r[col("Date")]} ${r[col("Start")]}`);
    expect(order).toEqual([...order].sort());
    expect(roster.drugTests.length).toBeGreaterThan(0);
    expect(header.join(" ")).not.toMatch(/test/i);
  });

  it("sign-in sheets: a time out for every line, a family-group sheet with the family members who came, and never a drug test", () => {
    const sheets = signInSheets(week, roster)!;
    const sections = sheets.split("<section ").slice(1);
    expect(sections).toHaveLength(roster.sessions.length + roster.familySessions.length);
    for (const section of sections) expect(section).toContain('<th scope="col">Time in</th><th scope="col">Time out</th>');
    for (const f of roster.familySessions) {
      const family = sections.find((s) => s.includes(`session ID <code>${f.id}</code>`))!;
      expect(family).toContain("<strong>Family group</strong>");
      expect(family).toContain('<th scope="col">Family members</th>');
      for (const id of f.patientIds) expect(family).toContain(`<td>${id}</td>`);
    }
    expect(sheets).not.toMatch(/drug/i);
    // A lead's own sheets hold the family group they lead.
    const lead = roster.familySessions[0].facilitatorId;
    expect(signInSheets(week, roster, lead)).toContain(`session ID <code>${roster.familySessions[0].id}</code>`);
  });

  it("the drug tests are a staff list of their own: each test by day, with the session it is collected at", () => {
    const list = renderExport("drug-tests", week, roster);
    if (!list.ok) throw new Error(list.message);
    expect(list.text).toContain("<strong>Staff only.</strong>");
    expect(list.text.match(/<section /g)).toHaveLength(new Set(roster.drugTests.map((t) => t.date)).size);
    for (const t of roster.drugTests)
      expect(list.text).toMatch(new RegExp(`<th scope="row">${t.patientId}</th>.*<code>${t.sessionId}</code>`));
    expect(renderExport("drug-tests", week, roster, "patient:P1")).toMatchObject({ ok: false });
  });

  it("a patient with no group this week but a one-to-one still has a calendar", () => {
    const nights = wholeWeek({
      patients: [
        ...wholeWeek().patients,
        patient("P9", {
          unavailable: [{ kind: "work", days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "17:00", end: "23:30" }],
        }),
      ],
    });
    const r = solve(nights, SolveOptions.parse({ seed: 3, maxIterations: 4000 }));
    expect(r.patients.find((p) => p.id === "P9")?.sessionIds).toEqual([]);
    expect(calendarOwners(r)).toContainEqual({ kind: "patient", id: "P9" });
    expect(summaries(calendarFor(nights, r, { kind: "patient", id: "P9" })!)).toEqual([expect.stringMatching(/^One-to-one with T\d$/)]);
  });
});
