// An export written where the command line was asked to: shared by \`npm run roster\` and \`npm run export\`.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Roster, Scenario } from "../../domain/index.js";
import { type ExportFormat, allCalendars, exportRequestProblem, renderExportFile } from "../export/index.js";
import { EXIT, ExitError } from "./common.js";

/** Whether the export can be written as asked, said before anything is read or solved: null, or what to change. */
export function writeProblem(format: ExportFormat, forWhom: string | undefined, out: string | undefined): string | null {
  if (format === "ics" && forWhom === undefined && out !== undefined) return null;
  const unfit = exportRequestProblem(format, forWhom);
  if (unfit) return `${unfit}${format === "ics" ? "; or --out <folder> for every calendar" : ""}`;
  // A workbook is a binary file, not text for the terminal.
  return format === "xlsx" && out === undefined ? "the xlsx workbook is a file: say where with --out <file.xlsx>" : null;
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
  const rendered = await renderExportFile(format, scenario, roster, forWhom, leftOut);
  if (!rendered.ok) throw new ExitError(EXIT.badInput, rendered.message);
  const body = "bytes" in rendered ? rendered.bytes : rendered.text;
  // A calendar without an event is still written (an import then clears last week's), but never unremarked.
  if (format === "ics" && !body.includes("BEGIN:VEVENT"))
    process.stderr.write(`note: ${forWhom} has no group this week: the calendar holds no event (see the waitlist for why)\n`);
  if (out) {
    await writeFile(out, body);
    process.stderr.write(`wrote ${out}\n`);
  } else process.stdout.write(body);
}
