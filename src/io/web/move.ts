// Moving a patient by hand: out of one group, into another (or only one of the two). The move is checked at once
// with the check use case: which rules it breaks, and what it does to the patient's hours, the week's unmet hours
// and billable days. Only a move the validator passes is kept.
import type { FastifyRequest } from "fastify";
import { type Roster, unmetDaysOf } from "../../domain/index.js";
import { type CheckResult, checkEdit } from "../../app/check-edit.js";
import { esc } from "../export/html.js";
import { type SessionView, weekView } from "../export/week-view.js";
import { allows } from "../http/auth.js";
import { type DeskRoute, seeOther, sendPage } from "./desk-route.js";
import { csrfField, workspacePage } from "./layout.js";
import { messagePage } from "./messages.js";
import { type WeekAt, weekAt } from "./week.js";

interface Move {
  readonly patient: string;
  readonly from: string;
  readonly to: string;
}

const groupLabel = (s: SessionView) =>
  `${s.dayLabel} ${s.start}–${s.end} · ${s.topicTitle} · ${s.trackLabel} · ${s.facilitatorId} · ${s.patientIds.length}/${s.capacity}`;

function options(sessions: readonly SessionView[], none: string, chosen = ""): string {
  return [
    `<option value="">${esc(none)}</option>`,
    // The members let the page's script offer, as groups to move from, only the chosen patient's own.
    ...sessions.map(
      (s) =>
        `<option value="${esc(s.id)}" data-members="${esc(s.patientIds.join(" "))}"${s.id === chosen ? " selected" : ""}>${esc(groupLabel(s))}</option>`,
    ),
  ].join("");
}

export function moveForm(at: WeekAt, roster: Roster, csrf: string, request: FastifyRequest, move?: Move): string {
  if (!at.draft?.roster || at.draft.job || !allows(request.principal, "planner")) return "";
  const sessions = [...weekView(at.scenario, roster).sessions].sort(
    (a, b) => a.startAt.toMillis() - b.startAt.toMillis() || a.id.localeCompare(b.id),
  );
  const patients = roster.patients.map((p) => `<option${p.id === move?.patient ? " selected" : ""}>${esc(p.id)}</option>`).join("");
  return `<section class="panel" aria-labelledby="move-heading"><h2 id="move-heading">Move a patient</h2>
<form class="stack" method="post" action="${esc(at.url)}/move">${csrfField(csrf)}
<label for="move-patient">Patient</label><select id="move-patient" name="patient" required>${patients}</select>
<label for="move-from">From group</label><select id="move-from" name="from">${options(sessions, "(not from a group: add)", move?.from)}</select>
<label for="move-to">To group</label><select id="move-to" name="to">${options(sessions, "(to no group: take out)", move?.to)}</select>
<button type="submit">Check the move</button>
</form></section>`;
}

/** The roster with the move made on its member lists (the check rebuilds the rest); or what is wrong with it. */
function moved(roster: Roster, move: Move): Roster | string {
  if (!roster.patients.some((p) => p.id === move.patient)) return "No patient with that id in this roster.";
  if (!move.from && !move.to) return "Choose the group to move from, the group to move to, or both.";
  if (move.from === move.to) return "The two groups are the same.";
  const from = roster.sessions.find((s) => s.id === move.from);
  const to = roster.sessions.find((s) => s.id === move.to);
  if (move.from && !from?.patientIds.includes(move.patient))
    return `${move.patient} is not in that group: choose one of theirs to move from.`;
  if (move.to && !to) return "No such group this week.";
  if (to?.patientIds.includes(move.patient)) return `${move.patient} is already in that group.`;
  return {
    ...roster,
    sessions: roster.sessions.map((s) =>
      s.id === move.from
        ? { ...s, patientIds: s.patientIds.filter((id) => id !== move.patient) }
        : s.id === move.to
          ? { ...s, patientIds: [...s.patientIds, move.patient] }
          : s,
    ),
  };
}

function moveOf(body: unknown): Move {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return { patient: text(b.patient), from: text(b.from), to: text(b.to) };
}

function checked(at: WeekAt, body: unknown): { move: Move; result: CheckResult; before: Roster } | string {
  const before = at.draft?.roster;
  if (!before || at.draft?.job) return "There is no roster to edit while the week is being solved, or before it is.";
  const move = moveOf(body);
  const edited = moved(before, move);
  return typeof edited === "string" ? edited : { move, result: checkEdit(at.scenario, edited, before), before };
}

/** A rule break names groups by their ids; the coordinator knows them by day, time and topic. */
function groupNamer(at: WeekAt, roster: Roster): (message: string) => string {
  // Longest ids first: no id is replaced inside a longer one.
  const sessions = [...weekView(at.scenario, roster).sessions].sort((a, b) => b.id.length - a.id.length);
  return (message) => sessions.reduce((text, s) => text.split(s.id).join(`${s.dayLabel} ${s.start}–${s.end} ${s.topicTitle}`), message);
}

function resultPage(at: WeekAt, request: FastifyRequest, csrf: string, move: Move, result: CheckResult, before: Roster): string {
  const url = at.url;
  if (!result.ok)
    return workspacePage("The move", `<h1>The move</h1><p>${esc(result.unknown.join("; "))}</p>`, { who: request.principal, csrf });
  const after = result.roster;
  const mine = (r: Roster) => r.patients.find((p) => p.id === move.patient)!;
  const row = (label: string, a: string | number, b: string | number) =>
    `<tr><th scope="row">${esc(label)}</th><td>${esc(String(a))}</td><td>${esc(String(b))}</td></tr>`;
  const named = groupNamer(at, before);
  const verdict = result.valid
    ? `<p class="ok" role="status">The move breaks no rule.</p>`
    : `<div role="alert"><p class="bad">The move breaks ${result.violations.length} rule${result.violations.length > 1 ? "s" : ""}, so it cannot be kept:</p><ul>${result.violations.map((v) => `<li>[${esc(v.rule)}] ${esc(named(v.message))}</li>`).join("")}</ul></div>`;
  const table = `<table id="move-effect"><caption>What the move does</caption>
<thead><tr><th scope="col"></th><th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>
${row(`${move.patient}: hours`, `${mine(before).scheduledHours} of ${mine(before).requiredHours} h`, `${mine(after).scheduledHours} of ${mine(after).requiredHours} h`)}
${row(`${move.patient}: billable days short`, mine(before).unmet?.days ?? 0, mine(after).unmet?.days ?? 0)}
${row("Unmet hours, whole week", before.metrics.totalUnmetHours, after.metrics.totalUnmetHours)}
${row("Billable days short, whole week", unmetDaysOf(before), unmetDaysOf(after))}
${row("Patients fully served", before.metrics.patientsFullyServed, after.metrics.patientsFullyServed)}
${row("Score (lower is better: hours, then days, then the rest)", result.original?.objective ?? before.solver.objective, result.edited.objective)}
</tbody></table>`;
  const hidden = (["patient", "from", "to"] as const).map((k) => `<input type="hidden" name="${k}" value="${esc(move[k])}">`).join("");
  const keep = result.valid
    ? `<form method="post" action="${esc(url)}/keep">${csrfField(csrf)}${hidden}<button type="submit">Keep this move</button></form>`
    : "";
  const body = `<h1>Move ${esc(move.patient)}</h1>${verdict}${table}${keep}<p><a href="${esc(url)}">Back to the week without this move</a></p>
${moveForm(at, before, csrf, request, move)}`;
  return workspacePage(`Move ${move.patient}`, body, {
    who: request.principal,
    csrf,
    crumbs: [
      { label: at.clinicId, href: `/app/clinics/${encodeURIComponent(at.clinicId)}` },
      { label: "Week", href: url },
      { label: "Move" },
    ],
  });
}

export const MOVE_ROUTES: DeskRoute[] = [
  {
    method: "POST",
    url: "/app/clinics/:clinicId/weeks/:week/move",
    access: "planner",
    summary:
      "Checks a hand move of a patient: the rules it breaks, the patient's hours, the week's unmet hours and billable days; nothing saved",
    handle: async (request, reply, context) => {
      const at = await weekAt(request, reply, context);
      if (!at) return reply;
      const check = checked(at, request.body);
      if (typeof check === "string")
        return messagePage(reply, 422, "That move cannot be made", check, {
          href: at.url,
          label: "Back to the week",
        });
      return sendPage(reply, resultPage(at, request, reply.generateCsrf(), check.move, check.result, check.before));
    },
  },
  {
    method: "POST",
    url: "/app/clinics/:clinicId/weeks/:week/keep",
    access: "planner",
    summary: "Keeps a checked move in the week's roster (only a move that breaks no rule)",
    handle: async (request, reply, context) => {
      const at = await weekAt(request, reply, context);
      if (!at) return reply;
      const check = checked(at, request.body);
      const back = { href: at.url, label: "Back to the week" };
      if (typeof check === "string") return messagePage(reply, 422, "That move cannot be made", check, back);
      if (!check.result.ok || !check.result.valid)
        return messagePage(reply, 422, "That move breaks a rule", "Check it again to see which.", back);
      await context.drafts.keep(at.clinicId, at.weekStart, request.principal.keyId, check.result.roster);
      return seeOther(reply, `${at.url}#move-heading`);
    },
  },
];
