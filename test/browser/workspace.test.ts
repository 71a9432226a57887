// The coordinator's workspace end to end in Debian's chromium: sign in with a key, upload the Ohio sample's
// spreadsheets, solve with live progress, move a patient by hand, publish, download the CSV and a calendar; every
// page passes axe with no serious or critical violation; a key of another clinic sees none of it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, chromiumInstalled, launchChromium } from "../../bench/chromium.js";
import { DraftBook } from "../../src/io/store/drafts.js";
import { KeyStore } from "../../src/io/store/keys.js";
import { RosterArchive } from "../../src/io/store/rosters.js";
import { validate } from "../../src/validator/index.js";
import { type TestServer, testServer } from "../io/http-helpers.js";

const run = chromiumInstalled() || process.env.REQUIRE_BROWSER === "1";
if (!run) console.warn(`browser tests skipped: no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const OHIO = "scenarios/ohio-60";
const WEEK = "2026-11-30";

interface Axe {
  run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
}

/** axe-core in the page (evaluated over the protocol, so the page's own CSP stays as served): serious and critical only. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}, ${v.nodes})`);
}

describe.runIf(run)("the workspace in chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let ohioKey: string;
  let otherKey: string;
  const pagesChecked = new Map<string, string[]>();

  beforeAll(async () => {
    server = await testServer({ API_KEYS: "bootstrap-admin-key-0123456789" });
    const keys = new KeyStore(server.db);
    ohioKey = (await keys.create("test", { role: "publisher", clinics: ["ohio-60"], label: "Ohio coordinator" })).key;
    otherKey = (await keys.create("test", { role: "publisher", clinics: ["north"], label: "North coordinator" })).key;
    await server.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, key: string) {
    await page.goto(`${base}/app`);
    expect(new URL(page.url()).pathname).toBe("/app/sign-in");
    pagesChecked.set("sign-in", await accessibilityProblems(page));
    await page.getByLabel("Key").fill(key);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/app`);
  }

  it("takes a coordinator from sign-in to a published week, with its exports", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, ohioKey);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "iop_session")!;
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/app" });
    pagesChecked.set("clinics", await accessibilityProblems(page));

    // Upload the Ohio sample: its settings, patients and facilitators.
    await page.getByLabel("Clinic settings (JSON)").setInputFiles(`${OHIO}/clinic.json`);
    await page.getByLabel("Patients").setInputFiles(`${OHIO}/patients.csv`);
    await page.getByLabel("Facilitators").setInputFiles(`${OHIO}/facilitators.csv`);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.waitForURL(`${base}/app/clinics/ohio-60/weeks/${WEEK}`);
    await expect(page.locator("#read-heading + p").innerText()).resolves.toMatch(/^60 patients, \d+ facilitators/);
    pagesChecked.set("week before solving", await accessibilityProblems(page));

    // Solve: the page follows the job and shows the week when it ends.
    await page.getByLabel("Time limit (seconds)").fill("2");
    await page.getByRole("button", { name: "Solve" }).click();
    const week = page.getByRole("table", { name: /^The week/ });
    await week.waitFor({ timeout: 30_000 });
    const draft = (await new DraftBook(server.db).get("ohio-60", WEEK))!;
    expect(draft.roster).not.toBeNull();
    expect(validate(draft.scenario, draft.roster!).valid).toBe(true);
    expect(await page.locator("#week .group").count()).toBe(draft.roster!.sessions.length);
    pagesChecked.set("week solved", await accessibilityProblems(page));

    // Move a patient out of a group with members to spare, checked before it is kept.
    const roster = draft.roster!;
    const group = roster.sessions.find((s) => s.patientIds.length >= 6)!;
    const patient = group.patientIds[0];
    await page.getByLabel("Patient", { exact: true }).selectOption(patient);
    // Only the patient's own groups are offered to move them from (and "not from a group").
    const offered = await page.locator("#move-from option:not([hidden])").evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    const own = roster.sessions.filter((s) => s.patientIds.includes(patient)).map((s) => s.id);
    expect([...offered].sort()).toEqual(["", ...own].sort());
    await page.getByLabel("From group").selectOption(group.id);
    await page.getByRole("button", { name: "Check the move" }).click();
    await expect(page.getByRole("status").first().innerText()).resolves.toContain("breaks no rule");
    const effect = await page.getByRole("table", { name: "What the move does" }).innerText();
    expect(effect).toContain(`${patient}: hours`);
    pagesChecked.set("move checked", await accessibilityProblems(page));
    await page.getByRole("button", { name: "Keep this move" }).click();
    await week.waitFor();
    await expect(page.locator("#edited").innerText()).resolves.toContain("Edited by hand");
    const kept = (await new DraftBook(server.db).get("ohio-60", WEEK))!.roster!;
    expect(kept.sessions.find((s) => s.id === group.id)!.patientIds).not.toContain(patient);

    // Publish, then the exports of the week.
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.locator("#published").innerText()).resolves.toContain("edition 1");
    await expect(page.locator("main").innerText()).resolves.toContain("Publishing again puts this roster in force as edition 2");
    const published = await new RosterArchive(server.db).find("ohio-60", "latest");
    expect(published!.roster.sessions.find((s) => s.id === group.id)!.patientIds).not.toContain(patient);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Attendance list/ }).click()]);
    expect(csv.suggestedFilename()).toBe(`ohio-60-${WEEK}-roster.csv`);
    const csvText = readFileSync((await csv.path())!, "utf8");
    expect(csvText.split("\n")[0]).toMatch(/^Patient ID,Kind,Date,/);

    await page.getByLabel("Calendar for").selectOption(`facilitator:${group.facilitatorId}`);
    const [ics] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download calendar" }).click()]);
    const calendar = readFileSync((await ics.path())!, "utf8");
    expect(calendar).toContain("BEGIN:VCALENDAR");
    expect(calendar).toContain("SEQUENCE:0");

    // Attendance of the published week: the group's first member marked present.
    await page.getByRole("link", { name: "Attendance of the published week" }).click();
    await page.getByLabel("Session").selectOption(group.id);
    await page.getByRole("button", { name: "Show" }).click();
    const member = published!.roster.sessions.find((s) => s.id === group.id)!.patientIds[0];
    await page.getByLabel(member, { exact: true }).selectOption("present");
    await page.getByRole("button", { name: "Save attendance" }).click();
    await expect(page.getByLabel(member, { exact: true }).inputValue()).resolves.toBe("present");
    await expect(page.getByRole("status").innerText()).resolves.toBe("Saved 1 mark.");
    const marks = await server.db.query<{ patient_id: string; status: string }>("select patient_id, status from attendance");
    expect(marks).toEqual([{ patient_id: member, status: "present" }]);
    // Everyone else of another group at once.
    const other = published!.roster.sessions.find((s) => s.id !== group.id && s.patientIds.length > 0)!;
    await page.getByLabel("Session").selectOption(other.id);
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByRole("button", { name: "Mark everyone present" }).click();
    await expect(page.getByRole("status").innerText()).resolves.toBe(
      `Saved ${other.patientIds.length} mark${other.patientIds.length > 1 ? "s" : ""}.`,
    );
    expect(await page.getByLabel("Session").locator("option", { hasText: "(marked)" }).count()).toBe(2);
    pagesChecked.set("attendance", await accessibilityProblems(page));
    await page.getByRole("link", { name: "Week", exact: true }).click();

    // What-if: each change re-solved on the pool, best first.
    await page.getByRole("button", { name: "Try what-if" }).click();
    await expect(page.locator("#what-if p").first().innerText()).resolves.toMatch(/^Now: [\d.]+ unmet hours/);
    pagesChecked.set("what-if", await accessibilityProblems(page));

    // The clinic's page lists the week, planned and published.
    await page.getByRole("link", { name: "ohio-60" }).click();
    await expect(page.getByRole("table", { name: /weeks/ }).innerText()).resolves.toContain("published (1 edition)");
    pagesChecked.set("clinic", await accessibilityProblems(page));

    // Next week from the record: the patients carried, solved, and set against the week published.
    await page.getByRole("button", { name: "Make next week" }).click();
    await page.waitForURL(`${base}/app/clinics/ohio-60/weeks/2026-12-07`);
    await page.getByLabel("Time limit (seconds)").fill("2");
    await page.getByRole("button", { name: "Solve" }).click();
    await week.waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: /^Since last week/ }).click();
    await expect(page.locator("#diff p").first().innerText()).resolves.toMatch(/^\d+ moved, \d+ admitted, \d+ discharged/);
    pagesChecked.set("since last week", await accessibilityProblems(page));
    await context.close();
  }, 120_000);

  it("shows another clinic's key none of it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, otherKey);
    await expect(page.locator("main").innerText()).resolves.not.toContain("ohio-60");
    for (const path of [
      `/app/clinics/ohio-60`,
      `/app/clinics/ohio-60/weeks/${WEEK}`,
      `/app/clinics/ohio-60/weeks/${WEEK}/export?format=csv`,
    ]) {
      const answer = await page.goto(`${base}${path}`);
      expect(answer!.status(), path).toBe(404);
      await expect(page.locator("main").innerText()).resolves.not.toContain("P00");
    }
    pagesChecked.set("not found", await accessibilityProblems(page));
    await context.close();
  }, 60_000);

  it("every page it showed has no serious or critical accessibility problem", () => {
    expect(pagesChecked.size).toBe(10);
    expect(Object.fromEntries(pagesChecked)).toEqual(Object.fromEntries([...pagesChecked.keys()].map((k) => [k, []])));
  });
});
