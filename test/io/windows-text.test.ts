// Weekly windows typed into a spreadsheet cell, read the way a coordinator means them, or refused with the fix.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatWindows, parseAvailabilityText, parseTime, parseWindowsText } from "../../src/io/csv/windows-text.js";

const read = (text: string) => parseWindowsText(text, "other");

describe("window text", () => {
  it("reads the forms people write", () => {
    expect(read("Mon-Fri 08:00-17:30 work; Sat 09:00-13:00")).toEqual({
      ok: true,
      windows: [
        { days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "17:30", kind: "work" },
        { days: ["sat"], start: "09:00", end: "13:00", kind: "other" },
      ],
    });
    expect(read("work: Tue, Thu 6pm to 11pm")).toEqual({
      ok: true,
      windows: [{ days: ["tue", "thu"], start: "18:00", end: "23:00", kind: "work" }],
    });
    expect(read("Monday and Wednesday 7:30am – 3:15pm school")).toEqual({
      ok: true,
      windows: [{ days: ["mon", "wed"], start: "07:30", end: "15:15", kind: "school" }],
    });
    expect(read("weekdays noon-1pm childcare")).toEqual({
      ok: true,
      windows: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "12:00", end: "13:00", kind: "childcare" }],
    });
  });

  it("reads what spreadsheets and other systems write: spaced ranges, times without a colon or with seconds, commas between windows", () => {
    const weekdays = ["mon", "tue", "wed", "thu", "fri"];
    expect(read("Mon - Fri 0800-1700")).toEqual({ ok: true, windows: [{ days: weekdays, start: "08:00", end: "17:00", kind: "other" }] });
    expect(read("Mon-Fri 08:00:00-17:30:00")).toEqual({
      ok: true,
      windows: [{ days: weekdays, start: "08:00", end: "17:30", kind: "other" }],
    });
    expect(read("Mon-Fri 08:00-17:00 work, Sat 09:00-13:00 childcare, Tue, Thu 18:00-20:00")).toEqual({
      ok: true,
      windows: [
        { days: weekdays, start: "08:00", end: "17:00", kind: "work" },
        { days: ["sat"], start: "09:00", end: "13:00", kind: "childcare" },
        { days: ["tue", "thu"], start: "18:00", end: "20:00", kind: "other" },
      ],
    });
    expect(read("Mon 08:15:30-12:00")).toEqual({ ok: false, error: "start time: a time is to the minute: write 08:15, not 08:15:30" });
  });

  it("keeps a night shift as written (the end before the start runs past midnight) and wraps day ranges past Sunday", () => {
    expect(read("Fri-Mon 22:00-06:00 work")).toEqual({
      ok: true,
      windows: [{ days: ["mon", "fri", "sat", "sun"], start: "22:00", end: "06:00", kind: "work" }],
    });
  });

  it("an empty cell is no window", () => {
    expect(read("  ")).toEqual({ ok: true, windows: [] });
  });

  it.each([
    ["Mon-Fri 8-17:30", "window 1: start time: a bare hour is ambiguous: write 06:00 or 18:00 (or 6am, 6pm)", "a bare hour"],
    ["Mon-Fri 08:00-5:30", "", "no error: 05:30 is a valid 24-hour time"],
    ["Mnday 08:00-12:00", "expected weekdays such as Mon, Mon-Fri or Tue,Thu before the times", "a misspelt day"],
    ["Mon 13pm-14pm", "start time: with am/pm the hour is 1–12", "13pm"],
    ["Mon 08:00-25:00", "end time: hours go up to 23 (24-hour clock)", "hour 25"],
    ["Mon 08:00-12:00 gym", "the kind after the times must be one of work, school, childcare, other", "an unknown kind"],
    ["Mon-Fri", 'expected days, a time range and optionally a kind, as in "Mon-Fri 08:00-17:30 work"', "no times"],
  ])("%s: %s", (text, error) => {
    const result = read(text);
    if (error === "") return expect(result.ok).toBe(true);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error.replace(/^window 1: /, ""));
  });

  it("names which of several windows is wrong, without repeating the cell", () => {
    const result = read("Mon 08:00-12:00; Tue 9-12");
    expect(result).toEqual({ ok: false, error: "window 2 of 2: start time: a bare hour is ambiguous: write 06:00 or 18:00 (or 6am, 6pm)" });
  });

  it("times: 12am is midnight, 12pm noon, minutes up to 59", () => {
    expect(parseTime("12am")).toEqual({ ok: true, time: "00:00" });
    expect(parseTime("12pm")).toEqual({ ok: true, time: "12:00" });
    expect(parseTime("6:45 pm")).toEqual({ ok: true, time: "18:45" });
    expect(parseTime("9:60")).toEqual({ ok: false, error: "minutes go up to 59" });
  });

  it("availability has no kinds", () => {
    expect(parseAvailabilityText("Mon-Thu 12:00-21:30")).toEqual({
      ok: true,
      windows: [{ days: ["mon", "tue", "wed", "thu"], start: "12:00", end: "21:30" }],
    });
  });
});

describe("window text, written and read back", () => {
  const day = fc.constantFrom("mon", "tue", "wed", "thu", "fri", "sat", "sun" as const);
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
  const window = fc.record({
    days: fc
      .uniqueArray(day, { minLength: 1, maxLength: 7 })
      .map((ds) => (["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const).filter((d) => ds.includes(d))),
    start: time,
    end: time,
    kind: fc.constantFrom("work", "school", "childcare", "other"),
  });

  it("reads back every window it writes, whatever the days, times and kinds", () => {
    fc.assert(
      fc.property(fc.array(window, { maxLength: 5 }), fc.constantFrom("work", "other"), (windows, defaultKind) => {
        const text = formatWindows(windows as never, defaultKind as "work");
        expect(parseWindowsText(text, defaultKind as "work")).toEqual({ ok: true, windows });
      }),
    );
  });

  it("writes runs as ranges and the rest as lists", () => {
    expect(
      formatWindows(
        [
          { days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "17:30", kind: "work" },
          { days: ["tue", "thu", "sat"], start: "09:00", end: "13:00", kind: "other" },
        ],
        "other",
      ),
    ).toBe("Mon-Fri 08:00-17:30 work; Tue,Thu,Sat 09:00-13:00");
  });
});
