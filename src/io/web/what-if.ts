// What-if at the desk: the week re-solved with one change at a time (a room, a lead's hours, a group minimum, a
// lead's availability, a group, a slot moved), on the solver pool so the server keeps answering meanwhile. The
// changes are the what-if use case's; only where they are solved differs from `npm run what-if`.
import { type Roster, type Scenario, SolveOptions } from "../../domain/index.js";
import { describeWhatIf, whatIfChanges, whatIfReport } from "../../app/what-if.js";
import { esc } from "../export/html.js";
import type { SolverPool } from "../http/pool.js";
import { type DeskRoute, sendPage } from "./desk-route.js";
import { csrfField, linesHtml, workspacePage } from "./layout.js";
import { messagePage } from "./messages.js";
import { type WeekAt, weekAt } from "./week.js";

/** The CLI's default: seed 1 and the solver's own budget, so the desk and `npm run what-if` agree. */
const OPTIONS = SolveOptions.parse({ seed: 1 });

/** A solve on the pool; null when the pool takes no more work now. */
async function solvedOnPool(pool: SolverPool, scenario: Scenario): Promise<Roster | null> {
  const task = pool.submit(scenario, OPTIONS);
  return task ? task.result : null;
}

export function whatIfForm(at: WeekAt, csrf: string): string {
  return `<form class="no-print" method="post" action="${esc(at.url)}/what-if">${csrfField(csrf)}<button type="submit">Try what-if</button></form>
<p class="muted no-print">Re-solves the week once per change; it takes a few seconds.</p>`;
}

export const WHAT_IF_ROUTES: DeskRoute[] = [
  {
    method: "POST",
    url: "/app/clinics/:clinicId/weeks/:week/what-if",
    access: "planner",
    summary: "Which one change recovers the most unmet hours, each found by re-solving the week on the pool",
    handle: async (request, reply, context) => {
      const at = await weekAt(request, reply, context);
      if (!at) return reply;
      const url = at.url;
      const back = at.back;
      if (!at.draft) return messagePage(reply, 409, "Nothing to try", "Upload this week's spreadsheets to plan it here.", back);
      const busy = () => messagePage(reply.header("retry-after", "30"), 503, "Busy", "The solvers are busy: try again in a minute.", back);
      const base = await solvedOnPool(context.pool, at.draft.scenario);
      if (!base) return busy();
      const tried: { change: string; roster: Roster }[] = [];
      for (const { change, scenario } of whatIfChanges(at.draft.scenario, base)) {
        const roster = await solvedOnPool(context.pool, scenario);
        if (!roster) return busy();
        tried.push({ change, roster });
      }
      const lines = describeWhatIf(whatIfReport(at.draft.scenario, base, tried));
      const body = `<h1>What if</h1>${linesHtml("what-if", lines)}<p><a href="${esc(url)}">Back to the week</a></p>`;
      return sendPage(
        reply,
        workspacePage("What if", body, {
          who: request.principal,
          csrf: reply.generateCsrf(),
          crumbs: [
            { label: at.clinicId, href: `/app/clinics/${encodeURIComponent(at.clinicId)}` },
            { label: "Week", href: url },
            { label: "What if" },
          ],
        }),
      );
    },
  },
];
