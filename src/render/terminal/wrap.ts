import { charWidth, visible } from '../text.js';

/** Text cut into pieces of at most `width` columns (at least one character each), wherever it must. */
export function cut(text: string, width: number): string[] {
  const out: string[] = [];
  let piece = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (piece !== '' && used + w > width) {
      out.push(piece);
      piece = '';
      used = 0;
    }
    piece += ch;
    used += w;
  }
  return piece === '' && out.length > 0 ? out : [...out, piece];
}

/**
 * Wraps words to `width` columns; every line after the first starts with `indent`. A word wider
 * than a line (a long name, or text in a script written without spaces) is cut to fit.
 */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = '';
  const room = Math.max(1, width - visible(indent));
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    // Coloured words are ours, and short; only plain text is cut.
    .flatMap((word) => (word.includes('\u001b') || visible(word) <= room ? [word] : cut(word, room)));
  for (const word of words) {
    const prefix = lines.length === 0 ? lead : indent;
    const next = line === '' ? `${prefix}${word}` : `${line} ${word}`;
    if (visible(next) > width && line !== '') {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A shell command broken over lines with trailing backslashes, to fit `width`. */
export function wrapCommand(words: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length + 2 > width && line !== '') {
      lines.push(`${line} \\`);
      line = `${indent}${word}`;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** At most `n` lines; when some are left out, the last one kept ends in an ellipsis within `width`, after a whole word. */
export function clip(lines: readonly string[], n: number, width: number): string[] {
  if (lines.length <= n) return [...lines];
  const kept = lines.slice(0, n);
  kept[n - 1] = ellipsis(kept[n - 1]!, width);
  return kept;
}

/** A line ended with " …" within `width`, words dropped from its end to make room; a single word too wide for that is cut. */
function ellipsis(line: string, width: number): string {
  const lead = /^\s*/.exec(line)![0].length;
  let text = line.trimEnd();
  while (visible(text) + 2 > width) {
    const at = text.lastIndexOf(' ');
    if (at <= lead) return `${cut(line, width - 2)[0]} …`;
    text = text.slice(0, at).trimEnd();
  }
  return `${text} …`;
}

/**
 * Items joined by `separator` and wrapped, in at most `n` lines: as many whole items as fit, then
 * `more(left)` for the ones left out ("; …", "; and 2 more"), so that no item is cut in the middle.
 */
export function wrapList(items: readonly string[], separator: string, n: number, width: number, more: (left: number) => string, indent = ''): string[] {
  for (let k = items.length; k > 0; k--) {
    const lines = wrap(`${items.slice(0, k).join(separator)}${k < items.length ? more(items.length - k) : ''}`, width, indent);
    if (lines.length <= n) return lines;
  }
  return clip(wrap(items.join(separator), width, indent), n, width);
}
