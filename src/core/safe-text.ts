/**
 * Text that came from input (answers, keys, file names, rubric text) made safe to print. Control
 * characters (C0, DEL, C1), the line and paragraph separators, and the invisible format characters
 * (Unicode category Cf: the bidirectional overrides, zero-width space, word joiner, byte order
 * mark, soft hyphen, tag characters and the rest) become visible escapes, so that no answer can
 * clear a screen, set a window title, hide or reorder text, or start a line of its own (a line
 * beginning "::" is a command to GitHub Actions). One module owns this; every output takes input
 * text through it, and the Markdown outputs also escape HTML.
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
 * Markdown for places that render HTML (pull-request comments, job summaries): outside code spans,
 * a < that would open a tag, a comment or an autolink, and an & that would start an entity,
 * become entities, so an answer cannot inject an image or a tag. A < before a space or a digit
 * ("< 10 services") cannot start HTML and stays as written.
 */
export function escapeHtmlInMarkdown(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;').replace(/<(?=[A-Za-z/!?])/g, '&lt;')))
    .join('');
}

/** Characters XML 1.0 does not allow anywhere, even escaped: most C0 controls, U+FFFE, U+FFFF, lone surrogates. */
export const stripXmlInvalid = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
