// The roster page's part for the week around the groups: what was booked against what plans call for, each
// therapist's one-to-ones, the family groups, and every service not booked with its reason. Drug tests are
// counted by day only: a printed page must not tell a patient which of their days is the test day.
import { DateTime } from "luxon";
import { type Roster, oneToOneMakeUps } from "../../domain/index.js";
import { esc } from "./html.js";

const LABEL = { individual: "One-to-one sessions", family: "Family group places", "drug-test": "Drug tests" } as const;

function table(id: string, caption: string, head: readonly string[], rows: readonly string[][]): string {
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join("");
  const body = rows.map(
    ([first, ...rest]) => `<tr><th scope="row">${esc(first)}</th>${rest.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`,
  );
  return `<table id="${id}"><caption>${esc(caption)}</caption>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body.join("\n")}\n</tbody></table>`;
}

export function servicesSection(roster: Roster): string {
  const counts = roster.metrics.services;
  if (!counts) return "";
  const at = (iso: string) => DateTime.fromISO(iso, { zone: roster.timeZone });
  const items = Object.entries(LABEL)
    .filter(([service]) => counts[`${service}-called-for`] !== undefined)
    .map(
      ([service, label]) => `<dt>${esc(label)}</dt><dd>${counts[`${service}-booked`]} of ${counts[`${service}-called-for`]} booked</dd>`,
    );
  const parts = [`<h2>Beyond the groups</h2>`, `<dl class="metrics">${items.join("")}</dl>`];
  const byTherapist = new Map<string, string[]>();
  const makeUps = oneToOneMakeUps(roster);
  for (const s of roster.individualSessions) {
    const makeUp = makeUps.get(s.patientId);
    byTherapist.set(s.therapistId, [
      ...(byTherapist.get(s.therapistId) ?? []),
      `${at(s.start).toFormat("ccc HH:mm")} ${s.patientId} (${s.roomId})${makeUp ? `, make up ${makeUp.join(", ")}` : ""}`,
    ]);
  }
  if (byTherapist.size > 0)
    parts.push(
      table(
        "one-to-ones",
        "Each therapist's one-to-one sessions",
        ["Therapist", "Sessions"],
        // One session a line, never wrapped (the page's CSS): an id such as BR-1001 stays whole.
        [...byTherapist].sort(([a], [b]) => a.localeCompare(b)).map(([id, list]) => [id, list.join("\n")]),
      ),
    );
  if (roster.familySessions.length > 0)
    parts.push(
      table(
        "family-groups",
        "Family groups",
        ["Time", "Lead", "Room", "Patients", "Family members"],
        roster.familySessions.map((f) => [
          at(f.start).toFormat("ccc HH:mm"),
          f.facilitatorId,
          f.roomId,
          String(f.patientIds.length),
          String(f.familyMembers),
        ]),
      ),
    );
  if (roster.drugTests.length > 0) {
    const perDay = new Map<string, number>();
    for (const t of roster.drugTests) perDay.set(t.date, (perDay.get(t.date) ?? 0) + 1);
    const days = [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([d, n]) => `${DateTime.fromISO(d).toFormat("ccc d LLL")}: ${n}`);
    parts.push(
      `<p id="drug-tests">Drug tests by day (who is tested when is in the roster's JSON, not on this page): ${esc(days.join(", "))}.</p>`,
    );
  }
  // A test short beside a patient's id would tell them every day they come is a test day: those are counted only.
  const shown = roster.serviceShortfalls.filter((s) => s.service !== "drug-test");
  const tests = roster.serviceShortfalls.length - shown.length;
  if (tests > 0)
    parts.push(
      `<p id="tests-short">${tests} patients attend on too few days for their level's drug tests (named in the roster's JSON).</p>`,
    );
  if (shown.length > 0)
    parts.push(
      table(
        "not-booked",
        `${shown.length} not booked`,
        ["Patient", "Service", "Missing", "Why"],
        shown.map((s) => [s.patientId, s.service, String(s.missing), s.reason]),
      ),
    );
  return parts.join("\n");
}
