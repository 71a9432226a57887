// Sign-in sheets to print: one page per group session with date, time, room, topic, lead, the session's id (which
// `npm run attendance` reads back), and a line per member (id, time in, signature), plus blank lines for a member
// added on the day. Per facilitator: their sessions only.
import type { Roster, Scenario } from "../../domain/index.js";
import { esc, htmlDocument } from "./html.js";
import { type SessionView, weekView } from "./week-view.js";

const BLANK_LINES = 2;
const CSS = `
  section { margin-bottom: 2rem; } section + section { break-before: page; }
  table.sheet { width: 100%; } table.sheet td { height: 2.2rem; } td.sign { width: 45%; } td.time { width: 15%; }
  @page { size: letter portrait; margin: 1.2cm; }
  /* A full group (15 members and the blank lines) and its header fit one page, the first page's title too. */
  @media print { section { break-inside: avoid; margin: 0; } table.sheet td { height: 0.78cm; padding: 0 .4rem; } h1 { font-size: 12pt; } }
`;

function sheet(view: { clinicName: string; notice: string }, s: SessionView): string {
  const lines = [...s.patientIds.map((id) => esc(id)), ...Array.from({ length: BLANK_LINES }, () => "")];
  return `<section aria-label="Sign-in sheet ${esc(s.id)}">
<h2>${esc(s.dayLabel)} ${esc(s.start)}–${esc(s.end)}${s.offsetNote ? ` (${esc(s.offsetNote)})` : ""} · room ${esc(s.roomId)}</h2>
<p>${esc(view.clinicName)} · ${esc(s.trackLabel)} · <strong>${esc(s.topicTitle)}</strong> · led by ${esc(s.facilitatorId)} · ${s.patientIds.length} of ${s.capacity} places · session ID <code>${esc(s.id)}</code> (for the attendance sheet)</p>
<table class="sheet">
<caption>Sign-in, ${esc(s.date)}</caption>
<thead><tr><th scope="col">#</th><th scope="col">Patient ID</th><th scope="col">Time in</th><th scope="col">Signature</th></tr></thead>
<tbody>
${lines.map((id, i) => `<tr><td>${i + 1}</td><td>${id}</td><td class="time"></td><td class="sign"></td></tr>`).join("\n")}
</tbody>
</table>
<p>Facilitator's signature: ______________________ &nbsp; ${esc(view.notice)}</p>
</section>`;
}

/** Every group's sheet, or one facilitator's; null when that facilitator leads nothing this week. */
export function signInSheets(scenario: Scenario, roster: Roster, facilitatorId?: string): string | null {
  const view = weekView(scenario, roster);
  const sessions = facilitatorId === undefined ? view.sessions : view.sessions.filter((s) => s.facilitatorId === facilitatorId);
  if (facilitatorId !== undefined && sessions.length === 0) return null;
  const title = `Sign-in sheets, ${view.clinicName}, week of ${view.weekLabel}${facilitatorId ? `, ${facilitatorId}` : ""}`;
  return htmlDocument(title, view.notice, `<h1>${esc(title)}</h1>\n${sessions.map((s) => sheet(view, s)).join("\n")}`, CSS);
}
