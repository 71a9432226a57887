// Writes the shipped sample clinics from the seeded generator: `npm run scenarios`. The Ohio clinic is written the
// way a coordinator keeps it: a clinic JSON and two spreadsheets (CSV), read with `--clinic … --patients …`.
import { mkdirSync, writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { generateScenario } from "../src/generator/generate.js";
import { withWholeWeek } from "../src/generator/whole-week.js";
import { formatWindows } from "../src/io/csv/windows-text.js";

export const SAMPLES = [
  { file: "rural-25.json", shape: "rural", patients: 25, seed: 1 },
  { file: "suburban-120.json", shape: "suburban", patients: 120, seed: 1 },
  { file: "urban-400.json", shape: "urban", patients: 400, seed: 1 },
] as const;

for (const sample of SAMPLES) {
  const scenario = generateScenario({ shape: sample.shape, patients: sample.patients, seed: sample.seed });
  writeFileSync(new URL(sample.file, import.meta.url), `${JSON.stringify(scenario, null, 1)}\n`);
  process.stdout.write(`scenarios/${sample.file}: ${sample.patients} patients\n`);
}

// The suburban clinic with the week around its groups: therapists with caseloads, family groups, drug tests.
const wholeWeek = withWholeWeek(generateScenario({ shape: "suburban", patients: 120, seed: 1, clinicId: "whole-week-120" }), 1);
wholeWeek.clinic = { ...wholeWeek.clinic, name: "Suburban program with one-to-ones, family groups and drug tests" };
writeFileSync(new URL("whole-week-120.json", import.meta.url), `${JSON.stringify(wholeWeek, null, 1)}\n`);
process.stdout.write("scenarios/whole-week-120.json: 120 patients\n");

// Ohio licences (the generator's are generic): a clinic states which may lead each track in clinic.trackCredentials.
const OHIO: Record<string, string> = { LADC: "LICDC", CADC: "LCDC III", LCDC: "LICDC-CS", LCSW: "LISW", LPC: "LPCC", LMFT: "IMFT" };
const ohio = generateScenario({ shape: "suburban", patients: 60, seed: 7, clinicId: "ohio-60" });
const { patients, facilitators, ...clinic } = ohio;
clinic.clinic = {
  ...clinic.clinic,
  name: "Ohio IOP: day and evening groups, PHP and aftercare",
  trackCredentials: {
    "substance-use": ["LICDC", "LICDC-CS", "LCDC III", "LISW", "LPCC", "IMFT"],
    "co-occurring": ["LISW", "LPCC", "IMFT"],
  },
};
const dir = new URL("ohio-60/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("clinic.json", dir), `${JSON.stringify(clinic, null, 1)}\n`);
const byKind = (p: (typeof patients)[number], kinds: string[]) =>
  formatWindows(
    (p.unavailable ?? []).filter((w) => kinds.includes(w.kind)),
    kinds[0] as "work",
  );
writeFileSync(
  new URL("patients.csv", dir),
  stringify(
    patients.map((p) => ({
      "Patient ID": p.id,
      Level: p.level,
      Track: p.track,
      "Target hours": p.targetHours ?? "",
      Preference: p.preference ?? "",
      Work: byKind(p, ["work"]),
      School: byKind(p, ["school"]),
      Childcare: byKind(p, ["childcare"]),
      // One-off appointments are left to the JSON form: a spreadsheet row holds the weekly pattern.
      Unavailable: byKind(p, ["other"]),
      "Travel minutes": p.travelBufferMinutes ?? "",
      "Admission date": p.admissionDate,
      "Completed topics": (p.completedTopics ?? []).join(", "),
    })),
    { header: true },
  ),
);
writeFileSync(
  new URL("facilitators.csv", dir),
  stringify(
    facilitators.map((f) => ({
      "Staff ID": f.id,
      Credentials: f.credentials.map((c) => OHIO[c] ?? c).join(", "),
      Tracks: f.tracks.join(", "),
      Availability: formatWindows(f.availability),
      "Max hours": f.maxHoursPerWeek,
    })),
    { header: true },
  ),
);
process.stdout.write(`scenarios/ohio-60/: clinic.json, patients.csv (${patients.length}), facilitators.csv (${facilitators.length})\n`);
