// A short page that says what happened and where to go next: the workspace's answer to anything but success.
import type { FastifyReply } from "fastify";
import { esc } from "../export/html.js";
import { sendPage } from "./desk-route.js";
import { workspacePage } from "./layout.js";

export function messagePage(
  reply: FastifyReply,
  status: number,
  title: string,
  text: string,
  link = { href: "/app", label: "Back to your clinics" },
): FastifyReply {
  const body = `<h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="${esc(link.href)}">${esc(link.label)}</a></p>`;
  return sendPage(reply, workspacePage(title, body), status);
}
