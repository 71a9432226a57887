// A spreadsheet export read as a header and rows, each row with the number a spreadsheet shows (the header is
// row 1). Comma or semicolon, BOM or none, quoted cells with line breaks; a broken row is reported and skipped,
// never a crash, and junk stops after a bounded number of problems.
import { CsvError, parse } from "csv-parse/sync";
import { PROBLEMS_LISTED, shownText } from "../../domain/index.js";

export interface CsvProblem {
  /** Spreadsheet row (header = 1); null for the file as a whole. */
  readonly row: number | null;
  readonly column?: string;
  readonly message: string;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly { readonly row: number; readonly cells: readonly string[] }[];
  readonly problems: readonly CsvProblem[];
}

/** Spreadsheets in locales with a decimal comma export with semicolons: the header line says which it is. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(";") > count(",") ? ";" : count("\t") > count(",") ? "\t" : ",";
}

class TooManyProblems extends Error {}

/** What a file that is not a UTF-8 CSV says of itself, and how to save it as one; null when it is one. */
function notCsv(text: string): string | null {
  if (text.startsWith("PK\u0003\u0004"))
    return 'this is an Excel workbook (.xlsx), not CSV: save the sheet as "CSV UTF-8 (Comma delimited)" and read that';
  if (text.includes("\uFFFD"))
    return 'the file is not UTF-8 (Windows-1252, as older Excel saves "CSV"?): some characters cannot be read; save it as "CSV UTF-8"';
  return null;
}

export function readTable(input: string): CsvTable {
  // csv-parse counts a CRLF inside a quoted cell as two lines; with LF alone every row number is right.
  let text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const wrong = notCsv(text);
  if (wrong) return { header: [], rows: [], problems: [{ row: null, message: wrong }] };
  // Excel's "sep=;" first line names the delimiter; Excel hides it, so the header is still row 1.
  const sep = /^"?sep=(.)"?\n/i.exec(text);
  if (sep) text = text.slice(sep[0].length);
  const problems: CsvProblem[] = [];
  const note = (problem: CsvProblem) => {
    const last = problems.at(-1);
    if (last && last.row === problem.row && last.message === problem.message) return;
    if (problems.length >= PROBLEMS_LISTED) throw new TooManyProblems();
    problems.push(problem);
  };
  let records: { record: string[]; raw: string; info: { lines: number } }[] = [];
  try {
    // With raw and info on, csv-parse returns { record, raw, info } per row; its types only know plain rows.
    records = parse(text, {
      delimiter: sep ? sep[1] : delimiterOf(text),
      relax_column_count: true,
      // A quote inside an unquoted cell (a 5' 6" typed in a note) is text, as spreadsheets write it.
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      raw: true,
      info: true,
      max_record_size: 100_000,
      on_skip: (error) => {
        note({ row: error && typeof error.lines === "number" ? error.lines : null, message: readableCsvError(error) });
        return undefined;
      },
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof TooManyProblems) return { header: [], rows: [], problems: [...problems, tooMany()] };
    if (!(error instanceof CsvError)) throw error;
    return { header: [], rows: [], problems: [...problems, { row: null, message: readableCsvError(error) }] };
  }
  if (records.length === 0) return { header: [], rows: [], problems: [...problems, { row: null, message: "the file has no header row" }] };
  const [head, ...body] = records;
  // Header names are shown back (columns not read, the column a bad cell is in, the roster page's rows left out)
  // and no schema reads them: a line break or a bidi control in one must not reach those.
  const header = head.record.map((h) => shownText(h.trim()));
  const rows: { row: number; cells: string[] }[] = [];
  try {
    for (const { record, raw, info } of body) {
      // info.lines is where the record ends; a quoted cell with line breaks started it earlier.
      const row = info.lines - (raw.replace(/^\n+|\n+$/g, "").split("\n").length - 1);
      if (record.every((c) => c.trim() === "")) continue;
      if (record.length !== header.length) {
        note({ row, message: `has ${record.length} cells; the header has ${header.length} (a stray delimiter or a missing one?)` });
        continue;
      }
      rows.push({ row, cells: record });
    }
  } catch (error) {
    if (!(error instanceof TooManyProblems)) throw error;
    return { header, rows, problems: [...problems, tooMany()] };
  }
  return { header, rows, problems: [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
}

function tooMany(): CsvProblem {
  return { row: null, message: `more than ${PROBLEMS_LISTED} problems: is this the right file, exported as CSV? Reading stopped` };
}

function readableCsvError(error: CsvError | undefined): string {
  switch (error?.code) {
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_QUOTE_NOT_CLOSED":
      return 'a quote in this row is not closed or stands inside a cell; quote whole cells ("Mon-Fri 08:00-17:30")';
    case "CSV_MAX_RECORD_SIZE":
      return "a row far longer than any spreadsheet row; is this a CSV file?";
    default:
      return "this row cannot be read as CSV";
  }
}
