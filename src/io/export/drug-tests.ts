// The staff's list of the week's drug tests, a page per day: who is tested and at which of their sessions it is
// collected. Its own export, never part of a page or sheet a patient might see: a patient must not learn their test
// day ahead (the roster page counts tests by day only).
import { type Roster, type Scenario, dayLabel } from "../../domain/index.js";
import { esc, htmlDocument } from "./html.js";
import { localTimes, weekView } from "./week-view.js";

const CSS = `section + section { break-before: page; } @page { size: letter portrait; margin: 1.2cm; }`;

interface Collection {
  readonly start: string;
  readonly end: string;
  readonly roomId: string;
  readonly what: string;
}

/** Where a test is collected: the session's time and room, from whichever list holds it. */
function collectedAt(roster: Roster): Map<string, Collection> {
  const at = new Map<string, Collection>();
  for (const s of roster.sessions) at.set(s.id, { start: s.start, end: s.end, roomId: s.roomId, what: `group: ${s.topicTitle}` });
  for (const s of roster.individualSessions)
    at.set(s.id, { start: s.start, end: s.end, roomId: s.roomId, what: `one-to-one with ${s.therapistId}` });
  for (const s of roster.familySessions) at.set(s.id, { start: s.start, end: s.end, roomId: s.roomId, what: "family group" });
  return at;
}

export function drugTestList(scenario: Scenario, roster: Roster): string {
  const view = weekView(scenario, roster);
  const sessions = collectedAt(roster);
  const byDate = new Map<string, Roster["drugTests"]>();
  for (const t of [...roster.drugTests].sort((a, b) => a.date.localeCompare(b.date) || a.patientId.localeCompare(b.patientId)))
    byDate.set(t.date, [...(byDate.get(t.date) ?? []), t]);
  const days = [...byDate].map(([date, tests]) => {
    const rows = tests.map((t) => {
      const at = sessions.get(t.sessionId);
      const times = at && localTimes(at.start, at.end, view.zone);
      const when = times ? `${times.start}–${times.end}` : "";
      return `<tr><th scope="row">${esc(t.patientId)}</th><td>${esc(when)}</td><td>${esc(at?.what ?? "")}</td><td>${esc(at?.roomId ?? "")}</td><td><code>${esc(t.sessionId)}</code></td></tr>`;
    });
    return `<section aria-label="Drug tests ${esc(date)}">
<table><caption>Drug tests, ${esc(dayLabel(date))}: ${tests.length}</caption>
<thead><tr><th scope="col">Patient ID</th><th scope="col">Collected at</th><th scope="col">Session</th><th scope="col">Room</th><th scope="col">Session ID</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
</section>`;
  });
  const title = `Drug tests, staff only, ${view.clinicName}, week of ${view.weekLabel}`;
  const body = `<h1>${esc(title)}</h1>
<p><strong>Staff only.</strong> Do not post this list or hand it to patients: a test is not announced ahead.</p>
${days.length > 0 ? days.join("\n") : "<p>No drug test is booked this week.</p>"}`;
  return htmlDocument(title, view.notice, body, CSS);
}
