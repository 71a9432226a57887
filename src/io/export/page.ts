// The roster page: one self-contained HTML file (no scripts or styles fetched from anywhere) that a coordinator
// opens on a laptop or prints. The week as a grid, each facilitator's week, a patient search, who is short and
// why, what was booked beyond the groups, warnings and metrics. Semantic tables throughout; the search is the only script, and the page reads
// without it.
import { createHash } from "node:crypto";
import {
  PROBLEMS_LISTED,
  PROSE_MAX,
  type PreviousPlacement,
  type Roster,
  type Scenario,
  boundClaims,
  cohortChanges,
  placementsOf,
  shownText,
  unmetDaysOf,
} from "../../domain/index.js";
import { therapistReason } from "../../app/diff.js";
import { esc, htmlDocument } from "./html.js";
import { servicesSection } from "./page-services.js";
import { type LocalTimes, type SessionView, localTimes, weekView } from "./week-view.js";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export const PAGE_CSS = `
  .group { border-left: 4px solid #555; padding: .15rem .4rem; margin: .2rem 0; background: #f6f6f6; }
  .group.evening { border-color: #335; } .group.day { border-color: #b70; }
  .group b { display: block; } .fill { font-variant-numeric: tabular-nums; }
  #week td { min-width: 11rem; } .muted { color: #555; }
  dl.metrics { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; }
  dl.metrics dt { font-weight: 600; } dl.metrics dd { margin: 0; }
  input[type=search] { font-size: 1rem; padding: .3rem .5rem; width: 16rem; }
  @page { size: landscape; margin: 1cm; }
  .id, tbody th[scope=row], table.facilitator caption, #family-groups td { white-space: nowrap; }
  #therapists-since-last-week td:not(:last-child) { white-space: nowrap; } #one-to-ones td { white-space: pre; }
  @media print {
    body { font-size: 9pt; } #week td { min-width: 0; } .group { background: none; break-inside: avoid; }
    table.facilitator { break-inside: avoid; }
    /* Paper gets the whole patient table, whatever was typed in the search. */
    #patients tbody tr[hidden] { display: table-row; } #no-patient { display: none; }
  }
`;

/** Filters the patient table by id (any part of it) as one types; without scripts every patient's row simply stays visible. */
export const SEARCH_SCRIPT = `
const input = document.getElementById("patient-search");
const rows = [...document.querySelectorAll("#patients tbody tr")];
const none = document.getElementById("no-patient");
input.addEventListener("input", () => {
  const q = input.value.trim().toLowerCase();
  let shown = 0;
  for (const row of rows) {
    const hit = q === "" || row.dataset.patient.toLowerCase().includes(q);
    row.hidden = !hit;
    if (hit) shown++;
  }
  none.hidden = shown > 0;
});
`;

/** The page's content security policy when served: its own inline style and this one script, nothing fetched. */
export const PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash("sha256").update(SEARCH_SCRIPT).digest("base64")}'`;

/** An id in running text: a hyphen is a line-break opportunity, and "BR-" / "1001" on two lines misreads. */
const idSpan = (id: string) => `<span class="id">${esc(id)}</span>`;

function groupCard(s: SessionView): string {
  return `<div class="group ${esc(s.part)}" data-session="${esc(s.id)}"><b>${esc(s.topicTitle)}</b>${esc(s.trackLabel)} · ${esc(s.part)} · ${esc(s.levels)}<br>${idSpan(s.facilitatorId)} · room ${idSpan(s.roomId)} · <span class="fill">${s.patientIds.length}/${s.capacity}</span>${s.offsetNote ? ` · ${esc(s.offsetNote)}` : ""}</div>`;
}

function weekGrid(sessions: readonly SessionView[]): string {
  const days = [...new Set(sessions.map((s) => s.weekday))].sort((a, b) => a - b);
  const bands = [...new Set(sessions.map((s) => `${s.start}–${s.end}`))].sort();
  const dateOf = new Map(sessions.map((s) => [s.weekday, s.dayLabel]));
  const head = days.map((d) => `<th scope="col">${esc(DAYS[d])}<br><span class="muted">${esc(dateOf.get(d) ?? "")}</span></th>`).join("");
  const body = bands
    .map((band) => {
      const cells = days.map(
        (d) =>
          `<td>${sessions
            .filter((s) => s.weekday === d && `${s.start}–${s.end}` === band)
            .map(groupCard)
            .join("")}</td>`,
      );
      return `<tr><th scope="row">${esc(band)}</th>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<table id="week"><caption>The week's groups (topic; track, part of day, levels; lead, room, members/places)</caption>
<thead><tr><th scope="col">Time</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table>`;
}

const when = (s: LocalTimes) => `${s.dayLabel} ${s.start}–${s.end}`;

function facilitatorWeeks(view: ReturnType<typeof weekView>, roster: Roster): string {
  return Object.entries(roster.metrics.facilitatorHours)
    .map(([id, hours]) => {
      const mine = view.sessions.filter((s) => s.facilitatorId === id);
      const rows = mine.map(
        (s) =>
          `<tr><td>${esc(when(s))}</td><td>${esc(s.trackLabel)}</td><td>${esc(s.topicTitle)}</td><td>${idSpan(s.roomId)}</td><td class="fill">${s.patientIds.length}/${s.capacity}</td></tr>`,
      );
      // Their hours include one-to-ones and the family group; the table lists groups, so its caption counts theirs.
      const groups = Math.round(mine.reduce((h, s) => h + s.endAt.diff(s.startAt, "hours").hours, 0) * 100) / 100;
      const beyond = hours - groups > 0.005 ? `, ${Math.round(hours * 100) / 100} h in all with one-to-ones and the family group` : "";
      return `<table class="facilitator" data-facilitator="${esc(id)}"><caption>${esc(id)}: ${groups} h of groups${beyond}</caption>
<thead><tr><th scope="col">When</th><th scope="col">Track</th><th scope="col">Topic</th><th scope="col">Room</th><th scope="col">Members</th></tr></thead>
<tbody>${rows.length ? rows.join("") : `<tr><td colspan="5">No group this week</td></tr>`}</tbody></table>`;
    })
    .join("\n");
}

/**
 * Each patient's week: groups, one-to-ones and family group place, in time order. Never their drug tests: this
 * table is printed and searched by id, and must not tell anyone which day they are tested.
 */
function patientTable(view: ReturnType<typeof weekView>, roster: Roster): string {
  type Booking = { at: LocalTimes; html: string };
  const byId = new Map(view.sessions.map((s) => [s.id, s]));
  const others = new Map<string, Booking[]>();
  const add = (patientId: string, b: Booking) => others.set(patientId, [...(others.get(patientId) ?? []), b]);
  for (const i of roster.individualSessions) {
    const at = localTimes(i.start, i.end, view.zone);
    add(i.patientId, { at, html: `one-to-one with ${idSpan(i.therapistId)}, room ${idSpan(i.roomId)}` });
  }
  for (const f of roster.familySessions) {
    const at = localTimes(f.start, f.end, view.zone);
    for (const id of f.patientIds) add(id, { at, html: `family group, room ${idSpan(f.roomId)}, ${idSpan(f.facilitatorId)}` });
  }
  const rows = roster.patients.map((p) => {
    const groups = p.sessionIds
      .map((id) => byId.get(id))
      .filter((s): s is SessionView => s !== undefined)
      .map((s): Booking => ({ at: s, html: `${esc(s.topicTitle)}, room ${idSpan(s.roomId)}, ${idSpan(s.facilitatorId)}` }));
    const week = [...groups, ...(others.get(p.id) ?? [])].sort((a, b) => a.at.startAt.toMillis() - b.at.startAt.toMillis());
    const list = week.length
      ? `<ul>${week.map((b) => `<li>${esc(when(b.at))}: ${b.html}</li>`).join("")}</ul>`
      : "Nothing booked this week";
    return `<tr data-patient="${esc(p.id)}"><th scope="row">${esc(p.id)}</th><td>${esc(p.level)}</td><td>${esc(p.track)}</td><td class="fill">${p.scheduledHours} of ${p.requiredHours} h</td><td>${list}</td></tr>`;
  });
  return `<label class="no-print" for="patient-search">Find a patient by id </label><input class="no-print" id="patient-search" type="search" autocomplete="off" placeholder="e.g. P0001">
<p id="no-patient" hidden>No patient with that id.</p>
<table id="patients"><caption>Each patient's week</caption>
<thead><tr><th scope="col">Patient</th><th scope="col">Level</th><th scope="col">Track</th><th scope="col">Hours</th><th scope="col">This week</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

function shortTable(roster: Roster): string {
  const short = roster.patients.filter((p) => p.unmet);
  if (short.length === 0) return "<p>Every patient gets their full hours and days.</p>";
  const rows = short.map(
    (p) =>
      `<tr><th scope="row">${esc(p.id)}</th><td>${esc(p.level)}</td><td class="fill">${p.scheduledHours} of ${p.requiredHours} h</td><td class="fill">${p.unmet!.days}</td><td>${esc(p.unmet!.reason)}</td></tr>`,
  );
  return `<table id="short"><caption>${short.length} patients short of hours or billable days (${roster.waitlist.length} with no group at all)</caption>
<thead><tr><th scope="col">Patient</th><th scope="col">Level</th><th scope="col">Hours</th><th scope="col">Days short</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

/** With last week's cohorts: each returning patient whose group time or lead changed, last week beside this one. */
function sinceLastWeek(scenario: Scenario, roster: Roster): string {
  if (!scenario.previous) return "";
  const slotLabel = new Map(scenario.slots.map((s) => [s.id, `${s.day.charAt(0).toUpperCase()}${s.day.slice(1)} ${s.start}`]));
  const label = (list: readonly PreviousPlacement[]) =>
    list.map((p) => `${esc(slotLabel.get(p.slotId) ?? p.slotId)} ${idSpan(p.facilitatorId)}`).join(", ");
  const now = placementsOf(roster);
  const changed = [...cohortChanges(scenario, now)].filter(([, n]) => n > 0).map(([id]) => id);
  const heading = "<h2>Since last week</h2>";
  if (changed.length === 0)
    return `${heading}<p id="since-last-week">Every returning patient keeps last week's groups (time and lead).</p>`;
  const rows = changed.map(
    (id) =>
      `<tr><th scope="row">${esc(id)}</th><td>${label(scenario.previous!.filter((p) => p.patientId === id))}</td><td>${label(now.filter((p) => p.patientId === id)) || "no group"}</td></tr>`,
  );
  return `${heading}<table id="since-last-week"><caption>${changed.length} returning patients changed group time or lead</caption>
<thead><tr><th scope="col">Patient</th><th scope="col">Last week</th><th scope="col">This week</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

/** With last week's therapists: each returning patient whose one-to-one is with someone else this week, and why. */
function therapistsSinceLastWeek(scenario: Scenario, roster: Roster): string {
  if (!scenario.previousTherapists) return "";
  const before = new Map(scenario.previousTherapists.map((t) => [t.patientId, t.therapistId]));
  const changed = (roster.individualSessions ?? []).flatMap((s) => {
    const from = before.get(s.patientId);
    return from === undefined || from === s.therapistId ? [] : [{ id: s.patientId, from, to: s.therapistId }];
  });
  const unique = [...new Map(changed.map((c) => [c.id, c])).values()];
  if (unique.length === 0) return `<p id="therapists-since-last-week">Every returning patient keeps last week's therapist.</p>`;
  const rows = unique.map(
    (c) =>
      `<tr><th scope="row">${esc(c.id)}</th><td>${esc(c.from)}</td><td>${esc(c.to)}</td><td>${esc(therapistReason(scenario, c.id, c.from, c.to))}</td></tr>`,
  );
  return `<table id="therapists-since-last-week"><caption>${unique.length} returning patients see another therapist</caption>
<thead><tr><th scope="col">Patient</th><th scope="col">Last week</th><th scope="col">This week</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

function metricsList(roster: Roster): string {
  const m = roster.metrics;
  const s = roster.solver;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const { hours: floor, days: daysFloor } = boundClaims(roster);
  const days = unmetDaysOf(roster);
  const items: [string, string][] = [
    ["Patients fully served", `${m.patientsFullyServed} of ${m.patients}`],
    ["Unmet hours", `${m.totalUnmetHours} h${floor ? ` (${floor})` : ""}`],
    ...(days > 0 ? [["Billable days short", `${days}${daysFloor ? ` (${daysFloor})` : ""}`] as [string, string]] : []),
    ["Groups", `${m.groupsOpened} (mean fill ${pct(m.meanGroupFill)}, lowest ${pct(m.minGroupFill)})`],
    ["Topic repeats", String(m.topicRepeats)],
    [
      "Solver",
      s.engine === "hand-edited"
        ? `edited by hand, objective ${s.objective}`
        : `${s.status}, objective ${s.objective}, ${s.timeMs} ms, seed ${s.seed}`,
    ],
  ];
  return `<dl class="metrics">${items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`;
}

/**
 * `leftOut`: spreadsheet rows not read (row, column, what was expected), shown first so nobody is missed unseen.
 * They are lines the caller made from files no schema read whole: at most as many as an error lists, each cut to
 * prose length, so the page stays as large as the roster makes it.
 */
export function rosterPage(scenario: Scenario, roster: Roster, leftOut: readonly string[] = []): string {
  const view = weekView(scenario, roster);
  const title = `${view.clinicName}: week of ${view.weekLabel}`;
  return htmlDocument(title, view.notice, `<h1>${esc(title)}</h1>\n${rosterSections(scenario, roster, leftOut)}`, PAGE_CSS, SEARCH_SCRIPT);
}

/** The page's content under its title: what the workspace shows of a week too. */
export function rosterSections(scenario: Scenario, roster: Roster, leftOut: readonly string[] = []): string {
  const view = weekView(scenario, roster);
  const notRead = leftOut.slice(0, PROBLEMS_LISTED + 1).map((line) => shownText(line, PROSE_MAX));
  const warnings = roster.warnings.length
    ? `<h2 id="warnings-heading">Warnings</h2><ul id="warnings">${roster.warnings.map((w) => `<li>${esc(w.message)}</li>`).join("")}</ul>`
    : "";
  return `<p class="muted">Times in ${esc(view.zone)}. ${view.sessions.length} groups.</p>
${leftOut.length ? `<section id="left-out" role="alert"><h2>Rows left out of this roster (${leftOut.length})</h2><ul>${notRead.map((l) => `<li>${esc(l)}</li>`).join("")}</ul></section>` : ""}
${metricsList(roster)}
<h2>The week</h2>
${view.sessions.length ? weekGrid(view.sessions) : "<p>No group can meet this week.</p>"}
<h2>Patients short of their hours</h2>
${shortTable(roster)}
${servicesSection(roster)}
${sinceLastWeek(scenario, roster)}
${therapistsSinceLastWeek(scenario, roster)}
${warnings}
<h2>Find a patient</h2>
${patientTable(view, roster)}
<h2>Each facilitator's week</h2>
${facilitatorWeeks(view, roster)}`;
}
