// Sign-in sheets to print: one page per group session with date, time, room, topic, lead, the session's id (which
// `npm run attendance` reads back), and a line per member (id, time in, time out, signature), plus blank lines for a
// member added on the day; then one page per family group, where each patient also writes how many family members
// came. Per facilitator: the sessions they lead. No sheet names a drug test: patients sign these.
import type { Roster, Scenario } from "../../domain/index.js";
import { esc, htmlDocument } from "./html.js";
import { type LocalTimes, type SessionView, localTimes, weekView } from "./week-view.js";

const BLANK_LINES = 2;
const CSS = `
  section { margin-bottom: 2rem; } section + section { break-before: page; }
  table.sheet { width: 100%; } table.sheet td { height: 2.2rem; } td.sign { width: 38%; } td.time { width: 12%; }
  @page { size: letter portrait; margin: 1.2cm; }
  /* A full group (15 members and the blank lines) and its header fit one page, the first page's title too. */
  @media print { section { break-inside: avoid; margin: 0; } table.sheet td { height: 0.78cm; padding: 0 .4rem; } h1 { font-size: 12pt; } }
`;

interface Sheet {
  readonly id: string;
  readonly times: LocalTimes & { readonly offsetNote?: string };
  readonly roomId: string;
  /** What meets, already escaped: track, topic, lead, places. */
  readonly about: string;
  readonly patientIds: readonly string[];
  /** A column more between the time out and the signature (the family members who came), or none. */
  readonly extra?: string;
}

function sheet(view: { clinicName: string; notice: string }, s: Sheet): string {
  const lines = [...s.patientIds.map((id) => esc(id)), ...Array.from({ length: BLANK_LINES }, () => "")];
  const { times } = s;
  const extra = s.extra ? `<th scope="col">${esc(s.extra)}</th>` : "";
  return `<section aria-label="Sign-in sheet ${esc(s.id)}">
<h2>${esc(times.dayLabel)} ${esc(times.start)}–${esc(times.end)}${times.offsetNote ? ` (${esc(times.offsetNote)})` : ""} · room ${esc(s.roomId)}</h2>
<p>${esc(view.clinicName)} · ${s.about} · session ID <code>${esc(s.id)}</code> (for the attendance sheet)</p>
<table class="sheet">
<caption>Sign-in, ${esc(times.date)}</caption>
<thead><tr><th scope="col">#</th><th scope="col">Patient ID</th><th scope="col">Time in</th><th scope="col">Time out</th>${extra}<th scope="col">Signature</th></tr></thead>
<tbody>
${lines.map((id, i) => `<tr><td>${i + 1}</td><td>${id}</td><td class="time"></td><td class="time"></td>${extra && '<td class="time"></td>'}<td class="sign"></td></tr>`).join("\n")}
</tbody>
</table>
<p>Facilitator's signature: ______________________ &nbsp; ${esc(view.notice)}</p>
</section>`;
}

const groupSheet = (s: SessionView): Sheet => ({
  id: s.id,
  times: s,
  roomId: s.roomId,
  about: `${esc(s.trackLabel)} · <strong>${esc(s.topicTitle)}</strong> · led by ${esc(s.facilitatorId)} · ${s.patientIds.length} of ${s.capacity} places`,
  patientIds: s.patientIds,
});

const familySheet = (f: Roster["familySessions"][number], zone: string): Sheet => ({
  id: f.id,
  times: localTimes(f.start, f.end, zone),
  roomId: f.roomId,
  about: `<strong>Family group</strong> · led by ${esc(f.facilitatorId)} · ${f.patientIds.length} patients, ${f.familyMembers} family members expected`,
  patientIds: f.patientIds,
  extra: "Family members",
});

/** Every group's sheet, or one facilitator's; null when that facilitator leads nothing this week. */
export function signInSheets(scenario: Scenario, roster: Roster, facilitatorId?: string): string | null {
  const view = weekView(scenario, roster);
  const leads = (id: string) => facilitatorId === undefined || id === facilitatorId;
  const sheets = [
    ...view.sessions.filter((s) => leads(s.facilitatorId)).map(groupSheet),
    ...roster.familySessions.filter((f) => leads(f.facilitatorId)).map((f) => familySheet(f, view.zone)),
  ];
  if (facilitatorId !== undefined && sheets.length === 0) return null;
  const title = `Sign-in sheets, ${view.clinicName}, week of ${view.weekLabel}${facilitatorId ? `, ${facilitatorId}` : ""}`;
  return htmlDocument(title, view.notice, `<h1>${esc(title)}</h1>\n${sheets.map((s) => sheet(view, s)).join("\n")}`, CSS);
}
