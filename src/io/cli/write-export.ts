// An export written where the command line was asked to: shared by \`npm run roster\` and \`npm run export\`.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Roster, Scenario } from "../../domain/index.js";
import { type ExportFormat, allCalendars, exportRequestProblem, renderExport } from "../export/index.js";
import { EXIT, ExitError } from "./common.js";

/** Whether the export can be written as asked, said before anything is read or solved: null, or what to change. */
export function writeProblem(format: ExportFormat, forWhom: string | undefined, out: string | undefined): string | null {
  if (format === "ics" && forWhom === undefined && out !== undefined) return null;
  const unfit = exportRequestProblem(format, forWhom);
  return unfit && `${unfit}${format === "ics" ? "; or --out <folder> for every calendar" : ""}`;
}

/** An export to stdout or --out; every calendar at once goes to --out as a folder of .ics files. */
export async function writeExport(
  format: ExportFormat,
  scenario: Scenario,
  roster: Roster,
  forWhom: string | undefined,
  out: string | undefined,
  leftOut: readonly string[],
): Promise<void> {
  if (format === "ics" && forWhom === undefined && out) {
    await mkdir(out, { recursive: true });
    const files = allCalendars(scenario, roster);
    for (const file of files) await writeFile(join(out, file.name), file.text);
    process.stderr.write(`wrote ${files.length} calendars to ${out}\n`);
    return;
  }
  const rendered = renderExport(format, scenario, roster, forWhom, leftOut);
  if (!rendered.ok) throw new ExitError(EXIT.badInput, rendered.message);
  // A calendar without an event is still written (an import then clears last week's), but never unremarked.
  if (format === "ics" && !rendered.text.includes("BEGIN:VEVENT"))
    process.stderr.write(`note: ${forWhom} has no group this week: the calendar holds no event (see the waitlist for why)\n`);
  if (out) {
    await writeFile(out, rendered.text);
    process.stderr.write(`wrote ${out}\n`);
  } else process.stdout.write(rendered.text);
}
