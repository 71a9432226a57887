// After `stryker run` (`npm run mutate`): the score per file from Stryker's JSON report, written to
// bench/results/mutation/summary.md, with the surviving mutants listed so the next tests to write are in view.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";

interface Mutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number } };
}
interface Report {
  readonly files: Record<string, { readonly mutants: readonly Mutant[] }>;
}

const dir = new URL("results/mutation/", import.meta.url).pathname;
const report: Report = JSON.parse(readFileSync(`${dir}mutation.json`, "utf8"));
const STATUSES = ["Killed", "Timeout", "Survived", "NoCoverage", "Ignored"] as const;

function tally(mutants: readonly Mutant[]): Record<(typeof STATUSES)[number], number> & { score: string } {
  const count = Object.fromEntries(STATUSES.map((s) => [s, mutants.filter((m) => m.status === s).length])) as Record<
    (typeof STATUSES)[number],
    number
  >;
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  return { ...count, score: valid ? `${((100 * detected) / valid).toFixed(2)} %` : "n/a" };
}

const files = Object.entries(report.files).map(([path, f]) => ({ path: path.replace(/^.*?src\//, "src/"), mutants: f.mutants }));
const groups = [
  { name: "validator (target ≥ 95 %)", mutants: files.filter((f) => f.path.startsWith("src/validator/")).flatMap((f) => f.mutants) },
  ...files.map((f) => ({ name: f.path, mutants: f.mutants })),
];
const row = (name: string, t: ReturnType<typeof tally>) =>
  `| ${name} | ${t.score} | ${t.Killed} | ${t.Timeout} | ${t.Survived} | ${t.NoCoverage} | ${t.Ignored} |`;
const survivors = files.flatMap((f) =>
  f.mutants
    .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
    .map(
      (m) =>
        `- \`${f.path}:${m.location.start.line}\` ${m.mutatorName}${m.status === "NoCoverage" ? " (no test reaches it)" : ""}: \`${(m.replacement ?? "").replace(/\s+/g, " ").slice(0, 90)}\``,
    ),
);
const lines = [
  "# Mutation testing (`npm run mutate`, Stryker 9 with its vitest runner)",
  "",
  `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores. Mutants of \`src/validator/**\` and \`src/solver/constraints.ts\`, run against the tests in`,
  "`vitest.mutation.config.ts`. Full report: `mutation.json`. Ignored mutants carry a `Stryker disable` comment saying why they",
  "cannot be told apart from the original.",
  "",
  "| mutated | score | killed | timeout | survived | no coverage | ignored |",
  "|---|---:|---:|---:|---:|---:|---:|",
  ...groups.map((g) => row(g.name, tally(g.mutants))),
  "",
  "## Surviving mutants",
  "",
  ...(survivors.length ? survivors : ["none"]),
  "",
];
writeFileSync(`${dir}summary.md`, lines.join("\n"));
process.stdout.write(lines.slice(0, 8 + groups.length).join("\n") + "\n");
