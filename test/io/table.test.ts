// The wall table wraps long names instead of cutting them, and lists members when asked.
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { formatRoster, wrap } from "../../src/io/cli/table.js";
import { solve } from "../../src/solver/solve.js";
import { scenario } from "../fixtures.js";

describe("the wall table", () => {
  const longRoom = "Group-room-on-the-second-floor-east-wing-next-to-the-kitchen";
  const s = scenario({ rooms: [{ id: longRoom, capacity: 12 }] });
  const roster = solve(s, SolveOptions.parse({ seed: 1, maxIterations: 2000 }));

  it("shows every room and topic name whole, wrapping long ones, never cutting", () => {
    const table = formatRoster(s, roster);
    expect(table).not.toContain("…");
    expect(table).toContain(longRoom);
    // The topic column, read down: a wrapped title continues on the lines below its row.
    const lines = table.split("\n");
    const header = lines.find((l) => l.includes("topic"))!;
    const [from, to] = [header.indexOf("topic"), header.indexOf("facilitator")];
    const column = lines.map((l) => l.slice(from, to).trim()).join(" ");
    for (const session of roster.sessions) expect(column).toContain(session.topicTitle);
  });

  it("lists each group's members on request", () => {
    const table = formatRoster(s, roster, { members: true });
    for (const session of roster.sessions) expect(table).toContain(`members: ${session.patientIds.join(" ")}`);
    expect(formatRoster(s, roster)).not.toContain("members:");
  });

  it("wraps words into lines no wider than asked, a longer word alone", () => {
    expect(wrap("The first year of sobriety: stages of change", 20)).toEqual(["The first year of", "sobriety: stages of", "change"]);
    expect(wrap("a supercalifragilistic b", 5)).toEqual(["a", "supercalifragilistic", "b"]);
    expect(wrap("", 5)).toEqual([""]);
  });
});
