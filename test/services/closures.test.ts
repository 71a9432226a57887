// Closures and leave: the week of Christmas 2026 in the whole-week sample, with the clinic closed on Friday 25 Dec
// and a therapist on leave Monday to Wednesday. Nothing is booked then (groups, one-to-ones, family group, drug
// tests), the roster passes the validator, and the reasons name the closure. Broken rosters (the same week solved
// as if open) are refused by the rule "closures" alone, once per booking.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Roster, Scenario, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";

const raw = JSON.parse(readFileSync(new URL("../../scenarios/whole-week-120.json", import.meta.url), "utf8"));
const open = Scenario.parse({ ...raw, clinic: { ...raw.clinic, weekStart: "2026-12-21" } });
const AWAY = open.facilitators.find((f) => f.caseload !== undefined)!.id;
const closed = Scenario.parse({
  ...open,
  clinic: { ...open.clinic, closures: [{ date: "2026-12-25", label: "Christmas Day" }] },
  facilitators: open.facilitators.map((f) =>
    f.id === AWAY ? { ...f, leave: [{ from: "2026-12-21", to: "2026-12-23", label: "vacation" }] } : f,
  ),
});
const options = SolveOptions.parse({ seed: 1, maxIterations: 20_000 });
const onChristmas = (r: Roster) => [
  ...r.sessions.filter((s) => s.start.startsWith("2026-12-25")),
  ...(r.individualSessions ?? []).filter((s) => s.start.startsWith("2026-12-25")),
  ...(r.familySessions ?? []).filter((s) => s.start.startsWith("2026-12-25")),
  ...(r.drugTests ?? []).filter((t) => t.date === "2026-12-25"),
];
const awayBookings = (r: Roster) => [
  ...r.sessions.filter((s) => s.facilitatorId === AWAY && s.start < "2026-12-24"),
  ...(r.individualSessions ?? []).filter((s) => s.therapistId === AWAY && s.start < "2026-12-24"),
  ...(r.familySessions ?? []).filter((s) => s.facilitatorId === AWAY && s.start < "2026-12-24"),
];

describe("closures and leave", () => {
  const asIfOpen = solve(open, options);
  const roster = solve(closed, options);

  it("books nothing on Christmas Day nor with the therapist on leave, and the validator passes the week", () => {
    // The open week does book both: the test would see a closure ignored.
    expect(onChristmas(asIfOpen).length).toBeGreaterThan(5);
    expect(awayBookings(asIfOpen).length).toBeGreaterThan(0);
    expect(onChristmas(roster)).toEqual([]);
    expect(awayBookings(roster)).toEqual([]);
    expect(validate(closed, roster).violations).toEqual([]);
  });

  it("tells a patient left short that the clinic is closed that day", () => {
    const reasons = roster.patients.flatMap((p) => (p.unmet ? [p.unmet.reason] : []));
    expect(reasons.some((r) => r.includes("clinic closed Fri 25 Dec (Christmas Day)"))).toBe(true);
  });

  it("refuses the open week's roster under the closure and the leave, by the rule closures alone", () => {
    const report = validate(closed, asIfOpen);
    const rules = new Set(report.violations.map((v) => v.rule));
    expect([...rules].filter((r) => r !== "closures" && r !== "drug-tests")).toEqual([]);
    const messages = report.violations.filter((v) => v.rule === "closures").map((v) => v.message);
    const groupsOnFriday = asIfOpen.sessions.filter((s) => s.start.startsWith("2026-12-25")).length;
    expect(messages.filter((m) => m === "group booked while the clinic closed Fri 25 Dec (Christmas Day)")).toHaveLength(groupsOnFriday);
    expect(messages.filter((m) => m.includes(`${AWAY} on leave Mon 21 Dec–Wed 23 Dec (vacation)`))).toHaveLength(
      awayBookings(asIfOpen).length,
    );
  });

  it("reads a closure as a whole day or a part of one, and refuses half a time", () => {
    const clinic = (closures: unknown) => Scenario.safeParse({ ...open, clinic: { ...open.clinic, closures } });
    expect(clinic([{ date: "2026-12-24", label: "Christmas Eve", start: "12:00", end: "23:59" }]).success).toBe(true);
    const half = clinic([{ date: "2026-12-24", label: "Christmas Eve", start: "12:00" }]);
    expect(half.success).toBe(false);
    expect(half.error!.issues[0].path).toEqual(["clinic", "closures", 0, "end"]);
    const leave = Scenario.safeParse({
      ...open,
      facilitators: [{ ...open.facilitators[0], leave: [{ from: "2026-12-23", to: "2026-12-21" }] }, ...open.facilitators.slice(1)],
    });
    expect(leave.error!.issues[0].path).toEqual(["facilitators", 0, "leave", 0, "to"]);
  });

  it("books nothing in a room out of service, and refuses a roster that does, by the rule closures", () => {
    const uses = new Map<string, number>();
    for (const x of asIfOpen.sessions) uses.set(x.roomId, (uses.get(x.roomId) ?? 0) + 1);
    const busiest = [...uses].sort((a, b) => b[1] - a[1])[0][0];
    const repair = Scenario.parse({
      ...open,
      rooms: open.rooms.map((r) =>
        r.id === busiest ? { ...r, outOfService: [{ from: "2026-12-21", to: "2026-12-22", label: "flooring" }] } : r,
      ),
    });
    const inRoom = (r: Roster) =>
      [...r.sessions, ...(r.individualSessions ?? []), ...(r.familySessions ?? [])].filter(
        (x) => x.roomId === busiest && x.start < "2026-12-23",
      );
    expect(inRoom(asIfOpen).length).toBeGreaterThan(0);
    const roster = solve(repair, options);
    expect(inRoom(roster)).toEqual([]);
    expect(validate(repair, roster).violations).toEqual([]);
    const refused = validate(repair, asIfOpen).violations.filter((v) => v.rule === "closures");
    expect(refused).toHaveLength(inRoom(asIfOpen).length);
    expect(refused[0].message).toMatch(new RegExp(`booked in ${busiest}, out of service Mon 21 Dec–Tue 22 Dec \\(flooring\\)$`));
  });
});
