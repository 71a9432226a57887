// Weekly windows as people type them in a spreadsheet cell: "Mon-Fri 08:00-17:30 work; Sat 9am-1pm". Each
// segment is days, a time range and an optional kind; errors name the segment and the form expected, never
// the cell's text (it is a patient's schedule).
import type { z } from "zod";
import type { WeeklyWindow, WindowKind } from "../../domain/index.js";

type Kind = z.infer<typeof WindowKind>;
type Day = WeeklyWindow["days"][number];
const DAYS: readonly Day[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_NAMES: Record<string, Day> = {
  ...Object.fromEntries(DAYS.map((d) => [d, d])),
  monday: "mon",
  tues: "tue",
  tuesday: "tue",
  weds: "wed",
  wednesday: "wed",
  thur: "thu",
  thurs: "thu",
  thursday: "thu",
  friday: "fri",
  saturday: "sat",
  sunday: "sun",
};
const DAY_SETS: Record<string, readonly Day[]> = {
  weekdays: DAYS.slice(0, 5),
  weekends: DAYS.slice(5),
  daily: DAYS,
  "every day": DAYS,
};
const KINDS: readonly Kind[] = ["work", "school", "childcare", "other"];

export type ParsedWindows<K> = { ok: true; windows: K[] } | { ok: false; error: string };

// 18:00, 6pm, 6:30 pm, 0800 (a 24-hour clock without its colon), 08:00:00 (with seconds, as spreadsheets export times).
const TIME = String.raw`(?:\d{3,4}|\d{1,2}(?::\d{2}){0,2}\s*(?:am|pm)?|noon|midnight)`;
const SEGMENT = new RegExp(
  String.raw`^(?:(?<before>[a-z]+):?\s+)?(?<days>.+?)\s+(?<start>${TIME})\s*-\s*(?<end>${TIME})(?:\s+(?<after>[a-z]+))?$`,
);

/** "18:00", "6pm", "6:30 pm", "noon", "0800", "08:00:00" as HH:MM, or what was expected. */
export function parseTime(text: string): { ok: true; time: string } | { ok: false; error: string } {
  const t = text.replace(/\s+/g, "");
  if (t === "noon") return { ok: true, time: "12:00" };
  if (t === "midnight") return { ok: true, time: "00:00" };
  const compact = /^(\d{1,2})(\d{2})$/.exec(t);
  const m = compact ? [t, compact[1], compact[2], undefined, undefined] : /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?(am|pm)?$/.exec(t);
  if (!m) return { ok: false, error: "expected a time such as 18:00 or 6pm" };
  const [, h, min, seconds, half] = m;
  if (seconds !== undefined && seconds !== "00") return { ok: false, error: "a time is to the minute: write 08:15, not 08:15:30" };
  let hour = Number(h);
  const minute = min === undefined ? 0 : Number(min);
  if (half === undefined && min === undefined) return { ok: false, error: "a bare hour is ambiguous: write 06:00 or 18:00 (or 6am, 6pm)" };
  if (minute > 59) return { ok: false, error: "minutes go up to 59" };
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return { ok: false, error: "with am/pm the hour is 1–12" };
    hour = (hour % 12) + (half === "pm" ? 12 : 0);
  } else if (hour > 23) return { ok: false, error: "hours go up to 23 (24-hour clock)" };
  return { ok: true, time: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}` };
}

function parseDays(text: string): Day[] | null {
  const whole = DAY_SETS[text.trim()];
  if (whole) return [...whole];
  const days = new Set<Day>();
  for (const part of text.split(/\s*[,/&]\s*|\s+and\s+|\s+/).filter(Boolean)) {
    const set = DAY_SETS[part];
    if (set) {
      for (const d of set) days.add(d);
      continue;
    }
    const range = part.split("-");
    if (range.length > 2) return null;
    const [from, to] = range.map((r) => DAY_NAMES[r]);
    if (!from || (range.length === 2 && !to)) return null;
    // A range may wrap past Sunday: Fri-Mon is Fri, Sat, Sun, Mon.
    for (let i = DAYS.indexOf(from); ; i = (i + 1) % 7) {
      days.add(DAYS[i]);
      if (range.length === 1 || DAYS[i] === to) break;
    }
  }
  return days.size > 0 ? DAYS.filter((d) => days.has(d)) : null;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+to\s+/g, "-")
    .replace(/\s*-\s*/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Windows are separated by ";" or a line break, or by a comma after a window's times (or its kind): a comma between
 * days ("Tue, Thu 18:00-21:00") stays inside its window.
 */
const BETWEEN_WINDOWS = new RegExp(String.raw`[;\n]|(?<=\d|am|pm|noon|midnight|\b(?:${KINDS.join("|")}))\s*,\s*(?=[a-z])`, "i");

/** Every window of a cell, or the first one that cannot be read; a window without a kind gets `defaultKind`. */
export function parseWindowsText(text: string, defaultKind: Kind): ParsedWindows<WeeklyWindow & { kind: Kind }> {
  const windows: (WeeklyWindow & { kind: Kind })[] = [];
  const segments = text
    .split(BETWEEN_WINDOWS)
    .map(normalise)
    .filter((s) => s !== "");
  for (const [i, segment] of segments.entries()) {
    const where = segments.length > 1 ? `window ${i + 1} of ${segments.length}: ` : "";
    const m = SEGMENT.exec(segment);
    if (!m?.groups)
      return { ok: false, error: `${where}expected days, a time range and optionally a kind, as in "Mon-Fri 08:00-17:30 work"` };
    let { days: dayText } = m.groups;
    let kindWord = m.groups.after;
    // "work Mon-Fri 8:00-17:30" names the kind first; a first word that is a weekday is not a kind.
    if (m.groups.before) {
      if (KINDS.includes(m.groups.before as Kind)) kindWord ??= m.groups.before;
      else dayText = `${m.groups.before} ${dayText}`;
    }
    const days = parseDays(dayText);
    if (!days) return { ok: false, error: `${where}expected weekdays such as Mon, Mon-Fri or Tue,Thu before the times` };
    const start = parseTime(m.groups.start);
    if (!start.ok) return { ok: false, error: `${where}start time: ${start.error}` };
    const end = parseTime(m.groups.end);
    if (!end.ok) return { ok: false, error: `${where}end time: ${end.error}` };
    if (kindWord !== undefined && !KINDS.includes(kindWord as Kind)) {
      return { ok: false, error: `${where}the kind after the times must be one of ${KINDS.join(", ")}` };
    }
    windows.push({
      days: days as WeeklyWindow["days"],
      start: start.time,
      end: end.time,
      kind: (kindWord as Kind | undefined) ?? defaultKind,
    });
  }
  return { ok: true, windows };
}

/** Availability windows (a facilitator's hours): the same text, without kinds. */
export function parseAvailabilityText(text: string): ParsedWindows<WeeklyWindow> {
  const read = parseWindowsText(text, "other");
  if (!read.ok) return read;
  return { ok: true, windows: read.windows.map(({ days, start, end }) => ({ days, start, end })) };
}

const DAY_LABEL: Record<Day, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };

/** Days as a person writes them: runs of three or more as a range (Mon-Fri), the rest listed (Tue,Thu). */
function formatDays(days: readonly Day[]): string {
  const on = DAYS.map((d) => days.includes(d));
  const parts: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!on[i]) continue;
    let j = i;
    while (j + 1 < 7 && on[j + 1]) j++;
    if (j - i >= 2) parts.push(`${DAY_LABEL[DAYS[i]]}-${DAY_LABEL[DAYS[j]]}`);
    else for (let k = i; k <= j; k++) parts.push(DAY_LABEL[DAYS[k]]);
    i = j;
  }
  return parts.join(",");
}

/** The text that parseWindowsText reads back as the same windows (kinds other than `defaultKind` written out). */
export function formatWindows(windows: readonly (WeeklyWindow & { kind?: Kind })[], defaultKind?: Kind): string {
  return windows.map((w) => `${formatDays(w.days)} ${w.start}-${w.end}${w.kind && w.kind !== defaultKind ? ` ${w.kind}` : ""}`).join("; ");
}
