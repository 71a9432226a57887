// The rule "closures": no group, one-to-one or family session while the clinic is closed, none led or seen by a
// facilitator on leave, none in a room out of service. Drug tests are collected at sessions the patient attends, so they follow the sessions.
import { type Closed, type Interval, clinicClosures, facilitatorLeave, overlaps, roomOutOfService } from "../domain/index.js";
import type { Check } from "./checks.js";
import { span } from "./services.js";

export const closures: Check = (ctx, out) => {
  const closed = clinicClosures(ctx.scenario);
  const leave = new Map(ctx.scenario.facilitators.map((f) => [f.id, facilitatorLeave(ctx.scenario, f)]));
  const repairs = new Map(ctx.scenario.rooms.map((r) => [r.id, roomOutOfService(ctx.scenario, r)]));
  const booked = (at: Interval, facilitatorId: string, roomId: string, sessionId: string, what: string) => {
    const hit = (list: readonly Closed[]) => list.find((c) => overlaps(c.interval, at));
    const shut = hit(closed);
    if (shut) out.push({ rule: "closures", message: `${what} booked while the ${shut.text()}`, sessionId });
    const away = hit(leave.get(facilitatorId) ?? []);
    if (away) out.push({ rule: "closures", message: `${what} booked with ${facilitatorId} ${away.text()}`, sessionId });
    const repair = hit(repairs.get(roomId) ?? []);
    if (repair) out.push({ rule: "closures", message: `${what} booked in ${roomId}, ${repair.text()}`, sessionId });
  };
  for (const { session, interval } of ctx.sessions) booked(interval, session.facilitatorId, session.roomId, session.id, "group");
  for (const s of ctx.roster.individualSessions ?? []) booked(span(s), s.therapistId, s.roomId, s.id, "one-to-one");
  for (const s of ctx.roster.familySessions ?? []) booked(span(s), s.facilitatorId, s.roomId, s.id, "family session");
};
