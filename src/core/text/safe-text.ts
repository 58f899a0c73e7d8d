/**
 * Text that came from input (answers, keys, file names, rubric text, waivers, baselines) made safe
 * to print. Control characters (C0, DEL, C1), the line and paragraph separators, and the invisible
 * format characters (Unicode category Cf: the bidirectional overrides, zero-width space, word
 * joiner, byte order mark, soft hyphen, tag characters and the rest) become visible escapes, so
 * that no answer can clear a screen, set a window title, hide or reorder text, or start a line of
 * its own (a line beginning "::" is a command to GitHub Actions). One module owns this; each
 * input is made visible once, where it is read, so every output gets safe text, and the Markdown
 * outputs also escape HTML, links and images.
 */

// Two format characters are kept: the zero-width non-joiner (U+200C) and joiner (U+200D). Emoji
// sequences (a family, a profession) are joined by U+200D, and Persian, Indic and other scripts
// need both to shape their letters; neither can hide text or change its direction.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|(?![\u200c\u200d])\p{Cf}/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');
const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/** An escape for one character: \x1B up to U+00FF, \u202E in the first plane, \u{E0041} past it. */
const escapeOf = (c: string) => {
  const n = c.codePointAt(0)!;
  return NAMED[c] ?? (n <= 0xff ? `\\x${hex(n, 2)}` : n <= 0xffff ? `\\u${hex(n, 4)}` : `\\u{${hex(n, 5)}}`);
};

/** Whether the text holds nothing that visible() would escape. */
export const isVisible = (s: string): boolean => !UNSAFE.test(s);

/** The text with every control or invisible format character shown as an escape: ESC becomes \x1B. */
export function visible(s: string): string {
  if (!UNSAFE.test(s)) return s;
  return s.replace(UNSAFE_ALL, escapeOf);
}

/** A copy of plain data (objects, arrays, strings) with every string, key or value, made visible. */
export function visibleDeep<T>(v: T): T {
  if (typeof v === 'string') return visible(v) as T;
  if (Array.isArray(v)) return v.map(visibleDeep) as T;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[visible(k)] = visibleDeep(x);
    return out as T;
  }
  return v;
}

/**
 * Where a text's code spans stand, when nothing can make a Markdown renderer pair its backticks
 * otherwise: every backtick single, none after a backslash, and an even number of them between
 * line breaks and pipes (any pipe, escaped or not, may end a table cell for all this knows). Then
 * neighbours pair, in CommonMark and in GitHub's tables alike, and the text splits into prose
 * (even indexes) and code spans (odd). Null when any of that fails: a backtick from input could
 * then pair differently, and nothing counts as code.
 */
function codeSpans(text: string): string[] | null {
  if (!text.includes('`')) return [text];
  if (/``|\\`/.test(text)) return null;
  for (const stretch of text.split(/[\n|]/)) if ((stretch.split('`').length - 1) % 2 === 1) return null;
  return text.split(/(`[^`]*`)/);
}

/** A link or image from input: the bracket that would form it gets a backslash, unless an odd run of them already escapes it. */
const LINK_OR_IMAGE = /(\\*)(!\[|\][([:])/g;

/**
 * Markdown for places that render it with HTML (pull-request comments, job summaries), so that
 * text from input can neither inject HTML nor embed an image or a link. Outside code spans, a <
 * that would open a tag, a comment or an autolink, and an & that would start an entity, become
 * entities; the bracket of an image ("![") and the closing bracket of an inline link ("](") or of
 * a reference link or its definition ("][", "]:") get a backslash, which the reader does not see.
 * A < before a space or a digit ("< 10 services") cannot start HTML and stays as written, and so
 * does any other bracket. When a backtick from input leaves it unclear what is code, all of the
 * text is escaped, code spans included.
 */
export function escapeMarkdown(text: string): string {
  const prose = (part: string) =>
    part
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
      .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
      .replace(LINK_OR_IMAGE, (m, slashes: string, mark: string) => (mark === '![' ? `${slashes}!\\[` : slashes.length % 2 === 1 ? m : `${slashes}\\${mark}`));
  const parts = codeSpans(text);
  return parts ? parts.map((part, i) => (i % 2 === 1 ? part : prose(part))).join('') : prose(text);
}

/** Characters XML 1.0 does not allow anywhere, even escaped: most C0 controls, U+FFFE, U+FFFF, lone surrogates. */
export const stripXmlInvalid = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
