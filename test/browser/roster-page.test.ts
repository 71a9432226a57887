// The roster page in a real browser (Debian's chromium, headless): what a coordinator sees, not what the HTML
// string contains. CI installs chromium and sets REQUIRE_BROWSER=1, so there the test cannot be skipped.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, chromiumInstalled, launchChromium } from "../../bench/chromium.js";
import { PART2_NOTICE, type Roster, Scenario, SolveOptions } from "../../src/domain/index.js";
import { rosterPage } from "../../src/io/export/page.js";
import { signInSheets } from "../../src/io/export/sign-in.js";
import { localTimes } from "../../src/io/export/week-view.js";
import { solve } from "../../src/solver/solve.js";
import { WEEK, patient, scenario } from "../fixtures.js";
import { wholeWeekInput } from "../services/fixtures.js";

const run = chromiumInstalled() || process.env.REQUIRE_BROWSER === "1";
if (!run) console.warn(`browser tests skipped: no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.runIf(run)("the roster page in chromium", () => {
  const clinic = scenario({
    slots: ["mon", "wed", "fri"].flatMap((day) => [
      { id: `${day}-day`, day: day as "mon", start: "09:00", end: "12:00", part: "day" as const },
      { id: `${day}-eve`, day: day as "mon", start: "18:00", end: "21:00", part: "evening" as const },
    ]),
    facilitators: [
      {
        id: "F1",
        credentials: ["LADC"],
        tracks: ["substance-use"],
        availability: [{ days: ["mon", "wed", "fri"], start: "08:00", end: "22:00" }],
        maxHoursPerWeek: 30,
      },
    ],
    patients: [
      ...Array.from({ length: 8 }, (_, i) => patient(`D${i + 1}`, { preference: "day" })),
      ...Array.from({ length: 8 }, (_, i) => patient(`E${i + 1}`, { preference: "evening" })),
      patient("W9", { unavailable: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "07:00", end: "22:00", kind: "work" }] }),
    ],
  });
  // The whole week (one-to-ones, a family group, drug tests) with ids as clinics write them, hyphen and all.
  const input = wholeWeekInput();
  const staff = (id: string) => `ST-${id}`;
  const whole = Scenario.parse({
    ...input,
    rooms: input.rooms.map((r) => ({ ...r, id: `RM-${r.id}` })),
    facilitators: input.facilitators.map((f) => ({ ...f, id: staff(f.id) })),
    patients: input.patients.map((p) => ({
      ...p,
      id: `BR-100${p.id.slice(1)}`,
      primaryTherapistId: p.primaryTherapistId && staff(p.primaryTherapistId),
    })),
  });
  let roster: Roster;
  let wholeRoster: Roster;
  let browser: Browser;
  let page: Page;
  let wholePage: Page;

  beforeAll(async () => {
    roster = solve(clinic, SolveOptions.parse({ seed: 1, maxIterations: 5000 }));
    const file = join(mkdtempSync(join(tmpdir(), "roster-page-")), "roster.html");
    writeFileSync(file, rosterPage(clinic, roster));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    wholeRoster = solve(whole, SolveOptions.parse({ seed: 3, maxIterations: 4000 }));
    const wholeFile = join(mkdtempSync(join(tmpdir(), "roster-page-")), "roster.html");
    writeFileSync(wholeFile, rosterPage(whole, wholeRoster));
    wholePage = await browser.newPage();
    await wholePage.goto(pathToFileURL(wholeFile).href);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  // A print test that fails must not leave the next one a page without its search box.
  afterEach(async () => {
    for (const p of [page, wholePage]) await p?.emulateMedia({ media: "screen" });
  });

  it("shows every group of the week in the grid, once", async () => {
    const shown = await page.locator("#week .group").evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.session));
    expect(shown.sort()).toEqual(roster.sessions.map((s) => s.id).sort());
    for (const s of roster.sessions) await expect(page.locator(`#week [data-session="${s.id}"]`).isVisible()).resolves.toBe(true);
  });

  it("lists every patient, shows who is short and why, and carries the notice", async () => {
    expect(await page.locator("#patients tbody tr").count()).toBe(roster.patients.length);
    const short = await page.locator("#short tbody tr").allInnerTexts();
    expect(short.some((row) => row.startsWith("W9"))).toBe(true);
    expect(await page.getByRole("note").first().innerText()).toBe(PART2_NOTICE);
  });

  it("a search by patient id finds their week and hides everyone else", async () => {
    const mine = roster.patients.find((p) => p.id === "E3")!;
    await page.fill("#patient-search", "e3");
    const visible = page.locator("#patients tbody tr:visible");
    expect(await visible.count()).toBe(1);
    const text = await visible.innerText();
    expect(text).toContain("E3");
    for (const id of mine.sessionIds) expect(text).toContain(roster.sessions.find((s) => s.id === id)!.topicTitle);
    await page.fill("#patient-search", "nobody");
    expect(await page.locator("#patients tbody tr:visible").count()).toBe(0);
    expect(await page.locator("#no-patient").isVisible()).toBe(true);
    await page.fill("#patient-search", "");
    expect(await page.locator("#patients tbody tr:visible").count()).toBe(roster.patients.length);
  });

  it("prints without the search box, every group still there", async () => {
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#patient-search").isVisible()).toBe(false);
    expect(await page.locator("#week .group:visible").count()).toBe(roster.sessions.length);
    await page.emulateMedia({ media: "screen" });
  });

  it("prints every patient's row whatever was searched, and no 'no patient' line", async () => {
    for (const query of ["nobody", "e3"]) {
      await page.fill("#patient-search", query);
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("#patients tbody tr:visible").count()).toBe(roster.patients.length);
      expect(await page.locator("#no-patient").isVisible()).toBe(false);
      await page.emulateMedia({ media: "screen" });
    }
    expect(await page.locator("#patients tbody tr:visible").count()).toBe(1);
    await page.fill("#patient-search", "");
  });

  it("prints a facilitator's table with its caption, never the caption alone at a page's foot", async () => {
    await page.emulateMedia({ media: "print" });
    const styles = await page
      .locator("table.facilitator")
      .evaluateAll((tables) =>
        tables.map((t) => [getComputedStyle(t).breakInside, getComputedStyle(t.querySelector("caption")!).breakAfter]),
      );
    expect(styles.length).toBeGreaterThan(0);
    for (const style of styles) expect(style).toEqual(["avoid", "avoid"]);
  });

  it("prints every id on one line: BR-1001 is never BR- and 1001", async () => {
    expect(wholeRoster.individualSessions.length).toBeGreaterThan(0);
    await wholePage.emulateMedia({ media: "print" });
    const broken = new Set<string>();
    // Narrow pages put many ids at a line's end, where a hyphen is a place to break.
    for (const width of [360, 480, 640, 800]) {
      await wholePage.setViewportSize({ width, height: 800 });
      const found = await wholePage.evaluate(() => {
        const out: string[] = [];
        const texts = document.createTreeWalker(document.querySelector("main")!, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode())
          for (const m of node.textContent!.matchAll(/\b(BR|ST|RM)-[A-Za-z0-9]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) out.push(m[0]);
          }
        return out;
      });
      for (const id of found) broken.add(`${id} at ${width}px`);
    }
    expect([...broken]).toEqual([]);
    const whiteSpace = (selector: string) =>
      wholePage
        .locator(selector)
        .first()
        .evaluate((e) => getComputedStyle(e).whiteSpace);
    for (const selector of ["#patients tbody th", "#patients tbody .id", "#week .group .id", "table.facilitator caption"])
      expect(await whiteSpace(selector), selector).toBe("nowrap");
  });

  it("a search finds a patient's one-to-one and family group place beside their groups, and never a drug test", async () => {
    expect(wholeRoster.drugTests.length).toBeGreaterThan(0);
    const at = (b: { start: string; end: string }) => {
      const t = localTimes(b.start, b.end, wholeRoster.timeZone);
      return `${t.dayLabel} ${t.start}–${t.end}`;
    };
    for (const p of wholeRoster.patients) {
      await wholePage.fill("#patient-search", p.id);
      const row = wholePage.locator("#patients tbody tr:visible");
      expect(await row.count()).toBe(1);
      const text = await row.innerText();
      const mine = wholeRoster.individualSessions.filter((i) => i.patientId === p.id);
      const family = wholeRoster.familySessions.filter((f) => f.patientIds.includes(p.id));
      for (const i of mine) expect(text).toContain(`${at(i)}: one-to-one with ${i.therapistId}, room ${i.roomId}`);
      for (const f of family) expect(text).toContain(`${at(f)}: family group, room ${f.roomId}, ${f.facilitatorId}`);
      expect(text.match(/one-to-one/g)?.length ?? 0).toBe(mine.length);
      expect(text.match(/family group/g)?.length ?? 0).toBe(family.length);
    }
    // The first patient brings family and has a primary therapist: both show.
    expect(wholeRoster.familySessions.some((f) => f.patientIds.includes("BR-1001"))).toBe(true);
    expect(wholeRoster.individualSessions.some((i) => i.patientId === "BR-1001")).toBe(true);
    await wholePage.fill("#patient-search", "");
    expect(await wholePage.locator("#patients").innerText()).not.toMatch(/drug|\btest/i);
  });

  it("prints the week on landscape pages, the grid no wider than the paper", async () => {
    const pdf = await page.pdf({ preferCSSPageSize: true, format: "Letter" });
    const box = pdfPageSize(pdf);
    expect(box.width).toBeGreaterThan(box.height);
    // The printable width at 96 px per inch: the page less the 1 cm margins on either side.
    const printable = Math.floor((box.width / 72) * 96 - 2 * (96 / 2.54));
    await page.setViewportSize({ width: printable, height: 800 });
    await page.emulateMedia({ media: "print" });
    const grid = await page.locator("#week").boundingBox();
    expect(grid!.x + grid!.width).toBeLessThanOrEqual(printable);
    await page.emulateMedia({ media: "screen" });
  });

  it("prints one sign-in sheet per page, a full group of 15 too, with no page left holding only the notice", async () => {
    const full = scenario({
      clinic: { id: "full-groups", timeZone: "America/Chicago", weekStart: WEEK, groupSize: { min: 4, max: 15 } },
      rooms: [{ id: "R1", capacity: 15 }],
      patients: Array.from({ length: 15 }, (_, i) => patient(`P${String(i + 1).padStart(4, "0")}`)),
    });
    const fullRoster = solve(full, SolveOptions.parse({ seed: 1, maxIterations: 2000 }));
    expect(Math.max(...fullRoster.sessions.map((s) => s.patientIds.length))).toBe(15);
    for (const [c, r] of [
      [clinic, roster],
      [full, fullRoster],
    ] as const) {
      const sheets = await browser.newPage();
      await sheets.setContent(signInSheets(c, r)!);
      expect(pdfPages(await sheets.pdf({ preferCSSPageSize: true }))).toBe(r.sessions.length);
      await sheets.close();
    }
  });
});

/** Pages in a PDF chromium printed: one page object each. */
function pdfPages(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
}

/** The first page's size in points, from its media box. */
function pdfPageSize(pdf: Buffer): { width: number; height: number } {
  const box = pdf.toString("latin1").match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  return { width: Number(box![1]), height: Number(box![2]) };
}
