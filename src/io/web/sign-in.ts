// Signing in and out, and the page's one script. The key is read once, from a form posted over the page's own
// origin (CSRF-checked, so no other site can sign a browser in as someone else), and never stored.
import { clientOf, isLocalHost } from "../http/auth.js";
import { SESSION_MS } from "../store/sessions.js";
import { type DeskRoute, SESSION_COOKIE, seeOther, sendPage, sessionCookie } from "./desk-route.js";
import { esc } from "../export/html.js";
import { DESK_SCRIPT, csrfField, workspacePage } from "./layout.js";

/** Where to go once signed in: a page of the workspace the visitor was sent from, never another site. */
function nextOf(value: unknown): string {
  return typeof value === "string" && /^\/app(\/[\w\-./]*)?(\?[\w\-.=&%]*)?$/.test(value) && !value.includes("..") ? value : "/app";
}

function signInPage(csrf: string, next: string, failed?: string): string {
  const body = `<h1>Sign in</h1>
${failed ? `<p class="bad" role="alert">${failed}</p>` : ""}
<p>Sign in with your personal key. It is checked once; this browser then keeps a session for ${SESSION_MS / 3600_000} hours, or until you sign out.</p>
<form class="stack" method="post" action="/app/sign-in">${csrfField(csrf)}<input type="hidden" name="next" value="${esc(next)}">
<label for="key">Key</label>
<input id="key" name="key" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`;
  return workspacePage("Sign in", body);
}

export const SIGN_IN_ROUTES: DeskRoute[] = [
  {
    method: "GET",
    url: "/app/sign-in",
    access: "signed-out",
    summary: "The sign-in page: a field for the key",
    handle: async (request, reply, { config }) => {
      if (config.API_KEYS.length === 0) return seeOther(reply, "/app");
      return sendPage(reply, signInPage(reply.generateCsrf(), nextOf((request.query as { next?: unknown }).next)));
    },
  },
  {
    method: "POST",
    url: "/app/sign-in",
    access: "signed-out",
    summary: "Exchanges a valid key for a session cookie; failed attempts are throttled by address",
    handle: async (request, reply, { auth, sessions, failures, config }) => {
      const form = request.body as { key?: unknown; next?: unknown };
      const next = nextOf(form.next);
      if (config.API_KEYS.length === 0) return seeOther(reply, next);
      // The session cookie is Secure: over plain HTTP (but to this machine) the browser would drop it, and the key
      // would have crossed the network in the clear.
      if (request.protocol !== "https" && !isLocalHost(request.headers.host))
        return sendPage(reply, signInPage(reply.generateCsrf(), next, "Sign-in needs HTTPS: open this page at its https:// address."), 421);
      const key = String(form.key ?? "").trim();
      const address = clientOf(request.ip);
      const principal = key ? await auth.principal(key) : null;
      if (!principal) {
        if (failures.blocked(address))
          return sendPage(
            reply.header("retry-after", "60"),
            signInPage(reply.generateCsrf(), next, "Too many failed attempts from this address: wait a minute."),
            429,
          );
        failures.fail(address);
        return sendPage(reply, signInPage(reply.generateCsrf(), next, "That key is not valid, or it was revoked."), 401);
      }
      const cookie = await sessions.open(principal);
      reply.setCookie(SESSION_COOKIE, cookie, { ...sessionCookie, maxAge: SESSION_MS / 1000 });
      return seeOther(reply, next);
    },
  },
  {
    method: "POST",
    url: "/app/sign-out",
    access: "reader",
    summary: "Ends the session at once, on the server too",
    handle: async (request, reply, { sessions }) => {
      const value = request.cookies[SESSION_COOKIE];
      if (value) await sessions.close(value);
      reply.clearCookie(SESSION_COOKIE, sessionCookie);
      return seeOther(reply, "/app/sign-in");
    },
  },
  {
    method: "GET",
    url: "/app/assets/desk.js",
    access: "signed-out",
    summary: "The workspace's one script: live progress of a solve, the patient search",
    handle: (_request, reply) => reply.type("text/javascript; charset=utf-8").send(DESK_SCRIPT),
  },
];
