// The workspace's pages: the roster page's look, with a banner that says who is signed in, the way back to the
// clinic and the week, and one script file (the page's own search, and live progress while a week is solved).
import { PART2_NOTICE, type Role } from "../../domain/index.js";
import { esc, htmlDocument } from "../export/html.js";
import { PAGE_CSS, SEARCH_SCRIPT } from "../export/page.js";
import { LOCAL_PRINCIPAL } from "../http/auth.js";
import type { Principal } from "../store/keys.js";

export const SCRIPT_URL = "/app/assets/desk.js";

/**
 * Follows a solve (server-sent events) and reloads the page when it ends; offers a patient's own groups to move them
 * from; filters the patient table as one types. Without it every form still works.
 */
export const DESK_SCRIPT = `
const progress = document.getElementById("progress");
if (progress) {
  const bar = progress.querySelector("progress");
  const text = progress.querySelector("output");
  const events = new EventSource(progress.dataset.events);
  events.addEventListener("progress", (e) => {
    const p = JSON.parse(e.data);
    bar.value = p.elapsedMs;
    text.textContent = \`\${(p.elapsedMs / 1000).toFixed(1)} s, \${p.iterations} moves tried, best objective \${p.bestObjective}\`;
  });
  events.addEventListener("done", () => { events.close(); location.reload(); });
}
const movePatient = document.getElementById("move-patient");
const moveFrom = document.getElementById("move-from");
if (movePatient && moveFrom) {
  const theirs = () => {
    for (const option of moveFrom.options)
      if (option.value) option.hidden = !option.dataset.members.split(" ").includes(movePatient.value);
    if (moveFrom.selectedOptions[0]?.hidden) moveFrom.value = "";
  };
  movePatient.addEventListener("change", theirs);
  theirs();
}
if (document.getElementById("patient-search")) {
${SEARCH_SCRIPT}
}
`;

const CSS = `
  header.banner { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid #999; padding-bottom: .4rem; margin-bottom: .6rem; }
  header.banner form { margin-left: auto; }
  nav ol { list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; gap: .5rem; }
  nav li + li::before { content: "›"; margin-right: .5rem; }
  form.stack { display: grid; gap: .3rem; max-width: 34rem; } form.stack > * { min-width: 0; }
  form.stack select, form.stack input { width: 100%; box-sizing: border-box; }
  form.stack label { font-weight: 600; }
  fieldset { border: 1px solid #999; margin: .5rem 0; }
  button { font-size: 1rem; padding: .3rem .8rem; }
  .ok { color: #064; } .bad { color: #900; }
  section.panel { border: 1px solid #ccc; padding: .2rem .8rem .6rem; margin: .5rem 0; }
  section.panel h2 { margin: .4rem 0; } section.panel p { margin: .3rem 0; }
  .actions { display: flex; gap: 0 1rem; flex-wrap: wrap; align-items: flex-start; }
  .actions > section { flex: 1 1 22rem; } .actions select { max-width: 100%; }
  #week { width: 100%; } #week td { min-width: 0; }
  @media print { header.banner, nav, .actions, section.panel { display: none; } }
  a:focus, button:focus, input:focus, select:focus { outline: 3px solid #0a58ca; outline-offset: 2px; }
`;

export interface Crumb {
  readonly label: string;
  readonly href?: string;
}

/** A hidden field with the form's CSRF token: every form that changes something carries it. */
export const csrfField = (token: string) => `<input type="hidden" name="_csrf" value="${esc(token)}">`;

const ROLE_SAYS: Record<Role, string> = {
  reader: "reads rosters",
  planner: "plans weeks",
  publisher: "plans and publishes weeks",
  admin: "administers",
};

/** A whole page; `who` and `csrf` for a signed-in page (its banner carries the sign-out form). */
export function workspacePage(
  title: string,
  body: string,
  options: { who?: Principal; csrf?: string; crumbs?: readonly Crumb[] } = {},
): string {
  const { who, csrf, crumbs = [] } = options;
  // Keyless, nobody signed in, so nobody signs out.
  const signOut =
    who && csrf && who.keyId !== LOCAL_PRINCIPAL.keyId
      ? `<form method="post" action="/app/sign-out">${csrfField(csrf)}<button type="submit">Sign out</button></form>`
      : "";
  const banner = `<header class="banner"><strong>IOP roster desk</strong>${
    who ? `<span>Key ${esc(who.keyId)} (${esc(who.role)}: ${ROLE_SAYS[who.role]})</span>` : ""
  }${signOut}</header>`;
  const trail = [{ label: "Clinics", href: "/app" }, ...crumbs];
  const nav = who
    ? `<nav aria-label="Where you are"><ol>${trail
        .map((c, i) =>
          c.href && i < trail.length - 1
            ? `<li><a href="${esc(c.href)}">${esc(c.label)}</a></li>`
            : `<li aria-current="page">${esc(c.label)}</li>`,
        )
        .join("")}</ol></nav>`
    : "";
  return htmlDocument(title, PART2_NOTICE, body, PAGE_CSS + CSS, "", { before: banner + nav, scriptSrc: SCRIPT_URL });
}

/**
 * The lines the CLI prints (a diff, a what-if) as a page reads them: a line followed by indented ones is a heading
 * over their list; blank lines only separate.
 */
export function linesHtml(id: string, lines: readonly string[]): string {
  const parts: string[] = [];
  let items: string[] = [];
  const close = () => {
    if (items.length) parts.push(`<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`);
    items = [];
  };
  lines.forEach((line, i) => {
    if (line.trim() === "") return close();
    if (/^\s/.test(line)) return void items.push(line.trim());
    close();
    parts.push(/^\s/.test(lines[i + 1] ?? "") ? `<h2>${esc(line.replace(/:$/, ""))}</h2>` : `<p>${esc(line)}</p>`);
  });
  close();
  return `<div id="${esc(id)}">${parts.join("")}</div>`;
}
