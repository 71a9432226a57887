// Exports over HTTP (?format= or Accept) and a clinic sent with its spreadsheets as CSV text.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PART2_NOTICE } from "../../src/domain/index.js";
import { facilitator, patient, scenarioInput } from "../fixtures.js";
import { type TestServer, testServer } from "./http-helpers.js";

const body = JSON.stringify({
  scenario: scenarioInput({ patients: Array.from({ length: 8 }, (_, i) => patient(`P${i + 1}`)), facilitators: [facilitator("F1")] }),
  maxIterations: 2000,
});
const root = new URL("../../", import.meta.url).pathname;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("HTTP exports", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer();
  });
  afterAll(async () => server.close());
  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: "POST", url, headers: { "content-type": "application/json", ...headers }, payload });

  it("the roster page, with a policy that lets its one inline script run and nothing else", async () => {
    const res = await post("/v1/rosters?format=html", body);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain(PART2_NOTICE);
    const script = /<script>([\s\S]*)<\/script>/.exec(res.body)![1];
    const hash = createHash("sha256").update(script).digest("base64");
    expect(res.headers["content-security-policy"]).toBe(`default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'`);
  });

  it("CSV by Accept, calendars for one owner, sign-in sheets", async () => {
    const csv = await post("/v1/rosters", body, { accept: "text/csv" });
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.body.split("\n")[0]).toBe("Patient ID,Kind,Date,Day,Start,End,Part,Track,Topic,Facilitator,Room,Session ID,Notice");
    const ics = await post("/v1/rosters?format=ics&for=patient:P1", body);
    expect(ics.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(ics.body).toContain("BEGIN:VCALENDAR");
    // Saved under a name that says whose week it is; a page opens in the browser.
    const roster = JSON.parse((await post("/v1/rosters", body)).body);
    const stem = `${roster.clinicId}-${roster.weekStart}`;
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="${stem}-roster.csv"`);
    expect(ics.headers["content-disposition"]).toBe(`attachment; filename="${stem}-patient-P1.ics"`);
    const page = await post("/v1/rosters?format=html", body);
    expect(page.headers["content-disposition"]).toBe(`inline; filename="${stem}-roster.html"`);
    expect(ics.body).not.toContain("P2");
    const sheets = await post("/v1/rosters?format=sign-in&for=facilitator:F1", body);
    expect(sheets.body).toContain("<td>P1</td>");
    expect(sheets.headers["content-disposition"]).toBe(`inline; filename="${stem}-sign-in-facilitator-F1.html"`);
    expect((await post("/v1/rosters", body, { accept: "application/json, text/csv" })).json().sessions).toBeDefined();
  });

  it("a roster the client holds, exported without a solve: as the solve's export; refused when the validator refuses it", async () => {
    const { scenario } = JSON.parse(body);
    const roster = JSON.parse((await post("/v1/rosters", body)).body);
    const solved = await post("/v1/rosters?format=csv", body);
    const given = await post("/v1/rosters/export?format=csv", JSON.stringify({ scenario, roster }));
    expect(given.statusCode).toBe(200);
    expect(given.body).toBe(solved.body);
    expect(given.headers["content-disposition"]).toBe(solved.headers["content-disposition"]);
    const calendar = await post("/v1/rosters/export", JSON.stringify({ scenario, roster }), { accept: "text/calendar" });
    expect(calendar.json()).toMatchObject({ status: 422, detail: expect.stringContaining("a calendar is for one patient") });
    expect((await post("/v1/rosters/export?format=ics&for=patient:P1", JSON.stringify({ scenario, roster }))).body).toContain(
      "BEGIN:VEVENT",
    );
    const noFormat = await post("/v1/rosters/export", JSON.stringify({ scenario, roster }));
    expect(noFormat.json()).toMatchObject({ status: 422, detail: expect.stringContaining("say which export") });
    const broken = await post(
      "/v1/rosters/export?format=csv",
      JSON.stringify({ scenario, roster: { ...roster, sessions: roster.sessions.slice(1) } }),
    );
    expect(broken.statusCode).toBe(422);
    expect(broken.json().errors[0]).toMatchObject({
      path: "roster",
      message: expect.stringContaining("the validator refuses this roster"),
    });
    const otherWeek = { ...roster, weekStart: "2026-12-07" };
    expect((await post("/v1/rosters/export?format=csv", JSON.stringify({ scenario, roster: otherWeek }))).statusCode).toBe(422);
  });

  it("the roster the client holds as an Excel workbook: saved under its name, by ?format= or Accept; the whole roster only", async () => {
    const { scenario } = JSON.parse(body);
    const roster = JSON.parse((await post("/v1/rosters", body)).body);
    const given = JSON.stringify({ scenario, roster });
    const res = await post("/v1/rosters/export?format=xlsx", given);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(XLSX);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="${roster.clinicId}-${roster.weekStart}-roster.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Attendance", "Groups", "Patients", "Facilitators"]);
    expect(book.getWorksheet("Patients")!.rowCount).toBe(roster.patients.length + 1);
    const byAccept = await post("/v1/rosters/export", given, { accept: XLSX });
    expect(byAccept.headers["content-type"]).toBe(XLSX);
    expect(byAccept.rawPayload.subarray(0, 2).toString("latin1")).toBe("PK");
    const forOne = await post("/v1/rosters/export?format=xlsx&for=patient:P1", given);
    expect(forOne.statusCode).toBe(422);
    expect(forOne.json()).toMatchObject({
      type: "urn:iop-roster:problem:export-unavailable",
      detail: expect.stringContaining("whole roster"),
    });
    // A solve answers with the workbook too.
    expect((await post("/v1/rosters?format=xlsx", body)).headers["content-type"]).toBe(XLSX);
  });

  it("Accept is negotiated by its q-values; a type no route makes is 406, not a silent JSON answer", async () => {
    const preferred = await post("/v1/rosters", body, { accept: "application/json;q=0.5, text/html" });
    expect(preferred.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect((await post("/v1/rosters", body, { accept: "*/*" })).json().sessions).toBeDefined();
    const pdf = await post("/v1/rosters", body, { accept: "application/pdf" });
    expect(pdf.statusCode).toBe(406);
    expect(pdf.json()).toMatchObject({
      type: "urn:iop-roster:problem:not-acceptable",
      detail: `this route answers with application/json, text/csv, text/calendar, text/html, ${XLSX}`,
    });
    // The query names the export outright: it wins over the header.
    expect((await post("/v1/rosters?format=csv", body, { accept: "application/pdf" })).statusCode).toBe(200);
  });

  it("a finished job's roster as an export; the job's JSON without a format", async () => {
    const start = await post("/v1/jobs", body);
    const location = start.headers.location as string;
    for (let i = 0; i < 100 && (await server.app.inject(location)).json().status !== "done"; i++)
      await new Promise((r) => setTimeout(r, 100));
    const page = await server.app.inject(`${location}?format=html`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain(PART2_NOTICE);
    const csv = await server.app.inject({ url: location, headers: { accept: "text/csv" } });
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect((await server.app.inject(`${location}?format=ics`)).json().type).toBe("urn:iop-roster:problem:export-unavailable");
    expect((await server.app.inject(location)).json().status).toBe("done");
  });

  it("an export that cannot be made is refused before solving, or named after it", async () => {
    const noOwner = await post("/v1/rosters?format=ics", body);
    expect(noOwner.statusCode).toBe(422);
    expect(noOwner.json()).toMatchObject({
      type: "urn:iop-roster:problem:export-unavailable",
      detail: expect.stringContaining("say which"),
    });
    const unknown = await post("/v1/rosters?format=ics&for=patient:nobody", body);
    expect(unknown.json()).toMatchObject({
      type: "urn:iop-roster:problem:export-unavailable",
      detail: "the roster has no patient with that id",
    });
    const bad = await post("/v1/rosters?format=pdf", body);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe("query.format");
  });

  it("a clinic with its spreadsheets: the roster, what was read, and the rows left out", async () => {
    const clinic = JSON.parse(readFileSync(`${root}scenarios/ohio-60/clinic.json`, "utf8"));
    const patientsCsv = readFileSync(`${root}scenarios/ohio-60/patients.csv`, "utf8").replace("P0002,iop", "P0002,detox");
    const facilitatorsCsv = readFileSync(`${root}scenarios/ohio-60/facilitators.csv`, "utf8");
    const res = await post("/v1/rosters/from-csv", JSON.stringify({ clinic, patientsCsv, facilitatorsCsv, maxIterations: 3000 }));
    expect(res.statusCode).toBe(200);
    const { roster, input } = res.json();
    expect(roster.patients).toHaveLength(59);
    expect(input.read).toEqual({ patients: 59, facilitators: 5 });
    expect(input.rowsLeftOut).toEqual([{ path: 'patientsCsv row 3, column "Level"', message: expect.stringContaining("unknown level") }]);
    const page = await post(
      "/v1/rosters/from-csv?format=html",
      JSON.stringify({ clinic, patientsCsv, facilitatorsCsv, maxIterations: 3000 }),
    );
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    // The rows left out are on the page and in a header, not only in the JSON answer.
    expect(page.headers["x-rows-left-out"]).toBe("1");
    expect(page.body).toContain("Rows left out of this roster (1)");
    expect(page.body).toContain("patientsCsv row 3, column &quot;Level&quot;");
    expect(page.headers["cache-control"]).toBe("no-store");
    const broken = await post("/v1/rosters/from-csv", JSON.stringify({ clinic, patientsCsv: "Name\nZelda" }));
    expect(broken.statusCode).toBe(422);
    expect(broken.body).not.toContain("Zelda");
  });
});
