// The pieces every printable page shares: escaping, and a document with its print styles and the notice.

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML: ids and titles come from the clinic's own files. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const BASE_CSS = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #111; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
  table { border-collapse: collapse; margin: .5rem 0 1rem; }
  th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: left; vertical-align: top; }
  th { background: #eee; } caption { text-align: left; font-weight: 600; padding: .25rem 0; }
  .notice { font-weight: 600; border: 1px solid #111; padding: .4rem .6rem; display: inline-block; }
  @media print {
    body { margin: 0; font-size: 11pt; } .no-print { display: none; } h2 { break-after: avoid; } tr { break-inside: avoid; }
    caption { break-after: avoid; } thead { display: table-header-group; }
  }
`;

/**
 * What a served page has around its content: a banner and navigation before it, a script file after it. It names an
 * empty icon: the browser's own request for /favicon.ico would carry no key, and count as a failed sign-in.
 */
export interface Chrome {
  readonly before: string;
  readonly scriptSrc: string;
}

export function htmlDocument(title: string, notice: string, body: string, extraCss = "", script = "", chrome?: Chrome): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>${chrome ? `\n<link rel="icon" href="data:,">` : ""}
<style>${BASE_CSS}${extraCss}</style>
</head>
<body>
${chrome ? `${chrome.before}\n` : ""}<main>
<p class="notice" role="note">${esc(notice)}</p>
${body}
<p class="notice" role="note">${esc(notice)}</p>
</main>
${script ? `<script>${script}</script>` : ""}${chrome ? `<script src="${esc(chrome.scriptSrc)}" defer></script>` : ""}
</body>
</html>
`;
}
