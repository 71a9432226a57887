// Free text a client sends (names, titles, labels, credentials, a model's notes) ends up on printed pages, in
// patients' calendars and in spreadsheets. It is refused at input unless it is bounded, one line, and reads as
// it is stored: no control character (a line break in a calendar's name ends the line and starts a property of
// the sender's choosing) and no bidirectional control (a right-to-left override shows text other than the bytes).
import { z } from "zod";

/** Names, titles, labels and credentials. */
export const LABEL_MAX = 200;
/**
 * Sources, assumptions and descriptions of a program model (the shipped ones stay under 250 characters), and a
 * roster's reasons and warnings (the solver cuts its own to this, see clipText).
 */
export const PROSE_MAX = 2000;

const BIDI: Record<number, string> = {
  0x061c: "arabic letter mark",
  0x200e: "left-to-right mark",
  0x200f: "right-to-left mark",
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
};

// C0 (tab and line breaks included), DEL and C1; Unicode's own line and paragraph separators; the bidi controls;
// and a surrogate without its pair (the u flag matches a whole pair as one code point, so only a lone half hits).
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, "gu");

const codePoint = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

/** What a forbidden character is, by code point and name: the message never repeats the text around it. */
function described(char: string): string {
  const c = char.charCodeAt(0);
  const name =
    c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029
      ? "a line break"
      : c === 0x09
        ? "a tab"
        : c === 0x00
          ? "a NUL character"
          : BIDI[c] !== undefined
            ? `a bidirectional control (${BIDI[c]})`
            : c >= 0xd800 && c <= 0xdfff
              ? "half of a surrogate pair without the other half"
              : "a control character";
  return `${name}, ${codePoint(c)}`;
}

/**
 * A text of at most `max` characters (UTF-16 code units, as JavaScript and JSON Schema count them) and none of
 * the forbidden ones. `Label` and `Prose` are the two every schema uses.
 */
function plainText(max: number) {
  return z
    .string()
    .max(max, { error: `expected at most ${max} characters` })
    .superRefine((text, ctx) => {
      const found = FORBIDDEN.exec(text);
      if (found)
        ctx.addIssue({
          code: "custom",
          message: `expected one line of plain text; found ${described(found[0])} at character ${found.index + 1}`,
        });
    });
}

/** A name, title, label or credential: one line, at most LABEL_MAX characters. */
export const Label = plainText(LABEL_MAX).meta({
  description: `One line of plain text, at most ${LABEL_MAX} characters: no control characters (tab, line break) or bidirectional controls`,
});

/** A sentence or two: a source, an assumption, a description, a reason; at most PROSE_MAX characters, one line. */
export const Prose = plainText(PROSE_MAX).meta({
  description: `One line of plain text, at most ${PROSE_MAX} characters: no control characters (tab, line break) or bidirectional controls`,
});

/**
 * Text we show but did not take through a schema (a spreadsheet's header, say), made safe to show: each forbidden
 * character becomes U+FFFD and a longer text is cut at `max` characters with an ellipsis.
 */
export function shownText(text: string, max: number = LABEL_MAX): string {
  return clipText(text.replace(FORBIDDEN_ALL, "\ufffd"), max);
}

/** Text we write ourselves (a shortfall's reason) cut to what the roster's schema reads back: `max` characters. */
export function clipText(text: string, max: number = PROSE_MAX): string {
  if (text.length <= max) return text;
  // Never cut between the halves of a surrogate pair.
  const end = /[\ud800-\udbff]/.test(text[max - 2]) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}
