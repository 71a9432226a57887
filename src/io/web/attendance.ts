// Attendance at the desk, once a week is published: pick a session (group, one-to-one or family group), mark who
// came. The marks go to the published edition, as `npm run attendance` and the API record them; what a patient
// attended is what they heard when next week is made from the record.
import { ATTENDANCE_STATUSES, type AttendanceMark, attendanceProblems, bookedIn } from "../../domain/index.js";
import { esc } from "../export/html.js";
import { weekView, weekLabelOf } from "../export/week-view.js";
import { allows } from "../http/auth.js";
import { logAccess } from "../store/access-log.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type DeskContext, type DeskRoute, seeOther, sendPage } from "./desk-route.js";
import { csrfField, workspacePage } from "./layout.js";
import { messagePage } from "./messages.js";
import { type WeekAt, weekAt } from "./week.js";

/** Every session of the published week a patient may be marked in, labelled as the coordinator knows it. */
function sessionsOf(at: WeekAt): { id: string; label: string }[] {
  const published = at.published!;
  const view = weekView(published.scenario, published.roster);
  const groups = view.sessions.map((s) => ({
    id: s.id,
    label: `${s.dayLabel} ${s.start}–${s.end} · ${s.topicTitle} · ${s.facilitatorId}`,
  }));
  const others = [...bookedIn(published.roster).keys()].filter((id) => !groups.some((g) => g.id === id)).map((id) => ({ id, label: id }));
  return [...groups, ...others];
}

export function attendanceLink(at: WeekAt): string {
  return at.published ? `<p class="no-print"><a href="${esc(at.url)}/attendance">Attendance of the published week</a></p>` : "";
}

/** The week a request names, with its published edition; null, with the page sent, when it has none. */
async function publishedWeek(request: FastifyRequest, reply: FastifyReply, context: DeskContext) {
  const at = await weekAt(request, reply, context);
  if (at && !at.published) messagePage(reply, 409, "Not published", "Attendance is recorded against the published week.", at.back);
  return at?.published ? { ...at, published: at.published } : null;
}

export const ATTENDANCE_ROUTES: DeskRoute[] = [
  {
    method: "GET",
    url: "/app/clinics/:clinicId/weeks/:week/attendance",
    access: "reader",
    summary: "The published week's attendance, session by session (?session=); a publisher marks it here; logged as a read",
    handle: async (request, reply, context) => {
      const at = await publishedWeek(request, reply, context);
      if (!at) return reply;
      const { url, published } = at;
      const sessions = sessionsOf(at);
      const chosen = sessions.find((s) => s.id === (request.query as { session?: string }).session) ?? sessions[0];
      const marks = await context.attendance.marks(published.id);
      await logAccess(context.db, {
        keyId: request.principal.keyId,
        action: "read",
        clinicId: at.clinicId,
        resource: `attendance:${published.id}`,
      });
      const csrf = reply.generateCsrf();
      const marked = new Set(marks.map((m) => m.sessionId));
      const saved = Number((request.query as { saved?: string }).saved);
      const pick = `<form method="get" action="${esc(url)}/attendance"><label for="attendance-session">Session</label>
<select id="attendance-session" name="session">${sessions.map((s) => `<option value="${esc(s.id)}"${s === chosen ? " selected" : ""}>${esc(s.label)}${marked.has(s.id) ? " (marked)" : ""}</option>`).join("")}</select>
<button type="submit">Show</button></form>`;
      const members = chosen ? [...(bookedIn(published.roster).get(chosen.id) ?? [])] : [];
      const statusOf = new Map(marks.filter((m) => m.sessionId === chosen?.id).map((m) => [m.patientId, m.status]));
      const canMark = allows(request.principal, "publisher");
      const rows = members.map((id) => {
        const status = statusOf.get(id);
        const cell = canMark
          ? `<select name="status:${esc(id)}" aria-label="${esc(id)}"><option value="">(not marked)</option>${ATTENDANCE_STATUSES.map((s) => `<option${s === status ? " selected" : ""}>${s}</option>`).join("")}</select>`
          : esc(status ?? "not marked");
        return `<tr><th scope="row">${esc(id)}</th><td>${cell}</td></tr>`;
      });
      const table = `<table id="attendance"><caption>Who came: ${esc(chosen?.label ?? "")}</caption><thead><tr><th scope="col">Patient</th><th scope="col">Attendance</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
      const form = canMark
        ? `<form method="post" action="${esc(url)}/attendance">${csrfField(csrf)}<input type="hidden" name="session" value="${esc(chosen?.id ?? "")}">${table}<button type="submit">Save attendance</button> <button type="submit" name="all" value="present">Mark everyone present</button></form>`
        : table;
      const status =
        Number.isInteger(saved) && saved > 0 ? `<p class="ok" role="status">Saved ${saved} mark${saved > 1 ? "s" : ""}.</p>` : "";
      const body = `<h1>Attendance, week of ${esc(weekLabelOf(at.weekStart))}</h1>${status}${pick}${form}`;
      return sendPage(
        reply,
        workspacePage("Attendance", body, {
          who: request.principal,
          csrf,
          crumbs: [
            { label: at.clinicId, href: `/app/clinics/${encodeURIComponent(at.clinicId)}` },
            { label: "Week", href: url },
            { label: "Attendance" },
          ],
        }),
      );
    },
  },
  {
    method: "POST",
    url: "/app/clinics/:clinicId/weeks/:week/attendance",
    access: "publisher",
    summary: "Records the marks of one session of the published week; logged",
    handle: async (request, reply, context) => {
      const at = await publishedWeek(request, reply, context);
      if (!at) return reply;
      const { url, published } = at;
      const body = request.body as Record<string, unknown>;
      const sessionId = typeof body.session === "string" ? body.session : "";
      // "Mark everyone present" marks every member booked in the session, whatever the lists say.
      const marks: AttendanceMark[] =
        body.all === "present"
          ? [...(bookedIn(published.roster).get(sessionId) ?? [])].map((patientId) => ({ sessionId, patientId, status: "present" }))
          : Object.entries(body)
              .filter(([k, v]) => k.startsWith("status:") && typeof v === "string" && v !== "")
              .map(([k, v]) => ({ sessionId, patientId: k.slice("status:".length), status: v as AttendanceMark["status"] }));
      const wrong = marks.filter((m) => !ATTENDANCE_STATUSES.includes(m.status));
      const problems = [...attendanceProblems(published.roster, marks), ...wrong.map(() => ({ path: "status", message: "not a status" }))];
      if (problems.length > 0)
        return messagePage(reply, 422, "Not recorded", problems.map((p) => p.message).join("; "), {
          href: `${url}/attendance`,
          label: "Back to attendance",
        });
      if (marks.length > 0) await context.attendance.record(request.principal.keyId, at.published, marks);
      return seeOther(reply, `${url}/attendance?session=${encodeURIComponent(sessionId)}&saved=${marks.length}`);
    },
  },
];
