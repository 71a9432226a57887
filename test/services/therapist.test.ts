// One therapist: a returning patient's one-to-one therapist of last week is kept as their primary therapist
// (--previous, previous: "published"), so the weekly one-to-one stays with the same person; a change happens only
// for a named reason, which the diff gives.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Roster, Scenario, SolveOptions, withPrevious } from "../../src/domain/index.js";
import { diffRosters } from "../../src/app/diff.js";
import { renderExport } from "../../src/io/export/index.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";

const raw = JSON.parse(readFileSync(new URL("../../scenarios/whole-week-120.json", import.meta.url), "utf8"));
const options = SolveOptions.parse({ seed: 1, maxIterations: 20_000 });
const first = Scenario.parse(raw);
const lastWeek = solve(first, options);
// Next Monday, nothing about anyone's therapist changed (this week's one-off appointments are over).
const next = Scenario.parse({
  ...raw,
  clinic: { ...raw.clinic, weekStart: "2026-12-07" },
  patients: raw.patients.map((p: object) => ({ ...p, oneOff: [] })),
});
const therapists = (r: Roster) => new Map((r.individualSessions ?? []).map((s) => [s.patientId, s.therapistId]));
const changedShare = (r: Roster) => {
  const [before, after] = [therapists(lastWeek), therapists(r)];
  const returning = [...before.keys()].filter((id) => after.has(id));
  return { returning: returning.length, changed: returning.filter((id) => before.get(id) !== after.get(id)).length };
};

describe("one therapist, week after week", () => {
  it("keeps every returning patient's therapist when nothing about them changed (from scratch most change)", () => {
    const scenario = withPrevious(next, lastWeek);
    const kept = solve(scenario, options);
    expect(validate(scenario, kept).violations).toEqual([]);
    const { returning, changed } = changedShare(kept);
    expect(returning).toBeGreaterThan(100);
    expect(changed / returning).toBeLessThanOrEqual(0.02);
    expect(changed).toBe(0);
    expect(changedShare(solve(next, options)).changed).toBeGreaterThan(returning / 4);
  });

  it("lets go of a therapist away all week, and of one the coordinator replaced, and the diff says which", () => {
    const [away, named] = [...therapists(lastWeek)].slice(0, 2);
    const other = next.facilitators.find((f) => f.caseload !== undefined && f.id !== named[1] && f.id !== away[1])!.id;
    const week = Scenario.parse({
      ...next,
      facilitators: next.facilitators.map((f) => (f.id === away[1] ? { ...f, leave: [{ from: "2026-12-07", to: "2026-12-13" }] } : f)),
      patients: next.patients.map((p) => (p.id === named[0] ? { ...p, primaryTherapistId: other } : p)),
    });
    const scenario = withPrevious(week, lastWeek);
    expect(scenario.patients.find((p) => p.id === away[0])!.primaryTherapistId).toBeUndefined();
    const roster = solve(scenario, options);
    expect(validate(scenario, roster).violations).toEqual([]);
    const diff = diffRosters({ roster: lastWeek, scenario: first }, { roster, scenario });
    expect(diff.therapistsChanged).toContainEqual({
      patientId: named[0],
      from: named[1],
      to: other,
      why: "the coordinator named another therapist",
    });
    const gone = diff.therapistsChanged.filter((t) => t.from === away[1]);
    expect(gone.length).toBeGreaterThan(0);
    for (const t of gone) expect(t.why).toBe("the therapist is away all week");
    // Nobody else's therapist changed.
    expect(diff.therapistsChanged.filter((t) => t.from !== away[1] && t.patientId !== named[0])).toEqual([]);
    // The roster page says the same, row for row.
    const page = renderExport("html", scenario, roster);
    if (!page.ok) throw new Error(page.message);
    expect(page.text).toContain(`${diff.therapistsChanged.length} returning patients see another therapist`);
    expect(page.text).toContain(
      `<tr><th scope="row">${named[0]}</th><td>${named[1]}</td><td>${other}</td><td>the coordinator named another therapist</td></tr>`,
    );
  });
});
